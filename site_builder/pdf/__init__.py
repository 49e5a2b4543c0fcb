"""``site-builder pdf``: the site, with a PDF of each official page for signing and archiving.

The analysis, the table of measures and each report are printed with the site's own
print styles (A4, the wide tables on landscape pages, the self-hosted Sarabun font) by
the system's headless Chromium, whose PDFs carry the Thai text as it is written, ำ and
stacked marks included (WeasyPrint's drop ำ).  The site is built as ``build`` builds
it, into a staging folder, but with the official pages linking their PDFs
(:attr:`site_builder.plan.SitePlan.pdfs`); the PDFs are printed into that folder
(:mod:`.printer`) and made reproducible, with links into the published site
(:mod:`.document`); only then is the folder swapped in.  A failure at any step
leaves the previous site as it was.
"""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from ..building import build_site
from ..commands import say
from ..plan import build_plan
from .printer import PrintFailed, print_site

if TYPE_CHECKING:
    from pathlib import Path

    from ..commands import Run
    from ..plugin import ItaPlugin

BROWSERS = ("chromium", "chromium-browser")
"""The names the system's Chromium goes by (Debian, Ubuntu), looked up on PATH."""
MISSING = (
    "site-builder pdf: ไม่พบโปรแกรม Chromium ที่ใช้พิมพ์หน้าเป็นไฟล์ PDF: ติดตั้งด้วยคำสั่ง "
    "sudo apt-get install chromium fonts-thai-tlwg แล้วสั่งใหม่ (ยังไม่ได้สร้างหรือเปลี่ยนแปลงไฟล์ใด)"
)
"""What ``site-builder pdf`` says, and all it does, when there is no Chromium."""


def find_chromium() -> str | None:
    """The system's Chromium on PATH, or None."""
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def cmd_pdf(run: Run) -> int:
    """Validate, build into a staging folder with the official pages linking their PDFs,
    print each PDF into it, then swap it in; exit 1 leaving the old site untouched
    when Chromium is missing or any step fails."""
    chromium = find_chromium()
    if chromium is None:  # before anything is read or written
        say(MISSING)
        return 1
    loaded = run.load_planned(warnings=False)
    if loaded is None:
        return 1
    # A plain build's plan but for the links to the PDFs, made for the settings the
    # plugin compares (for any other it would plan again, without them: checked below).
    content = loaded[0]
    config = run.project.mkdocs_config()
    site_url = content.site.site_url or run.project.site_url()
    plan = build_plan(
        content, directory_urls=config.use_directory_urls, site_url=site_url, pdf=True
    )
    printed: list[str] = []

    def print_pdfs(site: Path, plugin: ItaPlugin) -> None:
        if plugin.plan is not plan:
            raise PrintFailed(
                "ไม่ได้พิมพ์ไฟล์ PDF: เว็บไซต์ถูกสร้างด้วยค่าตั้งที่ต่างจากที่ตรวจไว้ (site_url หรือ "
                "use_directory_urls): แจ้งผู้ดูแลระบบพร้อมไฟล์ mkdocs.yml (เว็บไซต์เดิมยังอยู่ ไม่ได้เปลี่ยนแปลง)"
            )
        printed.extend(print_site(site, plan, chromium))

    where = build_site(run, lambda: (content, plan), finish=print_pdfs)
    if where is None:
        return 1
    if printed:
        say(f"สร้างเว็บไซต์พร้อมไฟล์ PDF {len(printed)} ไฟล์แล้วที่ {where}")
    else:
        say(f"สร้างเว็บไซต์แล้วที่ {where} (ยังไม่มีการวิเคราะห์ มาตรการ หรือรายงานที่เผยแพร่ให้พิมพ์เป็น PDF)")
    return 0
