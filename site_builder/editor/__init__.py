"""The form editor at ``/admin/``: Decap CMS, configured from the models, on the site's origin.

:func:`write_admin` puts it into a built site: the editor's page, its configuration
(:mod:`.config`, generated from the models and the content tree), the text-only YAML
format (``ita-cms.js``) and the editor's scripts from the npm registry
(:mod:`.vendor`).  The local backend that ``site-builder edit`` serves is
:mod:`.backend`.

The configuration is made from the folder itself, read leniently, not from the
validated content: content with errors is what staff most need the editor for.
"""

from __future__ import annotations

import html
import json
import shutil
import urllib.parse
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..filesystem import entries
from ..format import framework as fw
from ..format.yamlio import YamlProblem, parse, read_text
from ..tree import YEAR_DIR, YEARS
from . import backend as local_backend
from . import vendor
from .collections import Backend, configuration, dump
from .config import Choices, YearLayout, shapes

if TYPE_CHECKING:
    from pathlib import Path

    from ..format.models import EditorSettings
    from ..format.yamlio import Document

__all__ = ["Backend", "layouts", "published", "write_admin", "write_for"]

ADMIN = "admin"
"""The editor's folder in the site."""


def _document(path: Path) -> Document | None:
    """A content file as parsed, or None when it is missing or does not parse."""
    try:
        document, problems = parse(read_text(path))
    except (OSError, UnicodeDecodeError, YamlProblem):
        return None
    return None if problems else document


def _data(path: Path) -> Any:
    """A content file's data, or None when it is missing or does not parse."""
    document = _document(path)
    return document.data if document else None


def _catalogues(root: Path) -> dict[int, fw.Framework]:
    overrides = []
    folder = root / "frameworks"
    if folder.is_dir():
        for path in entries(folder, root)[0]:
            if path.suffix == ".yml" and YEAR_DIR.match(path.stem):
                document = _document(path)
                if document and isinstance(document.data, dict):
                    overrides.append((int(path.stem), document, path.name))
    return fw.catalogues(overrides)[0]


def _choices(root: Path, year: int, frameworks: dict[int, fw.Framework]) -> Choices:
    analysis = _data(root / str(year) / "analysis.yml")
    assessed = year - 1
    if isinstance(analysis, dict) and str(analysis.get("assessment_year", "")).isdigit():
        assessed = int(analysis["assessment_year"])
    indicators = fw.nearest(frameworks, assessed)
    oit = frameworks.get(year) or fw.nearest(frameworks, year)
    measures_data = _data(root / str(year) / "measures.yml")
    measures: list[tuple[str, str]] = []
    if isinstance(measures_data, dict) and isinstance(measures_data.get("measures"), list):
        for m in measures_data["measures"]:
            if isinstance(m, dict) and isinstance(m.get("no"), str):
                title = m.get("title")
                measures.append((m["no"], title[:80] if isinstance(title, str) else ""))
    tools: list[str] = []
    if indicators:
        tools = [t.key for t in indicators.tools]
        tools += sorted({i.tool for i in indicators.indicators} - set(tools))
    return Choices(
        indicators=tuple((str(i.no), i.name) for i in indicators.indicators) if indicators else (),
        oit=tuple((i.code, i.name) for i in oit.oit) if oit else (),
        measures=tuple(measures),
        tools=tuple(tools),
    )


def layouts(root: Path) -> list[YearLayout]:
    """The year folders of the content tree ``root`` with their pick-lists."""
    frameworks = _catalogues(root)
    result = []
    for path in entries(root, root)[0] if root.is_dir() else []:
        if path.is_dir() and YEAR_DIR.match(path.name) and int(path.name) in YEARS:
            result.append(YearLayout(int(path.name), _choices(root, int(path.name), frameworks)))
    return result


def published(settings: EditorSettings) -> Backend:
    """The backend of the published site's editor from ``site.yml``'s ``editor:``:
    GitHub, or GitLab signing in from the browser (PKCE) when it names its application."""
    options = {"repo": settings.repo, "branch": settings.branch}
    if settings.backend == "gitlab" and settings.app_id:
        options.update(auth_type="pkce", app_id=settings.app_id)
    for key in ("api_root", "base_url", "auth_endpoint"):
        value = getattr(settings, key)
        if value:
            options[key] = value
    return Backend(settings.backend, options)


def site_name(root: Path) -> str:
    """The organisation's name from ``site.yml`` (empty when it cannot be read)."""
    data = _data(root / "site.yml")
    org = data.get("organization") if isinstance(data, dict) else None
    name = org.get("name") if isinstance(org, dict) else None
    return name if isinstance(name, str) else ""


_PAGE = """<!doctype html>
<html lang="th">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>แก้ไขเนื้อหา ITA {name}</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
<script src="ita-shapes.js"></script>
<script src="ita-cms.js"></script>
<script src="js-yaml.min.js"></script>
<script src="decap-cms.js"></script>
</body>
</html>
"""


def write_admin(
    site_dir: Path, root: Path, backend: Backend, folder: str, site_url: str = "/"
) -> None:
    """Write the editor into ``site_dir/admin/`` for the content tree ``root``, kept in
    the repository's ``folder``, saving through ``backend``, linking the site at
    ``site_url`` (raises :class:`vendor.VendorError` when its scripts cannot be had)."""
    scripts = vendor.shipped_files()
    target = site_dir / ADMIN
    target.mkdir(parents=True, exist_ok=True)
    name = site_name(root)
    settings = configuration(backend, folder, layouts(root), site_url)
    (target / "config.yml").write_text(dump(settings), encoding="utf-8")
    (target / "index.html").write_text(_PAGE.format(name=html.escape(name)), encoding="utf-8")
    (target / "ita-shapes.js").write_text(
        "// Generated by site-builder from the content format's models.\n"
        f"window.ItaShapes = {json.dumps(shapes(), ensure_ascii=False, sort_keys=True)};\n",
        encoding="utf-8",
    )
    own = resources.files(__package__).joinpath("ita-cms.js").read_text(encoding="utf-8")
    (target / "ita-cms.js").write_text(own, encoding="utf-8")
    for file_name, source in scripts.items():
        shutil.copyfile(source, target / file_name)


def write_for(
    site_dir: Path,
    root: Path,
    *,
    local: bool,
    settings: EditorSettings | None,
    site_url: str | None = None,
) -> None:
    """The form editor of a build, if it has one: saving into the content folder
    through the preview's backend (``local``: ``site-builder edit``), else, when
    site.yml switches it on (``settings``), to its repository. It links the site at
    ``site_url`` (the preview at that address's path, where MkDocs serves it)."""
    if local:
        backend = Backend("proxy", {"proxy_url": local_backend.API_PATH})
        path = urllib.parse.urlsplit(site_url or "/").path or "/"
        write_admin(site_dir, root, backend, local_backend.FOLDER, path)
    elif settings is not None:
        write_admin(site_dir, root, published(settings), settings.folder, site_url or "/")
