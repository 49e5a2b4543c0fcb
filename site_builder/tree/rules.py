"""Rules that span files of one fiscal year: numbers, references, the catalogue."""

from __future__ import annotations

import difflib
from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING, TypeVar

from ..errors import Problem, field_path
from ..thai import format_score
from . import SLUG, Source, Year

if TYPE_CHECKING:
    from ..format.framework import Framework
    from ..format.yamlio import Loc


K = TypeVar("K", bound=Hashable)


def _at(
    source: Source, loc: Loc, message: str, *, field: str | None = None, warning: bool = False
) -> Problem:
    """A problem at ``loc`` of ``source``: its line, and the field it names (from
    ``loc`` unless ``field`` names another, for a problem of the whole document)."""
    line = source.doc.line_of(loc)
    return Problem(
        source.shown, line, field_path(loc) if field is None else field, message, warning=warning
    )


def _repeats(keys: Iterable[K]) -> list[int | None]:
    """For each key, the index of its first occurrence when it repeats an earlier one,
    else None: how every "the same number twice" rule finds the first one."""
    first: dict[K, int] = {}
    return [None if first.setdefault(key, i) == i else first[key] for i, key in enumerate(keys)]


def check_year(year: Year, frameworks: dict[int, Framework]) -> list[Problem]:
    """Every cross-file problem of one year."""
    problems: list[Problem] = []
    fw = year.framework
    assessed = year.assessment_year
    if year.analysis is not None and "analysis" in year.sources:
        src = year.sources["analysis"]
        if assessed not in frameworks:
            known = ", ".join(str(y) for y in sorted(frameworks))
            problems.append(
                _at(
                    src,
                    ("assessment_year",),
                    f"ไม่มีเกณฑ์การประเมิน ITA ปี {assessed} ในระบบ (มี {known}): "
                    f"เพิ่มไฟล์ frameworks/{assessed}.yml ในโฟลเดอร์เนื้อหา (ไฟล์จะขยายเกณฑ์ปีล่าสุดที่มี "
                    f"จึงเขียนเฉพาะส่วนที่ต่าง เช่น provisional: true เมื่อยังใช้รายการของปี {max(frameworks)})",
                )
            )
        elif fw is not None:
            problems += _check_analysis(year, fw, src)
    if year.measures is not None and "measures" in year.sources:
        problems += _check_measures(year, fw, year.sources["measures"])
    problems += _check_reports(year)
    problems += _check_oit_claims(year)
    problems += _check_redirects(year)
    problems += _check_filled(year)
    return problems


_FILL_OR_DRAFT = "เติมให้ครบ หรือใส่ draft: true ถ้ายังเป็นฉบับร่าง (ฉบับร่างจะไม่เผยแพร่)"


def _check_filled(year: Year) -> list[Problem]:
    """A document that is published must say something: an empty report or a
    score-less analysis is either filled in or marked a draft (DESIGN, format v1.1)."""
    problems = []
    analysis, measures = year.analysis, year.measures
    if (
        analysis is not None
        and not analysis.draft
        and "analysis" in year.sources
        and analysis.overall is None
        and not analysis.tools
        and not any(i.score is not None for i in analysis.indicators)
        and not analysis.document
    ):
        problems.append(
            _at(
                year.sources["analysis"],
                (),
                "การวิเคราะห์ยังไม่มีผลคะแนน (overall, tools หรือ score ของ indicators) "
                f"หรือเอกสาร (document): {_FILL_OR_DRAFT}",
                field="overall",
            )
        )
    if (
        measures is not None
        and not measures.draft
        and "measures" in year.sources
        and not measures.measures
        and not measures.document
    ):
        source = year.sources["measures"]
        written = isinstance(source.doc.data, dict) and "measures" in source.doc.data
        problems.append(
            _at(
                source,
                ("measures",),
                f"ยังไม่มีมาตรการ (measures) หรือเอกสาร (document): {_FILL_OR_DRAFT}",
                # An empty list was valid in format v1: a warning; no list at all, an error.
                warning=written,
            )
        )
    for report in year.reports:
        data = report.data
        if data.draft:
            continue
        if not data.document and not any(r.actions or r.outcomes for r in data.results):
            problems.append(
                _at(
                    report.source,
                    ("results",),
                    "รายงานยังไม่มีผลการดำเนินการ (actions หรือ outcomes) ของมาตรการใด "
                    f"และไม่มีเอกสาร (document): {_FILL_OR_DRAFT}",
                )
            )
        if data.results and measures is not None and measures.draft:
            problems.append(
                _at(
                    report.source,
                    ("results",),
                    f"มาตรการใน {year.sources['measures'].shown} ยังเป็นฉบับร่าง: "
                    "เผยแพร่มาตรการก่อน (ลบ draft: true) หรือใส่ draft: true ในรายงานนี้ด้วย",
                )
            )
    return problems


def _check_redirects(year: Year) -> list[Problem]:
    """An old page name must be a valid name that no current page uses."""

    current = {p.slug for p in year.pages}
    claimed: dict[str, str] = {}
    problems = []
    for page in year.pages:
        for j, old in enumerate(page.meta.redirect_from):
            loc = ("redirect_from", j)
            first = claimed.setdefault(old, page.slug)
            if first != page.slug:
                problems.append(
                    _at(
                        page.source,
                        loc,
                        f"หน้า pages/{first}.md ส่งต่อ URL เดิม '{old}' อยู่แล้ว: "
                        "URL เดิมหนึ่งชื่อส่งต่อไปได้หน้าเดียว ให้ลบออกจากหน้าใดหน้าหนึ่ง",
                    )
                )
            elif not SLUG.match(old):
                problems.append(
                    _at(
                        page.source,
                        loc,
                        f"ต้องเป็นชื่อไฟล์เดิมที่ไม่มี .md (อักษรอังกฤษตัวเล็ก ตัวเลข และ -) เช่น nogift (พบ '{old}')",
                    )
                )
            elif old in current:
                problems.append(
                    _at(
                        page.source,
                        loc,
                        f"มีหน้า pages/{old}.md อยู่แล้ว: URL เดิมนี้ยังใช้งานอยู่ จึงส่งต่อไม่ได้",
                    )
                )
    return problems


def _check_oit_claims(year: Year) -> list[Problem]:
    """Codes claimed in measures and pages must be items of the year's catalogue."""
    fw = year.oit_framework
    if fw is None:
        return []
    known = ", ".join(i.code for i in sorted(fw.oit, key=lambda i: int(i.code[1:])))
    hint = f"ข้อ OIT ปี {fw.year} มี: {known} (เพิ่มหรือแก้รายการได้ที่ frameworks/{fw.year}.yml)"
    claims: list[tuple[Source, Loc, str]] = []
    if year.measures is not None and "measures" in year.sources:
        for i, m in enumerate(year.measures.measures):
            claims += [
                (year.sources["measures"], ("measures", i, "oit", j), c)
                for j, c in enumerate(m.oit)
            ]
    for page in year.pages:
        claims += [(page.source, ("oit", j), c) for j, c in enumerate(page.meta.oit)]
    problems = []
    if year.oit is not None and "oit" in year.sources:
        src = year.sources["oit"]
        repeats = _repeats(entry.code for entry in year.oit.items)
        for i, (entry, first) in enumerate(zip(year.oit.items, repeats, strict=True)):
            claims.append((src, ("items", i, "code"), entry.code))
            if first is not None:
                problems.append(
                    _at(
                        src,
                        ("items", i, "code"),
                        f"ข้อ {entry.code} มีอยู่แล้วที่ items[{first}]: รวมลิงก์ไว้ใน links: ของข้อเดียว",
                    )
                )
    for source, loc, code in claims:
        if fw.oit_item(code) is None:
            problems.append(_at(source, loc, f"ไม่มีข้อ {code} ในรายการ OIT ปี {fw.year}: {hint}"))
    return problems


def _check_analysis(year: Year, fw: Framework, src: Source) -> list[Problem]:
    analysis = year.analysis
    assert analysis is not None
    problems = []
    keys = [t.key for t in fw.tools]
    for key in analysis.tools:
        if fw.tool(key) is None:
            close = [k for k in keys if k.startswith(key)] or difflib.get_close_matches(
                key, keys, n=1, cutoff=0.5
            )
            hint = " หมายถึง " + " หรือ ".join(f"'{k}'" for k in close) + " หรือไม่" if close else ""
            problems.append(
                _at(
                    src,
                    ("tools", key),
                    f"ไม่มีเครื่องมือ '{key}' ในการประเมินปี {fw.year}{hint} (ใช้ได้: {', '.join(keys)})",
                )
            )
    repeats = _repeats(ind.no for ind in analysis.indicators)
    for i, (ind, first) in enumerate(zip(analysis.indicators, repeats, strict=True)):
        loc = ("indicators", i, "no")
        if fw.indicator(ind.no) is None:
            problems.append(
                _at(
                    src,
                    loc,
                    f"ไม่มีตัวชี้วัดที่ {ind.no} ในการประเมินปี {fw.year} (มีตัวชี้วัดที่ 1–{len(fw.indicators)})",
                )
            )
        if first is not None:
            problems.append(_at(src, loc, f"ตัวชี้วัดที่ {ind.no} ซ้ำกับ indicators[{first}]"))
    overall = analysis.overall
    if overall is not None and overall.level:
        derived = fw.level_for(overall.score, analysis.tools) if overall.score is not None else None
        levels = [b.level for b in fw.levels]
        if overall.level not in levels:
            problems.append(
                _at(
                    src,
                    ("overall", "level"),
                    f"ระดับ '{overall.level}' ไม่มีในเกณฑ์ปี {fw.year} "
                    f"(ใช้ได้: {', '.join(levels)}) หรือลบ level ออกเพื่อให้คำนวณจากคะแนน",
                    warning=True,
                )
            )
        elif derived and derived != overall.level and overall.score is not None:
            problems.append(
                _at(
                    src,
                    ("overall", "level"),
                    f"ระดับ '{overall.level}' ไม่ตรงกับคะแนน {format_score(overall.score)} "
                    f"ตามเกณฑ์ปี {fw.year} ซึ่งได้ระดับ '{derived}'",
                    warning=True,
                )
            )
    return problems


def _check_measures(year: Year, fw: Framework | None, src: Source) -> list[Problem]:
    assert year.measures is not None
    problems = []
    repeats = _repeats(m.no for m in year.measures.measures)
    for i, (m, first) in enumerate(zip(year.measures.measures, repeats, strict=True)):
        if first is not None:
            problems.append(
                _at(
                    src,
                    ("measures", i, "no"),
                    f"มาตรการที่ {m.no} ซ้ำกับ measures[{first}] "
                    f"(บรรทัด {src.doc.line_of(('measures', first, 'no'))}): "
                    "เลขมาตรการต้องไม่ซ้ำกันในปีเดียวกัน",
                )
            )
        if fw is None:
            continue
        for j, no in enumerate(m.indicators):
            if fw.indicator(no) is None:
                problems.append(
                    _at(
                        src,
                        ("measures", i, "indicators", j),
                        f"ไม่มีตัวชี้วัดที่ {no} ในการประเมินปี {fw.year} (มีตัวชี้วัดที่ 1–{len(fw.indicators)})",
                    )
                )
    return problems


def _check_reports(year: Year) -> list[Problem]:
    problems: list[Problem] = []
    if "measures" in year.failed:
        return problems  # measures.yml has errors of its own; references wait for it
    numbers = {m.no for m in year.measures.measures} if year.measures else set()
    for report in year.reports:
        src = report.source
        repeats = _repeats(res.measure for res in report.data.results)
        for i, (res, first) in enumerate(zip(report.data.results, repeats, strict=True)):
            loc = ("results", i, "measure")
            if not year.measures:
                problems.append(
                    _at(
                        src,
                        loc,
                        f"ปี {year.year} ยังไม่มี measures.yml: รายงานผลต้องอ้างถึงมาตรการในไฟล์นั้น",
                    )
                )
            elif res.measure not in numbers:
                have = ", ".join(str(n) for n in sorted(numbers))
                problems.append(
                    _at(
                        src,
                        loc,
                        f"ไม่มีมาตรการที่ {res.measure} ใน {year.year}/measures.yml (มี: {have})",
                    )
                )
            if first is not None:
                problems.append(
                    _at(
                        src,
                        loc,
                        f"มาตรการที่ {res.measure} มีผลรายงานซ้ำกับ results[{first}]",
                        warning=True,
                    )
                )
    return problems
