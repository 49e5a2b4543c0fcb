"""Generated pages' raw HTML blocks skip Python-Markdown (markup.hold_blocks): what a
page becomes must be exactly what Python-Markdown makes of it, on every generated page
of the bundled content, the five seeds and the guide, and on hand-made edge cases."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from helpers import FIXTURES, ROOT
from site_builder import defaults
from site_builder.markup import hold_blocks
from site_builder.plan import build_plan
from site_builder.tree.loader import load

TREES = [ROOT / "content", *sorted(p.parent for p in (FIXTURES / "seeds").glob("*/site.yml"))]


def _converter() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=list(defaults.MARKDOWN_EXTENSIONS),
        extension_configs={k: v for k, v in defaults.MARKDOWN_EXTENSIONS.items() if v},
        output_format="html",
    )


def _both(md: markdown.Markdown, text: str) -> tuple[str, str, int]:
    md.reset()
    plain = md.convert(text)
    block_level = frozenset(md.block_level_elements)
    held_text, held = hold_blocks(text, block_level)
    md.reset()
    return plain, held.restore(md.convert(held_text)), len(held.blocks)


@pytest.mark.slow
@pytest.mark.parametrize("tree", TREES, ids=[t.name for t in TREES])
def test_every_generated_page_is_what_python_markdown_makes_of_it(tree: Path) -> None:
    md = _converter()
    held_total = 0
    for page in build_plan(load(tree)).pages:
        if not page.trusted:
            continue
        plain, restored, held = _both(md, page.markdown)
        assert restored == plain, page.path
        held_total += held
    assert held_total > 20  # the blocks were held, not all left to Python-Markdown


@pytest.mark.parametrize(
    "text",
    [
        "<p>a</p><p>b</p>",  # two elements on one line: Python-Markdown parts them
        "<div><p>a</p><p>b</p></div>\n\n## Heading\n\n<table><tr><td>1</td></tr></table>",
        "<div>\n\n<p>inside, after a blank line</p>\n\n</div>",
        '<div markdown="1">**bold**</div>',
        "<p>unclosed",
        "<pre>  kept\n\n  as is</pre>",
        "text\n<p>after text</p>",
        "<p>x</p>",
        "<hr>\n\n<p>y</p>",
        "<table>\n<tr><td>a</td></tr>\n</table>\n\n\n\n<p>last</p>\n",
        "<p>a</p>   \n  \n<p>b</p>",
        "<span>inline first</span>\n\n<p>block</p>",
        "<pre><code>&lt;p&gt;ita0x0&lt;/p&gt;</code></pre>",
        # Several elements in one chunk, each on its own lines: held together.
        '<p class="hint">a</p>\n<div class="scroll">\n<table><tr><td>1</td></tr></table>\n</div>',
        "<p>a</p>\n<div>b</div>\n<p>c</p>\n\n## Heading\n\n<p>d</p>",
        "<div><div>a</div>\n</div>\n<p>b</p>\n\n<p>c</p>",
        "<p>a</p>\ntext\n\n<p>b</p>",
        "<p>a</p>\n<span>inline</span>\n\n<p>b</p>",
        "<p>a</p>\n\n<div>unclosed\n\n<p>b</p>",
        '<p>a</p>\n<div markdown="1">**b**</div>\n\n<p>c</p>',
        "<p>a</p> \n<p>b</p>",
    ],
)
def test_edge_cases_are_what_python_markdown_makes_of_them(text: str) -> None:
    plain, restored, _ = _both(_converter(), text)
    assert restored == plain


def test_a_placeholder_cannot_be_written_in_the_content() -> None:
    md = _converter()
    text, held = hold_blocks("<p>x</p>\n\nita0x0\n\n<p>y</p>", frozenset(md.block_level_elements))
    assert "ita0x0" in text  # the content's text stays text: each page has its own nonce
    assert held.restore(md.convert(text)).count("<p>ita0x0</p>") == 1
