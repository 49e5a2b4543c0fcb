"""Thai search in Material's own search index.

Thai is written without spaces between words, and Material's search splits text
only at its separator, so a Thai run between spaces is one search term and a word
inside it is never found. After Material has written ``search/search_index.json``
this module rewrites it (and only it: page HTML is not touched):

* every Thai run is segmented with PyThaiNLP's dictionary run by the Rust engine
  (nlpo3), plus the project's domain words and the organisation's own names, and
  the words are joined with U+200B, which the separator splits at;
* a hidden field ``alias`` gets what a prefix search cannot reach in the visible
  text: the parts of compounds the dictionary keeps whole (ปีงบประมาณ → งบประมาณ,
  ประมาณ) and every number in the other digit form (๒๕๖๖ ↔ 2566);
* the JSON is written as UTF-8 instead of ``\\uXXXX`` escapes.

The browser side (``search_worker.js``) is put in front of Material's search
worker: it splits a Thai query typed without spaces using the index's own words.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import tempfile
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .content import Content

ZWSP = "\u200b"

SEPARATOR = r"[\s\u200b\-_,:!?=()\[\]\"“”‘’/|·–—]+"
"""Where the index and queries are split: white space, U+200B and punctuation that
never belongs to a word. Not ``.`` (พ.ศ., ป.ป.ช., 92.45) and not ``&`` or ``;``
(entities such as ``&amp;`` stay whole)."""

ALIAS_FIELD = "alias"
ALIAS_BOOST = 0.5

# Thai letters, vowels, tone marks, ฯ and ๆ (not Thai digits, not ฿).
_THAI_RUN = re.compile(r"[\u0e01-\u0e3a\u0e40-\u0e4e]+")
_THAI_LETTER = r"[\u0e01-\u0e3a\u0e40-\u0e4e]"
_DIGIT = r"[0-9\u0e50-\u0e59]"
# A Thai word written against a number (ปี๒๕๖๖, ครั้งที่1): a word boundary too.
_LETTER_DIGIT = re.compile(rf"(?<={_THAI_LETTER})(?={_DIGIT})|(?<={_DIGIT})(?={_THAI_LETTER})")
_NUMBER = re.compile(rf"{_DIGIT}+(?:[.,]{_DIGIT}+)*")
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

_TO_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

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


def normalize(text: str) -> str:
    """Thai spelling variants typed or stored differently: ํา (U+0E4D U+0E32) → ำ."""
    return text.replace("\u0e4d\u0e32", "\u0e33")


def other_digits(number: str) -> str:
    """The same number in the other digit form: ๒๕๖๖ → 2566, 92.45 → ๙๒.๔๕."""
    arabic = number.translate(_TO_ARABIC)
    return arabic.translate(_TO_THAI) if arabic == number else arabic


class Segmenter:
    """PyThaiNLP's word list plus extra words, segmented by nlpo3 (newmm)."""

    def __init__(self, extra_words: Iterable[str] = ()) -> None:
        from pythainlp.corpus import thai_words

        extra = {w for word in extra_words for w in _THAI_RUN.findall(normalize(word))}
        self.words: frozenset[str] = frozenset(thai_words()) | frozenset(DOMAIN_WORDS) | extra
        self._name = _load_dictionary(self.words)
        # No compound part is longer than the longest word: the bound of the inner
        # loops of _segmentable_prefixes/_suffixes.
        self._longest = max(map(len, self.words))
        self._runs: dict[str, tuple[str, ...]] = {}
        self._tails: dict[str, tuple[str, ...]] = {}
        self._token_aliases: dict[str, tuple[str, ...]] = {}

    def words_of(self, run: str) -> tuple[str, ...]:
        """The words of one Thai run (letters only, no spaces)."""
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
        import nlpo3

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
        """``text`` with U+200B at every word boundary inside Thai runs; markup,
        entities, numbers and Latin text are left as they are."""
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
        """Hidden terms for a segmented text: what a prefix search on the visible
        words cannot find. Terms already in the text are left out."""
        tokens = dict.fromkeys(t.lower() for t in _SPLIT.split(_MARKUP.sub(" ", segmented)) if t)
        extra: dict[str, None] = {}
        for token in tokens:
            for alias in self.token_aliases(token):
                if alias not in tokens:
                    extra[alias] = None
        return list(extra)

    def token_aliases(self, token: str) -> tuple[str, ...]:
        """Every number of one token in both digit forms, and its compound tails."""
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


# Two-letter words that carry meaning in compounds (ปีงบประมาณ, งบประมาณ, ผลการ...).
# Other two-letter dictionary entries are mostly single syllables (คะ, ระ, วิ) that
# would cut words such as คะแนน, ระดับ, วิเคราะห์ into meaningless tails.
_SHORT_WORDS = frozenset({"ปี", "งบ", "ผล", "คน", "ทุน", "ยา", "ดู", "น้ำ"})


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
    import nlpo3

    data = "\n".join(sorted(words)) + "\n"
    name = "ita-" + hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]
    with tempfile.TemporaryDirectory(prefix="site-builder-dict-") as tmp:
        path = Path(tmp) / "words.txt"
        path.write_text(data, encoding="utf-8")
        nlpo3.load_dict(str(path), name)
    return name


def rewrite_index(index: dict[str, Any], segmenter: Segmenter) -> dict[str, Any]:
    """Material's search index, segmented, with the hidden field and separator."""
    config = dict(index.get("config", {}))
    config["separator"] = SEPARATOR
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


def worker_script() -> str:
    """The query side, run in front of Material's search worker."""
    return resources.files(__package__).joinpath("search_worker.js").read_text(encoding="utf-8")


WORKER_MARK = "/* site-builder: Thai search */"


def install(site_dir: Path, segmenter: Segmenter) -> None:
    """Rewrite ``search/search_index.json`` and put the query splitter in front of
    every Material search worker in ``site_dir``. Does nothing without an index
    (the search plugin is off)."""
    index_path = site_dir / "search" / "search_index.json"
    if not index_path.is_file():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    rewritten = rewrite_index(index, segmenter)
    _write(index_path, json.dumps(rewritten, ensure_ascii=False, separators=(",", ":")))
    script = worker_script()
    for worker in sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.js")):
        code = worker.read_text(encoding="utf-8")
        if not code.startswith(WORKER_MARK):
            # One line in front, so that Material's source map stays (nearly) right.
            one_line = " ".join(line.strip() for line in script.splitlines() if line.strip())
            _write(worker, f"{WORKER_MARK}{one_line}\n{code}")


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


_TITLES = ("ว่าที่ร้อยตรี", "ว่าที่ร้อยโท", "นางสาว", "นาง", "นาย", "ดร", "จ่าเอก", "สิบเอก")


def content_words(content: Content) -> list[str]:
    """Names from the content that must never be split wrongly: the organisation,
    its district and province, the units and people responsible for measures and
    the people signing memos (without นาย/นาง/นางสาว, which the dictionary has)."""
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
        for run in _THAI_RUN.findall(normalize(name or "")):
            for title in _TITLES:
                if run.startswith(title) and len(run) > len(title) + 1:
                    run = run[len(title) :]
                    break
            words[run] = None
    return list(words)
