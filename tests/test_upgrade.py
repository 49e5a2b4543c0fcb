"""Upgrades: a content tree written for an earlier version keeps building (issue 12).

``tests/fixtures/v1-0.1.0/content`` is the demonstration content exactly as it was first
written in format v1 (version 0.1.0). The content format stays backward compatible: this
tree must check without an error and build every page it had, with the current version.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from helpers import FIXTURES, page_text, run_cli

if TYPE_CHECKING:
    from pathlib import Path

OLD = FIXTURES / "v1-0.1.0/content"

PAGES = (
    "/",
    "/2566/",
    "/2566/analysis/",
    "/2566/measures/",
    "/2566/measures/1/",
    "/2566/reports/6-month/",
    "/2566/reports/annual/",
    "/2566/pages/no-gift-policy/",
    "/2566/oit/",
    "/2567/",
    "/2567/analysis/",
    "/2567/measures/",
    "/2567/reports/6-month/",
    "/2567/pages/contact-channels/",
    "/indicators/1/",
    "/guide/",
)


def test_a_format_v1_tree_of_version_0_1_0_checks_without_an_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run_cli("check", "--content", str(OLD), capsys=capsys)
    assert code == 0, err
    assert "ไม่พบข้อผิดพลาด" in out + err


@pytest.mark.slow
def test_a_format_v1_tree_of_version_0_1_0_builds_every_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    code, _, err = run_cli("build", "--content", str(OLD), "--site-dir", str(site), capsys=capsys)
    assert code == 0, err
    for url in PAGES:
        assert page_text(site, url), url
    assert "เทศบาลตำบลบ้านสวนงาม" in page_text(site, "/")
    assert (site / "data/2566.json").is_file()
    assert not list(OLD.rglob(".site-builder")), "the fixture is never written to"
