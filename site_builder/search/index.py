"""Material's search index, rewritten for Thai.

:func:`index_json` takes the index as Material writes it and gives back the site's
JSON: every title and text segmented, the index's separator set to
:data:`SEPARATOR`, Material's fields kept (the worker, ``worker.js``, searches the
segmented text itself, both digit forms included). Nothing is read or written
here: :func:`site_builder.search.install` and ``site_builder.indexing`` do that.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .segment import SEPARATOR, Segmenter

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

_COMPACT = (",", ":")


def _segmented(doc: Mapping[str, Any], segmenter: Segmenter) -> dict[str, Any]:
    """A new document: ``doc`` with its ``title`` and ``text`` (when strings) segmented."""
    doc = dict(doc)
    for key in ("title", "text"):
        if isinstance(doc.get(key), str):
            doc[key] = segmenter.segment(doc[key])
    return doc


def index_json(
    config: Mapping[str, Any], docs: Sequence[Mapping[str, Any]], extra_words: Iterable[str]
) -> str:
    """The site's ``search_index.json``: Material's index of ``config`` and ``docs``
    (as Material writes them: JSON of their values, ``str`` of any other), keys and
    documents in order, each segmented by a :class:`Segmenter` of ``extra_words`` and
    of the words of these texts, in UTF-8 JSON. Built one document at a time: the
    index is never held twice over. ``config`` and ``docs`` are not changed."""
    corpus = [
        doc[key] for doc in docs for key in ("title", "text") if isinstance(doc.get(key), str)
    ]
    segmenter = Segmenter(extra_words, corpus=corpus)
    del corpus
    head = {**_as_json(config), "separator": SEPARATOR}
    pieces = [
        json.dumps(_segmented(_as_json(doc), segmenter), ensure_ascii=False, separators=_COMPACT)
        for doc in docs
    ]
    head_json = json.dumps(head, ensure_ascii=False, separators=_COMPACT)
    return '{"config":' + head_json + ',"docs":[' + ",".join(pieces) + "]}"


def _as_json(value: Mapping[str, Any]) -> dict[str, Any]:
    """``value`` as Material's JSON holds it (``json.dumps(default=str)`` read back)."""
    loaded: dict[str, Any] = json.loads(json.dumps(value, default=str))
    return loaded
