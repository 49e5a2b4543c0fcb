"""``site-builder edit``: the live preview with the form editor saving into the content folder.

One command, no Node: MkDocs' preview server (:mod:`.serve`) also answers the editor's
local protocol at ``/api/v1`` (:mod:`.editor.backend`), and the built preview carries
the editor at ``/admin/`` configured for it.  The endpoint has no sign-in, so it listens
on this machine's loopback address only and answers only the preview's own pages.
"""

from __future__ import annotations

from .commands import Run, report, say
from .editor import vendor
from .editor.backend import Backend
from .plugin import ItaPlugin
from .project import ConfigRefused
from .serve import checked_preview, preview


def cmd_edit(run: Run) -> int:
    """The preview with the editor until interrupted: the exit codes of
    :func:`~site_builder.serve.checked_preview` (a non-loopback address refused), and 1
    when the editor's scripts cannot be had."""
    checked = checked_preview(run, loopback_only=True)
    if isinstance(checked, int):
        return checked
    site_yml = checked.content / "site.yml"
    if not site_yml.is_file() or site_yml.is_symlink():
        # The form saves into this folder: never into one that is not a content tree
        # (a home folder, /, a project's root) by a mistyped --content.
        say(
            f"{site_yml}: ไม่พบไฟล์ site.yml จึงไม่ใช่โฟลเดอร์เนื้อหา แบบฟอร์มจะไม่บันทึกลงโฟลเดอร์นี้: "
            "ระบุโฟลเดอร์เนื้อหาด้วย --content เช่น --content content (สร้างใหม่ได้ด้วย site-builder init)"
        )
        return 1
    try:
        limit = run.project.attachment_limit()
    except ConfigRefused as exc:
        report([exc.problem])
        return 1
    try:
        vendor.shipped_files()  # before the server starts: a clear message, not a broken page
    except vendor.VendorError as exc:
        say(str(exc))
        return 1
    origin = f"http://{checked.address}"
    ItaPlugin.editing = Backend(checked.content, origin, limit)
    say(f"แบบฟอร์มแก้ไขเนื้อหา: {origin}/admin/ (บันทึกลงโฟลเดอร์ {checked.content}; กด Ctrl+C เพื่อหยุด)")
    try:
        preview(str(run.project.config_file), str(checked.content), checked.address)
    finally:
        ItaPlugin.editing = None
    return 0
