"""Start a fiscal year from the one before, without touching anything that exists.

``new-year 2567`` writes ``2567/measures.yml`` (the measures carried over, their
periods and dates moved on a year), empty ``reports/6-month.yml`` and
``reports/annual.yml`` with one entry per measure, and an ``analysis.yml``
skeleton with every indicator of the assessed year's catalogue.  Content without any
year gets its first one the same way, with one example measure to rewrite in place of
the carried-over ones (``site-builder init`` starts a repository with it).  Every file
is a draft and starts with the ``yaml-language-server`` line, so editors offer
completion.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .errors import display_path
from .thai import BE_MIN, BE_OFFSET, DIGIT_CLASS, be_iso, next_year, to_arabic, to_thai
from .tree import YEARS, Content, Year

if TYPE_CHECKING:
    import datetime as dt

    from .format.models import Measure

_BE_YEAR = re.compile(rf"(?<!{DIGIT_CLASS})({DIGIT_CLASS}{{4}})(?!{DIGIT_CLASS})")

FIRST_YEAR = YEARS.start
LAST_YEAR = YEARS.stop - 1
"""A new year is a year a year folder may name (:data:`site_builder.tree.YEARS`)."""


class NewYearRefused(Exception):
    """The year cannot be started; the message says why, in Thai."""


def bump_years(text: str) -> str:
    """Every B.E. year written in a text, one year later, in the digits it was written in."""

    def bump(match: re.Match[str]) -> str:
        written = match.group(1)
        value = int(to_arabic(written))
        if value < BE_MIN:
            return written
        shifted = str(value + 1)
        return to_thai(shifted) if written != to_arabic(written) else shifted

    return _BE_YEAR.sub(bump, text)


def _next_year_date(date: dt.date) -> str:
    return be_iso(next_year(date))


def _schema_line(kind: str, depth: int) -> str:
    return f"# yaml-language-server: $schema={'../' * depth}../schemas/{kind}.schema.json\n"


def _dump(data: Any) -> str:
    return yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False
    )


def _measure(m: Measure) -> dict[str, Any]:
    out: dict[str, Any] = {"no": m.no, "title": m.title, "indicators": list(m.indicators)}
    if m.oit:
        out["oit"] = list(m.oit)
    for key in ("issue", "goal", "projects", "requirements", "steps"):
        values = list(getattr(m, key))
        if values:
            out[key] = values[0] if len(values) == 1 else values
    out["responsible"] = [
        r.unit
        if r.unit and not r.person and not r.position
        else {
            k: v for k, v in (("unit", r.unit), ("person", r.person), ("position", r.position)) if v
        }
        for r in m.responsible
    ]
    if m.period:
        periods = [bump_years(p) for p in m.period]
        out["period"] = periods[0] if len(periods) == 1 else periods
    if m.deadline:
        out["deadline"] = _next_year_date(m.deadline)
    if m.monitoring:
        values = [bump_years(v) for v in m.monitoring]
        out["monitoring"] = values[0] if len(values) == 1 else values
    return out


_DRAFT = "# ฉบับร่าง: ตรวจได้แต่ยังไม่เผยแพร่ เมื่อเติมครบแล้วให้ลบบรรทัด draft: true ออก\ndraft: true\n"


def _measures_text(previous: Year, year: int) -> str:
    assert previous.measures is not None
    head = (
        _schema_line("measures", 1)
        + f"# มาตรการปีงบประมาณ {year}: คัดลอกจากปี {previous.year} (ปีและวันที่เลื่อนไปหนึ่งปีแล้ว)\n"
        + "# ทบทวนให้ตรงกับผลการวิเคราะห์ใน analysis.yml: แก้ title/steps/responsible ลบหรือเพิ่มมาตรการได้\n"
    )
    body = _DRAFT + _dump({"measures": [_measure(m) for m in previous.measures.measures]})
    return head + body


def _first_measures_text(year: int) -> str:
    """The measures of a first year: one example measure, valid, to rewrite or replace."""
    lines = [
        _schema_line("measures", 1).rstrip("\n"),
        f"# มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ปีงบประมาณ {year}",
        "# เขียนจากผลการวิเคราะห์ใน analysis.yml (ตัวชี้วัดที่คะแนนต่ำกว่าเกณฑ์ก่อน) มาตรการละหนึ่งรายการ",
        "# มาตรการที่ 1 ข้างล่างเป็นตัวอย่าง: แก้ให้เป็นของหน่วยงาน หรือลบแล้วเขียนใหม่ (ดูคู่มือที่ /guide/ ของเว็บไซต์)",
        _DRAFT.rstrip("\n"),
        "measures:",
        "  - no: 1",
        "    title: เผยแพร่ข้อมูลสาธารณะบนเว็บไซต์ของหน่วยงานให้ครบถ้วนและเป็นปัจจุบัน",
        "    indicators: [9]",
        "    issue: การเปิดเผยข้อมูลบนเว็บไซต์ของหน่วยงาน",
        "    steps:",
        "      - ตรวจรายการข้อมูลที่ต้องเปิดเผยตามเกณฑ์ OIT",
        "      - มอบหมายผู้รับผิดชอบนำข้อมูลขึ้นเว็บไซต์และปรับปรุงทุกเดือน",
        "    responsible: สำนักปลัด",
        f"    period: ตลอดปีงบประมาณ พ.ศ. {year}",
        "    monitoring: รายงานผลต่อผู้บริหารรอบ 6 เดือนและประจำปี",
    ]
    return "\n".join(lines) + "\n"


def report_skeleton(round_: str, numbers: list[int], year: int) -> str:
    """The YAML of an empty report of ``round_`` for the measures ``numbers`` of ``year``."""
    label = (
        "รอบ 6 เดือน (1 ตุลาคม – 31 มีนาคม)" if round_ == "6-month" else "ประจำปี (1 ตุลาคม – 30 กันยายน)"
    )
    lines = [
        _schema_line("report", 2).rstrip("\n"),
        f"# รายงานผลการดำเนินการตามมาตรการ {label} ปีงบประมาณ {year}",
        "# ใต้แต่ละมาตรการ เติม status (done | in_progress | not_started | cancelled) และ actions (สิ่งที่ทำแล้ว)",
        "# ถ้ามี: outcomes (ความสำเร็จ) problems (ปัญหาอุปสรรค) suggestions (ข้อเสนอแนะ) evidence (หลักฐาน)",
        _DRAFT.rstrip("\n"),
        f"round: {round_}",
        "results:",
    ]
    lines += [f"  - measure: {n}" for n in numbers]
    return "\n".join(lines) + "\n"


def _analysis_text(content: Content, year: int) -> str:
    assessed = year - 1
    fw = content.frameworks.get(assessed)
    lines = [
        _schema_line("analysis", 1).rstrip("\n"),
        f"# การวิเคราะห์ผลการประเมิน ITA ปี {assessed} (ประกาศผลประมาณเดือนสิงหาคม {assessed})",
        "# เติมคะแนนจากระบบ ITAS: ใช้ทศนิยม 2 ตำแหน่ง เช่น 95.84",
        _DRAFT.rstrip("\n"),
        f"assessment_year: {assessed}",
        "# announced: วันที่ประกาศผล เช่น " + f"{assessed}-08-15",
        "# intro: |",
        "#   หลักการและเหตุผล",
        "# overall: {score: คะแนนภาพรวม}   (ระดับผลคำนวณให้เองจากคะแนน)",
    ]
    if fw is not None:
        keys = ", ".join(f"{t.key}: คะแนน" for t in fw.tools)
        lines.append(f"# tools: {{{keys}}}")
    lines += ["threshold: 90", "indicators:"]
    indicators = fw.indicators if fw is not None else ()
    for ind in indicators:
        lines += [
            f"  # ตัวชี้วัดที่ {ind.no} {ind.name} ({ind.tool}): เติม score และ analysis (ผลการวิเคราะห์)",
            f"  - no: {ind.no}",
            "    score:",
            "    analysis:",
        ]
    if not indicators:
        lines[-1] = "indicators: []"
    return "\n".join(lines) + "\n"


def check_year_number(year: int) -> None:
    """:class:`NewYearRefused` unless ``year`` is a year folder the content may have."""
    if FIRST_YEAR <= year <= LAST_YEAR:
        return
    hint = ""
    if FIRST_YEAR - BE_OFFSET <= year <= LAST_YEAR - BE_OFFSET:
        hint = f": ดูเหมือนเป็นปี ค.ศ. ปี พ.ศ. คือ {year + BE_OFFSET}"
    raise NewYearRefused(
        f"ปีงบประมาณต้องเป็นปี พ.ศ. 4 หลัก ตั้งแต่ {FIRST_YEAR} ถึง {LAST_YEAR} เช่น 2568 (พบ {year}){hint}"
    )


def check_year(content: Content, year: int) -> Year | None:
    """The year the new one is copied from, or None when the content has no year at
    all (``year`` is then the first one); :class:`NewYearRefused` (and nothing written)
    when ``year`` is not a year folder the content may have, when anything at all (a
    folder, a file, a link, even a broken one) already has its name, or when the
    content has years but none before ``year``.  A year before the latest one is
    allowed: a gap is filled from the year before it."""
    check_year_number(year)
    target = content.root / str(year)
    shown = display_path(target)
    if target.is_symlink():
        where = "" if target.exists() else " ซึ่งชี้ไปยังที่ที่ไม่มีอยู่"
        raise NewYearRefused(
            f"{shown}: มีลิงก์ (symlink) ชื่อ {year} อยู่แล้ว{where} จะไม่เขียนทับ: "
            "ให้ลบหรือย้ายลิงก์นี้เองก่อน แล้วเรียกคำสั่งอีกครั้ง"
        )
    if target.is_dir():
        raise NewYearRefused(
            f"{shown}: มีโฟลเดอร์ปี {year} อยู่แล้ว จะไม่เขียนทับไฟล์ที่มี: ถ้าต้องการเริ่มใหม่ให้ย้ายหรือลบโฟลเดอร์นี้เอง"
        )
    if os.path.lexists(target):
        raise NewYearRefused(
            f"{shown}: มีไฟล์ชื่อ {year} อยู่แล้ว (ไม่ใช่โฟลเดอร์ปี) จะไม่เขียนทับ: "
            "ให้ย้ายหรือเปลี่ยนชื่อไฟล์นี้เองก่อน แล้วเรียกคำสั่งอีกครั้ง"
        )
    if not content.years:
        return None
    earlier = [y for y in content.years if y.year < year]
    if not earlier:
        raise NewYearRefused(
            f"ไม่มีปีงบประมาณก่อนปี {year} ในเนื้อหาให้คัดลอกมา: สร้างโฟลเดอร์ปีแรกเองตามตัวอย่างใน content/"
        )
    return earlier[-1]


def start_year(content: Content, year: int) -> list[Path]:
    """Write the new year's folder, copied from the year before it (:func:`check_year`),
    or the first year's skeleton when the content has no year; every file a draft.
    The folder appears whole or not at all; :class:`NewYearRefused` rather than
    overwrite anything.  Returns the files written."""
    root = content.root
    target = root / str(year)
    previous = check_year(content, year)
    files: dict[str, str] = {"analysis.yml": _analysis_text(content, year)}
    if previous is None:
        files["measures.yml"] = _first_measures_text(year)
        files["reports/6-month.yml"] = report_skeleton("6-month", [1], year)
        files["reports/annual.yml"] = report_skeleton("annual", [1], year)
    elif previous.measures is not None and previous.measures.measures:
        numbers = [m.no for m in previous.measures.measures]
        files["measures.yml"] = _measures_text(previous, year)
        files["reports/6-month.yml"] = report_skeleton("6-month", numbers, year)
        files["reports/annual.yml"] = report_skeleton("annual", numbers, year)
    staging = Path(tempfile.mkdtemp(prefix=f".{year}.new-", dir=root))
    try:
        for rel, text in files.items():
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        # One rename: the year appears whole or not at all.
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [target / rel for rel in files]
