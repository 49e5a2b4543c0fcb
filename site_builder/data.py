"""Open data: a year as JSON and its measures as CSV, from the same models as the pages."""

from __future__ import annotations

import json
from typing import Any

from . import csvfile, views
from .content import Content, Year
from .oit import ItemStatus, absolute

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
        analysis["url"] = url(f"{y}/analysis.md")
    measures: dict[str, Any] | None = None
    if year.measures is not None:
        measures = year.measures.model_dump(mode="json", by_alias=True, exclude_none=True)
        for item, m in zip(measures["measures"], year.measures.measures, strict=True):
            item["url"] = url(f"{y}/measures/{m.no}.md")
            item["focus"] = views.focus_of(year, m)
    reports = []
    for report in views.reports_in_order(year):
        data = report.data.model_dump(mode="json", by_alias=True, exclude_none=True)
        start, end = views.report_period(report, y)
        data["period"] = {"from": start.isoformat(), "to": end.isoformat()}
        data["name"] = report.name
        data["title"] = views.report_title(report, y)
        data["url"] = url(f"{y}/reports/{report.name}.md")
        for result in data["results"]:
            for ev in result.get("evidence", []):
                if "file" in ev:
                    ev["url"] = url(f"{y}/{ev['file']}")
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
                "url": url(f"{y}/pages/{p.slug}.md"),
            }
            for p in year.pages
        ],
        "files": [{"path": f.rel, "bytes": f.size, "url": url(f"{y}/{f.rel}")} for f in year.files],
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
                    absolute(f"{year.year}/measures/{m.no}.md", base_url),
                ]
            )
    return csvfile.write(header, rows)
