"""``site-builder edit``: the live preview with the form editor saving into the content folder.

One command, no Node: MkDocs' preview server (:mod:`.serve`) also answers the editor's
local protocol at ``/api/v1`` (:mod:`.editor.backend`), and the built preview carries
the editor at ``/admin/`` configured for it.  The endpoint has no sign-in, so it listens
on this machine's loopback address only and answers only the preview's own pages.
"""

from __future__ import annotations

import ipaddress

from .commands import Run, report, say
from .editor import vendor
from .editor.backend import Backend
from .plugin import ItaPlugin
from .project import ConfigRefused
from .serve import BadAddress, cannot_bind, dev_addr, preview


def cmd_edit(run: Run) -> int:
    """The preview with the editor until interrupted: exit 2 on a bad or non-loopback
    address, 1 when the content folder is missing, the configuration refused, the
    address taken or the editor's scripts cannot be had."""
    try:
        host, port = dev_addr(run.args.dev_addr)
    except BadAddress as exc:
        say(str(exc))
        return 2
    if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
        say(
            f"-a/--dev-addr: แบบฟอร์มแก้ไขเนื้อหาเปิดได้เฉพาะที่อยู่ของเครื่องนี้ เช่น 127.0.0.1:8000 (พบ {host}): "
            "ผู้ที่เข้าถึงที่อยู่อื่นได้จะแก้ไขไฟล์ในโฟลเดอร์เนื้อหาได้โดยไม่ต้องลงชื่อเข้าใช้"
        )
        return 2
    content = run.project.content_dir.resolve()
    if not content.is_dir():
        say(f"{content}: ไม่พบโฟลเดอร์เนื้อหา")
        return 1
    try:
        run.project.mkdocs_config()
        limit = run.project.attachment_limit()
    except ConfigRefused as exc:
        report([exc.problem])
        return 1
    refusal = cannot_bind(host, port)
    if refusal:
        say(refusal)
        return 1
    try:
        vendor.shipped_files()  # before the server starts: a clear message, not a broken page
    except vendor.VendorError as exc:
        say(str(exc))
        return 1
    shown = f"[{host}]" if ":" in host else host
    origin = f"http://{shown}:{port}"
    ItaPlugin.editing = Backend(content, origin, limit)
    say(f"แบบฟอร์มแก้ไขเนื้อหา: {origin}/admin/ (บันทึกลงโฟลเดอร์ {content}; กด Ctrl+C เพื่อหยุด)")
    try:
        preview(str(run.project.config_file), str(content), f"{shown}:{port}")
    finally:
        ItaPlugin.editing = None
    return 0
