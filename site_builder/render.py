"""Render the validated content into the site's pages, as Markdown, in a fixed order.

Templates are Jinja2 with ``StrictUndefined`` and HTML autoescaping: every value
from content is escaped where it lands, Markdown fields go through
:mod:`site_builder.markup`.  Nothing here imports MkDocs.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from . import markup, thai, views
from .content import Content, Page, Report, Year

NavItem = dict[str, Any] | str


@dataclass(frozen=True)
class GeneratedPage:
    """One page of the site: its source path (``2566/measures/1.md``) and Markdown."""

    path: str
    title: str
    markdown: str


@dataclass
class SitePlan:
    pages: list[GeneratedPage] = field(default_factory=list)
    nav: list[NavItem] = field(default_factory=list)
    attachments: dict[str, str] = field(default_factory=dict)
    """Site path (``2566/files/a.pdf``) -> absolute source path."""


def page_url(path: str, directory_urls: bool = True) -> str:
    """The URL (relative to the site root) that MkDocs gives a source path."""
    if not path.endswith(".md"):
        return path
    stem = path[:-3]
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative(here: str, target: str, directory_urls: bool = True) -> str:
    """A relative link from the page at ``here`` to the source path ``target``."""
    here_url = page_url(here, directory_urls)
    base = here_url if here_url.endswith("/") or not here_url else posixpath.dirname(here_url)
    target_url = page_url(target, directory_urls)
    rel = posixpath.relpath(target_url or ".", base.rstrip("/") or ".")
    if target_url.endswith("/") or not target_url:
        rel = rel.rstrip("/") + "/" if rel != "." else "./"
    return rel


class Renderer:
    def __init__(self, content: Content, *, directory_urls: bool = True) -> None:
        self.content = content
        self.directory_urls = directory_urls
        self.thai_digits = content.site.display.numerals == "thai"
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("site_builder", "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(
            num=self.num,
            score=self.score,
            date=self.date,
            md=markup.block,
            mdi=markup.inline,
            text=markup.text,
        )
        self.env.globals.update(
            views=views,
            site=content.site,
            org=content.site.organization,
            content=content,
            thai_digits=self.thai_digits,
        )

    # -- filters ---------------------------------------------------------------

    def num(self, value: object) -> str:
        return thai.format_number(str(value), thai_digits=self.thai_digits)

    def score(self, value: float | None) -> str:
        return "–" if value is None else thai.format_score(value, thai_digits=self.thai_digits)

    def date(self, value: Any) -> str:
        return "" if value is None else thai.format_date(value, thai_digits=self.thai_digits)

    # -- pages -------------------------------------------------------------------

    def page(
        self, template: str, path: str, title: str, *, wide: bool = False, **context: Any
    ) -> GeneratedPage:
        def link(target: str) -> str:
            return quote(relative(path, target, self.directory_urls), safe="/#.-_~")

        body = self.env.get_template(template).render(link=link, here=path, title=title, **context)
        # Wide pages (the official tables) give the table-of-contents column to the table.
        hide = "hide:\n  - toc\n" if wide else ""
        front = "---\n" + f"title: {json.dumps(title, ensure_ascii=False)}\n" + hide + "---\n\n"
        heading = f"# {markup.text(title)}\n\n"
        return GeneratedPage(path, title, front + heading + body)

    def plan(self) -> SitePlan:
        """Every page, attachment and the navigation, in a fixed order."""
        plan = SitePlan()
        content = self.content
        n = self.num
        plan.pages.append(self.page("home.md.j2", "index.md", content.site.organization.name))
        nav: list[NavItem] = [{"หน้าแรก": "index.md"}]
        for year in reversed(content.years):
            pages = list(self.year_pages(year))
            plan.pages.extend(pages)
            nav.append({f"ปีงบประมาณ {n(year.year)}": self.year_nav(year)})
            for att in year.files:
                plan.attachments[f"{year.year}/{att.rel}"] = str(att.path)
        indicator_nav: list[NavItem] = []
        for ind in views.all_indicators(content):
            path = f"indicators/{ind.no}.md"
            title = f"ตัวชี้วัดที่ {n(ind.no)} {ind.name}"
            plan.pages.append(self.page("indicator.md.j2", path, title, indicator=ind))
            indicator_nav.append({title: path})
        nav.append({"ตัวชี้วัดทุกปี": indicator_nav})
        plan.nav = nav
        return plan

    def year_pages(self, year: Year) -> Iterator[GeneratedPage]:
        y = year.year
        n = self.num
        yield self.page("year.md.j2", f"{y}/index.md", f"ปีงบประมาณ พ.ศ. {n(y)}", year=year)
        if year.analysis is not None:
            title = year.analysis.title or (
                f"การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน (ITA) "
                f"ประจำปีงบประมาณ พ.ศ. {n(year.assessment_year)}"
            )
            yield self.page("analysis.md.j2", f"{y}/analysis.md", title, year=year)
        if year.measures is not None:
            title = year.measures.title or (
                f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {n(y)}"
            )
            yield self.page("measures.md.j2", f"{y}/measures/index.md", title, wide=True, year=year)
            for measure in year.measures.measures:
                yield self.page(
                    "measure.md.j2",
                    f"{y}/measures/{measure.no}.md",
                    f"มาตรการที่ {n(measure.no)} {measure.title}",
                    year=year,
                    measure=measure,
                )
        for report in views.reports_in_order(year):
            yield self.page(
                "report.md.j2",
                f"{y}/reports/{report.name}.md",
                views.report_title(report, y, self.thai_digits),
                wide=True,
                year=year,
                report=report,
            )
        for ind in views.indicators_of(year):
            yield self.page(
                "year_indicator.md.j2",
                f"{y}/indicators/{ind.no}.md",
                f"ตัวชี้วัดที่ {n(ind.no)} {ind.name} ปีงบประมาณ พ.ศ. {n(y)}",
                year=year,
                indicator=ind,
            )
        for page in year.pages:
            yield self.free_page(year, page)

    def free_page(self, year: Year, page: Page) -> GeneratedPage:
        meta = page.meta
        front = {"title": meta.title, "oit": list(meta.oit)}
        if meta.updated:
            front["updated"] = meta.updated.isoformat()
        if meta.description:
            front["description"] = meta.description
        head = (
            "---\n"
            + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in front.items())
            + "---\n\n"
        )
        updated = ""
        if meta.updated:
            updated = f'\n\n<p class="ita-updated">ปรับปรุงล่าสุด {self.date(meta.updated)}</p>\n'
        return GeneratedPage(
            f"{year.year}/pages/{page.slug}.md", meta.title, head + page.body + updated
        )

    def year_nav(self, year: Year) -> list[NavItem]:
        y = year.year
        n = self.num
        items: list[NavItem] = [f"{y}/index.md"]
        if year.analysis is not None:
            items.append({"การวิเคราะห์ผลการประเมิน": f"{y}/analysis.md"})
        if year.measures is not None:
            measures: list[NavItem] = [f"{y}/measures/index.md"]
            measures += [
                {f"มาตรการที่ {n(m.no)}": f"{y}/measures/{m.no}.md"} for m in year.measures.measures
            ]
            items.append({"มาตรการ": measures})
        reports = views.reports_in_order(year)
        if reports:
            items.append(
                {
                    "รายงานผลการดำเนินการ": [
                        {self.report_nav_title(r): f"{y}/reports/{r.name}.md"} for r in reports
                    ]
                }
            )
        items.append(
            {
                "ตัวชี้วัด": [
                    {f"ตัวชี้วัดที่ {n(i.no)} {i.name}": f"{y}/indicators/{i.no}.md"}
                    for i in views.indicators_of(year)
                ]
            }
        )
        if year.pages:
            items.append(
                {"เอกสารอื่น ๆ": [{p.meta.title: f"{y}/pages/{p.slug}.md"} for p in year.pages]}
            )
        return items

    def report_nav_title(self, report: Report) -> str:
        label = views.ROUND_LABELS[report.data.round]
        return self.num(label)


def render(content: Content, *, directory_urls: bool = True) -> SitePlan:
    """The complete plan of the site for validated content."""
    return Renderer(content, directory_urls=directory_urls).plan()


def link_checker(plan: SitePlan) -> Callable[[str], bool]:
    """Whether a site path is a page or attachment of the plan (for tests and checks)."""
    known = {p.path for p in plan.pages} | set(plan.attachments)
    return known.__contains__


__all__ = ["GeneratedPage", "Markup", "SitePlan", "link_checker", "page_url", "relative", "render"]
