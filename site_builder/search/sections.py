"""A page's search sections, read the way Material's search plugin reads them, faster.

Material's search plugin (``material/plugins/search/plugin.py``, ``Parser``) divides
each page's HTML into sections, one per heading with an ``id``, each with its title
and text: the text of the page with every tag dropped but a few (``<p>``, ``<li>``,
``<code>`` …), whitespace collapsed outside ``<pre>``, and a kept element dropped
when nothing but whitespace is inside it. It does this with the standard library's
``HTMLParser``, calling a Python method for every tag and every run of text: about a
quarter of plain Material's build time.

:func:`sections` gives the same sections (same titles and texts, item for item, same
ids and depths) for the HTML Python-Markdown writes: one regular expression reads
the tags and the text between them, and the parser's state is kept in local
variables. It reads only HTML of a strict form (names of letters and digits, quoted
attribute values, no comment, declaration or processing instruction, no element
whose content ``HTMLParser`` does not read as HTML, such as ``<script>``, and no
``data-search-exclude`` or ``linenodiv``, which Material treats specially). For any
other page it returns None and the caller uses Material's parser: the result is
never different, only sooner. ``tests/test_search_sections.py`` compares the two on
every page of the bundled content, the seeds and generated HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape, unescape

__all__ = ["Section", "sections"]

_SPACE = r"[ \t\n\r\f]"
_NAME = r"[a-zA-Z][a-zA-Z0-9]*"
_ATTRIBUTE = rf"[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:{_SPACE}*={_SPACE}*(?:\"[^\"]*\"|'[^']*'))?"
_TOKEN = re.compile(
    rf"([^<]+)"  # text
    rf"|<({_NAME})((?:{_SPACE}+{_ATTRIBUTE})*){_SPACE}*(/?)>"  # start tag
    rf"|</({_NAME}){_SPACE}*>"  # end tag
)
_ATTRIBUTES = re.compile(
    rf"([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:{_SPACE}*={_SPACE}*(\"[^\"]*\"|'[^']*'))?"
)

# Material's lists (plugin.py: ``void``, ``Parser.keep``).
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_KEEP = frozenset(["p", "code", "pre", "li", "ol", "ul", "sub", "sup"])
_HEADINGS = frozenset(f"h{n}" for n in range(1, 7))
# Material skips what is inside object/script/style; HTMLParser reads script and
# style (and, in newer Pythons, more elements) as raw text, not as tags.
_NOT_READ = frozenset(
    [
        "object",
        "script",
        "style",
        "textarea",
        "title",
        "xmp",
        "iframe",
        "noembed",
        "noframes",
        "noscript",
        "plaintext",
    ]
)
_SPECIAL = ("data-search-exclude", "linenodiv")
_EXITED = float("inf")


@dataclass(slots=True)
class Section:
    """One section as Material's ``Section`` holds it: the heading's tag (``hx`` for
    text before the first heading), its nesting depth, its ``id`` (None for the
    first section), and the title and text as lists of pieces."""

    tag: str
    depth: float = 0
    id: str | None = None
    title: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


def _attributes(raw: str) -> dict[str, str | None]:
    """A start tag's attributes as ``HTMLParser`` gives them: names in lower case,
    values unquoted and unescaped, None for an attribute without a value, the last
    of two with one name."""
    found: dict[str, str | None] = {}
    for match in _ATTRIBUTES.finditer(raw):
        value = match.group(2)
        if value is not None:
            value = value[1:-1]
            value = unescape(value) if value else value
        found[match.group(1).lower()] = value
    return found


def sections(html: str) -> list[Section] | None:
    """The sections Material's search ``Parser`` finds in ``html``, or None when
    ``html`` is not of the strict form this reads (see the module's docstring)."""
    lowered = html.lower()
    if any(word in lowered for word in _SPECIAL):
        return None
    context: list[str] = []  # the open elements' tags, innermost last
    counts: dict[str, int] = {}  # how many of each tag are open
    links: list[bool] = []  # per open element: a heading's permalink (a.headerlink)
    permalinks = 0
    found: list[Section] = []
    section: Section | None = None
    position, end = 0, len(html)
    match = _TOKEN.match
    while position < end:
        token = match(html, position)
        if token is None:
            return None
        position = token.end()
        text, start_tag, closing = token.group(1), token.group(2), token.group(5)
        if text is not None:
            data = unescape(text) if "&" in text else text
            in_pre = counts.get("pre", 0) > 0
            if not in_pre:
                data = " " if data.isspace() else data.replace("\n", " ")
            if section is None:
                section = Section("hx")
                found.append(section)
            if counts.get(section.tag, 0):
                if not permalinks:
                    section.title.append(escape(data, quote=False))
            elif data.isspace():
                pieces = section.text
                if not pieces or not pieces[-1].isspace() or in_pre:
                    pieces.append(data)
            else:
                section.text.append(escape(data, quote=False))
            continue
        if start_tag is not None:
            tag = start_tag.lower()
            if tag in _NOT_READ:
                return None
            if tag not in _VOID:
                raw = token.group(3)
                attributes = _attributes(raw) if raw and (tag == "a" or tag in _HEADINGS) else {}
                permalink = tag == "a" and attributes.get("class") == "headerlink"
                context.append(tag)
                counts[tag] = counts.get(tag, 0) + 1
                links.append(permalink)
                permalinks += permalink
                if tag in _HEADINGS and "id" in attributes:
                    depth = len(context)
                    if tag != "h1" and not found:
                        found.append(Section("hx", depth))
                    section = Section(tag, depth, attributes["id"] if found else None)
                    found.append(section)
                if section is None:
                    section = Section("hx")
                    found.append(section)
                if tag in _KEEP:
                    pieces = section.title if counts.get(section.tag, 0) else section.text
                    pieces.append(f"<{tag}>")
            if not token.group(4):
                continue
            closing = tag  # <x/>: HTMLParser calls the end-tag handler too
        else:
            closing = closing.lower()
            if closing in _NOT_READ:
                return None
        if not context or context[-1] != closing:
            continue
        assert section is not None  # an open element made one
        if section.depth > len(context):
            # A heading nested in this element: its section ends with the element.
            for earlier in reversed(found):
                if earlier.depth <= len(context):
                    section.depth = _EXITED
                    section = earlier
                    break
        context.pop()
        counts[closing] -= 1
        permalinks -= links.pop()
        if closing in _KEEP:
            pieces = section.title if counts.get(section.tag, 0) else section.text
            opened = pieces.index(f"<{closing}>")  # the first, as Material's
            if all(piece.isspace() for piece in pieces[opened + 1 :]):
                del pieces[opened:]
            else:
                pieces.append(f"</{closing}>")
    return found
