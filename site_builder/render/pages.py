"""What pages a site has, in order: one list from which the pages and the navigation are made.

A :class:`PageSpec` says everything about one page but its Markdown: its source path
(from :mod:`site_builder.paths`), its title, where it sits in the navigation, the
template that renders it and the values the template gets.  :func:`site_specs` lists
every page of a validated content tree in the order MkDocs shows them; the renderer
turns each into Markdown and :mod:`site_builder.render.nav` folds the same list into the
navigation, so a page and its entry in the menu cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import oit, paths, views
from ..thai import format_number

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from ..tree import Content, Page, Year

YEAR_SECTION = "ปีงบประมาณ {year}"
"""The navigation section of one fiscal year."""


@dataclass(frozen=True)
class PageSpec:
    """One page of the site, before it is rendered."""

    path: str
    """Its source path (``2566/measures/3.md``)."""
    title: str
    """Its title: the page's heading and ``<title>``."""
    template: str | None
    """The template that renders it, or None for a free page (``page``)."""
    section: tuple[str, ...] | None = ()
    """The navigation sections it sits in, outermost first (``()`` is the top level);
    None keeps it out of the navigation."""
    nav_title: str | None = None
    """Its label in the navigation; None lets MkDocs use :attr:`title`."""
    wide: bool = False
    """An official table: the page gives the table-of-contents column to it."""
    context: Mapping[str, Any] = field(default_factory=dict)
    """The values its template gets, besides the renderer's globals."""
    page: Page | None = None
    """The free page it publishes, for ``template=None``."""
    pdf: str | None = None
    """The source path of its PDF (an official page: the analysis, the measures, a
    report), which the page links when the site is built with its PDFs."""


def site_specs(
    content: Content, statuses: Mapping[int, list[oit.ItemStatus]], *, thai_digits: bool
) -> list[PageSpec]:
    """Every page of the site in the order of the navigation: the home page, each year
    from the newest, then each indicator across the years.  ``statuses`` is the OIT
    readiness of each year (computed once, by the caller)."""

    def n(value: object) -> str:
        return format_number(str(value), thai_digits=thai_digits)

    latest = views.latest_year(content)
    home = {"readiness": statuses[latest.year] if latest else []}
    specs = [
        PageSpec(
            paths.home(), content.site.organization.name, "home.md.j2", (), "หน้าแรก", context=home
        )
    ]
    for year in reversed(content.years):
        section = (YEAR_SECTION.format(year=n(year.year)),)
        specs += year_specs(year, statuses[year.year], section, thai_digits=thai_digits)
    for ind in views.all_indicators(content):
        title = f"ตัวชี้วัดที่ {n(ind.no)} {ind.name}"
        specs.append(
            PageSpec(
                paths.indicator(ind.no),
                title,
                "indicator.md.j2",
                ("ตัวชี้วัดทุกปี",),
                title,
                context={"indicator": ind},
            )
        )
    return specs


def year_specs(
    year: Year, statuses: list[oit.ItemStatus], section: tuple[str, ...], *, thai_digits: bool
) -> Iterator[PageSpec]:
    """The pages of one fiscal year, in the order of its navigation ``section``."""

    def n(value: object) -> str:
        return format_number(str(value), thai_digits=thai_digits)

    y = year.year
    at = {"year": year}
    yield PageSpec(paths.year(y), f"ปีงบประมาณ พ.ศ. {n(y)}", "year.md.j2", section, context=at)
    if year.analysis is not None:
        title = year.analysis.title or (
            "การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน (ITA) "
            f"ประจำปีงบประมาณ พ.ศ. {n(year.assessment_year)}"
        )
        yield PageSpec(
            paths.analysis(y),
            title,
            "analysis.md.j2",
            section,
            "การวิเคราะห์ผลการประเมิน",
            context=at,
            pdf=paths.analysis_pdf(y),
        )
    if year.measures is not None:
        title = year.measures.title or (
            f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {n(y)}"
        )
        inside = (*section, "มาตรการ")
        yield PageSpec(
            paths.measures(y),
            title,
            "measures.md.j2",
            inside,
            wide=True,
            context=at,
            pdf=paths.measures_pdf(y),
        )
        for m in year.measures.measures:
            yield PageSpec(
                paths.measure(y, m.no),
                f"มาตรการที่ {n(m.no)} {m.title}",
                "measure.md.j2",
                inside,
                f"มาตรการที่ {n(m.no)}",
                context={**at, "measure": m},
            )
    for report in views.reports_in_order(year):
        yield PageSpec(
            paths.report(y, report.name),
            views.report_title(report, y, thai_digits),
            "report.md.j2",
            (*section, "รายงานผลการดำเนินการ"),
            n(views.ROUND_LABELS[report.data.round]),
            wide=True,
            context={**at, "report": report},
            pdf=paths.report_pdf(y, report.name),
        )
    for ind in views.indicators_of(year):
        yield PageSpec(
            paths.year_indicator(y, ind.no),
            f"ตัวชี้วัดที่ {n(ind.no)} {ind.name} ปีงบประมาณ พ.ศ. {n(y)}",
            "year_indicator.md.j2",
            (*section, "ตัวชี้วัด"),
            f"ตัวชี้วัดที่ {n(ind.no)} {ind.name}",
            context={**at, "indicator": ind},
        )
    yield PageSpec(
        paths.oit(y),
        f"การเปิดเผยข้อมูลสาธารณะ (OIT) ปีงบประมาณ พ.ศ. {n(y)}",
        "oit.md.j2",
        section,
        "การเปิดเผยข้อมูล (OIT)",
        wide=True,
        context={**at, "statuses": statuses, "groups": oit.groups(year, statuses)},
    )
    for page in year.pages:
        yield PageSpec(
            paths.page(y, page.slug),
            page.meta.title,
            None,
            (*section, "เอกสารอื่น ๆ"),
            page.meta.title,
            page=page,
        )
