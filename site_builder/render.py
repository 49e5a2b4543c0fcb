"""Render the validated content into the site's pages, as Markdown, in a fixed order.

Templates are Jinja2 with ``StrictUndefined`` and HTML autoescaping: every value
from content is escaped where it lands, Markdown fields go through
:mod:`site_builder.markup`.  Nothing here imports MkDocs.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import jinja2

from . import data, markup, oit, thai, views
from .content import Content, Page, Report, Year
from .urls import page_url, relative

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
    logo: str | None = None
    """Site path of the organisation's logo (``files/logo.png``), for the theme's header."""

    def site_paths(self) -> set[str]:
        """Every source path of the site: pages (``2566/analysis.md``), attachments, extras."""
        return {p.path for p in self.pages} | set(self.attachments) | set(self.extra)

    extra: dict[str, str] = field(default_factory=dict)
    """Site path -> text of a generated file that is not a page (open data, redirects)."""


class Renderer:
    def __init__(
        self, content: Content, *, directory_urls: bool = True, site_url: str | None = None
    ) -> None:
        self.content = content
        self.directory_urls = directory_urls
        self.site_url = site_url or None
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
            oit=oit,
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
            plan.extra.update(self.year_files(year))
        for att in content.files:
            plan.attachments[att.rel] = str(att.path)
        plan.logo = content.site.organization.logo
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
        statuses = oit.for_year(self.content, year, thai_digits=self.thai_digits)
        yield self.page(
            "oit.md.j2",
            f"{y}/oit.md",
            f"การเปิดเผยข้อมูลสาธารณะ (OIT) ปีงบประมาณ พ.ศ. {n(y)}",
            wide=True,
            year=year,
            statuses=statuses,
            groups=self.oit_groups(year, statuses),
        )
        for page in year.pages:
            yield self.free_page(year, page)

    def oit_groups(self, year: Year, statuses: list[oit.ItemStatus]) -> list[dict[str, Any]]:
        """Items grouped by sub-indicator, in the catalogue's order of sub-indicators."""
        fw = year.oit_framework
        names = {s.code: s.name for s in fw.subindicators} if fw else {}
        order = list(names)
        for st in statuses:
            if st.item.sub not in order:
                order.append(st.item.sub)
        return [
            {
                "code": code,
                "name": names.get(code, ""),
                "statuses": [s for s in statuses if s.item.sub == code],
            }
            for code in order
            if any(s.item.sub == code for s in statuses)
        ]

    def year_files(self, year: Year) -> dict[str, str]:
        """Open data and redirects of one year: files that are not pages."""
        y = year.year
        statuses = oit.for_year(self.content, year)
        website = self.content.site.organization.website
        files = {
            f"data/{y}.json": data.year_json(self.content, year, statuses, self.site_url),
            f"data/{y}-measures.csv": data.measures_csv(year, self.site_url),
            f"data/{y}-oit.csv": oit.to_csv(statuses, base_url=self.site_url, website=website),
        }
        for page in year.pages:
            target = f"{y}/pages/{page.slug}.md"
            for old in page.meta.redirect_from:
                here = f"{y}/pages/{old}.md"
                href = quote(relative(here, target, self.directory_urls), safe="/#.-_~")
                path = page_url(here, self.directory_urls)
                path = path + "index.html" if path.endswith("/") else path
                files[path] = redirect_html(href, page.meta.title)
        return files

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
        items.append({"การเปิดเผยข้อมูล (OIT)": f"{y}/oit.md"})
        if year.pages:
            items.append(
                {"เอกสารอื่น ๆ": [{p.meta.title: f"{y}/pages/{p.slug}.md"} for p in year.pages]}
            )
        return items

    def report_nav_title(self, report: Report) -> str:
        label = views.ROUND_LABELS[report.data.round]
        return self.num(label)


def render(
    content: Content, *, directory_urls: bool = True, site_url: str | None = None
) -> SitePlan:
    """The complete plan of the site for validated content, with the staff guide."""
    from . import guide

    renderer = Renderer(content, directory_urls=directory_urls, site_url=site_url)
    plan = renderer.plan()
    plan.pages.extend(guide.pages(renderer))
    return plan


def redirect_html(href: str, title: str) -> str:
    """A page that sends visitors of a renamed page's old URL to the new one."""
    from markupsafe import escape

    return (
        '<!doctype html>\n<html lang="th"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        f'<meta http-equiv="refresh" content="0; url={escape(href)}">'
        f'<link rel="canonical" href="{escape(href)}"></head>'
        f'<body><p>หน้านี้ย้ายไปที่ <a href="{escape(href)}">{escape(title)}</a></p></body></html>\n'
    )


__all__ = ["GeneratedPage", "SitePlan", "page_url", "redirect_html", "relative", "render"]
