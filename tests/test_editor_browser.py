"""The form editor driven in headless Chromium against ``site-builder edit``: a measure
with two steps and a responsible officer, a 6-month result with an uploaded PDF as
evidence; what is saved passes ``check``, the preview shows it, and a phone number with
a leading zero and a B.E. date survive an edit of another field."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from helpers import CHROMIUM, ROOT, copy_tree, fetch, free_port, run_cli, wait_for

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Locator, Page

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("browser")]

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def editing(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``site-builder edit`` on a copy of the bundled content, whose site.yml has a bare
    phone number with a leading zero and whose measures a bare B.E. date."""
    root = copy_tree(ROOT / "content", tmp_path / "content")
    site_yml = root / "site.yml"
    site_yml.write_text(
        site_yml.read_text(encoding="utf-8").replace('phone: "0-9999-1234"', "phone: 0712345"),
        encoding="utf-8",
    )
    measures = root / "2567" / "measures.yml"
    measures.write_text(
        measures.read_text(encoding="utf-8") + "published: 2567-10-20\n", encoding="utf-8"
    )
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "site_builder",
            "edit",
            "--content",
            str(root),
            "-a",
            f"127.0.0.1:{port}",
        ],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/admin/", "decap-cms.js", timeout=60)
        yield f"http://127.0.0.1:{port}", root
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _field(page: Page, label: str) -> Locator:
    """The input of the last field labelled ``label`` (the one just added)."""
    labels = page.locator("label", has_text=re.compile(rf"^{re.escape(label)}( \(ทางเลือก\))?$"))
    return page.locator("#" + str(labels.last.get_attribute("for")))


def _open(page: Page, entry: str) -> None:
    """Open an entry of the editor (a route of its page, not a new page)."""
    page.evaluate("route => { location.hash = route }", f"#/collections/{entry}")


def _pick(page: Page, label: str, option: str) -> None:
    _field(page, label).click()
    page.get_by_role("option", name=re.compile(rf"^{re.escape(option)}\b")).first.click()


def _publish(page: Page, saved: Path, needle: str) -> None:
    """Publish the entry (the local backend saves it) and wait until ``saved`` holds ``needle``."""
    page.get_by_role("button", name="เผยแพร่").first.click()
    page.get_by_role("menuitem", name="เผยแพร่ตอนนี้").click()
    deadline = time.monotonic() + 30
    while needle not in saved.read_text(encoding="utf-8"):
        if time.monotonic() > deadline:
            page.screenshot(path="/tmp/ed/fail.png", full_page=True)
            raise AssertionError(f"{saved} was not saved with {needle!r}")
        page.wait_for_timeout(200)
    page.get_by_role("button", name="เผยแพร่แล้ว").wait_for()


def test_staff_add_a_measure_and_a_result_with_evidence(
    editing: tuple[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from playwright.sync_api import expect, sync_playwright

    origin, root = editing
    evidence = tmp_path / "คู่มือ-4.pdf"
    evidence.write_bytes(PDF)
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.on("pageerror", lambda e: errors.append(str(e)))
        elsewhere: list[str] = []  # the editor loads nothing from another host (no CDN)
        page.on(
            "request",
            lambda r: (
                None if r.url.startswith((origin, "data:", "blob:")) else elsewhere.append(r.url)
            ),
        )
        page.goto(f"{origin}/admin/")
        page.get_by_role("button", name="เข้าสู่ระบบ").click()
        page.wait_for_url(re.compile(r"/admin/#/collections/"))
        page.get_by_text("มาตรการส่งเสริมคุณธรรมและความโปร่งใส").first.wait_for()

        # A measure with two steps and a responsible officer.
        _open(page, "measures/entries/2567")
        page.get_by_text("3 มาตรการ").wait_for()
        page.get_by_role("button", name="เพิ่ม มาตรการ").click()
        _field(page, "มาตรการที่").fill("4")
        _field(page, "มาตรการ").fill("จัดทำคู่มือป้องกันผลประโยชน์ทับซ้อน")
        _pick(page, "ตัวชี้วัดที่มาตรการนี้พัฒนา", "1")
        _pick(page, "ตัวชี้วัดที่มาตรการนี้พัฒนา", "5")
        add_step = page.get_by_role("button", name="เพิ่ม ขั้นตอนหรือวิธีการ").last
        add_step.click()
        _field(page, "ขั้นตอนหรือวิธีการ").fill("ประชุมชี้แจงบุคลากร")
        add_step.click()
        _field(page, "ขั้นตอนหรือวิธีการ").fill("เผยแพร่คู่มือบนเว็บไซต์")
        page.get_by_role("button", name="เพิ่ม ผู้รับผิดชอบ").last.click()
        _field(page, "หน่วยงานที่รับผิดชอบ").fill("สำนักปลัด")
        _field(page, "ชื่อผู้รับผิดชอบ").fill("นางสาวสมใจ ใจดี")
        _field(page, "ตำแหน่ง").fill("นิติกรชำนาญการ")
        _publish(page, root / "2567" / "measures.yml", "นิติกรชำนาญการ")

        # A 6-month result for it, with an uploaded PDF as evidence: once the preview
        # has rebuilt, the editor (loaded again) offers the new measure in its pick-list.
        wait_for(f"{origin}/admin/config.yml", "จัดทำคู่มือป้องกันผลประโยชน์ทับซ้อน")
        page.goto(
            f"{origin}/admin/?again#/collections/reports-2567/entries/6-month",
            wait_until="domcontentloaded",
        )
        page.get_by_role("button", name="เพิ่ม ผลการดำเนินการรายมาตรการ").click()
        _pick(page, "มาตรการที่", "4")
        _pick(page, "สถานะ", "done")
        page.get_by_role("button", name="เพิ่ม การดำเนินการ / ผลการดำเนินการ").last.click()
        _field(page, "การดำเนินการ / ผลการดำเนินการ").fill("จัดทำคู่มือแล้วเสร็จ ดำเนินการครบทั้ง 2 ขั้นตอน")
        page.get_by_role("button", name="เพิ่ม หลักฐาน").last.click()
        _field(page, "ชื่อหลักฐาน").fill("คู่มือฉบับเผยแพร่")
        page.get_by_role("button", name="เลือกไฟล์").last.click()
        page.locator("input[type=file]").set_input_files(str(evidence))
        page.get_by_text(evidence.name).first.wait_for()
        page.get_by_role("button", name="เลือกข้อมูลที่ถูกเลือก").click()
        _publish(page, root / "2567" / "reports" / "6-month.yml", evidence.name)

        # Another field of site.yml: the phone number beside it stays as it was.
        page.goto(
            f"{origin}/admin/?site#/collections/site/entries/site", wait_until="domcontentloaded"
        )
        expect(page.get_by_label("อำเภอ (ทางเลือก)")).to_have_value("เมืองตัวอย่าง")
        _field(page, "อำเภอ").fill("เมืองใหม่")
        _publish(page, root / "site.yml", "เมืองใหม่")
        browser.close()
    assert errors == []
    assert elsewhere == []

    # The files written pass the check, in the canonical shape the loader accepts.
    code, _, err = run_cli("check", "--content", str(root), capsys=capsys)
    assert code == 0, err
    measures = (root / "2567" / "measures.yml").read_text(encoding="utf-8")
    assert re.search(r'published: "?2567-10-20"?\n', measures)
    assert "นางสาวสมใจ ใจดี" in measures
    site_yml = (root / "site.yml").read_text(encoding="utf-8")
    assert re.search(r'phone: "?0712345"?\n', site_yml)
    assert "district: เมืองใหม่" in site_yml
    assert (root / "2567" / "files" / evidence.name).read_bytes() == PDF
    report = (root / "2567" / "reports" / "6-month.yml").read_text(encoding="utf-8")
    assert f"file: files/{evidence.name}" in report

    # The preview shows them.
    page_4 = wait_for(f"{origin}/2567/measures/4/", "นิติกรชำนาญการ")
    assert "ประชุมชี้แจงบุคลากร" in page_4
    assert "เผยแพร่คู่มือบนเว็บไซต์" in page_4
    shown = wait_for(f"{origin}/2567/reports/6-month/", "คู่มือฉบับเผยแพร่")
    assert "ดำเนินการครบทั้ง 2 ขั้นตอน" in shown
    assert "เมืองใหม่" in wait_for(f"{origin}/", "เมืองใหม่")
    assert "0712345" in fetch(f"{origin}/")
