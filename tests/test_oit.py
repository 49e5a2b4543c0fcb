"""OIT readiness: the /<year>/oit/ page, the CSV for the NACC system, open data, the command."""

from __future__ import annotations

import csv
import io
import json
import re
import urllib.parse
from pathlib import Path

import pytest

from helpers import page_html, page_text, run_cli, write_tree
from site_builder import oit
from site_builder.plan import build_plan
from site_builder.tree.loader import load

SITE = "organization: {name: เทศบาลตำบลทดสอบ, website: https://www.test.go.th}\n"
MEASURES = """
measures:
  - {no: 1, title: เผยแพร่ข้อมูล, indicators: [9], oit: [O7], steps: ทำ, responsible: สำนักปลัด}
  - {no: 2, title: ป้องกันการทุจริต, indicators: [10], steps: ทำ, responsible: สำนักปลัด}
"""


def two_years(root: Path) -> Path:
    return write_tree(
        root,
        {
            "site.yml": SITE,
            "2565/analysis.yml": "announced: 2564-09-01\noverall: {score: 90}\n",
            "2565/measures.yml": MEASURES,
            "2565/reports/6-month.yml": "round: 6-month\nreported: 2565-04-05\nresults: [{measure: 1, status: done, actions: จัดอบรมแล้ว}]\n",
            "2565/pages/complaints.md": "---\ntitle: สถิติเรื่องร้องเรียน\noit: [O31]\nupdated: 2565-04-01\n---\nไม่มีเรื่องร้องเรียน\n",
            "2565/pages/plan.md": "---\ntitle: แผนดำเนินงาน\noit: [o10]\nupdated: 2564-06-01\n---\nแผนเก่า\n",
            "2569/analysis.yml": "overall: {score: 97.73}\ntools: {IIT: 99.5, EIT1: 99.89, EIT2: 99.33, OIT: 95}\n",
            "2569/measures.yml": MEASURES.replace("O7", "O4"),
            "2569/reports/annual.yml": "round: annual\nresults: [{measure: 2, status: in_progress, actions: อยู่ระหว่างจัดทำ}]\n",
            "2569/pages/no-gift.md": "---\ntitle: No Gift\nredirect_from: [nogift, no-gift-2568]\noit: [O20]\n---\nไม่รับของขวัญ\n",
        },
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from site_builder import cli

    root = tmp_path_factory.mktemp("oit")
    content = two_years(root / "content")
    assert cli.main(["build", "--content", str(content), "--site-dir", str(root / "site")]) == 0
    return root / "site"


def _rows(site: Path, year: int) -> dict[str, list[str]]:
    raw = (site / f"data/{year}-oit.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())  # Excel opens Thai correctly
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["ข้อ", "ชื่อข้อมูล", "ตัวชี้วัดย่อย", "สถานะ", "URL", "คำอธิบาย"]
    return {r[0]: r for r in rows[1:]}


def test_2565_catalogue_rows(site: Path) -> None:
    rows = _rows(site, 2565)
    assert list(rows) == [f"O{i}" for i in range(1, 44)]
    assert rows["O31"][1:5] == [
        "ข้อมูลเชิงสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบประจำปี",
        "9.5",
        "มี",
        "/2565/pages/complaints/",
    ]
    assert rows["O42"][3:5] == ["มี", "/2565/analysis/\n/2565/measures/"]
    assert rows["O43"][3:5] == ["มี", "/2565/reports/6-month/"]
    assert rows["O7"][4] == "/2565/measures/1/"
    assert rows["O1"][3:] == ["ไม่มี", "", ""]
    assert rows["O43"][5] == (
        "1. จากเว็บไซต์หลัก https://www.test.go.th เข้าสู่เว็บไซต์ ITA แล้วเลือก "
        "หน้าแรก > ปีงบประมาณ 2565 > รายงานผลการดำเนินการ > รอบ 6 เดือน"
    )


def test_2569_catalogue_rows(site: Path) -> None:
    rows = _rows(site, 2569)
    assert list(rows) == [f"O{i}" for i in range(1, 27)]
    assert rows["O25"][3:5] == ["มี", "/2569/analysis/\n/2569/measures/"]
    # O26 is the report on the previous fiscal year's measures: 2569's own report does not
    # serve it, and without a 2568 folder nothing does (the explanation says what to add).
    assert rows["O26"][3:5] == ["ไม่มี", ""]
    assert rows["O26"][5] == (
        "ยังขาด: ต้องมีรายงานผลการดำเนินการตามมาตรการของปีงบประมาณ 2568: "
        "เพิ่มโฟลเดอร์ 2568/ และไฟล์ 2568/reports/annual.yml"
    )
    assert rows["O20"][4] == "/2569/pages/no-gift/"
    assert rows["O4"][4] == "/2569/measures/1/"


def test_oit_page_groups_links_and_flags(site: Path) -> None:
    text = page_text(site, "/2565/oit/")
    assert "ตัวชี้วัดย่อยที่ 9.5 การส่งเสริมความโปร่งใส" in text
    assert "ตัวชี้วัดย่อยที่ 10.2 มาตรการภายในเพื่อป้องกันการทุจริต" in text
    row = re.search(r'<tr id="o31">.*?</tr>', page_html(site, "/2565/oit/"), re.S)
    assert row
    assert "สถิติเรื่องร้องเรียน" in row.group(0)
    assert "มีข้อมูล" in row.group(0)
    assert 'href="../pages/complaints/"' in row.group(0)
    # O10 (2565: a current-year plan) served only by a page updated before the fiscal year began.
    o10 = re.search(r'<tr id="o10">.*?</tr>', page_html(site, "/2565/oit/"), re.S)
    assert o10
    assert "ข้อมูลเป็นของปีก่อน" in o10.group(0)
    assert "ยังไม่มีข้อมูล" in page_text(site, "/2565/oit/")
    assert "มีข้อมูล 5 จาก 43 ข้อ" in text


def test_open_data(site: Path) -> None:
    data = json.loads((site / "data/2565.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == 1
    assert data["fiscal_year"] == 2565
    assert data["organization"]["name"] == "เทศบาลตำบลทดสอบ"
    assert data["analysis"]["announced"] == "2021-09-01"
    assert data["analysis"]["level"] == "A"
    assert [m["title"] for m in data["measures"]["measures"]] == ["เผยแพร่ข้อมูล", "ป้องกันการทุจริต"]
    assert data["reports"][0]["period"] == {"from": "2021-10-01", "to": "2022-03-31"}
    assert data["reports"][0]["url"] == "/2565/reports/6-month/"
    assert next(i for i in data["oit"] if i["code"] == "O31")["urls"] == ["/2565/pages/complaints/"]
    rows = list(
        csv.reader(io.StringIO((site / "data/2565-measures.csv").read_text(encoding="utf-8-sig")))
    )
    assert rows[1][:7] == [
        "1",
        "เผยแพร่ข้อมูล",
        "9",
        "สำนักปลัด",
        "",
        "ดำเนินการแล้ว",
        "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน รอบ 6 เดือน ปีงบประมาณ พ.ศ. 2565",
    ]
    assert rows[2][5:7] == ["", ""]
    year = page_html(site, "/2565/")
    assert 'href="../data/2565.json"' in year
    assert 'href="../oit/"' not in year
    assert 'href="oit/"' in year


def test_renamed_page_keeps_its_old_url(site: Path) -> None:
    for old in ("nogift", "no-gift-2568"):
        html = (site / f"2569/pages/{old}/index.html").read_text(encoding="utf-8")
        assert 'content="0; url=../no-gift/"' in html


def test_absolute_urls_from_site_url(tmp_path: Path) -> None:
    content = load(two_years(tmp_path / "content"))
    plan = build_plan(content, site_url="https://www.test.go.th/ita/")
    rows = list(csv.reader(io.StringIO(plan.extra["data/2565-oit.csv"].lstrip("\ufeff"))))
    o31 = next(r for r in rows if r[0] == "O31")
    assert o31[4] == "https://www.test.go.th/ita/2565/pages/complaints/"


def test_unknown_code_is_refused(chdir_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tree(
        chdir_tmp,
        {
            "content/site.yml": SITE,
            "content/2569/measures.yml": MEASURES.replace("O7", "O42"),
            "content/2569/pages/x.md": "---\ntitle: x\noit: [O99]\n---\n",
        },
    )
    code, _, err = run_cli("check", "--content", "content", capsys=capsys)
    assert code == 1
    lines = err.splitlines()
    assert lines[0].startswith(
        "content/2569/measures.yml:2: measures[0].oit[0]: ไม่มีข้อ O42 ในรายการ OIT ปี 2569: ข้อ OIT ปี 2569 มี: O1, O2,"
    )
    assert lines[0].endswith("O26 (เพิ่มหรือแก้รายการได้ที่ frameworks/2569.yml)")
    assert lines[1].startswith("content/2569/pages/x.md:3: oit[0]: ไม่มีข้อ O99 ในรายการ OIT ปี 2569")


@pytest.mark.slow
def test_oit_command(tmp_path: Path, capsys: pytest.CaptureFixture[str], site: Path) -> None:
    content = two_years(tmp_path / "content")
    code, out, _ = run_cli("oit", "2565", "--content", str(content), capsys=capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "ความพร้อม OIT ปีงบประมาณ 2565"
    # What is still missing comes first.
    assert lines[2] == "ยังขาด 38 ข้อ:"
    assert lines[3].startswith("- O1 โครงสร้าง ยังไม่มีข้อมูล")
    summary = next(line for line in lines if line.startswith("มีข้อมูล "))
    assert summary.startswith(
        "มีข้อมูล 5 จาก 43 ข้อ · มีบางส่วน 0 ข้อ · ยังไม่มีข้อมูล 38 ข้อ · ข้อมูลเป็นของปีก่อน 1 ข้อ"
    )
    assert lines.index(summary) > lines.index("ยังขาด 38 ข้อ:") + 38
    assert "✓ O31 ข้อมูลเชิงสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบประจำปี: มี" in lines
    assert "    /2565/pages/complaints/ (1 เมษายน 2565)" in lines
    assert "✗ O1 โครงสร้าง: ไม่มี" in lines
    assert "! O10 แผนดำเนินงานประจำปี: มี" in lines
    assert "- มาตรการที่ 2 ยังไม่มีผลการดำเนินการในรายงานใด" in lines
    code, out, _ = run_cli("oit", "2569", "--content", str(content), capsys=capsys)
    assert "- ยังไม่มีรายงานผลรอบ 6 เดือน (reports/6-month.yml)" in out.splitlines()
    code = run_cli("oit", "2569", "--csv", "--content", str(content), capsys=capsys)[0]
    assert code == 0
    assert run_cli("oit", "2570", "--content", str(content), capsys=capsys)[0] == 1


def test_oit_csv_command_prints_the_site_csv(
    tmp_path: Path, capfdbinary: pytest.CaptureFixture[bytes], site: Path
) -> None:
    from site_builder import cli

    content = two_years(tmp_path / "content")
    assert cli.main(["oit", "2565", "--csv", "--content", str(content)]) == 0
    out, _ = capfdbinary.readouterr()
    assert out == (site / "data/2565-oit.csv").read_bytes()


def test_readiness_order_is_numeric(tmp_path: Path) -> None:
    content = load(two_years(tmp_path / "content"))
    codes = [s.item.code for s in oit.readiness(content.years[0])]
    assert codes[:3] == ["O1", "O2", "O3"]
    assert codes[9] == "O10"


def test_redirect_names_are_checked(chdir_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tree(
        chdir_tmp,
        {
            "content/site.yml": SITE,
            "content/2569/pages/a.md": "---\ntitle: A\nredirect_from: [b, Old Name]\n---\n",
            "content/2569/pages/b.md": "---\ntitle: B\n---\n",
        },
    )
    code, _, err = run_cli("check", "--content", "content", capsys=capsys)
    assert code == 1
    assert err.splitlines()[:2] == [
        "content/2569/pages/a.md:3: redirect_from[0]: มีหน้า pages/b.md อยู่แล้ว: URL เดิมนี้ยังใช้งานอยู่ จึงส่งต่อไม่ได้",
        "content/2569/pages/a.md:3: redirect_from[1]: ต้องเป็นชื่อไฟล์เดิมที่ไม่มี .md (อักษรอังกฤษตัวเล็ก ตัวเลข และ -) เช่น nogift (พบ 'Old Name')",
    ]


def test_urls_do_not_move_when_a_year_is_added_or_content_edited(tmp_path: Path) -> None:
    one = two_years(tmp_path / "one")
    before = build_plan(load(one)).extra["data/2565-oit.csv"]
    (one / "2569" / "measures.yml").write_text(
        MEASURES.replace("เผยแพร่ข้อมูล", "ปรับชื่อมาตรการ"), encoding="utf-8"
    )
    write_tree(one, {"2570/measures.yml": MEASURES.replace("O7", "O4")})
    after = build_plan(load(one)).extra["data/2565-oit.csv"]
    assert before == after


def test_file_urls_in_open_data_are_percent_encoded(demo_site: Path) -> None:
    """A scan named in Thai with spaces is one working link in the JSON and CSVs."""
    data = json.loads((demo_site / "data/2566.json").read_text(encoding="utf-8"))
    urls = [f["url"] for f in data["files"]]
    assert urls
    assert all(u.isascii() and " " not in u for u in urls)
    assert any("คู่มือ ยืมคืนทรัพย์สิน.pdf" in urllib.parse.unquote(u) for u in urls)
    for url in urls:
        assert (demo_site / urllib.parse.unquote(url).lstrip("/")).is_file(), url
