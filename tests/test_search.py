"""Thai search: segmentation units, and golden queries run through the built site's
own search worker (Material's, with the site-builder part in front) in Node.

The golden test reads ``tests/search_queries.yml``. For every query it asks the
worker, then compares with an oracle computed from the same index with the word
boundaries taken out (the text Material would index without this project): every
page whose text contains each typed part (in either digit form; Latin and numbers
at a word start) must be found (recall 100 %), and every page found must contain
them (no page found only through scattered pieces). A query marked ``syllable`` is
a lone syllable that sits inside words (เมิน of ประเมิน): the pages that hold it only
there must not be found. The file also names pages that must and must not be
found, written by hand.

The sample test draws its queries from each site's own text (its words, the
dictionary words inside them, phrases copied from its pages) and compares with
the same oracle.
"""

from __future__ import annotations

import functools
import html
import itertools
import json
import random
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import material
import pytest
import yaml

from helpers import FIXTURES, ROOT, build_site, derived_config
from site_builder import search as S
from site_builder.thai import to_arabic
from site_builder.tree import loader

NODE = shutil.which("node")
HARNESS = ROOT / "tests" / "js" / "search.js"
QUERIES: list[dict[str, Any]] = yaml.safe_load(
    (ROOT / "tests" / "search_queries.yml").read_text(encoding="utf-8")
)


@pytest.fixture(scope="module")
def segmenter() -> S.Segmenter:
    return S.Segmenter(["เทศบาลตำบลบ้านสวนงาม", "กะนอง"])


# --- segmentation -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "พ.ศ. 2566",
        "ปีงบประมาณ พ.ศ.2566",
        "คะแนน 92.45 คะแนน",
        "ภาษี &amp; ค่าธรรมเนียม",
        "ป.ป.ช.",
        "E-Service",
    ],
)
def test_no_boundary_inside_abbreviations_numbers_and_entities(
    segmenter: S.Segmenter, text: str
) -> None:
    segmented = segmenter.segment(text)
    for kept in ("พ.ศ.", "92.45", "&amp;", "ป.ป.ช.", "E-Service"):
        if kept in text:
            assert kept in segmented, segmented
    assert segmented.replace(S.ZWSP, "") == text


def test_thai_runs_are_cut_into_words(segmenter: S.Segmenter) -> None:
    segmented = segmenter.segment("<p>การป้องกันการทุจริตในหน่วยงาน</p>")
    assert segmented.startswith("<p>")
    assert segmented.endswith("</p>")
    # การป้องกันการทุจริต is one dictionary word: its inner words are marked too.
    assert segmented[3:-4].split(S.ZWSP) == ["การ", "ป้องกัน", "การ", "ทุจริต", "ใน", "หน่วยงาน"]


def test_markup_is_never_segmented(segmenter: S.Segmenter) -> None:
    text = '<a title="การป้องกันการทุจริต">ทุจริต</a>'
    assert segmenter.segment(text) == text


def test_domain_words_and_the_organisation_stay_whole(segmenter: S.Segmenter) -> None:
    for word in ("สำนักปลัด", "กองคลัง", "เทศบาลตำบลบ้านสวนงาม", "ความโปร่งใส"):
        assert segmenter.words_of(word) == (word,)
    # Content names added by the plugin: a surname the dictionary does not know.
    assert segmenter.segment("นางสาวอรุณี กะนอง").split(" ")[1] == "กะนอง"
    assert S.Segmenter().segment("กะนอง") != "กะนอง" or "กะนอง" not in S.Segmenter().words


def test_a_thai_word_against_a_number_is_two_words(segmenter: S.Segmenter) -> None:
    assert segmenter.segment("ปี๒๕๖๖") == f"ปี{S.ZWSP}๒๕๖๖"
    assert segmenter.segment("ครั้งที่1") == f"ครั้ง{S.ZWSP}ที่{S.ZWSP}1"
    # A number before the word, on both sides, next to markup, a run seen twice.
    assert segmenter.segment("๑๒ปี") == f"๑๒{S.ZWSP}ปี"
    assert segmenter.segment("1ปี2 ปี") == f"1{S.ZWSP}ปี{S.ZWSP}2 ปี"
    assert segmenter.segment('<a href="x">ปี</a>2') == '<a href="x">ปี</a>2'
    assert segmenter.segment("ปี-2") == "ปี-2"


def test_words_inside_a_word_begin_where_a_reader_sees_them(segmenter: S.Segmenter) -> None:
    def parts(word: str) -> list[str]:
        cuts = (0, *segmenter.inner_starts(word), len(word))
        return [word[a:b] for a, b in itertools.pairwise(cuts)]

    # A dictionary word of two syllables or more, whatever the length of the rest.
    assert parts("มีประสิทธิภาพ") == ["มี", "ประสิทธิภาพ"]
    assert parts("มีส่วนร่วม") == ["มี", "ส่วนร่วม"]
    assert parts("ปีงบประมาณ") == ["ปี", "งบ", "ประมาณ"]
    assert parts("รับสินบน") == ["รับ", "สินบน"]
    assert parts("การป้องกัน") == ["การ", "ป้องกัน"]
    assert parts("ความสามารถ") == ["ความ", "สามารถ"]
    assert parts("ข้อมูลข่าวสาร") == ["ข้อมูล", "ข่าวสาร"]
    # A name of the organisation: where its words begin, when two syllables or more follow.
    assert "บ้านสวนงาม" in parts("เทศบาลตำบลบ้านสวนงาม")
    assert "งาม" not in parts("เทศบาลตำบลบ้านสวนงาม")
    # A lone syllable inside a word is not a word the reader sees.
    for word in ("ประเมิน", "การประเมิน", "คะแนน", "ระดับ", "ไตรมาส", "จังหวัด", "ข้อมูล"):
        assert not any(p in ("เมิน", "แนน", "ดับ", "มาส", "หวัด", "มูล") for p in parts(word)), word
    assert segmenter.inner_starts("ประเมิน") == ()
    assert segmenter.inner_starts("จังหวัด") == ()


def test_the_index_marks_words_inside_words(segmenter: S.Segmenter) -> None:
    segmented = segmenter.segment("การประเมินมีประสิทธิภาพ ปีงบประมาณ ๒๕๖๖ คะแนน 92.45")
    assert segmented.split(" ")[0].split(S.ZWSP) == ["การ", "ประเมิน", "มี", "ประสิทธิภาพ"]
    assert segmented.replace(S.ZWSP, "") == "การประเมินมีประสิทธิภาพ ปีงบประมาณ ๒๕๖๖ คะแนน 92.45"
    assert f"ปี{S.ZWSP}งบ{S.ZWSP}ประมาณ" in segmented


@pytest.mark.parametrize(("a", "b"), [("๒๕๖๖", "2566"), ("92.45", "๙๒.๔๕"), ("๑,๒๓๔", "1,234")])
def test_other_digits_both_ways(a: str, b: str) -> None:
    assert S.other_digits(a) == b
    assert S.other_digits(b) == a


def test_sara_am_is_normalised(segmenter: S.Segmenter) -> None:
    assert segmenter.segment("การดําเนินงาน").replace(S.ZWSP, "") == "การดำเนินงาน"


def test_index_rewrite_keeps_material_fields_and_segments() -> None:
    index = {
        "config": {
            "lang": ["en"],
            "separator": "[\\s\\-]+",
            "pipeline": [],
            "fields": {"title": {"boost": 1000.0}},
        },
        "docs": [{"location": "a/", "title": "ปีงบประมาณ", "text": "<p>ปี ๒๕๖๖</p>", "boost": 2}],
    }
    out = json.loads(S.index_json(index["config"], index["docs"], ["เทศบาลตำบลบ้านสวนงาม", "กะนอง"]))
    assert out["config"]["separator"] == S.SEPARATOR
    assert out["config"]["fields"] == {"title": {"boost": 1000.0}}
    assert out["docs"] == [
        {
            "location": "a/",
            "title": f"ปี{S.ZWSP}งบ{S.ZWSP}ประมาณ",
            "text": "<p>ปี ๒๕๖๖</p>",
            "boost": 2,
        }
    ]
    assert index["config"]["separator"] == "[\\s\\-]+"  # not changed in place
    assert re.fullmatch(S.SEPARATOR, S.ZWSP)


# --- the built site's own worker ---------------------------------------------


# Builds the bundled content and five seed sites (seconds): every test using it is slow.
@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("search")
    wanted = {q["site"] for q in QUERIES}
    return {n: build_site(content_of(n), root / n.replace("/", "-")) for n in sorted(wanted)}


def content_of(name: str) -> Path:
    """The content tree of a site of the golden file: content or seed/NNN."""
    return ROOT / "content" if name == "content" else FIXTURES / "seeds" / name.split("/")[1]


def run_worker(site: Path, queries: list[str], items: bool = False) -> dict[str, dict[str, Any]]:
    assert NODE, "node is needed: run `make test`, which installs it"
    done = subprocess.run(
        [NODE, str(HARNESS), str(site), *(["--items"] if items else [])],
        input="\n".join(queries) + "\n",
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    return {a["query"]: a for a in answers}


def _page(location: str) -> str:
    return "/" + location.split("#")[0]


def _flat(text: str) -> str:
    return S.normalize(html.unescape(re.sub(r"<[^>]*>", " ", text)).replace(S.ZWSP, "")).lower()


@functools.cache
def oracle_texts(site: Path) -> list[tuple[str, str, str]]:
    """Each indexed section as (page, its title and text as Material indexes them
    without this project (word boundaries taken out), the same without white space)."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = []
    for doc in index["docs"]:
        flat = _flat(doc["title"] + " " + doc["text"])
        texts.append((_page(doc["location"]), flat, re.sub(r"\s+", "", flat)))
    return texts


def oracle(site: Path, query: str) -> set[str]:
    """Pages with a section (Material indexes each section as a document) whose
    text holds every typed part, as Material indexes it without this project (word
    boundaries taken out)."""
    parts = [
        p for part in S.normalize(query).lower().split() for p in re.split(S.SEPARATOR, part) if p
    ]

    def holds(text: str, tight: str, part: str) -> bool:
        for form in {part, S.other_digits(part)}:
            if re.match(r"[\u0e01-\u0e4e]", form):
                # Thai is written with spaces only between phrases: a reader may leave them out.
                if form in text or form in tight:
                    return True
            elif re.search(rf"(?<![0-9a-z\u0e50-\u0e59.,]){re.escape(form)}", text):
                return True
        return False

    return {
        page
        for page, text, tight in oracle_texts(site)
        if all(holds(text, tight, p) for p in parts)
    }


@pytest.mark.slow
@pytest.mark.browser  # runs the built site's search worker in Node
def test_golden_queries(sites: dict[str, Path]) -> None:
    assert len(QUERIES) >= 30
    failures: list[str] = []
    relevant = found_relevant = 0
    for name, site in sites.items():
        queries = [q for q in QUERIES if q["site"] == name]
        answers = run_worker(site, [q["q"] for q in queries])
        for q in queries:
            answer = answers[q["q"]]
            found = {_page(loc) for loc in answer["locations"]}
            expected = oracle(site, q["q"])
            if q.get("syllable"):
                # A lone syllable inside words: found only where a word starts with it.
                inside = expected - at_word_start(site, q["q"])
                assert inside, f"{name}: {q['q']!r} is inside no word: a query set mistake"
                expected -= inside
            else:
                assert expected, f"{name}: {q['q']!r} matches no page: a query set mistake"
            relevant += len(expected)
            found_relevant += len(expected & found)
            if expected - found:
                failures.append(f"{name}: {q['q']!r} missed {sorted(expected - found)}")
            if found - expected:
                failures.append(
                    f"{name}: {q['q']!r} found pages without it {sorted(found - expected)}"
                )
            for url in q.get("must", []):
                if url not in found:
                    failures.append(f"{name}: {q['q']!r} must find {url}")
            for url in q.get("must_not", []):
                if url in found:
                    failures.append(f"{name}: {q['q']!r} must not find {url}")
            for word in q.get("marks", []):
                if word not in answer["marks"]:
                    failures.append(
                        f"{name}: {q['q']!r} should highlight {word!r}, got {answer['marks']}"
                    )
    assert not failures, "\n".join(failures) + f"\nrecall {found_relevant}/{relevant}"


@pytest.mark.slow
@pytest.mark.browser  # runs the built site's search worker in Node
def test_every_prefix_of_a_query_keeps_finding_pages(sites: dict[str, Path]) -> None:
    """Search-as-you-type: no transient zero while the words are being typed."""
    site = sites["content"]
    for full in ("การป้องกันการทุจริต", "ปีงบประมาณ", "ความโปร่งใส", "สำนักปลัด"):
        prefixes = [full[:i] for i in range(1, len(full) + 1)]
        answers = run_worker(site, prefixes)
        empty = [p for p in prefixes if not answers[p]["locations"]]
        assert not empty, f"no result while typing {full!r}: {empty}"
        last = {_page(loc) for loc in answers[full]["locations"]}
        assert last == oracle(site, full)


@pytest.mark.slow
@pytest.mark.browser  # runs the built site's search worker in Node
def test_a_word_that_is_on_no_page_finds_nothing(sites: dict[str, Path]) -> None:
    # Its pieces (สิน, บน / ...) are on many pages, but never together as typed.
    answers = run_worker(sites["content"], ["สินบนข้ามชาติ", "ปลาทูน่า"])
    assert answers["สินบนข้ามชาติ"]["locations"] == []
    assert answers["ปลาทูน่า"]["locations"] == []


@pytest.mark.slow
def test_page_html_is_not_segmented(sites: dict[str, Path]) -> None:
    for page in sites["content"].rglob("*.html"):
        assert S.ZWSP not in page.read_text(encoding="utf-8"), page


@pytest.mark.slow
def test_the_worker_is_patched_once_and_the_index_is_utf8(
    sites: dict[str, Path], tmp_path: Path
) -> None:
    # A copy: the other tests read the built site as the build left it.
    site = shutil.copytree(sites["content"], tmp_path / "site")
    (worker,) = (site / "assets" / "javascripts" / "workers").glob("search.*.min.js")
    code = worker.read_text(encoding="utf-8")
    assert code.startswith(S.WORKER_MARK)
    assert code.count(S.WORKER_MARK) == 1
    raw = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "\\u0e" not in raw
    assert "ทุจริต" in raw
    S.install(site)  # a second run (mkdocs serve rebuilds) changes nothing twice
    assert worker.read_text(encoding="utf-8").count(S.WORKER_MARK) == 1


@pytest.mark.slow
def test_the_worker_is_put_in_front_as_written_and_the_source_map_follows(
    sites: dict[str, Path],
) -> None:
    # worker.js is not joined into one line (its // comments stay safe); Material's
    # source map is moved down by the lines put in front, so that it stays right.
    (worker,) = (sites["content"] / "assets" / "javascripts" / "workers").glob("search.*.min.js")
    materials = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"
    original = (materials / worker.name).read_text(encoding="utf-8")
    front = f"{S.WORKER_MARK}\n{S.worker_script().rstrip()}\n"
    assert worker.read_text(encoding="utf-8") == front + original
    assert "\n//" in front

    def mappings(source_map: Path) -> str:
        value: str = json.loads(source_map.read_text(encoding="utf-8"))["mappings"]
        return value

    shifted = mappings(worker.with_name(worker.name + ".map"))
    assert shifted == ";" * front.count("\n") + mappings(materials / f"{worker.name}.map")


@pytest.mark.slow
def test_thai_search_can_be_switched_off(tmp_path: Path) -> None:
    config = derived_config(
        tmp_path, "plugins:\n  - search: {lang: en}\n  - ita: {thai_search: false}\n"
    )
    site = build_site(ROOT / "content", tmp_path / "site", config)
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not any(S.ZWSP in doc["text"] for doc in index["docs"])
    assert "alias" not in index["config"]["fields"]
    (worker,) = (site / "assets" / "javascripts" / "workers").glob("search.*.min.js")
    assert S.WORKER_MARK not in worker.read_text(encoding="utf-8")


# --- an oracle-based sample, drawn from each site's own text ---------------------

SAMPLE = 150  # queries of each kind per site, drawn at random (seeded) from all there are
THAI_LETTER = "\u0e01-\u0e3a\u0e40-\u0e4e"


@functools.cache
def index_docs(site: Path) -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = json.loads(
        (site / "search" / "search_index.json").read_text(encoding="utf-8")
    )["docs"]
    return docs


@functools.cache
def folded_docs(site: Path) -> list[tuple[str, str, str]]:
    """Each indexed section as (page, title, text), :func:`folded`."""
    return [(_page(d["location"]), folded(d["title"]), folded(d["text"])) for d in index_docs(site)]


def folded(text: str) -> str:
    """An indexed title or text as the worker reads it: tags as spaces, entities
    decoded, lower case, Arabic digits; the build's U+200B word starts kept."""
    return to_arabic(S.normalize(html.unescape(re.sub(r"<[^<>]*>", " ", text))).lower())


def at_word_start(site: Path, query: str) -> set[str]:
    """Pages with a section whose title or text holds every part of ``query`` starting where
    the built index says a word starts: after a U+200B, a space or any character
    that is not a Thai letter (Latin and numbers: not after a letter, digit, "." or
    ","); a Thai part across spaces and U+200B, any other across U+200B only."""
    patterns = []
    for part in {p for piece in folded(query).split() for p in re.split(S.SEPARATOR, piece) if p}:
        if re.match(f"[{THAI_LETTER}]", part):
            body = r"[\s\u200b]*".join(map(re.escape, part))
            patterns.append(re.compile(f"(?<![{THAI_LETTER}]){body}"))
        else:
            patterns.append(re.compile(r"(?<![0-9a-z.,])" + "\u200b?".join(map(re.escape, part))))
    return {
        page
        for page, title, text in folded_docs(site)
        if patterns and all(p.search(title) or p.search(text) for p in patterns)
    }


def sample_queries(name: str, site: Path) -> dict[str, list[str]]:
    """Queries drawn from the site's text, as a reader would type them: the pages'
    own words (nlpo3's words of each Thai run, with the build's own names, and the
    Latin words and numbers); the dictionary words inside those words, of two
    syllables or more ("inside") and of one ("syllables": เมิน of ประเมิน); and
    phrases copied from a page (2 to 4 words in a row, spaces left out)."""
    from pythainlp.corpus import thai_syllables, thai_words

    segmenter = S.Segmenter(S.content_words(loader.load(content_of(name))))
    dictionary = frozenset(thai_words()) | frozenset(S.DOMAIN_WORDS)
    syllables = frozenset(thai_syllables())

    def kind_of(pieces: tuple[str, ...]) -> str | None:
        """Two syllables or more: "inside"; one: "syllables"; letters left over from
        a longer word (ทธิ of ประสิทธิภาพ reads ท|ธิ): not a word a reader types."""
        if not all(p in syllables for p in pieces):
            return None
        return "inside" if len(pieces) > 1 else "syllables"

    pools: dict[str, set[str]] = {k: set() for k in ("words", "inside", "syllables", "phrases")}
    for doc in index_docs(site):
        for field in (doc["title"], doc["text"]):
            for block in re.split(r"<[^<>]*>", field):
                text = S.normalize(html.unescape(block).replace(S.ZWSP, "")).lower()
                for token in re.split(S.SEPARATOR, text):
                    if token and not re.search(f"[{THAI_LETTER}]", token):
                        pools["words"].add(token)
                # Thai runs with only spaces between them are read as one phrase.
                for phrase in re.findall(f"[{THAI_LETTER}]+(?:\\s+[{THAI_LETTER}]+)*", text):
                    words = [w for run in phrase.split() for w in segmenter.words_of(run)]
                    pools["words"].update(words)
                    for n in (2, 3, 4):
                        pools["phrases"].update(
                            "".join(words[i : i + n]) for i in range(len(words) - n + 1)
                        )
                    for word in words:
                        for i in range(1, len(word) - 1):
                            for j in range(i + 2, len(word) + 1):
                                if word[i:j] in dictionary:
                                    kind = kind_of(segmenter.syllables(word[i:j]))
                                    if kind:
                                        pools[kind].add(word[i:j])
    return {
        kind: random.Random(f"{name}:{kind}").sample(sorted(pool), min(SAMPLE, len(pool)))
        for kind, pool in pools.items()
    }


@pytest.mark.slow
@pytest.mark.browser  # runs the built site's search worker in Node
def test_an_oracle_sample_of_each_sites_own_words_is_found(
    sites: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Every page whose text holds a sampled query where a word starts is found, and
    no other; how many pages hold it only inside a word (a lone syllable there: เมิน
    of ประเมิน) is counted against the plain oracle (every page holding it at all)."""
    failures: list[str] = []
    lines: list[str] = []
    for name, site in sites.items():
        samples = sample_queries(name, site)
        answers = run_worker(site, sorted({q for qs in samples.values() for q in qs}))
        for kind, queries in samples.items():
            held = expected = found_expected = found_inside = 0
            for q in queries:
                found = {_page(loc) for loc in answers[q]["locations"]}
                anywhere, starts = oracle(site, q), at_word_start(site, q)
                assert starts <= anywhere, (name, q)
                held += len(anywhere)
                expected += len(starts)
                found_expected += len(starts & found)
                found_inside += len(found & (anywhere - starts))
                if starts - found:
                    failures.append(f"{name} {kind}: {q!r} missed {sorted(starts - found)}")
                if found - starts:
                    failures.append(f"{name} {kind}: {q!r} found {sorted(found - starts)}")
            lines.append(
                f"{name:9} {kind:9} {len(queries):4} queries: recall {found_expected}/{expected}"
                f" of the pages holding them at a word start; {held - expected} of {held}"
                f" oracle pages hold them only inside a word ({found_inside} found)"
            )
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert not failures, "\n".join(failures[:40]) + f"\n{len(failures)} failures"


# --- what a result shows -------------------------------------------------------


def crafted_site(site: Path, folder: Path, docs: list[dict[str, Any]]) -> Path:
    """A folder with ``site``'s own (patched) search worker and an index of ``docs``
    (title and text as Material writes them, segmented as the build does)."""
    workers = folder / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    for worker in (site / "assets" / "javascripts" / "workers").glob("search.*.js"):
        shutil.copy(worker, workers / worker.name)
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    index["docs"] = docs
    (folder / "search").mkdir()
    (folder / "search" / "search_index.json").write_text(
        S.index_json(index["config"], docs, ()), encoding="utf-8"
    )
    return folder


def shown(html_text: str) -> str:
    """What a reader reads of a result's HTML: tags out, entities decoded."""
    return html.unescape(re.sub(r"<[^>]*>", "", html_text))


@pytest.mark.slow
@pytest.mark.browser  # runs the built site's search worker in Node
def test_a_result_shows_the_passage_that_holds_the_query(
    sites: dict[str, Path], tmp_path: Path
) -> None:
    filler = "หน่วยงานจัดทำแผนปฏิบัติการประจำปีและรายงานผลต่อผู้บริหาร " * 30
    docs = [
        {
            "location": "a/",
            "title": "รายงาน",
            "text": f"<p>{filler}</p><p>{filler}ให้มีประสิทธิภาพมากยิ่งขึ้น {filler}</p>",
        },
        {"location": "a/#b", "title": "มาตรการป้องกันการทุจริต", "text": f"<p>{filler}</p>"},
        {
            "location": "c/",
            "title": "ข้อ &lt;b&gt;",
            "text": "<p>&lt;script&gt;alert(1)&lt;/script&gt; ทุจริต &amp; สินบน</p>",
        },
    ]
    site = crafted_site(sites["content"], tmp_path / "site", docs)
    queries = ["ประสิทธิภาพมากยิ่งขึ้น", "ทุจริต", "script", "สินบน ปลาทูน่า"]
    answers = run_worker(site, queries, items=True)

    (deep,) = answers["ประสิทธิภาพมากยิ่งขึ้น"]["items"]
    # The passage around the match, not the start of the section, and a short one.
    assert "<mark>ประสิทธิภาพมากยิ่งขึ้น</mark>" in deep["text"]
    assert deep["text"].startswith("<p>… ")
    assert deep["text"].endswith(" …</p>")
    passage = shown(deep["text"]).strip("… ")
    assert len(passage) < 200
    assert passage in " ".join(shown(docs[0]["text"]).split())
    assert "\u200b" not in deep["text"] + deep["title"]

    by_location = {item["location"]: item for item in answers["ทุจริต"]["items"]}
    # Found by its title only: the title marked, the text its first words.
    title_only = by_location["a/#b"]
    assert title_only["title"] == "มาตรการป้องกันการ<mark>ทุจริต</mark>"
    assert "<mark>" not in title_only["text"]
    assert shown(title_only["text"]).startswith("หน่วยงานจัดทำแผน")
    assert len(shown(title_only["text"])) < 200
    # Text that looks like markup stays text.
    escaped = by_location["c/"]
    assert "<script" not in escaped["text"]
    assert "&lt;script&gt;" in escaped["text"]
    assert escaped["title"] == "ข้อ &lt;b&gt;"
    assert "<mark>ทุจริต</mark> &amp; สินบน" in escaped["text"]
    (script,) = answers["script"]["items"]
    assert "&lt;<mark>script</mark>&gt;" in script["text"]
    # No page holds every part: the pages holding some, the missing part marked as
    # missing (Material shows it struck through).
    (some,) = answers["สินบน ปลาทูน่า"]["items"]
    assert some["location"] == "c/"
    assert some["terms"] == {"สินบน": True, "ปลาทูน่า": False}


def test_a_segmenter_for_one_text_segments_it_as_the_full_dictionary_does() -> None:
    texts = [
        p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "seeds").glob("*/source.txt"))
    ]
    full = S.Segmenter(["เทศบาลตำบลบ้านสวนงาม"])
    for text in texts:
        one = S.Segmenter(["เทศบาลตำบลบ้านสวนงาม"], corpus=[text])
        assert one.segment(text) == full.segment(text)


def test_the_word_list_is_read_as_pythainlp_reads_it() -> None:
    # A build reads the list line by line (never holding it): the same words.
    from pythainlp.corpus import thai_words

    from site_builder.search import dictionary

    assert frozenset(dictionary.dictionary_words()) == thai_words()
    one = S.Segmenter(["นางสาวอรุณี กะนอง"], corpus=["มีประสิทธิภาพ กะนอง"])
    assert "ประสิทธิภาพ" in one.words
    assert "กะนอง" in one.words
    assert "สินบน" not in one.words  # not in the text: not kept
    assert "สินบน" in S.Segmenter().words
    assert S.Segmenter(corpus=["no Thai at all"]).segment("no Thai at all") == "no Thai at all"


def test_a_long_preview_loads_a_few_small_dictionaries_then_the_full_one() -> None:
    from site_builder.search import dictionary

    full = S.Segmenter()
    names = {S.Segmenter(corpus=[f"ประเมินผล{'ก' * n}"])._name for n in range(8)}  # noqa: SLF001
    assert len(dictionary.FILTERED) <= dictionary.MAX_FILTERED
    assert full._name in names  # noqa: SLF001 (past the budget: the full dictionary)
