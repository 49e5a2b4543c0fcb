"""``site-builder``: the commands staff and CI run.

Problems go to stderr in Thai as ``path:line: field: message``; on GitHub
Actions also as ``::error`` workflow commands.  Exit 0 when clean, 1 on content
errors, 2 on wrong usage.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import logging
import os
import re
import socket
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from . import ci, guide, links, output
from .content import MAX_FILE_BYTES, Content, load
from .errors import ContentError, Problem, display_path, format_problems, show_controls
from .render import SitePlan, render

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def _report(problems: Sequence[Problem], *, echo: bool = True) -> None:
    """Problems to stderr; on CI also where the CI shows them (annotations, summary, Code Quality)."""
    if problems and echo:
        _say(format_problems(list(problems)))
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for p in sorted(problems):
            print(p.github_annotation())
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with open(summary, "a", encoding="utf-8") as out:
                out.write(ci.step_summary(list(problems)))
    if os.environ.get("GITLAB_CI") == "true":
        path = Path(os.environ.get("SITE_BUILDER_CODE_QUALITY") or "gl-code-quality-report.json")
        refused = _not_a_report(path)
        if refused:
            _say(f"{path}: ไม่เขียนรายงาน Code Quality: {refused}")
        else:
            path.write_text(ci.code_quality(list(problems)), encoding="utf-8")


def _not_a_report(path: Path) -> str | None:
    """Why the Code Quality report may not be written at ``path`` (a name from the
    environment): only a new ``.json`` file or a report this tool wrote is replaced."""
    if path.suffix != ".json":
        return "ชื่อไฟล์ต้องลงท้ายด้วย .json"
    if path.is_symlink() or (path.exists() and not path.is_file()):
        return "มีสิ่งอื่นที่ไม่ใช่ไฟล์อยู่ที่ชื่อนี้"
    if path.exists():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = None
        if not isinstance(data, list) or any(
            not isinstance(i, dict) or i.get("check_name") != "site-builder" for i in data
        ):
            return "มีไฟล์ชื่อนี้อยู่แล้วและไม่ใช่รายงานที่ site-builder เขียน จะไม่เขียนทับ"
    return None


def _find_config(explicit: str | None) -> Path:
    if explicit:
        return Path(explicit)
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder / "mkdocs.yml"
    return Path(__file__).resolve().parent.parent / "mkdocs.yml"


def _content_dir(args: argparse.Namespace) -> Path:
    if args.content:
        return Path(args.content)
    return _find_config(getattr(args, "config", None)).parent / "content"


class _ConfigRefused(Exception):
    """mkdocs.yml cannot be used; ``problem`` says why, in Thai."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.format())
        self.problem = problem


class _Held(logging.Filter):
    """Holds back what MkDocs logs about its configuration while it is read: its
    errors become one Thai problem, its warnings are let through afterwards."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        self.records.append(record)
        return False


def _read_config(args: argparse.Namespace) -> MkDocsConfig:
    """mkdocs.yml (with its ``INHERIT``) through MkDocs' own ``load_config``: the one
    reader of the configuration, so that ``check`` enforces what ``build`` will (the
    ``ita`` plugin's options, ``site_url``), and ``build`` builds with what it read.
    Raises :class:`_ConfigRefused`."""
    from mkdocs.config import load_config

    from .plugin import SiteUrlRefused, checked_site_url

    path = _find_config(getattr(args, "config", None))
    shown = display_path(path)
    if not path.is_file():
        raise _ConfigRefused(
            Problem(
                shown,
                0,
                "",
                "ไม่พบไฟล์ตั้งค่า MkDocs: ระบุไฟล์ด้วย --config เช่น --config mkdocs.yml "
                "หรือเรียกคำสั่งในโฟลเดอร์ที่มีไฟล์ mkdocs.yml",
            )
        )
    held = _Held()
    logger = logging.getLogger("mkdocs.config")
    logger.addFilter(held)
    try:
        config = load_config(str(path), docs_dir=str(_content_dir(args).resolve()))
    except Exception as exc:
        said = [r.getMessage() for r in held.records if r.levelno >= logging.ERROR]
        if any(m.startswith("Config value 'site_url':") for m in said):
            raise _ConfigRefused(Problem(shown, 0, "site_url", _site_url_refusal(path))) from None
        detail = "; ".join(show_controls(" ".join(m.split())) for m in said or [str(exc)])
        # A YAML error names the file (perhaps the INHERITed one) and the line.
        mark = getattr(exc.__context__, "problem_mark", None)
        file, line = (display_path(Path(mark.name)), mark.line + 1) if mark else (shown, 0)
        raise _ConfigRefused(
            Problem(
                file,
                line,
                "",
                f"ใช้ไฟล์ตั้งค่า MkDocs ไม่ได้ ({detail}): แก้ให้เป็น YAML ที่ถูกต้อง "
                "และใช้ชื่อและค่าตามตัวอย่างใน mkdocs.yml ของโครงการ",
            )
        ) from None
    finally:
        logger.removeFilter(held)
    for record in held.records:  # a configuration that loaded: its warnings as MkDocs says them
        logger.handle(record)
    if config.site_url:
        try:
            config.site_url = checked_site_url(config.site_url)
        except SiteUrlRefused as exc:
            raise _ConfigRefused(Problem(shown, 0, "site_url", str(exc))) from None
    return config


def _site_url_refusal(path: Path) -> str:
    """Why MkDocs refused ``site_url`` (no scheme or host), as :func:`checked_site_url`
    says it, with the value as written (read again by MkDocs' own YAML reader)."""
    from mkdocs.utils.yaml import yaml_load

    from .plugin import SiteUrlRefused, checked_site_url

    try:
        with path.open("rb") as fd:
            value = yaml_load(fd).get("site_url")
        checked_site_url(str(value))
    except SiteUrlRefused as exc:
        return str(exc)
    except Exception:
        pass
    return "ต้องเป็นที่อยู่เต็มที่ขึ้นต้นด้วย https:// หรือ http:// และมีชื่อโดเมน เช่น https://www.tambon.go.th/ita/"


def _config(args: argparse.Namespace) -> MkDocsConfig:
    """The configuration of this run, read once (:func:`_read_config`)."""
    config: MkDocsConfig | None = getattr(args, "_mkdocs", None)
    if config is None:
        config = _read_config(args)
        args._mkdocs = config
    return config


def _attachment_limit(config: MkDocsConfig) -> int:
    """The attachment limit the ``ita`` plugin will enforce, in bytes."""
    from .plugin import ItaPlugin

    plugin = config.plugins.get("ita")
    if isinstance(plugin, ItaPlugin):
        return int(plugin.config.max_attachment_mb) * 1024 * 1024
    return MAX_FILE_BYTES


def _load(args: argparse.Namespace, *, warnings: bool = True) -> Content | None:
    """The content, validated with the limits of the configuration; None (and the
    problems printed) when either cannot be used."""
    loaded = _load_planned(args, warnings=warnings)
    return loaded[0] if loaded else None


def _load_planned(
    args: argparse.Namespace, *, warnings: bool = True
) -> tuple[Content, SitePlan] | None:
    """:func:`_load`, with the site plan it rendered to check the links of free pages."""
    root = _content_dir(args)
    limit = MAX_FILE_BYTES
    if root.is_dir():  # else the loader says the folder is missing
        try:
            limit = _attachment_limit(_config(args))
        except _ConfigRefused as exc:
            _report([exc.problem])
            return None
    try:
        content = load(root, max_file_bytes=limit)
    except ContentError as exc:
        _report(exc.problems)
        return None
    # What MkDocs would refuse later (in English), refused now: links to missing pages.
    plan = render(content)
    dead = links.dead_links(content, plan.site_paths())
    if dead:
        _report([*dead, *content.warnings])
        return None
    _report(content.warnings, echo=warnings)
    return content, plan


def cmd_check(args: argparse.Namespace) -> int:
    loaded = _load_planned(args)
    if loaded is None:
        return 1
    content, plan = loaded
    drafts = [name for year in content.years for name in year.drafts]
    if drafts:
        _say(f"ฉบับร่าง (ตรวจแล้ว ไม่เผยแพร่): {', '.join(show_controls(d) for d in drafts)}")
    # Pages made from the content; the staff guide is on every site and not counted.
    pages = sum(1 for p in plan.pages if not p.path.startswith(f"{guide.FOLDER}/"))
    _say(f"ตรวจแล้ว: ไม่พบข้อผิดพลาด ({len(content.years)} ปีงบประมาณ, {pages} หน้า)")
    return 0


def _check_output(args: argparse.Namespace, target: Path, *, legacy_site: bool = False) -> None:
    """Refuse an output folder that is not the tool's (:func:`output.check_target`): it may
    not be or contain the content or the project's own folder, nor lie inside the content."""
    content = _content_dir(args)
    project = _find_config(getattr(args, "config", None)).parent
    output.check_target(
        target, protected=[content, project], not_inside=[content], legacy_site=legacy_site
    )


def cmd_build(args: argparse.Namespace) -> int:
    """Validate, build into a staging folder, then swap it in: never half a site."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    # Errors stop here, before MkDocs starts; warnings are printed by the plugin.
    if _load(args, warnings=False) is None:
        return 1
    # The configuration the content was checked against is the one built with.
    config = _config(args)
    target = Path(args.site_dir or config.site_dir)
    try:
        _check_output(args, target, legacy_site=True)
        staging = output.Staging(target)
    except output.OutputRefused as exc:
        _say(str(exc))
        return 1
    try:
        config.site_dir = str(staging.path)
        config.strict = True
        _quiet_mkdocs(args.verbose)
        build(config)
        staging.commit()
    except (MkDocsException, SystemExit) as exc:
        staging.discard()
        _say(f"สร้างเว็บไซต์ไม่สำเร็จ: {exc}")
        return 1
    except BaseException:
        staging.discard()
        raise
    _say(f"สร้างเว็บไซต์แล้วที่ {Path(os.path.abspath(target))}")
    return 0


def _quiet_mkdocs(verbose: bool) -> None:
    logging.basicConfig(format="%(levelname)s - %(message)s")
    logging.getLogger("mkdocs").setLevel(logging.DEBUG if verbose else logging.WARNING)


class _BadAddress(Exception):
    """``--dev-addr`` is not HOST:PORT; the message says what is, in Thai."""


def _dev_addr(text: str) -> tuple[str, int]:
    """``HOST:PORT`` (an IP address or ``localhost``, ``[::1]:8000`` for IPv6; no host is
    127.0.0.1) as MkDocs' server takes it.  Raises :class:`_BadAddress`."""
    bad = _BadAddress(
        "-a/--dev-addr: ต้องเป็น HOST:PORT โดย HOST เป็นที่อยู่ IP หรือ localhost "
        f"และ PORT เป็นตัวเลข 1–65535 เช่น 127.0.0.1:8000 (พบ '{text}')"
    )
    match = re.fullmatch(r"(?:\[(?P<v6>[^\]]*)\]|(?P<host>[^\[\]]*)):(?P<port>[0-9]{1,5})", text)
    if not match or not 1 <= int(match["port"]) <= 65535:
        raise bad
    host = match["v6"] if match["v6"] is not None else match["host"] or "127.0.0.1"
    if host != "localhost":
        try:
            ip = ipaddress.ip_address(host)
        except ValueError:
            raise bad from None
        if match["v6"] is not None and ip.version != 6:
            raise bad
        host = str(ip)
    return host, int(match["port"])


def _cannot_bind(host: str, port: int) -> str | None:
    """Why the preview's server could not listen at ``host:port`` (taken, not an address
    of this machine, a port that needs root), in Thai; None when it can."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            # As MkDocs' server binds (socketserver's allow_reuse_address).
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return (
            f"-a/--dev-addr: เปิดเว็บตัวอย่างที่ {host}:{port} ไม่ได้ ({reason}): พอร์ตนี้อาจมีโปรแกรมอื่นใช้อยู่ "
            "หรือที่อยู่นี้ไม่ใช่ของเครื่องนี้ ให้ปิดโปรแกรมนั้นหรือเลือกพอร์ตอื่น เช่น -a 127.0.0.1:8001"
        )
    return None


def cmd_serve(args: argparse.Namespace) -> int:
    """The live preview: the address, the content and the configuration are checked
    before the server starts; after that every failure is the error page (plugin)."""
    from mkdocs.commands.serve import serve

    try:
        host, port = _dev_addr(args.dev_addr)
    except _BadAddress as exc:
        _say(str(exc))
        return 2
    content = _content_dir(args).resolve()
    if not content.is_dir():
        _say(f"{content}: ไม่พบโฟลเดอร์เนื้อหา")
        return 1
    try:
        _config(args)
    except _ConfigRefused as exc:
        _report([exc.problem])
        return 1
    refusal = _cannot_bind(host, port)
    if refusal:
        _say(refusal)
        return 1
    _quiet_mkdocs(args.verbose)
    logging.getLogger("mkdocs").setLevel(logging.DEBUG if args.verbose else logging.INFO)
    address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    try:
        serve(str(_find_config(args.config)), docs_dir=str(content), dev_addr=address)
    except Exception as exc:
        # The first build failed after the plugin's on_config (MkDocs' own rendering,
        # strict warnings): the plugin kept why, and shows it when started again.
        logging.getLogger("mkdocs").debug("the first build of the preview failed", exc_info=exc)
        serve(str(_find_config(args.config)), docs_dir=str(content), dev_addr=address)
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    """Write the generated Markdown tree (and attachments) to ``--out``."""
    loaded = _load_planned(args)
    if loaded is None:
        return 1
    plan = loaded[1]
    out = Path(args.out)
    try:
        _check_output(args, out)
        staging = output.Staging(out)
    except output.OutputRefused as exc:
        _say(str(exc))
        return 1
    try:
        for page in plan.pages:
            _write(staging.path / page.path, page.markdown.encode("utf-8"))
        for site_path, source in plan.attachments.items():
            _write(staging.path / site_path, Path(source).read_bytes())
        for site_path, text in plan.extra.items():
            _write(staging.path / site_path, text.encode("utf-8"))
        output.write_marker(staging.path, "generate", manifest=True)
        staging.commit()
    except BaseException:
        staging.discard()
        raise
    _say(f"เขียนไฟล์ Markdown {len(plan.pages)} หน้าไว้ที่ {Path(os.path.abspath(out))}")
    return 0


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _site_url(args: argparse.Namespace) -> str | None:
    """``site_url`` as the build uses it: checked and normalised by :func:`_read_config`."""
    return _config(args).site_url or None


def cmd_oit(args: argparse.Namespace) -> int:
    """The readiness report of one year; exit 0 even when items are missing."""
    from . import oit

    content = _load(args)
    if content is None:
        return 1
    year = next((y for y in content.years if y.year == args.year), None)
    if year is None:
        _say(
            f"ไม่มีโฟลเดอร์ปีงบประมาณ {args.year} ในเนื้อหา (มี: {', '.join(str(y.year) for y in content.years)})"
        )
        return 1
    statuses = oit.for_year(content, year)
    site_url = _site_url(args)
    website = content.site.organization.website
    if args.csv:
        sys.stdout.buffer.write(
            oit.to_csv(statuses, base_url=site_url, website=website).encode("utf-8")
        )
        return 0
    for line in oit.report_lines(year, statuses, base_url=site_url):
        # Titles come from content: a newline in one must not start a CI command.
        print(show_controls(line))
    return 0


def cmd_new_year(args: argparse.Namespace) -> int:
    from .newyear import NewYearRefused, check_year_number, start_year

    try:
        check_year_number(args.year)  # wrong usage: before anything is read
    except NewYearRefused as exc:
        _say(str(exc))
        return 2
    content = _load(args, warnings=False)
    if content is None:
        _say("แก้ข้อผิดพลาดข้างต้นก่อน แล้วจึงเริ่มปีงบประมาณใหม่")
        return 1
    try:
        written = start_year(content, args.year)
    except NewYearRefused as exc:
        _say(str(exc))
        return 1
    for path in written:
        _say(f"สร้าง {display_path(path)}")
    if _load(args) is None:  # the new files must pass check
        return 1
    _say(f"เริ่มปีงบประมาณ {args.year} แล้ว: เติมคะแนนใน analysis.yml และทบทวนมาตรการใน measures.yml")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import SchemaRefused, write_schemas

    try:
        written = write_schemas(Path(args.out))
    except SchemaRefused as exc:
        _say(str(exc))
        return 1
    for path in written:
        _say(f"เขียน {display_path(path)}")
    return 0


def cmd_links(args: argparse.Namespace) -> int:
    """Fetch every web address the content points to; exit 1 when any is dead or silent."""
    from . import linkcheck

    try:
        timeout = linkcheck.seconds(args.timeout)
    except ValueError as exc:
        _say(f"site-builder links: คำสั่งไม่ถูกต้อง: {exc} (ดูวิธีใช้: site-builder links -h)")
        return 2
    content = _load(args, warnings=False)
    if content is None:
        return 1
    checked = linkcheck.check_content(content, timeout=timeout, stream=sys.stderr)
    if checked.problems:
        _report(checked.problems)
    _say(checked.summary())
    return 1 if checked.problems else 0


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

    sp = sub.add_parser("check", help="ตรวจเนื้อหาอย่างเดียว")
    common(sp)
    sp.set_defaults(func=cmd_check)
    sp = sub.add_parser("build", help="ตรวจเนื้อหาและสร้างเว็บไซต์")
    common(sp)
    sp.add_argument("--site-dir", metavar="DIR", help="โฟลเดอร์ผลลัพธ์ (ค่าเริ่มต้น: site/)")
    sp.set_defaults(func=cmd_build)
    sp = sub.add_parser("serve", help="แสดงตัวอย่างเว็บไซต์ที่โหลดใหม่เมื่อแก้ไขเนื้อหา")
    common(sp)
    sp.add_argument(
        "-a",
        "--dev-addr",
        default="127.0.0.1:8000",
        metavar="HOST:PORT",
        help="ที่อยู่ (ค่าเริ่มต้น 127.0.0.1:8000)",
    )
    sp.set_defaults(func=cmd_serve)
    sp = sub.add_parser("new-year", help="เริ่มปีงบประมาณใหม่จากปีก่อน (ไม่เขียนทับไฟล์ที่มี)")
    common(sp)
    sp.add_argument("year", type=int, metavar="YEAR", help="ปีงบประมาณ พ.ศ. ที่จะเริ่ม เช่น 2568")
    sp.set_defaults(func=cmd_new_year)
    sp = sub.add_parser(
        "schema", help="เขียน JSON Schema ของไฟล์เนื้อหาทุกชนิด สำหรับโปรแกรมแก้ไข เช่น VS Code"
    )
    sp.add_argument("--out", required=True, metavar="DIR", help="โฟลเดอร์ปลายทาง เช่น schemas")
    sp.set_defaults(func=cmd_schema)
    sp = sub.add_parser("oit", help="ความพร้อมของข้อ OIT ในปีงบประมาณ: ข้อที่มี ข้อที่ขาด และ URL")
    common(sp)
    sp.add_argument("year", type=int, metavar="YEAR", help="ปีงบประมาณ พ.ศ. เช่น 2566")
    sp.add_argument("--csv", action="store_true", help="พิมพ์ตาราง CSV แบบเดียวกับบนเว็บไซต์")
    sp.set_defaults(func=cmd_oit)
    sp = sub.add_parser("links", help="ตรวจว่าลิงก์ไปยังเว็บไซต์ทุกลิงก์ในเนื้อหายังเปิดได้ (ต้องต่ออินเทอร์เน็ต)")
    common(sp)
    sp.add_argument(
        "--timeout",
        default="10",
        metavar="S",
        help="วินาทีที่รอคำตอบของแต่ละลิงก์ (ค่าเริ่มต้น 10)",
    )
    sp.set_defaults(func=cmd_links)
    sp = sub.add_parser("generate", help="เขียนไฟล์ Markdown ของทุกหน้าลงโฟลเดอร์")
    common(sp)
    sp.add_argument("--out", required=True, metavar="DIR", help="โฟลเดอร์ปลายทาง")
    sp.set_defaults(func=cmd_generate)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `site-builder oit 2566 | head`
        sys.stderr.close()
        return 0
    except Exception as exc:
        # Never a traceback for staff: one Thai line naming the exception; -v shows it all.
        from .plugin import unexpected

        if getattr(args, "verbose", False):
            traceback.print_exc()
        _say(unexpected(exc))
        return 1


if __name__ == "__main__":
    sys.exit(main())
