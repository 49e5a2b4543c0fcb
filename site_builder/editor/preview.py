"""The preview of ``site-builder edit``: MkDocs' server with the editor's backend and
the editor's own files beside the site."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .backend import API_PATH

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from pathlib import Path

    from .backend import Backend, StartResponse, Wsgi

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".yml": "text/yaml; charset=utf-8",
    ".wasm": "application/wasm",
}
_ADMIN_FILE = re.compile(r"/admin/([A-Za-z0-9][A-Za-z0-9._-]*)?")


def mounted(site: Callable[..., Iterable[bytes]], api: Backend, built: Path) -> Wsgi:
    """The preview's WSGI application with the backend at :data:`API_PATH`, and the
    editor's own files (``/admin/`` of the site ``built``) served as they are: the
    preview's reload script, which MkDocs puts into every page, would reload the editor
    after every save and lose what is being typed."""

    def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == API_PATH:
            return api(environ, start_response)
        match = _ADMIN_FILE.fullmatch(path)
        if match:
            file = built / "admin" / (match.group(1) or "index.html")
            kind = _TYPES.get(file.suffix)
            if kind and file.is_file() and not file.is_symlink():
                data = file.read_bytes()
                start_response(
                    "200 OK",
                    [
                        ("Content-Type", kind),
                        ("Content-Length", str(len(data))),
                        ("Cache-Control", "no-cache"),
                    ],
                )
                return [data]
        return site(environ, start_response)

    return application
