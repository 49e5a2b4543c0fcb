"""Read a whole content tree, validate every file, then check the rules across files.

:func:`load` either returns the complete :class:`Content` or raises one
:class:`~site_builder.errors.ContentError` listing every problem of every file;
it never writes anything.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from . import framework as fw
from .errors import ContentError, Problem
from .filesystem import IMAGE_TYPES, attachment_problem, entries, shown
from .markup import LINK_WORK_LIMIT, MAX_HTML_DEPTH, html_depth, link_work, unsafe_html
from .models import (
    AnalysisFile,
    DocumentRef,
    MeasuresFile,
    Memo,
    OitFile,
    PageMeta,
    ReportFile,
    SiteFile,
)
from .rules import check_year
from .thai import to_arabic
from .validation import validate
from .yamlio import Document, YamlProblem, parse, read_text, strings

YEAR_DIR = re.compile(r"^[0-9]{4}\Z")
"""A year folder's name: four digits (and nothing after, not even a newline)."""
YEARS = range(2500, 2701)
"""The fiscal years (B.E.) a year folder may name."""
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*\Z")
MAX_FILE_BYTES = 20 * 1024 * 1024
"""The default size limit of one attachment (``max_attachment_mb`` in mkdocs.yml changes it)."""
YEAR_ENTRIES = ("analysis.yml", "measures.yml", "oit.yml", "reports", "pages", "files")

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Source:
    """Where a document came from: the file, its name in messages and its lines."""

    path: Path
    shown: str
    doc: Document


@dataclass(frozen=True)
class Report:
    name: str
    data: ReportFile
    source: Source


@dataclass(frozen=True)
class Page:
    slug: str
    meta: PageMeta
    body: str
    source: Source


@dataclass(frozen=True)
class Attachment:
    """A file under ``<year>/files/``; ``rel`` is ``files/...`` as content writes it."""

    rel: str
    path: Path
    size: int


@dataclass(frozen=True)
class Year:
    year: int
    analysis: AnalysisFile | None = None
    measures: MeasuresFile | None = None
    reports: tuple[Report, ...] = ()
    pages: tuple[Page, ...] = ()
    files: tuple[Attachment, ...] = ()
    framework: fw.Framework | None = None
    """The catalogue of the assessment the analysis is about (the year before)."""
    oit_framework: fw.Framework | None = None
    """The catalogue of this fiscal year's own assessment."""
    oit: OitFile | None = None
    """``oit.yml``: the items published elsewhere (the main website, attachments)."""
    sources: dict[str, Source] = field(default_factory=dict, compare=False)
    failed: frozenset[str] = frozenset()
    """Documents that exist but did not validate: rules that need them wait."""
    drafts: tuple[str, ...] = ()
    """The files of the year marked ``draft: true`` (as shown in messages): validated,
    never published; the fields above hold only what is published."""

    @property
    def assessment_year(self) -> int:
        if self.analysis and self.analysis.assessment_year:
            return self.analysis.assessment_year
        return self.year - 1


@dataclass(frozen=True)
class Content:
    root: Path
    site: SiteFile
    years: tuple[Year, ...]
    frameworks: dict[int, fw.Framework]
    warnings: tuple[Problem, ...] = ()
    files: tuple[Attachment, ...] = ()
    """Site-wide attachments under ``content/files/`` (the logo), published at ``/files/…``."""
    documents: tuple[Source, ...] = ()
    """Every YAML and Markdown file that was read, in reading order (for checks that look
    at every value, such as the links of ``site-builder links``)."""

    def year(self, number: int) -> Year | None:
        """The fiscal year ``number``, if the content has it."""
        return next((y for y in self.years if y.year == number), None)


class _Loader:
    def __init__(self, root: Path, max_file_bytes: int, *, include_drafts: bool = False) -> None:
        self.root = root
        self.include_drafts = include_drafts
        self.max_file_bytes = max_file_bytes
        self.problems: list[Problem] = []
        self.published: dict[Path, dict[str, Attachment]] = {}
        self.documents: list[Source] = []
        self.overridden: list[str] = []
        """Per folder (a year's, or the root): its publishable attachments by ``files/…``."""

    def problem(self, path: Path | str, line: int, field_: str, message: str, **kw: Any) -> None:
        name = path if isinstance(path, str) else shown(path)
        self.problems.append(Problem(name, line, field_, message, **kw))

    def entries(self, folder: Path) -> list[Path]:
        """The readable entries of ``folder``; a problem for each refused one."""
        kept, refused = entries(folder, self.root)
        for entry in refused:
            self.problem(entry.path, 0, "", entry.message)
        return kept

    def folder(self, kept: dict[str, Path], name: str) -> Path | None:
        """The entry ``name`` of a listing when it is a folder; a problem when it is a file."""
        path = kept.get(name)
        if path is not None and not path.is_dir():
            self.problem(
                path,
                0,
                "",
                f"'{name}' ต้องเป็นโฟลเดอร์ ไม่ใช่ไฟล์: ให้สร้างโฟลเดอร์ {name}/ แล้วย้ายไฟล์ไปไว้ข้างใน",
            )
            return None
        return path

    def read(self, path: Path) -> Source | None:
        name = shown(path)
        try:
            doc, dups = parse(read_text(path))
        except YamlProblem as exc:
            self.problem(name, exc.line, "", exc.message)
            return None
        for dup in dups:
            self.problem(name, dup.line, "", dup.message)
        cost = _MarkdownCost()
        for loc, value in strings(doc.data, ()):
            refused = cost.refuse(value)
            if refused is not None:
                self.problem(name, doc.line_of(loc), "", refused[1])
                return None
        source = Source(path, name, doc)
        self.documents.append(source)
        return source

    def model(self, model: type[M], source: Source | None) -> M | None:
        if source is None:
            return None
        instance, problems = validate(model, source.doc, source.shown)
        self.problems.extend(problems)
        return instance  # type: ignore[no-any-return]

    # -- the tree -------------------------------------------------------------

    def load(self) -> Content:
        root = self.root
        if not root.is_dir():
            raise ContentError([Problem(shown(root), 0, "", "ไม่พบโฟลเดอร์เนื้อหา")])
        kept = {p.name: p for p in self.entries(root)}
        site: SiteFile | None = None
        root_files = self.files(root, self.folder(kept, "files"))
        if "site.yml" in kept and kept["site.yml"].is_dir():
            self.problem(kept["site.yml"], 0, "", _FOLDER_NOT_FILE)
        elif "site.yml" in kept:
            site_source = self.read(kept["site.yml"])
            site = self.model(SiteFile, site_source)
            if site and site.organization.logo:
                self.attachment_ref(
                    root, site.organization.logo, site_source, ("organization", "logo")
                )
                if not site.organization.logo.lower().endswith(IMAGE_TYPES):
                    self.problem(
                        site_source.shown if site_source else "site.yml",
                        site_source.doc.line_of(("organization", "logo")) if site_source else 0,
                        "organization.logo",
                        f"ตราสัญลักษณ์ต้องเป็นไฟล์ภาพ ({', '.join(IMAGE_TYPES)}) เช่น files/logo.png",
                    )
        elif not os.path.lexists(root / "site.yml"):
            self.problem(
                root / "site.yml",
                0,
                "",
                "ไม่พบไฟล์ site.yml: ต้องมีข้อมูลหน่วยงาน เช่น organization: {name: เทศบาลตำบล...}",
            )
        frameworks = self.frameworks(self.folder(kept, "frameworks"))
        years = []
        for entry in kept.values():
            if entry.name in ("site.yml", "frameworks", "files"):
                continue
            if entry.is_dir() and YEAR_DIR.match(entry.name) and int(entry.name) in YEARS:
                years.append(self.year(entry, frameworks))
            elif entry.is_dir() and YEAR_DIR.match(entry.name):
                self.problem(
                    entry,
                    0,
                    "",
                    f"ปีงบประมาณ {entry.name} อยู่นอกช่วงที่ใช้ได้ ({YEARS.start}–{YEARS.stop - 1}): "
                    "ชื่อโฟลเดอร์ต้องเป็นปี พ.ศ. เช่น 2568",
                )
            elif entry.is_dir():
                arabic = to_arabic(entry.name)
                hint = f" ให้เปลี่ยนชื่อเป็น {arabic}" if YEAR_DIR.match(arabic) else ""
                self.problem(
                    entry,
                    0,
                    "",
                    "โฟลเดอร์ที่ไม่รู้จัก: โฟลเดอร์ระดับบนสุดต้องเป็นปีงบประมาณ พ.ศ. "
                    f"เลขอารบิก 4 หลัก เช่น 2566{hint}",
                )
            else:
                self.problem(
                    entry,
                    0,
                    "",
                    "ไฟล์ที่ไม่รู้จัก: ระดับบนสุดมีได้เฉพาะ site.yml, frameworks/ และโฟลเดอร์ปี",
                    warning=True,
                )
        if not years:
            self.problem(root, 0, "", "ยังไม่มีโฟลเดอร์ปีงบประมาณ เช่น 2566/", warning=True)
        self.catalogue_warnings(years, frameworks)
        errors = [p for p in self.problems if not p.warning]
        if errors or site is None:
            raise ContentError(self.problems)
        warnings = tuple(sorted(p for p in self.problems if p.warning))
        return Content(
            root, site, tuple(years), frameworks, warnings, root_files, tuple(self.documents)
        )

    def catalogue_warnings(self, years: list[Year], frameworks: dict[int, fw.Framework]) -> None:
        """Warn when a catalogue the content uses is provisional or thin (framework.py)."""
        folder = self.root / "frameworks"
        overrides = {int(y) for y in self.overridden}
        used = {y.year for y in years} | {y.assessment_year for y in years}
        found = fw.catalogue_warnings(
            frameworks,
            used,
            overrides,
            oit_years=[y.year for y in years],
            content_dir=shown(self.root),
        )
        for year, message in found:
            self.problem(folder / f"{year}.yml", 0, "", message, warning=True)

    def frameworks(self, folder: Path | None) -> dict[int, fw.Framework]:
        result: dict[int, fw.Framework] = {}
        for year in fw.builtin_years():
            data = fw.builtin_data(year)
            result[year] = fw.Framework.model_validate(data)
        if folder is None or not folder.is_dir():
            return result
        for path in self.entries(folder):
            if path.is_dir():
                self.problem(path, 0, "", _FOLDER_NOT_FILE)
                continue
            if not (path.suffix == ".yml" and YEAR_DIR.match(path.stem)):
                self.problem(path, 0, "", "ชื่อไฟล์ต้องเป็นปีที่ประเมิน พ.ศ. เช่น frameworks/2566.yml")
                continue
            source = self.read(path)
            if source is None:
                continue
            if not isinstance(source.doc.data, dict):
                self.problem(source.shown, 1, "", "ไฟล์ต้องเป็นกลุ่มฟิลด์ (ชื่อฟิลด์: ค่า)")
                continue
            year = int(path.stem)
            self.overridden.append(path.stem)
            # A year the package does not ship extends the latest earlier catalogue.
            earlier = [y for y in fw.builtin_years() if y <= year]
            base = fw.builtin_data(max(earlier)) if earlier else None
            merged = fw.merge(base, {"year": year, **source.doc.data})
            instance, problems = validate(
                fw.Framework, Document(merged, source.doc.lines), source.shown
            )
            self.problems.extend(problems)
            if instance is not None:
                result[year] = instance
        return result

    def year(self, folder: Path, frameworks: dict[int, fw.Framework]) -> Year:
        year = int(folder.name)
        sources: dict[str, Source] = {}
        kept = {p.name: p for p in self.entries(folder)}
        for entry in kept.values():
            if entry.name in YEAR_ENTRIES:
                continue
            close = difflib.get_close_matches(entry.name, YEAR_ENTRIES, n=1, cutoff=0.6)
            hint = f" หมายถึง '{close[0]}' หรือไม่" if close else ""
            self.problem(
                entry,
                0,
                "",
                f"ไม่รู้จัก '{entry.name}' ในโฟลเดอร์ปี{hint} (ใช้ได้: {', '.join(YEAR_ENTRIES)})",
            )
        analysis = measures = None
        documents = {
            kind: kept[f"{kind}.yml"] for kind in ("analysis", "measures") if f"{kind}.yml" in kept
        }
        for kind, path in list(documents.items()):
            if path.is_dir():
                self.problem(path, 0, "", _FOLDER_NOT_FILE)
                del documents[kind]
        if "analysis" in documents:
            src = self.read(documents["analysis"])
            analysis = self.model(AnalysisFile, src)
            if src:
                sources["analysis"] = src
        if "measures" in documents:
            src = self.read(documents["measures"])
            measures = self.model(MeasuresFile, src)
            if src:
                sources["measures"] = src
        oit = None
        if "oit.yml" in kept:
            if kept["oit.yml"].is_dir():
                self.problem(kept["oit.yml"], 0, "", _FOLDER_NOT_FILE)
            else:
                src = self.read(kept["oit.yml"])
                oit = self.model(OitFile, src)
                if src:
                    sources["oit"] = src
        reports = tuple(self.reports(self.folder(kept, "reports"), sources))
        pages = tuple(self.pages(self.folder(kept, "pages")))
        files = self.files(folder, self.folder(kept, "files"))
        assessed = analysis.assessment_year if analysis and analysis.assessment_year else year - 1
        result = Year(
            year=year,
            analysis=analysis,
            measures=measures,
            reports=reports,
            pages=pages,
            files=files,
            oit=oit,
            framework=frameworks.get(assessed) or _nearest(frameworks, assessed),
            oit_framework=frameworks.get(year),
            sources=sources,
            failed=frozenset(
                kind
                for kind, model in (("analysis", analysis), ("measures", measures))
                if model is None and kind in documents
            ),
        )
        self.problems.extend(check_year(result, frameworks))
        for kind, model in (("analysis", analysis), ("measures", measures)):
            memo = getattr(model, "memo", None)
            if memo is not None:
                self.memo_files(folder, memo, sources[kind], ("memo",))
            if model is not None:
                self.document_files(folder, model.document, sources[kind])
        for report in reports:
            if report.data.memo is not None:
                self.memo_files(folder, report.data.memo, report.source, ("memo",))
            self.document_files(folder, report.data.document, report.source)
            for i, res in enumerate(report.data.results):
                for j, ev in enumerate(res.evidence):
                    if ev.file:
                        self.attachment_ref(
                            folder, ev.file, report.source, ("results", i, "evidence", j, "file")
                        )
        if oit is not None:
            for i, item in enumerate(oit.items):
                for j, link in enumerate(item.links):
                    if link.file:
                        self.attachment_ref(
                            folder, link.file, sources["oit"], ("items", i, "links", j, "file")
                        )
        return result if self.include_drafts else _published(result)

    def document_files(
        self, folder: Path, documents: tuple[DocumentRef, ...], source: Source
    ) -> None:
        for i, doc in enumerate(documents):
            if doc.file:
                self.attachment_ref(folder, doc.file, source, ("document", i, "file"))

    def memo_files(self, folder: Path, memo: Memo, source: Source, loc: tuple[Any, ...]) -> None:
        if memo.scan:
            self.attachment_ref(folder, memo.scan, source, (*loc, "scan"))

    def attachment_ref(
        self, folder: Path, ref: str, source: Source | None, loc: tuple[Any, ...]
    ) -> None:
        """A ``file:`` must name an existing file inside ``<folder>/files/``."""
        if source is None:
            return
        line = source.doc.line_of(loc)
        shown_field = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in loc).replace(
            ".[", "["
        )
        example = "ตัวอย่างที่ถูกต้อง: files/รายงาน-รอบ6เดือน.pdf"
        if (
            ref.startswith("/")
            or "\\" in ref
            or re.match(r"^[A-Za-z]:", ref)
            or ".." in ref.split("/")
        ):
            self.problem(
                source.shown,
                line,
                shown_field,
                f"ต้องเป็นที่อยู่ไฟล์ภายในโฟลเดอร์ files/ ของปีนั้น ห้ามใช้ '..' หรือที่อยู่เต็ม (พบ '{ref}') {example}",
            )
            return
        if not ref.startswith("files/"):
            self.problem(
                source.shown,
                line,
                shown_field,
                f"ไฟล์แนบต้องอยู่ในโฟลเดอร์ files/ และเขียนขึ้นต้นด้วย files/ (พบ '{ref}') {example}",
            )
            return
        if ref in self.published.get(folder, {}):
            return
        target = folder / ref
        if not os.path.lexists(target):
            self.problem(
                source.shown,
                line,
                shown_field,
                f"ไม่พบไฟล์ '{ref}' ให้ตรวจชื่อไฟล์ (ตัวพิมพ์เล็ก-ใหญ่และนามสกุล) หรืออัปโหลดไฟล์ไว้ที่ {shown(target)}",
            )
            return
        self.problem(
            source.shown,
            line,
            shown_field,
            f"'{ref}' ไม่ได้เผยแพร่: ต้องเป็นไฟล์จริงภายในโฟลเดอร์ files/ ที่เผยแพร่ได้ "
            "(ไม่ใช่โฟลเดอร์ ลิงก์ออกไปนอกโฟลเดอร์ ไฟล์ซ่อนที่ชื่อขึ้นต้นด้วยจุด "
            "หรือไฟล์ที่มีข้อผิดพลาดของตัวเองด้านบน)",
        )

    def slugged(self, folder: Path | None, suffix: str, what: str, example: str) -> Iterator[Path]:
        """Files of ``folder`` whose names can be URLs; a problem for each other one."""
        if folder is None or not folder.is_dir():
            return
        for path in self.entries(folder):
            if path.is_dir():
                self.problem(path, 0, "", _FOLDER_NOT_FILE)
                continue
            if path.suffix != suffix or not SLUG.match(path.stem):
                self.problem(
                    path,
                    0,
                    "",
                    f"ชื่อไฟล์{what}ต้องเป็นอักษรอังกฤษตัวเล็ก ตัวเลข และ - ลงท้ายด้วย {suffix} "
                    f"เช่น {example} (ชื่อไฟล์คือส่วนหนึ่งของ URL)",
                )
                continue
            yield path

    def reports(self, folder: Path | None, sources: dict[str, Source]) -> Iterator[Report]:
        for path in self.slugged(folder, ".yml", "รายงาน", "reports/6-month.yml"):
            source = self.read(path)
            data = self.model(ReportFile, source)
            if source is not None and data is not None:
                sources[f"reports/{path.stem}"] = source
                yield Report(path.stem, data, source)

    def pages(self, folder: Path | None) -> Iterator[Page]:
        for path in self.slugged(folder, ".md", "หน้า", "pages/no-gift-policy.md"):
            page = self.page(path)
            if page is not None:
                yield page

    def page(self, path: Path) -> Page | None:
        name = shown(path)
        try:
            text = read_text(path)
        except YamlProblem as exc:
            self.problem(name, exc.line, "", exc.message)
            return None
        match = re.match(r"^---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", text, re.S | re.M)
        if not match:
            self.problem(
                name,
                1,
                "",
                "หน้าต้องเริ่มด้วย front matter: บรรทัดแรกเป็น --- ตามด้วย title: ชื่อหน้า แล้วปิดด้วย --- อีกบรรทัด",
            )
            return None
        try:
            doc, dups = parse(match.group(1))
        except YamlProblem as exc:
            self.problem(name, exc.line + 1, "", exc.message)
            return None
        doc.lines.update({k: v + 1 for k, v in doc.lines.items()})
        for dup in dups:
            self.problem(name, dup.line + 1, "", dup.message)
        source = Source(path, name, doc)
        self.documents.append(source)
        meta = self.model(PageMeta, source)
        body = text[match.end() :]
        offset = text[: match.end()].count("\n")
        refused = _MarkdownCost().refuse(body)
        if refused is not None:
            self.problem(name, offset + refused[0], "", refused[1])
            return None
        for line, what, active in unsafe_html(body):
            if not what:
                self.problem(
                    name, offset + line, "", "ซ้อนแท็ก HTML หรือรายการลึกเกินไป: ให้ลดระดับการซ้อน"
                )
            elif active:
                self.problem(
                    name,
                    offset + line,
                    "",
                    f"HTML ที่ไม่อนุญาต: {what} (สคริปต์ เฟรม ฟอร์ม ตัวจัดการเหตุการณ์ on… "
                    "ลิงก์ javascript: และ id ที่ขึ้นต้นด้วย _ จะไม่ถูกเผยแพร่): ให้ลบออก",
                )
            else:
                self.problem(
                    name,
                    offset + line,
                    "",
                    f"HTML ที่ไม่รองรับ: {what} จะถูกตัดออกเมื่อเผยแพร่ (ใช้ Markdown แทน เช่น **ตัวหนา**)",
                    warning=True,
                )
        if meta is None:
            return None
        return Page(path.stem, meta, body, source)

    def files(self, folder: Path, files_dir: Path | None) -> tuple[Attachment, ...]:
        """The publishable attachments under ``folder/files/`` (every level), each
        checked by :func:`~site_builder.filesystem.attachment_problem` and the size limit."""
        found: dict[str, Attachment] = {}
        pending = [files_dir] if files_dir is not None and files_dir.is_dir() else []
        while pending:
            for path in self.entries(pending.pop()):
                if path.is_dir():
                    pending.append(path)
                    continue
                size = path.stat().st_size
                problem = attachment_problem(path)
                if size > self.max_file_bytes:
                    problem = (
                        f"ไฟล์ใหญ่เกินไป ({_size(size)} เกินกำหนด {_size(self.max_file_bytes)}): "
                        "ให้ลดขนาดไฟล์ เช่น สแกนที่ 150 dpi ขาวดำ หรือแบ่งเป็นหลายไฟล์"
                    )
                if problem is not None:
                    self.problem(path, 0, "", problem)
                    continue
                rel = path.relative_to(folder).as_posix()
                found[rel] = Attachment(rel, path, size)
        self.published[folder] = found
        return tuple(found[rel] for rel in sorted(found))


_FOLDER_NOT_FILE = "เป็นโฟลเดอร์ ไม่ใช่ไฟล์: ให้เปลี่ยนชื่อโฟลเดอร์ หรือย้ายไฟล์ข้างในออกมา"
_NESTED_HTML = (
    f"แท็ก HTML ซ้อนกันลึกเกิน {MAX_HTML_DEPTH} ชั้น หรือเปิดไว้โดยไม่ได้ปิด (เช่น <b> ที่ไม่มี </b>): "
    "ให้ปิดแท็กให้ครบ หรือใช้ Markdown แทน เช่น **ตัวหนา**"
)
_BRACKETS = (
    "มีวงเล็บเหลี่ยม [ ที่ซ้อนกันหรือไม่ได้ปิดมากเกินไป (ลิงก์ใน Markdown เขียนว่า [ข้อความ](ที่อยู่)): "
    "ให้ลบวงเล็บที่เกินออก หรือเขียน \\[ เมื่อต้องการแสดงเครื่องหมาย ["
)


class _MarkdownCost:
    """What Markdown of one file would cost to render, summed over its texts: the link
    parser's scanning (:func:`~site_builder.markup.link_work`) and the nesting of raw
    HTML (:func:`~site_builder.markup.html_depth`), each bounded."""

    def __init__(self) -> None:
        self.work = 0

    def refuse(self, text: str) -> tuple[int, str] | None:
        """The line (within ``text``) and the Thai message when ``text`` goes past a bound."""
        work, worst = link_work(text)
        self.work += work
        if self.work > LINK_WORK_LIMIT:
            return worst, _BRACKETS
        depth, deepest = html_depth(text)
        if depth > MAX_HTML_DEPTH:
            return deepest, _NESTED_HTML
        return None


def _published(year: Year) -> Year:
    """The year as it is published: every document marked ``draft: true`` left out
    (its name kept in ``drafts``), so that no page, link, OIT item, open data or
    search entry can come from it."""
    drafts: list[str] = []
    analysis, measures = year.analysis, year.measures
    if analysis is not None and analysis.draft:
        drafts.append(year.sources["analysis"].shown)
        analysis = None
    if measures is not None and measures.draft:
        drafts.append(year.sources["measures"].shown)
        measures = None
    drafts += [r.source.shown for r in year.reports if r.data.draft]
    drafts += [p.source.shown for p in year.pages if p.meta.draft]
    if not drafts:
        return year
    return dataclasses.replace(
        year,
        analysis=analysis,
        measures=measures,
        reports=tuple(r for r in year.reports if not r.data.draft),
        pages=tuple(p for p in year.pages if not p.meta.draft),
        drafts=tuple(sorted(drafts)),
    )


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def _nearest(frameworks: dict[int, fw.Framework], year: int) -> fw.Framework | None:
    if not frameworks:
        return None
    return frameworks[min(frameworks, key=lambda y: (abs(y - year), -y))]


def load(
    root: Path, *, max_file_bytes: int = MAX_FILE_BYTES, include_drafts: bool = False
) -> Content:
    """Load and validate the content tree at ``root``; raise ContentError on any error.

    Documents marked ``draft: true`` are validated and left out of the years (their
    names in ``Year.drafts``), unless ``include_drafts`` (to inspect them, as tests do).
    """
    return _Loader(root, max_file_bytes, include_drafts=include_drafts).load()
