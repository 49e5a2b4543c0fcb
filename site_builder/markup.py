"""Content text to safe HTML, and plain text made safe inside Markdown.

Every Markdown field of the content is rendered here and cleaned with nh3 (the
Rust ``ammonia`` sanitiser): no ``<script>``, no event-handler attributes, no
``<iframe>``, no ``javascript:`` links survive, whatever staff paste in.
"""

from __future__ import annotations

import re
from functools import lru_cache

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


def sanitize(html: str) -> str:
    """Keep ordinary document markup; drop scripts, handlers, frames, bad URLs."""
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


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
    import unicodedata

    text = re.sub(r"<[^>]*>", "", value).strip().lower()
    kept = "".join(
        ch if unicodedata.category(ch)[0] in "LMN" else (" " if ch.isspace() or ch in "-_" else "")
        for ch in text
    )
    return separator.join(kept.split())
