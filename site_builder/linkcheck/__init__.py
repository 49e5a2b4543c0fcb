"""``site-builder links``: every web address the content points to, fetched.

:mod:`.addresses` finds the addresses and the file and line of every use, offline;
:mod:`.fetch` fetches each address once and says what became of it.  This module runs
the command: the progress line on stderr, a :class:`Problem` at every use of an address
that is not live, the summary, and the ``--timeout`` option.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from ..errors import Problem
from ..thai import to_arabic
from .addresses import (
    Use,
    bare_urls,
    body_uses,
    collect,
    document_uses,
    urls_in_markdown,
    urls_in_value,
)
from .fetch import (
    DEFAULT_TIMEOUT,
    MAX_REDIRECTS,
    USER_AGENT,
    WORKERS,
    Kind,
    Outcome,
    check_all,
    check_url,
    fetch_key,
    run_bound,
    seconds_text,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from ..tree import Content

__all__ = [
    "DEFAULT_TIMEOUT",
    "MAX_REDIRECTS",
    "MAX_TIMEOUT",
    "USER_AGENT",
    "WORKERS",
    "Checked",
    "Kind",
    "Outcome",
    "Progress",
    "Use",
    "bare_urls",
    "body_uses",
    "check_all",
    "check_content",
    "check_url",
    "collect",
    "document_uses",
    "fetch_key",
    "problems",
    "run_bound",
    "seconds",
    "seconds_text",
    "urls_in_markdown",
    "urls_in_value",
]

MAX_TIMEOUT = 600.0
"""The largest ``--timeout``, in seconds."""


class Progress:
    """``ตรวจลิงก์ 12/40 …`` on ``stream`` when there are many addresses or the check
    takes a while: rewritten in place on a terminal, an occasional line otherwise."""

    MANY = 20
    """More addresses than this are worth a progress line from the start."""
    AFTER = 3.0
    """Seconds after which a progress line is shown however few the addresses."""
    EVERY = 5.0
    """Seconds between two progress lines when ``stream`` is not a terminal."""

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
        """Say that ``done`` of ``total`` addresses are fetched, if it is time to."""
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
        """Clear the line a terminal shows, so that the summary takes its place."""
        if self.tty and self.shown is not None:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


@dataclass(frozen=True)
class Checked:
    """The result of :func:`check_content`: every use of an address (sorted), what
    became of each address (keyed by :func:`fetch_key`), and one problem at every use
    of an address that is not live (sorted)."""

    uses: tuple[Use, ...]
    outcomes: dict[str, Outcome]
    problems: tuple[Problem, ...]

    @property
    def dead(self) -> int:
        """How many addresses are not live."""
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
