"""ITA framework catalogues: indicators, tools, level bands and OIT items per year.

One YAML file per assessment year ships in ``site_builder/format/frameworks/``; a
content tree may override or extend one in ``content/frameworks/<year>.yml``
(top-level keys replace, OIT items merge by code).

Each catalogue says how far it can be trusted twice: for developers, in
``confidence`` and ``sources`` (of the catalogue, of each band, sub-indicator and
item: English, with the evidence tags of ``ITA_FRAMEWORKS.md``), and for the
public, in :meth:`Framework.public_sentence` (one Thai sentence built from
``provisional``, ``checked`` and ``public_note``).  :func:`catalogue_warnings`
tells staff, in Thai, which year's catalogue is provisional or thin and which
file of theirs can override it.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from ..thai import format_date, to_thai
from .models import Model
from .scalars import Date, OitCode, Text
from .validation import validate
from .yamlio import Document, parse

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from collections.abc import Set as AbstractSet

    from ..errors import Problem

ToolGroup = Literal["IIT", "EIT", "OIT"]


class Tool(Model):
    """An assessment tool (IIT, EIT, OIT) and its weight."""

    key: str = Field(description="รหัสเครื่องมือที่ใช้ใน analysis.yml เช่น EIT1")
    name: str = Field(description="ชื่อเต็มของเครื่องมือ")
    short: str = Field(description="ชื่อย่อที่แสดง")


class Indicator(Model):
    """One of the ten indicators: its number, name and tool."""

    no: int = Field(ge=1, description="ตัวชี้วัดที่")
    name: str = Field(description="ชื่อตัวชี้วัด")
    tool: ToolGroup = Field(description="เครื่องมือ IIT, EIT หรือ OIT")


class Band(Model):
    """A level and the score range that earns it."""

    level: str = Field(description="ชื่อระดับ")
    min: float = Field(ge=0, le=100, description="คะแนนภาพรวมขั้นต่ำ")
    tools_min: float | None = Field(None, description="คะแนนขั้นต่ำของทุกเครื่องมือ")
    confidence: str | None = Field(
        None, description="ความน่าเชื่อถือของเกณฑ์ระดับนี้ (สำหรับผู้พัฒนา ไม่แสดงต่อสาธารณะ)"
    )


class SubIndicator(Model):
    """A sub-indicator of the OIT tool, which groups its items."""

    code: str = Field(description="ตัวชี้วัดย่อย เช่น 9.1")
    name: str = Field(description="ชื่อตัวชี้วัดย่อย")
    confidence: str | None = Field(
        None, description="ความน่าเชื่อถือของชื่อและขอบเขตตัวชี้วัดย่อย (สำหรับผู้พัฒนา)"
    )


class OitItem(Model):
    """One OIT item of a year's catalogue: code, name, what assessors look for, which year."""

    code: OitCode = Field(description="รหัสข้อ เช่น O42")
    name: str = Field(description="ชื่อข้อมูล")
    sub: str = Field(description="ตัวชี้วัดย่อย เช่น 10.2")
    fy: Literal["current", "previous"] | None = Field(
        None, description="ข้อมูลต้องเป็นของปีงบประมาณปัจจุบัน (current) หรือปีที่แล้ว (previous)"
    )
    looks_for: str | None = Field(None, description="สิ่งที่ผู้ประเมินตรวจ")
    confidence: str | None = Field(
        None, description="ความน่าเชื่อถือของข้อมูล (สำหรับผู้พัฒนา ไม่แสดงต่อสาธารณะ)"
    )
    sources: tuple[str, ...] = Field((), description="แหล่งที่มาของข้อนี้ (สำหรับผู้พัฒนา ไม่แสดงต่อสาธารณะ)")


class Serves(Model):
    """Which generated page serves which item of the catalogue."""

    analysis: tuple[OitCode, ...] = Field(default=(), description="ข้อ OIT ที่หน้าการวิเคราะห์ผลตอบ")
    measures: tuple[OitCode, ...] = Field(default=(), description="ข้อ OIT ที่หน้ามาตรการตอบ")
    reports: tuple[OitCode, ...] = Field(default=(), description="ข้อ OIT ที่รายงานผลการดำเนินการตอบ")

    @property
    def empty(self) -> bool:
        """No generated page serves any item."""
        return not (self.analysis or self.measures or self.reports)


class Framework(Model):
    """The catalogue of one assessment year."""

    year: int = Field(description="ปีที่ประเมิน (พ.ศ.)")
    confidence: str = Field("", description="ความน่าเชื่อถือ (สำหรับผู้พัฒนา ไม่แสดงต่อสาธารณะ)")
    sources: tuple[str, ...] = Field((), description="แหล่งที่มา (สำหรับผู้พัฒนา ไม่แสดงต่อสาธารณะ)")
    provisional: bool = Field(
        False,
        description="รายการชั่วคราว: ยังไม่ได้ตรวจกับคู่มือการประเมิน ITA ของปีนี้ "
        "(เช่น คัดลอกรายการของปีก่อนมาใช้ไปก่อน) เมื่อตรวจแล้วให้ใส่ false",
    )
    based_on: int | None = Field(
        None, description="ปีที่ประเมินที่คัดลอกรายการมาใช้ชั่วคราว (เมื่อ provisional: true)"
    )
    checked: Date | None = Field(
        None,
        description="วันที่ตรวจรายการนี้ครั้งล่าสุด เช่น 2569-12-01 "
        "(เมื่อแก้รายการเองใน content/frameworks ให้ใส่วันที่ที่ตรวจเอง)",
    )
    public_note: Text | None = Field(
        None,
        description="ประโยคภาษาไทยหนึ่งประโยคสำหรับประชาชน ที่บอกว่ารายการข้อ OIT นี้มาจากไหน "
        "(ไม่ต้องใส่วันที่: วันที่มาจาก checked) ถ้าไม่ใส่ ระบบเขียนให้เอง",
    )
    oit_count: int | None = Field(
        None, ge=1, description="จำนวนข้อ OIT ทั้งหมดของปีตามคู่มือการประเมิน (ถ้าทราบ)"
    )
    tools: tuple[Tool, ...] = Field(description="เครื่องมือการประเมิน")
    indicators: tuple[Indicator, ...] = Field(description="ตัวชี้วัด")
    levels: tuple[Band, ...] = Field(description="ระดับผลการประเมิน จากสูงไปต่ำ")
    pass_min: float = Field(85, description="คะแนนผ่านเกณฑ์")
    subindicators: tuple[SubIndicator, ...] = ()
    oit: tuple[OitItem, ...] = ()
    serves: Serves = Field(default_factory=Serves)

    def indicator(self, no: int) -> Indicator | None:
        """Indicator ``no``, if the catalogue has it."""
        return next((i for i in self.indicators if i.no == no), None)

    def tool(self, key: str) -> Tool | None:
        """The tool ``key`` (``IIT``), if the catalogue has it."""
        return next((t for t in self.tools if t.key == key), None)

    def oit_item(self, code: str) -> OitItem | None:
        """The OIT item ``code`` (``O12``), if the catalogue has it."""
        return next((i for i in self.oit if i.code == code), None)

    @property
    def expected_count(self) -> int:
        """How many items the year has as far as is known: ``oit_count``, or at least
        the highest code number of the list (O1-O26 means 26 items, gaps or not)."""
        highest = max((code_number(i.code) for i in self.oit), default=0)
        return max(self.oit_count or 0, highest)

    @property
    def missing_codes(self) -> tuple[str, ...]:
        """The codes up to :attr:`expected_count` that the list does not hold."""
        have = {i.code for i in self.oit}
        return tuple(f"O{n}" for n in range(1, self.expected_count + 1) if f"O{n}" not in have)

    @property
    def complete(self) -> bool:
        """Every item of the year is listed, as far as is known."""
        return bool(self.oit) and not self.missing_codes

    def public_sentence(self, thai_digits: bool = False) -> str:
        """One short Thai sentence for the public OIT page: where the item list comes
        from and when it was last checked.  Never developer notes, English or sources:
        those stay in ``confidence``/``sources`` and in ``site-builder oit``."""
        if self.public_note:
            text = " ".join(self.public_note.split()).rstrip(".")
        elif self.provisional:
            text = f"รายการข้อ OIT ของการประเมินปี พ.ศ. {self.year} เป็นรายการชั่วคราว"
            if self.based_on:
                text += f" ใช้รายการของปี พ.ศ. {self.based_on} ไปก่อน"
            text += f" จนกว่าจะตรวจสอบกับคู่มือการประเมิน ITA ปี พ.ศ. {self.year} ของสำนักงาน ป.ป.ช. ได้"
        else:
            text = (
                "รายการข้อ OIT ตามเกณฑ์การประเมิน ITA ของสำนักงาน ป.ป.ช. เท่าที่ตรวจสอบได้จากเอกสารที่เผยแพร่"
            )
            if not self.complete:
                text += " ซึ่งยังไม่ครบทุกข้อ"
        if thai_digits:
            text = _digits_to_thai(text)
        if self.checked:
            text += f" ตรวจสอบล่าสุดเมื่อ {format_date(self.checked, thai_digits=thai_digits)}"
        return text

    def level_for(self, overall: float, tools: Mapping[str, float]) -> str | None:
        """The level of an overall score, checking each tool where a band asks.

        Bands are tried from the highest; a band with ``tools_min`` also needs
        every given tool score at or above it.
        """
        for band in self.levels:
            if overall < band.min:
                continue
            if band.tools_min is not None and any(s < band.tools_min for s in tools.values()):
                continue
            return band.level
        return None


def code_number(code: str) -> int:
    """The number of an item code: 26 for O26."""
    match = re.search(r"\d+", code)
    return int(match.group()) if match else 0


_CODE_OR_DIGITS = re.compile(r"[A-Za-z]+\d+|\d+")


def _digits_to_thai(text: str) -> str:
    """Thai digits in a sentence, except inside item codes such as O26."""
    return _CODE_OR_DIGITS.sub(
        lambda m: m.group() if m.group()[0].isalpha() else to_thai(m.group()), text
    )


def _ranges(codes: Iterable[str]) -> str:
    """``O5–O9, O11`` for O5, O6, O7, O8, O9, O11."""
    runs: list[list[int]] = []
    for n in sorted(code_number(c) for c in codes):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(f"O{a}" if a == b else f"O{a}–O{b}" for a, b in runs)


def catalogue_warnings(
    frameworks: Mapping[int, Framework],
    used_years: Iterable[int],
    overrides: AbstractSet[int],
    *,
    oit_years: Iterable[int] | None = None,
    content_dir: str = "content",
) -> list[tuple[int, str]]:
    """Thai warnings for staff about the catalogues the content uses, by year.

    ``used_years``: the assessment and fiscal years whose catalogue the content
    uses; ``overrides``: the years that have ``<content_dir>/frameworks/<year>.yml``.
    A catalogue is *provisional* when it says so, and *thin* when it has no items,
    fewer items than the year is known to have (``oit_count``, or gaps below its
    highest code), or no item served by the generated pages (``serves`` empty);
    a year with no catalogue at all is thin too.  The thin check applies to
    ``oit_years`` only when given (the years whose OIT page is built), else to
    every used year.  Each message names the file that overrides the year.
    """
    years = sorted(set(used_years))
    thin_years = set(years) if oit_years is None else set(oit_years)
    found: list[tuple[int, str]] = []
    for year in years:
        path = f"{content_dir}/frameworks/{year}.yml"
        cat = frameworks.get(year)
        if cat is None:
            if year in thin_years:
                found.append(
                    (
                        year,
                        f"ไม่มีรายการข้อ OIT ของการประเมินปี {year} ในระบบ: เพิ่มรายการได้ที่ {path}",
                    )
                )
            continue
        if cat.provisional:
            source = f" (คัดลอกจากรายการปี {cat.based_on})" if cat.based_on else ""
            if year in overrides:
                found.append(
                    (
                        year,
                        f"รายการข้อ OIT ของการประเมินปี {year} ตาม {path} ยังเป็นรายการชั่วคราว"
                        f"{source} ที่ยังไม่ได้ตรวจกับคู่มือการประเมิน ITA ปี {year} "
                        "ของสำนักงาน ป.ป.ช.: เมื่อตรวจแล้ว ใส่ provisional: false ในไฟล์นั้น",
                    )
                )
            else:
                found.append(
                    (
                        year,
                        f"รายการข้อ OIT ของการประเมินปี {year} ที่มากับโปรแกรมเป็นรายการชั่วคราว"
                        f"{source} ที่ยังไม่ได้ตรวจกับคู่มือการประเมิน ITA ปี {year} "
                        f"ของสำนักงาน ป.ป.ช.: แก้หรือเพิ่มรายการให้ตรงกับคู่มือได้ที่ {path} "
                        "แล้วใส่ provisional: false",
                    )
                )
        if year not in thin_years:
            continue
        reasons = []
        if not cat.oit:
            reasons.append("ไม่มีข้อ OIT เลย")
        elif cat.missing_codes:
            known = "" if cat.oit_count == cat.expected_count else "อย่างน้อย"
            reasons.append(
                f"มี {len(cat.oit)} ข้อ จาก{known} {cat.expected_count} ข้อ "
                f"(ยังไม่มี {_ranges(cat.missing_codes)})"
            )
        if cat.serves.empty:
            reasons.append(
                "ยังไม่ได้ระบุว่าหน้าการวิเคราะห์ผล หน้ามาตรการ และรายงานผลการดำเนินการ "
                "ตอบข้อ OIT ข้อใด (serves)"
            )
        if not reasons:
            continue
        where = (
            f"รายการข้อ OIT ของการประเมินปี {year} (รวมที่เพิ่มใน {path}) ยังไม่ครบ"
            if year in overrides
            else f"รายการข้อ OIT ของการประเมินปี {year} ที่มากับโปรแกรมยังไม่ครบ"
        )
        found.append((year, f"{where}: {' และ'.join(reasons)}: เพิ่มหรือแก้รายการได้ที่ {path}"))
    return found


@functools.cache
def builtin_years() -> tuple[int, ...]:
    """The assessment years shipped with the package."""
    folder = resources.files("site_builder.format") / "frameworks"
    return tuple(sorted(int(p.name[:-4]) for p in folder.iterdir() if p.name.endswith(".yml")))


@functools.cache
def builtin_data(year: int) -> Mapping[str, Any] | None:
    """The raw data of a shipped catalogue, or ``None``; parsed once per process
    (``serve`` rebuilds many times).  Shared: never modify it (:func:`merge` does not)."""
    path = resources.files("site_builder.format") / "frameworks" / f"{year}.yml"
    if not path.is_file():
        return None
    doc, _ = parse(path.read_text(encoding="utf-8"))
    data: Mapping[str, Any] = doc.data
    return data


@functools.cache
def _builtins() -> dict[int, Framework]:
    return {year: Framework.model_validate(builtin_data(year)) for year in builtin_years()}


def catalogues(
    overrides: Iterable[tuple[int, Document, str]],
) -> tuple[dict[int, Framework], list[Problem]]:
    """The catalogues of a content tree: the shipped ones, each override (its year, its
    document, its name in messages) merged onto the shipped catalogue of its year or,
    for a year the package does not ship, of the latest earlier one; and the problems
    of the overrides that did not validate (the shipped catalogue stays for them)."""
    result = dict(_builtins())
    problems: list[Problem] = []
    for year, doc, shown in overrides:
        earlier = [y for y in builtin_years() if y <= year]
        base = builtin_data(max(earlier)) if earlier else None
        merged = merge(base, {"year": year, **doc.data})
        instance, found = validate(Framework, Document(merged, doc.lines), shown)
        problems += found
        if instance is not None:
            result[year] = instance
    return result, problems


def nearest(frameworks: Mapping[int, Framework], year: int) -> Framework | None:
    """The catalogue of ``year``, else of the closest year (the later one on a tie)."""
    if not frameworks:
        return None
    return frameworks[min(frameworks, key=lambda y: (abs(y - year), -y))]


def merge(base: Mapping[str, Any] | None, override: Mapping[str, Any]) -> dict[str, Any]:
    """A local override on top of a catalogue: keys replace, OIT items merge by code."""
    result = dict(base or {})
    for key, value in override.items():
        if key == "oit" and isinstance(value, list) and isinstance(result.get("oit"), list):
            items = {str(i.get("code", "")).upper(): i for i in result["oit"]}
            for item in value:
                code = str(item.get("code", "")).upper() if isinstance(item, dict) else ""
                if code in items:
                    items[code] = {**items[code], **item}
                else:
                    items[code] = item
            result["oit"] = list(items.values())
        else:
            result[key] = value
    return result
