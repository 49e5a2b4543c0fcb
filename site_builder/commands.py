"""The commands of ``site-builder`` but ``serve`` (:mod:`.serve`), and what they share.

Each command is a function of one :class:`Run` returning the exit code: 0 when
clean, 1 on content errors, 2 on wrong usage it finds itself (argparse finds the
rest).  Problems go to stderr in Thai as ``path:line: field: message``, and on CI
also where the CI shows them (:func:`report`).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import ci, exports, guide, linkcheck, oit, oitreport, output, starter
from .errors import ContentError, Problem, display_path, format_problems, show_controls
from .format.schema import SchemaRefused, write_schemas
from .newyear import NewYearRefused, check_year_number, start_year
from .plan import SitePlan
from .project import ConfigRefused, Project
from .tree import Content
from .tree.attachments import MAX_FILE_BYTES

if TYPE_CHECKING:
    import argparse

PlanSite = Callable[[Path, int], tuple[Content, SitePlan, list[Problem]]]
"""The core as the commands see it (:func:`site_builder.cli.plan_site`): the content
under a folder, validated with an attachment limit in bytes (ContentError when it has
errors); the site plan made from it; and the links of its pages to no page of that plan."""


def say(text: str) -> None:
    """One message for the person at the terminal: on stderr, stdout being the output."""
    print(text, file=sys.stderr)


def report(problems: Sequence[Problem], *, echo: bool = True) -> None:
    """Problems to stderr (unless not ``echo``); on CI also where the CI shows them:
    GitHub annotations and step summary, a GitLab Code Quality report."""
    if problems and echo:
        say(format_problems(list(problems)))
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for p in sorted(problems):
            print(p.github_annotation())
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with Path(summary).open("a", encoding="utf-8") as out:
                out.write(ci.step_summary(list(problems)))
    if os.environ.get("GITLAB_CI") == "true":
        path = Path(os.environ.get("SITE_BUILDER_CODE_QUALITY") or "gl-code-quality-report.json")
        refused = _not_a_report(path)
        if refused:
            say(f"{path}: ไม่เขียนรายงาน Code Quality: {refused}")
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


def quiet_mkdocs(verbose: bool) -> None:
    """MkDocs' own log on stderr: warnings and errors only, everything with ``-v``."""
    logging.basicConfig(format="%(levelname)s - %(message)s")
    logging.getLogger("mkdocs").setLevel(logging.DEBUG if verbose else logging.WARNING)


class Run:
    """One command line being run: its options ``args``, the :class:`Project` of its
    ``--config`` and ``--content``, and the content through ``plan_site``
    (:data:`PlanSite`), loaded when a command asks."""

    def __init__(self, args: argparse.Namespace, plan_site: PlanSite) -> None:
        self.args = args
        self.project = Project(getattr(args, "config", None), getattr(args, "content", None))
        self._plan_site = plan_site

    def load(self, *, warnings: bool = True) -> Content | None:
        """The content, validated with the limits of the configuration; None (and the
        problems reported) when either cannot be used.  Its warnings are reported too:
        on stderr only when ``warnings``, on CI either way."""
        loaded = self.load_planned(warnings=warnings)
        return loaded[0] if loaded else None

    def load_planned(self, *, warnings: bool = True) -> tuple[Content, SitePlan] | None:
        """:meth:`load`, with the site plan made to check the links of free pages."""
        root = self.project.content_dir
        limit = MAX_FILE_BYTES
        if root.is_dir():  # else the loader says the folder is missing
            try:
                limit = self.project.attachment_limit()
            except ConfigRefused as exc:
                report([exc.problem])
                return None
        try:
            content, plan, dead = self._plan_site(root, limit)
        except ContentError as exc:
            report(exc.problems)
            return None
        # What MkDocs would refuse later (in English), refused now: links to missing pages.
        if dead:
            report([*dead, *content.warnings])
            return None
        report(content.warnings, echo=warnings)
        return content, plan


def cmd_check(run: Run) -> int:
    """Validate the content and the configuration, and make every page (which catches
    template errors too) without writing anything; say how much was checked."""
    loaded = run.load_planned()
    if loaded is None:
        return 1
    content, plan = loaded
    drafts = [name for year in content.years for name in year.drafts]
    if drafts:
        say(f"ฉบับร่าง (ตรวจแล้ว ไม่เผยแพร่): {', '.join(show_controls(d) for d in drafts)}")
    # Pages made from the content; the staff guide is on every site and not counted.
    pages = sum(1 for p in plan.pages if not p.path.startswith(f"{guide.FOLDER}/"))
    say(f"ตรวจแล้ว: ไม่พบข้อผิดพลาด ({len(content.years)} ปีงบประมาณ, {pages} หน้า)")
    return 0


def cmd_generate(run: Run) -> int:
    """Write the generated Markdown tree (and attachments) to ``--out``, through a
    staging folder swapped in whole."""
    loaded = run.load_planned()
    if loaded is None:
        return 1
    plan = loaded[1]
    out = Path(run.args.out)
    try:
        run.project.check_output(out)
        staging = output.Staging(out)
    except output.OutputRefused as exc:
        say(str(exc))
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
    say(f"เขียนไฟล์ Markdown {len(plan.pages)} หน้าไว้ที่ {Path(os.path.abspath(out))}")
    return 0


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def cmd_oit(run: Run) -> int:
    """The readiness report of one year (``--csv``: the site's CSV) on stdout; exit 0
    even when items are missing."""
    content = run.load()
    if content is None:
        return 1
    args = run.args
    year = next((y for y in content.years if y.year == args.year), None)
    if year is None:
        say(
            f"ไม่มีโฟลเดอร์ปีงบประมาณ {args.year} ในเนื้อหา (มี: {', '.join(str(y.year) for y in content.years)})"
        )
        return 1
    statuses = oit.for_year(content, year)
    site_url = content.site.site_url or run.project.site_url()
    website = content.site.organization.website
    if args.csv:
        sys.stdout.buffer.write(
            exports.to_csv(statuses, base_url=site_url, website=website).encode("utf-8")
        )
        return 0
    for line in oitreport.report_lines(year, statuses, base_url=site_url):
        # Titles come from content: a newline in one must not start a CI command.
        print(show_controls(line))
    return 0


def cmd_new_year(run: Run) -> int:
    """Start year ``YEAR`` from the year before it (:func:`start_year`), writing no file
    that exists, then check the content with the new files."""
    year = run.args.year
    try:
        check_year_number(year)  # wrong usage: before anything is read
    except NewYearRefused as exc:
        say(str(exc))
        return 2
    content = run.load(warnings=False)
    if content is None:
        say("แก้ข้อผิดพลาดข้างต้นก่อน แล้วจึงเริ่มปีงบประมาณใหม่")
        return 1
    try:
        written = start_year(content, year)
    except NewYearRefused as exc:
        say(str(exc))
        return 1
    for path in written:
        say(f"สร้าง {display_path(path)}")
    if run.load() is None:  # the new files must pass check
        return 1
    say(f"เริ่มปีงบประมาณ {year} แล้ว: เติมคะแนนใน analysis.yml และทบทวนมาตรการใน measures.yml")
    return 0


def cmd_init(run: Run) -> int:
    """Write a new municipality's repository into ``DIR`` (:func:`starter.write_repository`),
    or nothing when it is refused (exit 2 for wrong usage); say what was written and the
    next steps."""
    args = run.args
    try:
        repo = starter.write_repository(Path(args.dir), name=args.name, year=args.year)
    except starter.InitRefused as exc:
        say(str(exc))
        return 2 if exc.usage else 1
    for line in starter.summary(repo, args.dir):
        say(line)
    return 0


def cmd_schema(run: Run) -> int:
    """Write the JSON Schema of every kind of content file to ``--out``."""
    try:
        written = write_schemas(Path(run.args.out))
    except SchemaRefused as exc:
        say(str(exc))
        return 1
    for path in written:
        say(f"เขียน {display_path(path)}")
    return 0


def cmd_links(run: Run) -> int:
    """Fetch every web address the content points to; exit 1 when any is dead or silent."""
    try:
        timeout = linkcheck.seconds(run.args.timeout)
    except ValueError as exc:
        say(f"site-builder links: คำสั่งไม่ถูกต้อง: {exc} (ดูวิธีใช้: site-builder links -h)")
        return 2
    content = run.load(warnings=False)
    if content is None:
        return 1
    checked = linkcheck.check_content(content, timeout=timeout, stream=sys.stderr)
    if checked.problems:
        report(checked.problems)
    say(checked.summary())
    return 1 if checked.problems else 0


DEPLOY_SCRIPTS = Path(__file__).resolve().parent / "deploy"
"""The deploy scripts the package ships: ``rsync.sh``, ``ftps.sh`` and the
``check-target.sh`` both source (package data, so a municipality's CI has them too)."""

DEPLOY_TARGETS: dict[str, tuple[tuple[str, str], ...]] = {
    "rsync": (("DEPLOY_TARGET", "user@host:/var/www/html/ita"),),
    "ftps": (("FTP_HOST", "ftp.example.go.th"), ("FTP_PATH", "/public_html/ita")),
}
"""For each method, the environment variables (with an example) whose values
``cmd_deploy`` hands its script as the arguments after ``SITE_DIR``: where to publish.
The passwords, keys and other settings stay in the environment, where the script reads
them."""


def cmd_deploy(run: Run) -> int:
    """Publish the built site ``SITE_DIR`` with the packaged script of ``METHOD``
    (:data:`DEPLOY_SCRIPTS`), run by bash with this process's environment, and return the
    script's exit code (2 for what it refuses before connecting, 3 for a folder on the
    server that is not the site's).  2 without running it when a variable of
    :data:`DEPLOY_TARGETS` is unset; 127 when there is no bash."""
    method = run.args.method
    missing = [
        (name, example) for name, example in DEPLOY_TARGETS[method] if not os.environ.get(name)
    ]
    if missing:
        names = " และ ".join(name for name, _ in missing)
        examples = ", ".join(f"{name}={example}" for name, example in missing)
        say(
            f"site-builder deploy {method}: ต้องตั้งค่า {names} บอกที่ที่จะเผยแพร่ (เช่น {examples}; ใน CI ใช้ secrets)"
        )
        return 2
    bash = shutil.which("bash")
    if bash is None:
        say(
            f"site-builder deploy {method}: ไม่พบโปรแกรม bash ที่ใช้เรียกสคริปต์เผยแพร่: ติดตั้ง bash"
            " (บน Windows ใช้ Git Bash หรือ WSL) หรือเผยแพร่ผ่าน CI ของที่เก็บ"
        )
        return 127
    script = DEPLOY_SCRIPTS / f"{method}.sh"
    # Only the site and where it goes are arguments; secrets never are (ps would show them).
    where = [os.environ[name] for name, _ in DEPLOY_TARGETS[method]]
    code = subprocess.run([bash, str(script), run.args.site_dir, *where], check=False).returncode
    return code if code >= 0 else 128 - code  # killed by a signal: as a shell says it
