"""Content text to safe HTML, and plain text made safe inside Markdown.

Every Markdown field of the content is rendered here and cleaned with nh3 (the
Rust ``ammonia`` sanitiser): no ``<script>``, no event-handler attributes, no
``<iframe>``, no ``javascript:`` links survive, whatever staff paste in.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

import markdown
import nh3
from markupsafe import Markup, escape

_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
}
_SCHEMES = {"http", "https", "mailto", "tel"}


def _attribute(tag: str, name: str, value: str) -> str | None:
    # An id is also a name in the page's scripts (window.x, document.querySelector):
    # Material reads its configuration and components from ids starting with "__",
    # so <p id="__config"> would replace them. Such ids, and ids with spaces, go.
    if name == "id" and (value.startswith("_") or not value or any(c.isspace() for c in value)):
        return None
    return value


def sanitize(html: str) -> str:
    """Keep ordinary document markup; drop scripts, handlers, frames, bad URLs, and
    ids that could stand in for the theme's own elements."""
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=_attribute,
    )


class _Structure(HTMLParser):
    """The start tags of a fragment, each with its attributes, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[tuple[str, str], ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kept = tuple(sorted((k, v or "") for k, v in attrs if k != "rel"))
        self.tags.append((tag, kept))


def _structure(html: str) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    parser = _Structure()
    parser.feed(html)
    parser.close()
    return parser.tags


@lru_cache(maxsize=1)
def _page_markdown() -> markdown.Markdown:
    # The extensions of the project's mkdocs.yml that change what raw HTML becomes.
    return markdown.Markdown(
        extensions=["tables", "attr_list", "md_in_html", "admonition", "sane_lists"],
        output_format="html",
    )


_ACTIVE_TAGS = {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form",
    "input", "button", "textarea", "select", "option", "base", "meta", "link", "svg", "math",
    "template", "noscript", "portal", "dialog", "audio", "video", "source", "track",
}  # fmt: skip
_ACTIVE_ATTRIBUTES = {"href", "src", "id", "formaction", "srcdoc", "action", "xlink:href"}


LINK_WORK_LIMIT = 2_000_000
"""Most characters Python-Markdown's link parser may scan for one file's text.

It looks for the ``]`` of every ``[`` (and ``![``) through the rest of the paragraph,
so 20,000 nested or unclosed brackets cost minutes; ordinary text costs a few
characters per link."""


def link_work(text: str) -> tuple[int, int]:
    """How many characters the link parser would scan for ``text``, and the line of
    the bracket that costs most: one linear pass, paragraph by paragraph."""
    work = worst = 0
    worst_line = line = 1
    opened: list[tuple[int, int]] = []

    def close_paragraph(end: int) -> None:
        nonlocal work, worst, worst_line
        for start, at_line in opened:
            work += end - start
            if end - start > worst:
                worst, worst_line = end - start, at_line
        opened.clear()

    previous = ""
    for i, ch in enumerate(text):
        if ch == "\n":
            line += 1
            if previous == "\n":
                close_paragraph(i)
        elif ch == "[" and previous != "\\":
            opened.append((i, line))
        elif ch == "]" and previous != "\\" and opened:
            start, at_line = opened.pop()
            work += i - start
            if i - start > worst:
                worst, worst_line = i - start, at_line
        previous = ch if not (ch == "\\" and previous == "\\") else ""
    close_paragraph(len(text))
    return work, worst_line


MAX_HTML_DEPTH = 100
"""Deepest nesting of raw HTML tags in one text: unclosed tags are closed by the
sanitiser, and 20,000 of them make the search indexer quadratic."""
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^<>]*?(/?)>")
_VOID = {"br", "hr", "img", "col", "wbr", "input", "meta", "link", "area", "base", "source"}


def html_depth(text: str) -> tuple[int, int]:
    """The deepest nesting of raw HTML tags in ``text`` (one linear pass, closing tags
    matched loosely) and the line where it is reached."""
    depth = deepest = 0
    line = line_at = 1
    seen = 0
    for match in _TAG.finditer(text):
        closing, name, selfclosing = match.groups()
        if name.lower() in _VOID or selfclosing:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        if depth > deepest:
            line += text.count("\n", seen, match.start())
            seen = match.start()
            deepest, line_at = depth, line
    return deepest, line_at


def render_page(text: str) -> str:
    """A Markdown page as MkDocs renders its body, before any sanitising."""
    md = _page_markdown()
    md.reset()
    return str(md.convert(text))


def unsafe_html(text: str) -> list[tuple[int, str, bool]]:
    """What the sanitiser would remove from a Markdown page: (line, what, active).

    The page is rendered as MkDocs would render it, then cleaned; every start tag
    or attribute that does not come through unchanged is reported, at the first
    line of ``text`` that mentions it (line 1 when none does).  ``active`` is true
    for what could run or stand in for the page's own parts (scripts, frames,
    forms, event handlers, ``javascript:`` links, the theme's ids); the rest is
    presentation (``style``, ``target``, unknown tags) that is merely dropped.
    """
    try:
        html = render_page(text)
    except RecursionError:
        return [(1, "", True)]
    before, after = _structure(html), _structure(sanitize(html))
    found: dict[str, tuple[str, bool]] = {}
    kept = list(after)
    for tag, attrs in before:
        match = next((a for t, a in kept if t == tag), None)
        if match is None:
            found.setdefault(f"<{tag}>", (f"<{tag}", tag in _ACTIVE_TAGS))
            continue
        kept.remove((tag, match))
        for name, value in attrs:
            if (name, value) in match:
                continue
            if name in _ACTIVE_ATTRIBUTES:
                found.setdefault(f'{name}="{value}"', (value, True))
            else:
                found.setdefault(name, (name, name.startswith("on")))
    lines = [row.lower() for row in text.splitlines()]
    result = []
    for what, (needle, active) in found.items():
        line = next((i for i, row in enumerate(lines, 1) if needle.lower() in row), 1)
        result.append((line, what, active))
    return sorted(result)


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")


def block(text: str | None) -> Markup:
    """Markdown (several paragraphs, lists, headings) as sanitised HTML."""
    if not text:
        return Markup("")
    return _block(text)


@lru_cache(maxsize=8192)
def _block(text: str) -> Markup:
    # Cached: the same step or unit name is rendered on many pages.
    md = _markdown()
    md.reset()
    html = md.convert(text)
    # A blank line would end the raw-HTML block in the page's own Markdown.
    return Markup(re.sub(r"\n\s*\n", "\n", sanitize(html)))


def inline(text: str | None) -> Markup:
    """One line of Markdown (bold, links, code) as sanitised HTML, no ``<p>``."""
    html = str(block(text))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def text(value: object) -> Markup:
    """Plain text placed in Markdown: HTML-escaped and Markdown-inert."""
    escaped = str(escape(str(value)))
    escaped = _MD_SPECIAL.sub(r"\\\1", escaped).replace("\n", " ")
    return Markup(escaped)


def slugify(value: str, separator: str = "-") -> str:
    """Heading ids that keep Thai: letters, combining marks and digits stay.

    Python-Markdown's and pymdownx's slugifiers drop Thai vowel and tone marks
    (Unicode category Mn), which garbles the anchor; this one keeps them.
    """
    text = re.sub(r"<[^>]*>", "", value).strip().lower()
    kept = "".join(
        ch if unicodedata.category(ch)[0] in "LMN" else (" " if ch.isspace() or ch in "-_" else "")
        for ch in text
    )
    return separator.join(kept.split())


# --- raw HTML blocks held out of Python-Markdown -------------------------------------

_CHUNKS = re.compile(r"(\n[ \t]*\n+)")
_OPENING = re.compile(r"<([a-z][a-z0-9]*)[\s>]")


@dataclass(frozen=True)
class Held:
    """A page's raw HTML blocks, held out of its Markdown (:func:`hold_blocks`)."""

    nonce: str
    blocks: tuple[str, ...]

    def restore(self, html: str) -> str:
        """``html`` (the Markdown made HTML) with each placeholder paragraph replaced
        by its block, spaced as Python-Markdown spaces raw blocks (a blank line after
        each but the last)."""
        if not self.blocks:
            return html
        pattern = re.compile(rf"<p>ita{self.nonce}x([0-9]+)</p>")
        restored = pattern.sub(lambda m: self.blocks[int(m[1])] + "\n", html)
        # The last block of the page has no line after it (the HTML then ended with
        # its placeholder, so only a block's line break can end it in a line break).
        if restored.endswith("\n") and not html.endswith("\n"):
            restored = restored[:-1]
        return restored


def _elements(chunk: str, block_level: frozenset[str]) -> bool:
    """Whether ``chunk`` is whole elements of block-level tags, each ``<tag …>…</tag>``
    ending a line and the next beginning the next line: Python-Markdown passes such a
    chunk through as it is (it would part two elements on one line with a line break,
    so those are not held)."""
    position = 0
    while True:
        opening = _OPENING.match(chunk, position)
        if not opening or opening.group(1) not in block_level:
            return False
        end = _element_end(chunk, position, opening.group(1))
        if end is None:
            return False
        if end == len(chunk):
            return True
        if chunk[end] != "\n":
            return False
        position = end + 1


def _element_end(chunk: str, start: int, tag: str) -> int | None:
    """Where the element ``<tag …>`` opened at ``start`` ends (after its ``</tag>``,
    counting the same tags nested in it), or None when it does not end in ``chunk``."""
    depth = 0
    for match in re.compile(rf"<(/?){tag}[\s>]").finditer(chunk, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return None


BLOCK_LEVEL = frozenset(markdown.Markdown().block_level_elements)
"""The tags Python-Markdown reads as the start of a raw HTML block."""


def hold_blocks(text: str, block_level: frozenset[str] = BLOCK_LEVEL) -> tuple[str, Held]:
    """``text`` (a generated page's Markdown) with every raw HTML block replaced by a
    placeholder paragraph, and the blocks to put back.

    A block is a chunk between blank lines that is elements of block-level tags
    (``block_level``: Python-Markdown's list), one after the other on their own lines,
    with no ``markdown`` attribute (md_in_html would read inside).
    Python-Markdown would pass such a block through unchanged, but only after reading
    it with its HTML parser: most of the time it spends on a generated page, whose
    tables are all raw HTML.  The headings and any Markdown stay for it, so the
    table of contents and anchors are its own.  The placeholder carries a random
    nonce: no text of the content can be taken for one."""
    nonce = secrets.token_hex(8)
    blocks: list[str] = []
    pieces = _CHUNKS.split(text)
    for i in range(0, len(pieces), 2):
        chunk = pieces[i]
        opening = _OPENING.match(chunk)
        if not opening or opening.group(1) not in block_level:
            continue
        if "markdown=" in chunk or not _elements(chunk.rstrip(), block_level):
            # An element that may go on past a blank line (or that Python-Markdown reads
            # inside): what follows may be inside it, so the rest is left to it.
            break
        pieces[i] = f"ita{nonce}x{len(blocks)}"
        blocks.append(chunk.rstrip())
    return "".join(pieces), Held(nonce, tuple(blocks))
