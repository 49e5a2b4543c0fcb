"""Small view-models: what a page needs that the content does not say directly.

Derived values (a report's default period, a measure's focus, a year's level,
which results belong to which measure) are computed here once, in Python, so
that templates stay free of logic.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .format.framework import Indicator, nearest
from .thai import fiscal_year_start, format_number

if TYPE_CHECKING:
    from .format.models import IndicatorScore, Measure, Result
    from .tree import Content, Report, Year

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
    """The indicators of the catalogue the year's analysis is assessed by."""
    return year.framework.indicators if year.framework else ()


def indicator_of(year: Year, no: int) -> Indicator | None:
    """Indicator ``no`` of the year's catalogue, if it has one."""
    return next((i for i in indicators_of(year) if i.no == no), None)


def score_of(year: Year, no: int) -> IndicatorScore | None:
    """The analysis's score row of indicator ``no``, if it has one."""
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
    return verdict(min(scores), year.analysis.threshold)


def verdict(score: float, threshold: float) -> str:
    """``weakness`` below the threshold, else ``develop`` (a key of :data:`FOCUS_LABELS`)."""
    return "weakness" if score < threshold else "develop"


def strong_and_weak(year: Year) -> tuple[list[IndicatorScore], list[IndicatorScore]]:
    """The scored indicators at or above the analysis's threshold, best first, and
    those below it, worst first."""
    if year.analysis is None:
        return [], []
    threshold = year.analysis.threshold
    scored = [(s, s.score) for s in year.analysis.indicators if s.score is not None]
    best_first = sorted(scored, key=lambda pair: pair[1], reverse=True)
    worst_first = sorted(scored, key=lambda pair: pair[1])
    return (
        [s for s, score in best_first if score >= threshold],
        [s for s, score in worst_first if score < threshold],
    )


def measures_for(year: Year, indicator: int) -> list[Measure]:
    """The year's measures that address indicator ``indicator``, in their order."""
    if year.measures is None:
        return []
    return [m for m in year.measures.measures if indicator in m.indicators]


@dataclass(frozen=True)
class ResultEntry:
    """One result of a measure and the report it is in."""

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
    """The newest fiscal year of the content, if it has any."""
    return content.years[-1] if content.years else None


def all_indicators(content: Content) -> tuple[Indicator, ...]:
    """Indicators of the newest year's catalogue (the numbering is stable 1–10)."""
    latest = latest_year(content)
    if latest is not None:
        return indicators_of(latest)
    newest = nearest(content.frameworks, max(content.frameworks, default=0))
    return newest.indicators if newest else ()


def measure_by_no(year: Year) -> dict[int, Measure]:
    """The year's measures by number."""
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


@dataclass(frozen=True)
class Trend:
    """The newest overall result and the change from the assessment before it."""

    year: Year
    """The fiscal year whose analysis it is (its assessment is the year before)."""
    score: float | None
    level: str | None
    previous: Year | None = None
    """The latest earlier fiscal year with an overall score, if any."""
    change: float | None = None
    """``score`` minus the previous score, rounded to two decimals."""


def overall_score(year: Year) -> float | None:
    """The overall score of the year's analysis, if it has one."""
    overall = year.analysis.overall if year.analysis else None
    return overall.score if overall else None


def trend(content: Content) -> Trend | None:
    """The newest analysis with an overall result (a score, a level or both), and the
    change in score from the newest earlier one with a score; None when no analysis
    has an overall result."""
    rated = [y for y in content.years if y.analysis and y.analysis.overall]
    if not rated:
        return None
    latest = rated[-1]
    score = overall_score(latest)
    earlier = [y for y in rated[:-1] if overall_score(y) is not None]
    previous = earlier[-1] if earlier and score is not None else None
    before = overall_score(previous) if previous else None
    change = round(score - before, 2) if score is not None and before is not None else None
    return Trend(latest, score, level_of(latest), previous, change)


def latest_statuses(year: Year) -> list[tuple[Measure, str | None]]:
    """Each measure of the year with its status in the latest report that has a result
    for it (None: no report has one yet), in the measures' order."""
    if year.measures is None:
        return []
    found: list[tuple[Measure, str | None]] = []
    for m in year.measures.measures:
        entries = [e for e in results_for(year, m.no) if e.result.status]
        found.append((m, entries[-1].result.status if entries else None))
    return found
