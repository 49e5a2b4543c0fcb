"""Material's search index, rewritten for Thai.

:func:`rewrite_index` takes the index as Material wrote it and gives it back with
every title and text segmented, the index's separator set to :data:`SEPARATOR`,
and the hidden field :data:`ALIAS_FIELD` registered and filled. Nothing is read or
written here: :func:`site_builder.search.install` does the files.
"""

from __future__ import annotations

from typing import Any

from .segment import SEPARATOR, Segmenter

ALIAS_FIELD = "alias"
"""The hidden field of each index document: compound parts and numbers in the
other digit form (:meth:`Segmenter.aliases`). Search finds it; pages never show it."""

ALIAS_BOOST = 0.5
"""The weight of :data:`ALIAS_FIELD` (Material's own: title 1000, text 1): a page
found through a hidden term ranks below one found through its visible text."""


def rewrite_index(index: dict[str, Any], segmenter: Segmenter) -> dict[str, Any]:
    """A new index: ``index``'s keys and documents in the same order, each
    document's ``title`` and ``text`` (when strings) segmented, ``alias`` added
    where it has aliases; ``config.separator`` replaced and ``config.fields``
    (Material's, or its default) extended with the hidden field. ``index`` is not
    changed."""
    config = dict(index.get("config", {}))
    config["separator"] = SEPARATOR
    # Material's own default, for an index that does not list its fields.
    fields = dict(config.get("fields") or {"title": {"boost": 1000.0}, "text": {"boost": 1.0}})
    fields[ALIAS_FIELD] = {"boost": ALIAS_BOOST}
    config["fields"] = fields
    docs: list[dict[str, Any]] = []
    for doc in index.get("docs", []):
        doc = dict(doc)
        for key in ("title", "text"):
            if isinstance(doc.get(key), str):
                doc[key] = segmenter.segment(doc[key])
        aliases = segmenter.aliases(f"{doc.get('title', '')} {doc.get('text', '')}")
        if aliases:
            doc[ALIAS_FIELD] = " ".join(aliases)
        docs.append(doc)
    return {**index, "config": config, "docs": docs}
