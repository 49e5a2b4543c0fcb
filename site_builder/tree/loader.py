"""Read a whole content tree, validate every file, then check the rules across files.

:func:`load` either returns the complete :class:`~site_builder.tree.Content` or raises
one :class:`~site_builder.errors.ContentError` listing every problem of every file; it
never writes anything.  Every folder is listed through the one gate to the disk
(:func:`site_builder.filesystem.entries`), every value's Markdown cost is bounded
before anything renders it.
"""

from __future__ import annotations

import difflib
import os
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

from ..errors import ContentError, Problem, field_path
from ..filesystem import IMAGE_TYPES, entries, shown
from ..format import framework as fw
from ..format.models import (
    AnalysisFile,
    DocumentRef,
    MeasuresFile,
    Memo,
    OitFile,
    ReportFile,
    SiteFile,
)
from ..format.validation import validate
from ..format.yamlio import Loc, YamlProblem, parse, read_text, strings
from ..thai import to_arabic
from . import (
    SLUG,
    YEAR_DIR,
    YEAR_ENTRIES,
    YEARS,
    Attachment,
    Content,
    Page,
    Report,
    Source,
    Year,
    attachments,
    published,
)
from .freepages import MarkdownCost, read_page
from .rules import check_year

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

M = TypeVar("M", bound=BaseModel)


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
        cost = MarkdownCost()
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
        return instance

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
                if site_source and not site.organization.logo.lower().endswith(IMAGE_TYPES):
                    loc = ("organization", "logo")
                    self.problem(
                        site_source.shown,
                        site_source.doc.line_of(loc),
                        field_path(loc),
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
        """The shipped catalogues with the content's overrides (``frameworks/<year>.yml``)."""
        overrides = []
        if folder is not None and folder.is_dir():
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
                self.overridden.append(path.stem)
                overrides.append((int(path.stem), source.doc, source.shown))
        result, problems = fw.catalogues(overrides)
        self.problems.extend(problems)
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
            framework=frameworks.get(assessed) or fw.nearest(frameworks, assessed),
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
        return result if self.include_drafts else published(result)

    def document_files(
        self, folder: Path, documents: tuple[DocumentRef, ...], source: Source
    ) -> None:
        for i, doc in enumerate(documents):
            if doc.file:
                self.attachment_ref(folder, doc.file, source, ("document", i, "file"))

    def memo_files(self, folder: Path, memo: Memo, source: Source, loc: Loc) -> None:
        if memo.scan:
            self.attachment_ref(folder, memo.scan, source, (*loc, "scan"))

    def attachment_ref(self, folder: Path, ref: str, source: Source | None, loc: Loc) -> None:
        """A ``file:`` must name a published file inside ``<folder>/files/``."""
        if source is None:
            return
        found = attachments.check_ref(folder, ref, source, loc, self.published.get(folder, {}))
        if found is not None:
            self.problems.append(found)

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
        page, source, problems = read_page(path)
        if source is not None:
            self.documents.append(source)
        self.problems.extend(problems)
        return page

    def files(self, folder: Path, files_dir: Path | None) -> tuple[Attachment, ...]:
        """The publishable attachments of ``folder`` (:func:`attachments.scan`)."""
        found, problems = attachments.scan(folder, files_dir, self.entries, self.max_file_bytes)
        self.problems.extend(problems)
        self.published[folder] = {a.rel: a for a in found}
        return found


_FOLDER_NOT_FILE = "เป็นโฟลเดอร์ ไม่ใช่ไฟล์: ให้เปลี่ยนชื่อโฟลเดอร์ หรือย้ายไฟล์ข้างในออกมา"


def load(
    root: Path, *, max_file_bytes: int = attachments.MAX_FILE_BYTES, include_drafts: bool = False
) -> Content:
    """Load and validate the content tree at ``root``; raise ContentError on any error.

    Documents marked ``draft: true`` are validated and left out of the years (their
    names in ``Year.drafts``), unless ``include_drafts`` (to inspect them, as tests do).
    """
    return _Loader(root, max_file_bytes, include_drafts=include_drafts).load()
