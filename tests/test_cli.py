"""The commands as staff and CI run them."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, free_port, run_cli, visible_text, wait_for, write_tree
from sample import sample_tree


def test_check_clean_tree(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli("check", "--content", str(sample_tree(tmp_path / "c")), capsys=capsys)
    assert out == ""
    assert code == 0
    # The 2567 catalogue that ships is incomplete: check says so, and which file extends it.
    lines = err.splitlines()
    assert lines[0].startswith(
        f"{tmp_path}/c/frameworks/2567.yml: คำเตือน: รายการข้อ OIT ของการประเมินปี 2567"
    )
    assert lines[1:] == ["คำเตือน 1 รายการ", "ตรวจแล้ว: ไม่พบข้อผิดพลาด (2 ปีงบประมาณ, 45 หน้า)"]


def test_check_missing_folder(chdir_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli("check", "--content", "nowhere", capsys=capsys)
    assert code == 1
    assert err == "nowhere: ไม่พบโฟลเดอร์เนื้อหา\nพบข้อผิดพลาด 1 รายการ\n"


def test_github_annotations(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    write_tree(
        chdir_tmp,
        {
            "content/site.yml": "organization: {name: ก}\ndisplay: {numerals: roman}\n",
            "content/2566/measures.yml": "measures:\n  - {no: 1, title: ก, indicators: [1], steps: ทำ, responsible: ส}\n",
        },
    )
    code, out, err = run_cli("check", "--content", "content", capsys=capsys)
    assert code == 1
    assert out == (
        "::error file=content/site.yml,line=2,title=display.numerals::"
        "ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: arabic, thai (พบ 'roman')\n"
    )
    assert err.startswith("content/site.yml:2: display.numerals:")


def test_generate_writes_the_markdown_tree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = sample_tree(tmp_path / "content")
    out = tmp_path / "md"
    code, _, err = run_cli("generate", "--out", str(out), "--content", str(content), capsys=capsys)
    assert code == 0, err
    measure = (out / "2566/measures/1.md").read_text(encoding="utf-8")
    assert measure.startswith('---\ntitle: "มาตรการที่ ๑ จัดทำคู่มือการปฏิบัติงาน"\n---\n')
    assert (out / "2566/files/หลักฐาน กิจกรรม.pdf").is_file()
    assert (
        (out / "2566/pages/no-gift.md")
        .read_text(encoding="utf-8")
        .startswith('---\ntitle: "นโยบาย No Gift Policy"')
    )
    # Generating again into its own output is allowed ...
    assert run_cli("generate", "--out", str(out), "--content", str(content), capsys=capsys)[0] == 0
    # ... but a folder the user wrote is never overwritten.
    mine = write_tree(tmp_path / "mine", {"notes.md": "ของฉัน"})
    code, _, err = run_cli("generate", "--out", str(mine), "--content", str(content), capsys=capsys)
    assert code == 1
    assert "จะไม่เขียนทับ" in err
    assert sorted(p.name for p in mine.iterdir()) == ["notes.md"]


def test_generated_tree_builds_with_plain_mkdocs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The Markdown tree does not need the plugin (for Zensical or plain MkDocs)."""
    content = sample_tree(tmp_path / "content")
    run_cli("generate", "--out", str(tmp_path / "docs"), "--content", str(content), capsys=capsys)
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\ndocs_dir: docs\nuse_directory_urls: true\n", encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "s")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "นางสาวยุภาวดี คำมี" in visible_text(
        (tmp_path / "s/2566/measures/1/index.html").read_text(encoding="utf-8")
    )


@pytest.mark.slow
def test_serve_reloads_on_content_edits_and_shows_errors(tmp_path: Path) -> None:
    content = sample_tree(tmp_path / "content")
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "site_builder",
            "serve",
            "--content",
            str(content),
            "--config",
            str(ROOT / "mkdocs.yml"),
            "-a",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(base + "2566/measures/1/", "จัดทำคู่มือการปฏิบัติงาน")
        measures = content / "2566/measures.yml"
        measures.write_text(
            measures.read_text(encoding="utf-8").replace("จัดทำคู่มือการปฏิบัติงาน", "ปรับปรุงคู่มือ"),
            encoding="utf-8",
        )
        wait_for(base + "2566/measures/1/", "ปรับปรุงคู่มือ")
        good = measures.read_text(encoding="utf-8")
        measures.write_text(
            good.replace("steps: เผยแพร่ข้อมูล", "stepz: เผยแพร่ข้อมูล"), encoding="utf-8"
        )
        page = wait_for(base, "เนื้อหามีข้อผิดพลาด")
        assert re.search(r"measures\.yml:\d+: measures\[1\]\.stepz: ไม่รู้จักฟิลด์", visible_text(page))
        # The guide's page on reading errors is there while the content is broken.
        assert "ไฟล์:บรรทัด: ฟิลด์: ข้อความ" in visible_text(
            wait_for(base + "guide/errors/", "ข้อผิดพลาด")
        )
        measures.write_text(good, encoding="utf-8")
        wait_for(base + "2566/measures/1/", "ปรับปรุงคู่มือ")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_github_step_summary(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = chdir_tmp / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    write_tree(
        chdir_tmp,
        {
            "content/site.yml": "organization: {name: ก}\ndisplay: {numerals: roman}\n",
            "content/2566/measures.yml": "measures:\n  - {no: 1, title: ก, indicators: [1], steps: ทำ, responsible: ส}\n",
        },
    )
    run_cli("check", "--content", "content", capsys=capsys)
    assert summary.read_text(encoding="utf-8") == (
        "### ตรวจเนื้อหา ITA: พบข้อผิดพลาด 1 รายการ\n\n"
        "| | ไฟล์ | บรรทัด | ฟิลด์ | ปัญหา |\n|---|---|---|---|---|\n"
        "| ❌ | `content/site.yml` | 2 | `display.numerals` | ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: arabic, thai (พบ 'roman') |\n\n"
    )
    (chdir_tmp / "content/site.yml").write_text("organization: {name: ก}\n", encoding="utf-8")
    summary.unlink()
    assert run_cli("check", "--content", "content", capsys=capsys)[0] == 0
    assert summary.read_text(encoding="utf-8") == "### ตรวจเนื้อหา ITA: ไม่พบข้อผิดพลาด ✅\n\n"


def test_gitlab_code_quality_report(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    monkeypatch.setenv("GITLAB_CI", "true")
    write_tree(chdir_tmp, {"content/site.yml": "organization: {name: ก, fax: 1}\n"})
    assert run_cli("check", "--content", "content", capsys=capsys)[0] == 1
    report = json.loads((chdir_tmp / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert [(r["location"], r["severity"], r["check_name"]) for r in report] == [
        ({"path": "content", "lines": {"begin": 1}}, "minor", "site-builder"),
        ({"path": "content/site.yml", "lines": {"begin": 1}}, "major", "site-builder"),
    ]
    assert report[1]["description"].startswith("organization.fax: ไม่รู้จักฟิลด์ 'fax'")
    assert len({r["fingerprint"] for r in report}) == 2
