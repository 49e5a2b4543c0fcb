"""The staff guide: Thai pages at ``/guide/`` on how to edit the content.

Every build of every content tree gets the guide, so it always describes the
version of the format that built it. The pages are not in the navigation; the
theme links them from the footer of every page (``theme/partials/copyright.html``).

Nothing in the guide is written by hand where it could drift from the code:

- every YAML example is a file of a real content tree shipped with the package
  (:mod:`.examples`), which the tests load with the real loader, alone and as one
  tree;
- the error messages are what the real YAML loader and validator say about small
  broken documents, produced while the guide renders (:mod:`.errors`); the few
  that need files on disk are checked against a real ``site-builder check`` by the
  tests;
- the field tables are read from the JSON Schemas of :mod:`site_builder.format.schema`,
  the same ones editors use (:mod:`.fields`).
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Any

from .. import exports, oit, paths, views
from ..errors import format_problems
from ..thai import to_thai
from ..tree.attachments import MAX_FILE_BYTES
from .errors import FILE_MESSAGES, WARNING_MESSAGE, error_examples
from .examples import EXAMPLE_YEAR, EXAMPLES, skeleton_report
from .fields import KIND_FILES, KIND_TITLES, field_tables, required_fields

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..render import GeneratedPage, Renderer
    from ..tree import Content

__all__ = ["FOLDER", "KIND_FILES", "KIND_TITLES", "PAGES", "pages"]

FOLDER = paths.GUIDE_FOLDER
"""The guide's folder in the site: its pages are :func:`site_builder.paths.guide`."""

PAGES: tuple[tuple[str, str], ...] = (
    ("index", "คู่มือสำหรับเจ้าหน้าที่"),
    ("measures", "เพิ่มมาตรการ"),
    ("reports", "เขียนรายงานผลการดำเนินการ"),
    ("files", "แนบไฟล์สแกน (PDF)"),
    ("editor", "แก้ไขด้วยแบบฟอร์มและนำเข้าจาก Word"),
    ("new-year", "เริ่มปีงบประมาณใหม่"),
    ("errors", "อ่านข้อความแจ้งข้อผิดพลาด"),
    ("fields", "ความหมายของแต่ละฟิลด์"),
    ("oit", "ใช้หน้า OIT กรอกข้อมูลในระบบ ITAS"),
)
"""Page name (``guide/<name>.md``, template ``guide/<name>.md.j2``) and Thai title, in reading order."""

_TEMPLATES = "guide"
"""The guide's folder among the package's templates."""


def _sample_row(
    content: Content, readiness: Mapping[int, list[oit.ItemStatus]], site_url: str | None
) -> dict[str, str] | None:
    """A row of the OIT CSV as this site writes it: the first served item of the
    latest year that has one; ``None`` when no year serves any."""
    served = next(
        (s for year in reversed(content.years) for s in readiness[year.year] if s.servers),
        None,
    )
    if served is None:
        return None
    website = content.site.organization.website
    return {
        "code": served.item.code,
        "name": served.item.name,
        "url": paths.absolute(served.servers[0].path, site_url),
        "how": f"1. {oit.explanation(served.servers[0], website)}",
    }


def pages(
    renderer: Renderer,
    content: Content | None,
    readiness: Mapping[int, list[oit.ItemStatus]] | None = None,
) -> list[GeneratedPage]:
    """The guide's pages for one site, in the order of :data:`PAGES`.

    ``content`` is the site's validated content: the OIT page then links its latest
    year and shows a row of its CSV. ``None`` is the preview's error page, where
    there is no valid content yet: the guide is the same without those two.
    ``readiness`` is each year's OIT readiness as the CSV writes it (computed once by
    the caller; computed here when left out). Of the renderer only
    :meth:`~site_builder.render.Renderer.page` and ``site_url`` are used.
    """
    latest = content.years[-1] if content is not None and content.years else None
    sample_row = None
    if content is not None:
        if readiness is None:
            readiness = {y.year: oit.for_year(content, y) for y in content.years}
        sample_row = _sample_row(content, readiness, renderer.site_url)
    problems = error_examples()
    context: dict[str, Any] = {
        "guide_pages": [(paths.guide(name), title) for name, title in PAGES],
        "examples": EXAMPLES,
        "skeleton": skeleton_report(),
        "example_year": EXAMPLE_YEAR,
        "thai_year": to_thai(str(EXAMPLE_YEAR)),
        "max_mb": MAX_FILE_BYTES // (1024 * 1024),
        "broken": [
            {"doc": b, "problems": ps, "text": "\n".join(p.format() for p in ps)}
            for b, ps in problems
        ],
        "first_output": format_problems(problems[0][1]),
        "file_messages": FILE_MESSAGES,
        "warning_message": WARNING_MESSAGE,
        "tables": field_tables(),
        "required_fields": required_fields,
        "kind_files": KIND_FILES,
        # A Markdown link between guide pages names the source file: MkDocs checks and rewrites it.
        "relpath": lambda target, here: posixpath.relpath(target, posixpath.dirname(here)),
        "latest": latest,
        "csv_header": exports.OIT_CSV_HEADER,
        "sample_row": sample_row,
        "round_labels": views.ROUND_LABELS,
        "status_labels": views.STATUS_LABELS,
    }
    return [
        renderer.page(
            f"{_TEMPLATES}/{name}.md.j2",
            paths.guide(name),
            title,
            wide=name == "fields",
            # For staff, not the public: out of the search and the sitemap (issue 14).
            unlisted=True,
            **context,
        )
        for name, title in PAGES
    ]
