from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.format.yamlio import YamlProblem, parse, read_text


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
        # An unclosed quote is named on the line where it opens.
        ('a: "open\n', 1, "รูปแบบ YAML ไม่ถูกต้อง: ข้อความในเครื่องหมายคำพูดไม่ได้ปิด"),
        (
            'title: ok\nname: "abc\nother: 1\nmore: 2\n',
            2,
            "รูปแบบ YAML ไม่ถูกต้อง: ข้อความในเครื่องหมายคำพูดไม่ได้ปิด",
        ),
    ],
)
def test_syntax_errors_in_thai_with_line(text: str, line: int, message: str) -> None:
    with pytest.raises(YamlProblem) as info:
        parse(text)
    assert (info.value.line, info.value.message) == (line, message)


ALIAS = "รูปแบบ YAML ไม่ถูกต้อง: ไม่รองรับ anchor และ alias (&ชื่อ, *ชื่อ, <<:) ให้เขียนค่าซ้ำตรง ๆ ในแต่ละที่"
DEEP = "รูปแบบ YAML ไม่ถูกต้อง: ซ้อนกันลึกเกิน 50 ชั้น (รายการหรือกลุ่มฟิลด์ซ้อนกันมากเกินไป หรือวงเล็บ [ { ไม่ได้ปิด)"


def _control(code: str, column: int) -> str:
    return (
        f"พบอักขระควบคุมที่มองไม่เห็น ({code}) ที่ตำแหน่ง {column} ของบรรทัด: "
        "ให้ลบอักขระนี้ออก (มักติดมาจากการคัดลอกข้อความจาก Word หรือ PDF)"
    )


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        # An alias bomb (a billion laughs) is refused at its first anchor, expanding nothing.
        (
            "a: &a [x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n"
                for p, c in zip("abcdefgh", "bcdefghi", strict=True)
            ),
            1,
            ALIAS,
        ),
        ("title: ok\nsteps: &s [a]\n", 2, ALIAS),
        ("a: &a [*a]\n", 1, ALIAS),
        ("a: {x: 1}\nb:\n  <<: {y: 2}\n", 3, ALIAS),
        ("a:\n" + "".join("  " * (i + 1) + "-\n" for i in range(500)), 51, DEEP),
        ("a: " + "[" * 43_000, 1, DEEP),
        ("a: " + "{a: " * 10_000, 1, DEEP),
        ("title: ok\nname: a\x00b\n", 2, _control("U+0000", 8)),
        ("title: a\x85b\n", 1, _control("U+0085", 9)),
        ("title: \u202eabc\n", 1, _control("U+202E", 8)),
        ("? [a, b]\n: 1\n", 1, "รูปแบบ YAML ไม่ถูกต้อง: ชื่อฟิลด์ต้องเป็นข้อความ ไม่ใช่รายการหรือกลุ่มฟิลด์"),
        # PyYAML's English, said in Thai; an unclosed bracket named where it opens.
        (
            "a: 1\n---\nb: 2\n",
            2,
            "รูปแบบ YAML ไม่ถูกต้อง: ไฟล์แบ่งเป็นหลายเอกสารด้วยบรรทัด --- แต่ไฟล์หนึ่งมีได้เอกสารเดียว: ให้ลบบรรทัด --- ที่เกินออก",
        ),
        (
            "x: 1\na: [1, 2\nb: 3\n",
            2,
            "รูปแบบ YAML ไม่ถูกต้อง: วงเล็บ [ ที่เปิดไว้ไม่ได้ปิดด้วย ] หรือขาด , ระหว่างรายการ: ถ้าข้อความมี , [ หรือ ] ให้ครอบด้วยเครื่องหมายคำพูด",
        ),
    ],
)
def test_what_the_format_leaves_out_is_refused_with_its_line(
    text: str, line: int, message: str
) -> None:
    with pytest.raises(YamlProblem) as info:
        parse(text)
    assert (info.value.line, info.value.message) == (line, message)


def test_thai_zero_width_space_is_kept() -> None:
    doc, _ = parse("title: การ\u200bประเมิน\n")
    assert doc.data == {"title": "การ\u200bประเมิน"}


def test_a_file_over_5_mb_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "measures.yml"
    big.write_bytes(b"a: " + b"x" * (5 * 1024 * 1024))
    with pytest.raises(YamlProblem) as info:
        read_text(big)
    assert "ไฟล์ใหญ่เกินไป (เกิน 5 MB)" in info.value.message


@pytest.mark.slow
def test_a_long_flat_list_is_parsed_in_linear_time() -> None:
    import time

    started = time.perf_counter()
    doc, _ = parse("a: [" + "1," * 400_000 + "]\n")
    assert len(doc.data["a"]) == 400_000
    assert time.perf_counter() - started < 20
