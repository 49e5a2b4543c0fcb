"""ITA framework catalogues: indicators, tools, level bands and OIT items per year.

One YAML file per assessment year ships in ``site_builder/frameworks/``; a
content tree may override or extend one in ``content/frameworks/<year>.yml``
(top-level keys replace, OIT items merge by code).
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from typing import Any, Literal

from pydantic import Field

from .models import Model, OitCode

ToolGroup = Literal["IIT", "EIT", "OIT"]


class Tool(Model):
    key: str = Field(description="รหัสเครื่องมือที่ใช้ใน analysis.yml เช่น EIT1")
    name: str = Field(description="ชื่อเต็มของเครื่องมือ")
    short: str = Field(description="ชื่อย่อที่แสดง")


class Indicator(Model):
    no: int = Field(ge=1, description="ตัวชี้วัดที่")
    name: str = Field(description="ชื่อตัวชี้วัด")
    tool: ToolGroup = Field(description="เครื่องมือ IIT, EIT หรือ OIT")


class Band(Model):
    level: str = Field(description="ชื่อระดับ")
    min: float = Field(ge=0, le=100, description="คะแนนภาพรวมขั้นต่ำ")
    tools_min: float | None = Field(None, description="คะแนนขั้นต่ำของทุกเครื่องมือ")


class SubIndicator(Model):
    code: str = Field(description="ตัวชี้วัดย่อย เช่น 9.1")
    name: str = Field(description="ชื่อตัวชี้วัดย่อย")


class OitItem(Model):
    code: OitCode = Field(description="รหัสข้อ เช่น O42")
    name: str = Field(description="ชื่อข้อมูล")
    sub: str = Field(description="ตัวชี้วัดย่อย เช่น 10.2")
    fy: Literal["current", "previous"] | None = Field(
        None, description="ข้อมูลต้องเป็นของปีงบประมาณปัจจุบัน (current) หรือปีที่แล้ว (previous)"
    )
    looks_for: str | None = Field(None, description="สิ่งที่ผู้ประเมินตรวจ")
    confidence: str | None = Field(None, description="ความน่าเชื่อถือของข้อมูล")


class Serves(Model):
    analysis: tuple[OitCode, ...] = ()
    measures: tuple[OitCode, ...] = ()
    reports: tuple[OitCode, ...] = ()


class Framework(Model):
    """The catalogue of one assessment year."""

    year: int = Field(description="ปีที่ประเมิน (พ.ศ.)")
    confidence: str = Field("", description="ความน่าเชื่อถือ")
    sources: tuple[str, ...] = Field((), description="แหล่งที่มา")
    tools: tuple[Tool, ...] = Field(description="เครื่องมือการประเมิน")
    indicators: tuple[Indicator, ...] = Field(description="ตัวชี้วัด")
    levels: tuple[Band, ...] = Field(description="ระดับผลการประเมิน จากสูงไปต่ำ")
    pass_min: float = Field(85, description="คะแนนผ่านเกณฑ์")
    subindicators: tuple[SubIndicator, ...] = ()
    oit: tuple[OitItem, ...] = ()
    serves: Serves = Field(default_factory=Serves)

    def indicator(self, no: int) -> Indicator | None:
        return next((i for i in self.indicators if i.no == no), None)

    def tool(self, key: str) -> Tool | None:
        return next((t for t in self.tools if t.key == key), None)

    def oit_item(self, code: str) -> OitItem | None:
        return next((i for i in self.oit if i.code == code), None)

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


def builtin_years() -> list[int]:
    """The assessment years shipped with the package."""
    folder = resources.files("site_builder") / "frameworks"
    return sorted(int(p.name[:-4]) for p in folder.iterdir() if p.name.endswith(".yml"))


def builtin_data(year: int) -> dict[str, Any] | None:
    """The raw data of a shipped catalogue, or ``None``."""
    from .yamlio import parse

    path = resources.files("site_builder") / "frameworks" / f"{year}.yml"
    if not path.is_file():
        return None
    doc, _ = parse(path.read_text(encoding="utf-8"))
    data: dict[str, Any] = doc.data
    return data


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
