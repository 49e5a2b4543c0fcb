"""A report's results from the gathered measures, each tied to a measure of the year.

A result must name a measure of the year's ``measures.yml``: each gathered measure is
matched to one by its title as written (spaces ignored), then by the number written
before it, then by the closest title, then by its place when the counts agree.  What
matches nothing is kept in a comment, never written as a result ``check`` would refuse.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from pydantic import TypeAdapter, ValidationError

from ..format.scalars import Url
from .built import LIST_KEYS
from .columns import LABELS
from .measures import Counts, Part, extras, title_of
from .text import is_status_only, squash, status, urls, without_urls

if TYPE_CHECKING:
    from ..format.models import Measure
    from .built import Built, Grouping

_URL = TypeAdapter(Url)
RESULT_FIELDS = ("actions", "outcomes", "problems", "suggestions", "notes")
_MEASURE_FIELDS = ("issue", "goal", "projects", "requirements", "steps", "period", "monitoring")


def everything(built: Built) -> list[tuple[str, str]]:
    """Every text gathered with a measure, with what it was read as."""
    out = [(LABELS["title"], t) for t in built.title]
    out += [(LABELS[k], v) for k in LIST_KEYS for v in built.fields[k]]
    out += [(LABELS["responsible"], " ".join(p.as_dict().values())) for p in built.responsible]
    out += [(LABELS["evidence"], u) for u in built.links]
    out += [(f"คอลัมน์ '{' '.join(h.split())}'", t) for h, t in built.extras]
    return out


def match(groups: list[Built], measures: tuple[Measure, ...]) -> list[Measure | None]:
    """The measure of the year each gathered one reports on (None when none fits)."""
    found: list[Measure | None] = [None] * len(groups)
    taken: set[int] = set()
    by_title = {squash(m.title): m for m in measures}
    by_no = {m.no: m for m in measures}

    def take(i: int, m: Measure | None) -> None:
        if m is not None and m.no not in taken and found[i] is None:
            found[i] = m
            taken.add(m.no)

    for i, g in enumerate(groups):
        take(i, by_title.get(squash(title_of(g)[0])))
    for i, g in enumerate(groups):
        if g.written_no is not None:
            take(i, by_no.get(g.written_no))
    for i, g in enumerate(groups):
        if found[i] is None:
            left = [m for m in measures if m.no not in taken]
            scored = [
                (difflib.SequenceMatcher(None, squash(title_of(g)[0]), squash(m.title)).ratio(), m)
                for m in left
            ]
            best = max(scored, key=lambda s: s[0], default=None)
            if best is not None and best[0] >= 0.6:
                take(i, best[1])
    if len(groups) == len(measures):
        for i, m in enumerate(measures):
            take(i, m)
    return found


def _evidence(built: Built, counts: Counts, part: Part) -> list[dict[str, str]]:
    """The result's evidence: every hyperlink of its result cells and every address
    written in them; the words of the evidence column name the address they go with,
    and when they have none they are kept as a comment."""
    written = [
        u
        for key in ("evidence", "actions", "status", "notes")
        for v in built.fields[key]
        for u in urls(v)
    ]
    every = list(dict.fromkeys([*built.links, *written]))
    titled: dict[str, str] = {}
    loose: list[str] = []
    for value in built.fields["evidence"]:
        found, words = urls(value), without_urls(value)
        if found and words:
            titled.setdefault(found[0], words)
        elif words:
            loose.append(words)
    if len(every) == 1 and loose and every[0] not in titled:
        titled[every[0]] = " ".join(loose)  # the words of the cell name its one address
        loose = []
    for words in loose:
        part.comments.append(f"{LABELS['evidence']} (ไม่มีที่อยู่เว็บหรือไฟล์): {words}")
        counts.kept.append(f"ผลของมาตรการที่ {part.data['measure']} {LABELS['evidence']}: {words}")
    out: list[dict[str, str]] = []
    for url in every:
        try:
            entry = {"url": _URL.validate_python(url)}
        except ValidationError:
            part.comments.append(f"{LABELS['evidence']} (ที่อยู่เว็บใช้ไม่ได้): {url}")
            counts.kept.append(f"{LABELS['evidence']} ที่ใช้ไม่ได้: {url}")
            continue
        out.append({"title": titled[url], **entry} if url in titled else entry)
    counts.add("evidence", len(out))
    return out


def result_part(built: Built, measure: Measure, counts: Counts) -> Part:
    """One result: the measure it reports on, its status, actions, outcomes, problems,
    suggestions and evidence; the measure's columns not already in measures.yml as
    comments."""
    part = Part({"measure": measure.no})
    title, note = title_of(built)
    if note is None and squash(title) != squash(measure.title):
        part.data["measure_text"] = title
        counts.add("measure_text")
    stated = [s for s in (status(v) for v in built.fields["status"]) if s]
    stated = stated or [s for s in (status(v) for v in built.fields["actions"]) if s]
    if stated:
        part.data["status"] = stated[0]
        counts.add("status")
    # A status column that says more than the status ("ดำเนินการแล้ว ร้อยละ 80") keeps it as a note.
    said = [v for v in built.fields["status"] if not is_status_only(v)]
    for key in RESULT_FIELDS:
        values = [without_urls(v) for v in built.fields[key] + (said if key == "notes" else [])]
        values = [v for v in values if v]
        if values:
            part.data[key] = values
            counts.add(key, len(values))
    evidence = _evidence(built, counts, part)
    if evidence:
        part.data["evidence"] = evidence
    known = {
        squash(v) for key in _MEASURE_FIELDS for v in getattr(measure, key) if isinstance(v, str)
    } | {squash(p) for r in measure.responsible for p in (r.unit, r.person, r.position) if p}
    for key in _MEASURE_FIELDS:
        for value in built.fields[key]:
            if squash(value) not in known:
                part.comments.append(f"{LABELS[key]} (อยู่ในมาตรการ ไม่ใช่รายงาน): {value}")
    for person in built.responsible:
        shown = " ".join(v for v in person.as_dict().values())
        if not all(squash(v) in known for v in person.as_dict().values()):
            part.comments.append(f"{LABELS['responsible']} (อยู่ในมาตรการ ไม่ใช่รายงาน): {shown}")
    extras(built, f"ผลของมาตรการที่ {measure.no}", part, counts)
    return part


def build(
    grouping: Grouping, measures: tuple[Measure, ...], counts: Counts
) -> tuple[list[Part], list[str]]:
    """The results, in the measures' order, and comment lines for what matched no
    measure of the year."""
    parts: list[tuple[int, Part]] = []
    lost: list[str] = []
    for built, measure in zip(grouping.measures, match(grouping.measures, measures), strict=True):
        if measure is None:
            head = (
                f"ผลของมาตรการ '{title_of(built)[0]}' (ตาราง {built.table} แถว {built.row}): "
                "ไม่พบมาตรการนี้ใน measures.yml ของปีนี้"
            )
            lost.append(head)
            lost += [f"  {label}: {value}" for label, value in everything(built)]
            counts.review.append(head)
            continue
        parts.append((measure.no, result_part(built, measure, counts)))
        counts.add("results")
    parts.sort(key=lambda p: p[0])
    return [p for _, p in parts], lost
