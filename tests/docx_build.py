"""Word files for the import tests, built with python-docx the way staff lay them out.

A document is a list of blocks: a string is a paragraph, a list of rows is a table.
A row is a list of cells laid out as HTML does it: a cell spanning columns or rows is
written once (``Cell(..., colspan=4)``, ``Cell(..., rowspan=2)``) and the positions it
covers are left out of the rows below; python-docx merges them in the Word file.  A
cell's paragraphs are its lines; ``"\\n"`` inside one is a manual line break; a
``Cell(numbered=...)`` uses Word's own numbering (the numbers are not in the text).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from site_builder.thai import format_date

HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


@dataclass
class Cell:
    """A table cell: its paragraphs, spans, hyperlinks, and Word's own list style."""

    paragraphs: list[str] | str = ""
    colspan: int = 1
    rowspan: int = 1
    links: list[str] = field(default_factory=list)
    numbered: str | None = None
    """"List Number" or "List Bullet": the paragraphs as Word list items."""

    def lines(self) -> list[str]:
        """Its paragraphs as a list."""
        if isinstance(self.paragraphs, str):
            return [self.paragraphs] if self.paragraphs else []
        return list(self.paragraphs)


CellLike = Cell | str | list[str] | None
Row = list[CellLike]
Block = str | list[Row]


def _cell(value: CellLike) -> Cell:
    if isinstance(value, Cell):
        return value
    if value is None:
        return Cell("")
    return Cell(value)


def _write(paragraph: docx.text.paragraph.Paragraph, text: str) -> None:
    for i, piece in enumerate(text.split("\n")):
        run = paragraph.add_run(piece)
        if i < len(text.split("\n")) - 1:
            run.add_break()


def _hyperlink(document: docx.document.Document, paragraph, url: str) -> None:
    rid = document.part.relate_to(url, HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = url
    run.append(text)
    link.append(run)
    paragraph._p.append(link)  # noqa: SLF001 (python-docx has no API for hyperlinks)


def _fill(document: docx.document.Document, target, cell: Cell) -> None:
    lines = cell.lines()
    first = target.paragraphs[0]
    for i, line in enumerate(lines):
        paragraph = first if i == 0 else target.add_paragraph()
        if cell.numbered:
            paragraph.style = document.styles[cell.numbered]
        _write(paragraph, line)
    for url in cell.links:
        paragraph = first if not lines else target.add_paragraph()
        _hyperlink(document, paragraph, url)


def _table(document: docx.document.Document, rows: list[Row]) -> None:
    # Place the cells as HTML does: each takes the next free column of its row.
    grid: dict[tuple[int, int], Cell] = {}
    placed: list[tuple[int, int, Cell]] = []
    for r, row in enumerate(rows):
        c = 0
        for value in row:
            cell = _cell(value)
            while (r, c) in grid:
                c += 1
            placed.append((r, c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    grid[(r + dr, c + dc)] = cell
            c += cell.colspan
    height = max(r for r, _ in grid) + 1
    width = max(c for _, c in grid) + 1
    table = document.add_table(rows=height, cols=width)
    table.style = document.styles["Table Grid"]
    for r, c, cell in placed:
        target = table.cell(r, c)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
        _fill(document, target, cell)


_KEEP_STYLES = {
    "Normal",
    "TableNormal",
    "TableGrid",
    "ListNumber",
    "ListBullet",
    "NoList",
    "DefaultParagraphFont",
    "ListParagraph",
}


def _slim(data: bytes) -> bytes:
    """The same Word file with only the styles it uses: python-docx's template defines
    hundreds (350 KB), which mammoth takes a quarter of a second to read."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "word/styles.xml":
                root = etree.fromstring(body)
                for child in list(root):
                    style = child.get(qn("w:styleId"))
                    if child.tag == qn("w:latentStyles") or (
                        child.tag == qn("w:style") and style not in _KEEP_STYLES
                    ):
                        root.remove(child)
                body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, body)
    return out.getvalue()


def build(path: Path, blocks: list[Block]) -> Path:
    """Write the Word file ``path`` holding ``blocks`` in order."""
    document = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            _write(document.add_paragraph(), block)
        else:
            _table(document, block)
            document.add_paragraph()
    saved = io.BytesIO()
    document.save(saved)
    path.write_bytes(_slim(saved.getvalue()))
    return path


# -- the five seed documents, laid out as their tables are (tests/fixtures/seeds/NNN/source.txt),
# -- filled with the values of their hand transcription -------------------------------------------


def thai(n: int) -> str:
    """A number in Thai digits."""
    return str(n).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))


def numbered(values, *, digits: str = "arabic", start: int = 1, sep: str = ". ") -> list[str]:
    """``values`` as numbered paragraphs: ``1. a``, ``2. b`` (or ``๑.`` in Thai digits)."""
    shown = thai if digits == "thai" else str
    return [f"{shown(i)}{sep}{v}" for i, v in enumerate(values, start)]


def inline(values, *, digits: str = "arabic") -> str:
    """``values`` numbered and run together in one paragraph, as the seeds often have them."""
    return " ".join(numbered(values, digits=digits))


def seed_000(year) -> list[Block]:
    """เทศบาลตำบลวังไผ่ 2566: one measures-and-report table per block of indicators, no title
    column; the steps of each measure numbered on across rows and tables (1, 2, 3, 5, 6, then
    7, 8, 9, 3, 4…), responsible units and periods in the first and last rows."""
    m1, m2 = year.measures.measures
    report = next(r for r in year.reports if r.name == "annual").data
    a1, a2 = report.results[0].actions, report.results[1].actions
    columns = ["มาตรการ/ขั้นตอน/วิธีการปฏิบัติ", "การดำเนินการ /รายงาน", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ"]
    again = ["มาตรการ/ขั้นตอน/ วิธีการปฏิบัติ", *columns[1:]]
    period = m1.period[0]
    first: list[Row] = [["ประเด็นที่ต้องพัฒนา", *columns], [m1.issue[0], "", "", "", ""]]
    for i, n in enumerate([1, 2, 3, 5, 6]):
        unit = {0: "ทุกส่วนงาน", 4: "งานนิติการ"}.get(i, "")
        first.append(
            [
                f"{i + 1}. {m1.issue[i + 1]}",
                f"{n}. {m1.steps[i]}",
                f"{i + 1}. {a1[i]}",
                unit,
                period if unit else "",
            ]
        )
    second: list[Row] = [
        ["ประเด็น ที่ต้องพัฒนา", *again],
        [
            "",
            [f"{n}. {s}" for n, s in zip([7, 8, 9, 3, 4, 5, 6], m1.steps[5:], strict=True)],
            numbered(a1[5:], start=6),
            ["งานประชาสัมพันธ์", "สำนักปลัด"],
            [period, period],
        ],
    ]
    third: list[Row] = [
        ["ประเด็น ข้อบกพร่อง จุดอ่อน", *again],
        [
            [m2.issue[0], *numbered(m2.issue[1:])],
            numbered(m2.steps[:3], sep="."),
            numbered(a2[:4], sep="."),
            ["ทุกส่วนงาน"],
            [period],
        ],
    ]
    fourth: list[Row] = [
        ["ประเด็น ที่ต้องพัฒนา", *again],
        ["", numbered(m2.steps[3:10], start=4), numbered(a2[4:], start=5), "", ""],
    ]
    fifth: list[Row] = [["", numbered(m2.steps[10:], start=11), "", "", ""]]
    return [
        "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรม",
        "และความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ",
        "(Integrity and Transparency Assessment: ITA)",
        "ประจำปีงบประมาณ พ.ศ. 2566",
        "เทศบาลตำบลวังไผ่",
        "อำเภอเมืองชุมพร จังหวัดชุมพร",
        year.measures.intro,
        first,
        second,
        third,
        fourth,
        fifth,
    ]


SITE_001 = "http://www.khoksaadchaiyaphum.go.th/"


def seed_001(year) -> list[Block]:
    """เทศบาลตำบลโคกสะอาด 2566, 6-month report: the issue column names indicator 9 or 10
    over a ``-sub-item`` (the measure's title), a unit with its officer after ``➤``, steps
    and monitoring numbered ๑. ๒. in one paragraph or several, the evidence a hyperlink or
    a bare address; one table per page, each with its header."""
    ms = year.measures.measures
    results = next(r for r in year.reports if r.name == "6-month").data.results
    header = [
        "ประเด็นที่ต้องปรับปรุงแก้ไข/ ประเด็นที่ต้องพัฒนา",
        "ผู้รับผิดชอบ",
        "ขั้นตอนหรือวิธีการ/มาตรการ",
        "การรายงานผลและการกำกับติดตาม กำหนดเวลาแล้วเสร็จ",
        "การดำเนินการ",
    ]

    def unit(m) -> str:
        r = m.responsible[0]
        return f"{r.unit} ➤{r.person}" if r.person else r.unit

    def row(i: int, *, issue: bool, style: str, link: str) -> Row:
        m, done = ms[i], results[i].actions[0]
        first: CellLike = [m.issue[0], f"-{m.title}"] if issue else f"-{m.title}"
        if i in (3, 4):
            first = m.title
        steps = (
            inline(m.steps, digits="thai")
            if style == "inline"
            else numbered(m.steps, digits="thai")
        )
        if i == 3:
            steps = f"-{m.steps[0]}"
        watch = (
            inline(m.monitoring, digits="thai")
            if style == "inline"
            else numbered(m.monitoring, digits="thai")
        )
        result: CellLike = {
            "link": Cell(done, links=[SITE_001]),
            "text": f"{done} {SITE_001}",
            "lines": [done, SITE_001],
        }[link]
        return [first, f"- {unit(m)}" if i in (3, 4) else unit(m), steps, watch, result]

    tables = [
        [
            row(0, issue=True, style="inline", link="link"),
            row(1, issue=False, style="inline", link="link"),
        ],
        [row(2, issue=False, style="inline", link="text")],
        [
            row(3, issue=False, style="inline", link="text"),
            row(4, issue=False, style="inline", link="text"),
        ],
        [row(5, issue=False, style="paragraphs", link="text")],
        [row(6, issue=False, style="paragraphs", link="link")],
        [
            row(7, issue=True, style="paragraphs", link="lines"),
            row(8, issue=False, style="paragraphs", link="lines"),
        ],
    ]
    return [
        "รายงานการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
        "ภายในหน่วยงาน",
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
        "รอบ ๖ เดือน (เดือนตุลาคม ๒๕๖๕ - มีนาคม ๒๕๖๖)",
        "เทศบาลตำบลโคกสะอาด",
        "อำเภอหนองบัวระเหว จังหวัดชัยภูมิ",
        year.measures.title,
        year.measures.intro,
        *[[header, *rows] for rows in tables],
    ]


def _memo(memo) -> list[str]:
    lines = [
        "บันทึกข้อความ",
        f"ส่วนราชการ {memo.unit} โทร. {memo.phone}",
        f"ที่ {memo.ref}",
        f"วันที่ {format_date(memo.date, thai_digits=True)}",
        f"เรื่อง {memo.subject}",
        f"เรียน {memo.to}",
    ]
    lines += [p.strip("# ") for p in (memo.body or "").split("\n\n") if p.strip()]
    for s in memo.signatures:
        comment = [c.strip() for c in (s.comment or "").split("\n") if c.strip()]
        lines += [
            x for x in (s.heading, *comment, f"({s.name})" if s.name else None, s.position) if x
        ]
    return lines


def seed_002(year) -> list[Block]:
    """เทศบาลตำบลต้นไทร 2566: a memo, the measures table (numbered title, steps run together or
    broken by manual line breaks, unit, monitoring) over two pages, then the results table
    (the measure as the report words it, an empty actions column, outcomes as numbered
    paragraphs, Word's own numbering, or run together) over five."""
    ms = year.measures.measures
    report = next(r for r in year.reports if r.name == "annual").data
    header = ["มาตรการส่งเสริมคุณธรรมและความโปร่งใส", "ขั้นตอนหรือวิธีการ", "ผู้รับผิดชอบ", "การกำกับติดตาม"]

    def mrow(m) -> Row:
        if len(m.steps) == 1 and m.no == 8:
            steps: CellLike = m.steps[0]
        elif m.no == 7:
            steps = "\n".join(numbered(m.steps, digits="thai"))
        else:
            steps = inline(m.steps, digits="thai")
        return [f"{thai(m.no)}. {m.title}", steps, m.responsible[0].unit, m.monitoring[0]]

    def rrow(res) -> Row:
        title = res.measure_text or ms[res.measure - 1].title
        if res.measure in (3, 4):
            outcomes: CellLike = Cell(list(res.outcomes), numbered="List Number")
        elif res.measure in (5, 6, 7, 8):
            outcomes = " ".join(f"{thai(i)}.{o}" for i, o in enumerate(res.outcomes, 1))
        else:
            outcomes = [f"{thai(i)}.{o}" for i, o in enumerate(res.outcomes, 1)]
        return [f"{thai(res.measure)}. {title}", "", outcomes]

    rheader = [
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใส",
        "ผลการดำเนินการตามมาตรการ",
        "ความสำเร็จของการดำเนินการ",
    ]
    results = report.results
    return [
        *_memo(report.memo),
        year.measures.title,
        [header, *[mrow(m) for m in ms[:5]]],
        [header, *[mrow(m) for m in ms[5:]]],
        report.title,
        *[
            [rheader, *[rrow(r) for r in results[a:b]]]
            for a, b in ((0, 2), (2, 4), (4, 6), (6, 8), (8, 9))
        ],
    ]


def seed_003(year) -> list[Block]:
    """เทศบาลตำบลเมืองเก่า 2569: the analysis (headings and paragraphs, a table of the tools, a
    table of the ten indicators with group rows, the analysis per indicator over five tables
    whose rows break across pages), then the measures per indicator: indicator, projects,
    ITA requirements, steps, period, units (``-สำนักปลัด -กองคลัง`` run together)."""
    analysis = year.analysis
    intro = [p.lstrip("#").strip() for p in analysis.intro.split("\n\n") if p.strip()]
    tools = [
        ["เครื่องมือ", "คะแนน"],
        ["IIT", "99.50"],
        ["EIT ส่วนที่ 1", "99.89"],
        ["EIT ส่วนที่ 2", "99.33"],
        ["OIT", "95.00"],
    ]
    groups = {
        1: "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)",
        6: "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)",
        9: "แบบวัดการรับรู้ของการเปิดเผยข้อมูลสาธารณะ (OIT)",
    }
    names = {
        1: "การปฏิบัติหน้าที่",
        2: "การใช้งบประมาณ",
        3: "การใช้อำนาจ",
        4: "การใช้ทรัพย์สินของราชการ",
        5: "การแก้ไขปัญหาการทุจริต",
        6: "คุณภาพการดำเนินงาน",
        7: "ประสิทธิภาพการสื่อสาร",
        8: "การปรับปรุงระบบการทำงาน",
        9: "การเปิดเผยข้อมูล",
        10: "การป้องกันการทุจริต",
    }
    scores: list[Row] = [["ตัวชี้วัดการประเมิน ITA", "คะแนน"]]
    for ind in analysis.indicators:
        if ind.no in groups:
            scores.append([groups[ind.no], ""])
        scores.append([f"{ind.no}. {names[ind.no]}", f"{ind.score:.2f}" if ind.no != 10 else "100"])
    texts = {i.no: i.analysis for i in analysis.indicators}

    def halves(text: str) -> tuple[str, str]:
        cut = text.index(" ", len(text) // 2)
        return text[:cut], text[cut + 1 :]

    head = ["ประเด็น", "ผลการวิเคราะห์"]
    two_a, two_b = halves(texts[2])
    seven_a, seven_b = halves(texts[7])
    label = {**names, 8: "การปรับปรุงการทำงาน"}
    analysis_tables = [
        [head, [f"1. {label[1]}", texts[1]], [f"2. {label[2]}", two_a]],
        [head, ["", two_b], [f"3. {label[3]}", texts[3]], [f"4. {label[4]}", texts[4]]],
        [head, *[[f"{n}. {label[n]}", texts[n] if n != 7 else seven_a] for n in (5, 6, 7)]],
        [head, ["", seven_b], [f"8. {label[8]}", texts[8]], [f"9. {label[9]}", texts[9]]],
        [head, [f"10. {label[10]}", texts[10]]],
    ]
    mheader = [
        "ตัวชี้วัด",
        "โครงการ/กิจกรรม",
        "ผลการวิเคราะห์ตัวชี้วัดตามหลักเกณฑ์การประเมิน ITA",
        "ขั้นตอนหรือวิธีการดำเนินการ",
        "ระยะเวลาในการดำเนินการ",
        "ผู้รับผิดชอบ",
    ]

    def mrow(m) -> Row:
        if m.no == 2:
            return [
                f"{m.no}. {m.title}",
                " ".join(f"-{p}" for p in m.projects),
                inline(m.requirements),
                inline(m.steps),
                m.period[0],
                " ".join(f"-{r.unit}" for r in m.responsible),
            ]
        units = [r.unit for r in m.responsible]
        return [
            f"{m.no}. {m.title}",
            numbered(m.projects),
            numbered(m.requirements),
            numbered(m.steps),
            m.period[0],
            units if len(units) > 1 else units[0],
        ]

    ms = year.measures.measures
    measure_tables = [
        [mheader, *[mrow(m) for m in chunk]]
        for chunk in (ms[0:1], ms[1:2], ms[2:3], ms[3:4], ms[4:6], ms[6:8], ms[8:9], ms[9:10])
    ]
    return [
        analysis.title,
        "เทศบาลตำบลเมืองเก่า อำเภอเมือง จังหวัดขอนแก่น",
        *intro[: intro.index("3. การวิเคราะห์ผลการประเมิน")],
        "2.2 ผลประเมินรายเครื่องมือ",
        tools,
        "2.4 ผลการประเมินรายตัวชี้วัด",
        scores,
        *intro[intro.index("3. การวิเคราะห์ผลการประเมิน") :],
        *analysis_tables,
        "4. มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
        year.measures.intro,
        *measure_tables,
    ]


def seed_004(year) -> list[Block]:
    """เทศบาลตำบลแม่สาย 2566: a memo, then one table of measures and results: indicator,
    measure, steps, period, unit, result, suggestion, where one row holds two numbered
    measures with two of everything (paragraphs); the second page repeats the header and
    prints indicator ๙ as ๓."""
    ms = year.measures.measures
    report = next(r for r in year.reports if r.name == "6-month").data
    res = {r.measure: r for r in report.results}
    header = [
        "ตัวชี้วัด",
        "มาตรการ/แนวทาง",
        "ขั้นตอน/วิธีการ",
        "ระยะเวลาการดำเนินการ",
        "ผู้รับผิดชอบ",
        "ผลการดำเนินการ",
        "ข้อเสนอแนะ",
    ]

    def row(indicator: str, group) -> Row:
        cells: list[CellLike] = [indicator]
        cells.append(numbered([m.title for m in group], digits="thai"))
        cells.append(numbered([m.steps[0] for m in group], digits="thai"))
        cells.append([m.period[0] for m in group])
        cells.append([m.responsible[0].unit for m in group])
        cells.append([f"- {res[m.no].actions[0]}" for m in group])
        cells.append([f"- {res[m.no].suggestions[0]}" for m in group])
        return cells

    title = report.title
    return [
        *_memo(report.memo),
        title,
        [
            header,
            row("๖. คุณภาพการดำเนินงาน", ms[0:1]),
            row("๗. ประสิทธิภาพการสื่อสาร", ms[1:3]),
            row("๘. การปรับปรุงการทำงาน", ms[3:5]),
        ],
        "(นายสุระกิจ ยอดมงคล)",
        "นิติกรชำนาญการพิเศษ",
        title,
        [header, row("๓. การเปิดเผยข้อมูล", ms[5:6])],
    ]


SEEDS = {"000": seed_000, "001": seed_001, "002": seed_002, "003": seed_003, "004": seed_004}
"""Each seed's layout, by its folder under tests/fixtures/seeds."""
