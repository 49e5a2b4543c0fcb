"""The package carries everything a site needs (issue 12): a municipality's mkdocs.yml is a
few lines or none at all, and whatever it does write wins over the package's defaults."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest

from helpers import ROOT, page_html, run_cli
from sample import sample_tree
from site_builder import defaults

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.slow  # each test builds a site

MINIMAL = """\
site_name: ITA
theme:
  name: material
plugins:
  - search
  - ita
"""


def _build(
    tmp_path: Path, config: str | None, capsys: pytest.CaptureFixture[str], site_yml: str = ""
) -> Path:
    """The sample tree in ``tmp_path/content`` (``site_yml`` added to its site.yml),
    built from ``tmp_path`` (the working folder) with ``config`` as its mkdocs.yml, or
    with none."""
    content = sample_tree(tmp_path / "content")
    if site_yml:
        path = content / "site.yml"
        path.write_text(path.read_text(encoding="utf-8") + site_yml, encoding="utf-8")
    args = ["build"]
    if config is not None:
        (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
        args += ["--config", str(tmp_path / "mkdocs.yml")]
    code, _, err = run_cli(*args, capsys=capsys)
    assert code == 0, err
    return tmp_path / "site"


def test_without_mkdocs_yml_the_content_folder_alone_builds_the_whole_site(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _build(chdir_tmp, None, capsys)
    home = page_html(site, "/")
    assert '<html lang="th"' in home
    assert "assets/ita.css" in home
    assert "fonts.googleapis" not in home
    assert (site / "assets/fonts/sarabun-thai-400-normal.woff2").is_file()
    assert (site / "search/search_index.json").is_file()
    assert (site / ".site-builder").is_file()
    assert 'href="guide/"' in home
    # the Thai anchors come from the package's slugify: a Thai heading keeps its marks
    analysis = page_html(site, "/2566/analysis/")
    assert re.search(r'id="[^"]*ผลคะแนน[^"]*"', analysis)
    assert not (chdir_tmp / "content/site").exists()


def test_the_minimal_mkdocs_yml_builds_the_same_site_as_the_demonstration_config(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    ours = _build(chdir_tmp / "a", MINIMAL, capsys)
    monkeypatch.chdir(chdir_tmp)
    sample_tree(chdir_tmp / "b/content")
    code, _, err = run_cli(
        "build",
        "--config",
        str(ROOT / "mkdocs.yml"),
        "--content",
        str(chdir_tmp / "b/content"),
        "--site-dir",
        str(chdir_tmp / "b/site"),
        capsys=capsys,
    )
    assert code == 0, err
    for name in ("index.html", "2566/measures/index.html", "2566/oit/index.html"):
        assert (ours / name).read_bytes() == (chdir_tmp / "b/site" / name).read_bytes(), name


def test_what_the_municipality_writes_wins_and_its_own_theme_overrides_come_first(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = chdir_tmp / "overrides/partials"
    own.mkdir(parents=True)
    (own / "copyright.html").write_text(
        '<div class="md-copyright">ของเทศบาลเอง</div>\n', encoding="utf-8"
    )
    config = (
        "site_name: ITA\n"
        "theme:\n  name: material\n  custom_dir: overrides\n  language: ja\n"
        "  features: [navigation.tabs]\n"
        "markdown_extensions:\n  - toc:\n      permalink: '#'\n"
        "plugins:\n  - ita\n  - search\n"
    )
    site = _build(chdir_tmp, config, capsys)
    home = page_html(site, "/")
    assert '<html lang="ja"' in home
    assert "ของเทศบาลเอง" in home, "the municipality's own partial wins"
    assert "assets/ita.css" in home, "the package's stylesheet is still there"
    assert "md-tabs" in home, "its features, not the package's"
    assert 'class="headerlink" href="#' in page_html(site, "/2566/analysis/")
    # ita listed before search: the Thai index is still written after Material's
    index = (site / "search/search_index.json").read_text(encoding="utf-8")
    assert "\u200b" in index


def test_another_theme_is_refused_in_thai(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample_tree(chdir_tmp / "content")
    (chdir_tmp / "mkdocs.yml").write_text(
        "site_name: ITA\ntheme: {name: mkdocs}\nplugins: [search, ita]\n", encoding="utf-8"
    )
    code, _, err = run_cli("build", "--config", "mkdocs.yml", capsys=capsys)
    assert code == 1
    assert "theme: {name: material}" in err
    assert "Traceback" not in err
    assert not (chdir_tmp / "site").exists()


def test_the_package_theme_is_package_data() -> None:
    shipped = {p.relative_to(defaults.THEME_DIR).as_posix() for p in defaults.THEME_DIR.rglob("*")}
    assert {"partials/copyright.html", "assets/ita.css", "assets/fonts/OFL.txt"} <= shipped
    assert defaults.BUILTIN_CONFIG.is_file()


def test_site_url_in_site_yml_makes_the_absolute_urls_and_wins_over_mkdocs_yml(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _build(
        chdir_tmp,
        MINIMAL + "site_url: https://elsewhere.example/\n",
        capsys,
        site_yml="site_url: HTTPS://www.Test.go.th/ita\n",
    )
    home = page_html(site, "/")
    assert '<link rel="canonical" href="https://www.test.go.th/ita/">' in home
    csv = (site / "data/2566-oit.csv").read_text(encoding="utf-8-sig")
    assert "https://www.test.go.th/ita/2566/" in csv
    assert "elsewhere.example" not in csv
    assert "https://www.test.go.th/ita/2566/" in (site / "sitemap.xml").read_text(encoding="utf-8")
    code, out, _ = run_cli("oit", "2566", "--csv", capsys=capsys)
    assert code == 0
    assert "https://www.test.go.th/ita/2566/" in out


@pytest.mark.parametrize(
    "value", ["ftp://www.test.go.th/", "https://user:pw@www.test.go.th/", "www.test.go.th"]
)
def test_a_site_url_that_cannot_be_published_is_refused_at_its_line(
    value: str, chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = sample_tree(chdir_tmp / "content")
    site_yml = content / "site.yml"
    text = site_yml.read_text(encoding="utf-8")
    site_yml.write_text(text + f"site_url: {value}\n", encoding="utf-8")
    line = len(text.splitlines()) + 1
    code, _, err = run_cli("check", "--content", "content", capsys=capsys)
    assert code == 1
    assert f"content/site.yml:{line}: site_url: " in err
    assert "https://www.tambon.go.th/ita/" in err


def test_build_loads_and_plans_the_content_once(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``site-builder build`` checks the content before MkDocs starts; the plugin then
    builds from that same tree and plan instead of loading and rendering them again."""
    from site_builder import cli, plugin
    from site_builder.plan import build_plan

    calls = {"load": 0, "plan": 0}

    def count(name: str, real: Any) -> Any:
        def counted(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return real(*args, **kwargs)

        return counted

    monkeypatch.setattr(cli, "load", count("load", cli.load))
    monkeypatch.setattr(cli, "build_plan", count("plan", build_plan))
    monkeypatch.setattr(plugin.loader, "load", count("load", plugin.loader.load))
    monkeypatch.setattr(plugin, "build_plan", count("plan", plugin.build_plan))
    site = _build(chdir_tmp, MINIMAL, capsys)
    assert calls == {"load": 1, "plan": 1}
    assert (site / "2566/measures/index.html").is_file()
