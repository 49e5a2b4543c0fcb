"""Thai words for the search index: where a reader sees a word begin.

:class:`Segmenter` cuts every Thai run with PyThaiNLP's dictionary run by the Rust
engine (nlpo3), plus :data:`DOMAIN_WORDS` and the organisation's own names, and
joins the words with :data:`ZWSP`, which :data:`SEPARATOR` splits at. Inside a word
the dictionary keeps whole, :meth:`~Segmenter.inner_starts` adds a :data:`ZWSP`
where another word of two syllables or more begins (มี|ประสิทธิภาพ, ปี|งบ|ประมาณ),
never before a lone syllable (ประเมิน, จังหวัด stay whole). The browser side finds
a query that starts at a :data:`ZWSP`, a space or any character that is not a Thai
letter.
"""

from __future__ import annotations

import bisect
import itertools
import re
from typing import TYPE_CHECKING, NamedTuple

import nlpo3

from ..thai import THAI_DIGITS, to_arabic, to_thai
from .dictionary import dictionary_words, for_filtered, grams, occurring
from .dictionary import load as load_dictionary

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
_DIGITS = frozenset("0123456789" + THAI_DIGITS)
# Markup and entities in Material's index text are never segmented. A tag never
# holds "<" (Material escapes text as &lt;): not letting [^...]* run past one keeps
# the scans linear when a text has many "<" and no ">" (with "[^>]*" they were
# quadratic, and cubic for the tag with attributes).
_MARKUP = re.compile(r"(<[^<>]*>|&#?\w+;)")
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
# Words inside a word are looked for in words up to this long. The longest
# dictionary word has 81 letters and the longest with a word inside in the bundled
# and seed content 53; a longer one is text nlpo3 could not split (one tone mark
# repeated, letters that are in no word).
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
    ``words`` is every word it knows (given a ``corpus``, those that may occur in
    it). Results are cached per run and per token: one segmenter serves one build."""

    def __init__(
        self, extra_words: Iterable[str] = (), corpus: Iterable[str] | None = None
    ) -> None:
        # Imported here, not at the top: importing pythainlp takes ~60 ms, and the
        # plugin imports this package on every command, most of which build no index.
        from pythainlp.corpus import thai_syllables, thai_words  # noqa: PLC0415

        extra = {w for word in extra_words for w in thai_runs(normalize(word))}
        known: frozenset[str]
        if corpus is None:
            known = frozenset(thai_words()) | frozenset(DOMAIN_WORDS)
            self.words: frozenset[str] = known | extra
            self._name = load_dictionary(self.words)
        else:
            # A build that says what it will segment (``corpus``) keeps, and has nlpo3
            # load, only the words that may occur in it (see .dictionary): every word
            # the segmenter looks up is a piece of that text, so it segments the same.
            found = grams(run for text in corpus for run in thai_runs(normalize(text)))
            known = occurring(itertools.chain(dictionary_words(), DOMAIN_WORDS), found)
            self.words = known | occurring(extra, found)
            self._name = for_filtered(
                self.words, lambda: frozenset(thai_words()) | frozenset(DOMAIN_WORDS) | extra
            )
        self._syllable_list = frozenset(thai_syllables())
        self._syllable_dictionary = load_dictionary(self._syllable_list)
        self._known = known
        self._names = frozenset(extra - known)
        # No word inside another is longer than the longest word: the bound of the
        # inner loops of _reading and _runs_on.
        self._longest = max(map(len, self.words), default=0)
        self._sorted = sorted(known)
        self._runs: dict[str, tuple[str, ...]] = {}
        self._joined: dict[str, str] = {}
        self._words: dict[str, _Word] = {}
        self._syllable_counts: dict[str, bool] = {}
        self._readings: dict[str, frozenset[tuple[int, int]]] = {}
        self._prefixes: dict[str, bool] = {}

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
            parts[i] = _THAI_RUN.sub(self._join_words, parts[i])
        return "".join(parts)

    def _join_words(self, match: re.Match[str]) -> str:
        """One Thai run's words joined (:meth:`_mark_run`), with a U+200B against a
        digit on either side (ปี|๒๕๖๖): a Thai letter meets a digit only at a run's ends."""
        run = match.group()
        cached = self._joined.get(run)
        if cached is None:
            cached = self._joined[run] = self._mark_run(run)
        text, start, end = match.string, match.start(), match.end()
        if start and text[start - 1] in _DIGITS:
            cached = ZWSP + cached
        if end < len(text) and text[end] in _DIGITS:
            cached += ZWSP
        return cached

    def _mark_run(self, run: str) -> str:
        """The words of ``run`` joined with U+200B, with a U+200B also where a word
        begins inside one: at its :meth:`inner_starts`, and where a dictionary word
        begins at one of its inner syllable boundaries and runs into the next words
        (มีส่วน|ร่วมใน: ส่วนร่วม)."""
        words = self.words_of(run)
        infos = [self._word(word) for word in words]
        out: list[str] = []
        for k, (word, info) in enumerate(zip(words, infos, strict=True)):
            starts = set(info.starts)
            for cut in info.open:
                if cut not in starts and self._runs_on(word[cut:], words, infos, k + 1):
                    starts.add(cut)
            cuts = (0, *sorted(starts), len(word))
            out += (word[a:b] for a, b in itertools.pairwise(cuts))
        return ZWSP.join(out)

    def _runs_on(self, head: str, words: tuple[str, ...], infos: list[_Word], k: int) -> bool:
        """Whether ``head`` and the start of ``words[k:]`` make a dictionary word of
        two syllables or more after which that word's rest is dictionary words.
        Stops as soon as no dictionary word starts so: a few steps, whatever the run."""
        for at in range(k, len(words)):  # (not a slice: that would copy the rest each time)
            word = words[at]
            for cut in range(1, len(word) + 1):
                piece = head + word[:cut]
                if len(piece) > self._longest:
                    return False
                if piece in self._known and cut in infos[at].ends and self._several(piece):
                    return True
                if not self._begins_longer(piece):
                    return False
            head += word
        return False

    def _begins_longer(self, piece: str) -> bool:
        """Whether a dictionary word longer than ``piece`` begins with it."""
        cached = self._prefixes.get(piece)
        if cached is None:
            at = bisect.bisect_right(self._sorted, piece)
            cached = at < len(self._sorted) and self._sorted[at].startswith(piece)
            self._prefixes[piece] = cached
        return cached

    def syllables(self, word: str) -> tuple[str, ...]:
        """The syllables of ``word`` (PyThaiNLP's syllable list, run by nlpo3):
        ประเมิน → (ประ, เมิน); joined they are ``word``."""
        return tuple(s for s in nlpo3.segment(word, self._syllable_dictionary) if s)

    def _several(self, word: str) -> bool:
        """Whether ``word`` reads as two syllables or more of PyThaiNLP's list (not
        letters left over from a longer word: ทธิ of ประสิทธิภาพ is ท|ธิ)."""
        cached = self._syllable_counts.get(word)
        if cached is None:
            pieces = self.syllables(word)
            cached = len(pieces) > 1 and all(p in self._syllable_list for p in pieces)
            self._syllable_counts[word] = cached
        return cached

    def inner_starts(self, word: str) -> tuple[int, ...]:
        """Where a word a reader sees begins inside one segmented ``word``, in order
        (0 and ``len(word)`` left out). ``word`` is read as the fewest dictionary
        words other than itself (each of them read so again): a place where one of
        them of two syllables or more begins, however short the words before it:
        มีประสิทธิภาพ (มี|ประสิทธิภาพ) → (2,), ปีงบประมาณ (ปี|งบ|ประมาณ) → (2, 4).
        A word of one syllable inside another is not a word the reader sees:
        ประเมิน, จังหวัด, ข้อมูล → (). Inside one of the organisation's own names
        (``extra_words``), also where two syllables or more of it are left:
        เทศบาลตำบลบ้านสวนงาม → บ้านสวนงาม. Nothing for a word longer than
        :data:`_LONGEST_COMPOUND` letters."""
        return self._word(word).starts

    def _word(self, word: str) -> _Word:
        cached = self._words.get(word)
        if cached is None:
            n = len(word)
            cached = _Word((), (), frozenset((n,)))
            if 4 <= n <= _LONGEST_COMPOUND and _THAI_RUN.fullmatch(word):
                reading = self._reading(word)
                starts = {i for i, j in reading if self._several(word[i:j])}
                if word in self._names:
                    top = self._fewest(word)
                    starts |= {i for i, _ in top if i and self._several(word[i:])}
                opened = {
                    i for i, _ in reading if i not in starts and self._begins_longer(word[i:])
                }
                cached = _Word(
                    tuple(sorted(starts)),
                    tuple(sorted(opened)),
                    frozenset({i for i, _ in reading} | {n}),
                )
            self._words[word] = cached
        return cached

    def _reading(self, word: str) -> frozenset[tuple[int, int]]:
        """The words (start, end) inside ``word`` that begin after its start in
        :meth:`_fewest`, and in the readings of those words, and so on; each word read
        once per segmenter."""
        cached = self._readings.get(word)
        if cached is None:
            found: set[tuple[int, int]] = set()
            for i, j in self._fewest(word):
                if i:
                    found.add((i, j))
                found.update((i + a, i + b) for a, b in self._reading(word[i:j]))
            cached = self._readings[word] = frozenset(found)
        return cached

    def _fewest(self, word: str) -> list[tuple[int, int]]:
        """Every word (start, end) of the readings of ``word`` (4 letters or more) as
        the fewest dictionary words other than itself; none when it cannot be read so.
        Work: from each place, as many letters as a dictionary word begins with."""
        n = len(word)
        if n < 4:
            return []
        # Every (i, j) with word[i:j] a dictionary word, but word itself, in order of i.
        pieces: list[tuple[int, int]] = []
        for i in range(n):
            for j in range(i + 1, min(n, i + self._longest) + 1):
                piece = word[i:j]
                if piece in self._known and (i, j) != (0, n):
                    pieces.append((i, j))
                if not self._begins_longer(piece):
                    break
        far = n + 1
        before = [0] + [far] * n  # before[j]: the fewest words that make word[:j]
        for i, j in pieces:
            before[j] = min(before[j], before[i] + 1)
        after = [far] * n + [0]  # after[i]: the fewest words that make word[i:]
        for i, j in reversed(pieces):
            after[i] = min(after[i], after[j] + 1)
        if before[n] == far:
            return []
        return [(i, j) for i, j in pieces if before[i] + 1 + after[j] == before[n]]


class _Word(NamedTuple):
    """What :class:`Segmenter` knows of one segmented word: its
    :meth:`~Segmenter.inner_starts`; the other places where a word of its reading
    begins and the rest of it begins a longer dictionary word (``open``: the words
    after it may finish that word); and where a word of its reading ends (``ends``,
    its length included: a word that runs into it may end there)."""

    starts: tuple[int, ...]
    open: tuple[int, ...]
    ends: frozenset[int]
