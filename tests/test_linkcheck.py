"""``site-builder links``: every web address of the content, fetched from real local servers.

The servers answer 200, 404, 500, a redirect, a redirect loop, a chain too long, HEAD
refused with GET allowed; a socket takes connections and never answers; a port
refuses them.  Every address in the trees is on 127.0.0.1, and the tests check that
nothing else is connected to.
"""

from __future__ import annotations

import io
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from helpers import run_cli, write_tree
from site_builder import linkcheck
from site_builder.errors import ContentError
from site_builder.linkcheck import Use, bare_urls, check_all, check_url, collect, urls_in_markdown
from site_builder.tree.loader import load


class _Handler(BaseHTTPRequestHandler):
    seen: list[tuple[str, str, dict[str, str]]]

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_HEAD(self) -> None:
        self._answer()

    def do_GET(self) -> None:
        self._answer()

    def _answer(self) -> None:
        self.seen.append((self.command, self.path, dict(self.headers.items())))
        path = self.path
        status, location = 404, None
        if path in ("/ok", "/ok-in-code") or path.startswith("/ok?"):
            status = 200
        elif path == "/broken":
            status = 500
        elif path == "/moved":
            status, location = 301, "/ok"
        elif path == "/loop-a":
            status, location = 302, "/loop-b"
        elif path == "/loop-b":
            status, location = 302, "/loop-a"
        elif path == "/get-only":
            status = 405 if self.command == "HEAD" else 200
        elif path == "/head-forbidden":
            status = 403 if self.command == "HEAD" else 200
        elif path.startswith("/chain/"):
            status, location = 302, f"/chain/{int(path.rsplit('/', 1)[1]) + 1}"
        elif path == "/weird":
            self.send_response(404, "Not\x1b[31mFound\x85::error::x")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        elif path == "/to-ftp":
            status, location = 302, "ftp://127.0.0.1/file"
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        body = b"page\n" if status == 200 else b"error\n"
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64  # eight workers at once: no connection waits for a SYN retry


class Servers:
    """The web server's base address, a silent one's and a refusing one's, and the
    requests the web server was sent."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str, dict[str, str]]] = []
        handler = type("Handler", (_Handler,), {"seen": self.seen})
        self.http = _Server(("127.0.0.1", 0), handler)
        threading.Thread(target=self.http.serve_forever, args=(0.05,), daemon=True).start()
        self.base = f"http://127.0.0.1:{self.http.server_address[1]}"
        # Takes connections (the kernel does, from the backlog) and never reads a byte.
        self.mute = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.mute.bind(("127.0.0.1", 0))
        self.mute.listen(64)
        self.silent = f"http://127.0.0.1:{self.mute.getsockname()[1]}"
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as closed:
            closed.bind(("127.0.0.1", 0))
            port = closed.getsockname()[1]
        self.refused = f"http://127.0.0.1:{port}"

    def paths(self) -> list[tuple[str, str]]:
        return [(method, path) for method, path, _ in self.seen]

    def close(self) -> None:
        self.http.shutdown()
        self.http.server_close()
        self.mute.close()


@pytest.fixture
def servers() -> Iterator[Servers]:
    s = Servers()
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every address a socket of this process connects to while the test runs."""
    seen: list[Any] = []
    real = socket.socket.connect

    def connect(self: socket.socket, address: Any) -> None:
        seen.append(address)
        real(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return seen


SITE = "organization:\n  name: เทศบาลตำบลทดสอบ\n  website: {B}/ok\n"
MEASURES = """\
measures:
  - no: 1
    title: เผยแพร่ข้อมูล
    indicators: [9]
    steps:
      - ทบทวนข้อมูล
      - 'เผยแพร่ตาม [ประกาศ]({B}/missing "ประกาศฉบับเต็ม") แล้ว'
    responsible: สำนักปลัด
"""
REPORT = """\
round: 6-month
reported: 2566-04-04
memo:
  unit: สำนักปลัด
  subject: รายงานผลการดำเนินการ
  body: |
    ตามที่ได้ดำเนินการตามมาตรการ

    ดูรายละเอียดที่ [เว็บไซต์]({B}/broken) และ `{B}/ok-in-code`
    รวมทั้ง <{S}/slow>
  signatures:
    - {{name: นางสาวอรุณี กะนอง, position: หัวหน้าสำนักปลัด}}
results:
  - measure: 1
    status: done
    actions: เผยแพร่คู่มือแล้ว
    evidence:
      - {{title: คู่มือ, url: "{B}/moved"}}
      - {B}/missing
      - {{title: ลิงก์วน, url: "{B}/loop-a"}}
      - {{title: เฉพาะ GET, url: "{B}/get-only"}}
      - {{title: ปิดแล้ว, url: "{R}/gone"}}
      - {{title: มีรหัสผ่าน, url: "http://staff:secret@{H}/ok?from=report"}}
"""
PAGE = """\
---
title: ลิงก์ที่เกี่ยวข้อง
---
ข้อมูลเพิ่มเติม [ที่นี่]({B}/ok#top) และ <{B}/missing>

ดูอีกครั้งที่ {B}/missing. หรือ [อีเมล](mailto:saraban@test.go.th)
"""
OIT = """\
items:
  - code: O1
    links:
      - {{title: โครงสร้าง, url: "{B}/head-forbidden"}}
      - {{title: แผนผัง, url: "{B}/missing"}}
    explain: จากหน้าแรก เลือก [เกี่ยวกับเรา]({B}/broken)
"""


def tree(root: Path, s: Servers, **extra: str) -> Path:
    names = {"B": s.base, "S": s.silent, "R": s.refused, "H": s.base.split("://")[1]}
    files = {
        "site.yml": SITE.format(**names),
        "2566/analysis.yml": "overall: {score: 90}\n",
        "2566/measures.yml": MEASURES.format(**names),
        "2566/reports/6-month.yml": REPORT.format(**names),
        "2566/pages/links.md": PAGE.format(**names),
    }
    files.update({k: v.format(**names) for k, v in extra.items()})
    return write_tree(root, files)


def _accepts_oit(root: Path) -> bool:
    try:
        load(root)
    except ContentError as exc:
        if any("oit.yml" in p.path for p in exc.problems):
            return False
        raise
    return True


def expected(s: Servers) -> list[str]:
    b, r = s.base, s.refused
    return [
        f"content/2566/measures.yml:7: ลิงก์ {b}/missing ใช้ไม่ได้ (404 Not Found)",
        f"content/2566/pages/links.md:4: ลิงก์ {b}/missing ใช้ไม่ได้ (404 Not Found)",
        f"content/2566/pages/links.md:6: ลิงก์ {b}/missing ใช้ไม่ได้ (404 Not Found)",
        f"content/2566/reports/6-month.yml:9: ลิงก์ {b}/broken ใช้ไม่ได้ (500 Internal Server Error)",
        f"content/2566/reports/6-month.yml:10: ลิงก์ {s.silent}/slow ใช้ไม่ได้ (ไม่ตอบภายใน 1 วินาที)",
        f"content/2566/reports/6-month.yml:19: ลิงก์ {b}/missing ใช้ไม่ได้ (404 Not Found)",
        f"content/2566/reports/6-month.yml:20: ลิงก์ {b}/loop-a ใช้ไม่ได้ "
        f"(ส่งต่อ (redirect) วนซ้ำไม่สิ้นสุดที่ {b}/loop-a)",
        f"content/2566/reports/6-month.yml:22: ลิงก์ {r}/gone ใช้ไม่ได้ "
        "(เชื่อมต่อไม่ได้: เครื่องปลายทางปฏิเสธการเชื่อมต่อ)",
    ]


@pytest.mark.slow
def test_links_reports_dead_silent_and_refused_with_file_and_line(
    servers: Servers,
    chdir_tmp: Path,
    connections: list[Any],
    capsys: pytest.CaptureFixture[str],
) -> None:
    tree(chdir_tmp / "content", servers)
    started = time.monotonic()
    code, out, err = run_cli("links", "--content", "content", "--timeout", "1", capsys=capsys)
    elapsed = time.monotonic() - started
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    want = expected(servers)
    assert lines[: len(want)] == want
    assert lines[len(want) :] == [
        f"พบข้อผิดพลาด {len(want)} รายการ",
        "ตรวจลิงก์แล้ว 9 ที่อยู่: ใช้ได้ 4 ใช้ไม่ได้ 5 (แก้ที่อยู่ในไฟล์และบรรทัดข้างต้น หรือลบลิงก์ที่เลิกใช้แล้ว)",
    ]
    # Live ones are not reported: the site, a redirect, GET after a refused HEAD, a fragment.
    for live in ("/ok ", "/moved", "/get-only", "/ok#top", "from=report"):
        assert live not in err
    # The silent one cost a HEAD and a GET of one second each, not the whole run's bound.
    assert elapsed < 15
    # Only the local servers were asked; each address once; nothing in code.
    assert connections
    assert {address[0] for address in connections} == {"127.0.0.1"}
    paths = servers.paths()
    assert ("HEAD", "/ok-in-code") not in paths
    assert ("GET", "/ok-in-code") not in paths
    assert paths.count(("HEAD", "/missing")) == 1
    assert paths.count(("HEAD", "/ok")) == 2  # the site and the page's #top; the redirect's end
    assert ("HEAD", "/get-only") in paths
    assert ("GET", "/get-only") in paths
    assert ("HEAD", "/ok?from=report") in paths
    for _, _, headers in servers.seen:
        assert headers["User-Agent"].startswith("site-builder/")
        assert not {"Cookie", "Authorization"} & set(headers)


@pytest.mark.slow
def test_links_oit_yml(
    servers: Servers, chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tree(chdir_tmp / "content", servers, **{"2566/oit.yml": OIT})
    if not _accepts_oit(root):
        pytest.skip("the loader does not read <year>/oit.yml yet")
    code, _, err = run_cli("links", "--content", "content", "--timeout", "1", capsys=capsys)
    assert code == 1
    b = servers.base
    lines = err.splitlines()
    assert f"content/2566/oit.yml:5: ลิงก์ {b}/missing ใช้ไม่ได้ (404 Not Found)" in lines
    assert f"content/2566/oit.yml:6: ลิงก์ {b}/broken ใช้ไม่ได้ (500 Internal Server Error)" in lines
    assert "head-forbidden" not in err  # 403 to HEAD, 200 to GET
    assert ("GET", "/head-forbidden") in servers.paths()


def test_links_all_live_exit_0(
    servers: Servers, chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    b = servers.base
    write_tree(
        chdir_tmp / "content",
        {
            "site.yml": SITE.format(B=b),
            "2566/measures.yml": MEASURES.format(B=b).replace("/missing", "/moved"),
            "2566/pages/a.md": f"---\ntitle: ก\n---\n[ก]({b}/get-only) <{b}/ok>\n",
        },
    )
    code, out, err = run_cli("links", "--content", "content", capsys=capsys)
    assert (code, out) == (0, "")
    assert err.splitlines() == ["ตรวจลิงก์แล้ว 3 ที่อยู่: ใช้ได้ทั้งหมด"]


def test_links_without_addresses(chdir_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tree(chdir_tmp / "content", {"site.yml": "organization: {name: เทศบาลตำบลทดสอบ}\n"})
    code, _, err = run_cli("links", "--content", "content", capsys=capsys)
    assert code == 0
    assert err.splitlines() == ["ไม่พบลิงก์ไปยังเว็บไซต์ (http:// หรือ https://) ในเนื้อหา"]


def test_links_content_errors_first(
    servers: Servers,
    chdir_tmp: Path,
    connections: list[Any],
    capsys: pytest.CaptureFixture[str],
) -> None:
    write_tree(
        chdir_tmp / "content",
        {"site.yml": f"organization: {{name: ทดสอบ, website: {servers.base}/missing}}\nbogus: 1\n"},
    )
    code, _, err = run_cli("links", "--content", "content", capsys=capsys)
    assert code == 1
    assert "content/site.yml:2: bogus: ไม่รู้จักฟิลด์ 'bogus'" in err
    assert "พบข้อผิดพลาด 1 รายการ" in err
    assert "ใช้ไม่ได้" not in err
    assert connections == []
    assert servers.seen == []


@pytest.mark.parametrize("value", ["0", "-1", "abc", "nan", "inf", "601"])
def test_links_refuses_a_bad_timeout(
    value: str, chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli("links", "--content", "content", f"--timeout={value}", capsys=capsys)
    assert code == 2
    assert err == (
        "site-builder links: คำสั่งไม่ถูกต้อง: --timeout ต้องเป็นจำนวนวินาทีมากกว่า 0 และไม่เกิน 600 "
        f"เช่น --timeout 10 (พบ '{value}') (ดูวิธีใช้: site-builder links -h)\n"
    )


def test_timeout_in_thai_digits() -> None:
    assert linkcheck.seconds("๕") == 5.0
    assert linkcheck.seconds(" 2.5 ") == 2.5


def test_control_characters_from_a_server_are_shown_escaped(
    servers: Servers, chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A status line's reason is the server's text: an ESC or a NEL in it cannot colour
    # the log or start a line of its own.
    b = servers.base
    write_tree(
        chdir_tmp / "content",
        {"site.yml": f"organization: {{name: ทดสอบ, website: {b}/weird}}\n"},
    )
    code, _, err = run_cli("links", "--content", "content", capsys=capsys)
    assert code == 1
    assert err.splitlines()[0] == (
        f"content/site.yml:1: ลิงก์ {b}/weird ใช้ไม่ได้ (404 Not\\x1b[31mFound\\x85::error::x)"
    )
    assert "\x1b" not in err
    assert "\x85" not in err


# -- one address at a time ---------------------------------------------------------------


@pytest.mark.slow
def test_check_url_outcomes(servers: Servers, connections: list[Any]) -> None:
    b = servers.base
    assert check_url(f"{b}/ok").live
    assert check_url(f"{b}/moved").live
    assert check_url(f"{b}/get-only").live
    assert check_url(f"HTTP://127.0.0.1:{servers.http.server_address[1]}/ok").live
    assert check_url(f"{b}/missing").reason == "404 Not Found"
    assert check_url(f"{b}/broken").reason == "500 Internal Server Error"
    assert check_url(f"{b}/chain/0").reason == "ส่งต่อ (redirect) เกิน 10 ครั้ง"
    assert check_url(f"{b}/to-ftp").reason == (
        "ส่งต่อ (redirect) ไปยังที่อยู่ที่ไม่ใช่เว็บ: ftp://127.0.0.1/file"
    )
    refused = check_url(f"{servers.refused}/x")
    assert (refused.kind, refused.reason) == (
        "unreachable",
        "เชื่อมต่อไม่ได้: เครื่องปลายทางปฏิเสธการเชื่อมต่อ",
    )
    started = time.monotonic()
    silent = check_url(f"{servers.silent}/x", timeout=0.5)
    assert (silent.kind, silent.reason) == ("silent", "ไม่ตอบภายใน 0.5 วินาที")
    assert time.monotonic() - started < 2
    assert {address[0] for address in connections} == {"127.0.0.1"}


@pytest.mark.slow
def test_check_all_ends_within_its_bound(servers: Servers) -> None:
    urls = [f"{servers.silent}/{n}" for n in range(12)] + [f"{servers.base}/ok"]
    started = time.monotonic()
    results = check_all(urls, timeout=0.5, workers=8)
    elapsed = time.monotonic() - started
    assert elapsed <= linkcheck.run_bound(len(urls), 0.5, 8)
    assert results[f"{servers.base}/ok"].live
    assert {results[u].kind for u in urls[:-1]} == {"silent"}


def test_progress_lines_for_many_addresses(servers: Servers) -> None:
    urls = [f"{servers.base}/ok?n={n}" for n in range(25)]
    stream = io.StringIO()
    progress = linkcheck.Progress(stream)
    results = check_all(urls, timeout=2, progress=progress)
    progress.end()
    assert all(o.live for o in results.values())
    shown = stream.getvalue().splitlines()
    assert shown
    assert all(line.startswith("ตรวจลิงก์ ") and line.endswith("/25 …") for line in shown)
    assert "\r" not in stream.getvalue()

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty = Terminal()
    clock = iter(range(0, 1000, 1))
    progress = linkcheck.Progress(tty, clock=lambda: float(next(clock)))
    for done in range(0, 26, 5):
        progress(done, 25)
    progress.end()
    assert tty.getvalue() == (
        "".join(f"\r\x1b[Kตรวจลิงก์ {done}/25 …" for done in range(0, 26, 5)) + "\r\x1b[K"
    )
    few = io.StringIO()
    linkcheck.Progress(few)(1, 3)  # few addresses, just started: nothing
    assert few.getvalue() == ""


# -- the collector ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "urls"),
    [
        ('[ก](https://a.go.th/x "ชื่อเรื่อง")', ["https://a.go.th/x"]),
        ("[ก](https://a.go.th/wiki/Foo_(bar)) ข้อความ", ["https://a.go.th/wiki/Foo_(bar)"]),
        ("[ก](<https://a.go.th/a b>)", ["https://a.go.th/a b"]),
        ("![รูป](https://a.go.th/p.png)", ["https://a.go.th/p.png"]),
        ("<https://a.go.th/auto>", ["https://a.go.th/auto"]),
        ("[ก][1]\n\n[1]: https://a.go.th/ref 'ชื่อ'", ["https://a.go.th/ref"]),
        ('<a href="https://a.go.th/raw">ก</a>', ["https://a.go.th/raw"]),
        ("[ก](https://a.go.th/?a=1&b=2)", ["https://a.go.th/?a=1&b=2"]),
        ("[ก](HTTPS://A.GO.TH/UP)", ["HTTPS://A.GO.TH/UP"]),
        ("`https://a.go.th/code` และ `[ก](https://a.go.th/c2)`", []),
        ("``ดู `https://a.go.th/c3` ``", []),
        ("ข้อความ\n\n    https://a.go.th/indented\n", []),
        ("<pre>https://a.go.th/pre</pre>", []),
        ("[อีเมล](mailto:a@b.go.th) <a@b.go.th> [โทร](tel:+6677)", []),
        ("[ก](../analysis.md) [ข](files/a.pdf) [ค](#top) [ง](//cdn.go.th/x)", []),
        ("[ก](ftp://a.go.th/x) [ข](javascript:alert(1))", []),
        ("ดูที่ https://a.go.th/bare.", ["https://a.go.th/bare"]),
        (
            "(ดู https://a.go.th/p) และ https://a.go.th/q_(r).",
            ["https://a.go.th/p", "https://a.go.th/q_(r)"],
        ),
        ("ดูที่https://a.go.thครับ", ["https://a.go.th"]),
        ("https://th.wikipedia.org/wiki/ไทย ครับ", ["https://th.wikipedia.org/wiki/ไทย"]),
        ("[ก](https://a.go.th/x) และ [ข](https://a.go.th/x)", ["https://a.go.th/x"] * 2),
        ("ไม่มีลิงก์ **ตัวหนา**", []),
    ],
)
def test_urls_in_markdown(markdown: str, urls: list[str]) -> None:
    assert urls_in_markdown(markdown) == urls


def test_bare_urls_stop_at_text() -> None:
    assert bare_urls('ก "https://a.go.th/x" <https://a.go.th/y> [https://a.go.th/z]') == [
        "https://a.go.th/x",
        "https://a.go.th/y",
        "https://a.go.th/z",
    ]
    assert bare_urls("https:// และ http://") == []


def test_collect_places_every_use(chdir_tmp: Path) -> None:
    root = write_tree(
        chdir_tmp / "content",
        {
            "site.yml": "organization:\n  name: ทดสอบ\n  website: https://www.a.go.th\n",
            "2566/measures.yml": (
                "measures:\n"
                "  - no: 1\n"
                "    title: ก\n"
                "    indicators: [1]\n"
                "    steps: |\n"
                "      ขั้นแรก\n"
                "      ดู [คู่มือ](https://www.a.go.th/m) และ `https://www.a.go.th/m`\n"
                "\n"
                "      ```\n"
                "      https://www.a.go.th/m\n"
                "      ```\n"
                "      อีกครั้ง <https://www.a.go.th/m> หรือ https://www.a.go.th/m2\n"
                "    responsible: สำนักปลัด\n"
                "    period: https://www.a.go.th/m\n"
            ),
            "2566/pages/p.md": (
                "---\n"
                "title: หน้า\n"
                "---\n"
                "# หัวข้อ\n"
                "\n"
                "[ก](https://www.a.go.th/p 'ชื่อ') `https://www.a.go.th/p`\n"
                "![รูป](https://www.a.go.th/i.png)\n"
            ),
        },
    )
    uses = collect(load(root))
    m = "content/2566/measures.yml"
    assert uses == [
        Use(m, 7, "https://www.a.go.th/m"),
        Use(m, 12, "https://www.a.go.th/m"),
        Use(m, 12, "https://www.a.go.th/m2"),
        Use(m, 14, "https://www.a.go.th/m"),
        Use("content/2566/pages/p.md", 6, "https://www.a.go.th/p"),
        Use("content/2566/pages/p.md", 7, "https://www.a.go.th/i.png"),
        Use("content/site.yml", 3, "https://www.a.go.th"),
    ]


def test_one_fetch_per_address(servers: Servers) -> None:
    b = servers.base
    results = check_all([f"{b}/ok", f"{b}/ok", f"{b}/missing"], timeout=2)
    assert set(results) == {f"{b}/ok", f"{b}/missing"}
    assert servers.paths().count(("HEAD", "/ok")) == 1
    # 404 to HEAD: GET is tried before the address is called dead.
    assert servers.paths().count(("GET", "/missing")) == 1
