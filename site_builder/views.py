"""Small view-models: what a page needs that the content does not say directly.

Derived values (a report's default period, a measure's focus, a year's level,
which results belong to which measure) are computed here once, in Python, so
that templates stay free of logic.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .tree import Content, Report, Year
from .framework import Indicator
from .models import IndicatorScore, Measure, Result
from .thai import fiscal_year_start, format_number

ROUND_LABELS = {
    "6-month": "รอบ 6 เดือน",
    "annual": "ประจำปี",
    "q1": "ไตรมาสที่ 1",
    "q2": "ไตรมาสที่ 2",
    "q3": "ไตรมาสที่ 3",
    "q4": "ไตรมาสที่ 4",
}
STATUS_LABELS = {
    "done": "ดำเนินการแล้ว",
    "in_progress": "อยู่ระหว่างดำเนินการ",
    "not_started": "ยังไม่ได้ดำเนินการ",
    "cancelled": "ยกเลิก",
}
FOCUS_LABELS = {
    "develop": "ประเด็นที่ต้องพัฒนา",
    "weakness": "ข้อบกพร่อง/จุดอ่อน",
}
TOOL_GROUP_LABELS = {
    "IIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)",
    "EIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)",
    "OIT": "แบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT)",
}
DEFAULT_INDICATORS = (
    Indicator(no=1, name="การปฏิบัติหน้าที่", tool="IIT"),
    Indicator(no=2, name="การใช้งบประมาณ", tool="IIT"),
    Indicator(no=3, name="การใช้อำนาจ", tool="IIT"),
    Indicator(no=4, name="การใช้ทรัพย์สินของราชการ", tool="IIT"),
    Indicator(no=5, name="การแก้ไขปัญหาการทุจริต", tool="IIT"),
    Indicator(no=6, name="คุณภาพการดำเนินงาน", tool="EIT"),
    Indicator(no=7, name="ประสิทธิภาพการสื่อสาร", tool="EIT"),
    Indicator(no=8, name="การปรับปรุงระบบการทำงาน", tool="EIT"),
    Indicator(no=9, name="การเปิดเผยข้อมูล", tool="OIT"),
    Indicator(no=10, name="การป้องกันการทุจริต", tool="OIT"),
)
_QUARTERS = {
    "q1": (0, 3),
    "q2": (3, 6),
    "q3": (6, 9),
    "q4": (9, 12),
    "6-month": (0, 6),
    "annual": (0, 12),
}


def _add_months(date: dt.date, months: int) -> dt.date:
    month = date.month - 1 + months
    return dt.date(date.year + month // 12, month % 12 + 1, 1)


def report_period(report: Report, year: int) -> tuple[dt.date, dt.date]:
    """The period a report covers: as written, or derived from its round."""
    if report.data.period is not None:
        return report.data.period.start, report.data.period.end
    start_month, end_month = _QUARTERS[report.data.round]
    first = fiscal_year_start(year)
    return _add_months(first, start_month), _add_months(first, end_month) - dt.timedelta(days=1)


def report_title(report: Report, year: int, thai_digits: bool = False) -> str:
    """The title shown for a report: its own, or a standard one from the round."""
    if report.data.title:
        return report.data.title
    return format_number(
        "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
        f"{ROUND_LABELS[report.data.round]} ปีงบประมาณ พ.ศ. {year}",
        thai_digits=thai_digits,
    )


def indicators_of(year: Year) -> tuple[Indicator, ...]:
    return year.framework.indicators if year.framework else DEFAULT_INDICATORS


def indicator_of(year: Year, no: int) -> Indicator | None:
    return next((i for i in indicators_of(year) if i.no == no), None)


def score_of(year: Year, no: int) -> IndicatorScore | None:
    if year.analysis is None:
        return None
    return next((s for s in year.analysis.indicators if s.no == no), None)


def level_of(year: Year) -> str | None:
    """The overall level: as written, else derived from the catalogue."""
    analysis = year.analysis
    if analysis is None or analysis.overall is None:
        return None
    if analysis.overall.level:
        return analysis.overall.level
    if year.framework is None or analysis.overall.score is None:
        return None
    return year.framework.level_for(analysis.overall.score, analysis.tools)


def focus_of(year: Year, measure: Measure) -> str | None:
    """develop or weakness: as written, else from the scores and the threshold."""
    if measure.focus:
        return measure.focus
    if year.analysis is None:
        return None
    scores = [
        s.score for no in measure.indicators if (s := score_of(year, no)) and s.score is not None
    ]
    if not scores:
        return None
    return "weakness" if min(scores) < year.analysis.threshold else "develop"


def measures_for(year: Year, indicator: int) -> list[Measure]:
    if year.measures is None:
        return []
    return [m for m in year.measures.measures if indicator in m.indicators]


@dataclass(frozen=True)
class ResultEntry:
    report: Report
    result: Result


def results_for(year: Year, measure: int) -> list[ResultEntry]:
    """The results of one measure in every report of the year, report order."""
    return [
        ResultEntry(report, res)
        for report in reports_in_order(year)
        for res in report.data.results
        if res.measure == measure
    ]


def reports_in_order(year: Year) -> list[Report]:
    """Reports by the end of their period, then by name."""
    return sorted(year.reports, key=lambda r: (report_period(r, year.year)[1], r.name))


def latest_year(content: Content) -> Year | None:
    return content.years[-1] if content.years else None


def all_indicators(content: Content) -> tuple[Indicator, ...]:
    """Indicators of the newest year's catalogue (the numbering is stable 1–10)."""
    latest = latest_year(content)
    return indicators_of(latest) if latest else DEFAULT_INDICATORS


def measure_by_no(year: Year) -> dict[int, Measure]:
    return {m.no: m for m in year.measures.measures} if year.measures else {}


def report_columns(year: Year, report: Report) -> list[str]:
    """The optional columns of a report's table that some row fills."""
    results = report.data.results
    measures = measure_by_no(year)
    cols = []
    if any(measures[r.measure].monitoring for r in results if r.measure in measures):
        cols.append("monitoring")
    cols.append("actions")
    cols += [
        k
        for k in ("outcomes", "problems", "suggestions", "notes")
        if any(getattr(r, k) for r in results)
    ]
    return cols
