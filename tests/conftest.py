"""Fixtures; the plain helpers are in helpers.py (``from helpers import …``). pytest loads
this file itself: it is not meant to be imported."""

from __future__ import annotations

from pathlib import Path

import pytest

import helpers

# Re-exported until test_guide/test_linkcheck/test_search* switch to helpers.
from helpers import (  # noqa: F401
    FIXTURES,
    ROOT,
    build,
    build_site,
    copy_tree,
    derived_config,
    fetch,
    free_port,
    page_html,
    page_text,
    run_cli,
    visible_text,
    wait_for,
    write_tree,
)


@pytest.fixture
def chdir_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled content/ built once for the session."""
    return helpers.build_site(helpers.ROOT / "content", tmp_path_factory.mktemp("demo") / "site")
