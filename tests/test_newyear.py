"""new-year: a fiscal year started from the one before, never overwriting anything."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from helpers import run_cli
from sample import sample_tree
from site_builder.newyear import bump_years
from site_builder.tree.loader import load


def _digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_bump_years_keeps_digits_and_non_years() -> None:
    assert bump_years("ตลอดปีงบประมาณ พ.ศ. 2566") == "ตลอดปีงบประมาณ พ.ศ. 2567"
    assert bump_years("ปีงบประมาณ พ.ศ. ๒๕๖๖ (ตุลาคม ๖๕)") == "ปีงบประมาณ พ.ศ. ๒๕๖๗ (ตุลาคม ๖๕)"
    assert (
        bump_years("อย่างน้อย 1 ภารกิจ ภายใน 2023 วัน 12345") == "อย่างน้อย 1 ภารกิจ ภายใน 2023 วัน 12345"
    )


def test_new_year_carries_measures_and_validates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = sample_tree(tmp_path / "content")
    before = _digest(content)
    code, _, err = run_cli("new-year", "2568", "--content", str(content), capsys=capsys)
    assert code == 0, err
    assert "เริ่มปีงบประมาณ 2568 แล้ว" in err
    # Nothing that existed changed.
    after = _digest(content)
    assert {k: v for k, v in after.items() if not k.startswith("2568/")} == before
    assert sorted(k for k in after if k.startswith("2568/")) == [
        "2568/analysis.yml",
        "2568/measures.yml",
        "2568/reports/6-month.yml",
        "2568/reports/annual.yml",
    ]
    year = next(y for y in load(content, include_drafts=True).years if y.year == 2568)
    assert year.measures is not None
    m = year.measures.measures[0]
    assert (m.no, m.title, m.steps, m.responsible[0].unit) == (
        1,
        "ทบทวนคู่มือต่อเนื่อง",
        ("ทบทวน",),
        "สำนักปลัด",
    )
    assert [r.data.round for r in year.reports] == ["6-month", "annual"]
    assert [res.measure for res in year.reports[0].data.results] == [1]
    assert year.analysis is not None
    assert year.analysis.assessment_year == 2567
    assert [i.no for i in year.analysis.indicators] == list(range(1, 11))
    for name in ("analysis.yml", "measures.yml", "reports/6-month.yml"):
        first = (content / "2568" / name).read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        assert first.endswith(".schema.json")


def test_dates_and_periods_move_on_a_year(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = sample_tree(tmp_path / "content")
    (content / "2567" / "measures.yml").unlink()
    (content / "2567" / "analysis.yml").unlink()
    (content / "2567").rmdir()
    assert run_cli("new-year", "2567", "--content", str(content), capsys=capsys)[0] == 0
    year = next(y for y in load(content, include_drafts=True).years if y.year == 2567)
    assert year.measures is not None
    m = year.measures.measures[0]
    assert m.period == ("ปีงบประมาณ พ.ศ. 2567",)
    assert m.deadline is not None
    assert m.deadline.isoformat() == "2024-01-31"
    assert m.responsible[1].person == "นางสาวยุภาวดี คำมี"


def test_existing_year_is_refused_and_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = sample_tree(tmp_path / "content")
    before = _digest(content)
    code, _, err = run_cli("new-year", "2567", "--content", str(content), capsys=capsys)
    assert code == 1
    assert "มีโฟลเดอร์ปี 2567 อยู่แล้ว จะไม่เขียนทับไฟล์ที่มี" in err
    assert _digest(content) == before
    assert not [p for p in content.iterdir() if p.name.startswith(".")]


def test_broken_content_is_not_extended(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = sample_tree(tmp_path / "content")
    (content / "site.yml").write_text("organization: {}\n", encoding="utf-8")
    code, _, err = run_cli("new-year", "2568", "--content", str(content), capsys=capsys)
    assert code == 1
    assert "แก้ข้อผิดพลาดข้างต้นก่อน" in err
    assert not (content / "2568").exists()
