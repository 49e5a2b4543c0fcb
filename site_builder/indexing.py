"""Material's search index, its pages read by :func:`site_builder.search.sections`
and, for Thai search, written segmented.

Material's search plugin reads every page's HTML with ``HTMLParser`` to find its
sections. :func:`section_index` gives the plugin an index of the same class whose
pages are read by the faster reader, which finds the same sections and falls back
to Material's own parser for any page it does not read. Given the words of Thai
search, the index writes itself as :func:`site_builder.search.install` would
rewrite Material's file (:func:`site_builder.search.index_json`), so the index is
not written, read back and written again (at 950 pages, 67 MB of escaped JSON held
twice). Only for the Material release this was checked against (:data:`CHECKED`):
with another, the plugin keeps its own index and the file is rewritten after it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import material
from material.plugins.search import plugin as material_search

from .search import index_json
from .search.sections import sections

if TYPE_CHECKING:
    from collections.abc import Iterable

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

CHECKED = "9.8.1"
"""The Material release whose ``Parser`` :func:`~site_builder.search.sections.sections`
was compared with (``tests/test_search_sections.py``)."""


class SectionIndex(material_search.SearchIndex):  # type: ignore[misc]  # Material has no types
    """Material's ``SearchIndex``, its pages divided into sections by the faster reader."""

    entries: list[dict[str, Any]]  # Material's, set in its __init__
    thai_words: Iterable[str] | None = None
    """Set by the ita plugin for Thai search: the names to keep whole. The index is
    then written segmented (:func:`~site_builder.search.index_json`)."""

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

    def generate_search_index(self, prev: Any) -> str:
        """The index's JSON: Material's, or with :attr:`thai_words` the site's Thai one."""
        if self.thai_words is None:
            return str(super().generate_search_index(prev))
        # Material's merge for a dirty reload (see its generate_search_index): the
        # entries of the page rebuilt replace that page's earlier ones.
        if prev and self.entries:
            path = self.entries[0]["location"]
            kept = [entry for entry in prev.entries if not entry["location"].startswith(path)]
            self.entries = kept + self.entries
        if prev and not self.entries:
            self.entries = prev.entries
        config = {key: self.config[key] for key in ("lang", "separator", "pipeline", "fields")}
        return index_json(config, self.entries, self.thai_words)


def section_index(config: MkDocsConfig, thai_words: Iterable[str] | None) -> bool:
    """Give Material's search plugin, when it is in ``config``, a :class:`SectionIndex`
    in place of the index it made in ``on_config`` (still empty: call before the
    build), writing the Thai index with ``thai_words`` unless they are None; False when
    the plugin keeps its own index."""
    if material.__version__ != CHECKED:
        return False
    for plugin in config.plugins.values():
        if isinstance(plugin, material_search.SearchPlugin) and hasattr(plugin, "search_index"):
            index: Any = plugin.search_index
            if type(index) is material_search.SearchIndex and not index.entries:
                plugin.search_index = SectionIndex(**index.config)
                plugin.search_index.thai_words = thai_words
                return True
    return False
