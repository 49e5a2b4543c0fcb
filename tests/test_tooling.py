"""The project's own tooling agrees with itself: the pre-commit hooks run the ruff that
pyproject.toml pins, and the commands that run the tests run the tiers they say."""

from __future__ import annotations

import re

import yaml

from helpers import ROOT


def _pinned(name: str) -> str:
    found = re.findall(
        rf'"{re.escape(name)}==([^"]+)"', (ROOT / "pyproject.toml").read_text("utf-8")
    )
    assert len(found) == 1, f"{name} is pinned {len(found)} times in pyproject.toml"
    return found[0]


def test_pre_commit_runs_the_pinned_ruff_and_the_hooks_it_names() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    repos = {repo["repo"]: repo for repo in config["repos"]}
    ruff = repos["https://github.com/astral-sh/ruff-pre-commit"]
    assert ruff["rev"] == f"v{_pinned('ruff')}"
    assert [hook["id"] for hook in ruff["hooks"]] == ["ruff-check", "ruff-format"]
    hooks = repos["https://github.com/pre-commit/pre-commit-hooks"]
    assert re.fullmatch(r"v\d+\.\d+\.\d+", hooks["rev"])
    ids = {hook["id"]: hook for hook in hooks["hooks"]}
    assert set(ids) == {
        "check-yaml",
        "end-of-file-fixer",
        "trailing-whitespace",
        "check-added-large-files",
    }
    assert "--unsafe" in ids["check-yaml"]["args"]  # mkdocs.yml's !!python/name tags
    for byte_exact in ("tests/snapshots/sample/2566/index.md", "schemas/analysis.schema.json"):
        assert re.search(config["exclude"], byte_exact), byte_exact


def test_make_test_runs_every_tier_and_test_fast_leaves_them_out() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipes = dict(re.findall(r"^([a-z-]+):[^\n]*\n((?:\t[^\n]*\n)+)", makefile, re.MULTILINE))
    assert "SITE_BUILDER_ALL_TIERS=1 .venv/bin/pytest" in recipes["test"]
    assert " -m " not in recipes["test"]
    assert "scripts/bootstrap --test\n" in recipes["test"]
    assert "scripts/bootstrap --test-python\n" in recipes["test-fast"]
    fast = re.search(r"^FAST = (.*)$", makefile, re.MULTILINE)
    assert fast
    assert fast.group(1) == "not browser and not deploy and not slow"
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").rstrip().endswith("make test")
