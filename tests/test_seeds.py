"""The five seed documents, transcribed into content trees, are on the built site fact by fact.

Each ``tests/fixtures/seeds/NNN/`` holds a content tree and ``facts.yml``: for each
page URL, the strings of the document that must be visible on that page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, page_text

SEEDS = sorted(p.parent for p in (FIXTURES / "seeds").glob("*/facts.yml"))


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


def _norm(text: str) -> str:
    return " ".join(str(text).split())


def test_every_fact_is_on_its_page(seed_site: tuple[Path, Path]) -> None:
    seed, site = seed_site
    facts = yaml.safe_load((seed / "facts.yml").read_text(encoding="utf-8"))
    assert facts, "facts.yml is empty"
    missing = []
    count = 0
    for url, strings in facts.items():
        text = _norm(page_text(site, url))
        for fact in strings:
            count += 1
            if _norm(fact) not in text:
                missing.append(f"{url}: {fact}")
    assert missing == [], f"{len(missing)} of {count} facts missing"
    assert count >= 30
