"""Plain helpers the tests import (``from helpers import …``): write content trees, run the
real CLI, read the built HTML, talk to a server on loopback. Fixtures and hooks live in
conftest.py, which pytest loads by itself and which is not imported as a module."""

from __future__ import annotations

import html
import re
import shutil
import socket
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest

from site_builder import cli

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
# The browser tier's tools (conftest skips its tests when they are missing).
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``{relative path: text}`` under ``root``; text is dedented."""
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(textwrap.dedent(data).lstrip("\n"), encoding="utf-8")
    return root


def run_cli(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def build(
    content: Path,
    site: Path,
    capsys: pytest.CaptureFixture[str],
    config: Path = ROOT / "mkdocs.yml",
) -> Path:
    """Build with the real CLI; a failure shows what the CLI printed."""
    code, _, err = run_cli(
        "build",
        "--content",
        str(content),
        "--site-dir",
        str(site),
        "--config",
        str(config),
        capsys=capsys,
    )
    assert code == 0, err
    return site


def build_site(content: Path, site: Path, config: Path = ROOT / "mkdocs.yml") -> Path:
    """Build with the real CLI, where no capsys is at hand (module and session fixtures)."""
    argv = ["build", "--content", str(content), "--site-dir", str(site), "--config", str(config)]
    assert cli.main(argv) == 0
    return site


def derived_config(folder: Path, settings: str) -> Path:
    """A municipality's own mkdocs.yml: the project's, inherited, with ``settings``
    (YAML lines) on top."""
    config = folder / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n{settings}",
        encoding="utf-8",
    )
    return config


def page_html(site: Path, url: str) -> str:
    """The HTML file MkDocs wrote for a site URL such as ``/2566/measures/1/``."""
    path = site / url.strip("/") / "index.html" if url.strip("/") else site / "index.html"
    return path.read_text(encoding="utf-8")


def visible_text(document: str) -> str:
    """The text a reader sees in the page's article, whitespace collapsed."""
    match = re.search(r"<article[^>]*>(.*)</article>", document, re.S)
    body = match.group(1) if match else document
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', " ", body, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    return " ".join(html.unescape(body).split())


def page_text(site: Path, url: str) -> str:
    return visible_text(page_html(site, url))


def copy_tree(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (at the moment of asking)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    """The body of a page served on loopback, as text."""
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def wait_for(url: str, needle: str, timeout: float = 30) -> str:
    """The page at ``url`` once it holds ``needle`` (a preview rebuilding); fails after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            last = fetch(url)
            if needle in last:
                return last
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{needle!r} not served at {url}; last page: {visible_text(last)[:300]}")
