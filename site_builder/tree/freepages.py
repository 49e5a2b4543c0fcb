"""Free pages (``<year>/pages/<slug>.md``) and the Markdown cost of what staff write.

A free page is staff Markdown under YAML front matter.  It is read whole here: the
front matter validated with line numbers as in the file, the body bounded
(:class:`MarkdownCost`) and checked for raw HTML with the sanitiser's own allow-list
(:func:`site_builder.markup.unsafe_html`), so that ``check``, ``build`` and
``generate`` refuse a script at its line instead of publishing it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..errors import Problem
from ..filesystem import shown
from ..format.models import PageMeta
from ..format.validation import validate
from ..format.yamlio import YamlProblem, parse, read_text
from ..markup import LINK_WORK_LIMIT, MAX_HTML_DEPTH, html_depth, link_work, unsafe_html
from . import Page, Source

if TYPE_CHECKING:
    from pathlib import Path

_FRONT_MATTER = re.compile(r"^---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", re.S | re.M)
_NESTED_HTML = (
    f"แท็ก HTML ซ้อนกันลึกเกิน {MAX_HTML_DEPTH} ชั้น หรือเปิดไว้โดยไม่ได้ปิด (เช่น <b> ที่ไม่มี </b>): "
    "ให้ปิดแท็กให้ครบ หรือใช้ Markdown แทน เช่น **ตัวหนา**"
)
_BRACKETS = (
    "มีวงเล็บเหลี่ยม [ ที่ซ้อนกันหรือไม่ได้ปิดมากเกินไป (ลิงก์ใน Markdown เขียนว่า [ข้อความ](ที่อยู่)): "
    "ให้ลบวงเล็บที่เกินออก หรือเขียน \\[ เมื่อต้องการแสดงเครื่องหมาย ["
)


class MarkdownCost:
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


def read_page(path: Path) -> tuple[Page | None, Source | None, list[Problem]]:
    """The free page at ``path`` (None when it has an error), its source once the front
    matter parsed (None before), and every problem found."""
    name = shown(path)
    problems: list[Problem] = []

    def problem(line: int, message: str, *, warning: bool = False) -> None:
        problems.append(Problem(name, line, "", message, warning=warning))

    try:
        text = read_text(path)
    except YamlProblem as exc:
        problem(exc.line, exc.message)
        return None, None, problems
    match = _FRONT_MATTER.match(text)
    if not match:
        problem(
            1,
            "หน้าต้องเริ่มด้วย front matter: บรรทัดแรกเป็น --- ตามด้วย title: ชื่อหน้า แล้วปิดด้วย --- อีกบรรทัด",
        )
        return None, None, problems
    try:
        doc, dups = parse(match.group(1))
    except YamlProblem as exc:
        problem(exc.line + 1, exc.message)
        return None, None, problems
    doc.lines.update({k: v + 1 for k, v in doc.lines.items()})
    for dup in dups:
        problem(dup.line + 1, dup.message)
    source = Source(path, name, doc)
    meta, found = validate(PageMeta, doc, name)
    problems += found
    body = text[match.end() :]
    offset = text[: match.end()].count("\n")
    refused = MarkdownCost().refuse(body)
    if refused is not None:
        problem(offset + refused[0], refused[1])
        return None, source, problems
    for line, what, active in unsafe_html(body):
        if not what:
            problem(offset + line, "ซ้อนแท็ก HTML หรือรายการลึกเกินไป: ให้ลดระดับการซ้อน")
        elif active:
            problem(
                offset + line,
                f"HTML ที่ไม่อนุญาต: {what} (สคริปต์ เฟรม ฟอร์ม ตัวจัดการเหตุการณ์ on… "
                "ลิงก์ javascript: และ id ที่ขึ้นต้นด้วย _ จะไม่ถูกเผยแพร่): ให้ลบออก",
            )
        else:
            problem(
                offset + line,
                f"HTML ที่ไม่รองรับ: {what} จะถูกตัดออกเมื่อเผยแพร่ (ใช้ Markdown แทน เช่น **ตัวหนา**)",
                warning=True,
            )
    if meta is None:
        return None, source, problems
    return Page(path.stem, meta, body, source), source, problems
