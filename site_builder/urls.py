"""Where MkDocs puts a page, and relative links between pages."""

from __future__ import annotations

import posixpath


def page_url(path: str, directory_urls: bool = True) -> str:
    """The URL (relative to the site root) that MkDocs gives a source path."""
    if not path.endswith(".md"):
        return path
    stem = path[:-3]
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative(here: str, target: str, directory_urls: bool = True) -> str:
    """A relative link from the page at ``here`` to the source path ``target``."""
    here_url = page_url(here, directory_urls)
    base = here_url if here_url.endswith("/") or not here_url else posixpath.dirname(here_url)
    target_url = page_url(target, directory_urls)
    rel = posixpath.relpath(target_url or ".", base.rstrip("/") or ".")
    if target_url.endswith("/") or not target_url:
        rel = rel.rstrip("/") + "/" if rel != "." else "./"
    return rel
