"""A new municipality's repository: what ``site-builder init DIR`` writes.

The repository holds only what the municipality owns (DESIGN, "More commands"):
``content/`` with its ``site.yml`` and the current fiscal year as drafts (started by
:func:`site_builder.newyear.start_year`, as ``new-year`` starts a first year), a small
``mkdocs.yml``, the GitHub and GitLab CI files, the editor settings and the JSON
Schemas they name (:func:`site_builder.format.schema.write_schemas`), ``.gitignore``,
``requirements.txt`` pinning this tool's version, and a README in Thai for staff.  The
theme, the templates and the defaults stay in the installed package.

The templates are package data in ``site_builder/starter/`` under names without a
leading dot (package-data globs skip hidden files): one ending in ``.j2`` is rendered
with Jinja2, any other is copied as it is.

Everything is written into a hidden staging folder beside ``DIR`` (:class:`Staging`),
checked with the loader ``check`` uses, then renamed into place in one rename, which
the system itself refuses when ``DIR`` has meanwhile become a file or a folder with
anything in it: ``DIR`` appears whole or not at all, and nothing is overwritten.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import yaml

from . import __version__
from .errors import ContentError, show_controls
from .format.schema import SchemaRefused, write_schemas
from .newyear import NewYearRefused, check_year_number, start_year
from .oit import build_day
from .output import OutputRefused, Staging
from .thai import fiscal_year
from .tree.loader import load

if TYPE_CHECKING:
    from .tree import Content

TEMPLATES = Path(__file__).resolve().parent / "starter"
"""The folder of the templates (package data)."""

FILES: dict[str, str] = {
    "content/site.yml": "site.yml.j2",
    "mkdocs.yml": "mkdocs.yml",
    ".github/workflows/site.yml": "github-workflow.yml",
    ".gitlab-ci.yml": "gitlab-ci.yml",
    ".gitignore": "gitignore.j2",
    "requirements.txt": "requirements.txt.j2",
    "README.md": "README.md.j2",
}
"""Each file of the repository (its path in ``DIR``) and the template it comes from."""

SCHEMAS = "schemas"
"""The folder of ``DIR`` that holds the JSON Schemas."""

SCHEMA_FILES: dict[str, str] = {
    "site": "content/site.yml",
    "analysis": "content/*/analysis.yml",
    "measures": "content/*/measures.yml",
    "report": "content/*/reports/*.yml",
    "oit": "content/*/oit.yml",
}
"""Schema kind -> the content files it describes, for the editor (a free page's front
matter, the ``page`` kind, is not a YAML file the editor maps)."""

PLACEHOLDER_NAME = "เทศบาลตำบลตัวอย่าง"
"""The organisation's name when ``--name`` is not given; the README says to change it."""

REQUIREMENT = f"ita-site-builder=={__version__}"
"""The line of ``requirements.txt`` that pins this tool from a package index: its own
version, never typed."""


def requirement(direct_url: str | None = None) -> str:
    """The line of ``requirements.txt`` that installs exactly this tool: where it was
    installed from when that was a release file or a tagged repository (PEP 610's
    ``direct_url.json``, ``direct_url`` in tests), else :data:`REQUIREMENT`.  So a
    municipality's CI installs what its IT officer installed from the README's line."""
    if direct_url is None:
        try:
            direct_url = importlib.metadata.distribution("ita-site-builder").read_text(
                "direct_url.json"
            )
        except importlib.metadata.PackageNotFoundError:
            direct_url = None
    try:
        origin = json.loads(direct_url or "{}")
    except ValueError:
        return REQUIREMENT
    url = origin.get("url", "") if isinstance(origin, dict) else ""
    if (
        not isinstance(url, str)
        or not url.startswith("https://")
        or any(ch.isspace() or ch in "\"'#;" for ch in url)
    ):
        return REQUIREMENT  # editable, a local file or folder, or nothing usable
    vcs = origin.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") == "git":
        revision = vcs.get("requested_revision") or vcs.get("commit_id")
        if (
            not isinstance(revision, str)
            or not revision.replace(".", "").replace("-", "").isalnum()
        ):
            return REQUIREMENT
        return f"ita-site-builder @ git+{url}@{revision}"
    if "archive_info" in origin and url.endswith(".whl"):
        return f"ita-site-builder @ {url}"
    return REQUIREMENT


_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x85\u2028\u2029")


class InitRefused(Exception):
    """The repository cannot be written; the message says why, in Thai, and nothing
    was written.  ``usage`` marks wrong usage (exit 2) rather than a refusal (exit 1)."""

    def __init__(self, message: str, *, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage


@dataclass(frozen=True)
class Repository:
    """A repository :func:`write_repository` wrote: where, for whom, which fiscal year,
    and every file it holds (paths relative to ``root``, sorted)."""

    root: Path
    name: str
    year: int
    files: tuple[str, ...]

    @property
    def placeholder(self) -> bool:
        """The organisation's name is :data:`PLACEHOLDER_NAME`, to be changed."""
        return self.name == PLACEHOLDER_NAME


def current_fiscal_year() -> int:
    """The fiscal year (B.E.) of today, or of ``SOURCE_DATE_EPOCH`` when it is set
    (:func:`site_builder.oit.build_day`): a new one starts on 1 October."""
    return fiscal_year(build_day())


def _yaml_text(value: str) -> str:
    """``value`` as one YAML scalar, quoted when YAML would read it as anything else."""
    dumped = yaml.safe_dump({"k": value}, allow_unicode=True, width=10_000)
    return dumped.removeprefix("k: ").rstrip("\n")


def _environment() -> jinja2.Environment:
    # Plain text files, not HTML: nothing to escape but the YAML scalar, which
    # the template quotes explicitly with the yaml_text filter.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["yaml_text"] = _yaml_text
    return env


def editor_settings() -> str:
    """``.vscode/settings.json``: every schema of :data:`SCHEMAS` mapped to its files."""
    settings = {
        "yaml.schemas": {f"./{SCHEMAS}/{k}.schema.json": v for k, v in SCHEMA_FILES.items()},
        "files.encoding": "utf8",
        "editor.insertSpaces": True,
        "[yaml]": {"editor.tabSize": 2, "editor.detectIndentation": False},
    }
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


def editor_extensions() -> str:
    """``.vscode/extensions.json``: the YAML extension that reads ``yaml.schemas``."""
    return json.dumps({"recommendations": ["redhat.vscode-yaml"]}, indent=2) + "\n"


def render_files(name: str, year: int) -> dict[str, str]:
    """The text of every file of :data:`FILES` and of the editor settings, by path."""
    env = _environment()
    values = {
        "name": name,
        "year": year,
        "version": __version__,
        "requirement": requirement(),
        "placeholder": name == PLACEHOLDER_NAME,
    }
    files = {}
    for path, template in FILES.items():
        if template.endswith(".j2"):
            files[path] = env.get_template(template).render(values)
        else:
            files[path] = (TEMPLATES / template).read_text(encoding="utf-8")
    files[".vscode/settings.json"] = editor_settings()
    files[".vscode/extensions.json"] = editor_extensions()
    return files


def check_name(name: str | None) -> str:
    """The organisation's name to write: ``name`` without surrounding spaces, or
    :data:`PLACEHOLDER_NAME`; :class:`InitRefused` (usage) for one that is empty or
    spans lines.  What else ``site.yml`` refuses, the loader says after writing."""
    if name is None:
        return PLACEHOLDER_NAME
    stripped = name.strip()
    if not stripped:
        raise InitRefused("--name: ต้องมีชื่อหน่วยงาน เช่น --name เทศบาลตำบลวังไผ่", usage=True)
    if _LINE_BREAKS & set(stripped):
        raise InitRefused(
            f"--name: ชื่อหน่วยงานต้องอยู่ในบรรทัดเดียว (พบ {show_controls(stripped)})", usage=True
        )
    return stripped


def check_target(target: Path) -> None:
    """:class:`InitRefused` unless ``target`` may become the repository: a path where
    nothing exists yet, or an empty folder that is neither the working folder nor one
    above it, nor a mount point.  A symlink, a file or a folder holding anything (even
    a hidden file) is refused: init never writes over or beside anyone's files."""
    shown = show_controls(str(target))
    new = "ให้ระบุชื่อโฟลเดอร์ใหม่ เช่น site-builder init ita-website"
    if target.is_symlink():
        raise InitRefused(f"{shown}: เป็นลิงก์ (symlink): จะไม่เขียนผ่านลิงก์ {new}")
    if os.path.lexists(target) and not target.is_dir():
        raise InitRefused(f"{shown}: เป็นไฟล์ ไม่ใช่โฟลเดอร์: จะไม่เขียนทับ {new}")
    absolute = Path(os.path.abspath(target))
    here = Path(os.path.abspath(Path.cwd()))
    if here == absolute or here.is_relative_to(absolute):
        raise InitRefused(
            f"{shown}: เป็นโฟลเดอร์ทำงานปัจจุบันหรือโฟลเดอร์ที่ครอบอยู่: "
            f"ให้เรียกจากโฟลเดอร์แม่แล้วระบุชื่อโฟลเดอร์ใหม่ เช่น cd .. แล้ว site-builder init {absolute.name or 'ita-website'}"
        )
    if not target.exists():
        return
    try:
        entries = [entry.name for entry in target.iterdir()]
    except OSError as exc:
        raise InitRefused(f"{shown}: เปิดโฟลเดอร์ไม่ได้ ({exc.strerror or exc})") from None
    if entries:
        listed = ", ".join(sorted(entries)[:5]) + (" …" if len(entries) > 5 else "")
        raise InitRefused(
            f"{shown}: โฟลเดอร์นี้มีไฟล์อยู่แล้ว ({show_controls(listed)}): "
            f"init เขียนเฉพาะโฟลเดอร์ใหม่หรือโฟลเดอร์ว่าง และจะไม่เขียนทับ {new}"
        )
    if os.path.ismount(absolute):
        raise InitRefused(f"{shown}: เป็นจุดเมานต์ (mount point) ซึ่งแทนที่ทั้งโฟลเดอร์ไม่ได้: {new}")


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _checked(content: Path, argument: str) -> Content:
    """The content as ``check`` sees it; an error is a refusal (usage) of ``argument``,
    the one value the user gave that the written files depend on: ``--name`` in
    ``site.yml``, then ``--year`` (a year the package has no ITA catalogue for)."""
    try:
        return load(content)
    except ContentError as exc:
        messages = "; ".join(p.message for p in exc.problems if not p.warning)
        raise InitRefused(f"{argument}: {messages} (ไม่ได้สร้างอะไรไว้)", usage=True) from None


def write_repository(
    target: Path, *, name: str | None = None, year: int | None = None
) -> Repository:
    """Write a new municipality's repository at ``target`` and return what it holds.

    ``name`` is the organisation's (default :data:`PLACEHOLDER_NAME`), ``year`` the
    fiscal year to start as drafts (default :func:`current_fiscal_year`; 2500–2700).
    Raises :class:`InitRefused` with nothing written, when the arguments are wrong,
    when :func:`check_target` refuses ``target``, or when anything fails on the way:
    the files are written into a staging folder beside ``target``, whose content must
    pass ``check``, and only then renamed to ``target``.
    """
    chosen_year = current_fiscal_year() if year is None else year
    try:
        check_year_number(chosen_year)
    except NewYearRefused as exc:
        raise InitRefused(f"--year: {exc}", usage=True) from None
    chosen_name = check_name(name)
    files = render_files(chosen_name, chosen_year)
    check_target(target)
    try:
        staging = Staging(target)
    except OutputRefused as exc:
        raise InitRefused(str(exc)) from None
    try:
        _write(staging.path, files)
        write_schemas(staging.path / SCHEMAS)
        content = staging.path / "content"
        start_year(_checked(content, "--name"), chosen_year)
        _checked(content, f"--year {chosen_year}")
        written = sorted(
            p.relative_to(staging.path).as_posix() for p in staging.path.rglob("*") if p.is_file()
        )
        # One rename, which replaces nothing but an empty folder: the system refuses
        # it when target has become a file or a folder with anything in it meanwhile.
        staging.path.rename(target)
    except (OSError, SchemaRefused, NewYearRefused) as exc:
        staging.discard()
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise InitRefused(
            f"{show_controls(str(target))}: เขียนไม่สำเร็จ ไม่ได้สร้างอะไรไว้ ({why})"
        ) from None
    except BaseException:
        staging.discard()
        raise
    return Repository(Path(os.path.abspath(target)), chosen_name, chosen_year, tuple(written))


_WHAT = {
    "content/site.yml": "ชื่อและข้อมูลของหน่วยงาน ที่อยู่ของเว็บไซต์ (site_url)",
    "content/": "ปีงบประมาณ {year} เป็นฉบับร่าง: การวิเคราะห์ มาตรการ รายงานรอบ 6 เดือนและประจำปี",
    "README.md": "คำอธิบายสำหรับเจ้าหน้าที่: แก้ไฟล์ไหน ดูตัวอย่าง เผยแพร่ อัปเกรด",
    "requirements.txt": f"รุ่นของโปรแกรม ({__version__}): อัปเกรดโดยแก้ตัวเลขรุ่นในไฟล์นี้",
    "mkdocs.yml": "การตั้งค่าเว็บไซต์ (ไม่ต้องแก้)",
    ".github/workflows/site.yml": "ตรวจทุก pull request และเผยแพร่ main ตามตัวแปร DEPLOY_METHOD (ค่าเริ่มต้น GitHub Pages)",
    ".gitlab-ci.yml": "ตรวจทุก merge request และเผยแพร่ main ตามตัวแปร DEPLOY_METHOD (ค่าเริ่มต้น GitLab Pages)",
    ".vscode/": "ให้ VS Code เติมชื่อฟิลด์และเตือนเมื่อพิมพ์ผิด (ใช้ schemas/)",
    f"{SCHEMAS}/": "JSON Schema ของไฟล์เนื้อหาทุกชนิด",
    ".gitignore": "สิ่งที่ไม่เก็บใน git",
}


def summary(repo: Repository, shown: str) -> list[str]:
    """What :func:`write_repository` wrote and what to do next, in Thai, one line each;
    ``shown`` is the folder as the user named it (for the ``cd`` line)."""
    lines = [f"สร้างที่เก็บเว็บไซต์ ITA ของ{repo.name} แล้วที่ {repo.root}:"]
    year = f"content/{repo.year}/"
    for rel, what in _WHAT.items():
        shown_rel = year if rel == "content/" else rel
        lines.append(f"  {shown_rel:<28} {what.format(year=repo.year)}")
    folder = shlex.quote(shown)
    steps = [
        f"แก้ชื่อหน่วยงานใน content/site.yml (ตอนนี้เป็นชื่อตัวอย่าง {repo.name})"
        if repo.placeholder
        else "เติมข้อมูลหน่วยงาน (อำเภอ จังหวัด เว็บไซต์หลัก) ใน content/site.yml",
        "เมื่อรู้ที่อยู่ของเว็บไซต์แล้ว ตั้ง site_url ใน content/site.yml",
        f"cd {folder} && python3 -m venv .venv && .venv/bin/pip install -r requirements.txt",
        ".venv/bin/site-builder serve แล้วเปิด http://127.0.0.1:8000/ (คู่มืออยู่ที่ /guide/)",
        "git init -b main && git add . && git commit -m 'เริ่มเว็บไซต์ ITA' แล้ว push ขึ้น GitHub หรือ GitLab:"
        " ทุก pull request จะถูกตรวจ และ main จะถูกเผยแพร่ (ดู README.md)",
    ]
    lines.append("ขั้นต่อไป:")
    lines += [f"  {i}. {step}" for i, step in enumerate(steps, 1)]
    return lines
