"""The files of a site that are not pages: open data and the redirects of renamed pages.

Each year gets ``data/<year>.json`` (everything of the year, machine-readable),
``data/<year>-measures.csv`` and ``data/<year>-oit.csv`` (what staff paste into the
NACC's ITAS), from the same models as the pages; a free page's ``redirect_from``
keeps its old URL working.  Nothing here imports MkDocs.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from markupsafe import escape

from . import csvfile, paths, views
from .oit import ItemStatus, explanation, server_url
from .paths import absolute

if TYPE_CHECKING:
    from .tree import Content, Year

SCHEMA_VERSION = 1


def year_json(
    content: Content, year: Year, statuses: list[ItemStatus], base_url: str | None
) -> str:
    """Everything of one fiscal year, machine-readable; dates are ISO (C.E.)."""
    y = year.year

    def url(path: str) -> str:
        return absolute(path, base_url)

    analysis: dict[str, Any] | None = None
    if year.analysis is not None:
        analysis = year.analysis.model_dump(mode="json", by_alias=True, exclude_none=True)
        analysis["assessment_year"] = year.assessment_year
        analysis["level"] = views.level_of(year)
        analysis["url"] = url(paths.analysis(y))
    measures: dict[str, Any] | None = None
    if year.measures is not None:
        measures = year.measures.model_dump(mode="json", by_alias=True, exclude_none=True)
        for item, m in zip(measures["measures"], year.measures.measures, strict=True):
            item["url"] = url(paths.measure(y, m.no))
            item["focus"] = views.focus_of(year, m)
    reports = []
    for report in views.reports_in_order(year):
        data = report.data.model_dump(mode="json", by_alias=True, exclude_none=True)
        start, end = views.report_period(report, y)
        data["period"] = {"from": start.isoformat(), "to": end.isoformat()}
        data["name"] = report.name
        data["title"] = views.report_title(report, y)
        data["url"] = url(paths.report(y, report.name))
        for result in data["results"]:
            for ev in result.get("evidence", []):
                if "file" in ev:
                    ev["url"] = url(paths.attachment(y, ev["file"]))
        reports.append(data)
    document = {
        "schema_version": SCHEMA_VERSION,
        "fiscal_year": y,
        "organization": content.site.organization.model_dump(mode="json", exclude_none=True),
        "analysis": analysis,
        "measures": measures,
        "reports": reports,
        "pages": [
            {
                **p.meta.model_dump(mode="json", exclude_none=True),
                "url": url(paths.page(y, p.slug)),
            }
            for p in year.pages
        ],
        "files": [
            {"path": f.rel, "bytes": f.size, "url": url(paths.attachment(y, f.rel))}
            for f in year.files
        ],
        "oit": [
            {
                "code": st.item.code,
                "name": st.item.name,
                "sub_indicator": st.item.sub,
                "available": st.available,
                "status": st.status,
                "flagged": st.flagged,
                "urls": [s.url or url(s.path) for s in st.servers],
                "missing": list(st.missing),
            }
            for st in statuses
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def measures_csv(year: Year, base_url: str | None) -> str:
    """One row per measure with its latest status and result; UTF-8 with BOM."""
    header = [
        "มาตรการที่",
        "มาตรการ",
        "ตัวชี้วัด",
        "ผู้รับผิดชอบ",
        "ระยะเวลาดำเนินการ",
        "สถานะล่าสุด",
        "รายงานล่าสุด",
        "ผลการดำเนินการล่าสุด",
        "URL",
    ]
    rows: list[list[csvfile.Cell]] = []
    if year.measures is not None:
        for m in year.measures.measures:
            entries = views.results_for(year, m.no)
            latest = entries[-1] if entries else None
            status = views.STATUS_LABELS.get(latest.result.status or "", "") if latest else ""
            rows.append(
                [
                    m.no,
                    m.title,
                    ", ".join(str(i) for i in m.indicators),
                    "; ".join(
                        " ".join(p for p in (r.unit, r.person, r.position) if p)
                        for r in m.responsible
                    ),
                    "; ".join(m.period),
                    status,
                    views.report_title(latest.report, year.year) if latest else "",
                    "\n".join(latest.result.actions) if latest else "",
                    absolute(paths.measure(year.year, m.no), base_url),
                ]
            )
    return csvfile.write(header, rows)


def year_files(
    content: Content,
    year: Year,
    statuses: list[ItemStatus],
    *,
    site_url: str | None,
    directory_urls: bool,
) -> dict[str, str]:
    """Open data and redirects of one year: site path -> the file's text."""
    y = year.year
    website = content.site.organization.website
    files = {
        paths.data_json(y): year_json(content, year, statuses, site_url),
        paths.measures_csv(y): measures_csv(year, site_url),
        paths.oit_csv(y): to_csv(statuses, base_url=site_url, website=website),
    }
    for page in year.pages:
        target = paths.page(y, page.slug)
        for old in page.meta.redirect_from:
            here = paths.page(y, old)
            href = paths.link(here, target, directory_urls)
            files[paths.output_file(here, directory_urls)] = redirect_html(href, page.meta.title)
    return files


def redirect_html(href: str, title: str) -> str:
    """A page that sends visitors of a renamed page's old URL to the new one."""
    return (
        '<!doctype html>\n<html lang="th"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        f'<meta http-equiv="refresh" content="0; url={escape(href)}">'
        f'<link rel="canonical" href="{escape(href)}"></head>'
        f'<body><p>หน้านี้ย้ายไปที่ <a href="{escape(href)}">{escape(title)}</a></p></body></html>\n'
    )


OIT_CSV_HEADER = ("ข้อ", "ชื่อข้อมูล", "ตัวชี้วัดย่อย", "สถานะ", "URL", "คำอธิบาย")
"""The columns of ``/data/<year>-oit.csv``, in order."""


def to_csv(statuses: list[ItemStatus], *, base_url: str | None, website: str | None) -> str:
    """The rows staff paste into the NACC system; UTF-8 with BOM for Excel."""
    rows = []
    for st in statuses:
        urls = "\n".join(server_url(s, base_url) for s in st.servers)
        how = [f"{i}. {explanation(s, website)}" for i, s in enumerate(st.servers, 1)]
        how += [f"ยังขาด: {m}" for m in st.missing]
        rows.append([st.item.code, st.item.name, st.item.sub, st.status, urls, "\n".join(how)])
    return csvfile.write(list(OIT_CSV_HEADER), rows)
