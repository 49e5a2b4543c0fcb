from __future__ import annotations

import pytest

from site_builder.yamlio import YamlProblem, parse


def test_scalars_stay_text_except_nulls() -> None:
    doc, dups = parse(
        "phone: 0712345\ndate: 2566-04-04\nflag: yes\noctal: 0o17\nscore: 97.73\nempty:\ntilde: ~\nquoted: ''\n"
    )
    assert dups == []
    assert doc.data == {
        "phone": "0712345",
        "date": "2566-04-04",
        "flag": "yes",
        "octal": "0o17",
        "score": "97.73",
        "empty": None,
        "tilde": None,
        "quoted": "",
    }


def test_lines_are_kept_for_every_value() -> None:
    doc, _ = parse("measures:\n  - no: 1\n    title: a\n  - no: 2\n    steps:\n      - x\n")
    assert doc.lines[("measures",)] == 1
    assert doc.lines[("measures", 1, "no")] == 4
    assert doc.lines[("measures", 1, "steps", 0)] == 6
    assert doc.line_of(("measures", 1, "missing")) == 4


def test_duplicate_keys_are_reported_with_both_lines() -> None:
    doc, dups = parse("a: 1\nb: 2\na: 3\n")
    assert doc.data == {"a": "1", "b": "2"}
    assert [(d.line, d.message) for d in dups] == [
        (3, "ชื่อฟิลด์ 'a' ซ้ำ (ประกาศแล้วที่บรรทัด 1) ให้รวมเป็นรายการเดียวหรือลบอันที่ซ้ำ")
    ]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "a:\n\tb: 1\n",
            2,
            "รูปแบบ YAML ไม่ถูกต้อง: พบอักขระ Tab: YAML ใช้การเว้นวรรค (space) เพื่อย่อหน้า ห้ามใช้ Tab",
        ),
        (
            "title: เรื่อง: การประชุม\n",
            1,
            "รูปแบบ YAML ไม่ถูกต้อง: มีเครื่องหมาย ':' ในตำแหน่งที่ไม่ถูกต้อง: ถ้าข้อความมี ': ' ให้ครอบด้วยเครื่องหมายคำพูด เช่น title: \"เรื่อง: การประชุม\"",
        ),
        ('a: "open\n', 2, "รูปแบบ YAML ไม่ถูกต้อง: ข้อความในเครื่องหมายคำพูดไม่ได้ปิด"),
    ],
)
def test_syntax_errors_in_thai_with_line(text: str, line: int, message: str) -> None:
    with pytest.raises(YamlProblem) as info:
        parse(text)
    assert (info.value.line, info.value.message) == (line, message)
