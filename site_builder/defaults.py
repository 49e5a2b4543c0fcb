"""What every site gets without writing it in ``mkdocs.yml``: the theme's overrides, the
stylesheet and fonts, Material's options, the Markdown extensions, the search settings.

A municipality's ``mkdocs.yml`` is a few lines (``theme: {name: material}`` and the
plugins ``search`` and ``ita``) or none at all (``site-builder`` then uses
:data:`BUILTIN_CONFIG`); the ``ita`` plugin applies these defaults in ``on_config``
wherever the configuration left Material's or MkDocs' own default in place, so any of
them can still be set, including a ``custom_dir`` of the municipality's own, which
comes before :data:`THEME_DIR`.  Nothing here imports MkDocs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .markup import slugify

PACKAGE_DIR = Path(__file__).resolve().parent

THEME_DIR = PACKAGE_DIR / "theme"
"""Material overrides shipped with the package: the footer partial, ``assets/ita.css``
and the self-hosted Sarabun font (SIL OFL, ``assets/fonts/OFL.txt``)."""

BUILTIN_CONFIG = PACKAGE_DIR / "mkdocs.yml"
"""The configuration ``site-builder`` uses when the project has no ``mkdocs.yml``."""

THEME = "material"
"""The only theme the package builds with: its search worker and templates are Material's."""


def theme_refusal(name: str) -> str:
    """The Thai message for a configuration whose theme is ``name``, not Material."""
    return f"ธีมของเว็บไซต์ต้องเป็น Material (พบ '{name}'): ใน mkdocs.yml เขียน theme: {{name: material}}"


LANGUAGE = "th"
"""The site's language; a configuration that sets another (not Material's default ``en``) keeps it."""

FONT = False
"""No web font from another host: Sarabun is self-hosted by :data:`THEME_DIR`."""

FEATURES = (
    "navigation.prune",
    "navigation.indexes",
    "navigation.top",
    "navigation.footer",
    "search.highlight",
    "content.tooltips",
)

PALETTE = (
    {
        "media": "(prefers-color-scheme)",
        "toggle": {"icon": "material/brightness-auto", "name": "สลับเป็นโหมดสว่าง"},
    },
    {
        "media": "(prefers-color-scheme: light)",
        "scheme": "default",
        "primary": "indigo",
        "toggle": {"icon": "material/brightness-7", "name": "สลับเป็นโหมดมืด"},
    },
    {
        "media": "(prefers-color-scheme: dark)",
        "scheme": "slate",
        "primary": "indigo",
        "toggle": {"icon": "material/brightness-4", "name": "สลับตามระบบ"},
    },
)
"""Light, dark, or as the reader's system says, with Thai names on the toggle."""

EXTRA_CSS = "assets/ita.css"

MARKDOWN_EXTENSIONS: dict[str, dict[str, Any]] = {
    "tables": {},
    "attr_list": {},
    "md_in_html": {},
    "toc": {"permalink": True, "slugify": slugify},
    "admonition": {},
}
"""Extension -> its options; an option the configuration sets itself is kept."""

SEARCH_LANGUAGE = ["en"]
"""Material's search pipeline language: lunr has no Thai stemmer, and the ``ita``
plugin segments Thai itself (README, "Search in Thai")."""
