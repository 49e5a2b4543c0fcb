"""``site-builder``: the commands staff and CI run.

Problems go to stderr in Thai as ``path:line: field: message``; on GitHub
Actions also as ``::error`` workflow commands.  Exit 0 when clean, 1 on content
errors, 2 on wrong usage.

This module is the shell: the command line (usage errors in Thai), the core the
commands run on (:func:`plan_site`), and one Thai line for anything they let escape.
The commands are in :mod:`.commands` and :mod:`.serve`; the project and its
``mkdocs.yml`` in :mod:`.project`.
"""

from __future__ import annotations

import argparse
import re
import sys
import traceback
from typing import TYPE_CHECKING, NoReturn

from . import building, commands, serve
from .errors import Problem, unexpected
from .links import dead_links
from .plan import SitePlan, build_plan

# The core the commands run on (plan_site): the loader, the site plan, the link check.
from .tree.loader import load

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from .tree import Content


def plan_site(root: Path, max_file_bytes: int) -> tuple[Content, SitePlan, list[Problem]]:
    """The content under ``root`` validated (ContentError lists every problem), the
    site plan made from it, and the links of its free pages to pages the plan does not
    have (which MkDocs would refuse later, in English).

    Handed to every command by :func:`main`, so that the shell names the core in one
    place and the commands never call the loader or the planner themselves (a test
    replaces ``cli.load`` to make loading fail)."""
    content = load(root, max_file_bytes=max_file_bytes)
    plan = build_plan(content, site_url=content.site.site_url)
    return content, plan, dead_links(content, plan.site_paths())


_USAGE_ERRORS = (
    (re.compile(r"the following arguments are required: (.*)"), "ต้องระบุ {0}"),
    (re.compile(r"unrecognized arguments: (.*)"), "ไม่รู้จัก {0}"),
    (re.compile(r"argument (\S+): invalid int value: (.*)"), "{0} ต้องเป็นตัวเลข (พบ {1})"),
    (
        re.compile(r"argument (\S+): invalid choice: (\S+) \(choose from (.*)\)"),
        "ไม่มีคำสั่ง {1} (มี: {2})",
    ),
    (re.compile(r"argument (\S+): expected one argument"), "{0} ต้องตามด้วยค่า"),
    (re.compile(r"ambiguous option: (\S+) could match (.*)"), "{0} อาจหมายถึง {1}"),
)


class _ThaiParser(argparse.ArgumentParser):
    """argparse, with the usage errors staff meet said in Thai."""

    def error(self, message: str) -> NoReturn:
        for pattern, thai in _USAGE_ERRORS:
            match = pattern.fullmatch(message)
            if match:
                message = thai.format(*match.groups())
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: คำสั่งไม่ถูกต้อง: {message} (ดูวิธีใช้: {self.prog} -h)\n")


def parser() -> argparse.ArgumentParser:
    """The command line: every command with its options and Thai help; each sets
    ``func``, the command that :func:`main` runs."""
    p = _ThaiParser(
        prog="site-builder",
        description="สร้างเว็บไซต์เผยแพร่ข้อมูล ITA จากไฟล์ YAML และ Markdown ในโฟลเดอร์ content/",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="คำสั่ง")

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument(
            "--content", metavar="DIR", help="โฟลเดอร์เนื้อหา (ค่าเริ่มต้น: content/ ข้าง mkdocs.yml)"
        )
        sp.add_argument("--config", metavar="FILE", help="ไฟล์ mkdocs.yml (ค่าเริ่มต้น: ของโครงการ)")
        sp.add_argument("-v", "--verbose", action="store_true", help="แสดงข้อความของ MkDocs ทั้งหมด")

    def dev_addr(sp: argparse.ArgumentParser) -> None:
        sp.add_argument(
            "-a",
            "--dev-addr",
            default="127.0.0.1:8000",
            metavar="HOST:PORT",
            help="ที่อยู่ของเว็บตัวอย่าง (ค่าเริ่มต้น 127.0.0.1:8000)",
        )

    sp = sub.add_parser("check", help="ตรวจเนื้อหาอย่างเดียว")
    common(sp)
    sp.set_defaults(func=commands.cmd_check)
    sp = sub.add_parser("build", help="ตรวจเนื้อหาและสร้างเว็บไซต์")
    common(sp)
    sp.add_argument("--site-dir", metavar="DIR", help="โฟลเดอร์ผลลัพธ์ (ค่าเริ่มต้น: site/)")
    sp.set_defaults(func=building.cmd_build)
    sp = sub.add_parser(
        "deploy",
        help="เผยแพร่เว็บไซต์ที่สร้างแล้วไปที่เครื่องแม่ข่ายเว็บของหน่วยงาน (rsync ผ่าน SSH หรือ FTPS)",
        description="อัปโหลดไว้ข้างโฟลเดอร์เดิมแล้วสลับเข้าแทนทีเดียว ผู้เข้าชมไม่เห็นเว็บไซต์ครึ่ง ๆ กลาง ๆ"
        " และแตะเฉพาะโฟลเดอร์ที่ไม่มีอยู่หรือมีไฟล์ .site-builder (ต้องมี bash)",
        epilog="ค่าทั้งหมดอ่านจากตัวแปรสภาพแวดล้อม (ใน CI คือ secrets) ไม่ใช่จากบรรทัดคำสั่ง:\n"
        "  rsync  DEPLOY_TARGET (user@host:/var/www/html/ita); ไม่บังคับ: SSH_PORT (22),\n"
        "         SSH_KEY (ไฟล์กุญแจ), SSH_OPTS (ตัวเลือกของ ssh คั่นด้วยช่องว่าง)\n"
        "  ftps   FTP_HOST (ftp.example.go.th), FTP_PATH (/public_html/ita), FTP_USER,\n"
        "         FTP_PASSWORD; ไม่บังคับ: FTP_PORT (21), FTP_VERIFY_CERTIFICATE (yes)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sp.add_argument("method", choices=list(commands.DEPLOY_TARGETS), help="วิธีเผยแพร่")
    sp.add_argument(
        "site_dir", metavar="SITE_DIR", help="โฟลเดอร์ที่ site-builder build สร้าง เช่น site"
    )
    sp.set_defaults(func=commands.cmd_deploy)
    sp = sub.add_parser("serve", help="แสดงตัวอย่างเว็บไซต์ที่โหลดใหม่เมื่อแก้ไขเนื้อหา")
    common(sp)
    dev_addr(sp)
    sp.set_defaults(func=serve.cmd_serve)
    sp = sub.add_parser(
        "new-year", help="เริ่มปีงบประมาณใหม่จากปีก่อน หรือปีแรกเมื่อยังไม่มีปีใด (ไม่เขียนทับไฟล์ที่มี)"
    )
    common(sp)
    sp.add_argument("year", type=int, metavar="YEAR", help="ปีงบประมาณ พ.ศ. ที่จะเริ่ม เช่น 2568")
    sp.set_defaults(func=commands.cmd_new_year)
    sp = sub.add_parser("init", help="สร้างที่เก็บเว็บไซต์ ITA ใหม่ของหน่วยงาน (ไม่เขียนทับไฟล์ที่มี)")
    sp.add_argument("dir", metavar="DIR", help="โฟลเดอร์ใหม่ (ต้องยังไม่มีหรือว่างอยู่)")
    sp.add_argument("--name", metavar="NAME", help="ชื่อหน่วยงาน เช่น เทศบาลตำบลวังไผ่")
    sp.add_argument(
        "--year", type=int, metavar="YEAR", help="ปีงบประมาณ พ.ศ. ที่จะเริ่ม (ค่าเริ่มต้น: ปีปัจจุบัน)"
    )
    sp.set_defaults(func=commands.cmd_init)
    sp = sub.add_parser(
        "schema", help="เขียน JSON Schema ของไฟล์เนื้อหาทุกชนิด สำหรับโปรแกรมแก้ไข เช่น VS Code"
    )
    sp.add_argument("--out", required=True, metavar="DIR", help="โฟลเดอร์ปลายทาง เช่น schemas")
    sp.set_defaults(func=commands.cmd_schema)
    sp = sub.add_parser("oit", help="ความพร้อมของข้อ OIT ในปีงบประมาณ: ข้อที่มี ข้อที่ขาด และ URL")
    common(sp)
    sp.add_argument("year", type=int, metavar="YEAR", help="ปีงบประมาณ พ.ศ. เช่น 2566")
    sp.add_argument("--csv", action="store_true", help="พิมพ์ตาราง CSV แบบเดียวกับบนเว็บไซต์")
    sp.set_defaults(func=commands.cmd_oit)
    sp = sub.add_parser("links", help="ตรวจว่าลิงก์ไปยังเว็บไซต์ทุกลิงก์ในเนื้อหายังเปิดได้ (ต้องต่ออินเทอร์เน็ต)")
    common(sp)
    sp.add_argument(
        "--timeout",
        default="10",
        metavar="S",
        help="วินาทีที่รอคำตอบของแต่ละลิงก์ (ค่าเริ่มต้น 10)",
    )
    sp.set_defaults(func=commands.cmd_links)
    sp = sub.add_parser(
        "edit", help="แบบฟอร์มแก้ไขเนื้อหาในเบราว์เซอร์ (/admin/) บนเว็บตัวอย่าง บันทึกลงโฟลเดอร์เนื้อหา"
    )
    common(sp)
    dev_addr(sp)
    sp.set_defaults(func=_edit)
    sp = sub.add_parser(
        "import",
        help="สร้างฉบับร่างจากไฟล์ Word (.docx) เพื่อให้ตรวจทาน (ไม่เขียนทับไฟล์ที่มี)",
    )
    sp.add_argument(
        "file", metavar="FILE.docx", help="ไฟล์ Word ที่มีตารางมาตรการ รายงาน หรือการวิเคราะห์"
    )
    sp.add_argument(
        "--year", type=int, required=True, metavar="YEAR", help="ปีงบประมาณ พ.ศ. เช่น 2568"
    )
    sp.add_argument(
        "--kind",
        choices=["measures", "report", "analysis"],
        help="ชนิดของเอกสาร (ค่าเริ่มต้น: ดูจากหัวตาราง)",
    )
    common(sp)
    sp.set_defaults(func=_import)
    sp = sub.add_parser(
        "pdf", help="สร้างเว็บไซต์พร้อมไฟล์ PDF ของการวิเคราะห์ มาตรการ และรายงาน สำหรับลงนามและเก็บถาวร"
    )
    common(sp)
    sp.add_argument("--site-dir", metavar="DIR", help="โฟลเดอร์ผลลัพธ์ (ค่าเริ่มต้น: site/)")
    sp.set_defaults(func=_pdf)
    sp = sub.add_parser("generate", help="เขียนไฟล์ Markdown ของทุกหน้าลงโฟลเดอร์")
    common(sp)
    sp.add_argument("--out", required=True, metavar="DIR", help="โฟลเดอร์ปลายทาง")
    sp.set_defaults(func=commands.cmd_generate)
    return p


# The three commands below import their module only when run: the editor's server, the
# Word reader (mammoth, lxml) and the PDF printer would slow every other command's start.
def _edit(run: commands.Run) -> int:
    from .edit import cmd_edit  # noqa: PLC0415 (see above)

    return cmd_edit(run)


def _import(run: commands.Run) -> int:
    from .importing import cmd_import  # noqa: PLC0415 (see above)

    return cmd_import(run)


def _pdf(run: commands.Run) -> int:
    from .pdf import cmd_pdf  # noqa: PLC0415 (see above)

    return cmd_pdf(run)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default: the process's) and return the exit
    code; wrong usage exits 2 from argparse.  Nothing escapes as a traceback: Ctrl-C is
    130, a closed pipe 0, any other exception one Thai line and 1 (the traceback too
    with ``-v``)."""
    args = parser().parse_args(argv)
    try:
        return int(args.func(commands.Run(args, plan_site)))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `site-builder oit 2566 | head`
        sys.stderr.close()
        return 0
    except Exception as exc:
        # Never a traceback for staff: one Thai line naming the exception; -v shows it all.
        if getattr(args, "verbose", False):
            traceback.print_exc()
        commands.say(unexpected(exc))
        return 1


if __name__ == "__main__":
    sys.exit(main())
