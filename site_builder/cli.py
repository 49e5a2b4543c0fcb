"""``site-builder``: the commands staff and CI run.

Problems go to stderr in Thai as ``path:line: field: message``; on GitHub
Actions also as ``::error`` workflow commands.  Exit 0 when clean, 1 on content
errors, 2 on wrong usage.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from . import ci, guide, output
from .content import MAX_FILE_BYTES, Content, load
from .errors import ContentError, Problem, display_path, format_problems
from .render import render


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
        path = os.environ.get("SITE_BUILDER_CODE_QUALITY", "gl-code-quality-report.json")
        Path(path).write_text(ci.code_quality(list(problems)), encoding="utf-8")


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


def _max_file_bytes(args: argparse.Namespace) -> int:
    """The attachment limit set for the ``ita`` plugin in mkdocs.yml, if any."""
    config = _find_config(getattr(args, "config", None))
    try:
        plugins = (
            yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader).get("plugins") or []
        )
    except (OSError, yaml.YAMLError, AttributeError):
        return MAX_FILE_BYTES
    for plugin in plugins:
        if isinstance(plugin, dict) and isinstance(plugin.get("ita"), dict):
            mb = plugin["ita"].get("max_attachment_mb")
            if isinstance(mb, int):
                return mb * 1024 * 1024
    return MAX_FILE_BYTES


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring its !!python tags (only the plugin list is wanted)."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _load(args: argparse.Namespace, *, warnings: bool = True) -> Content | None:
    try:
        content = load(_content_dir(args), max_file_bytes=_max_file_bytes(args))
    except ContentError as exc:
        _report(exc.problems)
        return None
    _report(content.warnings, echo=warnings)
    return content


def cmd_check(args: argparse.Namespace) -> int:
    content = _load(args)
    if content is None:
        return 1
    # Pages made from the content; the staff guide is on every site and not counted.
    pages = sum(1 for p in render(content).pages if not p.path.startswith(f"{guide.FOLDER}/"))
    _say(f"ตรวจแล้ว: ไม่พบข้อผิดพลาด ({len(content.years)} ปีงบประมาณ, {pages} หน้า)")
    return 0


def _mkdocs_config(args: argparse.Namespace, site_dir: Path | None = None) -> object:
    from mkdocs.config import load_config

    overrides: dict[str, Any] = {"docs_dir": str(_content_dir(args).resolve())}
    if site_dir is not None:
        overrides["site_dir"] = str(site_dir)
    return load_config(str(_find_config(args.config)), **overrides)


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
    config = _mkdocs_config(args)
    target = Path(args.site_dir or config["site_dir"])  # type: ignore[index]
    try:
        _check_output(args, target, legacy_site=True)
        staging = output.Staging(target)
    except output.OutputRefused as exc:
        _say(str(exc))
        return 1
    try:
        config = _mkdocs_config(args, staging.path)
        config["strict"] = True  # type: ignore[index]
        _quiet_mkdocs(args.verbose)
        build(config)  # type: ignore[arg-type]
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


def cmd_serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    content = _content_dir(args).resolve()
    if not content.is_dir():
        _say(f"{content}: ไม่พบโฟลเดอร์เนื้อหา")
        return 1
    _quiet_mkdocs(args.verbose)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    host, _, port = args.dev_addr.rpartition(":")
    serve(
        str(_find_config(args.config)),
        docs_dir=str(content),
        dev_addr=f"{host or '127.0.0.1'}:{port}",
        livereload=True,
    )
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    """Write the generated Markdown tree (and attachments) to ``--out``."""
    content = _load(args)
    if content is None:
        return 1
    out = Path(args.out)
    try:
        _check_output(args, out)
        staging = output.Staging(out)
    except output.OutputRefused as exc:
        _say(str(exc))
        return 1
    plan = render(content)
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
    from mkdocs.config import load_config

    config = load_config(str(_find_config(args.config)), docs_dir=str(_content_dir(args).resolve()))
    return config.site_url or None


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
    statuses = oit.readiness(year)
    site_url = _site_url(args)
    website = content.site.organization.website
    if args.csv:
        sys.stdout.buffer.write(
            oit.to_csv(statuses, base_url=site_url, website=website).encode("utf-8")
        )
        return 0
    for line in oit.report_lines(year, statuses, base_url=site_url):
        print(line)
    return 0


def cmd_new_year(args: argparse.Namespace) -> int:
    from .newyear import NewYearRefused, start_year

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


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
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


if __name__ == "__main__":
    sys.exit(main())
