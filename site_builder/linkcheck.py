"""``site-builder links``: every web address the content points to, fetched.

Collecting (offline): every document the loader read (YAML files and the front
matter of free pages, :attr:`Content.documents`) is walked value by value: a text
under a key named ``url``, a text that is itself an ``http(s)://`` address (one-line
evidence), and the ``http(s)`` targets of the Markdown in any text (links, images,
autolinks, raw ``<a href>``, and bare addresses in the text, but nothing inside code);
then the bodies of the free pages the same way.  Each use keeps its file and line.
Documents marked ``draft: true`` are read too, and so checked: they will be published.
Connections go straight to the host (no proxy from the environment).

Fetching: each address once (without its ``#fragment``), by a pool of threads:
``HEAD``, then ``GET`` (headers only) when ``HEAD`` is refused, answers with an error
or not at all; redirects followed up to :data:`MAX_REDIRECTS`; no cookies, no
credentials (a ``user:password@`` in an address is dropped), only ``http`` and
``https``.  Every request has the timeout, every address twice the timeout, and the
whole run a bound, so the command always ends.
"""

from __future__ import annotations

import bisect
import html
import http.client
import math
import queue
import re
import socket
import ssl
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from http import HTTPStatus
from pathlib import Path
from typing import Literal, TextIO

from . import __version__
from .content import Content, Page, Source
from .errors import Problem
from .markup import render_page
from .thai import to_arabic
from .yamlio import YamlProblem, read_text, strings

DEFAULT_TIMEOUT = 10.0
"""Seconds one request may take (``--timeout``)."""
MAX_TIMEOUT = 600.0
WORKERS = 8
"""Addresses fetched at once."""
MAX_REDIRECTS = 10
USER_AGENT = f"site-builder/{__version__} (ITA link check; Python http.client)"

# -- collecting ----------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Use:
    """One place that points to ``url``: the file as shown in messages, its line."""

    path: str
    line: int
    url: str


_WEB = re.compile(r"https?://", re.IGNORECASE)
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
    return [url for url in found if _WEB.match(url) and len(url) > len("https://")]


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
    return [url for url in parser.found if _WEB.match(url)]


def urls_in_value(key: str | int | None, value: str) -> list[str]:
    """The addresses of one YAML text: itself when under ``url`` or when it is one
    address (``- https://…``), else those of its Markdown."""
    if _WHOLE.match(value) or (key == "url" and _WEB.match(value.strip())):
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


# -- fetching ------------------------------------------------------------------

Kind = Literal["live", "status", "silent", "mute", "unreachable", "odd", "invalid", "redirect"]
"""What became of an address: ``live`` (2xx); an error ``status``; ``silent`` (no
connection, or no answer, in time); ``unreachable`` (refused, no such domain, TLS);
``odd`` (not HTTP); ``invalid`` (cannot be requested); a bad ``redirect``.  ``mute``
(took the connection, said nothing) is only seen between ``HEAD`` and ``GET``."""


@dataclass(frozen=True)
class Outcome:
    """What fetching one address gave: ``live``, or why not (``reason``, Thai)."""

    url: str
    kind: Kind
    reason: str = ""

    @property
    def live(self) -> bool:
        return self.kind == "live"


class _Failed(Exception):
    def __init__(self, kind: Kind, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason


def seconds_text(seconds: float) -> str:
    return f"{seconds:g}"


def _silent(url: str, timeout: float) -> Outcome:
    return Outcome(url, "silent", f"ไม่ตอบภายใน {seconds_text(timeout)} วินาที")


def fetch_key(url: str) -> str:
    """The address as fetched: trimmed, the scheme in lower case, no ``#fragment``."""
    url = url.strip()
    scheme, sep, rest = url.partition("://")
    return urllib.parse.urldefrag(f"{scheme.lower()}{sep}{rest}")[0]


_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?\.?\Z")
_PATH_SAFE = "/%!$&'()*+,;=:@~-._"


@dataclass(frozen=True)
class _Target:
    https: bool
    host: str
    port: int
    path: str


def _target(url: str) -> _Target:
    """Where to send the request for ``url``; :class:`_Failed` when it cannot be sent."""
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError:
        raise _Failed("invalid", "ที่อยู่ไม่ถูกต้อง") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise _Failed("invalid", "ไม่ใช่ที่อยู่เว็บ http:// หรือ https://")
    host = parts.hostname or ""
    if not host:
        raise _Failed("invalid", "ที่อยู่ไม่มีชื่อโดเมน")
    if ":" in host:
        try:
            socket.inet_pton(socket.AF_INET6, host)
        except OSError:
            raise _Failed("invalid", "ที่อยู่ไม่ถูกต้อง") from None
    else:
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            raise _Failed("invalid", f"ชื่อโดเมน {host} ไม่ถูกต้อง") from None
        if not _HOST.match(host):
            raise _Failed("invalid", f"ชื่อโดเมน {host} ไม่ถูกต้อง")
    path = urllib.parse.quote(parts.path or "/", safe=_PATH_SAFE)
    if parts.query:
        path += "?" + urllib.parse.quote(parts.query, safe=_PATH_SAFE + "?")
    https = scheme == "https"
    return _Target(https, host, port or (443 if https else 80), path)


_TLS: ssl.SSLContext | None = None
_TLS_LOCK = threading.Lock()


def _tls() -> ssl.SSLContext:
    global _TLS
    with _TLS_LOCK:
        if _TLS is None:
            _TLS = ssl.create_default_context()
        return _TLS


def _request(
    target: _Target, method: str, timeout: float, deadline: float
) -> tuple[int, str, str | None]:
    """One request: status, reason and ``Location``; :class:`_Failed` otherwise."""
    limit = min(timeout, deadline - time.monotonic())
    if limit <= 0:
        raise _Failed("silent", "")
    conn: http.client.HTTPConnection
    if target.https:
        conn = http.client.HTTPSConnection(target.host, target.port, timeout=limit, context=_tls())
    else:
        conn = http.client.HTTPConnection(target.host, target.port, timeout=limit)
    try:
        try:
            conn.connect()
        except TimeoutError:
            raise _Failed("silent", "") from None
        try:
            if conn.sock is not None:
                conn.sock.settimeout(max(0.01, min(timeout, deadline - time.monotonic())))
            conn.request(
                method,
                target.path,
                headers={"User-Agent": USER_AGENT, "Accept": "*/*", "Connection": "close"},
            )
            response = conn.getresponse()
        except TimeoutError:
            # It took the connection and said nothing: perhaps only to HEAD.
            raise _Failed("mute", "") from None
        location = response.getheader("Location")
        return response.status, response.reason or "", location
    except ssl.SSLCertVerificationError as exc:
        detail = exc.verify_message or exc.reason or "ใบรับรองไม่ถูกต้อง"
        raise _Failed("unreachable", f"ใบรับรอง HTTPS ใช้ไม่ได้: {detail}") from None
    except ssl.SSLError as exc:
        raise _Failed("unreachable", f"เชื่อมต่อ HTTPS ไม่ได้: {exc.reason or exc}") from None
    except socket.gaierror:
        raise _Failed("unreachable", f"เชื่อมต่อไม่ได้: ไม่พบชื่อโดเมน {target.host}") from None
    except ConnectionRefusedError:
        raise _Failed("unreachable", "เชื่อมต่อไม่ได้: เครื่องปลายทางปฏิเสธการเชื่อมต่อ") from None
    except http.client.RemoteDisconnected:
        raise _Failed("odd", "ปิดการเชื่อมต่อโดยไม่ตอบ") from None
    except (http.client.HTTPException, ConnectionResetError, ConnectionAbortedError) as exc:
        raise _Failed("odd", f"ตอบกลับไม่ถูกต้องตามรูปแบบ HTTP ({type(exc).__name__})") from None
    except OSError as exc:
        raise _Failed("unreachable", f"เชื่อมต่อไม่ได้: {exc.strerror or type(exc).__name__}") from None
    finally:
        conn.close()


_REDIRECTS = {301, 302, 303, 307, 308}


def _follow(url: str, method: str, timeout: float, deadline: float) -> Outcome:
    """``url`` with ``method``, redirects followed."""
    seen = {url}
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        try:
            status, reason, location = _request(_target(current), method, timeout, deadline)
        except _Failed as exc:
            if exc.kind in ("silent", "mute"):
                return Outcome(url, exc.kind, _silent(url, timeout).reason)
            return Outcome(url, exc.kind, exc.reason)
        if status in _REDIRECTS and location:
            following = fetch_key(urllib.parse.urljoin(current, location.strip()))
            if not _WEB.match(following):
                return Outcome(url, "redirect", f"ส่งต่อ (redirect) ไปยังที่อยู่ที่ไม่ใช่เว็บ: {following}")
            if following in seen:
                return Outcome(url, "redirect", f"ส่งต่อ (redirect) วนซ้ำไม่สิ้นสุดที่ {following}")
            seen.add(following)
            current = following
            continue
        if 200 <= status < 300:
            return Outcome(url, "live")
        if not reason:
            try:
                reason = HTTPStatus(status).phrase
            except ValueError:
                reason = ""
        return Outcome(url, "status", f"{status} {reason}".strip())
    return Outcome(url, "redirect", f"ส่งต่อ (redirect) เกิน {MAX_REDIRECTS} ครั้ง")


def check_url(url: str, timeout: float = DEFAULT_TIMEOUT) -> Outcome:
    """Fetch one address: ``HEAD``; ``GET`` (headers only) when ``HEAD`` gives an error
    status, breaks the protocol or takes the connection without answering.  The
    address gets twice ``timeout`` in all."""
    deadline = time.monotonic() + 2 * timeout
    key = fetch_key(url)
    head = _follow(key, "HEAD", timeout, deadline)
    if head.kind not in ("status", "odd", "mute"):
        return Outcome(url, head.kind, head.reason)
    get = _follow(key, "GET", timeout, deadline)
    if get.kind in ("silent", "mute") and head.kind == "status":
        get = head  # it answered HEAD; GET ran out of time
    return Outcome(url, "silent" if get.kind == "mute" else get.kind, get.reason)


def run_bound(count: int, timeout: float, workers: int = WORKERS) -> float:
    """Seconds the whole check may take: twice the timeout for each round of workers,
    and one timeout more."""
    return math.ceil(count / max(1, workers)) * 2 * timeout + timeout + 1


def check_all(
    urls: Sequence[str],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    workers: int = WORKERS,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Outcome]:
    """Fetch ``urls`` (each once) with ``workers`` threads; an address not finished
    within :func:`run_bound` is silent.  ``progress(done, total)`` is called often."""
    pending = list(dict.fromkeys(urls))
    todo: queue.SimpleQueue[str] = queue.SimpleQueue()
    for url in pending:
        todo.put(url)
    finished: queue.SimpleQueue[Outcome] = queue.SimpleQueue()

    def work() -> None:
        while True:
            try:
                url = todo.get_nowait()
            except queue.Empty:
                return
            try:
                outcome = check_url(url, timeout)
            except Exception as exc:  # never a lost address
                outcome = Outcome(url, "odd", f"ตรวจไม่ได้ ({type(exc).__name__})")
            finished.put(outcome)

    # Daemon threads: one stuck in a DNS look-up (which no timeout reaches) must not
    # keep the command from ending.
    for n in range(min(workers, len(pending))):
        threading.Thread(target=work, name=f"linkcheck-{n}", daemon=True).start()
    end = time.monotonic() + run_bound(len(pending), timeout, workers)
    results: dict[str, Outcome] = {}
    while len(results) < len(pending):
        left = end - time.monotonic()
        if left <= 0:
            break
        try:
            outcome = finished.get(timeout=min(left, 0.2))
        except queue.Empty:
            pass
        else:
            results[outcome.url] = outcome
        if progress is not None:
            progress(len(results), len(pending))
    for url in pending:
        results.setdefault(url, _silent(url, timeout))
    return results


class Progress:
    """``ตรวจลิงก์ 12/40 …`` on ``stream`` when there are many addresses or the check
    takes a while: rewritten in place on a terminal, an occasional line otherwise."""

    MANY = 20
    AFTER = 3.0
    EVERY = 5.0

    def __init__(self, stream: TextIO, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.clock = clock
        self.start = clock()
        self.shown: str | None = None
        self.at = -math.inf
        try:
            self.tty = stream.isatty()
        except (AttributeError, ValueError):
            self.tty = False

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if total <= self.MANY and now - self.start < self.AFTER:
            return
        line = f"ตรวจลิงก์ {done}/{total} …"
        if self.tty:
            if line != self.shown and now - self.at >= 0.1:
                self.stream.write(f"\r\x1b[K{line}")
                self.stream.flush()
                self.shown, self.at = line, now
        elif self.shown is None or (now - self.at >= self.EVERY and line != self.shown):
            self.stream.write(line + "\n")
            self.stream.flush()
            self.shown, self.at = line, now

    def end(self) -> None:
        if self.tty and self.shown is not None:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


# -- the command ---------------------------------------------------------------


@dataclass(frozen=True)
class Checked:
    """The result of :func:`check_content`."""

    uses: tuple[Use, ...]
    outcomes: dict[str, Outcome]
    problems: tuple[Problem, ...]

    @property
    def dead(self) -> int:
        return sum(1 for o in self.outcomes.values() if not o.live)

    def summary(self) -> str:
        """One Thai line for the end of the run."""
        total = len(self.outcomes)
        if not total:
            return "ไม่พบลิงก์ไปยังเว็บไซต์ (http:// หรือ https://) ในเนื้อหา"
        if not self.dead:
            return f"ตรวจลิงก์แล้ว {total} ที่อยู่: ใช้ได้ทั้งหมด"
        return (
            f"ตรวจลิงก์แล้ว {total} ที่อยู่: ใช้ได้ {total - self.dead} ใช้ไม่ได้ {self.dead} "
            "(แก้ที่อยู่ในไฟล์และบรรทัดข้างต้น หรือลบลิงก์ที่เลิกใช้แล้ว)"
        )


def problems(uses: Iterable[Use], outcomes: dict[str, Outcome]) -> list[Problem]:
    """A problem at every use of an address that is not live, sorted."""
    found = set()
    for use in uses:
        outcome = outcomes.get(fetch_key(use.url))
        if outcome is not None and not outcome.live:
            found.add(Problem(use.path, use.line, "", f"ลิงก์ {use.url} ใช้ไม่ได้ ({outcome.reason})"))
    return sorted(found)


def check_content(
    content: Content,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    workers: int = WORKERS,
    stream: TextIO | None = None,
) -> Checked:
    """Collect every address of ``content``, fetch each once, and say where the
    dead ones are used; progress on ``stream`` (stderr) when given."""
    uses = collect(content)
    keys = [fetch_key(use.url) for use in uses]
    reporter = Progress(stream) if stream is not None else None
    try:
        outcomes = check_all(keys, timeout=timeout, workers=workers, progress=reporter)
    finally:
        if reporter is not None:
            reporter.end()
    return Checked(tuple(uses), outcomes, tuple(problems(uses, outcomes)))


def seconds(text: str) -> float:
    """``--timeout``: seconds, more than 0 and at most :data:`MAX_TIMEOUT` (Thai digits
    are fine); ValueError with a Thai message otherwise."""
    try:
        value = float(to_arabic(text.strip()))
    except ValueError:
        value = math.nan
    if not (0 < value <= MAX_TIMEOUT):
        raise ValueError(
            f"--timeout ต้องเป็นจำนวนวินาทีมากกว่า 0 และไม่เกิน {MAX_TIMEOUT:g} "
            f"เช่น --timeout 10 (พบ '{text}')"
        )
    return value
