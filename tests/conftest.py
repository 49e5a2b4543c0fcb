"""Fixtures, and the hook that runs or skips the test tiers that need tools from the system.

The plain helpers are in helpers.py (``from helpers import …``); this file is loaded by
pytest and is not meant to be imported.

Tiers (markers, registered in pyproject.toml):

- ``browser``: headless Chromium, Node and axe-core (``scripts/bootstrap --system``);
- ``deploy``: the SSH, rsync and FTPS servers and clients the deploy scripts run against;
- ``slow``: a test that takes more than about a second on its own (a full build, a preview
  server, a timing or fuzzing run); a module fixture shared by fast tests does not make
  them slow. It needs nothing; ``make test-fast`` leaves it out.

A test of a tier whose tools are missing is skipped with what to run, unless
``SITE_BUILDER_ALL_TIERS`` is set (``make test`` sets it): then it fails, so the command
that runs everything never passes having run less.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import helpers

ALL_TIERS = "SITE_BUILDER_ALL_TIERS"
INSTALL = "run scripts/bootstrap --test (make test does)"
DEPLOY_TOOLS = ("sshd", "ssh", "ssh-keygen", "rsync", "lftp", "pure-ftpd", "pure-pw", "openssl")


def _browser_missing() -> list[str]:
    found = {
        "Chromium": helpers.CHROMIUM,
        "Node": shutil.which("node"),
        "axe-core": helpers.AXE.is_file(),
        "playwright": importlib.util.find_spec("playwright"),
        "pdftotext (poppler-utils)": shutil.which("pdftotext"),
    }
    return [name for name, there in found.items() if not there]


def _deploy_missing() -> list[str]:
    tools = (*DEPLOY_TOOLS, "dash")  # dash: the rsync quoting is checked in every POSIX shell
    # sshd and pure-ftpd are in /usr/sbin, which is not on every user's PATH.
    return [t for t in tools if not (shutil.which(t) or Path("/usr/sbin", t).exists())]


TIERS: dict[str, Callable[[], list[str]]] = {"browser": _browser_missing, "deploy": _deploy_missing}
"""The tiers that need tools from the system, each with what of them is missing."""


@functools.cache
def _missing(tier: str) -> tuple[str, ...]:
    return tuple(TIERS[tier]())


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under ``pytest -n N --dist loadgroup`` (make test) each tier runs on one worker: the
    deploy tests' servers never run two at once, the browser tests build their site and
    start Chromium once."""
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        for tier in TIERS:
            if item.get_closest_marker(tier):
                item.add_marker(pytest.mark.xdist_group(tier))
                break


@pytest.hookimpl(tryfirst=True)  # before the fixtures: a skipped test builds nothing
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip a browser or deploy test whose tools are missing, saying what installs them; fail
    it instead when SITE_BUILDER_ALL_TIERS is set."""
    for tier in TIERS:
        if item.get_closest_marker(tier) is None or not (missing := _missing(tier)):
            continue
        verb = "is" if len(missing) == 1 else "are"
        reason = f"{' and '.join(missing)} {verb} not installed: {INSTALL}"
        if os.environ.get(ALL_TIERS):
            pytest.fail(f"{reason} ({ALL_TIERS} is set: every tier must run)", pytrace=False)
        pytest.skip(reason)


@pytest.fixture
def chdir_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled content/ built once for the session."""
    return helpers.build_site(helpers.ROOT / "content", tmp_path_factory.mktemp("demo") / "site")
