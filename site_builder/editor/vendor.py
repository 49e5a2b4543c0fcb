"""The editor's scripts, from the npm registry: pinned, verified, cached, never from a CDN.

The site ships Decap CMS (the form editor, with its Thai interface) and js-yaml (the
YAML reader and writer of the editor's text-only format) on its own origin under
``/admin/``.  They are taken from the npm registry's tarballs at the versions below,
checked against the registry's SHA-512 integrity (the same value ``package-lock.json``
files record), and kept in a cache folder, so that a build needs the network once.
Only the browser files of each package are extracted, by name, from a tarball that is
never unpacked as a whole.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import shutil
import tarfile
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REGISTRY = "https://registry.npmjs.org"


@dataclass(frozen=True)
class Package:
    """An npm package the editor ships: version, integrity, which files of ``dist/``."""

    name: str
    version: str
    integrity: str
    files: str
    """A regular expression for the names (in ``package/dist/``) that are shipped."""

    @property
    def tarball(self) -> str:
        """The registry URL of the tarball."""
        return f"{REGISTRY}/{self.name}/-/{self.name}-{self.version}.tgz"


DECAP = Package(
    "decap-cms",
    "3.16.3",
    "sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw==",
    r"(?:[0-9]+\.)?decap-cms\.js|[0-9a-f]{20}\.wasm",
)
"""Decap CMS: the main script, the chunks it loads beside itself, their WebAssembly."""
JS_YAML = Package(
    "js-yaml",
    "4.1.0",
    "sha512-wpxZs9NoxZaJESJGIZTyDEaYpl0FKSA+FB9aJiyemKhMwkxQg63h4T1KJgUGHpTqPDNRcmmYLugrRjJlBtWvRA==",
    r"js-yaml\.min\.js",
)
PACKAGES = (DECAP, JS_YAML)

_MAX_TARBALL = 64 * 1024 * 1024
_MAX_FILE = 16 * 1024 * 1024


class VendorError(Exception):
    """A script of the editor could not be had; the message says why and what to do, in Thai."""


def cache_dir() -> Path:
    """Where the packages are kept: ``$SITE_BUILDER_CACHE``, else ``$XDG_CACHE_HOME`` or
    ``~/.cache`` followed by ``site-builder``."""
    chosen = os.environ.get("SITE_BUILDER_CACHE")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "site-builder"


def _verified(package: Package, data: bytes) -> bool:
    algorithm, _, expected = package.integrity.partition("-")
    digest = hashlib.new(algorithm, data).digest()
    return base64.b64encode(digest).decode() == expected


def _download(package: Package) -> bytes:
    try:
        with urllib.request.urlopen(package.tarball, timeout=60) as response:
            data: bytes = response.read(_MAX_TARBALL + 1)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise VendorError(
            f"ดาวน์โหลดโปรแกรมแก้ไขเนื้อหา {package.name} {package.version} จาก {REGISTRY} ไม่ได้ ({reason}): "
            "ต้องต่ออินเทอร์เน็ตครั้งแรกที่สร้างหน้า /admin/ แล้วลองใหม่ "
            f"(เก็บไว้ที่ {cache_dir()} ใช้ซ้ำได้โดยไม่ต้องต่ออีก)"
        ) from None
    if len(data) > _MAX_TARBALL or not _verified(package, data):
        raise VendorError(
            f"ไฟล์ {package.name} {package.version} ที่ได้จาก {REGISTRY} ไม่ตรงกับค่าตรวจสอบที่กำหนดไว้ "
            "(อาจถูกแก้ไขระหว่างทาง): ไม่ใช้ไฟล์นี้ ลองใหม่ภายหลังหรือแจ้งผู้ดูแลเครื่องมือ"
        )
    return data


def _extract(package: Package, data: bytes, into: Path) -> None:
    wanted = re.compile(rf"package/dist/({package.files})")
    found = 0
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            match = wanted.fullmatch(member.name)
            if not match or not member.isfile() or member.size > _MAX_FILE:
                continue
            source = archive.extractfile(member)
            if source is None:
                continue
            (into / match.group(1)).write_bytes(source.read())
            found += 1
    if not found:
        raise VendorError(f"ไม่พบไฟล์ของโปรแกรม {package.name} {package.version} ในแพ็กเกจที่ดาวน์โหลด")


def folder(package: Package) -> Path:
    """The folder holding ``package``'s shipped files, downloaded and verified the first
    time (raises :class:`VendorError`).  Filled completely or not at all: a download
    interrupted half-way leaves nothing a later build would take for the package."""
    target = cache_dir() / f"{package.name}-{package.version}"
    if (target / ".complete").is_file():
        return target
    data = _download(package)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{package.name}-", dir=target.parent))
        try:
            _extract(package, data, staging)
            (staging / ".complete").write_text(package.integrity, encoding="utf-8")
            try:
                staging.rename(target)
            except OSError:
                if not (target / ".complete").is_file():  # not a concurrent build that won
                    raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    except OSError as exc:
        raise VendorError(
            f"{cache_dir()}: เก็บโปรแกรมแก้ไขเนื้อหาไว้ไม่ได้ ({exc.strerror or exc}): "
            "กำหนดโฟลเดอร์อื่นที่เขียนได้ด้วยตัวแปร SITE_BUILDER_CACHE"
        ) from None
    return target


def shipped_files() -> dict[str, Path]:
    """Every shipped file of every package: its name under ``/admin/`` -> its path."""
    result: dict[str, Path] = {}
    for package in PACKAGES:
        source = folder(package)
        for path in sorted(source.iterdir()):
            if path.name != ".complete":
                result[path.name] = path
    return result
