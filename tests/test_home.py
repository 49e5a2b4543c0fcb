"""The home page at a glance (issue 14, item 7): the latest overall score and level with
its change from the assessment before, the current year's measures with their status in
the latest report, the year's OIT readiness linking the OIT page; all from the data."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from helpers import page_html, page_text, run_cli
from sample import sample_tree
from site_builder import oit, thai, views
from site_builder.tree.loader import load

if TYPE_CHECKING:
    from pathlib import Path

    from site_builder.tree import Year


@pytest.mark.slow
def test_the_home_page_says_the_score_its_change_the_measures_and_oit_at_a_glance(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = sample_tree(tmp_path / "content", numerals="arabic")
    site = tmp_path / "site"
    code, _, err = run_cli(
        "build", "--content", str(content), "--site-dir", str(site), capsys=capsys
    )
    assert code == 0, err
    tree = load(content)
    scored = [(y, _score(y)) for y in tree.years]
    rated = [(y, v) for y, v in scored if v is not None]
    (latest, score), (before, previous) = rated[-1], rated[-2]
    text = " ".join(page_text(site, "/").split())
    assert f"ผลการประเมิน ITA ปี {latest.assessment_year}" in text
    assert f"{thai.format_score(score)} คะแนน" in text
    change = round(score - previous, 2)
    word = "เพิ่มขึ้น" if change > 0 else "ลดลง"
    assert f"{word} {thai.format_score(abs(change))} คะแนน จากปี {before.assessment_year}" in text
    level = views.level_of(latest)
    if level:
        assert f"ระดับ {level}" in text
    year = tree.years[-1]
    statuses = views.latest_statuses(year)
    assert f"มาตรการปีงบประมาณ พ.ศ. {year.year} {len(statuses)} มาตรการ" in text
    for key, label in views.STATUS_LABELS.items():
        n = sum(1 for _, st in statuses if st == key)
        assert (f"{label} {n}" in text) == bool(n), label
    readiness = oit.for_year(tree, year)
    served = sum(1 for s in readiness if s.available)
    assert f"{served} จาก {len(readiness)} ข้อ มีข้อมูล" in text
    html = page_html(site, "/")
    assert f'href="{year.year}/oit/"' in html
    assert f'aria-label="ข้อ OIT ที่มีข้อมูล {served} จาก {len(readiness)} ข้อ"' in html
    for m, _ in statuses:
        assert f'href="{year.year}/measures/{m.no}/"' in html


def _score(year: Year) -> float | None:
    """The overall score of a year's analysis, read from the data."""
    overall = year.analysis.overall if year.analysis else None
    return overall.score if overall else None
