"""The five seed documents, transcribed into content trees, are on the built site fact by fact.

``tests/fixtures/seeds/NNN/`` holds the document as extracted (``source.txt``), its
content tree, and ``facts.yml``. The test cuts the document into its facts (every
table cell, list item and paragraph, with the extraction's ``<p>`` remnants and list
numbers removed) and checks that each one is visible on the built site. Spaces are
ignored (the extraction splits and joins Thai words at random). ``facts.yml`` lists,
with a reason, the few fragments that are not expected verbatim: ``fixes`` maps a
broken fragment to its corrected form, ``replace`` mends a word the extraction garbled everywhere, ``layout`` names headings of the original
layout that the site replaces by its own, and ``pages`` adds facts checked on a
given page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from helpers import FIXTURES, page_text, visible_text

SEEDS = sorted(p.parent for p in (FIXTURES / "seeds").glob("*/facts.yml"))
_MARKER = re.compile(r"(?:^|\s)(?:[0-9๐-๙]{1,2}\s?[.)](?![0-9๐-๙])|[-➤•])\s*")
_LETTER = re.compile(r"[A-Za-z\u0e01-\u0e2e]")


def fragments(text: str) -> list[str]:
    """The facts of an extracted document: cells, items and paragraphs, spaces removed."""
    text = re.sub(r"<[^>]+>", "\n", text)
    text = re.sub(r"[#*]+", " ", text)  # Markdown heading and bold marks of the extraction
    pieces = []
    for cell in re.split(
        r"[\t\n]+| {2,}", text
    ):  # tabs, lines, and the double spaces between items
        for piece in _MARKER.split(cell):
            squeezed = "".join(piece.split())
            if len(_LETTER.findall(squeezed)) >= 2:
                pieces.append(squeezed)
    return pieces


def _squeeze(text: str) -> str:
    return "".join(text.split())


def test_all_five_seeds_are_transcribed() -> None:
    assert [s.name for s in SEEDS] == ["000", "001", "002", "003", "004"]


@pytest.fixture(scope="module", params=SEEDS, ids=[s.name for s in SEEDS])
def seed_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path]:
    from site_builder import cli

    seed: Path = request.param
    site = tmp_path_factory.mktemp(f"seed{seed.name}") / "site"
    assert cli.main(["build", "--content", str(seed), "--site-dir", str(site)]) == 0
    return seed, site


@pytest.mark.slow  # with its seed's build (about 1.3 s)
def test_every_fact_of_the_document_is_on_the_site(seed_site: tuple[Path, Path]) -> None:
    seed, site = seed_site
    spec = yaml.safe_load((seed / "facts.yml").read_text(encoding="utf-8")) or {}
    fixes = {_squeeze(k): _squeeze(v) for k, v in (spec.get("fixes") or {}).items()}
    layout = {_squeeze(k) for k in spec.get("layout") or []}
    everything = _squeeze(
        " ".join(
            visible_text(p.read_text(encoding="utf-8")) for p in sorted(site.rglob("index.html"))
        )
    )
    source = (seed / "source.txt").read_text(encoding="utf-8")
    for broken, fixed in (spec.get("replace") or {}).items():
        source = source.replace(broken, fixed)
    facts = fragments(source)
    missing = [f for f in facts if f not in layout and fixes.get(f, f) not in everything]
    assert missing == [], f"{len(missing)} of {len(facts)} facts are not on the site"
    unused = [k for k in list(fixes) + list(layout) if k not in facts]
    assert unused == [], "facts.yml names fragments the document does not have"


@pytest.mark.slow  # with its seed's build (about 1.3 s)
def test_facts_are_on_their_pages(seed_site: tuple[Path, Path]) -> None:
    seed, site = seed_site
    spec = yaml.safe_load((seed / "facts.yml").read_text(encoding="utf-8")) or {}
    pages = spec.get("pages") or {}
    assert pages, "facts.yml should name key facts per page"
    missing = [
        f"{url}: {fact}"
        for url, facts in pages.items()
        for fact in facts
        if _squeeze(str(fact)) not in _squeeze(page_text(site, url))
    ]
    assert missing == []
