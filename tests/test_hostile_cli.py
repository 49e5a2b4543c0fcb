"""Hostile input to the commands: the preview always answers, no traceback ever
reaches staff, new-year refuses what would break the content, site_url cannot
inject markup, and check enforces the configuration build will use."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from helpers import ROOT, derived_config, free_port, page_html, run_cli, visible_text, wait_for
from sample import PDF, sample_tree
from site_builder import cli
from site_builder import plugin as plugin_mod
from site_builder.newyear import NewYearRefused, start_year
from site_builder.plugin import ItaPlugin
from site_builder.siteurl import SiteUrlRefused, checked_site_url
from site_builder.tree.loader import load

UNEXPECTED_TAIL = (
    ": ตรวจไฟล์หรือโฟลเดอร์ที่ข้อความระบุ ถ้ายังไม่หาย ให้แจ้งผู้ดูแลระบบพร้อมข้อความนี้ "
    "(เรียกคำสั่งด้วย -v เพื่อดูรายละเอียด)"
)
SITE_URL_TAIL = ": ใช้ที่อยู่เต็มที่เว็บไซต์นี้เผยแพร่ เช่น https://www.tambon.go.th/ita/"


def _digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): (
            "link" if p.is_symlink() else hashlib.sha256(p.read_bytes()).hexdigest()
        )
        for p in sorted(root.rglob("*"))
        if p.is_symlink() or p.is_file()
    }


# -- serve: always an answer ------------------------------------------------------


def _wait_for(url: str, needle: str) -> str:
    return wait_for(url, needle, timeout=20)


class _Preview:
    """``site-builder serve`` as staff run it, in its own process."""

    def __init__(self, content: Path, log: Path, config: Path = ROOT / "mkdocs.yml") -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.log = log
        self._err = log.open("wb")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "site_builder",
                "serve",
                "--content",
                str(content),
                "--config",
                str(config),
                "-a",
                f"127.0.0.1:{self.port}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=self._err,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )

    def stderr(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)
        self._err.close()


def _broken_link(content: Path) -> str:
    page = content / "2566/pages/no-gift.md"
    good = page.read_text(encoding="utf-8")
    page.write_text(good + "\n[เอกสาร](missing.md)\n", encoding="utf-8")
    return good


_BROKEN_TEMPLATE = '{% extends "base.html" %}{% block content %}{{ page.nope() }}{% endblock %}'


def _own_theme(folder: Path, *, broken: bool) -> tuple[Path, Path]:
    """A municipality's own theme overrides (a copy of the project's), and a config
    that uses them; ``broken`` makes MkDocs itself fail while rendering a page."""
    theme = folder / "theme"
    shutil.copytree(ROOT / "site_builder/theme", theme)
    if broken:
        (theme / "main.html").write_text(_BROKEN_TEMPLATE, encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ntheme: {{name: material, custom_dir: {theme}}}\n",
        encoding="utf-8",
    )
    return theme, config


@pytest.mark.slow
def test_serve_answers_with_the_error_page_whatever_fails(tmp_path: Path) -> None:
    """Loading raises (a folder where a catalogue file should be), then MkDocs itself
    stops a rebuild (strict mode, a broken link): each time the preview answers with
    the error page within seconds, and recovers when the file is fixed."""
    content = sample_tree(tmp_path / "content")
    (content / "frameworks/2566.yml").mkdir(parents=True)
    preview = _Preview(content, tmp_path / "serve.log")
    try:
        started = time.monotonic()
        page = _wait_for(preview.base, "เนื้อหามีข้อผิดพลาด")
        assert time.monotonic() - started < 15
        assert "frameworks/2566.yml" in visible_text(page)
        assert preview.proc.poll() is None

        (content / "frameworks/2566.yml").rmdir()
        (content / "frameworks").rmdir()
        site = content / "site.yml"
        site.write_text(site.read_text(encoding="utf-8"), encoding="utf-8")  # a file event
        _wait_for(preview.base + "2566/measures/1/", "จัดทำคู่มือการปฏิบัติงาน")

        good = _broken_link(content)
        page = _wait_for(preview.base, "เนื้อหามีข้อผิดพลาด")
        text = visible_text(page)
        assert "ลิงก์ 'missing.md' ชี้ไปยังหน้าหรือไฟล์ที่ไม่มีในเว็บไซต์" in text
        # Every page answers (not only the one the error page replaced).
        assert "เนื้อหามีข้อผิดพลาด" in visible_text(
            _wait_for(preview.base + "guide/errors/", "ข้อผิดพลาด")
        )

        (content / "2566/pages/no-gift.md").write_text(good, encoding="utf-8")
        _wait_for(preview.base + "2566/measures/1/", "จัดทำคู่มือการปฏิบัติงาน")
    finally:
        preview.close()
    err = preview.stderr()
    assert "Traceback" not in err
    assert "เกิดข้อผิดพลาดที่ไม่คาดคิด (IsADirectoryError" in err or "2566.yml" in err


@pytest.mark.slow
def test_serve_with_a_theme_override_that_breaks_mid_session_still_answers(
    tmp_path: Path,
) -> None:
    """The municipality's own theme override stops MkDocs itself (the error page too is
    rendered with it): the preview answers with a bare error page, and recovers."""
    content = sample_tree(tmp_path / "content")
    theme, config = _own_theme(tmp_path, broken=False)
    preview = _Preview(content, tmp_path / "serve.log", config)
    try:
        _wait_for(preview.base + "2566/measures/1/", "จัดทำคู่มือการปฏิบัติงาน")
        (theme / "main.html").write_text(_BROKEN_TEMPLATE, encoding="utf-8")
        _touch(content / "site.yml")  # MkDocs does not watch the theme: a content edit rebuilds
        text = visible_text(_wait_for(preview.base, "nope"))
        assert "เนื้อหามีข้อผิดพลาด" in text
        assert "UndefinedError" in text
        (theme / "main.html").write_text('{% extends "base.html" %}\n', encoding="utf-8")
        _touch(content / "site.yml")
        _wait_for(preview.base + "2566/measures/1/", "จัดทำคู่มือการปฏิบัติงาน")
    finally:
        preview.close()
    assert "Traceback" not in preview.stderr()


def _touch(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")


@pytest.mark.slow
def test_serve_with_a_broken_theme_from_the_start_says_why_in_thai(tmp_path: Path) -> None:
    content = sample_tree(tmp_path / "content")
    _, config = _own_theme(tmp_path, broken=True)
    preview = _Preview(content, tmp_path / "serve.log", config)
    try:
        assert preview.proc.wait(timeout=60) == 1
    finally:
        preview.close()
    err = preview.stderr()
    assert "Traceback" not in err
    assert "เกิดข้อผิดพลาดที่ไม่คาดคิด (UndefinedError" in err


def _plugin(command: str) -> ItaPlugin:
    """A plugin of its own (MkDocs keeps one instance per process for the CLI)."""
    plugin = ItaPlugin()
    errors, _ = plugin.load_config({})
    assert not errors
    plugin.on_startup(command=command, dirty=False)  # type: ignore[arg-type]
    return plugin


def _mkdocs(content: Path, site: Path, **overrides: Any) -> Any:
    return load_config(
        str(ROOT / "mkdocs.yml"), docs_dir=str(content), site_dir=str(site), **overrides
    )


@pytest.mark.parametrize("where", ["load", "render"])
def test_an_unexpected_exception_is_the_error_page_in_serve_and_a_thai_error_in_build(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    where: str,
) -> None:
    content = sample_tree(tmp_path / "content")

    def explode(*args: object, **kwargs: object) -> object:
        raise RuntimeError('<script>alert("x")</script>\nnext line')

    if where == "load":
        monkeypatch.setattr(plugin_mod.loader, "load", explode)
    else:
        monkeypatch.setattr(plugin_mod, "build_plan", explode)
    line = (
        'เกิดข้อผิดพลาดที่ไม่คาดคิด (RuntimeError: <script>alert("x")</script>\\nnext line)'
        + UNEXPECTED_TAIL
    )

    serving = _plugin("serve")
    try:
        config = serving.on_config(_mkdocs(content, tmp_path / "site"))
    finally:
        serving.on_shutdown()
    assert config.nav == [{"ข้อผิดพลาด": "index.md"}]
    error_page = serving.plan.pages[0]
    assert error_page.path == "index.md"
    assert (
        "<li><code>เกิดข้อผิดพลาดที่ไม่คาดคิด (RuntimeError: &lt;script&gt;alert(&#34;x&#34;)"
        "&lt;/script&gt;\\nnext line)" in error_page.markdown
    )
    assert "<script>" not in error_page.markdown
    logged = [r for r in caplog.records if r.name == "site_builder" and r.levelname == "ERROR"]
    assert [r.getMessage() for r in logged] == ["เนื้อหามีข้อผิดพลาด ยังไม่ได้สร้างเว็บไซต์:\n" + line]

    with pytest.raises(PluginError) as raised:
        _plugin("build").on_config(_mkdocs(content, tmp_path / "site"))
    assert str(raised.value) == line


def test_check_and_build_never_show_a_traceback(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sample_tree(chdir_tmp / "content")

    def explode(*args: object, **kwargs: object) -> object:
        raise OSError("ดิสก์อ่านไม่ได้\x1b[31m")

    monkeypatch.setattr("site_builder.cli.load", explode)
    line = "เกิดข้อผิดพลาดที่ไม่คาดคิด (OSError: ดิสก์อ่านไม่ได้\\x1b[31m)" + UNEXPECTED_TAIL + "\n"
    for command in ("check", "build"):
        assert run_cli(command, "--content", "content", capsys=capsys) == (1, "", line)
    assert not (chdir_tmp / "site").exists()
    # -v shows the traceback, for whoever debugs it.
    code, _, err = run_cli("check", "-v", "--content", "content", capsys=capsys)
    assert code == 1
    assert err.startswith("Traceback (most recent call last):")
    assert err.endswith(line)


def test_a_real_input_that_makes_loading_raise_is_one_thai_line(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = sample_tree(chdir_tmp / "content")
    (content / "frameworks/2566.yml").mkdir(parents=True)
    for command in ("check", "build"):
        code, out, err = run_cli(command, "--content", "content", capsys=capsys)
        assert (code, out) == (1, "")
        assert "Traceback" not in err
        assert "frameworks/2566.yml" in err
    assert not (chdir_tmp / "site").exists()


# -- serve: the address ---------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [":99999", ":0", "nonsense", "127.0.0.1:abc", "999.1.1.1:80", "127.0.0.1:", "[127.0.0.1]:80"],
)
def test_serve_refuses_an_address_that_is_not_host_port(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], address: str
) -> None:
    content = sample_tree(tmp_path / "content")
    code, out, err = run_cli("serve", "--content", str(content), "-a", address, capsys=capsys)
    assert (code, out) == (2, "")
    assert err == (
        "-a/--dev-addr: ต้องเป็น HOST:PORT โดย HOST เป็นที่อยู่ IP หรือ localhost "
        f"และ PORT เป็นตัวเลข 1–65535 เช่น 127.0.0.1:8000 (พบ '{address}')\n"
    )


def test_serve_refuses_an_address_it_cannot_listen_at(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = sample_tree(tmp_path / "content")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, out, err = run_cli(
            "serve", "--content", str(content), "-a", f"127.0.0.1:{port}", capsys=capsys
        )
    assert (code, out) == (1, "")
    assert err == (
        f"-a/--dev-addr: เปิดเว็บตัวอย่างที่ 127.0.0.1:{port} ไม่ได้ (Address already in use): "
        "พอร์ตนี้อาจมีโปรแกรมอื่นใช้อยู่ หรือที่อยู่นี้ไม่ใช่ของเครื่องนี้ "
        "ให้ปิดโปรแกรมนั้นหรือเลือกพอร์ตอื่น เช่น -a 127.0.0.1:8001\n"
    )
    # An address of another machine (TEST-NET-1).
    code, _, err = run_cli(
        "serve", "--content", str(content), "-a", "192.0.2.1:8000", capsys=capsys
    )
    assert code == 1
    assert err.startswith("-a/--dev-addr: เปิดเว็บตัวอย่างที่ 192.0.2.1:8000 ไม่ได้ (")


# -- new-year -----------------------------------------------------------------------


@pytest.mark.parametrize("year", ["99999", "0", "12", "2499", "2701", "-1"])
def test_new_year_refuses_a_year_outside_2500_2700(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], year: str
) -> None:
    content = sample_tree(tmp_path / "content")
    before = _digest(content)
    code, out, err = run_cli("new-year", year, "--content", str(content), capsys=capsys)
    assert (code, out) == (2, "")
    assert err == (f"ปีงบประมาณต้องเป็นปี พ.ศ. 4 หลัก ตั้งแต่ 2500 ถึง 2700 เช่น 2568 (พบ {year})\n")
    assert _digest(content) == before
    assert sorted(p.name for p in content.iterdir()) == ["2566", "2567", "site.yml"]


def test_new_year_in_christian_era_says_the_buddhist_year(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = sample_tree(tmp_path / "content")
    code, _, err = run_cli("new-year", "2025", "--content", str(content), capsys=capsys)
    assert code == 2
    assert err == (
        "ปีงบประมาณต้องเป็นปี พ.ศ. 4 หลัก ตั้งแต่ 2500 ถึง 2700 เช่น 2568 (พบ 2025)"
        ": ดูเหมือนเป็นปี ค.ศ. ปี พ.ศ. คือ 2568\n"
    )
    assert not (content / "2025").exists()


def test_new_year_onto_a_dangling_symlink_is_refused(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = sample_tree(chdir_tmp / "content")
    (content / "2570").symlink_to("nowhere")
    before = _digest(content)
    code, out, err = run_cli("new-year", "2570", "--content", "content", capsys=capsys)
    assert (code, out) == (1, "")
    assert "Traceback" not in err
    assert "content/2570" in err
    assert _digest(content) == before
    assert str((content / "2570").readlink()) == "nowhere"
    assert not [p for p in content.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda p: p.symlink_to("nowhere"),
            "content/2570: มีลิงก์ (symlink) ชื่อ 2570 อยู่แล้ว ซึ่งชี้ไปยังที่ที่ไม่มีอยู่ จะไม่เขียนทับ: "
            "ให้ลบหรือย้ายลิงก์นี้เองก่อน แล้วเรียกคำสั่งอีกครั้ง",
        ),
        (
            lambda p: p.symlink_to("2566"),
            "content/2570: มีลิงก์ (symlink) ชื่อ 2570 อยู่แล้ว จะไม่เขียนทับ: "
            "ให้ลบหรือย้ายลิงก์นี้เองก่อน แล้วเรียกคำสั่งอีกครั้ง",
        ),
        (
            lambda p: p.write_text("x", encoding="utf-8"),
            "content/2570: มีไฟล์ชื่อ 2570 อยู่แล้ว (ไม่ใช่โฟลเดอร์ปี) จะไม่เขียนทับ: "
            "ให้ย้ายหรือเปลี่ยนชื่อไฟล์นี้เองก่อน แล้วเรียกคำสั่งอีกครั้ง",
        ),
        (
            lambda p: p.mkdir(),
            "content/2570: มีโฟลเดอร์ปี 2570 อยู่แล้ว จะไม่เขียนทับไฟล์ที่มี: "
            "ถ้าต้องการเริ่มใหม่ให้ย้ายหรือลบโฟลเดอร์นี้เอง",
        ),
    ],
)
def test_start_year_refuses_anything_with_the_year_name(
    chdir_tmp: Path, make: Any, message: str
) -> None:
    content = sample_tree(chdir_tmp / "content")
    loaded = load(Path("content"))
    make(content / "2570")  # after loading: whatever the loader thinks of it
    before = _digest(content)
    with pytest.raises(NewYearRefused) as refused:
        start_year(loaded, 2570)
    assert str(refused.value) == message
    assert _digest(content) == before
    assert not [p for p in content.iterdir() if p.name.startswith(".")]


@pytest.mark.slow
def test_new_year_fills_a_gap_from_the_year_before_it_but_not_before_the_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Chosen: a year before the latest may be started (a municipality entering past
    years), copied from the nearest earlier year; a year before every other is not."""
    content = sample_tree(tmp_path / "content")
    assert run_cli("new-year", "2569", "--content", str(content), capsys=capsys)[0] == 0
    code, _, err = run_cli("new-year", "2568", "--content", str(content), capsys=capsys)
    assert code == 0, err
    year = next(y for y in load(content, include_drafts=True).years if y.year == 2568)
    assert year.measures is not None
    assert year.measures.measures[0].title == "ทบทวนคู่มือต่อเนื่อง"  # 2567's measure
    before = _digest(content)
    code, _, err = run_cli("new-year", "2565", "--content", str(content), capsys=capsys)
    assert code == 1
    assert err == (
        "ไม่มีปีงบประมาณก่อนปี 2565 ในเนื้อหาให้คัดลอกมา: สร้างโฟลเดอร์ปีแรกเองตามตัวอย่างใน content/\n"
    )
    assert _digest(content) == before


# -- site_url -----------------------------------------------------------------------

HOSTILE = 'https://a.example/"><script>alert(1)</script>/'


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (HOSTILE, 'มีอักขระที่ใช้ในที่อยู่เว็บไม่ได้ (" < >)'),
        ("javascript:alert(1)", "ต้องขึ้นต้นด้วย https:// หรือ http://"),
        ("ftp://a.example/", "ต้องขึ้นต้นด้วย https:// หรือ http://"),
        ("https://user:pass@a.example/", "ห้ามใส่ชื่อผู้ใช้หรือรหัสผ่าน (user:pass@) ในที่อยู่เว็บไซต์"),
        ("https://a.example/?a=1", "ห้ามมี ? หรือ # (query หรือ fragment) ในที่อยู่เว็บไซต์"),
        ("https://a.example/#top", "ห้ามมี ? หรือ # (query หรือ fragment) ในที่อยู่เว็บไซต์"),
        ("https:///ita/", "ไม่มีชื่อโดเมนหลัง https://"),
        ("https://a.example/a b/", "มีอักขระที่ใช้ในที่อยู่เว็บไม่ได้ (ช่องว่าง)"),
        ("https://a.example\\b/", "มีอักขระที่ใช้ในที่อยู่เว็บไม่ได้ (\\)"),
        ("https://a.example/'x/", "มีอักขระที่ใช้ในที่อยู่เว็บไม่ได้ (')"),
        ("https://a.example/\u200bx/", "มีอักขระที่ใช้ในที่อยู่เว็บไม่ได้ (U+200B)"),
        ("https://a.example:99999/", "ที่อยู่หรือหมายเลขพอร์ตไม่ถูกต้อง (พอร์ตเป็นตัวเลข 1–65535)"),
        ("https://a_b.example/", "ชื่อโดเมนไม่ถูกต้อง (ใช้ได้เฉพาะอักษร ตัวเลข - และ .)"),
    ],
)
def test_site_url_refused(value: str, reason: str) -> None:
    with pytest.raises(SiteUrlRefused) as refused:
        checked_site_url(value)
    # The value as written (controls as escapes); the reason names an invisible character.
    assert str(refused.value) == f"{reason}{SITE_URL_TAIL} (พบ '{value}')"


@pytest.mark.parametrize(
    ("value", "normalised"),
    [
        ("HTTPS://WWW.Tambon.go.th/ita/", "https://www.tambon.go.th/ita/"),
        ("https://www.tambon.go.th", "https://www.tambon.go.th/"),
        ("http://127.0.0.1:8000/", "http://127.0.0.1:8000/"),
        ("http://[::1]:8000/x", "http://[::1]:8000/x/"),
        (
            "https://a.example/ไอทีเอ/",
            "https://a.example/%E0%B9%84%E0%B8%AD%E0%B8%97%E0%B8%B5%E0%B9%80%E0%B8%AD/",
        ),
        ("https://a.example/a%20b/%zz/{x}/", "https://a.example/a%20b/%25zz/%7Bx%7D/"),
        ("https://เทศบาล.ไทย/", "https://xn--o3cg7ak5c9d.xn--o3cw4h/"),
    ],
)
def test_site_url_accepted_and_normalised(value: str, normalised: str) -> None:
    assert checked_site_url(value) == normalised


def _site_url_config(folder: Path, value: str) -> Path:
    quoted = value.replace("'", "''")
    return derived_config(folder, f"site_url: '{quoted}'\n")


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (HOSTILE, 'มีอักขระที่ใช้ในที่อยู่เว็บไม่ได้ (" < >)'),
        ("javascript:alert(1)", "ต้องขึ้นต้นด้วย https:// หรือ http://"),
    ],
)
def test_hostile_site_url_refused_by_check_build_and_oit(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str], value: str, reason: str
) -> None:
    sample_tree(chdir_tmp / "content")
    _site_url_config(chdir_tmp, value)
    expected = (
        f"mkdocs.yml: site_url: {reason}{SITE_URL_TAIL} (พบ '{value}')\nพบข้อผิดพลาด 1 รายการ\n"
    )
    for argv in (
        ("check",),
        ("build", "--site-dir", "site"),
        ("oit", "2566", "--csv"),
        ("oit", "2566"),
    ):
        code, out, err = run_cli(
            *argv, "--content", "content", "--config", "mkdocs.yml", capsys=capsys
        )
        assert (code, out, err) == (1, "", expected), argv
    assert not (chdir_tmp / "site").exists()


def test_hostile_site_url_refused_by_the_plugin(tmp_path: Path) -> None:
    """``mkdocs build`` and ``mkdocs serve`` go through the plugin only."""
    content = sample_tree(tmp_path / "content")
    message = f"site_url: มีอักขระที่ใช้ในที่อยู่เว็บไม่ได้ (\" < >){SITE_URL_TAIL} (พบ '{HOSTILE}')"
    with pytest.raises(PluginError) as raised:
        _plugin("build").on_config(_mkdocs(content, tmp_path / "site", site_url=HOSTILE))
    assert str(raised.value) == message
    assert not (tmp_path / "site").exists()
    serving = _plugin("serve")
    try:
        config = serving.on_config(_mkdocs(content, tmp_path / "site", site_url=HOSTILE))
    finally:
        serving.on_shutdown()
    assert config.site_url is None
    assert config.nav == [{"ข้อผิดพลาด": "index.md"}]
    assert "&lt;script&gt;" in serving.plan.pages[0].markdown
    assert "<script>" not in serving.plan.pages[0].markdown


@pytest.mark.slow
def test_upper_case_site_url_builds_correct_canonical_links(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample_tree(chdir_tmp / "content")
    _site_url_config(chdir_tmp, "HTTPS://WWW.Tambon.go.th/ita/")
    code, _, err = run_cli(
        "build",
        "--content",
        "content",
        "--config",
        "mkdocs.yml",
        "--site-dir",
        "site",
        capsys=capsys,
    )
    assert code == 0, err
    site = chdir_tmp / "site"
    assert '<link rel="canonical" href="https://www.tambon.go.th/ita/">' in page_html(site, "/")
    assert '<link rel="canonical" href="https://www.tambon.go.th/ita/2566/measures/1/">' in (
        page_html(site, "/2566/measures/1/")
    )
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://www.tambon.go.th/ita/2566/measures/1/</loc>" in sitemap
    assert "WWW.Tambon" not in sitemap
    csv = (site / "data/2566-oit.csv").read_text(encoding="utf-8-sig")
    assert "https://www.tambon.go.th/ita/2566/pages/no-gift/" in csv
    code, out, _ = run_cli(
        "oit", "2566", "--csv", "--content", "content", "--config", "mkdocs.yml", capsys=capsys
    )
    assert code == 0
    assert "https://www.tambon.go.th/ita/2566/pages/no-gift/" in out


@pytest.mark.slow
def test_thai_sub_path_is_percent_encoded_in_the_pages(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample_tree(chdir_tmp / "content")
    _site_url_config(chdir_tmp, "https://www.tambon.go.th/ไอทีเอ/")
    code, _, err = run_cli(
        "build",
        "--content",
        "content",
        "--config",
        "mkdocs.yml",
        "--site-dir",
        "site",
        capsys=capsys,
    )
    assert code == 0, err
    index = page_html(chdir_tmp / "site", "/")
    canonical = re.search(r'<link rel="canonical" href="([^"]*)">', index)
    assert canonical is not None
    assert (
        canonical.group(1)
        == "https://www.tambon.go.th/%E0%B9%84%E0%B8%AD%E0%B8%97%E0%B8%B5%E0%B9%80%E0%B8%AD/"
    )


# -- one reader of mkdocs.yml -----------------------------------------------------------


def test_attachment_limit_of_an_inherited_config_is_enforced_by_check(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = sample_tree(chdir_tmp / "content")
    (content / "2566/files/ใหญ่.pdf").write_bytes(PDF + b"0" * (2 * 1024 * 1024))
    derived_config(chdir_tmp, "plugins:\n  - search: {lang: en}\n  - ita: {max_attachment_mb: 1}\n")
    expected = [
        "content/2566/files/ใหญ่.pdf: ไฟล์ใหญ่เกินไป (2.0 MB เกินกำหนด 1.0 MB): "
        "ให้ลดขนาดไฟล์ เช่น สแกนที่ 150 dpi ขาวดำ หรือแบ่งเป็นหลายไฟล์",
        "พบข้อผิดพลาด 1 รายการ คำเตือน 1 รายการ",
    ]
    for argv in (("check",), ("build", "--site-dir", "site"), ("oit", "2566")):
        code, out, err = run_cli(
            *argv, "--content", "content", "--config", "mkdocs.yml", capsys=capsys
        )
        lines = [line for line in err.splitlines() if "frameworks/2567.yml: คำเตือน" not in line]
        assert (code, out, lines) == (1, "", expected), argv
    assert not (chdir_tmp / "site").exists()
    # The project's own mkdocs.yml (20 MB) takes it.
    code, _, err = run_cli(
        "check", "--content", "content", "--config", str(ROOT / "mkdocs.yml"), capsys=capsys
    )
    assert code == 0, err


@pytest.mark.parametrize("value", ["big", "0", "-5", "yes"])
def test_attachment_limit_must_be_whole_megabytes(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    sample_tree(chdir_tmp / "content")
    derived_config(
        chdir_tmp, f"plugins:\n  - search: {{lang: en}}\n  - ita: {{max_attachment_mb: {value}}}\n"
    )
    code, out, err = run_cli(
        "check", "--content", "content", "--config", "mkdocs.yml", capsys=capsys
    )
    assert (code, out) == (1, "")
    found = {"big": "'big'", "yes": "True"}.get(value, value)
    assert err == (
        "mkdocs.yml: ใช้ไฟล์ตั้งค่า MkDocs ไม่ได้ (Config value 'plugins': Plugin 'ita' option "
        f"'max_attachment_mb': ต้องเป็นจำนวนเต็มตั้งแต่ 1 ขึ้นไป หน่วยเมกะไบต์ เช่น 20 (พบ {found})): "
        "แก้ให้เป็น YAML ที่ถูกต้อง และใช้ชื่อและค่าตามตัวอย่างใน mkdocs.yml ของโครงการ\n"
        "พบข้อผิดพลาด 1 รายการ\n"
    )


def test_missing_or_broken_config_is_a_thai_message(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample_tree(chdir_tmp / "content")
    for command in ("check", "build", "serve", "generate", "new-year", "oit"):
        extra = {"generate": ["--out", "out"], "new-year": ["2568"], "oit": ["2566"]}.get(
            command, []
        )
        code, out, err = run_cli(
            command, *extra, "--content", "content", "--config", "none.yml", capsys=capsys
        )
        assert (code, out) == (1, ""), command
        assert err.startswith(
            "none.yml: ไม่พบไฟล์ตั้งค่า MkDocs: ระบุไฟล์ด้วย --config เช่น --config mkdocs.yml "
            "หรือเรียกคำสั่งในโฟลเดอร์ที่มีไฟล์ mkdocs.yml\nพบข้อผิดพลาด 1 รายการ\n"
        ), command
    (chdir_tmp / "broken.yml").write_text("site_name: x\nplugins: [ita\n", encoding="utf-8")
    code, out, err = run_cli(
        "check", "--content", "content", "--config", "broken.yml", capsys=capsys
    )
    assert (code, out) == (1, "")
    assert err.startswith("broken.yml:3: ใช้ไฟล์ตั้งค่า MkDocs ไม่ได้ (MkDocs encountered an error")
    assert err.endswith(
        "): แก้ให้เป็น YAML ที่ถูกต้อง และใช้ชื่อและค่าตามตัวอย่างใน mkdocs.yml ของโครงการ\n"
        "พบข้อผิดพลาด 1 รายการ\n"
    )
    assert "Traceback" not in err
    (chdir_tmp / "child.yml").write_text("INHERIT: broken.yml\n", encoding="utf-8")
    code, _, err = run_cli("check", "--content", "content", "--config", "child.yml", capsys=capsys)
    assert code == 1
    assert err.startswith("broken.yml:3: ")  # the file that is broken, not the one named
    assert not (chdir_tmp / "out").exists()
    assert sorted(p.name for p in (chdir_tmp / "content").iterdir()) == ["2566", "2567", "site.yml"]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["new-year", "abc"], "site-builder new-year: คำสั่งไม่ถูกต้อง: YEAR ต้องเป็นตัวเลข (พบ 'abc')"),
        (["chek"], "site-builder: คำสั่งไม่ถูกต้อง: ไม่มีคำสั่ง 'chek' (มี: 'check', "),
        (["build", "--bogus"], "site-builder: คำสั่งไม่ถูกต้อง: ไม่รู้จัก --bogus"),
        (["oit"], "site-builder oit: คำสั่งไม่ถูกต้อง: ต้องระบุ YEAR"),
        (["serve", "-a"], "site-builder serve: คำสั่งไม่ถูกต้อง: -a/--dev-addr ต้องตามด้วยค่า"),
    ],
)
def test_usage_errors_are_thai(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        cli.main(argv)
    assert stop.value.code == 2
    assert expected in capsys.readouterr().err


def test_oit_report_lines_cannot_forge_ci_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = sample_tree(tmp_path / "content")
    (content / "frameworks").mkdir()
    (content / "frameworks/2566.yml").write_text(
        'oit:\n  - {code: O31, name: "ประกาศ\\n::error::forged", sub: "10.1"}\n', encoding="utf-8"
    )
    code = cli.main(["oit", "2566", "--content", str(content)])
    out = capsys.readouterr().out
    assert code == 0
    assert "ประกาศ\\n::error::forged" in out
    assert not [line for line in out.splitlines() if line.startswith("::")]


@pytest.mark.parametrize("name", ["content/site.yml", "notes.json", "content"])
def test_the_code_quality_path_from_the_environment_never_overwrites_a_file(
    chdir_tmp: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
) -> None:
    content = sample_tree(chdir_tmp / "content")
    (chdir_tmp / "notes.json").write_text('{"mine": true}\n', encoding="utf-8")
    before = {p: p.read_bytes() for p in chdir_tmp.rglob("*") if p.is_file()}
    monkeypatch.setenv("GITLAB_CI", "true")
    monkeypatch.setenv("SITE_BUILDER_CODE_QUALITY", name)
    code, _, err = run_cli("check", "--content", str(content), capsys=capsys)
    assert code == 0
    assert f"{name}: ไม่เขียนรายงาน Code Quality:" in err
    assert {p: p.read_bytes() for p in chdir_tmp.rglob("*") if p.is_file()} == before


def test_the_code_quality_report_replaces_its_own(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    content = sample_tree(chdir_tmp / "content")
    monkeypatch.setenv("GITLAB_CI", "true")
    (content / "2566/measures.yml").write_text("measures: [{no: x}]\n", encoding="utf-8")
    assert run_cli("check", "--content", str(content), capsys=capsys)[0] == 1
    report = chdir_tmp / "gl-code-quality-report.json"
    assert report.read_text(encoding="utf-8").count('"check_name": "site-builder"') >= 1
    sample_tree(chdir_tmp / "fresh")
    assert run_cli("check", "--content", str(chdir_tmp / "fresh"), capsys=capsys)[0] == 0
    assert '"severity": "major"' not in report.read_text(encoding="utf-8")  # warnings only
