"""Content trees of other shapes than the seeds: sparse years, empty lists, extra catalogues."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import build, derived_config, page_text, run_cli, write_tree

SITE = "organization: {name: องค์การบริหารส่วนตำบลตัวอย่าง}\n"


@pytest.mark.slow
@pytest.mark.parametrize(
    "files",
    [
        {"2568/analysis.yml": "overall: {score: 80}\n"},
        {"2569/measures.yml": "measures: []\n"},
        {"2570/pages/about.md": "---\ntitle: เกี่ยวกับ\n---\nข้อความ\n"},
        {"2566/files/a.pdf": "%PDF"},
        {
            "2565/analysis.yml": "overall: {level: ผ่าน}\nindicators: [{no: 10, score: 40}]\nthreshold: 85\n",
            "2565/measures.yml": "measures:\n  - {no: 7, title: ก, indicators: [10], steps: ทำ, responsible: {person: นาย ก}}\n",
            "2565/reports/q1.yml": "round: q1\nresults: []\ndraft: true\n",
            "2565/reports/q3.yml": "round: q3\nresults: [{measure: 7, outcomes: ทำแล้ว}]\n",
        },
    ],
    ids=["analysis-only", "empty-measures", "pages-only", "files-only", "quarters"],
)
def test_sparse_trees_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    content = write_tree(tmp_path / "content", {"site.yml": SITE, **files})
    site = build(content, tmp_path / "site", capsys)
    assert "องค์การบริหารส่วนตำบลตัวอย่าง" in page_text(site, "/")


@pytest.mark.slow
def test_quarter_periods_and_levels(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = write_tree(
        tmp_path / "content",
        {
            "site.yml": SITE,
            "2565/analysis.yml": "overall: {score: 52.5}\ntools: {IIT: 60, EIT: 50, OIT: 45}\n",
            "2565/measures.yml": "measures:\n  - {no: 1, title: ก, indicators: [1], steps: ทำ, responsible: ส}\n",
            "2565/reports/q3.yml": "round: q3\nresults: [{measure: 1, status: not_started, actions: รอ}]\n",
            "2567/analysis.yml": "overall: {score: 88}\ntools: {IIT: 90, EIT1: 84.99, EIT2: 90, OIT: 90}\n",
        },
    )
    site = build(content, tmp_path / "site", capsys)
    assert "ระยะเวลา 1 เมษายน 2565 – 30 มิถุนายน 2565" in page_text(site, "/2565/reports/q3/")
    assert "ยังไม่ได้ดำเนินการ" in page_text(site, "/2565/reports/q3/")
    assert "52.50 E" in page_text(site, "/2565/analysis/")  # AA–F bands of 2564
    assert "88.00 ผ่าน " in page_text(site, "/2567/analysis/")  # one tool below 85: ผ่าน, not ผ่านดี


@pytest.mark.slow
def test_local_catalogue_override(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = write_tree(
        tmp_path / "content",
        {
            "site.yml": SITE,
            "frameworks/2569.yml": """
                indicators:
                  - {no: 1, name: ตัวชี้วัดทดลอง, tool: IIT}
                oit:
                  - {code: O27, name: ข้อใหม่, sub: "10.2"}
            """,
            "2570/analysis.yml": "overall: {score: 99}\nindicators: [{no: 1, score: 99}]\n",
        },
    )
    site = build(content, tmp_path / "site", capsys)
    assert "ตัวชี้วัดที่ 1 ตัวชี้วัดทดลอง" in page_text(site, "/2570/analysis/")
    assert not (site / "2570/indicators/2").exists()


def test_year_without_catalogue_is_explained(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        chdir_tmp, {"content/site.yml": SITE, "content/2580/analysis.yml": "overall: {score: 90}\n"}
    )
    code, _, err = run_cli("check", "--content", "content", capsys=capsys)
    assert code == 1
    assert err.splitlines()[0] == (
        "content/2580/analysis.yml:1: assessment_year: ไม่มีเกณฑ์การประเมิน ITA ปี 2579 ในระบบ "
        "(มี 2564, 2565, 2566, 2567, 2568, 2569, 2570): เพิ่มไฟล์ frameworks/2579.yml ในโฟลเดอร์เนื้อหา "
        "(ไฟล์จะขยายเกณฑ์ปีล่าสุดที่มี จึงเขียนเฉพาะส่วนที่ต่าง เช่น provisional: true "
        "เมื่อยังใช้รายการของปี 2570)"
    )


@pytest.mark.slow
def test_a_new_year_extends_the_latest_catalogue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = write_tree(
        tmp_path / "content",
        {
            "site.yml": SITE,
            "frameworks/2570.yml": "confidence: ใช้เกณฑ์ปี 2569 จนกว่าจะมีคู่มือปี 2570\n",
            "2571/analysis.yml": "overall: {score: 96}\ntools: {IIT: 96, EIT1: 96, EIT2: 96, OIT: 96}\n",
        },
    )
    site = build(content, tmp_path / "site", capsys)
    assert "96.00 ผ่านดีเยี่ยม" in page_text(site, "/2571/analysis/")


def test_symlink_out_of_files_and_size_limit(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        chdir_tmp,
        {
            "content/site.yml": SITE,
            "secret.txt": "x",
            "content/2566/files/big.pdf": b"%PDF-1.4\n" + b"x" * (1024 * 1024 * 3 // 2),
        },
    )
    (chdir_tmp / "content/2566/files/link.pdf").symlink_to(chdir_tmp / "secret.txt")
    derived_config(chdir_tmp, "plugins:\n  - search: {lang: en}\n  - ita: {max_attachment_mb: 1}\n")
    code, _, err = run_cli("check", "--content", "content", capsys=capsys)
    assert code == 1
    assert err.splitlines() == [
        "content/2566/files/big.pdf: ไฟล์ใหญ่เกินไป (1.5 MB เกินกำหนด 1.0 MB): ให้ลดขนาดไฟล์ เช่น สแกนที่ 150 dpi ขาวดำ หรือแบ่งเป็นหลายไฟล์",
        "content/2566/files/link.pdf: ลิงก์ (symlink) ชี้ออกไปนอกโฟลเดอร์เนื้อหา: ให้คัดลอกไฟล์จริงมาวางแทน",
        "พบข้อผิดพลาด 2 รายการ",
    ]
