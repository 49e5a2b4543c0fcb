"""Releases (issue 12): the release workflow, and the wheel a municipality installs.

The wheel test builds this repository's wheel, installs it into a fresh virtual
environment, starts a municipality's repository with ``site-builder init`` in a temporary
folder and checks and builds it there, with the working directory outside this checkout:
what the release workflow does on every tag, and what a municipality's CI does.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
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


@pytest.mark.slow
def test_the_wheel_in_a_fresh_venv_starts_checks_and_builds_a_municipality_repository(
    tmp_path: Path,
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"

    def run(*args: str | Path, cwd: Path = tmp_path) -> str:
        done = subprocess.run(
            [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout + done.stderr

    wheels = tmp_path / "dist"
    run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", wheels, ROOT)
    (wheel,) = wheels.glob(f"ita_site_builder-{__version__}-py3-none-any.whl")
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv)
    run(venv / "bin/pip", "install", "-q", "-c", ROOT / "constraints.txt", wheel)
    where = run(venv / "bin/python", "-c", "import site_builder; print(site_builder.__file__)")
    assert str(venv) in where
    assert str(ROOT) not in where
    repo = tmp_path / "tambon"
    run(venv / "bin/site-builder", "init", repo, "--name", "เทศบาลตำบลทดสอบ")
    run(venv / "bin/site-builder", "check", cwd=repo)
    run(venv / "bin/site-builder", "build", cwd=repo)
    home = (repo / "site/index.html").read_text(encoding="utf-8")
    assert "เทศบาลตำบลทดสอบ" in home
    assert "assets/ita.css" in home
    assert (repo / "site/assets/fonts/sarabun-thai-400-normal.woff2").is_file()
    assert (repo / "site/guide/index.html").is_file()
    # The deploy scripts are in the wheel, and its `site-builder deploy` runs them: here the
    # script refuses a web root before connecting, with its own message and exit 2.
    scripts = run(
        venv / "bin/python", "-c", "from site_builder import commands as c; print(c.DEPLOY_SCRIPTS)"
    )
    assert str(venv) in scripts
    shipped = Path(scripts.strip())
    assert sorted(p.name for p in shipped.iterdir()) == ["check-target.sh", "ftps.sh", "rsync.sh"]
    refused = subprocess.run(
        [venv / "bin/site-builder", "deploy", "rsync", "site"],
        cwd=repo,
        env={**env, "DEPLOY_TARGET": "deploy@127.0.0.1:/var/www/html"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert "deploy/rsync.sh: /var/www/html: เป็นโฟลเดอร์รากของเว็บไซต์" in refused.stderr
    assert not (ROOT / "site").exists() or (ROOT / "site").stat().st_mtime < wheel.stat().st_mtime
