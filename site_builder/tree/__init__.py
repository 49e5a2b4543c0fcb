"""The validated content tree, read once: what the rest of the package works from.

:func:`site_builder.tree.loader.load` builds a :class:`Content` or reports every
problem; these types hold only what validated, each document with the
:class:`Source` it came from, so that cross-file rules can name the file and line.
The types import nothing of the loader (``tree.rules`` and the loader both import them).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from ..errors import Problem
    from ..format.framework import Framework
    from ..format.models import AnalysisFile, MeasuresFile, OitFile, PageMeta, ReportFile, SiteFile
    from ..format.yamlio import Document

YEAR_DIR = re.compile(r"^[0-9]{4}\Z")
"""A year folder's name: four digits (and nothing after, not even a newline)."""
YEARS = range(2500, 2701)
"""The fiscal years (B.E.) a year folder may name."""
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*\Z")
"""A report's or a free page's name, which is part of its URL: ``6-month``, ``no-gift``."""
YEAR_ENTRIES = ("analysis.yml", "measures.yml", "oit.yml", "reports", "pages", "files")
"""What a year folder may hold."""


@dataclass(frozen=True)
class Source:
    """Where a document came from: the file, its name in messages and its lines."""

    path: Path
    shown: str
    doc: Document


@dataclass(frozen=True)
class Report:
    """A progress report: its file name without ``.yml`` (part of its URL) and its data."""

    name: str
    data: ReportFile
    source: Source


@dataclass(frozen=True)
class Page:
    """A free page: its slug (file name, part of its URL), front matter and Markdown body."""

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
    """One fiscal year folder, as published (drafts left out): its documents, files and
    the catalogues that apply to it."""

    year: int
    analysis: AnalysisFile | None = None
    measures: MeasuresFile | None = None
    reports: tuple[Report, ...] = ()
    pages: tuple[Page, ...] = ()
    files: tuple[Attachment, ...] = ()
    framework: Framework | None = None
    """The catalogue of the assessment the analysis is about (the year before)."""
    oit_framework: Framework | None = None
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
        """The year of the assessment the analysis is about: as written, else the year before."""
        if self.analysis and self.analysis.assessment_year:
            return self.analysis.assessment_year
        return self.year - 1


@dataclass(frozen=True)
class Content:
    """A whole validated content tree: the site, its years in order, the catalogues
    (built-in and overridden), the warnings found while loading."""

    root: Path
    site: SiteFile
    years: tuple[Year, ...]
    frameworks: dict[int, Framework]
    warnings: tuple[Problem, ...] = ()
    files: tuple[Attachment, ...] = ()
    """Site-wide attachments under ``content/files/`` (the logo), published at ``/files/…``."""
    documents: tuple[Source, ...] = ()
    """Every YAML and Markdown file that was read, in reading order (for checks that look
    at every value, such as the links of ``site-builder links``)."""

    def year(self, number: int) -> Year | None:
        """The fiscal year ``number``, if the content has it."""
        return next((y for y in self.years if y.year == number), None)


def published(year: Year) -> Year:
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
