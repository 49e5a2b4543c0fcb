"""Thai dates, digits and numbers: the one place that converts them.

Content stores C.E. :class:`datetime.date` values and Arabic digits; what a
reader sees (B.E. years, Thai month names, Thai digits when the site asks for
them) is decided here.
"""

from __future__ import annotations

import datetime as dt
import re

BE_OFFSET = 543
"""B.E. year = C.E. year + 543."""

BE_MIN = 2400
"""A written year of 2400 or more is a Buddhist-era year."""

MONTHS = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
"""The Thai digits zero to nine, in order."""

DIGIT_CLASS = "[0-9๐-๙]"
"""A regular-expression class of one digit, Arabic or Thai (Python, JSON Schema, JavaScript)."""

_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def to_arabic(text: str) -> str:
    """Thai digits to Arabic digits; other characters unchanged."""
    return text.translate(_TO_ARABIC)


def to_thai(text: str) -> str:
    """Arabic digits to Thai digits; other characters unchanged."""
    return text.translate(_TO_THAI)


def parse_date(text: str) -> dt.date:
    """``YYYY-MM-DD`` with a B.E. (>= 2400) or C.E. year, Thai digits allowed.

    Raises :class:`ValueError` with a Thai message.
    """
    match = _DATE.match(to_arabic(text))
    if not match:
        raise ValueError(f"ต้องเป็นวันที่รูปแบบ ปปปป-ดด-วว เช่น 2566-04-04 (พบ '{text}')")
    year, month, day = (int(g) for g in match.groups())
    if year >= BE_MIN:
        year -= BE_OFFSET
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"ไม่มีวันที่นี้ในปฏิทิน (พบ '{text}')") from None


def be_year(date: dt.date) -> int:
    """The Buddhist-era year of a date."""
    return date.year + BE_OFFSET


def fiscal_year(date: dt.date) -> int:
    """The Thai fiscal year (B.E.) a date falls in: 1 October to 30 September."""
    return be_year(date) + (1 if date.month >= 10 else 0)


def be_iso(date: dt.date) -> str:
    """A date as staff write it in YAML: ``2566-04-04`` (B.E. year, Arabic digits)."""
    return f"{be_year(date):04d}-{date.month:02d}-{date.day:02d}"


def next_year(date: dt.date) -> dt.date:
    """The same day one year later; 29 February becomes 28 February."""
    try:
        return date.replace(year=date.year + 1)
    except ValueError:
        return date.replace(year=date.year + 1, day=28)


def fiscal_year_start(year_be: int) -> dt.date:
    """1 October of the year before: the first day of fiscal year ``year_be``."""
    return dt.date(year_be - BE_OFFSET - 1, 10, 1)


def format_date(date: dt.date, *, thai_digits: bool = False) -> str:
    """``4 เมษายน 2566``."""
    text = f"{date.day} {MONTHS[date.month - 1]} {be_year(date)}"
    return to_thai(text) if thai_digits else text


def format_number(value: float | int | str, *, thai_digits: bool = False) -> str:
    """A generated number or numbering, in the site's digits."""
    text = str(value)
    return to_thai(text) if thai_digits else text


def format_score(value: float, *, thai_digits: bool = False) -> str:
    """A score always with two decimals: ``99.50``."""
    return format_number(f"{value:.2f}", thai_digits=thai_digits)
