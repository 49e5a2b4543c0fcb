"""The content format v1: one frozen pydantic model per document kind.

Field descriptions are Thai: they are shown to staff in error messages (as the
example of a right value) and become the JSON Schema their editors use.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    ConfigDict,
    Field,
    model_validator,
)

from .base import Model as Model
from .scalars import (
    ONE_OR_MANY,
    Date,
    Number,
    OitCode,
    Round,
    Score,
    Status,
    Text,
    TextList,
    Url,
    Year,
)

# site.yml's models are in .site; imported here too, with the rest of the format.
from .site import Display as Display
from .site import EditorSettings as EditorSettings
from .site import Organization as Organization
from .site import SiteFile as SiteFile

# --- memo (บันทึกข้อความ) --------------------------------------------------------


class Signature(Model):
    """Who signed a memo: name and position."""

    heading: str | None = Field(None, description="หัวข้อ เช่น ความเห็นปลัดเทศบาล")
    name: str | None = Field(None, description="ชื่อผู้ลงนาม", examples=["นางสาวอรุณี กะนอง"])
    position: str | None = Field(None, description="ตำแหน่ง", examples=["หัวหน้าสำนักปลัด"])
    comment: str | None = Field(None, description="ความเห็น")
    date: Date | None = Field(None, description="วันที่ลงนาม", examples=["2566-11-22"])


class Memo(Model):
    """The internal memo (บันทึกข้อความ) that approved a document, with its scan."""

    unit: Text = Field(description="ส่วนราชการ", examples=["สำนักปลัด เทศบาลตำบลต้นไทร"])
    phone: str | None = Field(None, description="โทรศัพท์", examples=["0-7356-3170 ต่อ 101"])
    ref: str | None = Field(None, description="ที่ (เลขที่หนังสือ)", examples=["นธ 6901/-"])
    date: Date | None = Field(None, description="วันที่", examples=["2566-11-22"])
    subject: Text = Field(description="เรื่อง")
    to: str | None = Field(None, description="เรียน", examples=["นายกเทศมนตรีตำบลต้นไทร"])
    body: str | None = Field(None, description="เนื้อความ (Markdown)")
    signatures: tuple[Signature, ...] = Field((), description="ผู้ลงนามและความเห็น")
    scan: str | None = Field(None, description="ไฟล์สแกนที่ลงนามแล้ว", examples=["files/memo.pdf"])


# --- analysis.yml ----------------------------------------------------------------


class Overall(Model):
    """The overall result of an assessment: a score, a level, or both."""

    score: Score | None = Field(None, description="คะแนนภาพรวม 0–100", examples=["97.73"])
    level: str | None = Field(None, description="ระดับผลการประเมิน", examples=["ผ่านดีเยี่ยม"])

    @model_validator(mode="after")
    def _score_or_level(self) -> Overall:
        if self.score is None and not self.level:
            raise ValueError(
                "ต้องระบุคะแนน (score) หรือระดับ (level) อย่างน้อยหนึ่งอย่าง เช่น {score: 92.45}"
            )
        return self


class IndicatorScore(Model):
    """One indicator's score in the analysis, with its analysis text."""

    no: Number = Field(description="ตัวชี้วัดที่ 1–10", examples=["1"])
    score: Score | None = Field(None, description="คะแนน 0–100", examples=["99.11"])
    analysis: str | None = Field(None, description="ผลการวิเคราะห์ (Markdown)")


class AnalysisFile(Model):
    """``<year>/analysis.yml``: the analysis of the previous year's ITA results."""

    title: str | None = Field(None, description="ชื่อเอกสาร")
    assessment_year: Year | None = Field(
        None, description="ปีที่ประเมิน ITA (พ.ศ.) ค่าเริ่มต้นคือปีงบประมาณของโฟลเดอร์ลบหนึ่ง"
    )
    announced: Date | None = Field(None, description="วันที่ประกาศผล", examples=["2565-08-15"])
    intro: str | None = Field(None, description="หลักการและเหตุผล (Markdown)")
    overall: Overall | None = Field(None, description="ผลคะแนนภาพรวม")
    tools: dict[str, Score] = Field(
        default_factory=dict,
        description="คะแนนรายเครื่องมือ",
        examples=[{"IIT": "99.50", "EIT1": "99.89", "EIT2": "99.33", "OIT": "95.00"}],
    )
    threshold: Score = Field(90, description="เกณฑ์: คะแนนต่ำกว่านี้เป็นข้อบกพร่อง/จุดอ่อน")
    indicators: tuple[IndicatorScore, ...] = Field((), description="คะแนนรายตัวชี้วัด")
    summary: str | None = Field(None, description="สรุป (Markdown)")
    memo: Memo | None = Field(None, description="บันทึกข้อความ")
    tool_findings: dict[str, str] = Field(
        default_factory=dict,
        description="ผลการวิเคราะห์รายเครื่องมือ เมื่อเอกสารวิเคราะห์ทั้งเครื่องมือแทนรายตัวชี้วัด (Markdown)",
        examples=[{"IIT": "บุคลากรรับรู้…", "EIT": "ผู้รับบริการ…", "OIT": "เปิดเผยข้อมูลครบ…"}],
    )
    split: bool = Field(
        True,
        description="แสดงการแบ่งจุดแข็ง/ข้อบกพร่องตามเกณฑ์ที่ระบบคำนวณให้ (false เมื่อใช้หัวข้อของหน่วยงานเอง)",
    )
    sections: tuple[Section, ...] = Field((), description="หัวข้อของเอกสารตามที่หน่วยงานเขียน")
    document: Documents = Field((), description="เอกสารฉบับที่ลงนามและเผยแพร่ (ไฟล์หรือลิงก์)")
    published: Date | None = Field(None, description="วันที่เผยแพร่", examples=["2568-10-20"])
    draft: Draft = False


# --- measures.yml ----------------------------------------------------------------


class Responsible(Model):
    """Who carries a measure out: a unit, a person and position (or one text: the unit)."""

    accepts_text = True  # "สำนักปลัด" is {unit: สำนักปลัด}
    unit: str | None = Field(None, description="หน่วยงานที่รับผิดชอบ", examples=["สำนักปลัด"])
    person: str | None = Field(None, description="ชื่อผู้รับผิดชอบ", examples=["นางสาวยุภาวดี คำมี"])
    position: str | None = Field(None, description="ตำแหน่ง")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"unit": value}
        return value

    @model_validator(mode="after")
    def _needs_someone(self) -> Responsible:
        if not (self.unit or self.person):
            raise ValueError("ต้องระบุหน่วยงาน (unit) หรือผู้รับผิดชอบ (person) อย่างน้อยหนึ่งอย่าง")
        return self


class Measure(Model):
    """One integrity measure: what is done, for which indicators, by whom, when."""

    no: Number = Field(description="มาตรการที่ (ไม่ซ้ำกันในปีเดียวกัน)", examples=["1"])
    title: Text = Field(description="มาตรการ")
    indicators: Annotated[tuple[Number, ...], ONE_OR_MANY] = Field(
        min_length=1, description="ตัวชี้วัดที่มาตรการนี้พัฒนา", examples=[["1", "3"]]
    )
    oit: Annotated[tuple[OitCode, ...], ONE_OR_MANY] = Field(
        (), description="ข้อ OIT ที่มาตรการนี้ตอบ", examples=[["O42"]]
    )
    issue: TextList = Field((), description="ประเด็นที่ต้องพัฒนา / ปรับปรุงแก้ไข")
    focus: Literal["develop", "weakness"] | None = Field(
        None, description="develop (ประเด็นที่ต้องพัฒนา) หรือ weakness (ข้อบกพร่อง/จุดอ่อน)"
    )
    goal: TextList = Field((), description="เป้าหมาย / ตัวชี้วัดความสำเร็จ")
    projects: TextList = Field((), description="โครงการ/กิจกรรม")
    requirements: TextList = Field((), description="ผลการวิเคราะห์ตัวชี้วัดตามหลักเกณฑ์การประเมิน ITA")
    steps: TextList = Field(min_length=1, description="ขั้นตอนหรือวิธีการ")
    responsible: Annotated[tuple[Responsible, ...], ONE_OR_MANY] = Field(
        min_length=1, description="ผู้รับผิดชอบ", examples=[["สำนักปลัด"]]
    )
    period: TextList = Field((), description="ระยะเวลาดำเนินการ")
    deadline: Date | None = Field(None, description="กำหนดแล้วเสร็จ", examples=["2566-01-31"])
    monitoring: TextList = Field((), description="การกำกับติดตาม / การรายงานผล")


class MeasuresFile(Model):
    """``<year>/measures.yml``: the year's measures, or the published document."""

    title: str | None = Field(None, description="ชื่อเอกสาร")
    intro: str | None = Field(None, description="บทนำ (Markdown)")
    measures: tuple[Measure, ...] = Field((), description="มาตรการ")
    summary: str | None = Field(None, description="สรุป (Markdown)")
    memo: Memo | None = Field(None, description="บันทึกข้อความ")
    document: Documents = Field((), description="เอกสารฉบับที่ลงนามและเผยแพร่ (ไฟล์หรือลิงก์)")
    published: Date | None = Field(None, description="วันที่เผยแพร่", examples=["2568-10-20"])
    draft: Draft = False


# --- reports/<name>.yml ----------------------------------------------------------


class Period(Model):
    """A period of dates, both inclusive (``from``, ``to``)."""

    model_config = ConfigDict(populate_by_name=True)

    start: Date = Field(alias="from", description="ตั้งแต่วันที่", examples=["2565-10-01"])
    end: Date = Field(alias="to", description="ถึงวันที่", examples=["2566-03-31"])

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError("วันที่สิ้นสุด (to) ต้องไม่ก่อนวันที่เริ่มต้น (from)")
        return self


class Evidence(Model):
    """A piece of evidence: a URL or a file under ``files/`` (or one text: either)."""

    accepts_text = True  # a text is its url (with ://) or its file
    title: str | None = Field(None, description="ชื่อหลักฐาน")
    url: Url | None = Field(None, description="ลิงก์หลักฐาน", examples=["https://www.example.go.th/"])
    file: str | None = Field(None, description="ไฟล์ในโฟลเดอร์ files/", examples=["files/a.pdf"])

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"url": value} if "://" in value else {"file": value}
        return value

    @model_validator(mode="after")
    def _one_target(self) -> Evidence:
        if bool(self.url) == bool(self.file):
            raise ValueError(
                "ต้องระบุ url หรือ file อย่างใดอย่างหนึ่ง เช่น {title: ภาพกิจกรรม, url: https://...}"
            )
        return self


# --- what every published document may carry (format v1.1) ----------------------


class DocumentRef(Evidence):
    """The document as it was signed and published: a file under files/ or a URL."""

    title: str | None = Field(None, description="ชื่อเอกสาร", examples=["มาตรการฉบับลงนาม"])
    url: Url | None = Field(
        None, description="ลิงก์เอกสาร", examples=["https://www.example.go.th/ita.pdf"]
    )
    file: str | None = Field(
        None, description="ไฟล์ในโฟลเดอร์ files/", examples=["files/measures.pdf"]
    )
    date: Date | None = Field(None, description="วันที่ของเอกสาร", examples=["2568-10-15"])


Documents = Annotated[tuple[DocumentRef, ...], ONE_OR_MANY]
Draft = Annotated[bool, Field(description="ฉบับร่าง: ตรวจแต่ไม่เผยแพร่ (true หรือ false)")]


class Section(Model):
    """A heading of the municipality's own document, kept as written."""

    heading: Text = Field(description="หัวข้อ", examples=["จุดแข็ง"])
    body: str | None = Field(None, description="เนื้อหา (Markdown)")


class Result(Model):
    """What was done for one measure in a report: status, actions, outcomes, evidence."""

    measure: Number = Field(description="มาตรการที่ (ต้องมีใน measures.yml ของปีเดียวกัน)")
    measure_text: str | None = Field(
        None, description="ชื่อมาตรการตามถ้อยคำในรายงานฉบับนี้ เมื่อต่างจาก measures.yml"
    )
    status: Status | None = Field(
        None, description="done (ดำเนินการแล้ว) in_progress not_started cancelled"
    )
    actions: TextList = Field((), description="การดำเนินการ / ผลการดำเนินการ")
    outcomes: TextList = Field((), description="ความสำเร็จของการดำเนินการ")
    problems: TextList = Field((), description="ปัญหาอุปสรรค")
    suggestions: TextList = Field((), description="ข้อเสนอแนะ")
    notes: TextList = Field((), description="หมายเหตุ")
    achieved: bool | None = Field(
        None, description="บรรลุเป้าหมายหรือไม่ (true หรือ false)", examples=["true"]
    )
    evidence: Annotated[tuple[Evidence, ...], ONE_OR_MANY] = Field((), description="หลักฐาน")


class ReportFile(Model):
    """``<year>/reports/<name>.yml``: a progress report on the year's measures."""

    round: Round = Field(description="รอบการรายงาน: 6-month annual q1 q2 q3 q4")
    title: str | None = Field(None, description="ชื่อเอกสาร")
    period: Period | None = Field(None, description="ช่วงเวลาที่รายงาน")
    reported: Date | None = Field(None, description="วันที่รายงาน", examples=["2566-04-04"])
    intro: str | None = Field(None, description="บทนำ (Markdown)")
    memo: Memo | None = Field(None, description="บันทึกข้อความ")
    results: tuple[Result, ...] = Field((), description="ผลการดำเนินการรายมาตรการ")
    summary: str | None = Field(None, description="สรุป (Markdown)")
    document: Documents = Field((), description="เอกสารฉบับที่ลงนามและเผยแพร่ (ไฟล์หรือลิงก์)")
    published: Date | None = Field(None, description="วันที่เผยแพร่", examples=["2569-04-10"])
    draft: Draft = False


# --- pages/<slug>.md front matter --------------------------------------------------


class PageMeta(Model):
    """The front matter of a free page (``<year>/pages/<slug>.md``)."""

    title: Text = Field(description="ชื่อหน้า")
    oit: Annotated[tuple[OitCode, ...], ONE_OR_MANY] = Field(
        (), description="ข้อ OIT ที่หน้านี้ตอบ", examples=[["O1"]]
    )
    updated: Date | None = Field(None, description="ปรับปรุงล่าสุด", examples=["2566-05-01"])
    description: str | None = Field(None, description="คำอธิบายสั้น")
    redirect_from: Annotated[tuple[str, ...], ONE_OR_MANY] = Field(
        (), description="ชื่อไฟล์เดิมของหน้านี้ (ไม่มี .md) เพื่อให้ URL เดิมพาไปหน้าใหม่", examples=[["nogift"]]
    )
    published: Date | None = Field(None, description="วันที่เผยแพร่", examples=["2566-05-01"])
    draft: Draft = False


# --- <year>/oit.yml ----------------------------------------------------------------


class OitEntry(Model):
    """Where an OIT item that this site does not generate is published."""

    code: OitCode = Field(description="รหัสข้อ OIT ของปีนั้น", examples=["O1"])
    links: Annotated[tuple[Evidence, ...], ONE_OR_MANY] = Field(
        min_length=1,
        description="ลิงก์หรือไฟล์ที่เปิดเผยข้อมูลข้อนี้",
        examples=[[{"title": "โครงสร้างองค์กร", "url": "https://www.example.go.th/about/structure"}]],
    )
    explain: str | None = Field(
        None,
        description="คำอธิบายสำหรับระบบ ITAS: วิธีเข้าถึงจากหน้าแรก",
        examples=["จากหน้าแรก เลือกเมนู เกี่ยวกับเรา > โครงสร้าง"],
    )
    updated: Date | None = Field(None, description="วันที่ของข้อมูล", examples=["2568-10-15"])


class OitFile(Model):
    """``<year>/oit.yml``: the OIT items published outside the generated pages."""

    items: tuple[OitEntry, ...] = Field(description="ข้อ OIT ที่เปิดเผยไว้ที่อื่น")
