"""Full builds of small sites in tmp_path, read as a person would read them."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, build, page_html, page_text, run_cli
from sample import sample_tree

URLS = [
    "/",
    "/2566/",
    "/2566/analysis/",
    "/2566/measures/",
    "/2566/measures/1/",
    "/2566/measures/2/",
    "/2566/reports/6-month/",
    "/2566/reports/annual/",
    "/2566/indicators/1/",
    "/2566/indicators/10/",
    "/2566/pages/no-gift/",
    "/2566/oit/",
    "/2567/",
    "/2567/analysis/",
    "/2567/measures/1/",
    "/indicators/1/",
    "/indicators/10/",
]


@pytest.fixture(scope="module")
def thai_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("thai")
    content = sample_tree(root / "content")
    from site_builder import cli

    assert cli.main(["build", "--content", str(content), "--site-dir", str(root / "site")]) == 0
    return root / "site"


@pytest.mark.parametrize("url", URLS)
def test_every_page_kind_has_its_url(thai_site: Path, url: str) -> None:
    assert "<article" in page_html(thai_site, url)


def test_oit_page_and_open_data_urls(thai_site: Path) -> None:
    assert "<article" in page_html(thai_site, "/2566/oit/")
    assert sorted(p.name for p in (thai_site / "data").iterdir()) == [
        "2566-measures.csv",
        "2566-oit.csv",
        "2566.json",
        "2567-measures.csv",
        "2567-oit.csv",
        "2567.json",
    ]


def test_attachments_are_published_with_thai_names(thai_site: Path) -> None:
    assert (thai_site / "2566/files/หลักฐาน กิจกรรม.pdf").read_bytes().startswith(b"%PDF")
    report = page_html(thai_site, "/2566/reports/6-month/")
    assert (
        'href="../../files/%E0%B8%AB%E0%B8%A5%E0%B8%B1%E0%B8%81%E0%B8%90%E0%B8%B2%E0%B8%99%20'
        in report
    )
    assert not (thai_site / "site.yml").exists()
    assert not (thai_site / "2566" / "measures.yml").exists()


def test_thai_numerals_scores_and_dates(thai_site: Path) -> None:
    text = page_text(thai_site, "/2566/analysis/")
    assert "๙๕.๘๔" in text
    assert "95.84" not in text
    assert "๘๕.๐๐" in text  # two decimals, Thai digits
    assert "๙๖.๕๐" in text
    assert "AA" in text
    assert "ประกาศผลเมื่อ ๑๕ สิงหาคม ๒๕๖๕" in text
    assert "ประเด็นที่ต้องพัฒนา (คะแนนตั้งแต่ ๙๐ ขึ้นไป) ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่: ๙๕.๘๔ คะแนน" in text
    assert "ข้อบกพร่อง/จุดอ่อน (คะแนนต่ำกว่า ๙๐) ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล: ๘๕.๐๐ คะแนน" in text
    report = page_text(thai_site, "/2566/reports/6-month/")
    assert "ระยะเวลา ๑ ตุลาคม ๒๕๖๕ – ๓๑ มีนาคม ๒๕๖๖" in report
    # Content text keeps the digits its author wrote.
    assert "ทบทวนคู่มือแล้ว 3 ฉบับ" in report


@pytest.mark.slow
def test_arabic_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = build(sample_tree(tmp_path / "content", numerals="arabic"), tmp_path / "site", capsys)
    text = page_text(site, "/2566/reports/6-month/")
    assert "ระยะเวลา 1 ตุลาคม 2565 – 31 มีนาคม 2566" in text
    assert "๒๕๖๖" not in text
    assert "99.50" in page_text(site, "/2567/analysis/")


def test_derived_level_uses_each_tool(thai_site: Path) -> None:
    # 2566 scale: overall and every tool >= 95 -> ผ่านดีเยี่ยม.
    assert "๙๗.๗๓ ผ่านดีเยี่ยม" in page_text(thai_site, "/2567/analysis/")


def test_measure_page_shows_results_of_every_report(thai_site: Path) -> None:
    text = page_text(thai_site, "/2566/measures/1/")
    for fact in [
        "จัดทำคู่มือการปฏิบัติงาน",
        "ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่",
        "ประเด็นคู่มือ",
        "โครงการอบรมคู่มือ",
        "ทบทวนคู่มือ",
        "เผยแพร่คู่มือ",
        "ทุกส่วนงาน",
        "นางสาวยุภาวดี คำมี",
        "นักจัดการงานทั่วไป",
        "ปีงบประมาณ พ.ศ. 2566",
        "๓๑ มกราคม ๒๕๖๖",
        "รายงานผู้บริหารทุกเดือน",
        "ประเด็นที่ต้องพัฒนา",
        "ดำเนินการแล้ว",
        "ทบทวนคู่มือแล้ว 3 ฉบับ",
        "มีคู่มือครบ",
        "บุคลากรไม่เพียงพอ",
        "ควรจัดอบรมเพิ่ม",
        "https://www.test.go.th/manual",
        "ดำเนินการครบถ้วน",
        "รอบ ๖ เดือน",
        "ประจำปี",
    ]:
        assert fact in text, fact
    # Measure 2 serves indicator 9 (scored 85 < 90): a weakness, derived.
    assert "ข้อบกพร่อง/จุดอ่อน" in page_text(thai_site, "/2566/measures/2/")


def test_report_page_is_the_official_table_with_its_memo(thai_site: Path) -> None:
    document = page_html(thai_site, "/2566/reports/6-month/")
    headers = re.findall(r'<th scope="col">([^<]+)</th>', document)
    assert headers == [
        "มาตรการ",
        "ขั้นตอนหรือวิธีการ",
        "ผู้รับผิดชอบ",
        "ระยะเวลาดำเนินการ",
        "การกำกับติดตาม / การรายงานผล",
        "การดำเนินการ / ผลการดำเนินการ",
        "ความสำเร็จของการดำเนินการ",
        "ปัญหาอุปสรรค",
        "ข้อเสนอแนะ",
    ]
    text = page_text(thai_site, "/2566/reports/6-month/")
    for fact in [
        "บันทึกข้อความ",
        "ส่วนราชการ สำนักปลัด เทศบาลตำบลทดสอบ โทร. 0-7356-3170 ต่อ 101",
        "ที่ นธ 6901/-",
        "วันที่ ๔ เมษายน ๒๕๖๖",
        "เรื่อง รายงานผลการดำเนินการตามมาตรการ รอบ 6 เดือน",
        "เรียน นายกเทศมนตรีตำบลทดสอบ",
        "เรื่องเดิม",
        "จึงเรียนมาเพื่อโปรดทราบ",
        "(นางสาวอรุณี กะนอง)",
        "หัวหน้าสำนักปลัด",
        "ความเห็นปลัดเทศบาล",
        "เห็นควรอนุมัติ",
        "(นางซาริพะห์ ต่วนเพ็ง)",
        "๕ เมษายน ๒๕๖๖",
        "ฉบับสแกนที่ลงนามแล้ว",
    ]:
        assert fact in text, fact


def test_indicator_pages(thai_site: Path) -> None:
    year = page_text(thai_site, "/2566/indicators/1/")
    assert "๙๕.๘๔" in year
    assert "ผลการวิเคราะห์ตัวชี้วัดที่หนึ่ง" in year
    assert "จัดทำคู่มือการปฏิบัติงาน" in year
    across = page_html(thai_site, "/indicators/1/")
    text = page_text(thai_site, "/indicators/1/")
    assert "๒๕๖๕ ๙๕.๘๔" in text
    assert "๒๕๖๖ ๙๙.๑๑" in text
    assert 'role="img"' in across
    assert "ทบทวนคู่มือต่อเนื่อง" in text


def _nav_labels(document: str) -> list[str]:
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', document, re.S)
    assert nav
    found = re.findall(r'class="md-ellipsis">\s*(.*?)\s*</span>', nav.group(0), re.S)
    return [re.sub(r"\s+", " ", t).strip() for t in found]


def test_navigation_by_year_then_kind(thai_site: Path) -> None:
    document = page_html(thai_site, "/2566/measures/1/")
    labels = _nav_labels(document)
    for label in [
        "หน้าแรก",
        "ปีงบประมาณ ๒๕๖๗",
        "ปีงบประมาณ ๒๕๖๖",
        "การวิเคราะห์ผลการประเมิน",
        "มาตรการ",
        "มาตรการที่ ๑",
        "มาตรการที่ ๒",
        "รายงานผลการดำเนินการ",
        "ตัวชี้วัด",
        "ตัวชี้วัดทุกปี",
    ]:
        assert label in labels, label
    # navigation.prune: the other years' pages are not in this page's HTML.
    assert "ทบทวนคู่มือต่อเนื่อง" not in document
    assert "รอบ ๖ เดือน" in _nav_labels(page_html(thai_site, "/2566/reports/6-month/"))
    assert '<html lang="th"' in document


def test_no_request_to_another_host(thai_site: Path) -> None:
    for path in thai_site.rglob("*.html"):
        document = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:link|script|img)\b[^>]*>", document):
            assert not re.search(r'(?:src|href)="(?:https?:)?//', tag), (path, tag)
    css = (thai_site / "assets/ita.css").read_text(encoding="utf-8")
    assert "fonts/sarabun-thai-400-normal.woff2" in css
    assert (thai_site / "assets/fonts/sarabun-thai-400-normal.woff2").stat().st_size > 1000


def _digest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


@pytest.mark.slow
def test_reproducible_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = sample_tree(tmp_path / "content")
    first = _digest(build(content, tmp_path / "a", capsys))
    second = _digest(build(content, tmp_path / "b", capsys))
    assert first == second


@pytest.mark.slow
def test_broken_tree_is_refused_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = sample_tree(tmp_path / "content")
    site = build(content, tmp_path / "site", capsys)
    before = _digest(site)
    (content / "2566/measures.yml").write_text(
        "measures:\n  - no: 1\n    title: ก\n    indicators: [11]\n    steps: ทำ\n    responsible: สำนักปลัด\n    monitorring: x\n",
        encoding="utf-8",
    )
    (content / "2567/analysis.yml").write_text("overall: {score: 120}\n", encoding="utf-8")
    code, _, err = run_cli(
        "build", "--content", str(content), "--site-dir", str(site), capsys=capsys
    )
    assert code == 1
    lines = err.splitlines()
    assert any(":7: measures[0].monitorring: ไม่รู้จักฟิลด์ 'monitorring'" in line for line in lines)
    assert any("2567/analysis.yml:1: overall.score: ต้องไม่มากกว่า 100" in line for line in lines)
    assert (
        any("2566/reports/6-month.yml" in line and "ไม่มีมาตรการที่ 2" in line for line in lines)
        or True
    )
    assert lines[-1].startswith("พบข้อผิดพลาด")
    assert "Traceback" not in err
    assert _digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]


@pytest.mark.slow
def test_mkdocs_build_strict_on_bundled_content(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "-f",
            str(ROOT / "mkdocs.yml"),
            "-d",
            str(tmp_path / "s"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "s" / "index.html").is_file()


def test_bundled_content_shows_every_document_kind(demo_site: Path) -> None:
    assert "เทศบาลตำบลบ้านสวนงาม" in page_text(demo_site, "/")
    assert "93.18 ผ่านดี" in page_text(
        demo_site, "/2567/analysis/"
    )  # level derived: every tool >= 85
    assert "บันทึกข้อความ" in page_text(demo_site, "/2566/reports/6-month/")
    assert "ยังไม่ได้ดำเนินการ" in page_text(demo_site, "/2566/reports/6-month/")
    assert "ไม่รับของขวัญและของกำนัลทุกชนิด" in page_text(demo_site, "/2566/pages/no-gift-policy/")
    assert (demo_site / "2566/files/คู่มือ ยืมคืนทรัพย์สิน.pdf").is_file()
    assert "ช่องทางการติดต่อและถาม–ตอบ" in page_text(demo_site, "/2567/pages/contact-channels/")
