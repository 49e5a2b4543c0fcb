"""The URL scheme is a public contract (DESIGN.md, "URLs"): assessors bookmark the URLs
and paste them into ITAS. Every URL of the sample tree and of the bundled content, with
and without directory URLs, is listed in tests/urls.txt; a change there is deliberate
(``UPDATE_SNAPSHOTS=1 pytest tests/test_urls.py``) and goes in the CHANGELOG."""

from __future__ import annotations

import os
from pathlib import Path

from helpers import ROOT
from sample import sample_tree
from site_builder import paths
from site_builder.plan import build_plan
from site_builder.tree.loader import load

LIST = Path(__file__).parent / "urls.txt"


def _urls(content: Path, directory_urls: bool) -> list[str]:
    plan = build_plan(load(content), directory_urls=directory_urls)
    return sorted("/" + paths.page_url(p, directory_urls) for p in plan.site_paths())


def test_every_url_of_the_sample_tree_and_the_bundled_content_is_unchanged(tmp_path: Path) -> None:
    sample = sample_tree(tmp_path / "content")
    sections = {
        "sample tree, directory URLs": _urls(sample, True),
        "sample tree, plain URLs": _urls(sample, False),
        "bundled content, directory URLs": _urls(ROOT / "content", True),
    }
    text = "".join(
        f"# {name}\n" + "".join(u + "\n" for u in urls) for name, urls in sections.items()
    )
    if os.environ.get("UPDATE_SNAPSHOTS"):
        LIST.write_text(text, encoding="utf-8")
    assert text == LIST.read_text(encoding="utf-8"), (
        "a URL of the site changed: if that is meant, regenerate tests/urls.txt with "
        "UPDATE_SNAPSHOTS=1 and say so in the CHANGELOG"
    )


def test_the_builders_spell_the_design_table() -> None:
    assert [
        paths.page_url(p)
        for p in (
            paths.home(),
            paths.year(2566),
            paths.analysis(2566),
            paths.measures(2566),
            paths.measure(2566, 3),
            paths.report(2566, "6-month"),
            paths.year_indicator(2566, 9),
            paths.indicator(9),
            paths.oit(2566),
            paths.page(2566, "no-gift"),
            paths.guide("index"),
            paths.attachment(2566, "files/a b.pdf"),
            paths.data_json(2566),
            paths.measures_csv(2566),
            paths.oit_csv(2566),
        )
    ] == [
        "",
        "2566/",
        "2566/analysis/",
        "2566/measures/",
        "2566/measures/3/",
        "2566/reports/6-month/",
        "2566/indicators/9/",
        "indicators/9/",
        "2566/oit/",
        "2566/pages/no-gift/",
        "guide/",
        "2566/files/a b.pdf",
        "data/2566.json",
        "data/2566-measures.csv",
        "data/2566-oit.csv",
    ]
    assert paths.absolute(paths.attachment(2566, "files/ก ข.pdf"), "https://x.go.th/ita/") == (
        "https://x.go.th/ita/2566/files/%E0%B8%81%20%E0%B8%82.pdf"
    )
    assert paths.link(paths.measure(2566, 3), paths.oit(2566)) == "../../oit/"
    assert (
        paths.link(paths.measure(2566, 3), paths.oit(2566), directory_urls=False) == "../oit.html"
    )
