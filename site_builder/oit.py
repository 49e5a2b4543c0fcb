"""OIT readiness: which page of the site serves which item of the year's catalogue.

Generated pages serve the items the catalogue's ``serves`` names (the analysis and
the measures, the reports); a measure's ``oit:`` and a free page's front matter
claim items too.  From this come the ``/<year>/oit/`` page, the CSV staff paste
into the NACC system, and the ``site-builder oit`` report.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import paths, views
from .paths import absolute
from .thai import fiscal_year_start, format_number

if TYPE_CHECKING:
    from .format.framework import Framework, OitItem
    from .format.models import DocumentRef
    from .tree import Content, Year

STATUS_YES = "มี"
STATUS_PARTIAL = "มีบางส่วน"
STATUS_NO = "ไม่มี"

_KIND_NAMES = {
    "analysis": "การวิเคราะห์ผลการประเมิน",
    "measures": "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
    "reports": "รายงานผลการดำเนินการตามมาตรการ",
}
_KIND_FILES = {
    "analysis": "analysis.yml",
    "measures": "measures.yml",
    "reports": "reports/annual.yml",
}


@dataclass(frozen=True)
class Server:
    """One page, file or address that serves an item: where it is, what it is, how to
    reach it, and which fiscal year's material it is."""

    path: str
    """A site source path (``2566/analysis.md``, ``2566/files/a.pdf``), or empty for ``url``."""
    title: str
    date: dt.date | None
    trail: tuple[str, ...]
    year: int = 0
    url: str | None = None
    """An address outside the site (``oit.yml``), instead of ``path``."""
    explain: str | None = None
    """How to reach it, as staff wrote it for ITAS (``oit.yml``), instead of ``trail``."""


@dataclass(frozen=True)
class ItemStatus:
    """One item of a year's catalogue and what serves it."""

    item: OitItem
    servers: tuple[Server, ...]
    flagged: bool
    """The item must be about the current fiscal year, and every page serving it is older."""
    missing: tuple[str, ...] = ()
    """What the item still needs, in Thai (a kind of material, the previous year's report)."""
    future: bool = False
    """A page serving it is dated after the day of the build."""

    @property
    def available(self) -> bool:
        """Something serves it."""
        return bool(self.servers)

    @property
    def status(self) -> str:
        """มี, มีบางส่วน or ไม่มี, as the NACC's form asks."""
        if not self.servers:
            return STATUS_NO
        return STATUS_PARTIAL if self.missing else STATUS_YES


def code_number(code: str) -> int:
    """The number of an item code (``O12`` -> 12), for ordering; 0 without one."""
    match = re.search(r"\d+", code)
    return int(match.group()) if match else 0


def _home(year: int, thai_digits: bool) -> tuple[str, str]:
    """The first steps of every click path: the home page, then the year."""
    return ("หน้าแรก", f"ปีงบประมาณ {format_number(str(year), thai_digits=thai_digits)}")


def _generated(year: Year, thai_digits: bool) -> dict[str, list[Server]]:
    """The generated pages of a year that can serve catalogue items, by kind."""
    y = year.year
    home = _home(y, thai_digits)
    found: dict[str, list[Server]] = {"analysis": [], "measures": [], "reports": []}
    if year.analysis is not None:
        a = year.analysis
        found["analysis"].append(
            Server(
                paths.analysis(y),
                _KIND_NAMES["analysis"],
                a.published or a.announced or _document_date(a.document),
                (*home, "การวิเคราะห์ผลการประเมิน"),
                y,
            )
        )
    if year.measures is not None:
        ms = year.measures
        memo = ms.memo.date if ms.memo else None
        analysis_memo = year.analysis.memo.date if year.analysis and year.analysis.memo else None
        dates = [d for d in (memo, analysis_memo) if d]
        found["measures"].append(
            Server(
                paths.measures(y),
                _KIND_NAMES["measures"],
                ms.published or _document_date(ms.document) or (max(dates) if dates else None),
                (*home, "มาตรการ"),
                y,
            )
        )
    for report in views.reports_in_order(year):
        end = views.report_period(report, y)[1]
        label = format_number(views.ROUND_LABELS[report.data.round], thai_digits=thai_digits)
        data = report.data
        found["reports"].append(
            Server(
                paths.report(y, report.name),
                views.report_title(report, y, thai_digits),
                data.published or data.reported or _document_date(data.document) or end,
                (*home, "รายงานผลการดำเนินการ", label),
                y,
            )
        )
    return found


def _document_date(documents: tuple[DocumentRef, ...]) -> dt.date | None:
    dates = [d.date for d in documents if d.date]
    return max(dates) if dates else None


def _claims(year: Year, thai_digits: bool) -> dict[str, list[Server]]:
    """What claims items in so many words: measures' and pages' ``oit:``, ``oit.yml``."""
    y = year.year

    def n(value: object) -> str:
        return format_number(str(value), thai_digits=thai_digits)

    home = _home(y, thai_digits)
    found: dict[str, list[Server]] = {}

    def add(codes: tuple[str, ...], server: Server) -> None:
        for code in codes:
            found.setdefault(code, []).append(server)

    if year.measures is not None:
        for m in year.measures.measures:
            add(
                m.oit,
                Server(
                    paths.measure(y, m.no),
                    f"มาตรการที่ {n(m.no)} {m.title}",
                    None,
                    (*home, "มาตรการ", f"มาตรการที่ {n(m.no)}"),
                    y,
                ),
            )
    for page in year.pages:
        add(
            page.meta.oit,
            Server(
                paths.page(y, page.slug),
                page.meta.title,
                page.meta.updated or page.meta.published,
                (*home, "เอกสารอื่น ๆ", page.meta.title),
                y,
            ),
        )
    if year.oit is not None:
        for entry in year.oit.items:
            for link in entry.links:
                add(
                    (entry.code,),
                    Server(
                        paths.attachment(y, link.file) if link.file else "",
                        link.title or (link.url or (link.file or "").split("/")[-1]),
                        entry.updated,
                        (),
                        y,
                        url=link.url,
                        explain=entry.explain,
                    ),
                )
    return found


def _kinds(fw: Framework, code: str) -> list[str]:
    """The kinds of generated page the catalogue says serve an item (all are needed)."""
    serves = fw.serves
    return [
        kind
        for kind, codes in (
            ("analysis", serves.analysis),
            ("measures", serves.measures),
            ("reports", serves.reports),
        )
        if code in codes
    ]


def _previous_report(servers: list[Server]) -> list[Server]:
    """Of a year's reports, the annual one, else the latest."""
    annual = [s for s in servers if s.path == paths.report(s.year, "annual")]
    return annual or servers[-1:]


def readiness(
    year: Year,
    *,
    previous: Year | None = None,
    today: dt.date | None = None,
    thai_digits: bool = False,
) -> list[ItemStatus]:
    """Every item of the year's catalogue, in code order, with what serves it.

    An item the catalogue tags ``fy: previous`` is served by ``previous`` (the fiscal
    year before) and its generated page of the item's kind (its annual report, else
    its latest report), never by this year's; an item that needs several kinds
    (the analysis and the measures) is partial while one is missing.  Claims in so
    many words (``oit:`` of measures and pages, ``oit.yml``) serve whatever year.
    """
    fw = year.oit_framework
    if fw is None:
        return []
    own = _generated(year, thai_digits)
    before = _generated(previous, thai_digits) if previous is not None else None
    claims = _claims(year, thai_digits)
    first_day = fiscal_year_start(year.year)
    result = []
    for item in sorted(fw.oit, key=lambda i: code_number(i.code)):
        kinds = _kinds(fw, item.code)
        servers: list[Server] = []
        missing: list[str] = []
        for kind in kinds:
            if item.fy == "previous":
                pool = before.get(kind, []) if before is not None else []
                found = _previous_report(pool) if kind == "reports" else pool
                where = f"{year.year - 1}/{_KIND_FILES[kind]}"
                if before is None:
                    note = f"ต้องมี{_KIND_NAMES[kind]}ของปีงบประมาณ {year.year - 1}: เพิ่มโฟลเดอร์ {year.year - 1}/ และไฟล์ {where}"
                else:
                    note = f"ยังไม่มี{_KIND_NAMES[kind]}ของปีงบประมาณ {year.year - 1} ({where})"
            else:
                found = own[kind]
                note = f"ยังไม่มี{_KIND_NAMES[kind]} ({year.year}/{_KIND_FILES[kind]})"
            servers += found
            if not found:
                missing.append(note)
        servers += claims.get(item.code, [])
        if servers and len(missing) == len(kinds):
            missing = []  # served in so many words, not by the generated pages
        dates = [s.date for s in servers]
        flagged = bool(
            item.fy == "current" and servers and all(d is not None and d < first_day for d in dates)
        )
        future = today is not None and any(d is not None and d > today for d in dates)
        result.append(ItemStatus(item, tuple(servers), flagged, tuple(missing), future))
    return result


@dataclass(frozen=True)
class Group:
    """The items of one sub-indicator, as the OIT page shows them."""

    code: str
    name: str
    """The sub-indicator's name in the catalogue; empty when it has none."""
    statuses: tuple[ItemStatus, ...]


def groups(year: Year, statuses: list[ItemStatus]) -> list[Group]:
    """Items grouped by sub-indicator, in the catalogue's order of sub-indicators
    (one the catalogue does not name comes after, in the order of its items)."""
    fw = year.oit_framework
    names = {s.code: s.name for s in fw.subindicators} if fw else {}
    order = list(names)
    for st in statuses:
        if st.item.sub not in order:
            order.append(st.item.sub)
    found = [
        Group(code, names.get(code, ""), tuple(s for s in statuses if s.item.sub == code))
        for code in order
    ]
    return [g for g in found if g.statuses]


def build_day() -> dt.date:
    """The day of the build: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()


def for_year(content: Content, year: Year, *, thai_digits: bool = False) -> list[ItemStatus]:
    """:func:`readiness` of one year of ``content``, with its previous year and the build day."""
    return readiness(
        year, previous=content.year(year.year - 1), today=build_day(), thai_digits=thai_digits
    )


def missing_items(statuses: list[ItemStatus]) -> list[str]:
    """What is still missing for the year's OIT answer, one Thai line per item."""
    lines = []
    for st in statuses:
        if not st.servers:
            why = f": {'; '.join(st.missing)}" if st.missing else ""
            lines.append(f"{st.item.code} {st.item.name} ยังไม่มีข้อมูล{why}")
        elif st.missing:
            lines.append(f"{st.item.code} {st.item.name} มีบางส่วน: {'; '.join(st.missing)}")
    return lines


def server_url(server: Server, base_url: str | None) -> str:
    """Where a server is: its own address, or its place on the site."""
    return server.url or absolute(server.path, base_url)


def explanation(server: Server, website: str | None) -> str:
    """How to reach a page from the home page, as assessors expect it written; what
    staff wrote in ``oit.yml`` when they did."""
    if server.explain:
        return server.explain
    if server.url:
        return f"เปิดที่อยู่ {server.url}"
    steps = " > ".join(server.trail) if server.trail else f"ไฟล์ {server.title}"
    if website:
        return f"จากเว็บไซต์หลัก {website} เข้าสู่เว็บไซต์ ITA แล้วเลือก {steps}"
    return f"เลือก {steps}"
