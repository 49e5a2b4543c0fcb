"""The plan of a whole site: every page, attachment, generated file and the navigation.

:func:`build_plan` is the one place that assembles a site from validated content
(the pages from :mod:`site_builder.render.pages` through :mod:`site_builder.render`, the
navigation from the same list, the exports, the staff guide); :func:`error_plan` is
the preview's stand-in while the content has errors.  The MkDocs plugin and the
``generate`` command consume a plan; nothing in the package imports this module
except them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from markupsafe import escape

from . import exports, guide, oit, paths
from .format.models import SiteFile
from .render import GeneratedPage, Renderer
from .render.nav import NavItem, navigation
from .render.pages import site_specs
from .tree import Content

if TYPE_CHECKING:
    from pathlib import Path


@dataclass
class SitePlan:
    """What MkDocs is given to build one site."""

    pages: list[GeneratedPage] = field(default_factory=list)
    nav: list[NavItem] = field(default_factory=list)
    attachments: dict[str, str] = field(default_factory=dict)
    """Site path (``2566/files/a.pdf``) -> absolute source path."""
    extra: dict[str, str] = field(default_factory=dict)
    """Site path -> text of a generated file that is not a page (open data, redirects)."""
    logo: str | None = None
    """Site path of the organisation's logo (``files/logo.png``), for the theme's header."""
    directory_urls: bool = True
    site_url: str | None = None
    pdf: bool = False
    """The settings the plan was made for: its links and absolute URLs follow them, and
    with ``pdf`` its official pages link their PDFs."""
    pdfs: dict[str, str] = field(default_factory=dict)
    """PDF site path (``2566/analysis/ita-2566-analysis.pdf``) -> source path of the page
    it prints: the PDFs the pages link, to be printed into the built site (empty
    without ``pdf``).  Not in :meth:`site_paths`: a plain build has none."""

    def take_pages(self) -> list[GeneratedPage]:
        """The pages, handed over once: the plan keeps each page's path, title and trust,
        not its Markdown (MkDocs holds that from here on; at 950 pages, 35 MB)."""
        pages = self.pages
        self.pages = [replace(page, markdown="") for page in pages]
        return pages

    def site_paths(self) -> set[str]:
        """Every source path of the site: pages (``2566/analysis.md``), attachments, extras."""
        return {p.path for p in self.pages} | set(self.attachments) | set(self.extra)


def build_plan(
    content: Content,
    *,
    directory_urls: bool = True,
    site_url: str | None = None,
    pdf: bool = False,
) -> SitePlan:
    """The complete plan of the site for validated content, with the staff guide; with
    ``pdf``, the official pages link their PDFs, listed in :attr:`SitePlan.pdfs`."""
    renderer = Renderer(content, directory_urls=directory_urls, site_url=site_url, pdf=pdf)
    # OIT readiness once per year: as the pages show it, and with Arabic digits in the
    # click paths of the exports when the site writes Thai digits.
    statuses = {
        year.year: oit.for_year(content, year, thai_digits=renderer.thai_digits)
        for year in content.years
    }
    arabic = statuses
    if renderer.thai_digits:
        arabic = {year.year: oit.for_year(content, year) for year in content.years}
    specs = site_specs(content, statuses, thai_digits=renderer.thai_digits)
    plan = SitePlan(
        pages=[renderer.render(spec) for spec in specs],
        nav=navigation(specs),
        directory_urls=directory_urls,
        site_url=renderer.site_url,
        pdf=pdf,
        pdfs={spec.pdf: spec.path for spec in specs if spec.pdf} if pdf else {},
    )
    for year in reversed(content.years):
        for att in year.files:
            plan.attachments[paths.attachment(year.year, att.rel)] = str(att.path)
        plan.extra.update(
            exports.year_files(
                content,
                year,
                arabic[year.year],
                site_url=renderer.site_url,
                directory_urls=directory_urls,
            )
        )
    for att in content.files:
        plan.attachments[paths.site_file(att.rel)] = str(att.path)
    plan.logo = content.site.organization.logo
    plan.pages.extend(guide.pages(renderer, content, arabic))
    return plan


def error_plan(
    lines: list[str], docs_dir: Path, *, directory_urls: bool = True, with_guide: bool = True
) -> SitePlan:
    """The preview while the content has errors: the list of problems, and (unless
    ``with_guide`` is false) the staff guide: its footer link and "how to read an
    error" must work now most of all."""
    rows = "\n".join(f"<li><code>{escape(line)}</code></li>" for line in lines)
    body = (
        '---\ntitle: "เนื้อหามีข้อผิดพลาด"\n---\n\n'
        "แก้ไขไฟล์ตามรายการด้านล่าง แล้วบันทึกไฟล์: หน้านี้จะโหลดใหม่เอง "
        f"([วิธีอ่านข้อความแจ้งข้อผิดพลาด]({paths.guide('errors')}))\n\n"
        f'<ol class="ita-errors">\n{rows}\n</ol>\n'
    )
    pages = [GeneratedPage(paths.home(), "เนื้อหามีข้อผิดพลาด", body)]
    if not with_guide:
        return SitePlan(pages=pages, nav=[])
    placeholder = Content(
        root=docs_dir,
        site=SiteFile.model_validate({"organization": {"name": "หน่วยงาน"}}),
        years=(),
        frameworks={},
    )
    pages += guide.pages(Renderer(placeholder, directory_urls=directory_urls), None)
    return SitePlan(pages=pages, nav=[])
