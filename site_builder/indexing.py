"""Material's search index, its pages read by :func:`site_builder.search.sections`.

Material's search plugin reads every page's HTML with ``HTMLParser`` to find its
sections. :func:`read_sections_faster` gives the plugin an index of the same class
whose pages are read by the faster reader, which finds the same sections and falls
back to Material's own parser for any page it does not read. Only for the Material
release the reader was checked against (:data:`CHECKED`): with another, the plugin
keeps its own index.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import material
from material.plugins.search import plugin as material_search

from .search.sections import sections

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

CHECKED = "9.8.1"
"""The Material release whose ``Parser`` :func:`~site_builder.search.sections.sections`
was compared with (``tests/test_search_sections.py``)."""


class SectionIndex(material_search.SearchIndex):  # type: ignore[misc]  # Material has no types
    """Material's ``SearchIndex``, its pages divided into sections by the faster reader."""

    def add_entry_from_context(self, page: Page) -> None:
        """Add ``page``'s sections as Material does (its ``search: exclude`` respected)."""
        search = page.meta.get("search") or {}
        if search.get("exclude"):
            return
        found = sections(page.content) if isinstance(page.content, str) else None
        if found is None:
            super().add_entry_from_context(page)
            return
        for read in found:
            section = material_search.Section(material_search.Element(read.tag), read.depth)
            section.id, section.title, section.text = read.id, read.title, read.text
            self.create_entry_for_section(section, page.toc, page.url, page)


def read_sections_faster(config: MkDocsConfig) -> None:
    """Give Material's search plugin, when it is in ``config``, a :class:`SectionIndex`
    in place of the index it made in ``on_config`` (still empty: call before the build)."""
    if material.__version__ != CHECKED:
        return
    for plugin in config.plugins.values():
        if isinstance(plugin, material_search.SearchPlugin) and hasattr(plugin, "search_index"):
            index: Any = plugin.search_index
            if type(index) is material_search.SearchIndex and not index.entries:
                plugin.search_index = SectionIndex(**index.config)
