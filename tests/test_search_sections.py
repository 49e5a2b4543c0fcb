"""The search sections of a page (site_builder.search.sections) are the ones Material's
search ``Parser`` finds: on every page of the bundled content and the five seeds as
MkDocs builds them, on hand-made edge cases and on generated HTML; a page the fast
reader does not read goes to Material's parser. The index that writes itself for Thai
search (site_builder.indexing) writes what rewriting Material's file gives, in a build
and in a dirty reload; a whole build's index is the same either way."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import material
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from material.plugins.search.plugin import Parser, SearchIndex

from helpers import FIXTURES, ROOT, build_site, copy_tree, write_tree
from site_builder import indexing
from site_builder.search import index_json
from site_builder.search.sections import sections

if TYPE_CHECKING:
    from pathlib import Path

TREES = [ROOT / "content", *sorted(p.parent for p in (FIXTURES / "seeds").glob("*/site.yml"))]


def material_sections(html: str) -> list[tuple[Any, ...]]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.el.tag, s.depth, s.id, s.title, s.text) for s in parser.data]


def fast_sections(html: str) -> list[tuple[Any, ...]] | None:
    found = sections(html)
    if found is None:
        return None
    return [(s.tag, s.depth, s.id, s.title, s.text) for s in found]


def test_the_reader_was_checked_against_the_installed_material() -> None:
    # A Material upgrade makes the plugin keep its own parser until this file is rerun
    # against it and CHECKED moved on.
    assert material.__version__ == indexing.CHECKED


@pytest.mark.slow
@pytest.mark.parametrize("tree", TREES, ids=[t.name for t in TREES])
def test_every_built_page_gives_materials_sections(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []

    def recording(html: str) -> Any:
        seen.append(html)
        return sections(html)

    monkeypatch.setattr(indexing, "sections", recording)
    build_site(tree, tmp_path / "site")
    assert len(seen) > 10
    for html in seen:
        fast = fast_sections(html)
        assert fast is not None  # Python-Markdown's HTML is read, not left to Material
        assert fast == material_sections(html)


@pytest.mark.parametrize(
    "html",
    [
        "",
        "plain text, no tag",
        "<p>a &amp; b &lt;c&gt; &nbsp; &#3585; &unknown; &amp</p>",
        '<h1 id=\'t\'>Title<a class="headerlink" href="#t">¶</a></h1><p>x</p>',
        '<h2 id="a">A</h2><p>one</p><h3 ID="b">B</h3><ul><li>1</li><li> </li></ul>',
        "<div><h2 id='in'>nested</h2><p>inside</p></div><p>after the div</p>",
        "<p>  \n  </p><p><code>x</code></p><pre>  a\n\n  b  </pre>",
        "<p>a<br>b<br/>c<img src='x.png' alt=\"a > b\"/>d</p>",
        "<span/><p>self-closed span</p></br></p></li>",
        "<table><tr><td>1</td><td>2</td></tr></table>",
        "<h2>no id</h2><p>x</p><h2 id>empty id</h2><h2 id=''>blank</h2>",
        "<li>first<li>second</li>",
        "<p><sub>2</sub><sup></sup></p>\n\n<ol>\n<li>\n</li>\n</ol>",
        "<h1 id=x>unquoted</h1>",  # not read: Material's parser
        "<!-- a comment --><p>x</p>",
        "<script>var a = '<p>';</script><p>x</p>",
        "<div data-search-exclude><p>hidden</p></div><p>shown</p>",
        "<td class='linenodiv'>1</td>",
        "a < b and c > d",
        "<p>unclosed <em>emphasis",
        "<custom-element>x</custom-element>",
    ],
)
def test_edge_cases(html: str) -> None:
    fast = fast_sections(html)
    if fast is not None:
        assert fast == material_sections(html)


@pytest.mark.parametrize(
    "html",
    [
        "<h1 id=x>unquoted</h1>",
        "<!-- a comment --><p>x</p>",
        "<script>x</script>",
        "<STYLE>p {}</STYLE>",
        '<div data-search-exclude="">x</div>',
        "<td class='linenodiv'>1</td>",
        "a < b",
        "<custom-element>x</custom-element>",
        "<textarea><p>x</p></textarea>",
    ],
)
def test_what_it_does_not_read_goes_to_material(html: str) -> None:
    assert sections(html) is None


_TAGS = ["p", "div", "li", "ul", "ol", "pre", "code", "em", "a", "span", "td", "tr", "table"]
_TAGS += ["h1", "h2", "h3", "h4", "sub", "sup", "br", "hr", "img", "P", "Li", "H2"]
_TEXTS = ["x", " ", "\n", "  \n ", "ก่อน", "a&amp;b", "&lt;", "&nbsp;", "1 > 0", "&#x0E01;"]


@st.composite
def fragments(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 40))):
        kind = draw(st.integers(0, 5))
        tag = draw(st.sampled_from(_TAGS))
        if kind == 0:
            parts.append(draw(st.sampled_from(_TEXTS)))
        elif kind == 1:
            ident = draw(st.sampled_from(["", ' id="s1"', " id='s-2'", ' id="a&amp;b"']))
            link = draw(st.sampled_from(["", ' class="headerlink"', ' class="other"']))
            parts.append(f"<{tag}{ident if tag.lower().startswith('h') else link}>")
        elif kind == 2:
            parts.append(f"</{tag}>")
        elif kind == 3:
            parts.append(f"<{tag}/>")
        elif kind == 4:
            parts.append(f"</{tag} >")
        else:
            parts.append(f'<{tag} title="a > b" data-x>')
    return "".join(parts)


@settings(max_examples=400, deadline=None)
@given(fragments())
def test_generated_html_gives_materials_sections(html: str) -> None:
    try:
        expected: Any = material_sections(html)
    except ValueError:  # Material's parser fails on some unbalanced HTML: so must this
        with pytest.raises(ValueError, match="is not in list"):
            sections(html)
        return
    assert fast_sections(html) == expected


@pytest.mark.slow
def test_a_build_indexes_the_same_with_materials_parser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = write_tree(
        copy_tree(ROOT / "content", tmp_path / "content"),
        {
            "2566/pages/notes.md": """
                ---
                title: บันทึก
                ---
                # บันทึก

                ข้อความ **หนา** และ `โค้ด` <span>ใน span</span>

                <!-- ความเห็น: หน้านี้ Material อ่านเอง -->

                ## หัวข้อย่อย

                - หนึ่ง
                - สอง

                | ปี | คะแนน |
                |---|---|
                | 2566 | 92.45 &amp; <b>ผ่าน</b> |

                <div data-search-exclude="" class="linenodiv"><h3 id="in">ใน div</h3><p>x</p></div>

                    code  with  spaces

                    after a blank line

                <details><summary>สรุป</summary>&lt;ไม่ใช่แท็ก&gt;</details>
                """,
            "2566/pages/plain.md": """
                ---
                title: หน้าธรรมดา
                ---
                ข้อความก่อนหัวข้อ &nbsp; และ &#3585;

                ### หัวข้อระดับสาม {#h3-id}

                > อ้างอิง
                """,
        },
    )
    for tree in (ROOT / "content", content):
        fast = json.loads(
            (
                build_site(tree, tmp_path / f"fast-{tree.name}") / "search/search_index.json"
            ).read_text()
        )
        with monkeypatch.context() as patch:
            patch.setattr(indexing, "CHECKED", "another release")
            site = build_site(tree, tmp_path / f"material-{tree.name}")
        assert fast == json.loads((site / "search/search_index.json").read_text())


def _entries(page: str, *texts: str) -> list[dict[str, Any]]:
    return [
        {"location": f"{page}#{n}" if n else page, "title": f"หัวข้อ {n}", "text": text}
        for n, text in enumerate(texts)
    ]


@pytest.mark.parametrize("dirty", [False, True], ids=["build", "dirty-reload"])
def test_the_index_writes_what_the_rewrite_of_materials_file_gives(dirty: bool) -> None:
    # Material's index, written and then rewritten for Thai (search.install's way),
    # against the index writing itself segmented; in a dirty reload the rebuilt
    # page's entries replace its earlier ones (Material's merge).
    config = {"lang": ["th"], "separator": "[\\s\\-]+", "pipeline": ["stemmer"], "fields": {}}
    earlier = [*_entries("a/", "<p>ปีงบประมาณ ๒๕๖๖</p>"), *_entries("b/", "การประเมิน", "x")]
    now = _entries("a/", "<p>มีประสิทธิภาพมากยิ่งขึ้น</p>", "ข้อ 1")
    words = ["กะนอง"]

    def index(kind: type, entries: list[dict[str, Any]]) -> Any:
        made = kind(**config)
        made.entries = [dict(e) for e in entries]
        return made

    prev_material = index(SearchIndex, earlier) if dirty else None
    expected = json.loads(index(SearchIndex, now).generate_search_index(prev_material))
    prev_ours = index(indexing.SectionIndex, earlier) if dirty else None
    ours = index(indexing.SectionIndex, now)
    ours.thai_words = words
    written = ours.generate_search_index(prev_ours)
    assert written == index_json(expected["config"], expected["docs"], words)
    assert [d["location"] for d in json.loads(written)["docs"]] == (
        ["b/", "b/#1", "a/", "a/#1"] if dirty else ["a/", "a/#1"]
    )
    assert "\u200b" in written  # segmented
    plain = index(indexing.SectionIndex, now)  # without the words: Material's own JSON
    assert plain.generate_search_index(None) == index(SearchIndex, now).generate_search_index(None)
