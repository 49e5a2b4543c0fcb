"""Thai search in Material's own search index.

Thai is written without spaces between words, and Material's search splits text
only at its separator, so a Thai run between spaces is one search term and a word
inside it is never found. The site's ``search/search_index.json`` is Material's
index rewritten by :func:`index_json` (and only it: page HTML is not touched),
either by Material's search itself (``site_builder.indexing``) or, after Material
has written its file, by :func:`install`:

* every Thai run is segmented (:mod:`.segment`: PyThaiNLP's dictionary run by
  nlpo3, plus domain words and the organisation's own names from
  :func:`content_words`), the words joined with U+200B, and a U+200B also marks
  where a word of two syllables or more begins inside a longer one
  (มี|ประสิทธิภาพ), never before a lone syllable (ประเมิน stays whole);
* the JSON is written as UTF-8 instead of ``\\uXXXX`` escapes.

The browser side (``worker.js``) is put in front of Material's search worker and
answers its messages itself, without building Material's lunr index: a page is
found when its text holds the query as typed (spaces the reader left out, either
digit form) starting where a word starts, and each result shows the passages
that hold it, highlighted.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import TYPE_CHECKING

from .index import index_json
from .segment import DOMAIN_WORDS, SEPARATOR, ZWSP, Segmenter, normalize, other_digits, thai_runs

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from ..tree import Content

__all__ = [
    "DOMAIN_WORDS",
    "SEPARATOR",
    "WORKER_MARK",
    "ZWSP",
    "Segmenter",
    "content_words",
    "index_json",
    "install",
    "normalize",
    "other_digits",
    "patch_workers",
    "thai_runs",
    "worker_script",
]

WORKER_MARK = "/* site-builder: Thai search */"
"""The first characters of a Material search worker :func:`install` has patched."""


def worker_script() -> str:
    """The query side (``worker.js``), run in front of Material's search worker."""
    return resources.files(__package__).joinpath("worker.js").read_text(encoding="utf-8")


def install(site_dir: Path, extra_words: Iterable[str] = ()) -> None:
    """Rewrite ``search/search_index.json`` as Material wrote it (:func:`index_json`)
    and put the query splitter in front of every Material search worker in
    ``site_dir`` (:func:`patch_workers`), segmenting with the names ``extra_words``
    kept whole (:func:`content_words`). Does nothing without an index (the search
    plugin is off)."""
    index_path = site_dir / "search" / "search_index.json"
    if not index_path.is_file():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    _write(index_path, index_json(index.get("config", {}), index.get("docs", []), extra_words))
    del index
    patch_workers(site_dir)


def patch_workers(site_dir: Path) -> None:
    """Put the query splitter (``worker.js``) in front of every Material search worker
    in ``site_dir``; a worker already patched is left as it is."""
    script = worker_script()
    for worker in sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.js")):
        _patch_worker(worker, script)


def _patch_worker(worker: Path, script: str) -> None:
    """Put ``script`` in front of one Material worker, as it is (its comments and
    line ends kept), and move the worker's source map down by as many lines."""
    code = worker.read_text(encoding="utf-8")
    if code.startswith(WORKER_MARK):
        return
    front = f"{WORKER_MARK}\n{script.rstrip()}\n"
    _write(worker, front + code)
    # After the worker: if this fails, the next run sees the mark and leaves the map
    # as Material wrote it (off by the lines in front), never shifted twice.
    _shift_source_map(worker, code, front.count("\n"))


_SOURCE_MAP = re.compile(r"//# sourceMappingURL=([^\s/]+\.map)\s*$")


def _shift_source_map(worker: Path, code: str, lines: int) -> None:
    """Move the mappings of the source map ``code`` names (a file next to the
    worker) down by ``lines`` generated lines: one ``;`` each. Nothing when there is
    none."""
    match = _SOURCE_MAP.search(code)
    source_map = worker.with_name(match.group(1)) if match else None
    if source_map is None or not source_map.is_file():
        return
    data = json.loads(source_map.read_text(encoding="utf-8"))
    if isinstance(data.get("mappings"), str):
        data["mappings"] = ";" * lines + data["mappings"]
        _write(source_map, json.dumps(data))


def _write(path: Path, text: str) -> None:
    """Replace ``path`` at once: a reader (``mkdocs serve``) never sees half a file."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


_TITLES = ("ว่าที่ร้อยตรี", "ว่าที่ร้อยโท", "นางสาว", "นาง", "นาย", "ดร", "จ่าเอก", "สิบเอก")


def content_words(content: Content) -> list[str]:
    """Names from the content that must never be split wrongly, without repeats:
    the organisation, its district and province, the units and people responsible
    for measures and the people signing memos (without นาย/นาง/นางสาว and other
    titles, which the dictionary has). For :class:`Segmenter`'s ``extra_words``."""
    org = content.site.organization
    names: list[str | None] = [org.name, org.district, org.province]
    for year in content.years:
        memos = [year.analysis.memo if year.analysis else None]
        if year.measures:
            memos.append(year.measures.memo)
            for measure in year.measures.measures:
                names += [n for r in measure.responsible for n in (r.unit, r.person)]
        memos += [report.data.memo for report in year.reports]
        for memo in memos:
            if memo:
                names += [memo.unit, *(s.name for s in memo.signatures)]
    words: dict[str, None] = {}
    for name in names:
        for run in thai_runs(normalize(name or "")):
            for title in _TITLES:
                if run.startswith(title) and len(run) > len(title) + 1:
                    run = run[len(title) :]
                    break
            words[run] = None
    return list(words)
