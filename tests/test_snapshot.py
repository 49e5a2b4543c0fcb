"""One snapshot of the generated Markdown for the sample tree (not of Material's HTML).

Regenerate after an intended change with ``UPDATE_SNAPSHOTS=1 make test`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import run_cli
from sample import sample_tree

SNAPSHOT = Path(__file__).parent / "snapshots" / "sample"


def _tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*.md"))
    }


def test_generated_markdown_matches_snapshot(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = sample_tree(tmp_path / "content")
    out = tmp_path / "out"
    assert run_cli("generate", "--out", str(out), "--content", str(content), capsys=capsys)[0] == 0
    actual = _tree(out)
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        for rel, text in actual.items():
            path = SNAPSHOT / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    expected = _tree(SNAPSHOT)
    assert sorted(actual) == sorted(expected)
    for rel in expected:
        assert actual[rel] == expected[rel], rel
