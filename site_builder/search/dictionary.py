"""The word lists nlpo3 segments with, loaded once per process.

nlpo3 keeps every dictionary it loads for as long as the process lives: PyThaiNLP's
full list takes about 65 MB.  A build segments one search index, so it loads only the
words that can occur in that index's Thai runs (:func:`occurring`), which segments
that text exactly as the full list does: newmm matches a word only where its letters
are, and a word whose letters are nowhere in the text matches nowhere.  A process
loads at most :data:`MAX_FILTERED` such lists (a preview that rebuilds for hours),
then the full one.
"""

from __future__ import annotations

import functools
import hashlib
import tempfile
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import nlpo3

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

WORD_LIST = "words_th.txt"
"""PyThaiNLP's word list, in ``pythainlp.corpus`` (what its ``thai_words`` reads)."""

FILTERED: set[str] = set()
"""The names of the filtered lists this process has loaded."""
MAX_FILTERED = 4


@functools.cache
def load(words: frozenset[str]) -> str:
    """Load a word list into nlpo3 once per process; its name is its digest."""
    data = "\n".join(sorted(words)) + "\n"
    name = "ita-" + hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]
    with tempfile.TemporaryDirectory(prefix="site-builder-dict-") as tmp:
        path = Path(tmp) / "words.txt"
        path.write_text(data, encoding="utf-8")
        nlpo3.load_dict(str(path), name)
    return name


def dictionary_words() -> Iterator[str]:
    """PyThaiNLP's word list (``pythainlp.corpus.thai_words``), read line by line from
    its file: a build keeps only the words :func:`occurring` in its index, and never
    holds the whole list (about 62,000 words, 15 MB as Python sets)."""
    with resources.files("pythainlp.corpus").joinpath(WORD_LIST).open(encoding="utf-8-sig") as f:
        for line in f:
            word = line.rstrip("\n")
            if word:
                yield word


def grams(runs: Iterable[str]) -> frozenset[str]:
    """Every three letters in a row of ``runs`` (Thai runs, normalised)."""
    found: set[str] = set()
    for run in set(runs):  # an index repeats its runs: each once
        found.update(run[i : i + 3] for i in range(len(run) - 2))
    return frozenset(found)


def occurring(words: Iterable[str], found: frozenset[str]) -> frozenset[str]:
    """The words that may occur in the runs whose :func:`grams` are ``found``: every
    three letters of the word are three letters of a run (a superset of the words
    that occur; words shorter than three letters are all kept)."""
    return frozenset(
        w for w in words if len(w) < 3 or all(w[i : i + 3] in found for i in range(len(w) - 2))
    )


def for_filtered(words: frozenset[str], full: Callable[[], frozenset[str]]) -> str:
    """The name of a list that segments some runs as ``full()`` does, given the words
    ``words`` of ``full()`` :func:`occurring` in them: ``words`` while this process
    has loaded fewer than :data:`MAX_FILTERED` such lists, else ``full()``."""
    if len(FILTERED) >= MAX_FILTERED:
        return load(full())
    name = load(words)
    FILTERED.add(name)
    return name
