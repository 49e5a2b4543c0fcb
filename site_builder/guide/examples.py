"""The example content the staff guide shows: a real content tree in the package.

``examples/content/`` is a complete content tree, ``site.yml`` and one fiscal year
(the folder's name is :data:`EXAMPLE_YEAR`), laid out as staff lay out theirs: a
file's path under ``examples/`` is the path the guide shows (``content/2568/...``).
The guide shows each file's text as it is; the tests load and build the same tree
with the real loader, so no example can stop being valid content unnoticed.

The stand-in PDFs under ``<year>/files/`` are there for those tests, so that every
file an example links exists; the package ships only the texts (``*.yml``, ``*.md``),
which are all the guide reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .. import newyear
from ..format import schema
from ..format.models import MeasuresFile
from ..format.validation import validate
from ..format.yamlio import parse

FOLDER = Path(__file__).resolve().parent / "examples"
"""The example documents: ``content/`` (the tree) and ``broken/`` (the errors page's)."""

CONTENT = FOLDER / "content"
"""The example content tree, loadable with :func:`site_builder.tree.loader.load`."""

_SUFFIXES = (".yml", ".md")
_FOLDER_KINDS = {"reports": "report", "pages": "page"}


@dataclass(frozen=True)
class Example:
    """A whole content file shown in the guide: its kind, place and text."""

    kind: str
    """A key of :data:`site_builder.format.schema.KINDS`."""
    path: str
    """Where it lives inside ``content/`` (``2568/measures.yml``)."""
    text: str
    """The file's text, exactly as the guide shows it."""

    @property
    def shown(self) -> str:
        """The path as staff see it and messages name it: ``content/<path>``."""
        return f"content/{self.path}"


def kind_of(path: str) -> str:
    """The document kind (a key of :data:`site_builder.format.schema.KINDS`) of the file at
    ``path`` inside a content tree: ``site.yml``, ``<year>/<kind>.yml``,
    ``<year>/reports/<round>.yml`` or ``<year>/pages/<slug>.md``.

    Raises ``ValueError`` for a path that holds no document of a known kind.
    """
    parts = PurePosixPath(path).parts
    kind = ""
    if parts == ("site.yml",):
        kind = "site"
    elif len(parts) == 2 and parts[1].endswith(".yml"):
        kind = parts[1].removesuffix(".yml")
    elif len(parts) == 3:
        kind = _FOLDER_KINDS.get(parts[1], "")
    if kind not in schema.KINDS or (kind == "site" and parts != ("site.yml",)):
        raise ValueError(f"no document kind for {path!r}")
    return kind


def _year() -> int:
    (year,) = (p.name for p in CONTENT.iterdir() if p.is_dir() and p.name.isdigit())
    return int(year)


def _read() -> dict[str, Example]:
    found = sorted(
        p.relative_to(CONTENT).as_posix()
        for p in CONTENT.rglob("*")
        if p.is_file() and p.suffix in _SUFFIXES
    )
    # site.yml first, as a reader meets it; then the year's files by path.
    found.sort(key=lambda path: path != "site.yml")
    read: dict[str, Example] = {}
    for path in found:
        name = PurePosixPath(path).stem
        if name in read:
            raise ValueError(f"two examples named {name!r}: {read[name].path} and {path}")
        read[name] = Example(kind_of(path), path, (CONTENT / path).read_text(encoding="utf-8"))
    return read


EXAMPLE_YEAR = _year()
"""The fiscal year every example is written for: the name of the tree's year folder."""

EXAMPLES: dict[str, Example] = _read()
"""Every file of the example tree, by its name without the suffix (``site``,
``measures``, ``6-month``, ``no-gift``...): ``site.yml`` first, then by path."""


def skeleton_report() -> Example:
    """What ``site-builder new-year`` writes as the 6-month report of the example year,
    for the example's measures (:func:`site_builder.newyear.report_skeleton`)."""
    measures = EXAMPLES["measures"]
    doc, _ = parse(measures.text)
    model, problems = validate(MeasuresFile, doc, measures.shown)
    if model is None:
        raise ValueError(f"the example {measures.shown} is not valid: {problems}")
    numbers = [m.no for m in model.measures]
    text = newyear.report_skeleton("6-month", numbers, EXAMPLE_YEAR)
    return Example("report", f"{EXAMPLE_YEAR}/reports/6-month.yml", text)


def examples() -> list[Example]:
    """Every example the guide shows: the example tree's files, then the skeleton
    report (the tests check each of them with the real loader)."""
    return [*EXAMPLES.values(), skeleton_report()]
