"""init: a new municipality's repository, and new-year starting a first year.

``site-builder init DIR`` writes only into a folder that does not exist or is empty,
through a staging folder renamed into place; what it writes passes ``check`` and builds,
and its CI files are read as data and their conditions evaluated with the interpreters of
tests/test_publish.py.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import test_publish as publish
import yaml

from helpers import ROOT, run_cli, write_tree
from site_builder import __version__, cli, starter
from site_builder.format.schema import KINDS
from site_builder.starter import PLACEHOLDER_NAME, current_fiscal_year
from site_builder.tree.loader import load


def _digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


# --- new-year: the first year ------------------------------------------------------


def test_new_year_starts_a_first_year_when_the_content_has_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = write_tree(tmp_path / "content", {"site.yml": "organization: {name: เทศบาลตำบลก}\n"})
    code, _, err = run_cli("new-year", "2569", "--content", str(content), capsys=capsys)
    assert code == 0, err
    assert "เริ่มปีงบประมาณ 2569 แล้ว" in err
    assert sorted(k for k in _digest(content) if k.startswith("2569/")) == [
        "2569/analysis.yml",
        "2569/measures.yml",
        "2569/reports/6-month.yml",
        "2569/reports/annual.yml",
    ]
    assert not [p for p in content.iterdir() if p.name.startswith(".")]
    # Every file is a draft: checked, listed, never published.
    loaded = load(content)
    (year,) = loaded.years
    assert (year.year, year.analysis, year.measures, year.reports) == (2569, None, None, ())
    assert [Path(d).as_posix().split("/2569/")[1] for d in year.drafts] == [
        "analysis.yml",
        "measures.yml",
        "reports/6-month.yml",
        "reports/annual.yml",
    ]
    # As drafts they hold what a first year needs: every indicator, one example measure
    # that the reports follow.
    (drafted,) = load(content, include_drafts=True).years
    assert drafted.analysis is not None
    assert drafted.analysis.assessment_year == 2568
    assert [i.no for i in drafted.analysis.indicators] == list(range(1, 11))
    assert drafted.measures is not None
    (measure,) = drafted.measures.measures
    assert (measure.no, measure.indicators, measure.period) == (
        1,
        (9,),
        ("ตลอดปีงบประมาณ พ.ศ. 2569",),
    )
    assert [r.data.round for r in drafted.reports] == ["6-month", "annual"]
    assert [[res.measure for res in r.data.results] for r in drafted.reports] == [[1], [1]]
    code, _, err = run_cli("check", "--content", str(content), capsys=capsys)
    assert code == 0, err
    assert "ฉบับร่าง (ตรวจแล้ว ไม่เผยแพร่):" in err


def test_new_year_after_a_first_year_copies_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = write_tree(tmp_path / "content", {"site.yml": "organization: {name: เทศบาลตำบลก}\n"})
    assert run_cli("new-year", "2569", "--content", str(content), capsys=capsys)[0] == 0
    # Years exist now: one before all of them has nothing to be copied from.
    code, _, err = run_cli("new-year", "2568", "--content", str(content), capsys=capsys)
    assert code == 1
    assert "ไม่มีปีงบประมาณก่อนปี 2568 ในเนื้อหาให้คัดลอกมา" in err
    assert not (content / "2568").exists()


# --- init: what it writes ----------------------------------------------------------

SEPTEMBER_30 = "1790726400"  # 2026-09-30 00:00 UTC: fiscal year 2569
OCTOBER_1 = "1790812800"  # 2026-10-01 00:00 UTC: fiscal year 2570
MKDOCS_YML = """\
# การตั้งค่าเว็บไซต์: ส่วนอื่นทั้งหมดมาจากโปรแกรม site-builder (ดู README.md)
site_name: ITA
docs_dir: content
theme:
  name: material
plugins:
  - search
  - ita
"""


def _init(target: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return run_cli("init", str(target), *args, capsys=capsys)


@pytest.fixture
def repo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A repository written by init for fiscal year 2569, named by --name."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SEPTEMBER_30)
    code, _, err = _init(tmp_path / "ita", capsys, "--name", "เทศบาลตำบลวังไผ่")
    assert code == 0, err
    return tmp_path / "ita"


def test_init_writes_the_repository_a_municipality_owns(repo: Path) -> None:
    assert sorted(_digest(repo)) == [
        ".github/workflows/site.yml",
        ".gitignore",
        ".gitlab-ci.yml",
        ".vscode/extensions.json",
        ".vscode/settings.json",
        "README.md",
        "content/2569/analysis.yml",
        "content/2569/measures.yml",
        "content/2569/reports/6-month.yml",
        "content/2569/reports/annual.yml",
        "content/site.yml",
        "mkdocs.yml",
        "requirements.txt",
        *(f"schemas/{kind}.schema.json" for kind in sorted(KINDS)),
    ]
    assert not [p.name for p in repo.parent.iterdir() if p.name != "ita"], "no staging left"
    assert (repo / "mkdocs.yml").read_text(encoding="utf-8") == MKDOCS_YML
    site = (repo / "content" / "site.yml").read_text(encoding="utf-8")
    assert "\n  name: เทศบาลตำบลวังไผ่\n" in site
    assert "\n# site_url: https://www.example.go.th/ita/\n" in site
    assert not re.search(r"^site_url:", site, re.M)
    # The new year's files name the schemas the repository holds.
    first = (repo / "content" / "2569" / "measures.yml").read_text(encoding="utf-8")
    schema = first.splitlines()[0].removeprefix("# yaml-language-server: $schema=")
    assert (repo / "content" / "2569" / schema).resolve() == repo / "schemas/measures.schema.json"


def test_the_content_passes_check_with_the_year_as_drafts(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli("check", "--content", str(repo / "content"), capsys=capsys)
    assert code == 0, err
    assert "ฉบับร่าง (ตรวจแล้ว ไม่เผยแพร่):" in err
    for name in ("analysis.yml", "measures.yml", "reports/6-month.yml", "reports/annual.yml"):
        assert f"2569/{name}" in err
    assert "ตรวจแล้ว: ไม่พบข้อผิดพลาด (1 ปีงบประมาณ" in err


@pytest.mark.slow
def test_the_repository_builds_from_its_own_folder(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    for var in ("GITHUB_ACTIONS", "GITLAB_CI"):
        monkeypatch.delenv(var, raising=False)
    code, _, err = run_cli("build", "--config", str(repo / "mkdocs.yml"), capsys=capsys)
    assert code == 0, err
    home = (repo / "site" / "index.html").read_text(encoding="utf-8")
    assert "เทศบาลตำบลวังไผ่" in home
    assert (repo / "site" / "guide" / "index.html").is_file()
    # Drafts are not published.
    assert not (repo / "site" / "2569" / "analysis").exists()
    assert not (repo / "site" / "2569" / "measures").exists()


def test_the_pin_is_this_version_and_the_gitignore_covers_what_is_built(repo: Path) -> None:
    lines = (repo / "requirements.txt").read_text(encoding="utf-8").splitlines()
    pins = [line for line in lines if line and not line.startswith("#")]
    assert pins == [f"ita-site-builder=={__version__}"]
    comments = "\n".join(line for line in lines if line.startswith("#"))
    assert "อัปเกรด" in comments
    assert f"ita-site-builder=={__version__}" in comments
    ignored = (repo / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {"/site/", ".venv/", ".*.new-*/"} <= set(ignored)


def test_the_editor_maps_every_schema_the_repository_holds(repo: Path) -> None:
    settings = json.loads((repo / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapped = settings["yaml.schemas"]
    # Every kind of YAML file (a free page's front matter is not one) has its schema.
    assert {Path(schema).name for schema in mapped} == {
        f"{kind}.schema.json" for kind in KINDS if kind != "page"
    }
    for schema in mapped:
        assert schema.startswith("./schemas/")
        assert (repo / schema).is_file()
    # The same mapping as this repository's own editor settings.
    ours = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert mapped == ours["yaml.schemas"]
    files = {p.relative_to(repo / "content").as_posix() for p in (repo / "content").rglob("*.yml")}
    for schema, pattern in mapped.items():
        kind = Path(schema).name.removesuffix(".schema.json")
        matching = {f for f in files if fnmatch.fnmatch(f"content/{f}", pattern)}
        assert matching or kind == "oit", pattern


def test_the_readme_tells_staff_what_to_do(repo: Path) -> None:
    readme = (repo / "README.md").read_text(encoding="utf-8")
    for needle in (
        "# เว็บไซต์ ITA ของเทศบาลตำบลวังไผ่",
        "content/2569/measures.yml",
        "pip install -r requirements.txt",
        "site-builder serve",
        "/guide/",
        "site_url:",
        "Settings → Pages",
        f"ita-site-builder=={__version__}",
        "site-builder new-year 2570",
        "DEPLOY_METHOD",
    ):
        assert needle in readme, needle
    assert "ชื่อตัวอย่าง" not in readme


def test_the_readme_names_every_setting_of_the_ci_files(repo: Path) -> None:
    readme = (repo / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## การเผยแพร่\n", 1)[1].split("\n## ", 1)[0]
    github = (repo / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8")
    names = set(re.findall(r"\b(?:secrets|vars)\.(\w+)", github))
    assert {"DEPLOY_METHOD", "SSH_PRIVATE_KEY", "DEPLOY_TARGET", "FTP_PASSWORD"} <= names
    gitlab = (repo / ".gitlab-ci.yml").read_text(encoding="utf-8")
    predefined = ("CI_", "PIP_", "GIT_STRATEGY", "HOME", "PATH", "SSH_AUTH_SOCK")
    # GitLab hands every CI/CD variable to the job (SSH_PORT and FTP_PORT straight to the script).
    assert {n for n in publish.ENV_REF.findall(gitlab) if not n.startswith(predefined)} <= names
    for name in sorted(names):
        assert f"`{name}`" in section, f"README.md ## การเผยแพร่ does not mention `{name}`"


def test_without_a_name_the_placeholder_passes_check_and_is_pointed_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _init(tmp_path / "ita", capsys, "--year", "2569")
    assert code == 0, err
    assert f"ตอนนี้เป็นชื่อตัวอย่าง {PLACEHOLDER_NAME}" in err
    site = (tmp_path / "ita" / "content" / "site.yml").read_text(encoding="utf-8")
    assert f"name: {PLACEHOLDER_NAME}   # ชื่อตัวอย่าง" in site
    assert "ชื่อตัวอย่าง" in (tmp_path / "ita" / "README.md").read_text(encoding="utf-8")
    assert load(tmp_path / "ita" / "content").site.organization.name == PLACEHOLDER_NAME


@pytest.mark.parametrize(
    "name", ["อบต. 'ท่าข้าม': #1", "yes", "0712345", '"quoted" name', "- dash", "{ก}"]
)
def test_a_name_yaml_would_misread_is_written_quoted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    code, _, err = _init(tmp_path / "ita", capsys, "--name", name, "--year", "2569")
    assert code == 0, err
    assert load(tmp_path / "ita" / "content").site.organization.name == name


def test_init_prints_what_it_wrote_and_the_next_steps(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("init", "ita", "--name", "เทศบาลตำบลวังไผ่", capsys=capsys)
    assert code == 0, err
    assert out == ""
    lines = err.splitlines()
    assert lines[0] == f"สร้างที่เก็บเว็บไซต์ ITA ของเทศบาลตำบลวังไผ่ แล้วที่ {tmp_path / 'ita'}:"
    steps = lines.index("ขั้นต่อไป:")
    listed = {line.split()[0] for line in lines[1:steps]}
    assert {"content/site.yml", "README.md", "requirements.txt", ".gitlab-ci.yml"} <= listed
    assert "ขั้นต่อไป:" in lines
    assert (
        "  3. cd ita && python3 -m venv .venv && .venv/bin/pip install -r requirements.txt" in lines
    )


# --- the fiscal year -----------------------------------------------------------------


@pytest.mark.parametrize(("epoch", "year"), [(SEPTEMBER_30, 2569), (OCTOBER_1, 2570)])
def test_the_year_is_the_current_fiscal_year(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    epoch: str,
    year: int,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert current_fiscal_year() == year
    code, _, err = _init(tmp_path / "ita", capsys)
    assert code == 0, err
    assert [p.name for p in (tmp_path / "ita" / "content").iterdir() if p.is_dir()] == [str(year)]


def test_year_given_wins_over_the_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", OCTOBER_1)
    code, _, err = _init(tmp_path / "ita", capsys, "--year", "2566")
    assert code == 0, err
    assert (tmp_path / "ita" / "content" / "2566" / "analysis.yml").is_file()


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("2499", "--year: ปีงบประมาณต้องเป็นปี พ.ศ. 4 หลัก ตั้งแต่ 2500 ถึง 2700 เช่น 2568 (พบ 2499)"),
        ("2701", "--year: ปีงบประมาณต้องเป็นปี พ.ศ. 4 หลัก ตั้งแต่ 2500 ถึง 2700 เช่น 2568 (พบ 2701)"),
        (
            "2026",
            "--year: ปีงบประมาณต้องเป็นปี พ.ศ. 4 หลัก ตั้งแต่ 2500 ถึง 2700 เช่น 2568 (พบ 2026)"
            ": ดูเหมือนเป็นปี ค.ศ. ปี พ.ศ. คือ 2569",
        ),
        # In the range, but the package has no ITA catalogue for the assessment it analyses.
        ("2700", "--year 2700: ไม่มีเกณฑ์การประเมิน ITA ปี 2699 ในระบบ"),
    ],
)
def test_a_year_outside_the_bounds_is_refused_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], year: str, message: str
) -> None:
    code, out, err = _init(tmp_path / "ita", capsys, "--year", year)
    assert (code, out) == (2, "")
    assert err.startswith(message), err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("  ", "--name: ต้องมีชื่อหน่วยงาน เช่น --name เทศบาลตำบลวังไผ่\n"),
        ("เทศบาล\nตำบล", "--name: ชื่อหน่วยงานต้องอยู่ในบรรทัดเดียว (พบ เทศบาล\\nตำบล)\n"),
        ("เทศบาล\u202eตำบล", "--name: พบอักขระควบคุมที่มองไม่เห็น (U+202E)"),
    ],
)
def test_a_name_check_would_refuse_is_refused_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    code, _, err = _init(tmp_path / "ita", capsys, "--name", name, "--year", "2569")
    assert code == 2
    assert err.startswith(message), err
    assert list(tmp_path.iterdir()) == []


# --- init: what it refuses -----------------------------------------------------------


def _make_nonempty(target: Path) -> None:
    write_tree(target, {"notes.txt": "ของเดิม\n"})


def _make_hidden_only(target: Path) -> None:
    write_tree(target, {".git/HEAD": "ref: refs/heads/main\n"})


def _make_file(target: Path) -> None:
    target.write_text("ของเดิม\n", encoding="utf-8")


def _make_link_to_empty(target: Path) -> None:
    (target.parent / "elsewhere").mkdir()
    target.symlink_to(target.parent / "elsewhere")


def _make_dangling_link(target: Path) -> None:
    target.symlink_to(target.parent / "nowhere")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            _make_nonempty,
            "ita: โฟลเดอร์นี้มีไฟล์อยู่แล้ว (notes.txt): init เขียนเฉพาะโฟลเดอร์ใหม่หรือโฟลเดอร์ว่าง",
        ),
        (_make_hidden_only, "ita: โฟลเดอร์นี้มีไฟล์อยู่แล้ว (.git):"),
        (_make_file, "ita: เป็นไฟล์ ไม่ใช่โฟลเดอร์: จะไม่เขียนทับ"),
        (_make_link_to_empty, "ita: เป็นลิงก์ (symlink): จะไม่เขียนผ่านลิงก์"),
        (_make_dangling_link, "ita: เป็นลิงก์ (symlink): จะไม่เขียนผ่านลิงก์"),
    ],
    ids=["not-empty", "hidden-only", "file", "link", "dangling-link"],
)
def test_init_refuses_anything_but_a_new_or_empty_folder(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str], make: Any, message: str
) -> None:
    make(chdir_tmp / "ita")
    before = _tree(chdir_tmp)
    code, out, err = run_cli("init", "ita", capsys=capsys)
    assert (code, out) == (1, "")
    assert err.startswith(message), err
    assert "ให้ระบุชื่อโฟลเดอร์ใหม่" in err
    assert _tree(chdir_tmp) == before


def test_init_refuses_the_working_folder_even_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Renaming a folder into the place of the working folder would leave the shell in
    a removed folder: init is run from the folder above."""
    (tmp_path / "ita").mkdir()
    monkeypatch.chdir(tmp_path / "ita")
    for target in (".", "..", str(tmp_path / "ita")):
        code, _, err = run_cli("init", target, capsys=capsys)
        assert code == 1
        assert "เป็นโฟลเดอร์ทำงานปัจจุบันหรือโฟลเดอร์ที่ครอบอยู่" in err
        assert "cd .. แล้ว site-builder init" in err
    assert _tree(tmp_path) == {"ita": None}


def test_init_into_an_empty_folder_fills_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "ita").mkdir()
    code, _, err = _init(tmp_path / "ita", capsys, "--year", "2569")
    assert code == 0, err
    assert (tmp_path / "ita" / "content" / "site.yml").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["ita"]


def test_a_folder_filled_meanwhile_is_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone writes into the empty folder while init works: the final rename refuses
    to replace it, their file stays, and the staging folder is gone."""
    target = tmp_path / "ita"
    target.mkdir()
    real = starter.start_year

    def meanwhile(content: Any, year: int) -> list[Path]:
        (target / "mine.txt").write_text("ของฉัน\n", encoding="utf-8")
        return real(content, year)

    monkeypatch.setattr(starter, "start_year", meanwhile)
    code, _, err = _init(target, capsys, "--year", "2569")
    assert code == 1
    assert "เขียนไม่สำเร็จ ไม่ได้สร้างอะไรไว้" in err
    assert _tree(tmp_path) == {"ita": None, "ita/mine.txt": "ของฉัน\n"}


def test_a_failure_on_the_way_leaves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(out: Path) -> list[Path]:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(starter, "write_schemas", full)
    code, _, err = _init(tmp_path / "ita", capsys, "--year", "2569")
    assert code == 1
    assert "ita: เขียนไม่สำเร็จ ไม่ได้สร้างอะไรไว้ (No space left on device)" in err
    assert list(tmp_path.iterdir()) == []


def _tree(root: Path) -> dict[str, str | None]:
    """Every entry below ``root`` (links not followed): a file's text, None otherwise."""
    return {
        p.relative_to(root).as_posix(): (
            p.read_text(encoding="utf-8") if p.is_file() and not p.is_symlink() else None
        )
        for p in sorted(root.rglob("*"))
    }


# --- the templates are package data ----------------------------------------------------


def test_every_template_is_shipped_in_the_wheel() -> None:
    """The package-data globs of pyproject.toml skip hidden files; every template has a
    visible name and a suffix the globs include, and every one is used."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11 on
    with (ROOT / "pyproject.toml").open("rb") as f:
        globs = tomllib.load(f)["tool"]["setuptools"]["package-data"]["site_builder"]
    templates = sorted(p for p in starter.TEMPLATES.rglob("*") if p.is_file())
    assert templates
    for path in templates:
        rel = path.relative_to(ROOT / "site_builder")
        assert not any(part.startswith(".") for part in rel.parts), rel
        assert any(fnmatch.fnmatch(path.name, g.removeprefix("**/")) for g in globs), rel
    assert sorted(p.name for p in templates) == sorted(starter.FILES.values())


# --- the CI files ------------------------------------------------------------------------
# Read as data and run through the interpreters of tests/test_publish.py.

MAIN = "refs/heads/main"


def _github(repo: Path) -> dict[str, Any]:
    data = yaml.safe_load((repo / ".github" / "workflows" / "site.yml").read_text("utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as the boolean true
        data["on"] = data.pop(True)
    return dict(data)


def _gitlab(repo: Path) -> dict[str, Any]:
    return dict(yaml.safe_load((repo / ".gitlab-ci.yml").read_text("utf-8")))


def _step_script(steps: list[dict[str, Any]]) -> str:
    return "\n".join(str(s["run"]) for s in steps if "run" in s)


def test_github_runs_on_pull_requests_and_pushes_to_main(repo: Path) -> None:
    on = _github(repo)["on"]
    assert "pull_request" in on
    assert "pull_request_target" not in on, "would hand secrets to forks"
    assert on["push"] == {"branches": ["main"]}


WEB_HOST = {"rsync", "ftps"}


@pytest.mark.parametrize(
    ("event", "ref", "variables", "published"),
    [
        ("pull_request", "refs/pull/7/merge", {}, set()),
        ("pull_request", "refs/pull/7/merge", publish.ALL, set()),
        ("push", MAIN, {}, {"pages"}),  # DEPLOY_METHOD unset: GitHub Pages
        ("push", MAIN, {"DEPLOY_METHOD": "pages"}, {"pages"}),
        ("push", MAIN, {"DEPLOY_METHOD": "rsync"}, {"rsync"}),
        ("push", MAIN, {"DEPLOY_METHOD": "ftps"}, {"ftps"}),
        ("push", MAIN, {"DEPLOY_METHOD": "pages ftps"}, {"pages", "ftps"}),
        ("push", MAIN, publish.ALL, {"pages", "rsync", "ftps"}),
        ("workflow_dispatch", MAIN, {}, {"pages"}),
        ("workflow_dispatch", MAIN, {"DEPLOY_METHOD": "rsync"}, {"rsync"}),
        ("workflow_dispatch", "refs/heads/feature", publish.ALL, set()),
        ("push", "refs/heads/feature", publish.ALL, set()),  # not triggered (on.push.branches)
    ],
)
def test_github_checks_and_builds_everywhere_and_publishes_main_where_deploy_method_says(
    repo: Path, event: str, ref: str, variables: dict[str, str], published: set[str]
) -> None:
    workflow = _github(repo)
    ran = publish.github_run(workflow, event, ref, variables)
    assert set(ran) == {"build", *published}
    steps = ran["build"]
    script = _step_script(steps)
    assert publish.commands(script, "pip") == [["install", "-r", "requirements.txt"]]
    assert publish.subcommands(script) == ["check", "build"]
    # The built site is kept for what publishes it: the Pages artifact for pages, an artifact
    # with the hidden .site-builder marker (which the deploy scripts check) for the web host.
    uploads = {
        str(s["uses"]): s["with"]
        for s in steps
        if str(s.get("uses", "")).startswith("actions/upload-")
    }
    expected = {}
    if "pages" in published:
        expected["actions/upload-pages-artifact@v3"] = {"path": "site"}
    if published & WEB_HOST:
        expected["actions/upload-artifact@v4"] = {
            "name": "site",
            "path": "site/",
            "include-hidden-files": True,
            "if-no-files-found": "error",
            "retention-days": 7,
        }
    assert uploads == expected
    warns = [s for s in steps if "site_url" in str(s.get("run", ""))]
    assert len(warns) == (1 if published else 0)
    if "pages" in published:
        assert [s.get("uses") for s in ran["pages"]] == ["actions/deploy-pages@v4"]
    for method in published & WEB_HOST:
        deploy = _step_script(ran[method])
        # The pinned site-builder, then its deploy command on the downloaded artifact.
        assert publish.commands(deploy, "pip") == [["install", "-r", "requirements.txt"]]
        assert publish.subcommands(deploy) == ["deploy"]
        assert publish.deploy_calls(deploy, method) == [["site"]]
        (download,) = [s for s in ran[method] if s.get("uses") == "actions/download-artifact@v4"]
        assert download["with"] == {"name": "site", "path": "site"}


def test_github_deploys_to_the_web_host_as_this_repositorys_workflow_does(repo: Path) -> None:
    """The same jobs, conditions, secrets and checks as .github/workflows/site.yml; only the
    last line differs: ``site-builder deploy rsync site`` instead of the script's path."""
    workflow = _github(repo)
    ours, theirs = publish.github()["jobs"], workflow["jobs"]
    (our_upload,) = [
        s for s in ours["build"]["steps"] if s.get("uses") == "actions/upload-artifact@v4"
    ]
    (upload,) = [
        s for s in theirs["build"]["steps"] if s.get("uses") == "actions/upload-artifact@v4"
    ]
    assert upload["with"] == our_upload["with"]
    for method in WEB_HOST:
        for key in ("name", "needs", "if", "runs-on", "timeout-minutes", "concurrency"):
            assert theirs[method][key] == ours[method][key], (method, key)
        assert theirs[method]["environment"] == ours[method]["environment"], method
        (our_step,) = [
            s for s in ours[method]["steps"] if publish.deploy_calls(str(s.get("run")), method)
        ]
        (step,) = [
            s for s in theirs[method]["steps"] if publish.deploy_calls(str(s.get("run")), method)
        ]
        assert step["env"] == our_step["env"]
        assert step["run"].splitlines()[:-1] == our_step["run"].splitlines()[:-1]
        assert step["run"].splitlines()[-1] == f"site-builder deploy {method} site"
    publish.check_github_credentials(workflow)


def test_github_pages_job_and_pins(repo: Path) -> None:
    workflow = _github(repo)
    job = workflow["jobs"]["pages"]
    assert publish.needs(job) == ["build"]
    assert job["permissions"] == {"pages": "write", "id-token": "write"}
    assert job["environment"]["name"] == "github-pages"
    assert job["concurrency"]["cancel-in-progress"] is False
    assert workflow["permissions"] == {"contents": "read"}
    used = {
        str(step["uses"])
        for j in workflow["jobs"].values()
        for step in j["steps"]
        if "uses" in step
    }
    assert used <= publish.PINNED, used - publish.PINNED
    setup = workflow["jobs"]["build"]["steps"][1]
    assert setup["with"]["cache-dependency-path"] == "requirements.txt"


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        (publish.MR, {"build"}),
        ({**publish.MR, **publish.ALL}, {"build"}),
        (publish.PUSH_MAIN, {"build", "pages"}),  # DEPLOY_METHOD unset: GitLab Pages
        ({**publish.PUSH_MAIN, "DEPLOY_METHOD": ""}, {"build", "pages"}),
        ({**publish.PUSH_MAIN, "DEPLOY_METHOD": "rsync"}, {"build", "deploy-rsync"}),
        ({**publish.PUSH_MAIN, "DEPLOY_METHOD": "ftps"}, {"build", "deploy-ftps"}),
        ({**publish.PUSH_MAIN, "DEPLOY_METHOD": "pages ftps"}, {"build", "pages", "deploy-ftps"}),
        ({**publish.PUSH_MAIN, "CI_PIPELINE_SOURCE": "web"}, {"build", "pages"}),
        (publish.PUSH_FEATURE, set()),
        ({**publish.PUSH_FEATURE, **publish.ALL}, set()),
    ],
    ids=[
        "merge-request",
        "merge-request-all",
        "push-main",
        "push-main-empty",
        "push-main-rsync",
        "push-main-ftps",
        "push-main-pages-ftps",
        "run-on-main",
        "push-feature",
        "push-feature-all",
    ],
)
def test_gitlab_checks_merge_requests_and_publishes_main_where_deploy_method_says(
    repo: Path, variables: dict[str, str], expected: set[str]
) -> None:
    ci = _gitlab(repo)
    assert publish.gitlab_run(ci, variables) == expected
    jobs = publish.gitlab_jobs(ci)
    # GitLab publishes Pages only from a job named pages.
    assert set(jobs) == {"build", "pages", "deploy-rsync", "deploy-ftps"}
    script = publish.gitlab_script(jobs["build"])
    assert publish.commands(script, "pip") == [["install", "-q", "-r", "requirements.txt"]]
    assert publish.subcommands(script) == ["check", "build"]
    assert jobs["build"]["artifacts"]["paths"] == ["site/"]
    assert publish.commands(publish.gitlab_script(jobs["pages"]), "cp") == [
        ["-a", "site", "public"]
    ]
    assert jobs["pages"]["artifacts"]["paths"] == ["public"]
    for method in WEB_HOST:
        deploy = publish.gitlab_script(jobs[f"deploy-{method}"])
        assert publish.commands(deploy, "pip") == [["install", "-q", "-r", "requirements.txt"]]
        assert publish.subcommands(deploy) == ["deploy"]
        assert publish.deploy_calls(deploy, method) == [["site"]]


def test_gitlab_deploys_to_the_web_host_as_this_repositorys_file_does(repo: Path) -> None:
    """The same rules, resource group, packages and checks as .gitlab-ci.yml, with the
    pinned site-builder installed; only the last line differs."""
    ci = _gitlab(repo)
    ours, theirs = publish.gitlab_jobs(publish.gitlab()), publish.gitlab_jobs(ci)
    for name in ("pages", "deploy-rsync", "deploy-ftps"):
        for key in ("stage", "needs", "resource_group", "environment", "rules"):
            assert theirs[name].get(key) == ours[name].get(key), (name, key)
    for method in WEB_HOST:
        name = f"deploy-{method}"
        assert theirs[name]["before_script"] == [
            *ours[name]["before_script"],
            "pip install -q -r requirements.txt",
        ]
        assert theirs[name]["script"][:-1] == ours[name]["script"][:-1]
        assert theirs[name]["script"][-1] == f"site-builder deploy {method} site"
        assert theirs[name]["cache"]["key"] == theirs["build"]["cache"]["key"]
    publish.check_gitlab_variables(ci)


def test_every_site_builder_call_in_the_ci_files_parses(repo: Path) -> None:
    scripts = [publish.github_script(job) for job in _github(repo)["jobs"].values()]
    scripts += [publish.gitlab_script(job) for job in publish.gitlab_jobs(_gitlab(repo)).values()]
    calls = [args for script in scripts for args in publish.commands(script, "site-builder")]
    assert len(calls) == 8  # check and build, deploy rsync and deploy ftps, in each file
    for args in calls:
        cli.parser().parse_args(args)
    for path in (repo / ".github" / "workflows" / "site.yml", repo / ".gitlab-ci.yml"):
        text = path.read_text(encoding="utf-8")
        # Nothing of this repository: no tests, no make, no scripts, no deploy scripts.
        assert not re.search(r"\bmake\b|\bpytest\b|scripts/|deploy/|constraints\.txt", text), path


def _warns(script: str, cwd: Path, env: dict[str, str]) -> str:
    run = subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", script],
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return run.stdout


def test_main_warns_until_site_url_is_set(repo: Path) -> None:
    (warn,) = [
        s for s in _github(repo)["jobs"]["build"]["steps"] if "site_url" in str(s.get("run"))
    ]
    github = str(warn["run"])
    (gitlab,) = [
        part for part in publish.gitlab_jobs(_gitlab(repo))["build"]["script"] if "site_url" in part
    ]
    main = {"CI_COMMIT_BRANCH": "main", "CI_DEFAULT_BRANCH": "main"}
    merge_request = {"CI_DEFAULT_BRANCH": "main"}
    assert _warns(github, repo, {}).startswith("::warning file=content/site.yml,title=site_url::")
    assert _warns(gitlab, repo, main).startswith("คำเตือน: ยังไม่ได้ตั้ง site_url ใน content/site.yml")
    assert _warns(gitlab, repo, merge_request) == ""
    # Set in mkdocs.yml (where it used to be), or in content/site.yml: no warning.
    config = repo / "mkdocs.yml"
    config.write_text(MKDOCS_YML + "site_url: https://www.example.go.th/ita/\n", "utf-8")
    assert _warns(github, repo, {}) == ""
    assert _warns(gitlab, repo, main) == ""
    config.write_text(MKDOCS_YML, "utf-8")
    site = repo / "content" / "site.yml"
    text = site.read_text(encoding="utf-8")
    site.write_text(text.replace("\n# site_url: https://", "\nsite_url: https://"), "utf-8")
    assert _warns(github, repo, {}) == ""
    assert _warns(gitlab, repo, main) == ""


@pytest.mark.parametrize(
    ("direct_url", "expected"),
    [
        (None, f"ita-site-builder=={__version__}"),  # this checkout: an editable install
        (
            '{"url": "file:///work/x", "dir_info": {"editable": true}}',
            f"ita-site-builder=={__version__}",
        ),
        (
            '{"url": "https://github.com/o/r/releases/download/v1.2.0/ita_site_builder-1.2.0-py3-none-any.whl",'
            ' "archive_info": {}}',
            "ita-site-builder @ https://github.com/o/r/releases/download/v1.2.0/ita_site_builder-1.2.0-py3-none-any.whl",
        ),
        (
            '{"url": "https://github.com/o/r", "vcs_info": {"vcs": "git", "requested_revision": "v1.2.0",'
            ' "commit_id": "abc123"}}',
            "ita-site-builder @ git+https://github.com/o/r@v1.2.0",
        ),
        (
            '{"url": "https://x.example/a b.whl", "archive_info": {}}',
            f"ita-site-builder=={__version__}",
        ),
        (
            '{"url": "http://x.example/a.whl", "archive_info": {}}',
            f"ita-site-builder=={__version__}",
        ),
        (
            '{"url": "https://github.com/o/r", "vcs_info": {"vcs": "git", "requested_revision": "v1;rm"}}',
            f"ita-site-builder=={__version__}",
        ),
        ("not json", f"ita-site-builder=={__version__}"),
    ],
)
def test_the_pin_installs_what_the_officer_installed(direct_url: str | None, expected: str) -> None:
    if direct_url is None:
        assert starter.requirement() == expected
    else:
        assert starter.requirement(direct_url) == expected
