"""``site-builder import FILE.docx --year YEAR [--kind …]``: a Word document as a draft.

The adapter: it checks what it is given (the year, the content folder, the file),
checks the content as ``check`` does before anything is written, has
:mod:`site_builder.docximport` make the draft, writes it as a new file, and checks the
content again with the draft in it; a draft that would not pass is taken back.  Every
refusal is one Thai line and exit 1 (2 for a year that is not a year).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .commands import say
from .docximport import ImportRefused, check_free, make, read_docx, remove, write_new
from .errors import ContentError, display_path, show_controls
from .newyear import NewYearRefused, check_year_number
from .tree.loader import load

if TYPE_CHECKING:
    from . import commands

_TARGETS = {"measures": "measures.yml", "analysis": "analysis.yml"}


def _shown(path: Path) -> str:
    return show_controls(display_path(path))


def cmd_import(run: commands.Run) -> int:
    """Import ``run.args.file`` as a draft of ``run.args.kind`` (or the kind its tables
    show) into fiscal year ``run.args.year``; say what was placed and what was not."""
    args = run.args
    try:
        check_year_number(args.year)
    except NewYearRefused as exc:
        say(f"site-builder import: {exc}")
        return 2
    root = run.project.content_dir
    if not root.is_dir():
        say(
            f"{_shown(root)}: ไม่พบโฟลเดอร์เนื้อหา: ระบุโฟลเดอร์ที่มี site.yml ด้วย --content "
            "เช่น --content content (เริ่มเนื้อหาใหม่ด้วย site-builder init)"
        )
        return 1
    try:
        if args.kind in _TARGETS:  # refused before the file is even read
            check_free(root, root / str(args.year) / _TARGETS[args.kind])
        blocks = read_docx(Path(args.file))
    except ImportRefused as exc:
        say(str(exc))
        return 1
    if run.load(warnings=False) is None:
        say("แก้ข้อผิดพลาดของเนื้อหาข้างต้นก่อน แล้วจึงนำเข้า (ยังไม่ได้เขียนไฟล์ใด)")
        return 1
    try:
        # The year as it stands, drafts included: a report refers to draft measures too.
        content = load(root, include_drafts=True)
        draft = make(blocks, kind=args.kind, year=args.year, content=content)
        path, created = write_new(root, f"{args.year}/{draft.rel}", draft.text)
    except ImportRefused as exc:
        say(str(exc))
        return 1
    except ContentError as exc:  # changed since it was checked a moment ago
        say(exc.problems[0].format() if exc.problems else str(exc))
        return 1
    say(f"นำเข้า {_shown(Path(args.file))} เป็นฉบับร่างที่ {_shown(path)}")
    for line in draft.summary():
        say(line)
    if run.load() is None:
        remove(path, created)
        say(
            f"ฉบับร่างไม่ผ่านการตรวจตามข้อความข้างต้น จึงลบ {_shown(path)} ออกแล้ว: โปรดแจ้งผู้ดูแลระบบพร้อมไฟล์ Word นี้"
        )
        return 1
    say(
        f"ตรวจแล้ว: ฉบับร่างผ่านการตรวจ (draft: true ยังไม่เผยแพร่): เปิด {_shown(path)} ตรวจทานกับเอกสารต้นฉบับ "
        "แล้วลบบรรทัด draft: true เมื่อพร้อมเผยแพร่"
    )
    return 0
