"""The terminal report of ``site-builder oit``: what is missing first, then every item
with what serves it, then what the year's documents still lack.  Thai, for staff."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import views
from .oit import ItemStatus, missing_items, server_url
from .thai import format_date

if TYPE_CHECKING:
    from .tree import Year


def gaps(year: Year) -> list[str]:
    """Required elements a year still lacks, in Thai, for staff."""
    found = []
    if year.analysis is None:
        found.append("ยังไม่มีการวิเคราะห์ผลการประเมิน (analysis.yml)")
    if year.measures is None:
        found.append("ยังไม่มีมาตรการ (measures.yml)")
    else:
        for m in year.measures.measures:
            if not views.results_for(year, m.no):
                found.append(f"มาตรการที่ {m.no} ยังไม่มีผลการดำเนินการในรายงานใด")
    rounds = {r.data.round for r in year.reports}
    if "6-month" not in rounds and not {"q1", "q2"} <= rounds:
        found.append("ยังไม่มีรายงานผลรอบ 6 เดือน (reports/6-month.yml)")
    for report in year.reports:
        end = views.report_period(report, year.year)[1]
        if report.data.reported and report.data.reported < end:
            found.append(
                f"รายงาน {report.name} ลงวันที่ {format_date(report.data.reported)} "
                f"ก่อนสิ้นสุดรอบที่รายงาน ({format_date(end)})"
            )
    return found


def report_lines(year: Year, statuses: list[ItemStatus], *, base_url: str | None) -> list[str]:
    """The terminal report of ``site-builder oit``: what is missing first, then every
    item with what serves it, then what the year's documents still lack."""
    fw = year.oit_framework
    lines = [f"ความพร้อม OIT ปีงบประมาณ {year.year}"]
    todo = missing_items(statuses)
    if todo:
        lines += ["", f"ยังขาด {len(todo)} ข้อ:"] + [f"- {line}" for line in todo] + [""]
    if fw is None:
        lines.append(
            f"ไม่มีรายการข้อ OIT ของปี {year.year}: เพิ่มไฟล์ frameworks/{year.year}.yml ในโฟลเดอร์เนื้อหา"
        )
    else:
        served = sum(1 for s in statuses if s.available and not s.missing)
        partial = sum(1 for s in statuses if s.available and s.missing)
        flagged = sum(1 for s in statuses if s.flagged)
        lines.append(
            f"มีข้อมูล {served} จาก {len(statuses)} ข้อ · มีบางส่วน {partial} ข้อ"
            f" · ยังไม่มีข้อมูล {len(statuses) - served - partial} ข้อ"
            f" · ข้อมูลเป็นของปีก่อน {flagged} ข้อ (รายการปี {fw.year}, ความน่าเชื่อถือ: {fw.confidence})"
        )
        lines.append("")
        for st in statuses:
            mark = "!" if st.flagged or st.future else ("✓" if st.available else "✗")
            lines.append(f"{mark} {st.item.code} {st.item.name}: {st.status}")
            for server in st.servers:
                when = f" ({format_date(server.date)})" if server.date else ""
                other = f" [ข้อมูลปีงบประมาณ {server.year}]" if server.year != year.year else ""
                lines.append(f"    {server_url(server, base_url)}{when}{other}")
            for note in st.missing:
                lines.append(f"    ยังขาด: {note}")
            if st.flagged:
                lines.append("    ข้อนี้ต้องเป็นข้อมูลของปีงบประมาณปัจจุบัน แต่ทุกหน้าที่เปิดเผยเป็นข้อมูลปีก่อน")
            if st.future:
                lines.append("    มีหน้าที่ลงวันที่หลังวันที่สร้างเว็บไซต์: ตรวจวันที่ของเอกสาร")
    missing = gaps(year)
    if missing:
        lines.append("")
        lines.append("สิ่งที่ยังขาด:")
        lines += [f"- {m}" for m in missing]
    return lines
