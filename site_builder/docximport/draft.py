"""One draft from one Word document: which kind it is, its file, its text, what it placed.

:func:`make` reads the blocks of the document as the kind asked for (or the kind its
headers show), writes the text in the canonical shape, checks it against the format's
model before anything touches the disk, and says in :meth:`Draft.summary` what was
placed, what was kept in comments and what the person must check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import field_path
from ..format import framework
from ..format.models import AnalysisFile, MeasuresFile, ReportFile
from ..format.validation import validate
from ..format.yamlio import MAX_BYTES, YamlProblem, parse, strings
from ..tree.freepages import MarkdownCost
from .analysis import read as read_analysis
from .columns import ANALYSIS_KEYS, MEASURE_KEYS, REPORT_KEYS, layouts
from .grid import Block, Paragraph, Table
from .grouping import group
from .measures import Counts, render
from .measures import build as build_measures
from .memo import belongs_to
from .memo import read as read_memo
from .reader import ImportRefused
from .report import build as build_results
from .text import report_round
from .yamlout import DRAFT, comment, dump, schema_line

if TYPE_CHECKING:
    from ..format.framework import Framework
    from ..tree import Content, Year

KINDS = ("measures", "report", "analysis")

_COUNT_LABELS = {
    "measures": "มาตรการ",
    "measures.title": "ชื่อมาตรการ",
    "indicators": "ตัวชี้วัด",
    "issue": "ประเด็น",
    "goal": "เป้าหมาย",
    "projects": "โครงการ/กิจกรรม",
    "requirements": "ผลการวิเคราะห์ตามหลักเกณฑ์",
    "steps": "ขั้นตอน",
    "responsible": "ผู้รับผิดชอบ",
    "period": "ระยะเวลา",
    "monitoring": "การกำกับติดตาม",
    "results": "ผลรายมาตรการ",
    "measure_text": "ชื่อมาตรการตามรายงาน",
    "status": "สถานะ",
    "actions": "ผลการดำเนินการ",
    "outcomes": "ความสำเร็จ",
    "problems": "ปัญหาอุปสรรค",
    "suggestions": "ข้อเสนอแนะ",
    "notes": "หมายเหตุ",
    "evidence": "หลักฐาน",
    "overall": "คะแนนภาพรวม",
    "tools": "คะแนนรายเครื่องมือ",
    "scores": "คะแนนรายตัวชี้วัด",
    "analysis": "ผลการวิเคราะห์รายตัวชี้วัด",
    "intro": "ย่อหน้าบทนำ",
    "memo": "บันทึกข้อความ",
}
_KIND_NAMES = {"measures": "มาตรการ", "report": "รายงานผลการดำเนินการ", "analysis": "การวิเคราะห์ผล"}


@dataclass
class Draft:
    """A draft ready to write: its kind, its file (relative to the content folder),
    its text, and what to tell the person."""

    kind: str
    rel: str
    text: str
    counts: Counts
    notes: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)

    def summary(self) -> list[str]:
        """What was placed (counts), what was kept as comments, what to check: Thai lines."""
        lines = list(self.notes)
        kept = self.kept + self.counts.kept
        order = list(_COUNT_LABELS)
        placed = ", ".join(
            f"{_COUNT_LABELS.get(k, k)} {n}"
            for k, n in sorted(
                self.counts.placed.items(),
                key=lambda kv: order.index(kv[0]) if kv[0] in order else 99,
            )
            if n
        )
        lines.append(f"จัดลงช่องแล้ว: {placed or 'ไม่มี'}")
        if self.counts.for_report:
            lines.append(
                f"ข้อความของรายงานผล {self.counts.for_report} รายการ เก็บไว้เป็นหมายเหตุใต้มาตรการของมัน: "
                "นำเข้าเป็นรายงานด้วย --kind report"
            )
        if kept:
            lines.append(
                f"ข้อความที่ยังไม่ได้จัดลงช่อง {len(kept)} รายการ เก็บไว้เป็นหมายเหตุ (บรรทัด #) ในไฟล์ ไม่มีข้อความใดหาย:"
            )
            lines += [f"  - {_short(k)}" for k in kept[:10]]
            if len(kept) > 10:
                lines.append(f"  … และอีก {len(kept) - 10} รายการ (ดูในไฟล์)")
        if self.counts.review:
            lines.append(f"ต้องตรวจทาน {len(self.counts.review)} จุด (ระบุว่า 'ตรวจทาน' ในไฟล์):")
            lines += [f"  - {r}" for r in self.counts.review[:10]]
            if len(self.counts.review) > 10:
                lines.append(f"  … และอีก {len(self.counts.review) - 10} จุด")
        return lines


def _short(text: str, limit: int = 110) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _framework(content: Content, year: int) -> Framework | None:
    existing = content.year(year)
    assessed = existing.assessment_year if existing is not None else year - 1
    return content.frameworks.get(assessed) or framework.nearest(content.frameworks, assessed)


def _keys(blocks: list[Block]) -> set[str]:
    keys: set[str] = set()
    for _, layout in layouts(blocks):
        if layout is not None:
            keys |= set(layout.keys.values())
    return keys


def detect(blocks: list[Block], year: Year | None) -> tuple[str, list[str]]:
    """The kind of draft the document's tables are, and what to say about the others:
    measure columns make measures (a report when the year already has its measures
    and the table has result columns too), result columns a report, score and
    analysis columns an analysis."""
    keys = _keys(blocks)
    has = {
        "measures": bool(keys & (MEASURE_KEYS - {"title"})),
        "report": bool(keys & REPORT_KEYS),
        "analysis": bool(keys & ANALYSIS_KEYS),
    }
    if has["measures"] and has["report"] and year is not None and year.measures is not None:
        kind = "report"
    else:
        kind = next((k for k in KINDS if has[k]), "")
    if not kind:
        raise ImportRefused(
            "ไม่พบตารางมาตรการ รายงานผล หรือการวิเคราะห์ในเอกสาร (อ่านจากหัวตาราง เช่น มาตรการ | ขั้นตอน/วิธีการ | "
            "ผู้รับผิดชอบ): ตรวจว่าเอกสารมีตารางและแถวหัวตาราง หรือระบุชนิดด้วย --kind"
        )
    notes = [f"ชนิดเอกสาร: {_KIND_NAMES[kind]} (ดูจากหัวตาราง; ระบุเองได้ด้วย --kind)"]
    return kind, notes + _others(kind, has)


def _others(kind: str, has: dict[str, bool]) -> list[str]:
    flags = {"measures": "measures", "report": "report", "analysis": "analysis"}
    return [
        f"เอกสารนี้มีตาราง{_KIND_NAMES[k]}ด้วย: นำเข้าอีกครั้งด้วย --kind {flags[k]}"
        for k in KINDS
        if k != kind and has[k]
    ]


def _paragraphs(blocks: list[Block], used: set[int]) -> tuple[list[str], list[str]]:
    """The paragraphs before the first table used, and every other paragraph."""
    first = next(
        (i for i, b in enumerate(blocks) if isinstance(b, Table) and b.index in used), len(blocks)
    )
    before = [b.text for b in blocks[:first] if isinstance(b, Paragraph)]
    after = [b.text for b in blocks[first:] if isinstance(b, Paragraph)]
    return before, after


def _title(before: list[str], word: str) -> tuple[str | None, list[str]]:
    """The document's title: the first paragraph that starts with ``word`` and those
    that go on with it ("และ…", "(…)", "ประจำปี…"), else a short heading right above the
    table; and the paragraphs left."""
    found = [i for i, t in enumerate(before) if t.startswith(word) and len(t) < 300]
    if not found and before and len(before[-1]) < 200 and not before[-1].endswith(_LEADS):
        found = [len(before) - 1]  # the heading right above the table
    if not found:
        return None, before
    i = j = found[0]
    j += 1
    while j < len(before) and before[j].startswith(_GOES_ON):
        j += 1
    return " ".join(before[i:j]), before[:i] + before[j:]


def _intro(rest: list[str], before: list[str]) -> tuple[str | None, list[str]]:
    """The paragraph that leads into the table ("… ดังนี้"): the last one before it,
    when it is a sentence of some length; and the paragraphs left."""
    if not rest or not before or rest[-1] != before[-1]:
        return None, rest
    last = rest[-1]
    if len(last) >= 80 or last.rstrip().endswith(_LEADS):
        return last, rest[:-1]
    return None, rest


_LEADS = ("ดังนี้", "ดังต่อไปนี้", ":")
_GOES_ON = ("และ", "(", "ประจำปี", "รอบ", "เพื่อ", "ภายใน")


def _unused_tables(blocks: list[Block], used: set[int]) -> list[str]:
    lines = []
    for block in blocks:
        if isinstance(block, Table) and block.index not in used:
            for r, row in enumerate(block.rows):
                text = " | ".join(c.text for c in dict.fromkeys(c for c in row if c) if c.text)
                if text:
                    lines.append(f"ตาราง {block.index} แถว {r + 1}: {text}")
    return lines


def _checked(text: str, model: type[Any], rel: str) -> str:
    """``text`` once it reads back as a valid document of ``model``; else a refusal
    (a fault of the importer, said so)."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise ImportRefused(
            f"ฉบับร่างยาวเกิน {MAX_BYTES // 1024 // 1024} MB ที่ไฟล์เนื้อหาหนึ่งไฟล์รับได้: แยกตารางในเอกสารเป็นหลายไฟล์แล้วนำเข้าทีละไฟล์"
        )
    try:
        doc, dups = parse(text)
    except YamlProblem as exc:
        raise ImportRefused(
            f"สร้างฉบับร่างไม่สำเร็จ (ข้อผิดพลาดของโปรแกรม บรรทัด {exc.line}): {exc.message}"
        ) from None
    cost = MarkdownCost()
    for loc, value in strings(doc.data):
        refused = cost.refuse(value)
        if refused is not None:  # what the loader would refuse: the document is hostile
            raise ImportRefused(
                f"ข้อความในเอกสาร ({field_path(loc)}) {refused[1]}: แก้ข้อความนี้ในไฟล์ Word แล้วนำเข้าอีกครั้ง"
            )
    _, problems = validate(model, doc, rel)
    if problems or dups:
        first = problems[0].format() if problems else dups[0].message
        raise ImportRefused(f"สร้างฉบับร่างไม่สำเร็จ (ข้อผิดพลาดของโปรแกรม โปรดแจ้งผู้ดูแล): {first}")
    return text


def make(blocks: list[Block], *, kind: str | None, year: int, content: Content) -> Draft:
    """The draft of ``kind`` (detected when None) for fiscal ``year`` of ``content``
    (read with its drafts); :class:`ImportRefused` when the document holds nothing of
    that kind, or a report has no measures to report on."""
    existing = content.year(year)
    notes: list[str] = []
    if kind is None:
        kind, notes = detect(blocks, existing)
    blocks, memo = _memo(blocks, kind, notes)
    fw = _framework(content, year)
    names = {i.no: i.name for i in fw.indicators} if fw is not None else {}
    valid = range(1, (max(names) if names else 10) + 1)
    counts = Counts()
    if kind == "analysis":
        if fw is None:
            raise ImportRefused(
                f"ไม่มีเกณฑ์การประเมิน ITA ของปี {year - 1}: เพิ่ม frameworks/{year - 1}.yml ก่อน"
            )
        data, kept = read_analysis(blocks, fw, counts)
        if memo:
            data["memo"] = memo
            counts.add("memo")
        if not any(k in data for k in ("overall", "tools", "indicators")):
            raise ImportRefused(
                "ไม่พบคะแนนหรือผลการวิเคราะห์รายตัวชี้วัดในเอกสาร: ตรวจว่าเอกสารมีตารางคะแนน หรือระบุ --kind ให้ตรงกับเอกสาร"
            )
        text = (
            schema_line("analysis", 1)
            + "".join(comment(k) for k in _head(kept))
            + DRAFT
            + dump(data)
        )
        return Draft(
            kind, "analysis.yml", _checked(text, AnalysisFile, "analysis.yml"), counts, notes, kept
        )
    grouping = group(blocks, names, kind)
    before, after = _paragraphs(blocks, grouping.used_tables)
    kept = [u.where + ": " + u.text for u in grouping.unplaced] + _unused_tables(
        blocks, grouping.used_tables
    )
    if kind == "measures":
        if not grouping.measures:
            raise ImportRefused(
                "ไม่พบมาตรการในตารางของเอกสาร (ต้องมีหัวตาราง เช่น มาตรการ | ขั้นตอน/วิธีการ | ผู้รับผิดชอบ): "
                "ตรวจเอกสาร หรือระบุ --kind ให้ตรงกับเอกสาร"
            )
        title, rest = _title(before, "มาตรการ")
        parts = build_measures(grouping, valid, counts)
        top: dict[str, Any] = {"title": title} if title else {}
        intro, rest = _intro(rest, before)
        if intro:
            top["intro"] = intro
            counts.add("intro")
        if memo:
            top["memo"] = memo
            counts.add("memo")
        kept = [f"ข้อความนอกตาราง: {t}" for t in rest + after] + kept
        text = render(_head(kept), parts, "measures", top)
        return Draft(
            kind, "measures.yml", _checked(text, MeasuresFile, "measures.yml"), counts, notes, kept
        )
    if existing is None or existing.measures is None:
        raise ImportRefused(
            f"ปี {year} ยังไม่มี measures.yml ให้รายงานผลอ้างถึง: นำเข้ามาตรการก่อน "
            f"(site-builder import ไฟล์มาตรการ.docx --year {year} --kind measures) แล้วจึงนำเข้ารายงาน"
        )
    found = report_round(before + after)
    if found is None:
        round_, said = "annual", None
        notes.append(
            "ไม่พบรอบการรายงานในเอกสาร (รอบ 6 เดือน / ประจำปี / ไตรมาส): ใช้ annual (ประจำปี) ไว้ก่อน แก้ round และชื่อไฟล์ได้"
        )
    else:
        round_, said = found
        notes.append(f"รอบการรายงาน: {round_} (จากข้อความ '{said}' ในเอกสาร)")
    title, rest = _title(before, "รายงาน")
    if not grouping.measures:
        raise ImportRefused(
            "ไม่พบตารางผลการดำเนินการในเอกสาร (หัวตาราง เช่น มาตรการ | ผลการดำเนินการ | ปัญหาอุปสรรค | ข้อเสนอแนะ): "
            "ตรวจเอกสาร หรือระบุ --kind ให้ตรงกับเอกสาร"
        )
    results, lost = build_results(grouping, existing.measures.measures, counts)
    if not results:
        raise ImportRefused(
            "ไม่พบผลการดำเนินการที่จับคู่กับมาตรการใน measures.yml ของปีนี้ได้ "
            "(ตารางต้องมีคอลัมน์มาตรการและผลการดำเนินการ): ตรวจว่านำเข้ามาตรการของเอกสารเดียวกันแล้ว"
        )
    top = {"round": round_}
    if title:
        top["title"] = title
    if memo:
        top["memo"] = memo
        counts.add("memo")
    kept = lost + [f"ข้อความนอกตาราง: {t}" for t in rest + after] + kept
    text = render(_head(kept), results, "results", top)
    rel = f"reports/{round_}.yml"
    return Draft("report", rel, _checked(text, ReportFile, rel), counts, notes, kept)


def _memo(
    blocks: list[Block], kind: str, notes: list[str]
) -> tuple[list[Block], dict[str, Any] | None]:
    """The memo the document opens with, when it is about a document of ``kind``, and
    the blocks without its paragraphs; else the blocks as they are (the memo's
    paragraphs are then kept as comments, and the note says which kind it is for)."""
    first = next((i for i, b in enumerate(blocks) if isinstance(b, Table)), len(blocks))
    opening = [b for b in blocks[:first] if isinstance(b, Paragraph)]
    found = read_memo([p.text for p in opening])
    if found is None:
        return blocks, None
    if not belongs_to(found, kind):
        other = next(k for k in KINDS if belongs_to(found, k))
        notes.append(
            f"บันทึกข้อความในเอกสารเป็นของ{_KIND_NAMES[other]}: นำเข้าพร้อมบันทึกได้ด้วย --kind {other}"
        )
        return blocks, None
    taken = {id(opening[i]) for i in found.used}
    return [b for b in blocks if id(b) not in taken], found.data


def _head(kept: list[str]) -> list[str]:
    """The comment block at the top of the file for what was kept unplaced."""
    if not kept:
        return []
    return [
        "ข้อความจากเอกสารที่ยังไม่ได้จัดลงช่อง: ตรวจแล้วย้ายไปไว้ในช่องที่ถูกต้อง หรือลบทิ้ง",
        *[f"- {k}" for k in kept],
    ]
