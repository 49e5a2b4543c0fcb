"""Every OIT item of the year accounted for, about the right year, never claimed by a draft.

Trees for 2565 (O1–O43, whose O42 needs the analysis and the measures) and 2569
(O1–O26, whose O26 is the report on the previous year's measures), built with the real
CLI; the assertions read the CSV staff paste into ITAS, the public OIT page, the site's
files, sitemap, search index and open data.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from helpers import build, page_html, page_text, run_cli, write_tree

SITE = "organization: {name: เทศบาลตำบลทดสอบ, website: https://www.test.go.th}\n"
PDF = b"%PDF-1.4\n%test\n"
MEASURES = (
    "measures:\n  - {no: 1, title: เผยแพร่ข้อมูล, indicators: [9], steps: ทำ, responsible: สำนักปลัด}\n"
)
REPORT = (
    "round: {round}\nreported: {date}\nresults:\n  - {{measure: 1, status: done, actions: ทำแล้ว}}\n"
)


def oit_yml(codes: list[str], *, file_for: str | None = None) -> str:
    """An oit.yml that points every code at a page of the main website."""
    lines = ["items:"]
    for code in codes:
        link = (
            f"{{title: ไฟล์ {code}, file: files/{file_for}}}"
            if file_for and code == codes[0]
            else f"{{title: หน้า {code}, url: 'https://www.test.go.th/ita/{code.lower()}'}}"
        )
        lines.append(
            f"  - {{code: {code}, links: [{link}], explain: 'จากหน้าแรก เลือก {code}', updated: 2568-10-15}}"
        )
    return "\n".join(lines) + "\n"


def csv_rows(site: Path, year: int) -> dict[str, list[str]]:
    text = (site / f"data/{year}-oit.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    return {r[0]: r for r in rows[1:]}


@pytest.fixture(scope="module")
def site_2569(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from site_builder import cli

    root = tmp_path_factory.mktemp("oit2569")
    content = write_tree(
        root / "content",
        {
            "site.yml": SITE,
            "2568/measures.yml": MEASURES,
            "2568/reports/6-month.yml": REPORT.format(round="6-month", date="2568-04-05"),
            "2568/reports/annual.yml": REPORT.format(round="annual", date="2568-10-10"),
            "2569/analysis.yml": "overall: {score: 97.73}\nannounced: 2568-09-01\n",
            "2569/measures.yml": MEASURES,
            "2569/reports/6-month.yml": REPORT.format(round="6-month", date="2569-04-05"),
            "2569/reports/annual.yml": "draft: true\nround: annual\nresults:\n  - {measure: 1}\n",
            "2569/pages/secret-draft.md": "---\ntitle: ร่างลับเฉพาะ\ndraft: true\noit: [O20]\n---\nข้อความร่างที่ไม่เผยแพร่\n",
            "2569/files/structure.pdf": PDF,
            "2569/oit.yml": oit_yml([f"O{i}" for i in range(1, 25)], file_for="structure.pdf"),
        },
    )
    argv = ["build", "--content", str(content), "--site-dir", str(root / "site")]
    assert cli.main(argv) == 0
    return root / "site"


def test_an_oit_yml_that_accounts_for_every_item_gives_26_of_26(site_2569: Path) -> None:
    rows = csv_rows(site_2569, 2569)
    assert list(rows) == [f"O{i}" for i in range(1, 27)]
    assert {code: row[3] for code, row in rows.items()} == dict.fromkeys(rows, "มี")
    assert rows["O2"][4:] == ["https://www.test.go.th/ita/o2", "1. จากหน้าแรก เลือก O2"]
    assert rows["O1"][4] == "/2569/files/structure.pdf"
    assert "มีข้อมูล 26 จาก 26 ข้อ" in page_text(site_2569, "/2569/oit/")
    assert "สิ่งที่ยังขาด" not in page_text(site_2569, "/2569/oit/")


def test_the_2569_report_item_is_served_by_the_2568_report(site_2569: Path) -> None:
    rows = csv_rows(site_2569, 2569)
    assert rows["O26"][3:5] == ["มี", "/2568/reports/annual/"]
    assert "ปีงบประมาณ 2568" in rows["O26"][5]
    row = re.search(r'<tr id="o26">.*?</tr>', page_html(site_2569, "/2569/oit/"), re.S)
    assert row is not None
    assert "(ข้อมูลปีงบประมาณ ๒๕๖๘)" in row.group(0) or "(ข้อมูลปีงบประมาณ 2568)" in row.group(0)
    assert "/2569/reports/" not in rows["O26"][4]
    # O25 (the analysis and the measures of 2569) needs both, and has both.
    assert rows["O25"][4] == "/2569/analysis/\n/2569/measures/"


@pytest.mark.slow
def test_without_an_annual_report_the_latest_one_serves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = write_tree(
        tmp_path / "content",
        {
            "site.yml": SITE,
            "2568/measures.yml": MEASURES,
            "2568/reports/q1.yml": REPORT.format(round="q1", date="2568-01-10"),
            "2568/reports/6-month.yml": REPORT.format(round="6-month", date="2568-04-05"),
            "2569/measures.yml": MEASURES,
        },
    )
    site = build(content, tmp_path / "site", capsys)
    assert csv_rows(site, 2569)["O26"][3:5] == ["มี", "/2568/reports/6-month/"]


def test_drafts_are_not_published_anywhere(site_2569: Path) -> None:
    assert not (site_2569 / "2569/reports/annual").exists()
    assert not (site_2569 / "2569/pages/secret-draft").exists()
    for path in site_2569.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".xml", ".csv"}:
            text = path.read_text(encoding="utf-8-sig")
            assert "ร่างลับเฉพาะ" not in text, path
            assert "secret-draft" not in text, path
            assert "2569/reports/annual" not in text, path
    index = json.loads((site_2569 / "search/search_index.json").read_text(encoding="utf-8"))
    assert not [d for d in index["docs"] if "secret-draft" in d["location"]]
    data = json.loads((site_2569 / "data/2569.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in data["reports"]] == ["6-month"]
    # The draft page claimed O20: it serves nothing (O20 comes from oit.yml only).
    o20 = next(o for o in data["oit"] if o["code"] == "O20")
    assert o20["urls"] == ["https://www.test.go.th/ita/o20"]


def test_check_lists_drafts_and_oit_lists_missing_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = write_tree(
        tmp_path / "content",
        {
            "site.yml": SITE,
            "2565/measures.yml": MEASURES,
            "2565/reports/annual.yml": "draft: true\nround: annual\n",
        },
    )
    code, _, err = run_cli("check", "--content", str(content), capsys=capsys)
    assert code == 0
    assert "ฉบับร่าง (ตรวจแล้ว ไม่เผยแพร่): " in err
    assert "2565/reports/annual.yml" in err
    code, out, _ = run_cli("oit", "2565", "--content", str(content), capsys=capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[2].startswith("ยังขาด ")
    assert (
        "- O42 การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน มีบางส่วน: "
        "ยังไม่มีการวิเคราะห์ผลการประเมิน (2565/analysis.yml)"
    ) in lines or any(
        line.startswith("- O42 ") and "มีบางส่วน" in line and "analysis.yml" in line for line in lines
    )


def test_o42_needs_the_analysis_and_the_measures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = write_tree(tmp_path / "content", {"site.yml": SITE, "2565/measures.yml": MEASURES})
    site = build(content, tmp_path / "site", capsys)
    row = csv_rows(site, 2565)["O42"]
    assert row[3:5] == ["มีบางส่วน", "/2565/measures/"]
    assert "ยังขาด: ยังไม่มีการวิเคราะห์ผลการประเมิน (2565/analysis.yml)" in row[5]
    html = re.search(r'<tr id="o42">.*?</tr>', page_html(site, "/2565/oit/"), re.S)
    assert html is not None
    assert "มีบางส่วน" in html.group(0)
    text = page_text(site, "/2565/oit/")
    assert text.index("สิ่งที่ยังขาด") < text.index("ตัวชี้วัดย่อยที่")


@pytest.mark.slow
def test_2565_all_43_items(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    codes = [f"O{i}" for i in range(1, 42)]
    content = write_tree(
        tmp_path / "content",
        {
            "site.yml": SITE,
            "2565/analysis.yml": "overall: {score: 90}\n",
            "2565/measures.yml": MEASURES,
            "2565/reports/6-month.yml": REPORT.format(round="6-month", date="2565-04-05"),
            "2565/oit.yml": oit_yml(codes),
        },
    )
    site = build(content, tmp_path / "site", capsys)
    rows = csv_rows(site, 2565)
    assert len(rows) == 43
    assert {row[3] for row in rows.values()} == {"มี"}


@pytest.mark.slow
def test_a_pdf_only_measures_document_serves_its_items(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = write_tree(
        tmp_path / "content",
        {
            "site.yml": SITE,
            "2569/analysis.yml": "document: {title: การวิเคราะห์ฉบับลงนาม, file: files/analysis.pdf}\n",
            "2569/measures.yml": "document:\n  - {title: มาตรการฉบับลงนาม, file: files/measures.pdf, date: 2568-11-01}\n",
            "2569/files/analysis.pdf": PDF,
            "2569/files/measures.pdf": PDF,
        },
    )
    site = build(content, tmp_path / "site", capsys)
    text = page_text(site, "/2569/measures/")
    assert "มาตรการฉบับลงนาม" in text
    assert "1 พฤศจิกายน 2568" in text
    assert 'href="../files/measures.pdf"' in page_html(site, "/2569/measures/")
    assert "0 มาตรการ" not in page_text(site, "/2569/")
    assert "0 มาตรการ" not in page_text(site, "/")
    assert csv_rows(site, 2569)["O25"][3:5] == ["มี", "/2569/analysis/\n/2569/measures/"]


def test_the_public_oit_page_holds_no_developer_text(site_2569: Path) -> None:
    for year in (2568, 2569):
        document = page_html(site_2569, f"/{year}/oit/")
        source = re.search(r'<h2 id="ที่มาของรายการ">.*?</h2>\s*<p[^>]*>(.*?)</p>', document, re.S)
        assert source is not None
        sentence = re.sub(r"<[^>]+>", "", source.group(1))
        # Thai for the public: no Latin words but the names of the assessment (ITA, OIT).
        assert not re.search(r"[A-Za-z]", re.sub(r"\b(ITA|OIT)\b", "", sentence)), sentence
        article = re.search(r"<article.*?</article>", document, re.S)
        assert article is not None
        for word in ("SEEN", "INFER", "confidence", "low:", "medium:", "high:", "sources"):
            assert word not in article.group(0), (year, word)


@pytest.mark.slow
def test_a_document_dated_after_the_build_day_is_flagged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # the build runs on 1 January 2568
    content = write_tree(
        tmp_path / "content",
        {
            "site.yml": SITE,
            "2569/analysis.yml": "overall: {score: 90}\npublished: 2569-01-15\n",
            "2569/measures.yml": MEASURES,
        },
    )
    site = build(content, tmp_path / "site", capsys)
    row = re.search(r'<tr id="o25">.*?</tr>', page_html(site, "/2569/oit/"), re.S)
    assert row is not None
    assert "ลงวันที่หลังวันที่เผยแพร่หน้านี้" in row.group(0)
    code, out, _ = run_cli("oit", "2569", "--content", str(content), capsys=capsys)
    assert code == 0
    assert "    มีหน้าที่ลงวันที่หลังวันที่สร้างเว็บไซต์: ตรวจวันที่ของเอกสาร" in out.splitlines()
