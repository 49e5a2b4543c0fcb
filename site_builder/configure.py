"""The package's defaults (:mod:`site_builder.defaults`) applied to a loaded MkDocs
configuration, by the ``ita`` plugin before any other plugin sees it.

A setting is filled in only where the configuration still holds Material's or MkDocs'
own default, so whatever a municipality writes in its ``mkdocs.yml`` wins; the
package's theme directory goes after the municipality's own ``custom_dir`` and before
Material's, so an override of theirs still overrides ours.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.theme import Theme

from . import defaults

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


_OPTIONS = ("language", "font", "features", "palette")


@functools.cache
def _material_defaults() -> dict[str, Any]:
    """Material's own values of the options the package sets (from its theme file)."""
    theme = Theme(name="material")
    return {key: theme[key] for key in _OPTIONS if key in theme}


def apply_defaults(config: MkDocsConfig) -> None:
    """Fill ``config`` in from :mod:`site_builder.defaults`; raises ``PluginError`` (in
    Thai) when the theme is not Material, which the search and the templates need."""
    theme = config.theme
    if theme.name != defaults.THEME:
        raise PluginError(defaults.theme_refusal(str(theme.name)))
    pristine = _material_defaults()
    for key, value in (
        ("language", defaults.LANGUAGE),
        ("font", defaults.FONT),
        ("features", list(defaults.FEATURES)),
        ("palette", [dict(p) for p in defaults.PALETTE]),
    ):
        if key not in theme or theme[key] == pristine.get(key):
            theme[key] = value
    theme_dir = str(defaults.THEME_DIR)
    if theme_dir not in theme.dirs:
        theme.dirs.insert(1 if theme.custom_dir else 0, theme_dir)
    if defaults.EXTRA_CSS not in config.extra_css:
        config.extra_css.insert(0, defaults.EXTRA_CSS)
    for name, options in defaults.MARKDOWN_EXTENSIONS.items():
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
        configured = config.mdx_configs.setdefault(name, {})
        for option, value in options.items():
            configured.setdefault(option, value)
    for name, plugin in config.plugins.items():
        if name.split("/")[-1] == "search" and not plugin.config.get("lang"):
            plugin.config["lang"] = list(defaults.SEARCH_LANGUAGE)
