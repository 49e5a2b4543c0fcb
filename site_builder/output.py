"""Where the tool may write: output folders are sacred.

Every command that writes a folder (``build``, ``generate``, ``schema``) goes
through :func:`check_target` and :class:`Staging`, so that the rule is kept in one
place: the tool writes only into a folder that does not exist, is empty, or holds
what it wrote before (the marker file :data:`MARKER` at the folder's root), and it
never deletes or overwrites anything else.  A refusal is an :class:`OutputRefused`
with a Thai message; nothing has been touched when it is raised.

The new tree is written into a hidden staging folder beside the target and swapped
in by renames, so a failed or killed run never leaves half a site; a staging folder
left by a killed run is recognised by its name and removed by the next run.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import escape

if TYPE_CHECKING:
    from collections.abc import Iterable

MARKER = ".site-builder"
"""The file at the root of every folder the tool wrote; its text says which command."""
LEGACY_GENERATE_MARKER = ".site-builder-generated"
"""What ``generate`` left before :data:`MARKER` existed."""

# What a site built by an earlier version (before the marker) holds at its root.
_LEGACY_SITE_FILES = ("index.html", "404.html", "sitemap.xml", "search/search_index.json")
_LEGACY_SITE_ENTRIES = re.compile(
    r"^(?:index\.html|404\.html|sitemap\.xml(?:\.gz)?|assets|search|data|guide|indicators"
    r"|[0-9]{4})$"
)
_STAGING = re.compile(r"^\.(?P<name>.+)\.(?:new|old)-[a-z0-9_]{8}$")


class OutputRefused(Exception):
    """The folder must not be written; the message says why and what to do, in Thai."""


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def _manifest(root: Path) -> dict[str, str]:
    """Every regular file below ``root`` (but the marker) with its SHA-256."""
    result = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink() and path.name != MARKER:
            result[path.relative_to(root).as_posix()] = hashlib.sha256(
                path.read_bytes()
            ).hexdigest()
    return result


def write_marker(root: Path, command: str, *, manifest: bool = False) -> None:
    """Mark ``root`` as written by ``command``; with ``manifest``, list what it wrote so
    that a later run can tell a file someone added or changed from its own."""
    data: dict[str, object] = {"tool": "site-builder", "command": command}
    if manifest:
        data["files"] = _manifest(root)
    (root / MARKER).write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", "utf-8")


def _foreign_files(root: Path) -> list[str] | None:
    """What of a marked folder the tool did not write as it is now (a file added or
    changed, a link, a FIFO, a folder of someone's); None when the marker lists no
    files (then the whole folder is the tool's)."""
    try:
        data = json.loads((root / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        return None
    folders = {parent.as_posix() for rel in files for parent in Path(rel).parents}
    foreign = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if rel == MARKER:
            continue
        if path.is_symlink() or not (path.is_file() or path.is_dir()):
            foreign.append(rel)
        elif path.is_dir():
            if rel not in folders:
                foreign.append(rel)
        elif files.get(rel) != hashlib.sha256(path.read_bytes()).hexdigest():
            foreign.append(rel)
    return foreign


def _inner_mount(folder: Path) -> str | None:
    """A mount point below ``folder`` (links not followed), as a relative path."""
    for dirpath, dirnames, _ in os.walk(folder):
        for name in dirnames:
            path = os.path.join(dirpath, name)  # noqa: PTH118 (os.walk yields str)
            if os.path.ismount(path):
                return os.path.relpath(path, folder)
    return None


def _is_legacy_site(folder: Path) -> bool:
    """A site an earlier ``site-builder build`` wrote, recognised by what it holds."""
    if not all((folder / rel).is_file() for rel in _LEGACY_SITE_FILES):
        return False
    return all(_LEGACY_SITE_ENTRIES.match(entry.name) for entry in folder.iterdir())


def check_target(
    target: Path,
    *,
    protected: Iterable[Path] = (),
    not_inside: Iterable[Path] = (),
    legacy_site: bool = False,
) -> None:
    """Raise :class:`OutputRefused` unless the tool may replace ``target`` whole.

    Allowed: a folder that does not exist, an empty folder, or one that carries
    :data:`MARKER` (and, when the marker lists its files, holds no file added or
    changed since).  ``legacy_site`` also accepts a site built before the marker.
    ``protected`` folders (the content, the project, the working directory) may be
    neither the target nor inside it; nor may the target lie inside ``not_inside``.
    """
    shown = str(target)
    if target.is_symlink():
        raise OutputRefused(
            f"{shown}: เป็นลิงก์ (symlink) ไม่ใช่โฟลเดอร์: จะไม่เขียนผ่านลิงก์ ให้ระบุโฟลเดอร์จริง"
        )
    absolute = Path(os.path.abspath(target))
    real = target.resolve()
    guarded = {Path("/"), Path.cwd().resolve()}
    with contextlib.suppress(RuntimeError):  # no HOME
        guarded.add(Path.home().resolve())
    guarded.update(Path(p).resolve() for p in protected)
    for folder in sorted(guarded):
        if _inside(folder, real):
            what = "โฟลเดอร์ทำงานปัจจุบัน" if folder == Path.cwd().resolve() else str(folder)
            raise OutputRefused(
                f"{shown}: เป็นหรือครอบ {what} จะไม่ลบและจะไม่เขียนทับ: ให้ระบุโฟลเดอร์ผลลัพธ์ของตัวเอง เช่น site/"
            )
    for folder in not_inside:
        if _inside(real, Path(folder).resolve()):
            raise OutputRefused(
                f"{shown}: อยู่ในโฟลเดอร์เนื้อหา {folder}: ผลลัพธ์ต้องอยู่นอกโฟลเดอร์เนื้อหา เช่น site/"
            )
    if not target.exists():
        return
    if not target.is_dir():
        raise OutputRefused(f"{shown}: เป็นไฟล์ ไม่ใช่โฟลเดอร์: จะไม่เขียนทับ ให้ระบุโฟลเดอร์ใหม่")
    if os.path.ismount(absolute):
        raise OutputRefused(
            f"{shown}: เป็นจุดเมานต์ (mount point) ซึ่งย้ายหรือสลับทั้งโฟลเดอร์ไม่ได้: "
            f"ให้ระบุโฟลเดอร์ย่อยข้างใน เช่น {shown.rstrip('/')}/site"
        )
    entries = list(target.iterdir())
    if not entries:
        return
    inner = _inner_mount(target)
    if inner is not None:
        raise OutputRefused(
            f"{shown}: มีจุดเมานต์ (mount point) อยู่ข้างใน ({inner}) ซึ่งจะถูกลบไปด้วยถ้าแทนที่ทั้งโฟลเดอร์: "
            "ให้ยกเลิกการเมานต์ก่อน หรือระบุโฟลเดอร์ผลลัพธ์อื่น"
        )
    if (target / MARKER).is_file() and not (target / MARKER).is_symlink():
        foreign = _foreign_files(target)
        if foreign:
            listed = ", ".join(foreign[:5]) + (" …" if len(foreign) > 5 else "")
            raise OutputRefused(
                f"{shown}: มีไฟล์ที่ไม่ได้สร้างโดย site-builder หรือถูกแก้ไขหลังสร้าง ({listed}): "
                "จะไม่ลบและจะไม่เขียนทับ ให้ย้ายไฟล์เหล่านั้นออกไปก่อน หรือระบุโฟลเดอร์ใหม่"
            )
        return
    if (target / LEGACY_GENERATE_MARKER).is_file() or (legacy_site and _is_legacy_site(target)):
        return
    raise OutputRefused(
        f"{shown}: โฟลเดอร์นี้มีไฟล์อยู่แล้วและไม่ได้สร้างโดย site-builder (ไม่มีไฟล์ {MARKER}): "
        "จะไม่ลบและจะไม่เขียนทับ ให้ระบุโฟลเดอร์ใหม่หรือโฟลเดอร์ว่าง เช่น site/"
    )


class Staging:
    """A hidden folder beside ``target`` to write into, swapped in whole by :meth:`commit`.

    Creating one removes the staging folders that killed runs for the same target
    left behind (named ``.<name>.new-XXXXXXXX`` / ``.<name>.old-XXXXXXXX``).
    """

    def __init__(self, target: Path) -> None:
        self.target = Path(os.path.abspath(target))
        parent = self.target.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            for entry in parent.iterdir():
                match = _STAGING.match(entry.name)
                if match and match["name"] == self.target.name and not entry.is_symlink():
                    shutil.rmtree(entry, ignore_errors=True)
            self.path = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.new-", dir=parent))
        except OSError as exc:
            raise OutputRefused(
                f"{target}: สร้างโฟลเดอร์ผลลัพธ์ไม่ได้ ({exc.strerror or exc}): "
                "ตรวจว่าโฟลเดอร์แม่มีอยู่และเขียนได้ และไม่มีไฟล์ชื่อเดียวกันขวางอยู่"
            ) from None
        # mkdtemp makes the folder private (0700): the site is for a web server to read.
        mask = os.umask(0)
        os.umask(mask)
        self.path.chmod(0o777 & ~mask)

    def discard(self) -> None:
        """Remove the staging folder (the target is untouched)."""
        shutil.rmtree(self.path, ignore_errors=True)

    def commit(self) -> None:
        """Replace the target by the staging folder: two renames, then the old copy goes."""
        old = None
        if self.target.exists():
            if self.target.is_dir() and not any(self.target.iterdir()):
                self.target.rmdir()
            else:
                old = Path(
                    tempfile.mkdtemp(prefix=f".{self.target.name}.old-", dir=self.target.parent)
                )
                old.rmdir()
                self.target.rename(old)
        self.path.rename(self.target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def bare_error_page(site_dir: Path, line: str) -> None:
    """A page without the theme, for when not even the error page could be built: the
    preview still answers every URL (MkDocs serves ``404.html`` for a missing one)."""
    page = (
        '<!doctype html>\n<html lang="th"><meta charset="utf-8"><title>เนื้อหามีข้อผิดพลาด</title>'
        f"<h1>เนื้อหามีข้อผิดพลาด</h1><p><code>{escape(line)}</code></p></html>\n"
    )
    try:
        site_dir.mkdir(parents=True, exist_ok=True)
        for name in ("index.html", "404.html"):
            (site_dir / name).write_text(page, encoding="utf-8")
    except OSError:
        logging.getLogger("mkdocs.plugins.ita").debug(
            "the bare error page could not be written", exc_info=True
        )
