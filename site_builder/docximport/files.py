"""Writing the draft: a new file or nothing, never over anything.

The text is written to a hidden temporary file beside the target (the loader skips
hidden names), flushed to disk, then given its name by a hard link, which fails when
the name exists: there is no moment at which another file, or half of this one, is
at the target.  Folders it needs (the year, ``reports/``) are created and listed, so
that :func:`remove` can take back exactly what was written.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from ..errors import display_path, show_controls
from .reader import ImportRefused


def _shown(path: Path) -> str:
    return show_controls(display_path(path))


def _folders(root: Path, target: Path) -> list[Path]:
    """The folders between ``root`` and ``target``, outermost first."""
    return [f for f in reversed(target.parents) if f.is_relative_to(root) and f != root]


def check_free(root: Path, target: Path) -> None:
    """:class:`ImportRefused` when anything (a file, a folder, a link, even a broken
    one) has the target's name, or a folder on its way below ``root`` is not a plain
    folder."""
    for folder in _folders(root, target):
        if folder.is_symlink():
            raise ImportRefused(
                f"{_shown(folder)}: เป็นลิงก์ (symlink) ไม่ใช่โฟลเดอร์: จะไม่เขียนผ่านลิงก์ ให้ใช้โฟลเดอร์จริง"
            )
        if os.path.lexists(folder) and not folder.is_dir():
            raise ImportRefused(
                f"{_shown(folder)}: มีไฟล์ชื่อนี้อยู่แล้ว (ไม่ใช่โฟลเดอร์) จะไม่เขียนทับ: ย้ายหรือเปลี่ยนชื่อไฟล์นี้ก่อน"
            )
    if os.path.lexists(target):
        raise ImportRefused(
            f"{_shown(target)}: มีไฟล์นี้อยู่แล้ว จะไม่เขียนทับ: ถ้าต้องการนำเข้าใหม่ ให้ย้ายหรือเปลี่ยนชื่อไฟล์เดิมก่อน"
            " (หรือนำเข้าเป็นปีอื่นด้วย --year)"
        )


def write_new(root: Path, rel: str, text: str) -> tuple[Path, list[Path]]:
    """Write ``text`` as the new file ``root/rel``; return it and the folders created
    for it (outermost first).  :class:`ImportRefused` (and nothing left) when it exists
    or cannot be written."""
    target = root / rel
    check_free(root, target)
    created: list[Path] = []
    try:
        for folder in _folders(root, target):
            if not folder.exists():
                folder.mkdir()
                created.append(folder)
        fd, temp = tempfile.mkstemp(prefix=".import-", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(text.encode("utf-8"))
                handle.flush()
                os.fsync(handle.fileno())
            mask = os.umask(0)
            os.umask(mask)
            Path(temp).chmod(0o666 & ~mask)
            try:
                os.link(temp, target)
            except FileExistsError:
                raise ImportRefused(
                    f"{_shown(target)}: มีไฟล์นี้เกิดขึ้นระหว่างนำเข้า จะไม่เขียนทับ: เรียกคำสั่งอีกครั้ง"
                ) from None
            except OSError:
                _exclusive_copy(target, text)  # a file system without hard links
        finally:
            with contextlib.suppress(OSError):
                Path(temp).unlink()
    except ImportRefused:
        _remove_folders(created)
        raise
    except OSError as exc:
        _remove_folders(created)
        raise ImportRefused(
            f"{_shown(target)}: เขียนไฟล์ไม่ได้ ({exc.strerror or exc}): ตรวจว่าโฟลเดอร์เขียนได้และพื้นที่ว่างพอ"
        ) from None
    return target, created


def _exclusive_copy(target: Path, text: str) -> None:
    """The target created only if absent, then written; removed again if writing fails."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
    except BaseException:
        target.unlink()
        raise


def _remove_folders(created: list[Path]) -> None:
    for folder in reversed(created):
        with contextlib.suppress(OSError):
            folder.rmdir()


def remove(target: Path, created: list[Path]) -> None:
    """Take back what :func:`write_new` wrote: the file, then the folders it created
    (only while they are empty)."""
    with contextlib.suppress(FileNotFoundError):
        target.unlink()
    _remove_folders(created)
