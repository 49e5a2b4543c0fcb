"""OIT readiness: which page of the site serves which item of the year's catalogue.

Generated pages serve the items the catalogue's ``serves`` names (the analysis and
the measures, the reports); a measure's ``oit:`` and a free page's front matter
claim items too.  From this come the ``/<year>/oit/`` page, the CSV staff paste
into the NACC system, and the ``site-builder oit`` report.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from dataclasses import dataclass

from . import csvfile, views
from .content import Year
from .framework import OitItem
from .thai import fiscal_year_start, format_date, format_number
from .urls import page_url

STATUS_YES = "มี"
STATUS_NO = "ไม่มี"


@dataclass(frozen=True)
class Server:
    """One page that serves an item: where it is, what it is, how to reach it."""

    path: str
    title: str
    date: dt.date | None
    trail: tuple[str, ...]


@dataclass(frozen=True)
class ItemStatus:
    item: OitItem
    servers: tuple[Server, ...]
    flagged: bool
    """The item must be about the current fiscal year, and every page serving it is older."""

    @property
    def available(self) -> bool:
        return bool(self.servers)

    @property
    def status(self) -> str:
        return STATUS_YES if self.servers else STATUS_NO


def code_number(code: str) -> int:
    match = re.search(r"\d+", code)
    return int(match.group()) if match else 0


def _servers(year: Year, thai_digits: bool) -> dict[str, list[Server]]:
    """Every page of the year that serves an OIT item, by item code."""
    fw = year.oit_framework
    y = year.year

    def n(value: object) -> str:
        return format_number(str(value), thai_digits=thai_digits)

    home = ("หน้าแรก", f"ปีงบประมาณ {n(y)}")
    found: dict[str, list[Server]] = {}

    def add(codes: tuple[str, ...], server: Server) -> None:
        for code in codes:
            found.setdefault(code, []).append(server)

    memo_dates = [
        m.date
        for m in (getattr(year.analysis, "memo", None), getattr(year.measures, "memo", None))
        if m and m.date
    ]
    if fw is not None and year.analysis is not None:
        add(
            fw.serves.analysis,
            Server(
                f"{y}/analysis.md",
                "การวิเคราะห์ผลการประเมิน",
                year.analysis.announced,
                (*home, "การวิเคราะห์ผลการประเมิน"),
            ),
        )
    if year.measures is not None:
        if fw is not None:
            add(
                fw.serves.measures,
                Server(
                    f"{y}/measures/index.md",
                    "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
                    max(memo_dates) if memo_dates else None,
                    (*home, "มาตรการ"),
                ),
            )
        for m in year.measures.measures:
            add(
                m.oit,
                Server(
                    f"{y}/measures/{m.no}.md",
                    f"มาตรการที่ {n(m.no)} {m.title}",
                    None,
                    (*home, "มาตรการ", f"มาตรการที่ {n(m.no)}"),
                ),
            )
    for report in views.reports_in_order(year):
        end = views.report_period(report, y)[1]
        label = format_number(views.ROUND_LABELS[report.data.round], thai_digits=thai_digits)
        if fw is not None:
            add(
                fw.serves.reports,
                Server(
                    f"{y}/reports/{report.name}.md",
                    views.report_title(report, y, thai_digits),
                    report.data.reported or end,
                    (*home, "รายงานผลการดำเนินการ", label),
                ),
            )
    for page in year.pages:
        add(
            page.meta.oit,
            Server(
                f"{y}/pages/{page.slug}.md",
                page.meta.title,
                page.meta.updated,
                (*home, "เอกสารอื่น ๆ", page.meta.title),
            ),
        )
    return found


def readiness(year: Year, *, thai_digits: bool = False) -> list[ItemStatus]:
    """Every item of the year's catalogue, in code order, with the pages that serve it."""
    fw = year.oit_framework
    if fw is None:
        return []
    servers = _servers(year, thai_digits)
    first_day = fiscal_year_start(year.year)
    result = []
    for item in sorted(fw.oit, key=lambda i: code_number(i.code)):
        found = tuple(servers.get(item.code, ()))
        dates = [s.date for s in found]
        flagged = bool(
            item.fy == "current" and found and all(d is not None and d < first_day for d in dates)
        )
        result.append(ItemStatus(item, found, flagged))
    return result


def absolute(path: str, base_url: str | None) -> str:
    """The URL of a source path: absolute under ``site_url``, else root-relative;
    percent-encoded, so that a file named in Thai with spaces is one working link."""
    url = urllib.parse.quote(page_url(path), safe="/")
    if base_url:
        return base_url.rstrip("/") + "/" + url
    return "/" + url


def explanation(server: Server, website: str | None) -> str:
    """How to reach a page from the home page, as assessors expect it written."""
    steps = " > ".join(server.trail)
    if website:
        return f"จากเว็บไซต์หลัก {website} เข้าสู่เว็บไซต์ ITA แล้วเลือก {steps}"
    return f"เลือก {steps}"


def to_csv(statuses: list[ItemStatus], *, base_url: str | None, website: str | None) -> str:
    """The rows staff paste into the NACC system; UTF-8 with BOM for Excel."""
    rows = []
    for st in statuses:
        urls = "\n".join(absolute(s.path, base_url) for s in st.servers)
        how = "\n".join(f"{i}. {explanation(s, website)}" for i, s in enumerate(st.servers, 1))
        rows.append([st.item.code, st.item.name, st.item.sub, st.status, urls, how])
    return csvfile.write(["ข้อ", "ชื่อข้อมูล", "ตัวชี้วัดย่อย", "สถานะ", "URL", "คำอธิบาย"], rows)


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
    """The terminal report of ``site-builder oit``."""
    fw = year.oit_framework
    lines = [f"ความพร้อม OIT ปีงบประมาณ {year.year}"]
    if fw is None:
        lines.append(
            f"ไม่มีรายการข้อ OIT ของปี {year.year}: เพิ่มไฟล์ frameworks/{year.year}.yml ในโฟลเดอร์เนื้อหา"
        )
    else:
        served = sum(1 for s in statuses if s.available)
        flagged = sum(1 for s in statuses if s.flagged)
        lines.append(
            f"มีข้อมูล {served} จาก {len(statuses)} ข้อ · ยังไม่มีข้อมูล {len(statuses) - served} ข้อ"
            f" · ข้อมูลเป็นของปีก่อน {flagged} ข้อ (รายการปี {fw.year}, ความน่าเชื่อถือ: {fw.confidence})"
        )
        lines.append("")
        for st in statuses:
            mark = "!" if st.flagged else ("✓" if st.available else "✗")
            lines.append(f"{mark} {st.item.code} {st.item.name}: {st.status}")
            for server in st.servers:
                when = f" ({format_date(server.date)})" if server.date else ""
                lines.append(f"    {absolute(server.path, base_url)}{when}")
            if st.flagged:
                lines.append("    ข้อนี้ต้องเป็นข้อมูลของปีงบประมาณปัจจุบัน แต่ทุกหน้าที่เปิดเผยเป็นข้อมูลปีก่อน")
    missing = gaps(year)
    if missing:
        lines.append("")
        lines.append("สิ่งที่ยังขาด:")
        lines += [f"- {m}" for m in missing]
    return lines
