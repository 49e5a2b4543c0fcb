"""The web addresses the content points to, each with the file and line that writes it.

Collecting is offline: every document the loader read (YAML files and the front
matter of free pages, :attr:`Content.documents`) is walked value by value: a text
under a key named ``url``, a text that is itself an ``http(s)://`` address (one-line
evidence), and the ``http(s)`` targets of the Markdown in any text (links, images,
autolinks, raw ``<a href>``, and bare addresses in the text, but nothing inside code);
then the bodies of the free pages the same way.  Each use keeps its file and line.
Documents marked ``draft: true`` are read too, and so checked: they will be published.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from ..format.yamlio import YamlProblem, read_text, strings
from ..markup import render_page

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence
    from pathlib import Path

    from ..tree import Content, Page, Source


@dataclass(frozen=True, order=True)
class Use:
    """One place that points to ``url``: the file as shown in messages, its line."""

    path: str
    line: int
    url: str


WEB = re.compile(r"https?://", re.IGNORECASE)
"""The start of a web address: ``http://`` or ``https://``, in any case."""
_WHOLE = re.compile(r"\s*https?://[^\s<>\"']+\s*\Z", re.IGNORECASE)
# A bare address in text: an ASCII host (Thai text is written without spaces, so
# "ดูที่https://www.x.go.thครับ" ends at the host), then any path up to a space.
_BARE = re.compile(
    r"(?<![A-Za-z0-9+.-])https?://(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]+)?"
    r"(?:[/?#][^\s<>\"'`]*)?",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?'\"*_~"
_SKIP_TAGS = {"a", "code", "pre", "script", "style", "kbd", "samp"}


def _trimmed(url: str) -> str:
    """A bare address without the punctuation that ends its sentence: ``.`` ``,``
    and a ``)`` or ``]`` that closes text around it rather than a part of the path."""
    while url:
        last = url[-1]
        closing = {")": "(", "]": "["}.get(last)
        if last in _TRAILING or (closing and url.count(last) > url.count(closing)):
            url = url[:-1]
        else:
            break
    return url


def bare_urls(text: str) -> list[str]:
    """The ``http(s)`` addresses written as plain text in ``text``."""
    found = (_trimmed(m.group()) for m in _BARE.finditer(text))
    return [url for url in found if WEB.match(url) and len(url) > len("https://")]


class _Targets(HTMLParser):
    """Link and image targets of rendered HTML, and bare addresses in its text
    (not inside a link, which is already counted, nor inside code)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and ((tag == "a" and name == "href") or (tag == "img" and name == "src")):
                self.found.append(value.strip())
        if tag in _SKIP_TAGS:
            self._skipping.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and ((tag == "a" and name == "href") or (tag == "img" and name == "src")):
                self.found.append(value.strip())

    def handle_endtag(self, tag: str) -> None:
        if tag in self._skipping:
            while self._skipping and self._skipping.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.found.extend(bare_urls(data))


def urls_in_markdown(text: str) -> list[str]:
    """The ``http(s)`` addresses a Markdown text points to, in order (repeats kept):
    link and image targets as MkDocs renders them (with titles, parentheses,
    references, autolinks, raw HTML) and bare addresses; code spans and blocks,
    ``mailto:``, ``tel:`` and relative links are left out."""
    lowered = text.lower()
    if "http" not in lowered and "&" not in text:
        return []
    try:
        rendered = render_page(text)
    except RecursionError:  # the loader refuses such text; keep going with what is plain
        return bare_urls(text)
    parser = _Targets()
    parser.feed(rendered)
    parser.close()
    return [url for url in parser.found if WEB.match(url)]


def urls_in_value(key: str | int | None, value: str) -> list[str]:
    """The addresses of one YAML text: itself when under ``url`` or when it is one
    address (``- https://…``), else those of its Markdown."""
    if _WHOLE.match(value) or (key == "url" and WEB.match(value.strip())):
        return [value.strip()]
    return urls_in_markdown(value)


_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_FENCE = re.compile(r"^\s*(?:[-*]\s+)?(```|~~~)")


def _mentions(row: str, url: str) -> bool:
    """Whether ``row`` holds ``url`` as a whole address (not the start of a longer one)."""
    for needle in dict.fromkeys((url, html.escape(url, quote=False), html.escape(url))):
        start = row.find(needle)
        while start >= 0:
            end = start + len(needle)
            after = row[end : end + 1]
            if not (after and after.isascii() and (after.isalnum() or after in "/-_~%?#=&+@$")):
                return True
            start = row.find(needle, start + 1)
    return False


def _placed(
    shown: str, urls: Iterable[str], rows: Sequence[str], first: int, last: int
) -> Iterator[Use]:
    """A use of each address on every line from ``first`` to ``last`` (1-based) that
    writes it outside code; at ``first`` when none does (an escaped or folded text)."""
    plain: dict[int, str] = {}
    fenced = False
    for number in range(first, min(last, len(rows)) + 1):
        row = rows[number - 1]
        if _FENCE.match(row):
            fenced = not fenced
            continue
        if not fenced:
            plain[number] = _CODE_SPAN.sub(lambda m: " " * len(m.group()), row)
    for url in dict.fromkeys(urls):
        lines = [n for n, row in plain.items() if _mentions(row, url)]
        for line in lines or [first]:
            yield Use(shown, line, url)


_FRONT_MATTER = re.compile(r"^---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", re.S | re.M)


def _text(path: Path) -> str | None:
    try:
        return read_text(path)
    except (OSError, YamlProblem):
        return None


def document_uses(source: Source, text: str | None = None) -> list[Use]:
    """Every address in the values of one YAML document (a file, or a page's front
    matter), with the line that writes it; ``text`` is the file as read."""
    rows = text.split("\n") if text is not None else []
    end = len(rows)
    if text is not None and source.path.suffix == ".md":
        match = _FRONT_MATTER.match(text)
        if match:  # the values of the front matter end before its closing ---
            end = text[: match.end()].rstrip("\r\n").count("\n")
    starts = sorted(set(source.doc.lines.values()))
    uses: list[Use] = []
    for loc, value in strings(source.doc.data, ()):
        urls = urls_in_value(loc[-1] if loc else None, value)
        if not urls:
            continue
        first = source.doc.line_of(loc)
        after = bisect.bisect_right(starts, first)
        last = starts[after] - 1 if after < len(starts) else end
        uses.extend(_placed(source.shown, urls, rows, first, max(first, min(last, end))))
    return uses


def body_uses(shown: str, body: str, offset: int, rows: Sequence[str]) -> list[Use]:
    """Every address in the Markdown ``body`` of a free page whose first line is line
    ``offset + 1`` of the file ``rows``."""
    urls = urls_in_markdown(body)
    if not urls:
        return []
    return list(_placed(shown, urls, rows, offset + 1, len(rows)))


def _body(text: str | None, page: Page | None) -> tuple[str, int, list[str]] | None:
    """A page's body, the number of lines before it, and the file's lines: as the
    loader splits the file (also for a draft, which is left out of the years), else
    as it was loaded."""
    match = _FRONT_MATTER.match(text) if text is not None else None
    if text is not None and match:
        return text[match.end() :], text[: match.end()].count("\n"), text.split("\n")
    if page is not None:
        return page.body, 0, page.body.split("\n")
    return None


def collect(content: Content) -> list[Use]:
    """Every place in the content that points to an ``http(s)`` address, sorted."""
    pages = {page.source.path: page for year in content.years for page in year.pages}
    uses: set[Use] = set()
    for source in content.documents:
        text = _text(source.path)
        uses.update(document_uses(source, text))
        if source.path.suffix == ".md":
            body = _body(text, pages.get(source.path))
            if body is not None:
                uses.update(body_uses(source.shown, *body))
    return sorted(uses)
