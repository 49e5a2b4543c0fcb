"""Golden cases: a content tree, and the exact Thai messages ``check`` prints.

Error text is interface: a change here is a change staff will see.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from helpers import run_cli, write_tree

CASES = sorted((Path(__file__).parent / "cases").glob("*.yml"))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_check_messages(case: Path, chdir_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = yaml.safe_load(case.read_text(encoding="utf-8"))
    write_tree(chdir_tmp, spec["files"])
    code, out, err = run_cli("check", "--content", "content", capsys=capsys)
    assert err == spec["expected"]
    assert code == spec["exit"]
    assert out == ""
