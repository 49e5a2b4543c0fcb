"""The บันทึกข้อความ (internal memo) at the head of a document, read into ``memo:``.

Thai official memos follow one form (ระเบียบงานสารบรรณ): the words บันทึกข้อความ, then
lines that start with ส่วนราชการ (with โทร. and the phone), ที่ (the reference), วันที่,
เรื่อง and เรียน, the body (often under เรื่องเดิม / ข้อเท็จจริง / ข้อเสนอ), and signatures:
a name in parentheses, the position on the next line, a ความเห็น… heading before it.
A memo is taken only when it has its unit and subject, the two the format requires;
lines of the signature block that fit no field stay with the paragraphs left over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..thai import MONTHS, be_iso, parse_date, to_arabic
from .grid import visible
from .text import DIGIT, is_position

_HEADS = {
    "unit": re.compile(r"^ส่วนราชการ\s*"),
    "ref": re.compile(r"^ที่\s+"),
    "date": re.compile(r"^วันที่\s*"),
    "subject": re.compile(r"^เรื่อง\s*"),
    "to": re.compile(r"^เรียน\s*"),
}
_PHONE = re.compile(r"\s*(?:โทร\.?|โทรศัพท์)\s*")
_SECTIONS = re.compile(
    r"^(?:เรื่องเดิม|ข้อเท็จจริง|ข้อเสนอ|ข้อเรียนเสนอ|ข้อพิจารณา|ข้อกฎหมาย|ระเบียบ|ความเป็นมา)$"
)
_NAME = re.compile(r"^[(（]\s*([^()（）]{3,80}?)\s*[)）]$")
_BLANK = re.compile(r"^[.\s…_-]*$")
_SHORT_MONTHS = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
_DATE = re.compile(rf"({DIGIT}{{1,2}})\s*(\S+?)\s*(?:พ\.ศ\.\s*)?({DIGIT}{{4}})")


def thai_date(text: str) -> str | None:
    """``๒๒ พฤศจิกายน ๒๕๖๖`` or ``4 เม.ย. 2566`` as the format writes a date (2566-11-22)."""
    match = _DATE.search(text)
    if match is None:
        return None
    month_text = match.group(2)
    months = [i for i, m in enumerate(MONTHS) if month_text == m]
    months += [i for i, m in enumerate(_SHORT_MONTHS) if month_text in (m, m.replace(".", ""))]
    if not months:
        return None
    day, year = int(to_arabic(match.group(1))), int(to_arabic(match.group(3)))
    try:
        return be_iso(parse_date(f"{year}-{months[0] + 1:02d}-{day:02d}"))
    except ValueError:
        return None


def _signer(text: str) -> str | None:
    """The name of a "(นางสาวอรุณี กะนอง)" line."""
    match = _NAME.match(text)
    return match.group(1) if match and visible(match.group(1)) else None


@dataclass
class Memo:
    """A memo read from paragraphs, and the paragraphs it took."""

    data: dict[str, Any] = field(default_factory=dict)
    used: set[int] = field(default_factory=set)


def read(paragraphs: list[str]) -> Memo | None:
    """The memo that the paragraphs (those before the document's first table) begin
    with, or None when they hold none with a unit and a subject."""
    try:
        start = next(i for i, p in enumerate(paragraphs[:5]) if p.strip("# ") == "บันทึกข้อความ")
    except StopIteration:
        return None
    memo = Memo(used={start})
    data = memo.data
    body: list[str] = []
    signatures: list[dict[str, str]] = []
    heading: str | None = None
    pending: list[str] = []  # short lines of a signature block: the comment of the next one
    i = start + 1
    while i < len(paragraphs):
        text = paragraphs[i].strip()
        head = next(
            (k for k, pattern in _HEADS.items() if pattern.match(text) and k not in data), None
        )
        block = bool(signatures or heading or pending)
        if head and not body and not block:
            value = _HEADS[head].sub("", text, count=1).strip()
            if not visible(value):
                break
            if head == "unit":
                value, *phone = _PHONE.split(value, maxsplit=1)
                if phone and visible(phone[0]):
                    data["phone"] = phone[0]
            if head == "date":
                date = thai_date(value)
                if date is None:
                    break
                value = date
            data[head] = value
        elif "to" not in data:
            break
        elif (name := _signer(text)) or (pending and is_position(text)):
            signature = {"heading": heading} if heading else {}
            if pending:
                signature["comment"] = "\n".join(pending) + "\n"
            if name:
                signature["name"] = name
                nxt = paragraphs[i + 1].strip() if i + 1 < len(paragraphs) else ""
                if is_position(nxt):  # the position under the name
                    signature["position"] = nxt
                    memo.used.add(i)
                    i += 1
            else:
                signature["position"] = text
            signatures.append(signature)
            heading, pending = None, []
        elif text.startswith("ความเห็น") and len(text) < 60:
            heading = text
        elif _BLANK.match(text) and block:
            pass  # the dotted lines left for a handwritten comment
        elif not block:
            body.append(f"### {text}" if _SECTIONS.match(text) else text)
        elif len(text) < 80 and signatures:
            pending.append(text)
        else:
            break
        memo.used.add(i)
        i += 1
    if not data.get("unit") or not data.get("subject"):
        return None
    if body:
        data["body"] = "\n\n".join(body) + "\n"
    if signatures:
        data["signatures"] = signatures
    order = ("unit", "phone", "ref", "date", "subject", "to", "body", "signatures")
    memo.data = {k: data[k] for k in order if k in data}
    return memo


def belongs_to(memo: Memo, kind: str) -> bool:
    """Whether the memo is about a document of ``kind`` (by the words of its subject)."""
    subject = memo.data.get("subject", "")
    if "วิเคราะห์" in subject:
        return kind == "analysis"
    if "รายงาน" in subject or "ผลการดำเนินการ" in subject:
        return kind == "report"
    return kind == "measures"
