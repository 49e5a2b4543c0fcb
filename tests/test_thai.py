from __future__ import annotations

import datetime as dt

import pytest

from site_builder import thai


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2566-04-04", dt.date(2023, 4, 4)),
        ("2023-04-04", dt.date(2023, 4, 4)),
        ("๒๕๖๖-๑๑-๒๒", dt.date(2023, 11, 22)),
        ("2400-01-01", dt.date(1857, 1, 1)),
        (" 2565-10-01 ", dt.date(2022, 10, 1)),
    ],
)
def test_parse_date_accepts_be_and_ce(text: str, expected: dt.date) -> None:
    assert thai.parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("4 เมษายน 2566", "ต้องเป็นวันที่รูปแบบ ปปปป-ดด-วว เช่น 2566-04-04 (พบ '4 เมษายน 2566')"),
        ("2566-02-30", "ไม่มีวันที่นี้ในปฏิทิน (พบ '2566-02-30')"),
        ("2566/04/04", "ต้องเป็นวันที่รูปแบบ ปปปป-ดด-วว เช่น 2566-04-04 (พบ '2566/04/04')"),
    ],
)
def test_parse_date_refuses_with_thai_message(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=r"\(พบ '") as info:
        thai.parse_date(text)
    assert str(info.value) == message


def test_format_date_and_digits() -> None:
    date = dt.date(2023, 4, 4)
    assert thai.format_date(date) == "4 เมษายน 2566"
    assert thai.format_date(date, thai_digits=True) == "๔ เมษายน ๒๕๖๖"
    assert thai.to_thai("99.50") == "๙๙.๕๐"
    assert thai.to_arabic("๙๙.๕๐") == "99.50"


def test_scores_always_two_decimals() -> None:
    assert thai.format_score(99.5) == "99.50"
    assert thai.format_score(100) == "100.00"
    assert thai.format_score(95, thai_digits=True) == "๙๕.๐๐"


def test_fiscal_year() -> None:
    assert thai.fiscal_year(dt.date(2022, 10, 1)) == 2566
    assert thai.fiscal_year(dt.date(2023, 9, 30)) == 2566
    assert thai.fiscal_year_start(2566) == dt.date(2022, 10, 1)
