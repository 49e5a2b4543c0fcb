"""Hostile trees and hostile targets, through the real CLI: every refusal is the exact
Thai line, exit 1, no traceback, and nothing outside what the tool wrote has changed.

Each test hashes every entry of its whole tmp folder (the content, the project, the
target and whatever stands beside them) before and after the command."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import stat
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import derived_config, run_cli, write_tree
from site_builder.format.schema import KINDS

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
DOCX = b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 32

SITE = "organization: {name: เทศบาลตำบลทดสอบ}\n"
MEASURES = (
    "measures:\n  - {no: 1, title: จัดทำคู่มือ, indicators: [1], steps: ทำ, responsible: สำนักปลัด}\n"
)
BASE: dict[str, str | bytes] = {"site.yml": SITE, "2566/measures.yml": MEASURES}

UNEXPECTED = "เกิดข้อผิดพลาดที่ไม่คาดคิด"

# The tool's messages (site_builder/output.py, filesystem.py, content.py, yamlio.py).
KEEP = "จะไม่ลบและจะไม่เขียนทับ"
COVERS = f"เป็นหรือครอบ {{what}} {KEEP}: ให้ระบุโฟลเดอร์ผลลัพธ์ของตัวเอง เช่น site/"
NOT_OURS = (
    "โฟลเดอร์นี้มีไฟล์อยู่แล้วและไม่ได้สร้างโดย site-builder (ไม่มีไฟล์ .site-builder): "
    f"{KEEP} ให้ระบุโฟลเดอร์ใหม่หรือโฟลเดอร์ว่าง เช่น site/"
)
IS_FILE = "เป็นไฟล์ ไม่ใช่โฟลเดอร์: จะไม่เขียนทับ ให้ระบุโฟลเดอร์ใหม่"
IS_LINK = "เป็นลิงก์ (symlink) ไม่ใช่โฟลเดอร์: จะไม่เขียนผ่านลิงก์ ให้ระบุโฟลเดอร์จริง"
FOREIGN = (
    "มีไฟล์ที่ไม่ได้สร้างโดย site-builder หรือถูกแก้ไขหลังสร้าง ({listed}): "
    f"{KEEP} ให้ย้ายไฟล์เหล่านั้นออกไปก่อน หรือระบุโฟลเดอร์ใหม่"
)
LINK_OUT = "ลิงก์ (symlink) ชี้ออกไปนอกโฟลเดอร์เนื้อหา: ให้คัดลอกไฟล์จริงมาวางแทน"
LINK_DIR = "ลิงก์ (symlink) ไปยังโฟลเดอร์ใช้ไม่ได้: ให้ใช้โฟลเดอร์จริง"
LINK_BROKEN = "ลิงก์ (symlink) ที่ชี้ไปยังสิ่งที่ไม่มีอยู่หรือวนกลับมาที่ตัวเอง: ให้ลบลิงก์หรือคัดลอกไฟล์จริงมาวางแทน"
SPECIAL = "ไม่ใช่ไฟล์ธรรมดา (เช่น FIFO, socket หรืออุปกรณ์): ให้ลบออกจากโฟลเดอร์เนื้อหา"
HARD_LINK = "ไฟล์นี้มีฮาร์ดลิงก์หลายชื่อ (hard link) ซึ่งอาจเป็นไฟล์จากนอกโฟลเดอร์เนื้อหา: ให้คัดลอกเป็นไฟล์ใหม่แทน"
NOT_PUBLISHED = (
    "'{ref}' ไม่ได้เผยแพร่: ต้องเป็นไฟล์จริงภายในโฟลเดอร์ files/ ที่เผยแพร่ได้ "
    "(ไม่ใช่โฟลเดอร์ ลิงก์ออกไปนอกโฟลเดอร์ ไฟล์ซ่อนที่ชื่อขึ้นต้นด้วยจุด "
    "หรือไฟล์ที่มีข้อผิดพลาดของตัวเองด้านบน)"
)
ALLOWED = (
    "pdf, jpg, jpeg, png, gif, webp, doc, docx, xls, xlsx, ppt, pptx, odt, ods, odp, csv, txt, zip"
)
BAD_TYPE = (
    "ไฟล์ชนิด '{suffix}' เผยแพร่ไม่ได้ (เบราว์เซอร์อาจเปิดเป็นหน้าเว็บหรือสคริปต์): "
    f"ใช้ได้เฉพาะ {ALLOWED} เช่น แปลงเป็น PDF ก่อนแนบ"
)
BAD_BYTES = (
    "เนื้อไฟล์ไม่ใช่ {name} ตามนามสกุล .{kind} (ไฟล์อาจเสียหรือเปลี่ยนนามสกุลมา): "
    "ให้บันทึกหรือส่งออกเป็น {name} ใหม่จากโปรแกรมต้นฉบับ"
)
BAD_CHAR = (
    "ชื่อไฟล์หรือโฟลเดอร์มีอักขระ {what} ซึ่งใช้ในที่อยู่เว็บไม่ได้: "
    "ให้เปลี่ยนชื่อโดยใช้ตัวอักษร ตัวเลข เว้นวรรค - _ . หรือวงเล็บ"
)
BAD_EDGE = "ชื่อไฟล์หรือโฟลเดอร์ขึ้นต้นหรือลงท้ายด้วยเว้นวรรคหรือจุด: ให้ลบออก"
YEAR_RANGE = "ปีงบประมาณ {year} อยู่นอกช่วงที่ใช้ได้ (2500–2700): ชื่อโฟลเดอร์ต้องเป็นปี พ.ศ. เช่น 2568"
ALIAS = "รูปแบบ YAML ไม่ถูกต้อง: ไม่รองรับ anchor และ alias (&ชื่อ, *ชื่อ, <<:) ให้เขียนค่าซ้ำตรง ๆ ในแต่ละที่"
TOO_DEEP = "รูปแบบ YAML ไม่ถูกต้อง: ซ้อนกันลึกเกิน 50 ชั้น (รายการหรือกลุ่มฟิลด์ซ้อนกันมากเกินไป หรือวงเล็บ [ { ไม่ได้ปิด)"
CONTROL = (
    "พบอักขระควบคุมที่มองไม่เห็น ({code}) ที่ตำแหน่ง {column} ของบรรทัด: "
    "ให้ลบอักขระนี้ออก (มักติดมาจากการคัดลอกข้อความจาก Word หรือ PDF)"
)


def errors(n: int) -> str:
    return f"พบข้อผิดพลาด {n} รายการ"


# --- helpers ---------------------------------------------------------------------------


def snapshot(root: Path) -> dict[str, tuple[object, ...]]:
    """Every entry below ``root`` (links not followed, FIFOs not opened): its kind and
    mode, a file's SHA-256, size and mtime, a link's target."""
    found: dict[str, tuple[object, ...]] = {}
    for folder, dirs, files in os.walk(root):
        for name in (*dirs, *files):
            path = Path(folder, name)
            info = path.lstat()
            rel = path.relative_to(root).as_posix()
            if stat.S_ISLNK(info.st_mode):
                found[rel] = ("link", str(Path(path).readlink()))
            elif stat.S_ISREG(info.st_mode):
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                found[rel] = ("file", info.st_mode, digest, info.st_size, info.st_mtime_ns)
            elif stat.S_ISDIR(info.st_mode):
                found[rel] = ("dir", info.st_mode)
            else:
                found[rel] = ("special", info.st_mode)
    return found


def changes(
    root: Path, before: dict[str, tuple[object, ...]], *, written: tuple[str, ...] = ()
) -> list[str]:
    """What differs from ``before``, but below the folders in ``written`` (relative to root)."""
    after = snapshot(root)

    def ours(rel: str) -> bool:
        return any(rel == w or rel.startswith(w + "/") for w in written)

    return sorted(
        rel
        for rel in before.keys() | after.keys()
        if not ours(rel) and before.get(rel) != after.get(rel)
    )


class Hang(BaseException):
    """A command that does not answer (a BaseException: cli.main must not catch it)."""


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail instead of hanging (an open() on a FIFO blocks until a writer comes)."""

    def expired(signum: int, frame: object) -> None:
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def refused(*args: str, capsys: pytest.CaptureFixture[str], timeout: float = 30) -> list[str]:
    """Run the CLI; it must exit 1 without a traceback; its stderr lines."""
    with deadline(timeout):
        code, _, err = run_cli(*args, capsys=capsys)
    assert UNEXPECTED not in err, err
    assert "Traceback" not in err, err
    assert code == 1, err
    return err.splitlines()


def accepted(*args: str, capsys: pytest.CaptureFixture[str]) -> str:
    code, _, err = run_cli(*args, capsys=capsys)
    assert code == 0, err
    return err


@pytest.fixture(autouse=True)
def _no_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """On CI the CLI also writes annotations and a Code Quality file: not here."""
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITLAB_CI"):
        monkeypatch.delenv(name, raising=False)


class Project:
    """A municipality's repository under ``tmp``: mkdocs.yml, content/, .git/HEAD; the
    working directory is ``tmp`` (the project's parent), so paths show as proj/…"""

    def __init__(self, tmp: Path, files: dict[str, str | bytes] | None = None) -> None:
        self.tmp = tmp
        self.root = tmp / "proj"
        self.content = write_tree(self.root / "content", {**BASE, **(files or {})})
        self.config = derived_config(self.root, "")
        write_tree(self.root, {".git/HEAD": "ref: refs/heads/main\n"})

    def args(self, command: str, *more: str) -> tuple[str, ...]:
        return (command, "--content", "proj/content", "--config", "proj/mkdocs.yml", *more)

    def check(self, capsys: pytest.CaptureFixture[str], **kw: float) -> list[str]:
        before = snapshot(self.tmp)
        lines = refused(*self.args("check"), capsys=capsys, **kw)
        assert changes(self.tmp, before) == []
        return lines

    def build(self, site: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
        """A refused build: nothing anywhere changed, no staging folder left."""
        before = snapshot(self.tmp)
        lines = refused(*self.args("build", "--site-dir", site), capsys=capsys)
        assert changes(self.tmp, before) == []
        return lines


@pytest.fixture
def project(chdir_tmp: Path) -> Project:
    return Project(chdir_tmp)


def tree(chdir_tmp: Path, files: dict[str, str | bytes]) -> Project:
    return Project(chdir_tmp, files)


C = "proj/content"


# --- build --site-dir: refused ----------------------------------------------------------


def test_build_into_the_project_itself_from_inside_it(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`site-builder build --site-dir .` in the repository: mkdocs.yml and content/ found
    from the working directory, as staff run it."""
    monkeypatch.chdir(project.root)
    before = snapshot(project.tmp)
    lines = refused("build", "--site-dir", ".", capsys=capsys)
    assert lines == [".: " + COVERS.format(what="โฟลเดอร์ทำงานปัจจุบัน")]
    assert changes(project.tmp, before) == []


def test_build_into_the_project_from_outside(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    assert project.build("proj", capsys) == ["proj: " + COVERS.format(what=project.root.resolve())]


def test_build_into_the_working_directory(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    assert project.build(".", capsys) == [".: " + COVERS.format(what="โฟลเดอร์ทำงานปัจจุบัน")]


def test_build_into_the_content_folder(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    assert project.build(C, capsys) == [f"{C}: " + COVERS.format(what=project.content.resolve())]


@pytest.mark.parametrize("inside", ["site", "2566/site", "2566/files"])
def test_build_into_a_folder_inside_the_content(
    project: Project, inside: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if inside == "2566/files":
        write_tree(project.content, {"2566/files/a.pdf": PDF})
    target = f"{C}/{inside}"
    assert project.build(target, capsys) == [
        f"{target}: อยู่ในโฟลเดอร์เนื้อหา {C}: ผลลัพธ์ต้องอยู่นอกโฟลเดอร์เนื้อหา เช่น site/"
    ]


def test_build_into_the_parent_of_the_working_directory(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    assert project.build("..", capsys) == ["..: " + COVERS.format(what="โฟลเดอร์ทำงานปัจจุบัน")]


@pytest.mark.parametrize("how", ["dot-dot", "linked parent"])
def test_build_into_the_content_by_another_path(
    project: Project, how: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if how == "dot-dot":
        target = f"{C}/../content/site"
    else:
        (project.tmp / "alias").symlink_to(project.content, target_is_directory=True)
        target = "alias/site"
    assert project.build(target, capsys) == [
        f"{target}: อยู่ในโฟลเดอร์เนื้อหา {C}: ผลลัพธ์ต้องอยู่นอกโฟลเดอร์เนื้อหา เช่น site/"
    ]


def test_build_into_a_folder_whose_marker_is_a_link(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(project.tmp, {"real-marker": "{}\n", "out/mine.txt": "ของฉัน\n"})
    (project.tmp / "out" / ".site-builder").symlink_to(project.tmp / "real-marker")
    assert project.build("out", capsys) == ["out: " + NOT_OURS]


def test_build_into_a_folder_of_the_users_own_files(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        project.tmp / "documents",
        {"รายงาน.docx": DOCX, "index.html": "<p>my own page</p>", "notes/a.txt": "mine"},
    )
    assert project.build("documents", capsys) == ["documents: " + NOT_OURS]


def test_build_into_a_folder_holding_only_a_hidden_file(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(project.tmp / "out", {".env": "SECRET=1\n"})
    assert project.build("out", capsys) == ["out: " + NOT_OURS]


def test_build_onto_a_file(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    write_tree(project.tmp, {"site": "not a folder\n"})
    assert project.build("site", capsys) == ["site: " + IS_FILE]


@pytest.mark.parametrize("to", ["empty", "built"])
def test_build_through_a_symlink_to_a_folder(
    project: Project, to: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Even a link to an empty folder or to a site the tool built: never through a link."""
    real = project.tmp / "real"
    real.mkdir()
    if to == "built":
        write_tree(real, {".site-builder": '{"tool": "site-builder", "command": "build"}\n'})
    (project.tmp / "site").symlink_to(real, target_is_directory=True)
    assert project.build("site", capsys) == ["site: " + IS_LINK]


def test_build_into_the_root_folder(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    listing = sorted(p.name for p in Path("/").iterdir())
    lines = refused(*project.args("build", "--site-dir", "/"), capsys=capsys)
    assert lines == ["/: " + COVERS.format(what="/")]
    assert sorted(p.name for p in Path("/").iterdir()) == listing


def test_build_into_the_parent_of_the_home_folder(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home = write_tree(project.tmp / "home" / "somchai", {"เอกสาร/บันทึก.txt": "ของฉัน\n"})
    monkeypatch.setenv("HOME", str(home))
    assert project.build("home", capsys) == ["home: " + COVERS.format(what=home.resolve())]
    assert project.build("home/somchai", capsys) == [
        "home/somchai: " + COVERS.format(what=home.resolve())
    ]


@contextlib.contextmanager
def tmpfs(folder: Path) -> Iterator[Path]:
    folder.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "none", str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@pytest.mark.slow
@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs needs root")
@pytest.mark.parametrize("holding", ["nothing", "a built site"])
def test_build_into_a_mount_point(
    project: Project, holding: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A mount point cannot be swapped by renames, even when it is empty or marked."""
    with tmpfs(project.tmp / "mnt") as mnt:
        if holding != "nothing":
            write_tree(mnt, {".site-builder": '{"tool": "site-builder"}\n', "index.html": "x"})
        assert project.build("mnt", capsys) == [
            "mnt: เป็นจุดเมานต์ (mount point) ซึ่งย้ายหรือสลับทั้งโฟลเดอร์ไม่ได้: "
            "ให้ระบุโฟลเดอร์ย่อยข้างใน เช่น mnt/site"
        ]
        # Its sub-folder is a folder like any other.
        before = snapshot(project.tmp)
        accepted(*project.args("build", "--site-dir", "mnt/site"), capsys=capsys)
        assert (mnt / "site" / "index.html").is_file()
        assert changes(project.tmp, before, written=("mnt/site",)) == []


@pytest.mark.parametrize("command", ["build", "generate"])
def test_an_output_folder_that_cannot_be_made(
    project: Project, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file where a parent folder should be: a Thai refusal naming the folder, as
    `schema --out` gives, not the catch-all "unexpected error" line."""
    write_tree(project.tmp, {"notes.txt": "mine\n"})
    option = "--site-dir" if command == "build" else "--out"
    before = snapshot(project.tmp)
    code, _, err = run_cli(*project.args(command, option, "notes.txt/site"), capsys=capsys)
    assert changes(project.tmp, before) == [], err
    assert code == 1, err
    assert UNEXPECTED not in err, err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("notes.txt/site: "), err


def unmount_below(folder: Path) -> None:
    """Unmount whatever is mounted at or below ``folder`` (deepest first)."""
    real = str(folder.resolve())
    mounts = [line.split()[1] for line in Path("/proc/mounts").read_text().splitlines()]
    for point in sorted((m for m in mounts if m == real or m.startswith(real + "/")), reverse=True):
        subprocess.run(["umount", point], check=False)


@pytest.mark.slow
@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs needs root")
def test_a_mount_inside_a_built_site_is_not_emptied(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    """A site folder the tool built, with a file system mounted inside it (uploads served
    beside the site): the swap renames the site away and deletes the old copy, and
    with it every file on the mounted file system."""
    site = built(project, "site", capsys)
    uploads = site / "uploads"
    uploads.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "none", str(uploads)], check=True)
    try:
        write_tree(uploads, {"photo.jpg": JPEG, "เอกสาร/คำสั่ง.pdf": PDF})
        before = snapshot(project.tmp)
        code, _, err = run_cli(*project.args("build", "--site-dir", "site"), capsys=capsys)
        assert changes(project.tmp, before) == [], err
        assert code == 1, err
        assert UNEXPECTED not in err, err
        assert err.splitlines()[0].startswith("site: "), err
    finally:
        unmount_below(project.tmp)


# --- build --site-dir: accepted ---------------------------------------------------------


def built(project: Project, site: str, capsys: pytest.CaptureFixture[str]) -> Path:
    """An accepted build: the site is there and marked, nothing beside it changed."""
    before = snapshot(project.tmp)
    err = accepted(*project.args("build", "--site-dir", site), capsys=capsys)
    target = project.tmp / site
    assert err.splitlines()[-1] == f"สร้างเว็บไซต์แล้วที่ {target}"
    assert (target / "index.html").is_file()
    assert json.loads((target / ".site-builder").read_text("utf-8"))["command"] == "build"
    # The folders it made to hold the site are its own too.
    assert changes(project.tmp, before, written=(site.split("/")[0],)) == []
    assert [p.name for p in target.parent.iterdir() if ".new-" in p.name or ".old-" in p.name] == []
    return target


@pytest.mark.slow
@pytest.mark.parametrize("state", ["missing", "missing/deeper", "empty", "marked"])
def test_build_into_an_allowed_folder(
    project: Project, state: str, capsys: pytest.CaptureFixture[str]
) -> None:
    site = "out" if state != "missing/deeper" else "out/deeper"
    if state == "empty":
        (project.tmp / site).mkdir()
    if state == "marked":
        write_tree(
            project.tmp / site,
            {".site-builder": '{"tool": "site-builder", "command": "build"}\n', "old.html": "x"},
        )
    target = built(project, site, capsys)
    assert not (target / "old.html").exists()


@pytest.mark.slow
def test_a_site_built_by_an_earlier_version_is_replaced(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    site = built(project, "site", capsys)
    (site / ".site-builder").unlink()
    built(project, "site", capsys)


@pytest.mark.slow
def test_a_site_built_earlier_with_a_file_of_the_users_is_refused(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    site = built(project, "site", capsys)
    (site / ".site-builder").unlink()
    (site / "my-notes.docx").write_bytes(DOCX)
    assert project.build("site", capsys) == ["site: " + NOT_OURS]


@pytest.mark.slow
def test_a_killed_builds_staging_folder_is_removed(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    site = built(project, "site", capsys)
    left = write_tree(project.tmp / ".site.new-abcd1234", {"index.html": "half a site"})
    old = write_tree(project.tmp / ".site.old-zz_99xyz", {"index.html": "old site"})
    others = {
        ".other.new-abcd1234": {"index.html": "another target's"},
        ".site.new-ABCD1234": {"keep.txt": "not a name the tool makes"},
        ".site.new-abcd12345": {"keep.txt": "nine characters"},
        ".sites.new-abcd1234": {"keep.txt": "another target"},
    }
    for name, files in others.items():
        write_tree(project.tmp / name, files)
    (project.tmp / ".site.new-linkedaa").symlink_to(project.tmp / ".other.new-abcd1234")
    before = snapshot(project.tmp)
    accepted(*project.args("build", "--site-dir", "site"), capsys=capsys)
    assert not left.exists()
    assert not old.exists()
    assert (site / "index.html").is_file()
    gone = {rel for rel in before if rel.split("/")[0] in (left.name, old.name)}
    assert set(changes(project.tmp, before, written=("site",))) == gone
    for name in [*others, ".site.new-linkedaa"]:
        assert (project.tmp / name).exists(), name


# --- generate and schema ----------------------------------------------------------------


def test_generate_into_its_own_earlier_output(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    for _ in range(2):
        before = snapshot(project.tmp)
        accepted(*project.args("generate", "--out", "gen"), capsys=capsys)
        assert changes(project.tmp, before, written=("gen",)) == []
    assert (project.tmp / "gen" / "2566" / "measures" / "1.md").is_file()


@pytest.mark.parametrize("change", ["added", "added deeper", "edited", "added hidden"])
def test_generate_refuses_a_changed_output(
    project: Project, change: str, capsys: pytest.CaptureFixture[str]
) -> None:
    gen = project.tmp / "gen"
    accepted(*project.args("generate", "--out", "gen"), capsys=capsys)
    rel = {
        "added": "notes.md",
        "added deeper": "2566/measures/my-draft.md",
        "edited": "2566/measures/1.md",
        "added hidden": ".notes.md",
    }[change]
    if change == "edited":
        (gen / rel).write_text((gen / rel).read_text("utf-8") + "\nแก้ด้วยมือ\n", "utf-8")
    else:
        write_tree(gen, {rel: "ของฉัน\n"})
    before = snapshot(project.tmp)
    lines = refused(*project.args("generate", "--out", "gen"), capsys=capsys)
    assert lines == ["gen: " + FOREIGN.format(listed=rel)]
    assert changes(project.tmp, before) == []


@pytest.mark.parametrize("entry", ["symlink", "fifo", "folder"])
def test_generate_refuses_an_entry_the_user_added_that_is_not_a_file(
    project: Project, entry: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link, a FIFO or a folder someone put into the generated tree is theirs: the
    next generate must not delete it."""
    gen = project.tmp / "gen"
    accepted(*project.args("generate", "--out", "gen"), capsys=capsys)
    mine = write_tree(project.tmp, {"mine.txt": "ของฉัน\n"}) / "mine.txt"
    if entry == "symlink":
        (gen / "mine.txt").symlink_to(mine)
    elif entry == "fifo":
        os.mkfifo(gen / "mine.txt")
    else:
        (gen / "mine.txt").mkdir()
    before = snapshot(project.tmp)
    code, _, err = run_cli(*project.args("generate", "--out", "gen"), capsys=capsys)
    assert changes(project.tmp, before) == [], err
    assert code == 1, err
    assert err.splitlines() == ["gen: " + FOREIGN.format(listed="mine.txt")]


def test_generate_lists_at_most_five_changed_files(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    accepted(*project.args("generate", "--out", "gen"), capsys=capsys)
    write_tree(project.tmp / "gen", {f"mine-{i}.md": "x" for i in range(7)})
    before = snapshot(project.tmp)
    lines = refused(*project.args("generate", "--out", "gen"), capsys=capsys)
    listed = ", ".join(f"mine-{i}.md" for i in range(5)) + " …"
    assert lines == ["gen: " + FOREIGN.format(listed=listed)]
    assert changes(project.tmp, before) == []


@pytest.mark.parametrize("target", ["file", "users folder", "content", "inside content", "project"])
def test_generate_refuses_other_targets(
    project: Project, target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out, expected = {
        "file": ("notes.txt", "notes.txt: " + IS_FILE),
        "users folder": ("documents", "documents: " + NOT_OURS),
        "content": (C, f"{C}: " + COVERS.format(what=project.content.resolve())),
        "project": ("proj", "proj: " + COVERS.format(what=project.root.resolve())),
        "inside content": (
            f"{C}/gen",
            f"{C}/gen: อยู่ในโฟลเดอร์เนื้อหา {C}: ผลลัพธ์ต้องอยู่นอกโฟลเดอร์เนื้อหา เช่น site/",
        ),
    }[target]
    write_tree(project.tmp, {"notes.txt": "mine\n", "documents/a.txt": "mine\n"})
    before = snapshot(project.tmp)
    assert refused(*project.args("generate", "--out", out), capsys=capsys) == [expected]
    assert changes(project.tmp, before) == []


def test_schema_out_a_file(chdir_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tree(chdir_tmp, {"schemas": "mine\n"})
    before = snapshot(chdir_tmp)
    assert refused("schema", "--out", "schemas", capsys=capsys) == [
        "schemas: เป็นไฟล์ ไม่ใช่โฟลเดอร์: ให้ระบุโฟลเดอร์ เช่น --out schemas"
    ]
    assert changes(chdir_tmp, before) == []


@pytest.mark.parametrize(
    "text",
    ['{"title": "my own notes"}\n', "not json\n", '{"$schema": "https://example.org/other"}\n'],
)
def test_schema_keeps_a_file_that_is_not_its_schema(
    chdir_tmp: Path, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(chdir_tmp, {"schemas/site.schema.json": text})
    before = snapshot(chdir_tmp)
    assert refused("schema", "--out", "schemas", capsys=capsys) == [
        "schemas/site.schema.json: มีไฟล์ชื่อนี้อยู่แล้วและไม่ใช่ JSON Schema ที่ site-builder เขียน: "
        "จะไม่เขียนทับ ให้ย้ายไฟล์ออกหรือระบุโฟลเดอร์อื่น"
    ]
    assert changes(chdir_tmp, before) == []
    assert (chdir_tmp / "schemas/site.schema.json").read_text("utf-8") == text


def test_schema_into_its_own_earlier_output(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(chdir_tmp, {"schemas/README.md": "mine\n"})
    for _ in range(2):
        before = snapshot(chdir_tmp)
        accepted("schema", "--out", "schemas", capsys=capsys)
        assert [rel for rel in changes(chdir_tmp, before) if not rel.endswith(".schema.json")] == []
    assert (chdir_tmp / "schemas/README.md").read_text("utf-8") == "mine\n"
    assert len(list((chdir_tmp / "schemas").glob("*.schema.json"))) == len(KINDS)


# --- links, special files ---------------------------------------------------------------

SSH_REPORT = """\
round: annual
results:
  - measure: 1
    actions: ทำ
    evidence:
      - {title: กุญแจ, file: files/ssh_host_ed25519_key}
"""


@pytest.fixture
def fake_etc_ssh(chdir_tmp: Path) -> Path:
    return write_tree(
        chdir_tmp / "etc-ssh",
        {
            "ssh_host_ed25519_key": "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaA==\n",
            "ssh_host_ed25519_key.pub": "ssh-ed25519 AAAA root@host\n",
        },
    )


@pytest.mark.slow
def test_files_linked_out_of_the_tree_are_refused_and_nothing_is_published(
    chdir_tmp: Path, fake_etc_ssh: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tree(chdir_tmp, {})
    expected = [
        f"{C}/2566/files: {LINK_OUT}",
        f"{C}/2566/reports/annual.yml:6: results[0].evidence[0].file: "
        + NOT_PUBLISHED.format(ref="files/ssh_host_ed25519_key"),
        errors(2),
    ]
    # First a good site, then the link: a refused build leaves the published site alone.
    site = built(project, "site", capsys)
    write_tree(project.content, {"2566/reports/annual.yml": SSH_REPORT})
    (project.content / "2566" / "files").symlink_to(fake_etc_ssh, target_is_directory=True)
    assert project.check(capsys) == expected
    assert project.build("site", capsys) == expected
    assert project.build("fresh", capsys) == expected
    assert not (project.tmp / "fresh").exists()
    assert not list(site.rglob("ssh_host_ed25519_key*"))


def test_a_file_linked_out_of_the_tree(
    chdir_tmp: Path, fake_etc_ssh: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tree(chdir_tmp, {"2566/reports/annual.yml": SSH_REPORT, "2566/files/ok.pdf": PDF})
    key = project.content / "2566" / "files" / "ssh_host_ed25519_key"
    key.symlink_to(fake_etc_ssh / "ssh_host_ed25519_key")
    assert project.build("site", capsys) == [
        f"{C}/2566/files/ssh_host_ed25519_key: {LINK_OUT}",
        f"{C}/2566/reports/annual.yml:6: results[0].evidence[0].file: "
        + NOT_PUBLISHED.format(ref="files/ssh_host_ed25519_key"),
        errors(2),
    ]


def test_a_year_folder_linked_out_of_the_tree(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = write_tree(chdir_tmp / "elsewhere", {"measures.yml": MEASURES})
    project = tree(chdir_tmp, {"2565/measures.yml": MEASURES})
    (project.content / "2566" / "measures.yml").unlink()
    (project.content / "2566").rmdir()
    (project.content / "2566").symlink_to(outside, target_is_directory=True)
    assert project.build("site", capsys) == [f"{C}/2566: {LINK_OUT}", errors(1)]


def test_a_year_folder_linked_inside_the_tree(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tree(chdir_tmp, {"2565/measures.yml": MEASURES})
    shutil.rmtree(project.content / "2566")
    (project.content / "2566").symlink_to("2565", target_is_directory=True)
    assert project.check(capsys) == [f"{C}/2566: {LINK_DIR}", errors(1)]


def test_site_yml_linked_out_of_the_tree(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = write_tree(chdir_tmp / "elsewhere", {"site.yml": SITE})
    project = tree(chdir_tmp, {})
    (project.content / "site.yml").unlink()
    (project.content / "site.yml").symlink_to(outside / "site.yml")
    assert project.build("site", capsys) == [f"{C}/site.yml: {LINK_OUT}", errors(1)]


@pytest.mark.parametrize("where", ["2566/files/scan.pdf", "2566/measures.yml", "site.yml"])
def test_a_dangling_symlink(
    chdir_tmp: Path, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tree(chdir_tmp, {"2566/files/.keep": ""})
    link = project.content / where
    link.unlink(missing_ok=True)
    link.symlink_to(chdir_tmp / "gone.pdf")
    assert project.check(capsys) == [f"{C}/{where}: {LINK_BROKEN}", errors(1)]


def test_a_symlink_loop(chdir_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tree(chdir_tmp, {"2566/files/.keep": ""})
    files = project.content / "2566" / "files"
    (files / "a.pdf").symlink_to("b.pdf")
    (files / "b.pdf").symlink_to("a.pdf")
    (project.content / "2567").symlink_to("2567", target_is_directory=True)
    assert project.check(capsys) == [
        f"{C}/2566/files/a.pdf: {LINK_BROKEN}",
        f"{C}/2566/files/b.pdf: {LINK_BROKEN}",
        f"{C}/2567: {LINK_BROKEN}",
        errors(3),
    ]


@pytest.mark.parametrize(
    "where", ["2566/files/scan.pdf", "2566/measures.yml", "2566/reports/q1.yml", "site.yml"]
)
def test_a_fifo_does_not_hang(
    chdir_tmp: Path, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tree(chdir_tmp, {"2566/files/.keep": "", "2566/reports/.keep": ""})
    fifo = project.content / where
    fifo.unlink(missing_ok=True)
    os.mkfifo(fifo)
    started = time.monotonic()
    assert project.check(capsys, timeout=10) == [f"{C}/{where}: {SPECIAL}", errors(1)]
    assert project.build("site", capsys) == [f"{C}/{where}: {SPECIAL}", errors(1)]
    assert time.monotonic() - started < 10


def test_a_hard_link_in_files(chdir_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    secret = write_tree(chdir_tmp / "elsewhere", {"shadow.pdf": PDF})
    project = tree(chdir_tmp, {"2566/files/.keep": ""})
    os.link(secret / "shadow.pdf", project.content / "2566" / "files" / "shadow.pdf")
    assert project.build("site", capsys) == [f"{C}/2566/files/shadow.pdf: {HARD_LINK}", errors(1)]


def test_a_hard_link_as_a_yaml_file(chdir_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tree(chdir_tmp, {})
    os.link(project.content / "site.yml", chdir_tmp / "site-copy.yml")
    assert project.check(capsys) == [f"{C}/site.yml: {HARD_LINK}", errors(1)]


# --- attachments ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("a.html", b"<script>alert(document.cookie)</script>"),
        ("a.htm", b"<script>alert(1)</script>"),
        ("a.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("a.js", b"alert(1)"),
        ("a.xml", b"<?xml version='1.0'?><x/>"),
        ("a.md", b"# a page?\n"),
        ("a.xhtml", b"<html xmlns='http://www.w3.org/1999/xhtml'/>"),
        ("a.shtml", b"<!--#exec cmd='id'-->"),
        ("a.php", b"<?php system($_GET['c']); ?>"),
        ("a.pdf.html", b"%PDF-1.4 <script>alert(1)</script>"),
        ("README", b"no extension"),
    ],
)
def test_attachment_types_a_browser_would_run_are_refused(
    chdir_tmp: Path, name: str, data: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tree(chdir_tmp, {f"2566/files/{name}": data})
    suffix = Path(name).suffix or "ไม่มีนามสกุล"
    assert project.build("site", capsys) == [
        f"{C}/2566/files/{name}: " + BAD_TYPE.format(suffix=suffix),
        errors(1),
    ]


@pytest.mark.parametrize(
    ("name", "data", "kind", "shown_as"),
    [
        ("scan.PDF", b"<html><script>alert(1)</script></html>", "pdf", "PDF"),
        ("logo.png", b"just some text\n", "png", "PNG"),
        ("photo.jpg", PDF, "jpg", "JPEG"),
        ("photo.JPEG", PNG, "jpeg", "JPEG"),
        ("anim.gif", b"<svg/>", "gif", "GIF"),
        ("pic.webp", b"RIFF\x00\x00\x00\x00WAVE", "webp", "WEBP"),
        ("form.docx", b"<html>", "docx", "DOCX"),
        ("old.doc", PDF, "doc", "DOC"),
    ],
)
def test_attachment_bytes_must_match_the_type(
    chdir_tmp: Path, name: str, data: bytes, kind: str, shown_as: str,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    project = tree(chdir_tmp, {f"2566/files/{name}": data})
    assert project.build("site", capsys) == [
        f"{C}/2566/files/{name}: " + BAD_BYTES.format(name=shown_as, kind=kind),
        errors(1),
    ]


@pytest.mark.slow
def test_real_documents_and_images_are_published(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files: dict[str, bytes] = {
        "report.pdf": PDF,
        "scan-with-preamble.pdf": b"\x00\x01junk" + PDF,
        "logo.png": PNG,
        "PHOTO.JPG": JPEG,
        "form.docx": DOCX,
        "sheet.csv": "ข้อ,ผล\n1,ทำแล้ว\n".encode(),
        "ตาราง (ฉบับแก้ไข).pdf": PDF,
    }
    report = "round: annual\nresults:\n  - measure: 1\n    actions: ทำ\n    evidence:\n" + "".join(
        f'      - {{title: "{n}", file: "files/{n}"}}\n' for n in files
    )
    project = tree(
        chdir_tmp,
        {**{f"2566/files/{n}": d for n, d in files.items()}, "2566/reports/annual.yml": report},
    )
    site = built(project, "site", capsys)
    for name, data in files.items():
        assert (site / "2566" / "files" / name).read_bytes() == data, name
    page = (site / "2566" / "reports" / "annual" / "index.html").read_text("utf-8")
    assert "files/PHOTO.JPG" in page


@pytest.mark.parametrize("where", ["2566/files/page.md", "2566/files/sub/page.md"])
def test_markdown_in_files_never_becomes_a_page(
    chdir_tmp: Path, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tree(chdir_tmp, {where: "---\ntitle: หน้าปลอม\n---\n<script>alert(1)</script>\n"})
    assert project.build("site", capsys) == [
        f"{C}/{where}: " + BAD_TYPE.format(suffix=".md"),
        errors(1),
    ]
    assert not (chdir_tmp / "site").exists()


@pytest.mark.parametrize(
    ("name", "shown_name", "what"),
    [
        ("a#b.pdf", "a#b.pdf", "'#'"),
        ("a?b.pdf", "a?b.pdf", "'?'"),
        ("100%.pdf", "100%.pdf", "'%'"),
        ("a\nb.pdf", "a\\nb.pdf", "U+000A"),
        ("a\rb.pdf", "a\\rb.pdf", "U+000D"),
        ("a\x1b[31mb.pdf", "a\\x1b[31mb.pdf", "U+001B"),
        ("gpj.\u202eexe.pdf", "gpj.\\u202eexe.pdf", "U+202E"),
        ('say "hi".pdf', 'say "hi".pdf', "'\"'"),
        ("a<b>.pdf", "a<b>.pdf", "'<'"),
        ("C:evil.pdf", "C:evil.pdf", "':'"),
    ],
)
def test_attachment_names_a_url_or_a_terminal_would_garble(
    chdir_tmp: Path, name: str, shown_name: str, what: str, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tree(chdir_tmp, {f"2566/files/{name}": PDF})
    assert project.build("site", capsys) == [
        f"{C}/2566/files/{shown_name}: " + BAD_CHAR.format(what=what),
        errors(1),
    ]


@pytest.mark.parametrize(("name", "shown_name"), [("a.pdf ", "a.pdf "), (" a.pdf", " a.pdf")])
def test_attachment_names_with_a_space_at_an_end(
    chdir_tmp: Path, name: str, shown_name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tree(chdir_tmp, {f"2566/files/{name}": PDF})
    assert project.build("site", capsys) == [
        f"{C}/2566/files/{shown_name}: {BAD_EDGE}",
        errors(1),
    ]


def test_a_newline_in_a_name_never_breaks_the_line(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The name in the file: reference is shown escaped too; one problem, one line."""
    report = (
        "round: annual\nresults:\n  - measure: 1\n    actions: ทำ\n    evidence:\n"
        '      - {title: x, file: "files/a\\nb.pdf"}\n'
    )
    project = tree(chdir_tmp, {"2566/files/a\nb.pdf": PDF, "2566/reports/annual.yml": report})
    assert project.check(capsys) == [
        f"{C}/2566/files/a\\nb.pdf: " + BAD_CHAR.format(what="U+000A"),
        f"{C}/2566/reports/annual.yml:6: results[0].evidence[0].file: "
        + NOT_PUBLISHED.format(ref="files/a\\nb.pdf"),
        errors(2),
    ]


@pytest.mark.parametrize("hidden", [".hidden.pdf", ".git/config.txt"])
def test_a_hidden_file_referenced_as_evidence(
    chdir_tmp: Path, hidden: str, capsys: pytest.CaptureFixture[str]
) -> None:
    report = (
        "round: annual\nresults:\n  - measure: 1\n    actions: ทำ\n    evidence:\n"
        f"      - {{title: x, file: files/{hidden}}}\n"
    )
    project = tree(chdir_tmp, {f"2566/files/{hidden}": PDF, "2566/reports/annual.yml": report})
    assert project.build("site", capsys) == [
        f"{C}/2566/reports/annual.yml:6: results[0].evidence[0].file: "
        + NOT_PUBLISHED.format(ref=f"files/{hidden}"),
        errors(1),
    ]


@pytest.mark.slow
def test_hidden_files_are_never_published(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tree(
        chdir_tmp,
        {
            "2566/files/ok.pdf": PDF,
            "2566/files/.htaccess": "Options +ExecCGI\n",
            "2566/files/.secret/key.txt": "SECRET\n",
            ".env": "TOKEN=1\n",
        },
    )
    site = built(project, "site", capsys)
    files = site / "2566" / "files"
    published = sorted(p.relative_to(files).as_posix() for p in files.rglob("*"))
    assert published == ["ok.pdf"]
    assert not list(site.rglob(".htaccess"))
    assert not list(site.rglob(".env"))


def test_a_symlink_to_a_hidden_file_in_the_tree_is_not_published(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Hidden entries are left out of the tree: a link in files/ must not publish one
    (content/.git/config, a .env kept beside the content)."""
    project = tree(chdir_tmp, {".secret/token.txt": "SECRET\n", "2566/files/ok.pdf": PDF})
    (project.content / "2566" / "files" / "token.txt").symlink_to("../../.secret/token.txt")
    before = snapshot(chdir_tmp)
    code, _, err = run_cli(*project.args("build", "--site-dir", "site"), capsys=capsys)
    published = [p.name for p in (chdir_tmp / "site" / "2566" / "files").glob("*")]
    assert "token.txt" not in published, err
    assert code == 1, err
    assert changes(chdir_tmp, before) == []


# --- year folders and slugs -------------------------------------------------------------

REPORT = "round: q1\nresults:\n  - {measure: 1, actions: ทำ}\n"


@pytest.mark.parametrize("year", ["0000", "0544", "2499", "2701", "9999"])
def test_year_folders_out_of_range(
    chdir_tmp: Path, year: str, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tree(chdir_tmp, {f"{year}/measures.yml": MEASURES, f"{year}/reports/q1.yml": REPORT})
    assert project.build("site", capsys) == [
        f"{C}/{year}: " + YEAR_RANGE.format(year=year),
        errors(1),
    ]


def test_the_ends_of_the_year_range_are_years(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tree(chdir_tmp, {"2500/measures.yml": MEASURES, "2700/measures.yml": MEASURES})
    # (Catalogue warnings for 2499 and 2700 may come first: no catalogue ships for them.)
    last = accepted(*project.args("check"), capsys=capsys).splitlines()[-1]
    assert last.startswith("ตรวจแล้ว: ไม่พบข้อผิดพลาด (3 ปีงบประมาณ"), last


UNKNOWN_TOP = "โฟลเดอร์ที่ไม่รู้จัก: โฟลเดอร์ระดับบนสุดต้องเป็นปีงบประมาณ พ.ศ. เลขอารบิก 4 หลัก เช่น 2566"


@pytest.mark.parametrize(
    ("folder", "shown_name", "message"),
    [
        ("2567\n", "2567\\n", BAD_CHAR.format(what="U+000A")),
        ("2567\r", "2567\\r", BAD_CHAR.format(what="U+000D")),
        ("2567 ", "2567 ", BAD_EDGE),
        ("2567.", "2567.", BAD_EDGE),
        ("02567", "02567", UNKNOWN_TOP),
        ("๒๕๖๗", "๒๕๖๗", UNKNOWN_TOP + " ให้เปลี่ยนชื่อเป็น 2567"),
        ("２５６７", "２５６７", UNKNOWN_TOP),
        ("-2567", "-2567", UNKNOWN_TOP),
    ],
)
def test_a_year_folder_that_only_looks_like_a_year(
    chdir_tmp: Path, folder: str, shown_name: str, message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    project = tree(
        chdir_tmp, {f"{folder}/measures.yml": MEASURES, f"{folder}/reports/q1.yml": REPORT}
    )
    lines = project.build("site", capsys)
    assert lines == [f"{C}/{shown_name}: {message}", errors(1)]


SLUG_REPORT = "ชื่อไฟล์รายงานต้องเป็นอักษรอังกฤษตัวเล็ก ตัวเลข และ - ลงท้ายด้วย .yml เช่น reports/6-month.yml (ชื่อไฟล์คือส่วนหนึ่งของ URL)"


@pytest.mark.parametrize(
    ("name", "shown_name", "message"),
    [
        ("q1\n.yml", "q1\\n.yml", BAD_CHAR.format(what="U+000A")),
        ("q1.yml\n", "q1.yml\\n", BAD_CHAR.format(what="U+000A")),
        ("Q1.yml", "Q1.yml", SLUG_REPORT),
        ("รอบ 6 เดือน.yml", "รอบ 6 เดือน.yml", SLUG_REPORT),
        ("-q1.yml", "-q1.yml", SLUG_REPORT),
        ("q1.yaml", "q1.yaml", SLUG_REPORT),
        ("q1.yml.bak", "q1.yml.bak", SLUG_REPORT),
    ],
)
def test_report_slugs(
    chdir_tmp: Path, name: str, shown_name: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tree(chdir_tmp, {f"2566/reports/{name}": REPORT})
    assert project.check(capsys) == [f"{C}/2566/reports/{shown_name}: {message}", errors(1)]


# --- YAML -------------------------------------------------------------------------------

BOMB = "".join(
    f"{c}: &{c} [{', '.join([f'*{p}'] * 9) if p else ', '.join(['lol'] * 9)}]\n"
    for p, c in zip(["", *"abcdefgh"], "abcdefghi", strict=True)
)
FIVE_LINES_QUOTE = 'measures:\n  - title: "ยังไม่ปิด\n    no: 1\n    steps: ทำ\n    responsible: ส\n'


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        pytest.param(BOMB, 1, ALIAS, id="alias-bomb"),
        pytest.param("measures: &a\n  - *a\n", 1, ALIAS, id="recursive-alias"),
        pytest.param("measures:\n  - &m {no: 1}\n  - *m\n", 2, ALIAS, id="anchor-on-line-2"),
        pytest.param("a: {x: 1}\nmeasures:\n  - <<: {no: 1}\n", 3, ALIAS, id="merge-key"),
        pytest.param(
            "measures:\n" + "".join("  " * (i + 1) + "-\n" for i in range(500)),
            51,
            TOO_DEEP,
            id="500-deep-block",
        ),
        pytest.param("measures: " + "[" * 500 + "]" * 500 + "\n", 1, TOO_DEEP, id="500-deep-flow"),
        pytest.param("[" * 43 * 1024, 1, TOO_DEEP, id="43KB-of-brackets"),
        pytest.param("{a: " * 5000, 1, TOO_DEEP, id="unclosed-braces"),
        pytest.param(
            "measures:\n  - no: 1\n    title: ก\x00ข\n",
            3,
            CONTROL.format(code="U+0000", column=13),
            id="NUL-on-line-3",
        ),
        pytest.param(
            FIVE_LINES_QUOTE,
            2,
            "รูปแบบ YAML ไม่ถูกต้อง: ข้อความในเครื่องหมายคำพูดไม่ได้ปิด",
            id="unclosed-quote",
        ),
        pytest.param(
            'measures:\n  - {no: 1, title: "ก\u202eขค", indicators: [1], steps: ทำ, responsible: ส}\n',
            2,
            CONTROL.format(code="U+202E", column=22),
            id="RLO-in-title",
        ),
        pytest.param(
            "measures:\n  - title: ok\n\x1b[2J\n",
            3,
            CONTROL.format(code="U+001B", column=1),
            id="ESC",
        ),
        pytest.param(
            "measures:\n  - title: \u2066ก\n", 2, CONTROL.format(code="U+2066", column=12), id="LRI"
        ),
        pytest.param(
            "title: ก\ntitle: ข\n" + MEASURES,
            2,
            "ชื่อฟิลด์ 'title' ซ้ำ (ประกาศแล้วที่บรรทัด 1) ให้รวมเป็นรายการเดียวหรือลบอันที่ซ้ำ",
            id="duplicate-key",
        ),
        pytest.param(
            "measures:\n\t- no: 1\n",
            2,
            "รูปแบบ YAML ไม่ถูกต้อง: พบอักขระ Tab: YAML ใช้การเว้นวรรค (space) เพื่อย่อหน้า ห้ามใช้ Tab",
            id="tab",
        ),
        pytest.param(
            "? [a]\n: b\n",
            1,
            "รูปแบบ YAML ไม่ถูกต้อง: ชื่อฟิลด์ต้องเป็นข้อความ ไม่ใช่รายการหรือกลุ่มฟิลด์",
            id="complex-key",
        ),
    ],
)
def test_hostile_yaml_is_refused_fast_with_file_and_line(
    chdir_tmp: Path, text: str, line: int, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tree(chdir_tmp, {"2566/measures.yml": text})
    started = time.monotonic()
    lines = project.check(capsys, timeout=5)
    assert time.monotonic() - started < 5
    assert lines == [f"{C}/2566/measures.yml:{line}: {message}", errors(1)]


ESCAPED_TITLES = {
    "page": ("2566/pages/p.md", 2, '---\ntitle: "{t}"\n---\nเนื้อหา\n'),
    "measure": (
        "2566/measures.yml",
        2,
        'measures:\n  - {{no: 1, title: "{t}", indicators: [1], steps: ทำ, responsible: ส}}\n',
    ),
    "report": (
        "2566/reports/q1.yml",
        2,
        'round: q1\ntitle: "{t}"\nresults:\n  - {{measure: 1, actions: ทำ}}\n',
    ),
    "organization": ("site.yml", 1, 'organization: {{name: "{t}"}}\n'),
}


@pytest.mark.parametrize("where", ESCAPED_TITLES)
@pytest.mark.parametrize(
    ("escape", "code"),
    [
        ("\\0", "U+0000"),
        ("\\e[2J", "U+001B"),
        ("\\x85", "U+0085"),
        ("\\u202E", "U+202E"),
        ("\\uFFFE", "U+FFFE"),
        ("\\uFFFF", "U+FFFF"),
        ("\\uD800", "U+D800"),
    ],
    ids=["NUL", "ESC", "NEL", "RLO", "FFFE", "FFFF", "lone-surrogate"],
)
def test_control_characters_written_as_yaml_escapes_are_refused(
    chdir_tmp: Path, where: str, escape: str, code: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A double-quoted YAML scalar can spell what the raw text may not hold ("\\u202E"):
    the value is what is published, so the value is checked, with its line."""
    rel, line, template = ESCAPED_TITLES[where]
    project = tree(chdir_tmp, {rel: template.format(t=f"ชื่อ {escape} ต่อ")})
    lines = project.check(capsys)
    assert lines[-1] == errors(1), lines
    assert lines[0].startswith(f"{C}/{rel}:{line}: "), lines
    assert code in lines[0], lines
    assert "อักขระควบคุมที่มองไม่เห็น" in lines[0], lines


@pytest.mark.parametrize("where", ESCAPED_TITLES)
def test_a_title_never_reaches_the_head_unescaped(
    chdir_tmp: Path, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """U+FFFE in a title makes MkDocs' own reading of the page's front matter fail, so
    Material prints `page.title | striptags` into <title>, and striptags unescapes
    what the plugin escaped: "</title><script>" must still not come out as markup."""
    rel, _, template = ESCAPED_TITLES[where]
    payload = "x\\uFFFE</title><script>alert(1)</script>"
    project = tree(chdir_tmp, {rel: template.format(t=payload)})
    _, _, err = run_cli(*project.args("build", "--site-dir", "site"), capsys=capsys)
    assert UNEXPECTED not in err, err
    site = chdir_tmp / "site"
    scripts = [
        page.relative_to(site).as_posix()
        for page in (site.rglob("*.html") if site.exists() else [])
        if "<script>alert(1)</script>" in page.read_text("utf-8")
    ]
    assert scripts == [], err


TOO_NESTED = (
    "แท็ก HTML ซ้อนกันลึกเกิน 100 ชั้น หรือเปิดไว้โดยไม่ได้ปิด (เช่น <b> ที่ไม่มี </b>): "
    "ให้ปิดแท็กให้ครบ หรือใช้ Markdown แทน เช่น **ตัวหนา**"
)
NESTED_IN = {
    "page": ("2566/pages/p.md", 4, "---\ntitle: หน้า\n---\n{x}\n"),
    "measure": (
        "2566/measures.yml",
        2,
        'measures:\n  - {{no: 1, title: ก, indicators: [1], steps: "{x}", responsible: ส}}\n',
    ),
}


@pytest.mark.parametrize("where", NESTED_IN)
def test_deeply_nested_html_does_not_stall_the_build(
    chdir_tmp: Path, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """60 KB of unclosed <b> (20,000 levels once sanitised and closed): Material's search
    indexer walks its whole stack of open tags at every tag, so a build of it was
    quadratic in the depth (30 s; a 5 MB file, days).  Refused at its line, at once."""
    rel, line, template = NESTED_IN[where]
    project = tree(chdir_tmp, {rel: template.format(x="<b>" * 20000)})
    started = time.monotonic()
    assert project.build("site", capsys) == [f"{C}/{rel}:{line}: {TOO_NESTED}", errors(1)]
    assert time.monotonic() - started < 5


def test_html_nested_100_deep_is_fine_101_is_not(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rel, line, template = NESTED_IN["page"]
    project = tree(chdir_tmp, {rel: template.format(x="<b>" * 100 + "ก" + "</b>" * 100)})
    accepted(*project.args("check"), capsys=capsys)
    write_tree(project.content, {rel: template.format(x="<b>" * 101)})
    assert project.check(capsys) == [f"{C}/{rel}:{line}: {TOO_NESTED}", errors(1)]


def test_a_file_that_is_not_utf8(chdir_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tree(
        chdir_tmp, {"2566/measures.yml": "measures:\n  - title: \xe9t\xe9\n".encode("latin-1")}
    )
    assert project.check(capsys) == [
        f"{C}/2566/measures.yml:2: ไฟล์ไม่ได้บันทึกเป็น UTF-8: ให้บันทึกใหม่ด้วยการเข้ารหัส UTF-8",
        errors(1),
    ]


@pytest.mark.parametrize("where", ["2566/measures.yml", "2566/pages/big.md"])
def test_a_content_file_over_5_mb(
    chdir_tmp: Path, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    body = "---\ntitle: x\n---\n" if where.endswith(".md") else "measures:\n"
    project = tree(chdir_tmp, {where: body + "  # " + "ก" * (2 * 1024 * 1024) + "\n"})
    started = time.monotonic()
    assert project.check(capsys, timeout=5) == [
        f"{C}/{where}: ไฟล์ใหญ่เกินไป (เกิน 5 MB): ไฟล์เนื้อหาควรมีแต่ข้อความ "
        "ให้แบ่งเป็นหลายไฟล์ หรือย้ายเอกสารไปไว้ใน files/",
        errors(1),
    ]
    assert time.monotonic() - started < 5


def test_hostile_front_matter_is_refused_on_the_files_line(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tree(
        chdir_tmp,
        {
            "2566/pages/bomb.md": "---\ntitle: &t x\nfoo: *t\n---\nเนื้อหา\n",
            "2566/pages/deep.md": "---\ntitle: x\ndescription: " + "[" * 100 + "\n---\nเนื้อหา\n",
            "2566/pages/rlo.md": "---\ntitle: x\n---\nเนื้อหา \u202etxt.exe\n",
        },
    )
    assert project.check(capsys) == [
        f"{C}/2566/pages/bomb.md:2: {ALIAS}",
        f"{C}/2566/pages/deep.md:3: {TOO_DEEP}",
        f"{C}/2566/pages/rlo.md:4: " + CONTROL.format(code="U+202E", column=9),
        errors(3),
    ]


def test_every_hostile_file_at_once_is_one_report(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A tree holding many of the above: every problem is listed, sorted, in one run."""
    project = tree(
        chdir_tmp,
        {
            "2566/measures.yml": BOMB,
            "2566/analysis.yml": "[" * 43 * 1024,
            "2566/reports/q1.yml": FIVE_LINES_QUOTE,
            "2566/files/a.svg": b"<svg/>",
            "2566/files/a\nb.pdf": PDF,
            "2701/measures.yml": MEASURES,
        },
    )
    os.mkfifo(project.content / "2566" / "files" / "pipe.pdf")
    lines = project.check(capsys, timeout=10)
    assert lines == [
        f"{C}/2566/analysis.yml:1: {TOO_DEEP}",
        f"{C}/2566/files/a.svg: " + BAD_TYPE.format(suffix=".svg"),
        f"{C}/2566/files/a\\nb.pdf: " + BAD_CHAR.format(what="U+000A"),
        f"{C}/2566/files/pipe.pdf: {SPECIAL}",
        f"{C}/2566/measures.yml:1: {ALIAS}",
        f"{C}/2566/reports/q1.yml:2: รูปแบบ YAML ไม่ถูกต้อง: ข้อความในเครื่องหมายคำพูดไม่ได้ปิด",
        f"{C}/2701: " + YEAR_RANGE.format(year="2701"),
        errors(7),
    ]
