"""Content payloads are inert: escaped where they land, sanitised where Markdown is allowed."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import build, page_text, run_cli, write_tree

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)><iframe src="https://evil.example"></iframe>'


class _Dangers(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "iframe":
            self.found.append("iframe")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag}[{name}]")
            if (
                name in ("href", "src")
                and value
                and value.strip().lower().startswith("javascript:")
            ):
                self.found.append(f"{tag}[{name}={value}]")
        self._in_script = tag == "script"

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert" in data:
            self.found.append("script: " + data.strip()[:40])

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


def dangers(document: str) -> list[str]:
    parser = _Dangers()
    parser.feed(document)
    return parser.found


@pytest.mark.slow
def test_payloads_in_every_field_are_inert(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = PAYLOAD
    content = write_tree(
        tmp_path / "content",
        {
            "site.yml": f"organization: {{name: 'เทศบาล {p}', address: '{p}', email: 'a@b.th\" onmouseover=\"alert(1)'}}\n",
            "2566/analysis.yml": f"""
                title: 'วิเคราะห์ {p}'
                intro: '{p} [คลิก](javascript:alert(2)) <a href="javascript:alert(3)">a</a>'
                overall: {{score: 90, level: '{p}'}}
                indicators:
                  - {{no: 1, score: 95, analysis: '{p}'}}
                summary: '<div onclick="alert(4)">x</div>'
                memo: {{unit: '{p}', subject: '{p}', body: '{p}', signatures: [{{name: '{p}', comment: '{p}'}}]}}
            """,
            "2566/measures.yml": f"""
                title: '{p}'
                measures:
                  - no: 1
                    title: 'มาตรการ {p}'
                    indicators: [1]
                    steps: ['{p}', '[x](javascript:alert(5))']
                    responsible: [{{unit: '{p}', person: '{p}', position: '{p}'}}]
                    period: '{p}'
            """,
            "2566/reports/6-month.yml": f"""
                round: 6-month
                title: 'รายงาน {p}'
                results:
                  - measure: 1
                    actions: '{p}'
                    evidence: [{{title: '{p}', url: 'https://ok.example/a'}}]
            """,
        },
    )
    site = build(content, tmp_path / "site", capsys)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        document = page.read_text(encoding="utf-8")
        assert dangers(document) == [], page
        article = re.search(r"<article.*?</article>", document, re.S)
        assert article is not None
        for tag in ("<object", "<embed", "<form", "<input", "<iframe"):
            assert tag not in article.group(0), (page, tag)
    # Escaped text stays readable.
    assert '<script>alert("x")</script>' in page_text(site, "/2566/measures/1/")


def test_url_with_a_quote_is_refused() -> None:
    from site_builder.format.models import Evidence

    with pytest.raises(ValueError, match="ต้องเป็นที่อยู่เว็บ"):
        Evidence.model_validate({"url": 'https://ok.example/"onmouseover="alert(6)'})


@pytest.mark.slow
def test_url_with_ampersand_is_escaped_in_href(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = write_tree(
        tmp_path / "content",
        {
            "site.yml": "organization: {name: เทศบาล}\n",
            "2566/measures.yml": "measures:\n  - {no: 1, title: ก, indicators: [1], steps: ทำ, responsible: ส}\n",
            "2566/reports/annual.yml": "round: annual\nresults:\n  - {measure: 1, actions: ทำ, evidence: ['https://a.example/x?q=1&b=2']}\n",
        },
    )
    site = build(content, tmp_path / "site", capsys)
    document = (site / "2566/reports/annual/index.html").read_text(encoding="utf-8")
    assert 'href="https://a.example/x?q=1&amp;b=2"' in document


FREE_PAGE = """\
---
title: 'หน้า <script>alert(1)</script>'
description: '"><script>alert(10)</script>'
---
# หัวข้อ

ข้อความ <script>alert("x")</script>

<a href="javascript:alert(7)">x</a> [y](javascript:alert(8)){: onclick="alert(9)" }

<object data="x"></object><embed src="x"><form action="https://evil"><input></form>

<p id="__config">{}</p>

<span style="color: red">แดง</span>
"""


def test_active_html_in_a_free_page_is_refused_with_its_line(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        chdir_tmp / "content",
        {"site.yml": "organization: {name: เทศบาล}\n", "2566/pages/free.md": FREE_PAGE},
    )
    before = sorted(p.as_posix() for p in chdir_tmp.rglob("*"))
    for command in (["check"], ["build", "--site-dir", "site"], ["generate", "--out", "out"]):
        code, _, err = run_cli(*command, "--content", "content", capsys=capsys)
        assert code == 1, command
        lines = err.splitlines()
        refused = [line for line in lines if "HTML ที่ไม่อนุญาต" in line]
        assert {line.split(": HTML")[0] for line in refused} == {
            "content/2566/pages/free.md:7",
            "content/2566/pages/free.md:9",
            "content/2566/pages/free.md:11",
            "content/2566/pages/free.md:13",
        }
        for what in (
            "<script>",
            'href="javascript:alert(7)"',
            "onclick",
            "<object>",
            "<form>",
            'id="__config"',
        ):
            assert any(f"HTML ที่ไม่อนุญาต: {what} " in line for line in refused), what
        assert (
            "content/2566/pages/free.md:15: คำเตือน: HTML ที่ไม่รองรับ: style "
            "จะถูกตัดออกเมื่อเผยแพร่ (ใช้ Markdown แทน เช่น **ตัวหนา**)"
        ) in lines
    # Nothing was written: no site, no generated tree.
    assert sorted(p.as_posix() for p in chdir_tmp.rglob("*")) == before


@pytest.mark.slow
def test_ids_that_stand_in_for_the_themes_own_are_dropped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = write_tree(
        tmp_path / "content",
        {
            "site.yml": "organization: {name: เทศบาล}\n",
            "2566/measures.yml": """
                intro: '<p id="__config">{"base": "https://evil.example"}</p><p id="__search">x</p><h3 id="ok">ตกลง</h3>'
                measures:
                  - {no: 1, title: ก, indicators: [1], steps: ทำ, responsible: ส}
            """,
            "2566/pages/fine.md": "---\ntitle: ดี\n---\n# หัวข้อ {#heading-1}\n\n<b>ตัวหนา</b>\n",
        },
    )
    site = build(content, tmp_path / "site", capsys)
    document = (site / "2566/measures/index.html").read_text(encoding="utf-8")
    assert document.count('id="__config"') == 1  # Material's own, not the content's
    assert document.count('id="__search"') == 1
    assert 'id="ok"' in document
    assert 'id="heading-1"' in (site / "2566/pages/fine/index.html").read_text(encoding="utf-8")


BRACKETS = (
    "มีวงเล็บเหลี่ยม [ ที่ซ้อนกันหรือไม่ได้ปิดมากเกินไป (ลิงก์ใน Markdown เขียนว่า [ข้อความ](ที่อยู่)): "
    "ให้ลบวงเล็บที่เกินออก หรือเขียน \\[ เมื่อต้องการแสดงเครื่องหมาย ["
)


@pytest.mark.parametrize(
    "text", ["[" * 20_000, "[" * 20_000 + "]" * 20_000, "![a" * 8_000, "ก [" * 5_000 + "\n"]
)
def test_bracket_bombs_in_markdown_are_refused_fast(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    """Python-Markdown scans to the end of the paragraph for every '[': quadratic."""
    import time

    write_tree(
        chdir_tmp / "content",
        {
            "site.yml": "organization: {name: เทศบาล}\n",
            "2566/measures.yml": (
                "measures:\n  - no: 1\n    title: ก\n    indicators: [1]\n    responsible: ส\n"
                f"    steps: {json.dumps(text)}\n"
            ),
            "2566/pages/p.md": f"---\ntitle: ก\n---\n\nย่อหน้าแรก\n\n{text}\n",
        },
    )
    started = time.perf_counter()
    code, _, err = run_cli("check", "--content", "content", capsys=capsys)
    assert time.perf_counter() - started < 5
    assert code == 1
    assert err.splitlines() == [
        f"content/2566/measures.yml:6: {BRACKETS}",
        f"content/2566/pages/p.md:7: {BRACKETS}",
        "พบข้อผิดพลาด 2 รายการ",
    ]


def test_ordinary_links_cost_little() -> None:
    from site_builder.markup import LINK_WORK_LIMIT, link_work

    assert link_work("[ก](https://a.example/) " * 50_000)[0] < LINK_WORK_LIMIT / 10


NESTED = (
    "แท็ก HTML ซ้อนกันลึกเกิน 100 ชั้น หรือเปิดไว้โดยไม่ได้ปิด (เช่น <b> ที่ไม่มี </b>): "
    "ให้ปิดแท็กให้ครบ หรือใช้ Markdown แทน เช่น **ตัวหนา**"
)


def test_unclosed_tags_by_the_thousand_are_refused_fast(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The sanitiser closes them, and Material's search indexer is quadratic in the depth."""
    import time

    write_tree(
        chdir_tmp / "content",
        {
            "site.yml": "organization: {name: เทศบาล}\n",
            "2566/measures.yml": (
                "measures:\n  - no: 1\n    title: ก\n    indicators: [1]\n    responsible: ส\n"
                f"    steps: '{'<b>' * 20_000}'\n"
            ),
            "2566/pages/p.md": "---\ntitle: ก\n---\n\n<div><p>ปกติ</p></div>\n\n" + "<i>" * 20_000,
        },
    )
    started = time.perf_counter()
    code, _, err = run_cli("check", "--content", "content", capsys=capsys)
    assert time.perf_counter() - started < 5
    assert code == 1
    assert err.splitlines() == [
        f"content/2566/measures.yml:6: {NESTED}",
        f"content/2566/pages/p.md:7: {NESTED}",
        "พบข้อผิดพลาด 2 รายการ",
    ]
