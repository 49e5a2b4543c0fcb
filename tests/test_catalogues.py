"""The shipped ITA catalogues (site_builder/format/frameworks/*.yml) and what they tell the public.

Every fact checked here is traceable to ITA_FRAMEWORKS.md or OIT_EVIDENCE_2567_2570.md
(the YAML cites the source of each item in ``confidence``/``sources``).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from site_builder.format import framework as fw
from site_builder.format.yamlio import parse

YEARS = fw.builtin_years()
CONTENT = Path(__file__).resolve().parent.parent / "content"


def cat(year: int) -> fw.Framework:
    return fw.Framework.model_validate(fw.builtin_data(year))


def test_every_shipped_catalogue_validates() -> None:
    assert set(range(2564, 2571)) <= set(YEARS)
    for year in YEARS:
        c = cat(year)
        assert c.year == year
        assert c.checked is not None, year  # every shipped catalogue says when it was checked
        assert [i.no for i in c.indicators] == list(range(1, 11)), year
        assert [b.min for b in c.levels] == sorted((b.min for b in c.levels), reverse=True), year


@pytest.mark.parametrize("year", YEARS)
def test_codes_unique_ordered_and_in_the_years_sub_indicators(year: int) -> None:
    c = cat(year)
    codes = [i.code for i in c.oit]
    assert all(re.fullmatch(r"O[1-9]\d?", code) for code in codes), codes
    assert len(codes) == len(set(codes)), year
    numbers = [fw.code_number(code) for code in codes]
    assert numbers == sorted(numbers), year
    subs = [s.code for s in c.subindicators]
    assert len(subs) == len(set(subs)), year
    for item in c.oit:
        assert item.sub in subs, (year, item.code, item.sub)
    for code in (*c.serves.analysis, *c.serves.measures, *c.serves.reports):
        assert c.oit_item(code) is not None, (year, code)
    if c.oit_count is not None:
        assert len(c.oit) <= c.oit_count


@pytest.mark.parametrize("year", [y for y in YEARS if y >= 2567])
def test_every_item_keeps_its_developer_provenance(year: int) -> None:
    for item in cat(year).oit:
        assert item.confidence, (year, item.code)
        assert item.sources or item.confidence.startswith("INFER"), (year, item.code)


def _fy(year: int) -> dict[str, str | None]:
    return {i.code: i.fy for i in cat(year).oit}


def test_fiscal_year_tags() -> None:
    for year in (2564, 2565, 2566):
        fy = _fy(year)
        assert fy["O42"] == fy["O43"] == "current", year
    assert _fy(2567)["O1"] == _fy(2567)["O25"] == "current"
    fy68 = _fy(2568)
    assert {c for c, f in fy68.items() if f == "previous"} == {
        "O7",
        "O13",
        "O15",
        "O19",
        "O24",
        "O26",
    }
    assert {"O1", "O4", "O6", "O12", "O14", "O20", "O21", "O23", "O25"} == {
        c for c, f in fy68.items() if f == "current"
    }
    fy69 = _fy(2569)
    assert fy69["O26"] == "previous"  # the report on the previous fiscal year's measures
    assert {c for c, f in fy69.items() if f == "previous"} == {
        "O12",
        "O14",
        "O18",
        "O22",
        "O24",
        "O26",
    }
    assert {"O1", "O4", "O11", "O13", "O15", "O19", "O20", "O21", "O23", "O25"} == {
        c for c, f in fy69.items() if f == "current"
    }


def test_the_generated_pages_serve_the_measures_items() -> None:
    for year in (2564, 2565, 2566):
        s = cat(year).serves
        assert (s.analysis, s.measures, s.reports) == (("O42",), ("O42",), ("O43",))
    for year in (2569, 2570):
        s = cat(year).serves
        assert (s.analysis, s.measures, s.reports) == (("O25",), ("O25",), ("O26",))
    # 2567: the codes of the measures items were not found; 2568: the list has none.
    assert cat(2567).serves.empty
    assert cat(2568).serves.empty


def test_2567_has_five_sub_indicators_of_indicator_9_and_the_known_items() -> None:
    c = cat(2567)
    nine = [s.code for s in c.subindicators if s.code.startswith("9.")]
    assert nine == ["9.1", "9.2", "9.3", "9.4", "9.5"]
    assert [(i.code, i.sub) for i in c.oit] == [
        ("O1", "9.1"),
        ("O2", "9.1"),
        ("O3", "9.1"),
        ("O4", "9.1"),
        ("O10", "9.2"),
        ("O25", "9.5"),
    ]
    o25 = c.oit_item("O25")
    assert o25 is not None
    assert o25.name == "การเปิดโอกาสให้เกิดการมีส่วนร่วม"
    assert o25.fy == "current"
    assert not c.complete
    assert c.missing_codes[:2] == ("O5", "O6")


def test_2568_names_from_the_stronger_evidence() -> None:
    c = cat(2568)
    assert c.oit_count == 26
    assert c.complete
    o6 = c.oit_item("O6")
    assert o6 is not None
    assert o6.name == "แผนและความก้าวหน้าในการดำเนินงานและการใช้จ่ายงบประมาณประจำปี"


def _without(data: dict[str, Any], keys: set[str]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in keys}


def test_2570_is_a_provisional_copy_of_2569() -> None:
    c69, c70 = cat(2569), cat(2570)
    assert not c69.provisional
    assert c70.provisional
    assert c70.based_on == 2569
    assert c70.year == 2570
    notes = {"year", "provisional", "based_on", "confidence", "sources", "checked", "oit_count"}
    d69, d70 = fw.builtin_data(2569), fw.builtin_data(2570)
    assert d69 is not None
    assert d70 is not None
    assert _without(d70, notes) == _without(d69, notes)
    assert c70.confidence.startswith("provisional")


@pytest.mark.parametrize("year", [y for y in YEARS if y >= 2566])
def test_pass_dee_needs_every_tool_at_85(year: int) -> None:
    c = cat(year)
    bands = {b.level: b for b in c.levels}
    assert bands["ผ่านดี"].min == 85
    assert bands["ผ่านดี"].tools_min == 85
    assert bands["ผ่าน"].min == 85
    assert bands["ผ่าน"].tools_min is None
    # The NACC's explanation of 21 Aug 2568 on the สตง.: 92.43 was ผ่านดี in 2567;
    # 94.64 was only ผ่าน in 2568 because EIT was below 85.
    assert c.level_for(92.43, {"IIT": 90, "EIT1": 88, "EIT2": 91, "OIT": 97}) == "ผ่านดี"
    assert c.level_for(94.64, {"IIT": 97, "EIT1": 84.5, "EIT2": 90, "OIT": 99}) == "ผ่าน"
    assert c.level_for(96, {"IIT": 96, "EIT1": 96, "EIT2": 96, "OIT": 96}) == "ผ่านดีเยี่ยม"
    assert c.level_for(84.99, {"IIT": 90}) == "ต้องปรับปรุง"


# Public words in Latin letters: the names of the assessment and its tools, as on every page.
PUBLIC_LATIN = re.compile(r"\b(?:O\d{1,2}|ITA|OIT|IIT|EIT)\b")
DEVELOPER_WORDS = ("SEEN", "INFER", "UNCONFIRMED", "http", "www", "impl", "[R]", "medium", "low")


def assert_public_thai(sentence: str) -> None:
    assert sentence
    assert "\n" not in sentence
    for word in DEVELOPER_WORDS:
        assert word not in sentence, (word, sentence)
    assert not re.search(r"[A-Za-z]", PUBLIC_LATIN.sub("", sentence)), sentence
    assert re.search(r"[\u0e00-\u0e7f]", sentence), sentence


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("thai_digits", [False, True])
def test_public_sentence_is_one_thai_sentence(year: int, thai_digits: bool) -> None:
    c = cat(year)
    sentence = c.public_sentence(thai_digits)
    assert_public_thai(sentence)
    assert "ป.ป.ช." in sentence
    if thai_digits:
        assert not re.search(r"[0-9]", PUBLIC_LATIN.sub("", sentence)), sentence
        assert "ตรวจสอบล่าสุดเมื่อ ๑ ธันวาคม ๒๕๖๙" in sentence
    else:
        assert sentence.endswith("ตรวจสอบล่าสุดเมื่อ 1 ธันวาคม 2569")
    assert ("ชั่วคราว" in sentence) == c.provisional
    assert ("ยังไม่ครบ" in sentence) == (not c.provisional and not c.complete)


def test_public_sentence_of_the_provisional_year_names_the_copied_year() -> None:
    assert cat(2570).public_sentence() == (
        "รายการข้อ OIT ของการประเมินปี พ.ศ. 2570 เป็นรายการชั่วคราว ใช้รายการของปี พ.ศ. 2569 ไปก่อน "
        "จนกว่าจะตรวจสอบกับคู่มือการประเมิน ITA ปี พ.ศ. 2570 ของสำนักงาน ป.ป.ช. ได้ "
        "ตรวจสอบล่าสุดเมื่อ 1 ธันวาคม 2569"
    )
    assert cat(2569).public_sentence() == (
        "รายการข้อ OIT ตามเกณฑ์การประเมิน ITA ของสำนักงาน ป.ป.ช. เท่าที่ตรวจสอบได้จากเอกสารที่เผยแพร่ "
        "ตรวจสอบล่าสุดเมื่อ 1 ธันวาคม 2569"
    )


def _override(year: int, data: dict[str, Any]) -> fw.Framework:
    return fw.Framework.model_validate(fw.merge(fw.builtin_data(year), {"year": year, **data}))


def test_public_note_and_checked_of_an_override() -> None:
    c = _override(
        2570,
        {
            "provisional": False,
            "checked": "๒๕๗๐-๐๒-๐๓",
            "public_note": "รายการข้อ OIT ตามคู่มือการประเมิน ITA ปี 2570\n ของสำนักงาน ป.ป.ช. ข้อ O26.",
        },
    )
    assert c.checked == dt.date(2027, 2, 3)
    assert c.public_sentence() == (
        "รายการข้อ OIT ตามคู่มือการประเมิน ITA ปี 2570 ของสำนักงาน ป.ป.ช. ข้อ O26 "
        "ตรวจสอบล่าสุดเมื่อ 3 กุมภาพันธ์ 2570"
    )
    assert c.public_sentence(thai_digits=True) == (
        "รายการข้อ OIT ตามคู่มือการประเมิน ITA ปี ๒๕๗๐ ของสำนักงาน ป.ป.ช. ข้อ O26 "
        "ตรวจสอบล่าสุดเมื่อ ๓ กุมภาพันธ์ ๒๕๗๐"
    )
    assert _override(2569, {"checked": "2026-12-01"}).checked == dt.date(2026, 12, 1)
    plain = _override(2570, {"provisional": False, "checked": None})
    assert plain.public_sentence() == (
        "รายการข้อ OIT ตามเกณฑ์การประเมิน ITA ของสำนักงาน ป.ป.ช. เท่าที่ตรวจสอบได้จากเอกสารที่เผยแพร่"
    )


@pytest.mark.parametrize(
    "data",
    [{"checked": "2569-02-30"}, {"checked": "1/12/2569"}, {"public_note": " \u200b "}],
)
def test_bad_catalogue_fields_are_refused(data: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        _override(2569, data)


def test_the_bundled_content_override_still_validates() -> None:
    doc, _ = parse((CONTENT / "frameworks/2567.yml").read_text(encoding="utf-8"))
    c = _override(2567, doc.data)
    assert c.serves.analysis == ("O36",)
    assert c.oit_item("O25") is not None
    assert not c.complete  # O5-O9, O11-O24, ... are still unknown


def _all() -> dict[int, fw.Framework]:
    return {y: cat(y) for y in YEARS}


def test_no_warning_for_a_full_catalogue() -> None:
    assert fw.catalogue_warnings(_all(), [2564, 2565, 2566, 2569], set()) == []


def test_provisional_catalogue_warning_names_the_file() -> None:
    [(year, message)] = fw.catalogue_warnings(_all(), [2570], set())
    assert year == 2570
    assert message == (
        "รายการข้อ OIT ของการประเมินปี 2570 ที่มากับโปรแกรมเป็นรายการชั่วคราว (คัดลอกจากรายการปี 2569) "
        "ที่ยังไม่ได้ตรวจกับคู่มือการประเมิน ITA ปี 2570 ของสำนักงาน ป.ป.ช.: "
        "แก้หรือเพิ่มรายการให้ตรงกับคู่มือได้ที่ content/frameworks/2570.yml แล้วใส่ provisional: false"
    )
    [(_, overridden)] = fw.catalogue_warnings(_all(), [2570], {2570}, content_dir="เนื้อหา")
    assert "ตาม เนื้อหา/frameworks/2570.yml ยังเป็นรายการชั่วคราว" in overridden
    assert overridden.endswith("เมื่อตรวจแล้ว ใส่ provisional: false ในไฟล์นั้น")
    checked = {**_all(), 2570: _override(2570, {"provisional": False})}
    assert fw.catalogue_warnings(checked, [2570], {2570}) == []


def test_thin_catalogue_warnings() -> None:
    warnings = fw.catalogue_warnings(_all(), [2568, 2567, 2567], set())
    assert [y for y, _ in warnings] == [2567, 2568]
    (_, w67), (_, w68) = warnings
    assert w67 == (
        "รายการข้อ OIT ของการประเมินปี 2567 ที่มากับโปรแกรมยังไม่ครบ: "
        "มี 6 ข้อ จากอย่างน้อย 25 ข้อ (ยังไม่มี O5–O9, O11–O24) "
        "และยังไม่ได้ระบุว่าหน้าการวิเคราะห์ผล หน้ามาตรการ และรายงานผลการดำเนินการ ตอบข้อ OIT ข้อใด (serves): "
        "เพิ่มหรือแก้รายการได้ที่ content/frameworks/2567.yml"
    )
    assert w68.startswith("รายการข้อ OIT ของการประเมินปี 2568 ที่มากับโปรแกรมยังไม่ครบ: ยังไม่ได้ระบุว่า")
    assert w68.endswith("content/frameworks/2568.yml")
    # A known count larger than the list: no "อย่างน้อย"; an override is named as such.
    short = {2569: _override(2569, {"oit_count": 28})}
    [(_, w)] = fw.catalogue_warnings(short, [2569], {2569})
    assert w == (
        "รายการข้อ OIT ของการประเมินปี 2569 (รวมที่เพิ่มใน content/frameworks/2569.yml) ยังไม่ครบ: "
        "มี 26 ข้อ จาก 28 ข้อ (ยังไม่มี O27–O28): เพิ่มหรือแก้รายการได้ที่ content/frameworks/2569.yml"
    )


def test_thin_check_only_for_the_oit_years_and_missing_catalogues() -> None:
    frameworks = _all()
    # 2568 is used only as the assessment year of an analysis: its OIT list does not matter.
    assert fw.catalogue_warnings(frameworks, [2568, 2569], set(), oit_years=[2569]) == []
    # A provisional catalogue is reported whatever it is used for.
    assert [y for y, _ in fw.catalogue_warnings(frameworks, [2570], set(), oit_years=[])] == [2570]
    [(year, message)] = fw.catalogue_warnings(frameworks, [2571], set())
    assert year == 2571
    assert message == (
        "ไม่มีรายการข้อ OIT ของการประเมินปี 2571 ในระบบ: เพิ่มรายการได้ที่ content/frameworks/2571.yml"
    )
    empty = cat(2569).model_copy(update={"oit": (), "serves": fw.Serves()})
    [(_, message)] = fw.catalogue_warnings({2569: empty}, [2569], set())
    assert "ไม่มีข้อ OIT เลย และยังไม่ได้ระบุว่า" in message


def test_warnings_are_thai_for_staff() -> None:
    for _, message in fw.catalogue_warnings(_all(), [*YEARS, 2571], set(YEARS)):
        rest = re.sub(r"\S*frameworks/\d{4}\.yml|provisional: false|\(serves\)", "", message)
        assert not re.search(r"[A-Za-z]", PUBLIC_LATIN.sub("", rest)), message
