"""The staff guide is for staff (issue 14, item 6): its pages stay out of the public search
and the sitemap, while they and the footer link to them keep working."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from helpers import page_html, run_cli
from sample import sample_tree
from site_builder import guide, paths

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.slow
def test_the_guide_is_in_neither_the_search_index_nor_the_sitemap_and_still_works(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = sample_tree(chdir_tmp / "content")
    site_yml = content / "site.yml"
    site_yml.write_text(
        site_yml.read_text(encoding="utf-8") + "site_url: https://www.test.go.th/ita/\n",
        encoding="utf-8",
    )
    code, _, err = run_cli("build", "--content", "content", "--site-dir", "site", capsys=capsys)
    assert code == 0, err
    site = chdir_tmp / "site"
    docs = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    locations = {d["location"].split("#")[0] for d in docs}
    assert locations, "the index has the public pages"
    assert not [loc for loc in locations if loc.startswith(f"{paths.GUIDE_FOLDER}/")]
    assert "2566/measures/" in locations
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://www.test.go.th/ita/2566/measures/</loc>" in sitemap
    assert "/guide/" not in sitemap
    for name, title in guide.PAGES:
        page = site / paths.output_file(paths.guide(name))
        assert page.is_file(), name
        assert title in page.read_text(encoding="utf-8")
    assert 'href="guide/"' in page_html(site, "/")
