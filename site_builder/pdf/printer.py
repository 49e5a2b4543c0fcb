"""Printing the official pages of a built site with the system's headless Chromium.

Each page is printed by its own run of ``chromium --headless --print-to-pdf`` (nothing
but the browser is needed), from the site folder served on a free port of 127.0.0.1
by the standard library's HTTP server, with the site's print styles and a throw-away
profile.  Chromium may reach no other host: every name resolves to nothing.  Its exit
code says nothing (it is 0 when a page failed to load), so a run counts only when it
wrote a PDF, said no "Page load failed", and every file the page asked for was there.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import queue
import signal
import subprocess
import tempfile
import threading
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from .. import paths
from ..building import StepFailed
from ..commands import say
from .document import finish_pdf

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ..plan import SitePlan

PAGE_SECONDS = 120.0
"""How long Chromium may take to print one page before it is stopped."""
WORKERS = 2
"""How many pages are printed at once."""
FLAGS = (
    "--headless",
    # As Playwright launches it: the pages are the site's own, served on loopback, and a
    # sandbox needs what containers and CI runners often lack (user namespaces, not root).
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--mute-audio",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--no-pdf-header-footer",
)
"""Chromium's options besides the profile, the output file and the page."""
_AGAIN = " ลองสั่งใหม่อีกครั้ง หรือสั่งพร้อม -v เพื่อดูข้อความของ Chromium (เว็บไซต์เดิมยังอยู่ ไม่ได้เปลี่ยนแปลง)"
_Running: TypeAlias = "set[subprocess.Popen[bytes]]"


class PrintFailed(StepFailed):
    """A page could not be printed; the message says which and why, in Thai, and
    ``detail`` holds what Chromium said (shown with ``-v``)."""


def print_site(site: Path, plan: SitePlan, chromium: str) -> list[str]:
    """Print every PDF of ``plan`` (:attr:`SitePlan.pdfs`) from the site built in
    ``site`` into it, :data:`WORKERS` pages at a time, each worker with its own server
    and profile; return their site paths.  Raises :class:`PrintFailed` for the first
    page (in the plan's order) that fails, the runs still going stopped (the PDFs
    already written stay in ``site``, which the caller discards)."""
    jobs = list(plan.pdfs.items())
    if not jobs:
        return []
    running: _Running = set()
    with contextlib.ExitStack() as stack:  # closed in reverse: the pool, the servers, tmp
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="site-builder-pdf-")))
        slots: queue.SimpleQueue[tuple[_Server, Path]] = queue.SimpleQueue()
        for i in range(min(WORKERS, len(jobs))):
            slots.put((stack.enter_context(_serving(site)), tmp / str(i)))

        def job(pdf_path: str, page_path: str) -> bytes:
            server, folder = slots.get()
            try:
                return _print_page(chromium, server, folder, plan, pdf_path, page_path, running)
            finally:
                slots.put((server, folder))

        pool = stack.enter_context(ThreadPoolExecutor(min(WORKERS, len(jobs))))
        futures = [pool.submit(job, *item) for item in jobs]
        try:
            for (pdf_path, page_path), future in zip(jobs, futures, strict=True):
                say(f"พิมพ์ /{paths.page_url(page_path, plan.directory_urls)} เป็น {pdf_path}")
                data = future.result()
                (site / pdf_path).parent.mkdir(parents=True, exist_ok=True)
                (site / pdf_path).write_bytes(data)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            for proc in list(running):
                _stop(proc)
            raise
    return [pdf_path for pdf_path, _ in jobs]


def _print_page(
    chromium: str,
    server: _Server,
    folder: Path,
    plan: SitePlan,
    pdf_path: str,
    page_path: str,
    running: _Running,
) -> bytes:
    """The PDF of one page as it is published (:func:`finish_pdf`), printed from
    ``server``; the page and every file it asks for must be there."""
    url = paths.page_url(page_path, plan.directory_urls)
    shown = "/" + url
    page = Path(server.directory) / paths.output_file(page_path, plan.directory_urls)
    if not page.is_file():
        raise PrintFailed(f"{shown}: ไม่มีหน้านี้ในเว็บไซต์ที่สร้าง จึงพิมพ์เป็น PDF ไม่ได้")
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    server.requests.clear()
    raw = _chromium(chromium, f"{origin}/{urllib.parse.quote(url)}", folder, shown, running)
    failed = sorted({path for path, code in server.requests if code >= 400})
    if failed:
        raise PrintFailed(
            f"{shown}: เปิดไฟล์ประกอบหน้าไม่ได้ ({', '.join(failed[:5])}) จึงพิมพ์เป็น PDF ไม่ได้:" + _AGAIN
        )
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        return finish_pdf(
            raw, origin=origin, pdf_path=pdf_path, site_url=plan.site_url, epoch=epoch
        )
    except ValueError as exc:
        raise PrintFailed(
            f"{shown}: ไฟล์ PDF ที่ Chromium รุ่นนี้เขียนมีโครงสร้างที่ site-builder ไม่รู้จัก ({exc}) "
            "จึงแก้ลิงก์และวันที่ในไฟล์ไม่ได้: แจ้งผู้ดูแลระบบพร้อมรุ่นของ Chromium (chromium --version)"
        ) from None


def _chromium(chromium: str, url: str, folder: Path, shown: str, running: _Running) -> bytes:
    """Chromium's PDF of the page at ``url``; :class:`PrintFailed` when it writes none,
    or none in :data:`PAGE_SECONDS` (then it is stopped, with the helpers it started)."""
    out = folder / "page.pdf"
    out.unlink(missing_ok=True)
    profile = f"--user-data-dir={folder / 'profile'}"
    try:
        proc = subprocess.Popen(  # in its own process group (see _stop)
            [chromium, *FLAGS, profile, f"--print-to-pdf={out}", url],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    except OSError as exc:
        raise PrintFailed(
            f"{shown}: เรียกโปรแกรม Chromium ({chromium}) ไม่ได้ ({exc.strerror or exc}): "
            "ตรวจว่าติดตั้งไว้ครบ (sudo apt-get install chromium fonts-thai-tlwg)"
        ) from None
    running.add(proc)
    try:
        said, _ = proc.communicate(timeout=PAGE_SECONDS)
    except subprocess.TimeoutExpired:
        _stop(proc)
        said, _ = proc.communicate()
        late = f"{shown}: Chromium พิมพ์หน้านี้ไม่เสร็จภายใน {PAGE_SECONDS:g} วินาที จึงหยุดไว้:"
        raise PrintFailed(late + _AGAIN, said.decode("utf-8", "replace")) from None
    finally:
        running.discard(proc)
    detail = said.decode("utf-8", "replace")
    data = out.read_bytes() if out.is_file() else b""
    if "Page load failed" in detail or not data.startswith(b"%PDF-"):
        raise PrintFailed(f"{shown}: Chromium ไม่ได้เขียนไฟล์ PDF ของหน้านี้:" + _AGAIN, detail)
    return data


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """Kill a Chromium run that is still going, and the helpers it started: its
    process group, which is its own while it runs."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)


class _Server(http.server.ThreadingHTTPServer):
    """A loopback server of one folder that notes each request it answered."""

    directory: str
    requests: list[tuple[str, int]]
    """(path, status) of each request since it was last emptied."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Say nothing of a connection Chromium dropped (it may close one while it
        stops after printing): the standard library would print a traceback. What the
        page needed and did not get is in :attr:`requests`."""


class _Handler(http.server.SimpleHTTPRequestHandler):
    """The built site's files, every request and its status noted, nothing logged."""

    server: _Server

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        path = urllib.parse.unquote(self.path.split("?")[0])
        self.server.requests.append((path, int(code) if str(code).isdigit() else 0))

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def _serving(site: Path) -> Iterator[_Server]:
    """The folder ``site`` served on a free port of 127.0.0.1 while the block runs."""
    server = _Server(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    server.directory, server.requests = str(site), []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
