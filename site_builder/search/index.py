"""Material's search index, rewritten for Thai.

:func:`rewrite_index` takes the index as Material wrote it and gives it back with
every title and text segmented and the index's separator set to :data:`SEPARATOR`.
Nothing is read or written here: :func:`site_builder.search.install` does the files.
"""

from __future__ import annotations

from typing import Any

from .segment import SEPARATOR, Segmenter


def rewrite_index(index: dict[str, Any], segmenter: Segmenter) -> dict[str, Any]:
    """A new index: ``index``'s keys and documents in the same order, each
    document's ``title`` and ``text`` (when strings) segmented, ``config.separator``
    replaced. Its fields stay Material's: the worker (``worker.js``) searches the
    segmented text itself, both digit forms included. ``index`` is not changed."""
    config = {**index.get("config", {}), "separator": SEPARATOR}
    docs: list[dict[str, Any]] = []
    for doc in index.get("docs", []):
        doc = dict(doc)
        for key in ("title", "text"):
            if isinstance(doc.get(key), str):
                doc[key] = segmenter.segment(doc[key])
        docs.append(doc)
    return {**index, "config": config, "docs": docs}
