"""Thai search: segmentation units, and golden queries run through the built site's
own search worker (Material's, with the site-builder part in front) in Node.

The golden test reads ``tests/search_queries.yml``. For every query it asks the
worker, then compares with an oracle computed from the same index with the word
boundaries taken out (the text Material would index without this project): every
page whose text contains each typed part (in either digit form; Latin and numbers
at a word start) must be found (recall 100 %), and every page found must contain
them (no page found only through scattered pieces). The file also names pages that
must and must not be found, written by hand.
"""

from __future__ import annotations

import html
import json
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
    assert segmented.split(S.ZWSP)[-2:] == ["ใน", "หน่วยงาน</p>"]
    assert "ทุจริต" in segmented.split(S.ZWSP)[0] + segmented.split(S.ZWSP)[1]


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


def test_compound_parts(segmenter: S.Segmenter) -> None:
    assert "งบประมาณ" in segmenter.compound_parts("ปีงบประมาณ")
    assert "ประมาณ" in segmenter.compound_parts("ปีงบประมาณ")
    assert "สินบน" in segmenter.compound_parts("รับสินบน")
    assert "ป้องกัน" in segmenter.compound_parts("การป้องกัน")
    assert "บ้านสวนงาม" in segmenter.compound_parts("เทศบาลตำบลบ้านสวนงาม")
    # Single words cut into syllables would be noise.
    assert segmenter.compound_parts("คะแนน") == ()
    assert segmenter.compound_parts("ระดับ") == ()
    assert "เมิน" not in segmenter.compound_parts("การประเมิน")
    assert segmenter.compound_parts("ไตรมาส") == ()


def test_aliases_hold_compound_parts_and_the_other_digits(segmenter: S.Segmenter) -> None:
    aliases = segmenter.aliases(segmenter.segment("ปีงบประมาณ พ.ศ. ๒๕๖๖ คะแนน 92.45"))
    assert {"งบประมาณ", "2566", "๙๒.๔๕"} <= set(aliases)
    assert "๒๕๖๖" not in aliases  # already in the text
    assert segmenter.aliases("พ.ศ.2566") == ["2566", "๒๕๖๖"]


@pytest.mark.parametrize(("a", "b"), [("๒๕๖๖", "2566"), ("92.45", "๙๒.๔๕"), ("๑,๒๓๔", "1,234")])
def test_other_digits_both_ways(a: str, b: str) -> None:
    assert S.other_digits(a) == b
    assert S.other_digits(b) == a


def test_sara_am_is_normalised(segmenter: S.Segmenter) -> None:
    assert segmenter.segment("การดําเนินงาน").replace(S.ZWSP, "") == "การดำเนินงาน"


def test_index_rewrite_keeps_material_fields_and_adds_the_hidden_one(
    segmenter: S.Segmenter,
) -> None:
    index = {
        "config": {
            "lang": ["en"],
            "separator": "[\\s\\-]+",
            "pipeline": [],
            "fields": {"title": {"boost": 1000.0}},
        },
        "docs": [{"location": "a/", "title": "ปีงบประมาณ", "text": "<p>ปี ๒๕๖๖</p>"}],
    }
    out = S.rewrite_index(index, segmenter)
    assert out["config"]["separator"] == S.SEPARATOR
    assert out["config"]["fields"] == {
        "title": {"boost": 1000.0},
        "alias": {"boost": S.ALIAS_BOOST},
    }
    assert out["docs"][0]["location"] == "a/"
    assert set(out["docs"][0]["alias"].split()) == {"งบประมาณ", "ประมาณ", "2566"}
    assert re.fullmatch(S.SEPARATOR, S.ZWSP)


# --- the built site's own worker ---------------------------------------------


# Builds the bundled content and five seed sites (seconds): every test using it is slow.
@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("search")
    wanted = {q["site"] for q in QUERIES}
    built = {}
    for name in sorted(wanted):
        content = ROOT / "content" if name == "content" else FIXTURES / "seeds" / name.split("/")[1]
        built[name] = build_site(content, root / name.replace("/", "-"))
    return built


def run_worker(site: Path, queries: list[str]) -> dict[str, dict[str, Any]]:
    assert NODE, "node is needed: run `make test`, which installs it"
    done = subprocess.run(
        [NODE, str(HARNESS), str(site)],
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


def oracle(site: Path, query: str) -> set[str]:
    """Pages with a section (Material indexes each section as a document) whose
    text holds every typed part, as Material indexes it without this project (word
    boundaries taken out)."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    parts = [
        p for part in S.normalize(query).lower().split() for p in re.split(S.SEPARATOR, part) if p
    ]

    def holds(text: str, part: str) -> bool:
        for form in {part, S.other_digits(part)}:
            if re.match(r"[\u0e01-\u0e4e]", form):
                # Thai is written with spaces only between phrases: a reader may leave them out.
                if form in text or form in re.sub(r"\s+", "", text):
                    return True
            elif re.search(rf"(?<![0-9a-z\u0e50-\u0e59.,]){re.escape(form)}", text):
                return True
        return False

    return {
        _page(doc["location"])
        for doc in index["docs"]
        if all(holds(_flat(doc["title"] + " " + doc["text"]), p) for p in parts)
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
def test_the_worker_is_patched_once_and_the_index_is_utf8(sites: dict[str, Path]) -> None:
    site = sites["content"]
    (worker,) = (site / "assets" / "javascripts" / "workers").glob("search.*.min.js")
    code = worker.read_text(encoding="utf-8")
    assert code.startswith(S.WORKER_MARK)
    assert code.count(S.WORKER_MARK) == 1
    raw = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "\\u0e" not in raw
    assert "ทุจริต" in raw
    S.install(site, S.Segmenter())  # a second run (mkdocs serve rebuilds) changes nothing twice
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
