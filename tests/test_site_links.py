"""Links of free pages into the site, the logo, and folders where files belong."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import build, run_cli, write_tree

SITE = "organization: {name: เทศบาลตำบลทดสอบ}\n"
MEASURES = "measures:\n  - {no: 1, title: ก, indicators: [1], steps: ทำ, responsible: สำนักปลัด}\n"
PDF = b"%PDF-1.4\n%test\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
DEAD = (
    "ชี้ไปยังหน้าหรือไฟล์ที่ไม่มีในเว็บไซต์: ลิงก์ไปหน้าอื่นให้เขียนตามไฟล์ เช่น ../analysis.md "
    "หรือ ../measures/index.md ลิงก์ไปไฟล์แนบ เช่น ../files/ชื่อไฟล์.pdf"
)


@pytest.mark.slow
def test_dead_links_of_a_free_page_are_refused_by_check_and_build_in_thai(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        chdir_tmp / "content",
        {
            "site.yml": SITE,
            "2566/measures.yml": MEASURES,
            "2566/files/ประกาศ ฉบับลงนาม.pdf": PDF,
            "2566/pages/links.md": (
                "---\ntitle: ลิงก์\n---\n\n"
                "[มาตรการ](../measures/index.md) [ไฟล์](../files/ประกาศ%20ฉบับลงนาม.pdf)\n"
                "[ตัวชี้วัด](../../indicators/1/) [หน้าแรก](../../../) [นอก](https://a.example/x)\n"
                "[ในหน้า](#หัวข้อ) [หน้ามาตรการ](../../measures/)\n\n"
                "[ผิด 1](../measure.md)\n\n"
                "[ผิด 2](../files/ไม่มี.pdf) ![ภาพ](../files/ไม่มี.png)\n\n"
                "[ผิด 3](../oit/)\n"
            ),
        },
    )
    for command in (["check"], ["build", "--site-dir", "site"]):
        code, _, err = run_cli(*command, "--content", "content", capsys=capsys)
        assert code == 1, command
        assert err.splitlines() == [
            f"content/2566/pages/links.md:9: ลิงก์ '../measure.md' {DEAD}",
            f"content/2566/pages/links.md:11: ลิงก์ '../files/ไม่มี.pdf' {DEAD}",
            f"content/2566/pages/links.md:11: ลิงก์ '../files/ไม่มี.png' {DEAD}",
            f"content/2566/pages/links.md:13: ลิงก์ '../oit/' {DEAD}",
            "พบข้อผิดพลาด 4 รายการ",
        ]
    assert not (chdir_tmp / "site").exists()


@pytest.mark.slow
def test_live_links_of_a_free_page_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = write_tree(
        tmp_path / "content",
        {
            "site.yml": SITE,
            "2566/measures.yml": MEASURES,
            "2566/files/a.pdf": PDF,
            "2566/pages/links.md": (
                "---\ntitle: ลิงก์\n---\n\n[มาตรการ](../measures/index.md) [ไฟล์](../files/a.pdf) "
                "[หน้ามาตรการ](../../measures/) [ตัวชี้วัด](../../../indicators/1/)\n"
            ),
        },
    )
    site = build(content, tmp_path / "site", capsys)
    assert (site / "2566/pages/links/index.html").is_file()


@pytest.mark.slow
def test_the_logo_is_the_themes_logo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = write_tree(
        tmp_path / "content",
        {
            "site.yml": "organization: {name: เทศบาลตำบลทดสอบ, logo: files/logo.png}\n",
            "files/logo.png": PNG,
            "2566/measures.yml": MEASURES,
        },
    )
    site = build(content, tmp_path / "site", capsys)
    assert (site / "files/logo.png").read_bytes() == PNG
    header = (site / "2566/measures/index.html").read_text(encoding="utf-8")
    assert 'src="../../files/logo.png"' in header


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"files/logo.pdf": PDF},
            "content/site.yml:1: organization.logo: ตราสัญลักษณ์ต้องเป็นไฟล์ภาพ (jpg, jpeg, png, gif, webp) เช่น files/logo.png",
        ),
        (
            {},
            "content/site.yml:1: organization.logo: ไม่พบไฟล์ 'files/logo.pdf' ให้ตรวจชื่อไฟล์ (ตัวพิมพ์เล็ก-ใหญ่และนามสกุล) หรืออัปโหลดไฟล์ไว้ที่ content/files/logo.pdf",
        ),
    ],
)
def test_a_logo_that_is_not_an_image_is_refused(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str], files: dict[str, bytes], expected: str
) -> None:
    write_tree(
        chdir_tmp / "content",
        {"site.yml": "organization: {name: เทศบาล, logo: files/logo.pdf}\n", **files},
    )
    code, _, err = run_cli("check", "--content", "content", capsys=capsys)
    assert code == 1
    assert expected in err.splitlines()


def test_folders_where_files_belong_and_files_where_folders_belong(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(chdir_tmp / "content", {"site.yml": SITE, "2566/files": "not a folder"})
    for folder in (
        "2566/reports/q1.yml",
        "2566/pages/x.md",
        "2566/measures.yml",
        "frameworks/2566.yml",
    ):
        (chdir_tmp / "content" / folder).mkdir(parents=True)
    code, _, err = run_cli("check", "--content", "content", capsys=capsys)
    assert code == 1
    folder = "เป็นโฟลเดอร์ ไม่ใช่ไฟล์: ให้เปลี่ยนชื่อโฟลเดอร์ หรือย้ายไฟล์ข้างในออกมา"
    assert err.splitlines() == [
        "content/2566/files: 'files' ต้องเป็นโฟลเดอร์ ไม่ใช่ไฟล์: ให้สร้างโฟลเดอร์ files/ แล้วย้ายไฟล์ไปไว้ข้างใน",
        f"content/2566/measures.yml: {folder}",
        f"content/2566/pages/x.md: {folder}",
        f"content/2566/reports/q1.yml: {folder}",
        f"content/frameworks/2566.yml: {folder}",
        "พบข้อผิดพลาด 5 รายการ",
    ]
