"""Links inside free pages that point into the site itself, checked offline.

MkDocs only warns about a missing page once it builds (in English, and a strict
build then fails); :func:`dead_links` finds the same links first, from the site
plan, so that ``check`` refuses them in Thai with the file and line.
"""

from __future__ import annotations

import posixpath
import re
import urllib.parse
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from . import paths
from .errors import Problem
from .markup import render_page

if TYPE_CHECKING:
    from .tree import Content

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and ((tag == "a" and name == "href") or (tag == "img" and name == "src")):
                self.targets.append(value)


def _local(target: str) -> str | None:
    """The path part of a link into the site, or None for other links."""
    if _SCHEME.match(target) or target.startswith(("#", "/", "//")):
        return None
    path = urllib.parse.unquote(target.split("#", 1)[0].split("?", 1)[0])
    return path or None


def _found(path: str, source_dir: str, url_dir: str, site_paths: set[str]) -> bool:
    """MkDocs looks a relative link up by source path first; a link it does not know
    (not ``.md``) is left to the browser, which resolves it against the page's URL."""
    by_source = posixpath.normpath(posixpath.join(source_dir, path))
    if by_source in site_paths:
        return True
    if path.endswith(".md"):
        return False
    by_url = posixpath.normpath(posixpath.join(url_dir, path))
    if by_url.startswith("../"):
        return False
    stem = "" if by_url == "." else by_url.rstrip("/")
    pages = {f"{stem}.md", f"{stem}/index.md"} if stem else {"index.md"}
    if by_url.endswith("/index.html"):
        pages.add(by_url[: -len("html")] + "md")
    return by_url in site_paths or bool(pages & site_paths)


def dead_links(content: Content, site_paths: set[str]) -> list[Problem]:
    """Every relative link of every free page whose target is not in ``site_paths``
    (the plan's page sources ``2566/analysis.md``, attachments and extra files)."""
    problems = []
    for year in content.years:
        for page in year.pages:
            here = paths.pages_folder(year.year)
            parser = _Links()
            parser.feed(render_page(page.body))
            lines = page.source.path.read_text(encoding="utf-8-sig").splitlines()
            for target in dict.fromkeys(parser.targets):
                path = _local(target)
                if path is None:
                    continue
                if not _found(
                    path, here, paths.page_url(paths.page(year.year, page.slug)), site_paths
                ):
                    line = next((i for i, row in enumerate(lines, 1) if target in row), 0)
                    problems.append(
                        Problem(
                            page.source.shown,
                            line,
                            "",
                            f"ลิงก์ '{target}' ชี้ไปยังหน้าหรือไฟล์ที่ไม่มีในเว็บไซต์: "
                            "ลิงก์ไปหน้าอื่นให้เขียนตามไฟล์ เช่น ../analysis.md หรือ "
                            "../measures/index.md ลิงก์ไปไฟล์แนบ เช่น ../files/ชื่อไฟล์.pdf",
                        )
                    )
    return problems
