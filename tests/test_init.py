"""init: a new municipality's repository, and new-year starting a first year.

``site-builder init DIR`` writes only into a folder that does not exist or is empty,
through a staging folder renamed into place; what it writes passes ``check`` and builds,
and its CI files are read as data and their conditions evaluated with the interpreters of
tests/test_publish.py.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from helpers import run_cli, write_tree
from site_builder.tree.loader import load


def _digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


# --- new-year: the first year ------------------------------------------------------


def test_new_year_starts_a_first_year_when_the_content_has_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = write_tree(tmp_path / "content", {"site.yml": "organization: {name: เทศบาลตำบลก}\n"})
    code, _, err = run_cli("new-year", "2569", "--content", str(content), capsys=capsys)
    assert code == 0, err
    assert "เริ่มปีงบประมาณ 2569 แล้ว" in err
    assert sorted(k for k in _digest(content) if k.startswith("2569/")) == [
        "2569/analysis.yml",
        "2569/measures.yml",
        "2569/reports/6-month.yml",
        "2569/reports/annual.yml",
    ]
    assert not [p for p in content.iterdir() if p.name.startswith(".")]
    # Every file is a draft: checked, listed, never published.
    loaded = load(content)
    (year,) = loaded.years
    assert (year.year, year.analysis, year.measures, year.reports) == (2569, None, None, ())
    assert [Path(d).as_posix().split("/2569/")[1] for d in year.drafts] == [
        "analysis.yml",
        "measures.yml",
        "reports/6-month.yml",
        "reports/annual.yml",
    ]
    # As drafts they hold what a first year needs: every indicator, one example measure
    # that the reports follow.
    (drafted,) = load(content, include_drafts=True).years
    assert drafted.analysis is not None
    assert drafted.analysis.assessment_year == 2568
    assert [i.no for i in drafted.analysis.indicators] == list(range(1, 11))
    assert drafted.measures is not None
    (measure,) = drafted.measures.measures
    assert (measure.no, measure.indicators, measure.period) == (
        1,
        (9,),
        ("ตลอดปีงบประมาณ พ.ศ. 2569",),
    )
    assert [r.data.round for r in drafted.reports] == ["6-month", "annual"]
    assert [[res.measure for res in r.data.results] for r in drafted.reports] == [[1], [1]]
    code, _, err = run_cli("check", "--content", str(content), capsys=capsys)
    assert code == 0, err
    assert "ฉบับร่าง (ตรวจแล้ว ไม่เผยแพร่):" in err


def test_new_year_after_a_first_year_copies_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = write_tree(tmp_path / "content", {"site.yml": "organization: {name: เทศบาลตำบลก}\n"})
    assert run_cli("new-year", "2569", "--content", str(content), capsys=capsys)[0] == 0
    # Years exist now: one before all of them has nothing to be copied from.
    code, _, err = run_cli("new-year", "2568", "--content", str(content), capsys=capsys)
    assert code == 1
    assert "ไม่มีปีงบประมาณก่อนปี 2568 ในเนื้อหาให้คัดลอกมา" in err
    assert not (content / "2568").exists()
