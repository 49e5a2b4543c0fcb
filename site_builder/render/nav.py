"""The site's navigation, folded from the same page list the pages are rendered from.

MkDocs reads a navigation as nested lists of ``{label: path}`` entries and bare paths
(a bare path takes the page's own title); :func:`navigation` builds exactly that from
:class:`~site_builder.render.pages.PageSpec` values, keeping their order: a section appears
where its first page is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .pages import PageSpec

NavItem = dict[str, Any] | str
"""One entry of a MkDocs navigation: ``{label: path}``, ``{section: [entries]}`` or a path."""


def navigation(specs: Iterable[PageSpec]) -> list[NavItem]:
    """The navigation of the pages that have a :attr:`~PageSpec.section`, in their order."""
    top: list[NavItem] = []
    sections: dict[tuple[str, ...], list[NavItem]] = {(): top}
    for spec in specs:
        if spec.section is None:
            continue
        entries = _section(sections, spec.section)
        entries.append(spec.path if spec.nav_title is None else {spec.nav_title: spec.path})
    return top


def _section(sections: dict[tuple[str, ...], list[NavItem]], at: tuple[str, ...]) -> list[NavItem]:
    """The entries of section ``at``, created (with its parents) where first needed."""
    if at not in sections:
        entries: list[NavItem] = []
        _section(sections, at[:-1]).append({at[-1]: entries})
        sections[at] = entries
    return sections[at]
