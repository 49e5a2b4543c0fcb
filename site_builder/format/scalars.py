"""The scalar values of the content format: how a text, a date, a score, a URL, an OIT
code or a one-or-many list is read from what staff write.

Every plain YAML scalar reaches the models as text (:mod:`site_builder.format.yamlio` does not
guess types), so each type here converts it itself: Thai digits are numbers, a B.E. or
C.E. ``YYYY-MM-DD`` is a date, one item stands for a list of one.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema

from ..siteurl import SiteUrlRefused, checked_site_url
from ..thai import parse_date, to_arabic


def _as_list(value: Any) -> Any:
    """One string or a list of strings: both become a list."""
    if value is None:
        return []
    if isinstance(value, (str, int, float)):
        return [str(value)]
    if isinstance(value, dict):
        return [value]
    return value


def _as_date(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    raise ValueError("ต้องเป็นวันที่รูปแบบ ปปปป-ดด-วว เช่น 2566-04-04")


def _as_number(value: Any) -> Any:
    """Thai digits are accepted where a number is expected."""
    return to_arabic(value).strip() if isinstance(value, str) else value


_URL = re.compile(r"^https?://[^\s<>\"'/\\]+(?:/[^\s<>\"'\\]*)?\Z", re.IGNORECASE)
_OIT = re.compile(r"^[Oo]\d{1,2}$")


def _as_url(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip()
        if not _URL.match(text):
            raise ValueError(
                f"ต้องเป็นที่อยู่เว็บที่ขึ้นต้นด้วย http:// หรือ https:// เช่น "
                f"https://www.example.go.th/news/1 (พบ '{value}')"
            )
        scheme, rest = text.split("://", 1)
        return f"{scheme.lower()}://{rest}"
    return value


def _as_site_url(value: Any) -> Any:
    """The address a site is published at, checked and normalised as MkDocs' ``site_url``
    is (:func:`~site_builder.siteurl.checked_site_url`)."""
    if isinstance(value, str):
        try:
            return checked_site_url(value.strip())
        except SiteUrlRefused as exc:
            raise ValueError(str(exc)) from None
    return value


def _as_oit(value: Any) -> Any:
    if isinstance(value, str):
        text = to_arabic(value.strip())
        if not _OIT.match(text):
            raise ValueError(f"ต้องเป็นรหัสข้อ OIT เช่น O42 (พบ '{value}')")
        return "O" + str(int(text[1:]))
    return value


def _visible(value: str) -> str:
    """Text someone can read: not only spaces, zero-width or other invisible characters."""
    if not any(unicodedata.category(ch)[0] not in "ZC" for ch in value):
        raise ValueError("ต้องมีข้อความที่มองเห็นได้ (พบแต่ช่องว่างหรืออักขระที่มองไม่เห็น)")
    return value


ONE_OR_MANY = BeforeValidator(_as_list)
"""The validator, and the marker the schema looks for, of a list field that takes one item too."""

Text = Annotated[str, Field(min_length=1), AfterValidator(_visible)]
TextList = Annotated[tuple[Text, ...], ONE_OR_MANY]
Date = Annotated[dt.date, BeforeValidator(_as_date)]
Score = Annotated[float, BeforeValidator(_as_number), Field(ge=0, le=100)]
Url = Annotated[
    str,
    BeforeValidator(_as_url),
    WithJsonSchema({"type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s<>\"']+$"}),
]
SiteUrl = Annotated[
    str,
    BeforeValidator(_as_site_url),
    WithJsonSchema({"type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s<>\"'?#@]+$"}),
]
OitCode = Annotated[str, BeforeValidator(_as_oit)]
Number = Annotated[int, BeforeValidator(_as_number), Field(ge=1)]
Year = Annotated[int, BeforeValidator(_as_number)]
Status = Literal["done", "in_progress", "not_started", "cancelled"]
Round = Literal["6-month", "annual", "q1", "q2", "q3", "q4"]
