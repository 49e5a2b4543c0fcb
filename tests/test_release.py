"""Releases (issue 12): the release workflow, and the wheel a municipality installs.

The wheel test builds this repository's wheel, installs it into a fresh virtual
environment, starts a municipality's repository with ``site-builder init`` in a temporary
folder and checks and builds it there, with the working directory outside this checkout:
what the release workflow does on every tag, and what a municipality's CI does.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from helpers import ROOT
from site_builder import __version__

RELEASE = ROOT / ".github/workflows/release.yml"


def _workflow() -> dict[str, Any]:
    data = yaml.safe_load(RELEASE.read_text(encoding="utf-8"))
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return dict(data)


def _steps() -> list[dict[str, Any]]:
    return list(_workflow()["jobs"]["release"]["steps"])


def test_the_release_runs_on_version_tags_only_and_may_write_releases() -> None:
    workflow = _workflow()
    assert workflow["on"] == {"push": {"tags": ["v*"]}}
    assert workflow["permissions"] == {"contents": "write"}


def test_the_release_refuses_a_tag_that_is_not_the_package_version() -> None:
    (step,) = [s for s in _steps() if s.get("name") == "The tag is the package's version"]
    script = step["run"]
    # The version is read from where the package keeps it, as pyproject does.
    assert "site_builder/__init__.py" in script
    assert re.search(r'"v\$version" != "\$GITHUB_REF_NAME"', script)
    assert "exit 1" in script
    assert re.search(r'__version__ = "([^"]+)"', (ROOT / "site_builder/__init__.py").read_text())
    assert __version__


def test_the_release_smoke_tests_the_wheel_outside_the_checkout_before_publishing() -> None:
    names = [s.get("name", "") for s in _steps()]
    build = names.index("Build the wheel and the source archive")
    smoke = names.index("The wheel alone builds a new municipality's site")
    publish = names.index("Publish the release")
    assert build < smoke < publish
    script = _steps()[smoke]["run"]
    assert "python -m venv" in script
    assert "site-builder init" in script
    assert "cd /tmp" in script
    assert "site-builder check" in script
    assert "site-builder build" in script
    assert "pip install -e" not in script
    assert "dist/*" in _steps()[publish]["run"]
    assert _steps()[publish]["env"] == {"GH_TOKEN": "${{ github.token }}"}


def test_every_action_is_pinned_to_a_major_version() -> None:
    uses = [s["uses"] for s in _steps() if "uses" in s]
    assert uses
    assert all(re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", u) for u in uses), uses
