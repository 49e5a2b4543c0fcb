"""Thai words for the search index: where a Thai run is cut, and the hidden terms.

:class:`Segmenter` cuts every Thai run with PyThaiNLP's dictionary run by the Rust
engine (nlpo3), plus :data:`DOMAIN_WORDS` and the organisation's own names, and
joins the words with :data:`ZWSP`, which :data:`SEPARATOR` splits at. Its
:meth:`~Segmenter.aliases` are what a prefix search on those words cannot reach:
the parts of compounds the dictionary keeps whole (ปีงบประมาณ → งบประมาณ, ประมาณ)
and every number in the other digit form (๒๕๖๖ ↔ 2566).
"""

from __future__ import annotations

import functools
import hashlib
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import nlpo3

from ..thai import DIGIT_CLASS, to_arabic, to_thai

if TYPE_CHECKING:
    from collections.abc import Iterable

ZWSP = "\u200b"
"""The word boundary put between Thai words in the index (never in page HTML)."""

SEPARATOR = r"[\s\u200b\-_,:!?=()\[\]\"“”‘’/|·–—]+"
"""Where the index and queries are split: white space, :data:`ZWSP` and punctuation
that never belongs to a word. Not ``.`` (พ.ศ., ป.ป.ช., 92.45) and not ``&`` or ``;``
(entities such as ``&amp;`` stay whole). The worker reads it from the index's
``config.separator``."""

# Thai letters, vowels, tone marks, ฯ and ๆ (not Thai digits, not ฿).
_THAI_LETTER = r"[\u0e01-\u0e3a\u0e40-\u0e4e]"
_THAI_RUN = re.compile(rf"{_THAI_LETTER}+")
# A Thai word written against a number (ปี๒๕๖๖, ครั้งที่1): a word boundary too.
_LETTER_DIGIT = re.compile(
    rf"(?<={_THAI_LETTER})(?={DIGIT_CLASS})|(?<={DIGIT_CLASS})(?={_THAI_LETTER})"
)
_NUMBER = re.compile(rf"{DIGIT_CLASS}+(?:[.,]{DIGIT_CLASS}+)*")
# Markup and entities in Material's index text are never segmented. A tag never
# holds "<" (Material escapes text as &lt;): not letting [^...]* run past one keeps
# the scans linear when a text has many "<" and no ">" (with "[^>]*" they were
# quadratic, and cubic for the tag with attributes).
_MARKUP = re.compile(r"(<[^<>]*>|&#?\w+;)")
_SPLIT = re.compile(SEPARATOR)
_TAG_WITH_ATTRIBUTES = re.compile(r"<[^<>\s=]*[\s=][^<>]*>")

# nlpo3 is slower than linear on one very long run (2.5x the time for twice the
# length): a run longer than this is segmented this many letters at a time. Real
# runs between spaces are a few hundred letters at most.
_CHUNK = 10_000
# The words that end in a piece's last _MARGIN letters are segmented again with the
# next piece: the text after the piece may join them differently. (On the seed
# documents run together without spaces, 100 is enough to get nlpo3's words of the
# whole run.)
_MARGIN = 1_000
# Compound tails are looked for in tokens up to this long. The longest dictionary
# word has 81 letters and the longest token with tails in the bundled and seed
# content 53; a longer token is text nlpo3 could not split (one tone mark repeated,
# letters that are in no word), and a token of n letters can have ~n²/2 letters of
# tails.
_LONGEST_COMPOUND = 128

DOMAIN_WORDS: tuple[str, ...] = (
    # The assessment and its bodies (dotted abbreviations are never split anyway:
    # "." is not part of a Thai run).
    "สขร",
    "ปปช",
    "ปปท",
    "อบต",
    "อบจ",
    "สตง",
    "คุณธรรม",
    "ความโปร่งใส",
    "โปร่งใส",
    "ผู้มีส่วนได้ส่วนเสีย",
    "ส่วนได้ส่วนเสีย",
    "ผลประโยชน์ทับซ้อน",
    "การขัดกันแห่งผลประโยชน์",
    "ประมวลจริยธรรม",
    "ข้อร้องเรียน",
    "ร้องเรียน",
    "จัดซื้อจัดจ้าง",
    "การจัดซื้อจัดจ้าง",
    "ปีงบประมาณ",
    "งบประมาณ",
    "ตัวชี้วัด",
    "มาตรการ",
    "ทุจริต",
    "การทุจริต",
    "การป้องกันการทุจริต",
    "สินบน",
    "ติดสินบน",
    "รับสินบน",
    "ทรัพย์สินของราชการ",
    "การเปิดเผยข้อมูล",
    "บริการออนไลน์",
    # Local governments and their units.
    "เทศบาล",
    "เทศบาลตำบล",
    "เทศบาลเมือง",
    "เทศบาลนคร",
    "องค์การบริหารส่วนตำบล",
    "องค์การบริหารส่วนจังหวัด",
    "องค์กรปกครองส่วนท้องถิ่น",
    "นายกเทศมนตรี",
    "ปลัดเทศบาล",
    "รองปลัดเทศบาล",
    "นายกองค์การบริหารส่วนตำบล",
    "ปลัดองค์การบริหารส่วนตำบล",
    "สำนักปลัด",
    "สำนักปลัดเทศบาล",
    "กองคลัง",
    "กองช่าง",
    "กองการศึกษา",
    "กองสาธารณสุขและสิ่งแวดล้อม",
    "กองสวัสดิการสังคม",
    "กองยุทธศาสตร์และงบประมาณ",
    "กองการเจ้าหน้าที่",
    "กองวิชาการและแผนงาน",
    "หน่วยตรวจสอบภายใน",
    "งานนิติการ",
    "งานการเจ้าหน้าที่",
    "งานธุรการ",
    "งานประชาสัมพันธ์",
    "งานพัสดุ",
)
"""Words the segmenter keeps whole besides PyThaiNLP's dictionary: ITA terms, the
bodies of the assessment, local governments and their units."""


def normalize(text: str) -> str:
    """``text`` with Thai spelling variants typed or stored differently made one:
    ํา (U+0E4D U+0E32) → ำ (U+0E33). Nothing else changes."""
    return text.replace("\u0e4d\u0e32", "\u0e33")


def thai_runs(text: str) -> list[str]:
    """The runs of Thai letters, vowels and marks in ``text`` (no digits), in order."""
    return _THAI_RUN.findall(text)


def other_digits(number: str) -> str:
    """The same number in the other digit form: ๒๕๖๖ → 2566, 92.45 → ๙๒.๔๕. A text
    with Thai digits gets Arabic ones; one without gets its Arabic digits in Thai."""
    arabic = to_arabic(number)
    return to_thai(arabic) if arabic == number else arabic


class Segmenter:
    """PyThaiNLP's word list plus :data:`DOMAIN_WORDS` and ``extra_words`` (names
    that must stay whole; only their Thai runs count), segmented by nlpo3 (newmm).
    ``words`` is every word it knows. Results are cached per run and per token:
    one segmenter serves one build."""

    def __init__(self, extra_words: Iterable[str] = ()) -> None:
        # Imported here, not at the top: importing pythainlp takes ~60 ms, and the
        # plugin imports this package on every command, most of which build no index.
        from pythainlp.corpus import thai_words  # noqa: PLC0415

        extra = {w for word in extra_words for w in thai_runs(normalize(word))}
        self.words: frozenset[str] = frozenset(thai_words()) | frozenset(DOMAIN_WORDS) | extra
        self._name = _load_dictionary(self.words)
        # No compound part is longer than the longest word: the bound of the inner
        # loops of _segmentable_prefixes/_suffixes.
        self._longest = max(map(len, self.words))
        self._runs: dict[str, tuple[str, ...]] = {}
        self._tails: dict[str, tuple[str, ...]] = {}
        self._token_aliases: dict[str, tuple[str, ...]] = {}

    def words_of(self, run: str) -> tuple[str, ...]:
        """The words of one Thai run (letters only, no spaces), in order: joined
        they are ``run``."""
        cached = self._runs.get(run)
        if cached is None:
            cached = self._runs[run] = tuple(self._segment_run(run))
        return cached

    def _segment_run(self, run: str) -> list[str]:
        """nlpo3's words of ``run``, :data:`_CHUNK` letters at a time when it is longer.
        The next piece starts at the first word that ends in the last :data:`_MARGIN`
        letters of a piece, or at the piece's end when that would move on by less
        than half a piece (one word that nlpo3 could not split is cut there), so that
        the work stays linear."""
        words: list[str] = []
        start = 0
        while len(run) - start > _CHUNK:
            piece = [w for w in nlpo3.segment(run[start : start + _CHUNK], self._name) if w]
            kept = end = 0
            while kept < len(piece) and end + len(piece[kept]) <= _CHUNK - _MARGIN:
                end += len(piece[kept])
                kept += 1
            if end < _CHUNK // 2:
                kept, end = len(piece), _CHUNK
            words += piece[:kept]
            start += end
        words += (w for w in nlpo3.segment(run[start:], self._name) if w)
        return words

    def segment(self, text: str) -> str:
        """``text``, normalised, with U+200B at every word boundary inside Thai runs
        and between a Thai word and a number; markup, entities, numbers and Latin
        text are left as they are. Without the U+200B it is ``normalize(text)``."""
        text = normalize(text)
        # Material's index keeps a few bare tags (<p>, <li>, <code>) and entities, where
        # no Thai letter can be: the whole text at once. Tags with attributes: piece by piece.
        parts = _MARKUP.split(text) if _TAG_WITH_ATTRIBUTES.search(text) else [text]
        for i in range(0, len(parts), 2):
            plain = _THAI_RUN.sub(self._join_words, parts[i])
            parts[i] = _LETTER_DIGIT.sub(ZWSP, plain)
        return "".join(parts)

    def _join_words(self, match: re.Match[str]) -> str:
        return ZWSP.join(self.words_of(match.group()))

    def aliases(self, segmented: str) -> list[str]:
        """Hidden terms for a segmented text, without repeats, in the order found:
        what a prefix search on the visible words cannot find (compound tails, the
        other digit form). Terms already in the text are left out."""
        tokens = dict.fromkeys(t.lower() for t in _SPLIT.split(_MARKUP.sub(" ", segmented)) if t)
        extra: dict[str, None] = {}
        for token in tokens:
            for alias in self.token_aliases(token):
                if alias not in tokens:
                    extra[alias] = None
        return list(extra)

    def token_aliases(self, token: str) -> tuple[str, ...]:
        """Every number of one token in both digit forms, then, for a token of Thai
        letters only, its :meth:`compound_parts`."""
        cached = self._token_aliases.get(token)
        if cached is None:
            found: list[str] = []
            for number in _NUMBER.findall(token):
                found += (number, other_digits(number))
            if _THAI_RUN.fullmatch(token):
                found += self.compound_parts(token)
            cached = self._token_aliases[token] = tuple(found)
        return cached

    def compound_parts(self, word: str) -> tuple[str, ...]:
        """The tails of ``word`` that start at an inner word boundary, when both
        sides are made of dictionary words of two letters or more:
        ปีงบประมาณ → (งบประมาณ, ประมาณ); การป้องกัน → (ป้องกัน,); คะแนน → ().
        Nothing for a word longer than :data:`_LONGEST_COMPOUND` letters."""
        cached = self._tails.get(word)
        if cached is None:
            n = len(word)
            cached = ()
            if 4 <= n <= _LONGEST_COMPOUND:
                starts = _segmentable_prefixes(word, self.words, self._longest)
                ends = _segmentable_suffixes(word, self.words, self._longest)
                cached = tuple(word[i:] for i in range(2, n - 1) if starts[i] and ends[i])
            self._tails[word] = cached
        return cached


# Two-letter words that carry meaning in compounds (ปีงบประมาณ, งบประมาณ, ผลการ, มีส่วนร่วม...).
# Other two-letter dictionary entries are mostly single syllables (คะ, ระ, วิ) that
# would cut words such as คะแนน, ระดับ, วิเคราะห์ into meaningless tails.
_SHORT_WORDS = frozenset({"ปี", "งบ", "ผล", "คน", "ทุน", "ยา", "ดู", "น้ำ", "มี"})


# Dictionary entries that are mostly bound prefixes in official Thai (ประเมิน, ไตรมาส,
# เทศบาล, อนุมัติ): a tail after them (เมิน, มาส, บาล) is noise, not a word.
_BOUND = frozenset({"ประ", "ปฏิ", "อนุ", "สัม", "อภิ", "บริ", "เทศ", "ไตร", "สม", "พิ"})


def _is_part(piece: str, words: frozenset[str]) -> bool:
    return piece in words and piece not in _BOUND and (len(piece) >= 3 or piece in _SHORT_WORDS)


def _segmentable_prefixes(word: str, words: frozenset[str], longest: int) -> list[bool]:
    """ok[i]: word[:i] is a sequence of dictionary words that can be compound parts.
    ``longest``: the length of the longest word. Work: at most ``longest`` pieces
    from each ``i`` that is ok."""
    n = len(word)
    ok = [False] * (n + 1)
    ok[0] = True
    for i in range(n):
        if ok[i]:
            for j in range(i + 2, min(i + longest, n) + 1):
                if _is_part(word[i:j], words):
                    ok[j] = True
    return ok


def _segmentable_suffixes(word: str, words: frozenset[str], longest: int) -> list[bool]:
    """ok[i]: word[i:] is a sequence of dictionary words that can be compound parts.
    Filled from the end, from each ``j`` already known to be ok (it was a test of
    every ``word[i:j]`` for every ``i``: quadratic in the word's length), so that
    the work is at most ``longest`` pieces from each ``j`` that is ok."""
    n = len(word)
    ok = [False] * (n + 1)
    ok[n] = True
    for j in range(n, 1, -1):
        if ok[j]:
            for i in range(j - 2, max(j - longest, 0) - 1, -1):
                if _is_part(word[i:j], words):
                    ok[i] = True
    return ok


@functools.cache
def _load_dictionary(words: frozenset[str]) -> str:
    """Load a word list into nlpo3 once per process; its name is its digest."""
    data = "\n".join(sorted(words)) + "\n"
    name = "ita-" + hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]
    with tempfile.TemporaryDirectory(prefix="site-builder-dict-") as tmp:
        path = Path(tmp) / "words.txt"
        path.write_text(data, encoding="utf-8")
        nlpo3.load_dict(str(path), name)
    return name
