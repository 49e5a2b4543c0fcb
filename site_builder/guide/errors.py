"""The guide's error messages: what the real loader and validator say, never retyped.

The broken documents are files of ``examples/broken/``; ``index.yml`` there lists
them in the order the errors page shows them, each with its heading, the path it is
shown at and its fix. :func:`error_examples` produces their messages while the
guide renders. The few messages that need files on disk (:data:`FILE_MESSAGES`) and
the quoted warning (:data:`WARNING_MESSAGE`) are written here, and the tests check
them against a real ``site-builder check``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Problem
from ..format import schema
from ..format.validation import validate
from ..format.yamlio import YamlProblem, parse
from .examples import EXAMPLE_YEAR, EXAMPLES, FOLDER, kind_of

BROKEN_FOLDER = FOLDER / "broken"
"""The broken documents and their ``index.yml``."""


@dataclass(frozen=True)
class Broken:
    """A small broken document, what it shows about reading a message, and the fix."""

    label: str
    """Thai: the kind of mistake, the example's heading."""
    kind: str
    """A key of :data:`site_builder.format.schema.KINDS`: what the document is validated as."""
    path: str
    """Where it would live inside ``content/`` (``2568/measures.yml``)."""
    text: str
    """The document, exactly as the guide shows it."""
    fix: str
    """Thai, Markdown inline: how to correct it."""

    @property
    def shown(self) -> str:
        """The path as messages name it: ``content/<path>``."""
        return f"content/{self.path}"

    @property
    def numbered(self) -> str:
        """The text with line numbers, as an editor shows it."""
        lines = self.text.rstrip("\n").split("\n")
        width = len(str(len(lines)))
        return "\n".join(f"{i:>{width}} │ {line}" for i, line in enumerate(lines, 1))


def _read() -> tuple[Broken, ...]:
    index, _ = parse((BROKEN_FOLDER / "index.yml").read_text(encoding="utf-8"))
    found = []
    for entry in index.data:
        path = f"{EXAMPLE_YEAR}/{entry['as']}"
        text = (BROKEN_FOLDER / entry["file"]).read_text(encoding="utf-8")
        found.append(Broken(entry["label"], kind_of(path), path, text, entry["fix"]))
    return tuple(found)


BROKEN: tuple[Broken, ...] = _read()
"""The broken documents of the errors page, in the order it shows them."""

_REPORT = EXAMPLES["6-month"]
_SCAN = "files/รายงานผล รอบ 6 เดือน.pdf"

FILE_MESSAGES: dict[str, str] = {
    "missing": (
        f"{_REPORT.shown}:15: results[0].evidence[1].file: "
        f"ไม่พบไฟล์ '{_SCAN}' ให้ตรวจชื่อไฟล์ (ตัวพิมพ์เล็ก-ใหญ่และนามสกุล)"
        f" หรืออัปโหลดไฟล์ไว้ที่ content/{EXAMPLE_YEAR}/{_SCAN}"
    ),
    "too_big": (
        f"content/{EXAMPLE_YEAR}/{_SCAN}: ไฟล์ใหญ่เกินไป (23.5 MB เกินกำหนด 20.0 MB):"
        " ให้ลดขนาดไฟล์ เช่น สแกนที่ 150 dpi ขาวดำ หรือแบ่งเป็นหลายไฟล์"
    ),
}
"""Messages about the attachment of the 6-month report example: without the file,
and with a 23.5 MB one. They need files on disk, so they are not produced while
rendering; the tests produce them with ``site-builder check`` and compare."""

WARNING_MESSAGE = (
    "content/2569/analysis.yml:1: overall.level: คำเตือน: ระดับ 'ผ่านดี' ไม่ตรงกับคะแนน 97.73"
    " ตามเกณฑ์ปี 2568 ซึ่งได้ระดับ 'ผ่านดีเยี่ยม'"
)
"""A warning, verbatim from ``tests/cases/clean-with-warning.yml`` (a test keeps them equal)."""


def check_text(kind: str, shown: str, text: str) -> list[Problem]:
    """What ``site-builder check`` says about one document of ``kind`` on its own, named
    ``shown`` in the messages: YAML and validation problems, sorted; no cross-file
    rules, no attachments."""
    try:
        doc, dups = parse(text)
    except YamlProblem as exc:
        return [Problem(shown, exc.line, "", exc.message)]
    problems = [Problem(shown, d.line, "", d.message) for d in dups]
    _, found = validate(schema.KINDS[kind], doc, shown)
    return sorted(problems + found)


def error_examples() -> list[tuple[Broken, list[Problem]]]:
    """Each broken document of :data:`BROKEN`, in order, with what the real loader and
    validator say about it (:func:`check_text`)."""
    return [(b, check_text(b.kind, b.shown, b.text)) for b in BROKEN]
