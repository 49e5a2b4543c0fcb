"""Fetching web addresses: whether each still answers, and why not when it does not.

Each address once (without its ``#fragment``), by a pool of threads: ``HEAD``, then
``GET`` (headers only) when ``HEAD`` is refused, answers with an error or not at all;
redirects followed up to :data:`MAX_REDIRECTS`; no cookies, no credentials (a
``user:password@`` in an address is dropped), only ``http`` and ``https``.
Connections go straight to the host (no proxy from the environment).  Every request
has the timeout, every address twice the timeout, and the whole run a bound
(:func:`run_bound`), so the command always ends.
"""

from __future__ import annotations

import http.client
import math
import queue
import re
import socket
import ssl
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http import HTTPStatus
from typing import TYPE_CHECKING, Literal

from .. import __version__
from .addresses import WEB

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

DEFAULT_TIMEOUT = 10.0
"""Seconds one request may take (``--timeout``)."""
WORKERS = 8
"""Addresses fetched at once."""
MAX_REDIRECTS = 10
"""Redirects followed from one address before it is called dead."""
USER_AGENT = f"site-builder/{__version__} (ITA link check; Python http.client)"
"""Sent with every request, so that a site's owner can tell who asks."""

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
        """Whether the address answered 2xx (after its redirects)."""
        return self.kind == "live"


class _Failed(Exception):
    def __init__(self, kind: Kind, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason


def seconds_text(seconds: float) -> str:
    """``seconds`` as messages write them: ``1``, ``0.5``, ``2.5``."""
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
            if not WEB.match(following):
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
