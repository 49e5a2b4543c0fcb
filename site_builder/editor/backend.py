"""The editor's local backend: Decap CMS's proxy protocol, served by the preview itself.

``site-builder edit`` puts this WSGI application at ``/api/v1`` of the live preview, so
the editor at ``/admin/`` reads and writes the content folder with no Node and no
second server.  The protocol is the one of Decap's ``decap-server`` (a JSON ``POST``
of ``{action, params}``); only what a content tree may hold is reachable through it:

* a request comes from the preview's own page or not at all: its ``Host`` must be the
  preview's address, an ``Origin`` (which every browser sends) the preview's origin, the
  body JSON (a cross-site form cannot send that without the browser asking first);
* a path names a content file of the format (``site.yml``, ``<year>/measures.yml``,
  ``<year>/reports/<name>.yml``, ``<year>/pages/<name>.md`` …) or an attachment of an
  allowed type under ``files/``; nothing outside the folder, through a link, or hidden;
* an upload is written only when its bytes are of its type and within the attachment
  limit, and never over a different file of the same name;
* every file is written whole or not at all (a temporary file renamed into place).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..filesystem import ALLOWED_TYPES, attachment_problem, name_problem
from ..format.yamlio import MAX_BYTES
from ..tree import YEAR_DIR

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    StartResponse = Callable[[str, list[tuple[str, str]]], Any]
    Wsgi = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

API_PATH = "/api/v1"
FOLDER = "content"
"""The content folder's name in the editor's paths (``content/2567/measures.yml``)."""

_YEAR = r"[0-9]{4}"
_ENTRY = re.compile(
    rf"site\.yml|{_YEAR}/(?:analysis|measures|oit)\.yml"
    rf"|{_YEAR}/reports/[a-z0-9][a-z0-9-]*\.yml|{_YEAR}/pages/[a-z0-9][a-z0-9-]*\.md"
)
_LISTED = re.compile(rf"{_YEAR}/(?:reports|pages)")
_MEDIA = re.compile(rf"(?:{_YEAR}/)?files")
_EMPTY = re.compile(r"\s*(?:---\s*(?:\{\})?\s*---)?\s*(?:\{\})?\s*")
"""What the editor writes for a form left empty: nothing, ``{}``, or empty front matter."""
_NEW_FILE_MODE = 0o644
"""A file the editor creates: the owner writes, everyone (the web server) reads."""


class Refusal(Exception):
    """A request the backend does not carry out: HTTP status and Thai message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Backend:
    """The protocol over one content folder (``root``), for a preview at ``origin``
    (``http://127.0.0.1:8000``) with uploads up to ``max_upload`` bytes."""

    def __init__(self, root: Path, origin: str, max_upload: int) -> None:
        self.root = root.resolve()
        self.origin = origin
        self.host = origin.split("://", 1)[1]
        self.max_upload = max_upload

    # --- paths -----------------------------------------------------------------

    def relative(self, path: Any) -> str:
        """The content-relative form of an editor path, or a refusal."""
        if not isinstance(path, str) or not path.startswith(f"{FOLDER}/"):
            raise Refusal(400, f"ที่อยู่ไฟล์ต้องอยู่ในโฟลเดอร์ {FOLDER}/ (พบ {path!r})")
        rel = path[len(FOLDER) + 1 :]
        parts = rel.split("/")
        if any(p in ("", ".", "..") or p.startswith(".") or name_problem(p) for p in parts):
            raise Refusal(400, f"ที่อยู่ไฟล์ใช้ไม่ได้: {path!r}")
        return rel

    def real(self, rel: str) -> Path:
        """The file ``rel`` under the folder, refused when any part of the way is a link
        or not a folder (the file itself may not exist yet)."""
        current = self.root
        for part in rel.split("/"):
            current = current / part
            try:
                info = current.lstat()
            except FileNotFoundError:
                continue
            if stat.S_ISLNK(info.st_mode):
                raise Refusal(403, f"{FOLDER}/{rel}: ผ่านลิงก์ (symlink) ไม่ได้ ให้ใช้ไฟล์หรือโฟลเดอร์จริง")
        return current

    def entry_path(self, path: Any) -> tuple[str, Path]:
        """A content document the editor may read or write."""
        rel = self.relative(path)
        if not _ENTRY.fullmatch(rel) or not self._year_ok(rel):
            raise Refusal(403, f"{path}: ไม่ใช่ไฟล์เนื้อหาที่แก้ไขผ่านแบบฟอร์มได้")
        return rel, self.real(rel)

    def media_path(self, path: Any) -> tuple[str, Path]:
        """An attachment under ``files/`` or ``<year>/files/`` of an allowed type."""
        rel = self.relative(path)
        folder, _, name = rel.rpartition("/")
        kind = name.rpartition(".")[2].lower()
        if not _MEDIA.fullmatch(folder) or not self._year_ok(rel):
            raise Refusal(403, f"{path}: ไฟล์แนบต้องอยู่ในโฟลเดอร์ files/ ของปี เช่น {FOLDER}/2567/files/")
        if "." not in name or kind not in ALLOWED_TYPES:
            raise Refusal(
                415,
                f"{name}: ไฟล์ชนิดนี้แนบไม่ได้ ใช้ได้เฉพาะ {', '.join(ALLOWED_TYPES)} เช่น แปลงเป็น PDF ก่อนแนบ",
            )
        return rel, self.real(rel)

    def _year_ok(self, rel: str) -> bool:
        first = rel.split("/", 1)[0]
        if not YEAR_DIR.match(first):
            return True
        # Years come from the tree: the editor never makes a year folder (new-year does).
        return (self.root / first).is_dir() and not (self.root / first).is_symlink()

    # --- reading and writing --------------------------------------------------

    def read_entry(self, path: Any, label: Any = None) -> dict[str, Any]:
        """A document as the protocol returns it (``data`` None when it does not exist)."""
        rel, real = self.entry_path(path)
        try:
            raw = real.read_bytes() if real.is_file() else None
        except OSError:
            raw = None
        file: dict[str, Any] = {"path": f"{FOLDER}/{rel}", "id": _sha(raw) if raw else None}
        if isinstance(label, str):
            file["label"] = label
        return {"data": raw.decode("utf-8", "replace") if raw is not None else None, "file": file}

    def read_media(self, path: Any) -> dict[str, Any]:
        """An attachment, base64 as the protocol returns it."""
        rel, real = self.media_path(path)
        if not real.is_file():
            raise Refusal(404, f"{path}: ไม่พบไฟล์")
        data = real.read_bytes()
        return {
            "id": _sha(data),
            "content": base64.b64encode(data).decode("ascii"),
            "encoding": "base64",
            "path": f"{FOLDER}/{rel}",
            "name": real.name,
        }

    def listing(self, folder: Any, extension: Any) -> list[str]:
        """The editor paths of the documents (or attachments) directly in ``folder``."""
        rel = self.relative(f"{folder}".rstrip("/"))
        if not (_LISTED.fullmatch(rel) or _MEDIA.fullmatch(rel)) or not self._year_ok(rel):
            raise Refusal(403, f"{folder}: ไม่ใช่โฟลเดอร์ที่แก้ไขผ่านแบบฟอร์มได้")
        real = self.real(rel)
        if not real.is_dir():
            return []
        suffix = f".{extension}" if isinstance(extension, str) and extension else ""
        return sorted(
            f"{FOLDER}/{rel}/{p.name}"
            for p in real.iterdir()
            if p.name.endswith(suffix)
            and not p.name.startswith(".")
            and p.is_file()
            and not p.is_symlink()
        )

    @staticmethod
    def _write(target: Path, data: bytes) -> None:
        """``data`` into ``target`` whole or not at all; folders made as needed.  The
        file keeps its permissions (a new one is readable by all, as the web host needs)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=".editing-", suffix=target.suffix, dir=target.parent
        )
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            mode = stat.S_IMODE(target.stat().st_mode) if target.is_file() else _NEW_FILE_MODE
            Path(temporary).chmod(mode)
            Path(temporary).replace(target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def write_entry(self, path: Any, raw: Any) -> None:
        """Save a document as the editor wrote it (the preview then shows it or its errors)."""
        _, real = self.entry_path(path)
        if not isinstance(raw, str):
            raise Refusal(400, f"{path}: ไม่มีเนื้อหาที่จะบันทึก")
        data = raw.encode("utf-8")
        if _EMPTY.fullmatch(raw) and real.is_file() and real.read_text("utf-8", "replace").strip():
            # A form that shows nothing of a file that has content (the editor can show an
            # empty form when routed oddly): saving it would erase the file.
            raise Refusal(
                409,
                f"{path}: แบบฟอร์มว่างทั้งหมด จึงไม่บันทึกทับไฟล์ที่มีเนื้อหาอยู่แล้ว: โหลดหน้าแบบฟอร์มใหม่แล้วแก้ไขอีกครั้ง",
            )
        if len(data) > MAX_BYTES:
            raise Refusal(413, f"{path}: ไฟล์ใหญ่เกิน {MAX_BYTES // (1024 * 1024)} MB")
        self._write(real, data)

    def write_media(self, asset: Any) -> dict[str, Any]:
        """Save an upload (base64) after checking its type and size; an existing file of
        the same name is never replaced by different bytes."""
        if not isinstance(asset, dict) or asset.get("encoding") != "base64":
            raise Refusal(400, "ไฟล์แนบต้องส่งมาแบบ base64")
        rel, real = self.media_path(asset.get("path"))
        try:
            data = base64.b64decode(str(asset.get("content", "")), validate=True)
        except (binascii.Error, ValueError):
            raise Refusal(400, f"{real.name}: เนื้อไฟล์ที่ส่งมาเสีย ลองอัปโหลดใหม่") from None
        if len(data) > self.max_upload:
            limit = self.max_upload // (1024 * 1024)
            raise Refusal(413, f"{real.name}: ไฟล์ใหญ่เกิน {limit} MB ให้ลดขนาดไฟล์ก่อนแนบ")
        if real.exists():
            if real.is_file() and real.read_bytes() == data:
                return self.read_media(f"{FOLDER}/{rel}")
            raise Refusal(409, f"{real.name}: มีไฟล์ชื่อนี้ในโฟลเดอร์แล้ว ให้เปลี่ยนชื่อไฟล์ก่อนอัปโหลด")
        real.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".upload-", suffix=real.suffix, dir=real.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            Path(temporary).chmod(_NEW_FILE_MODE)
            problem = attachment_problem(Path(temporary))
            if problem:
                raise Refusal(415, f"{real.name}: {problem}")
            os.link(temporary, real)  # fails rather than replace a file made meanwhile
        except FileExistsError:
            raise Refusal(409, f"{real.name}: มีไฟล์ชื่อนี้ในโฟลเดอร์แล้ว ให้เปลี่ยนชื่อไฟล์ก่อนอัปโหลด") from None
        finally:
            Path(temporary).unlink(missing_ok=True)
        return self.read_media(f"{FOLDER}/{rel}")

    def delete(self, path: Any) -> None:
        """Remove a report, a free page or an attachment (never site.yml or a year's
        analysis, measures or OIT file: those are emptied in the form instead)."""
        folder = self.relative(path).rpartition("/")[0]
        if _MEDIA.fullmatch(folder):
            _, real = self.media_path(path)
        elif _LISTED.fullmatch(folder):
            _, real = self.entry_path(path)
        else:
            raise Refusal(403, f"{path}: ไฟล์นี้ลบผ่านแบบฟอร์มไม่ได้")
        if real.is_file():
            real.unlink()

    # --- the protocol -------------------------------------------------------------

    def action(self, body: Any) -> Any:
        """Carry out one ``{action, params}`` request and return its JSON answer."""
        if not isinstance(body, dict) or not isinstance(body.get("params", {}), dict):
            raise Refusal(400, "คำขอไม่ถูกต้อง")
        name, params = body.get("action"), body.get("params") or {}
        if name == "info":
            return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}
        if name == "entriesByFolder":
            paths = self.listing(params.get("folder"), params.get("extension"))
            return [self.read_entry(p) for p in paths]
        if name == "entriesByFiles":
            files = params.get("files")
            if not isinstance(files, list) or not all(isinstance(f, dict) for f in files):
                raise Refusal(400, "คำขอไม่ถูกต้อง")
            return [self.read_entry(f.get("path"), f.get("label")) for f in files]
        if name == "getEntry":
            return self.read_entry(params.get("path"))
        if name == "persistEntry":
            return self.persist(params)
        if name == "getMedia":
            return [self.read_media(p) for p in self.listing(params.get("mediaFolder"), "")]
        if name == "getMediaFile":
            return self.read_media(params.get("path"))
        if name == "persistMedia":
            return self.write_media(params.get("asset"))
        if name == "deleteFile":
            self.delete(params.get("path"))
            return {"message": "deleted"}
        if name == "deleteFiles":
            listed = params.get("paths")
            if not isinstance(listed, list):
                raise Refusal(400, "คำขอไม่ถูกต้อง")
            for p in listed:
                self.delete(p)
            return {"message": "deleted"}
        if name == "getDeployPreview":
            return None
        raise Refusal(422, f"ไม่รู้จักคำสั่ง {name!r}")

    def persist(self, params: dict[str, Any]) -> dict[str, str]:
        """Save an entry with its uploads: every path checked before anything is written."""
        entry = params.get("entry")
        data_files = params.get("dataFiles") or ([entry] if entry else [])
        assets = params.get("assets") or []
        if not isinstance(data_files, list) or not isinstance(assets, list):
            raise Refusal(400, "คำขอไม่ถูกต้อง")
        for item in data_files:
            if not isinstance(item, dict) or item.get("newPath"):
                raise Refusal(400, "เปลี่ยนชื่อไฟล์ผ่านแบบฟอร์มไม่ได้: ให้สร้างใหม่แล้วลบไฟล์เดิม")
            self.entry_path(item.get("path"))
        for asset in assets:
            self.media_path(asset.get("path") if isinstance(asset, dict) else None)
        for asset in assets:
            self.write_media(asset)
        for item in data_files:
            self.write_entry(item.get("path"), item.get("raw"))
        return {"message": "entry persisted"}

    # --- HTTP -----------------------------------------------------------------------

    def refusal_of_request(self, environ: dict[str, Any]) -> Refusal | None:
        """Why a request may not reach the content folder: not a JSON POST from the
        preview's own page (another site, or another name for this machine)."""
        if environ.get("REQUEST_METHOD") != "POST":
            return Refusal(405, "ใช้ได้เฉพาะ POST")
        if environ.get("HTTP_HOST") != self.host:
            return Refusal(403, "คำขอต้องมาจากหน้าแก้ไขเนื้อหาของเครื่องนี้เท่านั้น")
        origin = environ.get("HTTP_ORIGIN")
        if origin is not None and origin != self.origin:
            return Refusal(403, "คำขอต้องมาจากหน้าแก้ไขเนื้อหาของเครื่องนี้เท่านั้น")
        if environ.get("HTTP_SEC_FETCH_SITE") not in (None, "same-origin", "none"):
            return Refusal(403, "คำขอต้องมาจากหน้าแก้ไขเนื้อหาของเครื่องนี้เท่านั้น")
        if (environ.get("CONTENT_TYPE") or "").split(";")[0].strip() != "application/json":
            return Refusal(415, "คำขอต้องเป็น JSON")
        return None

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        """The WSGI application of ``/api/v1``."""
        status, answer = 200, None
        try:
            refused = self.refusal_of_request(environ)
            if refused:
                raise refused
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = -1
            limit = self.max_upload * 2 + MAX_BYTES
            if not 0 < length <= limit:
                raise Refusal(413, "คำขอใหญ่เกินไปหรือไม่มีเนื้อหา")
            try:
                body = json.loads(environ["wsgi.input"].read(length))
            except ValueError:
                raise Refusal(400, "คำขอไม่ใช่ JSON ที่ถูกต้อง") from None
            answer = self.action(body)
        except Refusal as exc:
            status, answer = exc.status, {"error": str(exc)}
        except OSError as exc:
            status, answer = 500, {"error": f"บันทึกไม่ได้ ({exc.strerror or exc})"}
        payload = json.dumps(answer, ensure_ascii=False).encode("utf-8")
        start_response(
            f"{status} {'OK' if status == 200 else 'Refused'}",
            [
                ("Content-Type", "application/json; charset=utf-8"),
                ("Content-Length", str(len(payload))),
                ("Cache-Control", "no-store"),
                ("X-Content-Type-Options", "nosniff"),
            ],
        )
        return [payload]
