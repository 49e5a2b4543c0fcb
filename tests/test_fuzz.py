"""Property-based fuzzing of whole content trees through ``cli.main``, in-process.

Hypothesis builds content folders: a site.yml, year folders with good and hostile
names, analysis/measures/reports/pages shaped like the format with random values
put in anywhere (Thai, controls, YAML indicators, long text, Markdown with raw HTML),
YAML that is not YAML at all, and random bytes as attachments; and trees of the
right shape whose every text is hostile, so that most of them reach the rules, the
rendering and MkDocs.  For every tree:

- ``check`` returns 0 or 1, never raises, and never answers with the catch-all
  "unexpected error" line; with ``GITHUB_ACTIONS=true`` it prints one workflow
  command per problem;
- every line of stderr is Thai and reads ``path[:line]: …`` (but the count line and
  the command's closing line), on one line: no raw control character;
- nothing is written into the content folder; ``build`` says what ``check`` said: a
  refusal creates no site and leaves no staging folder, an accepted tree is built
  (marked, nothing beside it) with no script, event handler, javascript: link or
  frame from the content in any page; an accepted tree is also generated, or its
  OIT readiness (text and CSV) asked for;
- each command finishes within :data:`SECONDS` and adds less than
  :data:`PEAK_BYTES` to the process's peak memory.

Profiles: ``default`` (40 examples) and ``ci`` (300, about 3 minutes on one core),
chosen by ``HYPOTHESIS_PROFILE``; on CI (``CI=true``) ``ci`` is the default.  The
example database is ``.hypothesis/`` at the project's root.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import resource
import shutil
import signal
import stat
import tempfile
import time
import unicodedata
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, event, given, note, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase

from helpers import ROOT
from site_builder import cli
from site_builder.format.yamlio import forbidden_character

pytestmark = pytest.mark.slow  # a whole build per example: about 40 s, minutes with CI=true

_DATABASE = DirectoryBasedExampleDatabase(str(ROOT / ".hypothesis" / "examples"))
_COMMON: dict[str, Any] = {
    "deadline": 10_000,
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
    "database": _DATABASE,
    # No "explain" phase: it traces every line, and a build traced takes minutes.
    "phases": [Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
}
settings.register_profile("default", max_examples=40, **_COMMON)
settings.register_profile("ci", max_examples=300, print_blob=True, **_COMMON)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "default")
)

SECONDS = 10.0
"""Longest one command may take on one tree."""
PEAK_BYTES = 500 * 1024 * 1024
"""Most memory one command may add to the process (growth of its peak resident size)."""
RSS_BYTES = 2 * 1024 * 1024 * 1024
"""A coarse ceiling of the whole test process (ru_maxrss)."""

UNEXPECTED = "เกิดข้อผิดพลาดที่ไม่คาดคิด"
THAI = re.compile("[\u0e00-\u0e7f]")
COUNT = re.compile(r"^(?:พบข้อผิดพลาด [0-9]+ รายการ(?: คำเตือน [0-9]+ รายการ)?|คำเตือน [0-9]+ รายการ)$")
# Invisible characters a line must not hold raw (errors.show_controls escapes them).
_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# --- text ------------------------------------------------------------------------------

THAI_WORDS = [
    "เทศบาลตำบลวังไผ่",
    "มาตรการส่งเสริมคุณธรรม",
    "ความโปร่งใส",
    "การป้องกันการทุจริต",
    "สำนักปลัด",
    "กองคลัง",
    "ปีงบประมาณ",
    "๒๕๖๖",
    "ป.ป.ช.",
    "นางสาวยุภาวดี คำมี",
    "ผ่านดีเยี่ยม",
    "ก\u0e49\u0e49\u0e49",  # stacked tone marks
    "\u0e33\u0e4d",  # marks with no base
    "เ",
]
HOSTILE = [
    ": ",
    " #",
    "# ",
    "&a",
    "*a",
    "!!python/object:os.system",
    "!tag",
    "%YAML 1.1",
    "{}",
    "[]",
    "{",
    "]",
    "'",
    '"',
    "\\",
    "|",
    ">",
    "- ",
    "? ",
    "---",
    "...",
    "~",
    "null",
    "yes",
    "0x1F",
    "1e309",
    ".nan",
    "0712345",
    "2566-02-30",
    "2566-13-01",
    "9999-99-99",
    "O42",
    "O0",
    "files/",
    "files/../../etc/passwd",
    "/etc/passwd",
    "C:\\Windows",
    "javascript:alert(1)",
    'https://evil.example/"onmouseover="x',
    "http://",
    "https://a.b/c?d=1&e=<f>",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=//evil>",
    "{{ config }}",
    "{% raw %}",
    "${HOME}",
    "$(id)",
    "`id`",
    "::error::forged",
    "::add-mask::x",
    '=HYPERLINK("x")',
    "\x00",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\u200b",
    "\u202e",
    "\u2066",
    "\ufeff",
    "\ufffe",
    "\t",
    "\r",
    "\r\n",
    "\n",
    "\x0b\x0c",
    "　",
    "\U0001f600",
    "\u0301",
]
MARKDOWN = [
    "# หัวข้อ\n",
    "### เรื่องเดิม\n",
    "\n\n",
    "- รายการ\n  - ซ้อน\n",
    "1. หนึ่ง\n2. สอง\n",
    "| ก | ข |\n|---|---|\n| 1 | 2 |\n",
    "```\ncode <b>\n```\n",
    "    indented code\n",
    "> quote\n",
    "[ลิงก์](https://example.go.th)",
    "[ลิงก์](other.md)",
    "[ลิงก์](../2566/measures/)",
    "[ลิงก์](#anchor)",
    "![ภาพ](files/a.png)",
    "![ภาพ](javascript:alert(1))",
    "<https://auto.link>",
    "**หนา** _เอียง_ `code`",
    "{: .class #id onclick=alert(1) }",
    "[^1]\n\n[^1]: เชิงอรรถ\n",
    "&amp; &#x3c; &#0; &bogus;",
    "<div markdown=1>*x*</div>",
    "<details><summary>ก</summary>ข</details>",
    "<table><tr><td>ก</td></tr></table>",
    "<!-- comment -->",
    "<!--",
    "<style>body{display:none}</style>",
    "<svg onload=alert(1)>",
    "<math><mi>x</mi></math>",
    "<object data=x></object>",
    "<form action=//evil><input></form>",
    '<a href="https://ok.example" target=_blank>ok</a>',
    '<p id="__proto__">x</p>',
    '<span style="color:red">แดง</span>',
    "<br/><hr>",
    "</div></article></body>",
    "===\n",
    "---\n",
    "*" * 50,
    "\\",
    "<",
    "{{ page.title }}",
    "!!! note\n    admonition\n",
    "$$x$$",
]


def _printable(max_size: int) -> st.SearchStrategy[str]:
    return st.text(st.characters(exclude_categories=("Cs",)), max_size=max_size)


TEXT = st.one_of(
    st.sampled_from(THAI_WORDS),
    st.sampled_from(HOSTILE),
    _printable(20),
    st.lists(st.sampled_from([*THAI_WORDS, *HOSTILE, " ", "ก", "a"]), max_size=12).map("".join),
    st.builds(
        lambda s, n: s * n,
        st.sampled_from(["ก", "ab ", "เทศบาล", "<b>", "[", "\u0e49"]),
        st.integers(100, 5000),
    ),
)
MARKDOWN_TEXT = st.lists(
    st.one_of(st.sampled_from(MARKDOWN), st.sampled_from(THAI_WORDS), TEXT), max_size=12
).map("".join)

SCALAR = st.one_of(
    TEXT,
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.sampled_from(["1", "๑", "0", "-1", "101", "99.999", "๙๙.๕", "1_000", "1e3", "0b1"]),
)
ANY = st.recursive(
    SCALAR,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)),
    max_leaves=12,
)

# --- documents shaped like the format -----------------------------------------------------


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(strategy, ANY)


@st.composite
def shaped(
    draw: st.DrawFn, fields: dict[str, st.SearchStrategy[Any]], required: tuple[str, ...] = ()
) -> dict[str, Any]:
    """A field group of the format: the fields it knows, each kept, dropped or given
    any value, and sometimes a field it does not know."""
    data: dict[str, Any] = {}
    for name, value in fields.items():
        fate = draw(
            st.sampled_from(["good"] * 6 + ["drop"] * (1 if name in required else 4) + ["any"])
        )
        if fate == "good":
            data[name] = draw(value)
        elif fate == "any":
            data[name] = draw(ANY)
    if draw(st.integers(0, 9)) == 0:
        data[draw(st.one_of(TEXT, st.sampled_from(["monitorring", "draft", "document", "<<"])))] = (
            draw(ANY)
        )
    return data


def _one_or_list(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(strategy, st.lists(strategy, max_size=3))


DATE = st.one_of(
    st.builds(
        lambda y, m, d: f"{y}-{m:02d}-{d:02d}",
        st.integers(2400, 2700),
        st.integers(1, 12),
        st.integers(1, 31),
    ),
    st.sampled_from(
        ["2566-04-04", "2023-04-04", "๒๕๖๖-๐๔-๐๔", "2566-4-4", "04/04/2566", "2566-02-29"]
    ),
)
SCORE = st.one_of(
    st.floats(0, 100, allow_nan=False).map(lambda f: round(f, 2)),
    st.sampled_from(["๙๕.๕", "100", "0", "-1", "101"]),
)
MEASURE_NO = st.one_of(st.integers(1, 4), st.sampled_from(["๑", "0", "x"]))
URL = st.one_of(st.sampled_from(["https://www.test.go.th/a", "http://x.example/ก?q=1&r=2"]), TEXT)
FILE_REF = st.one_of(
    st.sampled_from(
        [
            "files/a.pdf",
            "files/logo.png",
            "files/sub/c.pdf",
            "files/.hidden.pdf",
            "files/missing.pdf",
        ]
    ),
    TEXT,
)

MEMO = shaped(
    {
        "unit": TEXT,
        "subject": TEXT,
        "phone": TEXT,
        "ref": TEXT,
        "date": DATE,
        "to": TEXT,
        "body": MARKDOWN_TEXT,
        "signatures": st.lists(
            shaped(
                {"name": TEXT, "position": TEXT, "heading": TEXT, "comment": TEXT, "date": DATE}
            ),
            max_size=2,
        ),
        "scan": FILE_REF,
    },
    required=("unit", "subject"),
)
SITE_DOC = shaped(
    {
        "organization": shaped(
            {
                "name": TEXT,
                "district": TEXT,
                "province": TEXT,
                "website": URL,
                "phone": TEXT,
                "email": TEXT,
                "address": TEXT,
                "logo": FILE_REF,
            },
            required=("name",),
        ),
        "display": shaped({"numerals": st.sampled_from(["thai", "arabic", "roman"])}),
    },
    required=("organization",),
)
ANALYSIS_DOC = shaped(
    {
        "title": TEXT,
        "assessment_year": st.one_of(st.integers(2560, 2572), TEXT),
        "announced": DATE,
        "intro": MARKDOWN_TEXT,
        "overall": shaped({"score": SCORE, "level": TEXT}, required=("score",)),
        "tools": st.dictionaries(
            st.sampled_from(["IIT", "EIT", "EIT1", "EIT2", "OIT", "XIT"]), SCORE, max_size=4
        ),
        "threshold": SCORE,
        "indicators": st.lists(
            shaped(
                {"no": st.integers(0, 11), "score": SCORE, "analysis": MARKDOWN_TEXT},
                required=("no",),
            ),
            max_size=4,
        ),
        "summary": MARKDOWN_TEXT,
        "memo": MEMO,
    }
)
MEASURE = shaped(
    {
        "no": MEASURE_NO,
        "title": TEXT,
        "indicators": _one_or_list(st.integers(0, 11)),
        "oit": _one_or_list(st.sampled_from(["O42", "o43", "O๔๒", "O99", "X1"])),
        "issue": _one_or_list(TEXT),
        "focus": st.sampled_from(["develop", "weakness", "other"]),
        "goal": _one_or_list(MARKDOWN_TEXT),
        "projects": _one_or_list(TEXT),
        "steps": _one_or_list(MARKDOWN_TEXT),
        "responsible": _one_or_list(
            st.one_of(TEXT, shaped({"unit": TEXT, "person": TEXT, "position": TEXT}))
        ),
        "period": _one_or_list(TEXT),
        "deadline": DATE,
        "monitoring": _one_or_list(TEXT),
    },
    required=("no", "title", "indicators", "steps", "responsible"),
)
MEASURES_DOC = shaped(
    {
        "title": TEXT,
        "intro": MARKDOWN_TEXT,
        "measures": st.lists(MEASURE, max_size=4),
        "summary": MARKDOWN_TEXT,
        "memo": MEMO,
    },
    required=("measures",),
)
RESULT = shaped(
    {
        "measure": MEASURE_NO,
        "measure_text": TEXT,
        "status": st.sampled_from(["done", "in_progress", "not_started", "cancelled", "finished"]),
        "actions": _one_or_list(MARKDOWN_TEXT),
        "outcomes": _one_or_list(TEXT),
        "problems": _one_or_list(TEXT),
        "suggestions": _one_or_list(TEXT),
        "notes": _one_or_list(TEXT),
        "evidence": _one_or_list(
            st.one_of(URL, FILE_REF, shaped({"title": TEXT, "url": URL, "file": FILE_REF}))
        ),
    },
    required=("measure",),
)
REPORT_DOC = shaped(
    {
        "round": st.sampled_from(["6-month", "annual", "q1", "q2", "q3", "q4", "q5"]),
        "title": TEXT,
        "period": shaped({"from": DATE, "to": DATE}),
        "reported": DATE,
        "intro": MARKDOWN_TEXT,
        "memo": MEMO,
        "results": st.lists(RESULT, max_size=3),
        "summary": MARKDOWN_TEXT,
    },
    required=("round",),
)
PAGE_META = shaped(
    {
        "title": TEXT,
        "oit": _one_or_list(st.sampled_from(["O1", "O31", "O99"])),
        "updated": DATE,
        "description": TEXT,
        "redirect_from": _one_or_list(st.sampled_from(["old-name", "../x", "a b"])),
    },
    required=("title",),
)

YAML_SOUP = st.lists(
    st.one_of(
        st.sampled_from([*HOSTILE, ": ", "\n", "\n  ", "\n- ", "&x ", "*x", "<<: "]),
        st.sampled_from(THAI_WORDS),
        _printable(6),
    ),
    max_size=30,
).map("".join)


@st.composite
def yaml_text(draw: st.DrawFn, document: st.SearchStrategy[Any]) -> str:
    """A document as YAML, as a person or a broken editor might have written it."""
    how = draw(st.sampled_from(["dump"] * 5 + ["flow", "soup", "mutated", "any"]))
    if how == "soup":
        return draw(YAML_SOUP)
    data = draw(ANY if how == "any" else document)
    text = yaml.safe_dump(
        data,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=how == "flow",
        width=draw(st.sampled_from([80, 10**6])),
    )
    if how == "mutated" and text:
        at = draw(st.integers(0, len(text)))
        text = (
            text[:at] + draw(st.sampled_from([*HOSTILE, "\n", "  ", "\t", "- ", ": "])) + text[at:]
        )
    return text


@st.composite
def page_text(draw: st.DrawFn) -> str:
    front = yaml_text(PAGE_META)
    opening = draw(st.sampled_from(["---\n", "---\n", "--- \r\n", "", "---"]))
    closing = draw(st.sampled_from(["---\n", "---\n", "---", "...\n", ""]))
    return opening + draw(front) + closing + draw(MARKDOWN_TEXT)


YEAR_NAMES = st.one_of(
    st.sampled_from(["2566", "2566", "2567", "2568", "2500", "2700"]),
    st.sampled_from(
        [
            "2499",
            "2701",
            "0000",
            "9999",
            "๒๕๖๖",
            "2566\n",
            "2566 ",
            " 2566",
            "2566.",
            "02566",
            "2566a",
            "２５６６",
            "2566\u202e",
        ]
    ),
    _printable(6),
)
SLUG_NAMES = st.one_of(
    st.sampled_from(["6-month", "annual", "q1", "q1-extra", "policy"]),
    st.sampled_from(
        ["Q1", "q1\n", "รอบแรก", "-x", "a b", "a#b", "a%2e", ".hidden", "con", "a" * 200]
    ),
    _printable(8),
)
MAGIC = [
    b"",
    b"%PDF-1.4\n",
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"GIF89a",
    b"PK\x03\x04",
    b"RIFF\x00\x00\x00\x00WEBP",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"<html><script>",
    b"\xef\xbb\xbf",
]
FILE_NAMES = st.one_of(
    st.sampled_from(
        [
            "a.pdf",
            "logo.png",
            "sub/c.pdf",
            "scan.PDF",
            "photo.JPG",
            "doc.docx",
            "t.txt",
            "d.csv",
            "x.webp",
            "y.gif",
            "z.zip",
            "w.xls",
        ]
    ),
    st.sampled_from(
        [
            "a.html",
            "a.svg",
            "a.md",
            "a.js",
            "noext",
            ".hidden.pdf",
            "a#b.pdf",
            "a?.pdf",
            "a\nb.pdf",
            "a.pdf ",
            "ไฟล์ ภาพ.jpg",
            "a.tar.gz",
            "CON.pdf",
        ]
    ),
    st.builds(lambda a, b: a + b, _printable(8), st.sampled_from([".pdf", ".png", ".md", ""])),
)
FILE_BYTES = st.builds(
    lambda magic, rest: magic + rest, st.sampled_from(MAGIC), st.binary(max_size=200)
)


def _safe_part(name: str) -> bool:
    """A name the file system takes (not empty, no slash, no NUL, not . or ..)."""
    return (
        bool(name)
        and "/" not in name
        and "\x00" not in name
        and name not in (".", "..")
        and len(name.encode()) < 200
    )


@st.composite
def content_trees(draw: st.DrawFn) -> dict[str, bytes]:
    """``{relative path: bytes}`` of one content folder."""
    files: dict[str, str | bytes] = {}
    if draw(st.integers(0, 19)):
        files["site.yml"] = draw(yaml_text(SITE_DOC))
    for year in draw(st.lists(YEAR_NAMES.filter(_safe_part), max_size=3, unique=True)):
        if draw(st.booleans()):
            files[f"{year}/analysis.yml"] = draw(yaml_text(ANALYSIS_DOC))
        if draw(st.integers(0, 3)):
            files[f"{year}/measures.yml"] = draw(yaml_text(MEASURES_DOC))
        for slug in draw(st.lists(SLUG_NAMES.filter(_safe_part), max_size=2, unique=True)):
            files[f"{year}/reports/{slug}.yml"] = draw(yaml_text(REPORT_DOC))
        for slug in draw(st.lists(SLUG_NAMES.filter(_safe_part), max_size=2, unique=True)):
            files[f"{year}/pages/{slug}.md"] = draw(page_text())
        for name in draw(
            st.lists(
                FILE_NAMES.filter(lambda n: all(_safe_part(p) for p in n.split("/"))),
                max_size=3,
                unique=True,
            )
        ):
            files[f"{year}/files/{name}"] = draw(FILE_BYTES)
        if draw(st.integers(0, 9)) == 0:
            files[
                f"{year}/{draw(st.sampled_from(['oit.yml', 'measure.yml', 'notes.md', 'report.yml']))}"
            ] = draw(yaml_text(ANY))
    if draw(st.integers(0, 9)) == 0:
        files[f"frameworks/{draw(st.sampled_from(['2566', '2570', 'x']))}.yml"] = draw(
            yaml_text(ANY)
        )
    if draw(st.integers(0, 9)) == 0:
        files[
            draw(
                st.sampled_from(
                    ["README.md", "index.md", "files/logo.png", ".git/config", "x.html"]
                )
            )
        ] = draw(FILE_BYTES)
    result: dict[str, bytes] = {}
    for rel, data in files.items():
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogatepass")
            if draw(st.integers(0, 29)) == 0:  # not UTF-8, or a BOM
                data = draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xe9"])) + data
        result[rel] = data
    return result


def valid_tree() -> dict[str, bytes]:
    """A tree ``check`` accepts, as the base that mutations start from."""
    return {
        "site.yml": "organization: {name: เทศบาลตำบลทดสอบ}\n".encode(),
        "2566/measures.yml": "measures:\n  - {no: 1, title: คู่มือ, indicators: [1], steps: ทำ, responsible: สำนักปลัด}\n".encode(),
        "2566/reports/annual.yml": "round: annual\nresults:\n  - {measure: 1, status: done, actions: ทำแล้ว, evidence: files/a.pdf}\n".encode(),
        "2566/files/a.pdf": b"%PDF-1.4\n%%EOF\n",
    }


@st.composite
def mostly_valid_trees(draw: st.DrawFn) -> dict[str, bytes]:
    """A valid tree with one or two documents replaced or added: the deeper code paths
    (rules across files, rendering, Markdown, the build) see hostile values too."""
    tree = valid_tree()
    for _ in range(draw(st.integers(1, 2))):
        rel, strategy = draw(
            st.sampled_from(
                [
                    ("2566/measures.yml", yaml_text(MEASURES_DOC)),
                    ("2566/reports/annual.yml", yaml_text(REPORT_DOC)),
                    ("2566/analysis.yml", yaml_text(ANALYSIS_DOC)),
                    ("2566/pages/p.md", page_text()),
                    ("site.yml", yaml_text(SITE_DOC)),
                ]
            )
        )
        tree[rel] = draw(strategy).encode("utf-8", "surrogatepass")
    return tree


@st.composite
def good_pages(draw: st.DrawFn) -> dict[str, bytes]:
    """A valid tree plus a page whose front matter is right and whose Markdown is not."""
    tree = valid_tree()
    title = draw(TEXT.filter(lambda t: any(unicodedata.category(c)[0] not in "ZC" for c in t)))
    front = yaml.safe_dump({"title": title}, allow_unicode=True)
    tree["2566/pages/p.md"] = ("---\n" + front + "---\n" + draw(MARKDOWN_TEXT)).encode(
        "utf-8", "surrogatepass"
    )
    return tree


def _clean(text: str) -> str:
    """``text`` without what no content file may hold (a NUL, a bidi override), and
    with something visible in it, as a required field needs: so that the tree gets
    past the loader to the rules, the rendering and the build."""
    while (found := forbidden_character(text)) is not None:
        line, column, _ = found
        lines = text.split("\n")
        lines[line - 1] = lines[line - 1][: column - 1] + lines[line - 1][column:]
        text = "\n".join(lines)
    if not any(unicodedata.category(c)[0] not in "ZC" for c in text):
        text += "ก"
    return re.sub(r"\[{8,}", "[[", text)  # else refused: too many brackets left open


CLEAN = TEXT.map(_clean)
CLEAN_MD = MARKDOWN_TEXT.map(_clean)


def _fields(draw: st.DrawFn, **fields: st.SearchStrategy[Any]) -> dict[str, Any]:
    """Optional fields: each present or not."""
    return {k: draw(v) for k, v in fields.items() if draw(st.booleans())}


@st.composite
def gentle_trees(draw: st.DrawFn) -> dict[str, bytes]:
    """Trees of the right shape whose text is hostile: most pass check and are built.

    Any year of the range (catalogues shipped or not), Thai numerals, a logo, pages
    with their metadata, attachments in sub-folders, a catalogue override."""
    year = draw(st.sampled_from([2566, 2566, 2565, 2567, 2569, 2570, 2500, 2700]))
    texts = st.one_of(CLEAN, st.lists(CLEAN, min_size=1, max_size=3))
    attachments = ["files/a.pdf", "files/sub/ไฟล์ (1).pdf", "files/s.png"]
    file_ref = st.sampled_from(attachments)
    date = st.builds(
        lambda y, m, d: f"{y}-{m:02d}-{d:02d}",
        st.integers(year - 2, year + 1),
        st.integers(1, 12),
        st.integers(1, 28),
    )
    memo = st.builds(
        lambda unit, subject, extra: {"unit": unit, "subject": subject, **extra},
        CLEAN,
        CLEAN,
        st.fixed_dictionaries(
            {},
            optional={
                "body": CLEAN_MD,
                "to": CLEAN,
                "ref": CLEAN,
                "date": date,
                "scan": file_ref,
                "signatures": st.lists(
                    st.fixed_dictionaries(
                        {"name": CLEAN}, optional={"comment": CLEAN, "heading": CLEAN, "date": date}
                    ),
                    max_size=2,
                ),
            },
        ),
    )
    n = draw(st.integers(1, 3))
    measures = []
    for no in range(1, n + 1):
        measures.append(
            {
                "no": no,
                "title": draw(CLEAN),
                "indicators": draw(st.lists(st.integers(1, 10), min_size=1, max_size=3)),
                "steps": draw(texts),
                "responsible": draw(
                    st.one_of(
                        CLEAN,
                        st.fixed_dictionaries(
                            {"unit": CLEAN}, optional={"person": CLEAN, "position": CLEAN}
                        ),
                    )
                ),
                **_fields(
                    draw,
                    issue=texts,
                    goal=texts,
                    projects=texts,
                    requirements=texts,
                    monitoring=texts,
                    period=texts,
                    deadline=date,
                    focus=st.sampled_from(["develop", "weakness"]),
                ),
            }
        )
    site: dict[str, Any] = {
        "organization": {
            "name": draw(CLEAN),
            **_fields(
                draw,
                address=CLEAN,
                phone=CLEAN,
                district=CLEAN,
                province=CLEAN,
                email=CLEAN,
                website=st.just("https://www.test.go.th/"),
                logo=st.just("files/logo.png"),
            ),
        },
        **_fields(draw, display=st.sampled_from([{"numerals": "thai"}, {"numerals": "arabic"}])),
    }
    documents: dict[str, Any] = {
        "site.yml": site,
        f"{year}/measures.yml": {
            "measures": measures,
            **_fields(draw, intro=CLEAN_MD, summary=CLEAN_MD, memo=memo, title=CLEAN),
        },
    }
    score = st.floats(0, 100).map(lambda f: round(f, 2))
    if draw(st.booleans()):
        documents[f"{year}/analysis.yml"] = {
            "overall": {"score": draw(score)},
            "indicators": [
                {"no": i, "score": draw(score), "analysis": draw(CLEAN_MD)}
                for i in draw(st.lists(st.integers(1, 10), max_size=3, unique=True))
            ],
            **_fields(
                draw,
                intro=CLEAN_MD,
                summary=CLEAN_MD,
                title=CLEAN,
                memo=memo,
                announced=date,
                threshold=score,
            ),
        }
    evidence = st.one_of(
        file_ref,
        st.builds(lambda t: {"title": t, "url": "https://www.test.go.th/x?a=1&b=2"}, CLEAN),
        st.builds(lambda t, f: {"title": t, "file": f}, CLEAN, file_ref),
    )
    for slug in draw(
        st.lists(st.sampled_from(["6-month", "annual", "q1", "q4"]), max_size=2, unique=True)
    ):
        documents[f"{year}/reports/{slug}.yml"] = {
            "round": slug,
            "results": [
                {
                    "measure": draw(st.integers(1, n)),
                    "status": draw(
                        st.sampled_from(["done", "in_progress", "not_started", "cancelled"])
                    ),
                    "actions": draw(texts),
                    **_fields(
                        draw,
                        outcomes=texts,
                        problems=texts,
                        suggestions=texts,
                        notes=texts,
                        measure_text=CLEAN,
                    ),
                    "evidence": draw(st.lists(evidence, max_size=2)),
                }
                for _ in range(draw(st.integers(1, 2)))
            ],
            **_fields(
                draw, intro=CLEAN_MD, summary=CLEAN_MD, memo=memo, title=CLEAN, reported=date
            ),
        }
    if draw(st.integers(0, 3)) == 0:
        documents[f"frameworks/{year - 1}.yml"] = {
            "oit": [
                {"code": f"O{draw(st.integers(1, 50))}", "name": draw(CLEAN), "sub": "10.2"}
                for _ in range(draw(st.integers(1, 2)))
            ]
        }
    pdf = b"%PDF-1.4\n%%EOF\n"
    png = b"\x89PNG\r\n\x1a\n" + bytes(16)
    files: dict[str, bytes] = {
        f"{year}/{rel}": png if rel.endswith(".png") else pdf for rel in attachments
    }
    files["files/logo.png"] = png
    for rel, data in documents.items():
        files[rel] = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode(
            "utf-8", "surrogatepass"
        )
    for slug in draw(st.lists(st.sampled_from(["p", "policy", "a-b"]), max_size=2, unique=True)):
        meta = {
            "title": draw(CLEAN),
            **_fields(
                draw,
                updated=date,
                description=CLEAN,
                oit=st.lists(st.sampled_from(["O1", "O31"]), max_size=2, unique=True),
            ),
        }
        front = yaml.safe_dump(meta, allow_unicode=True)
        files[f"{year}/pages/{slug}.md"] = ("---\n" + front + "---\n" + draw(CLEAN_MD)).encode(
            "utf-8", "surrogatepass"
        )
    return files


class Tree:
    """A content tree, shown in a failing example as it would be written to disk, each
    file cut at :data:`SHOWN` bytes (the whole tree can be hundreds of kB)."""

    SHOWN = 1500

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files

    def __repr__(self) -> str:
        parts = []
        for rel, data in self.files.items():
            text = (
                repr(data)
                if len(data) <= self.SHOWN
                else f"{data[: self.SHOWN]!r}... ({len(data)} bytes)"
            )
            parts.append(f"    {rel!r}: {text},")
        return "Tree({\n" + "\n".join(parts) + "\n})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))


TREES = st.one_of(
    content_trees(), mostly_valid_trees(), good_pages(), gentle_trees(), gentle_trees()
).map(Tree)

# --- running a command ------------------------------------------------------------------


def tree_hash(root: Path) -> dict[str, tuple[object, ...]]:
    found: dict[str, tuple[object, ...]] = {}
    for folder, dirs, names in os.walk(root):
        for name in (*dirs, *names):
            path = Path(folder, name)
            info = path.lstat()
            rel = path.relative_to(root).as_posix()
            if stat.S_ISREG(info.st_mode):
                found[rel] = (
                    "file",
                    hashlib.sha256(path.read_bytes()).hexdigest(),
                    info.st_mtime_ns,
                )
            else:
                found[rel] = (stat.S_IFMT(info.st_mode),)
    return found


class Hang(Exception):
    """A command that does not answer.  cli.main turns it into its "unexpected" line and
    exit 1; :func:`run` then fails the example on the time it took (an Exception, not
    a BaseException, so that Hypothesis shrinks the tree that hangs)."""


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def expired(signum: int, frame: object) -> None:
        raise Hang(f"no answer after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _resident() -> tuple[int, int] | None:
    """This process's resident memory now and at its peak (Linux), in bytes."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return None
    now, high = (re.search(rf"^{key}:\s+([0-9]+) kB", status, re.M) for key in ("VmRSS", "VmHWM"))
    return (int(now[1]) * 1024, int(high[1]) * 1024) if now and high else None


def _reset_peak() -> bool:
    """Start measuring the peak afresh (Linux: "5" to clear_refs resets VmHWM)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def run(*argv: str) -> tuple[int, str, str]:
    """``cli.main(argv)`` with its output captured; its time and memory bounded.

    Memory is the growth of the process's peak resident size over the command (no
    tracing overhead); where the peak cannot be reset, only the whole-process ceiling
    :data:`RSS_BYTES` is checked."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")  # `oit --csv` writes bytes
    err = io.StringIO()
    base = _resident() if _reset_peak() else None
    started = time.monotonic()
    try:
        with _alarm(SECONDS * 3), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(list(argv))
    finally:
        elapsed = time.monotonic() - started
        end = _resident()
        peak = end[1] - base[0] if base and end else 0
        out.flush()
    note(f"{argv[0]}: exit {code}, {elapsed:.2f} s, peak {peak / 1e6:.0f} MB\n{err.getvalue()}")
    assert elapsed < SECONDS, f"{argv[0]} took {elapsed:.1f} s"
    assert peak < PEAK_BYTES, f"{argv[0]} grew by {peak / 1e6:.0f} MB"
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 < RSS_BYTES
    assert code in (0, 1), (code, err.getvalue())
    return code, out.buffer.getvalue().decode("utf-8"), err.getvalue()


def assert_lines(err: str, code: int, content: str) -> None:
    """Every line a problem ``path[:line]: …`` in Thai on one line, then the count and
    the command's closing line."""
    assert UNEXPECTED not in err, err
    assert "Traceback" not in err, err
    lines = err.split("\n")
    assert lines[-1] == "", repr(err)
    lines = lines[:-1]
    for line in lines:
        hidden = [c for c in line if unicodedata.category(c) in ("Cc", "Zl", "Zp") or c in _BIDI]
        assert not hidden, f"raw control character {hidden!r} in {line!r}"
        assert THAI.search(line), f"no Thai in {line!r}"
    closing = {0: ("ตรวจแล้ว: ", "สร้างเว็บไซต์แล้วที่ "), 1: ()}[code]
    body = [line for line in lines if not line.startswith(closing)] if closing else lines
    if code == 1:
        assert body, "a refusal says why"
        assert COUNT.match(body[-1]), f"the last line is not the count: {body[-1]!r}"
    problems = [line for line in body if not COUNT.match(line)]
    for line in problems:
        assert re.match(rf"^{re.escape(content)}(?:/[^\n]*?)?(?::[0-9]+)?: \S", line), (
            f"not path[:line]: … {line!r}"
        )


def write(root: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


@pytest.fixture
def _no_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITLAB_CI"):
        monkeypatch.delenv(name, raising=False)


RUNS = ("javascript:", "vbscript:", "data:text")


class _Dangers(HTMLParser):
    """What of a built page could run: a script holding a payload of the trees, an event
    handler attribute, a javascript: link; in the article (the content's part: the
    theme has its own search form), a frame, an object or a form."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._script = False
        self._article = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._article += tag == "article"
        if self._article and tag in ("iframe", "frame", "object", "embed", "form"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            link = re.sub(r"[\x00-\x20]", "", value or "").lower()
            if name in ("href", "src", "action", "formaction") and link.startswith(RUNS):
                self.found.append(f"<{tag} {name}={link[:40]!r}>")
        self._script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._article -= tag == "article" and self._article > 0
        self._script = False

    def handle_data(self, data: str) -> None:
        if self._script and ("alert(" in data or "os.system" in data):
            self.found.append(f"<script>{data.strip()[:40]!r}")


def dangers(site: Path) -> list[str]:
    found = []
    for page in sorted(site.rglob("*.html")):
        parser = _Dangers()
        parser.feed(page.read_text(encoding="utf-8"))
        found += [f"{page.relative_to(site)}: {d}" for d in parser.found]
    return found


def years_of(content: Path) -> list[str]:
    return sorted(p.name for p in content.iterdir() if re.fullmatch("[0-9]{4}", p.name))


@pytest.fixture(scope="module")
def _warm(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every command once on a good tree, before the examples: the first build imports
    MkDocs and Material and loads the Thai dictionary, which no example should pay for
    (the deadline is per example)."""
    base = tmp_path_factory.mktemp("warm")
    write(base / "content", valid_tree())
    common = ("--content", str(base / "content"), "--config", str(ROOT / "mkdocs.yml"))
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert cli.main(["check", *common]) == 0
        assert cli.main(["build", *common, "--site-dir", str(base / "site")]) == 0
        assert cli.main(["generate", *common, "--out", str(base / "gen")]) == 0
        assert cli.main(["oit", "2566", *common]) == 0


@pytest.mark.usefixtures("_no_ci", "_warm")
@given(
    tree=TREES,
    then=st.sampled_from(["build", "build", "generate", "oit", "none"]),
    github=st.booleans(),
)
def test_any_tree_is_checked_and_built_safely(
    tree: Tree, then: str, github: bool, tmp_path_factory: pytest.TempPathFactory
) -> None:
    files = tree.files
    base = Path(tempfile.mkdtemp(prefix="fuzz-", dir=tmp_path_factory.getbasetemp()))
    here = Path.cwd()
    os.chdir(base)
    try:
        write(base / "content", files)
        note(f"tree: {sorted(files)}")
        before = tree_hash(base)
        config = str(ROOT / "mkdocs.yml")
        common = ("--content", "content", "--config", config)
        if github:
            os.environ["GITHUB_ACTIONS"] = "true"
        try:
            code, out, err = run("check", *common)
        finally:
            os.environ.pop("GITHUB_ACTIONS", None)
        event(f"check exit {code}")
        assert_lines(err, code, "content")
        assert tree_hash(base) == before, "check wrote something"
        if github:
            problems = [line for line in err.split("\n") if line.startswith("content")]
            commands = out.split("\n")[:-1] if out else []
            assert all(re.match(r"^::(?:error|warning) file=", c) for c in commands), commands
            assert len(commands) == len(problems), (commands, problems)
        # A refused tree is refused by build before MkDocs starts (cheap): every one is
        # built.  An accepted one is built (a real build), generated, or its OIT
        # readiness asked for, as drawn.
        if code == 1 or then == "build":
            bcode, _, berr = run("build", *common, "--site-dir", "site")
            event(f"build exit {bcode}")
            assert_lines(berr, bcode, "content")
            assert bcode == code, f"check said {code}, build said {bcode}: {berr}"
            after = tree_hash(base)
            if bcode == 1:
                assert after == before, "a refused build wrote something"
            else:
                assert (base / "site" / "index.html").is_file()
                assert (base / "site" / ".site-builder").is_file()
                assert {k: v for k, v in after.items() if not k.startswith("site")} == before
                assert sorted(p.name for p in Path(base).iterdir()) == ["content", "site"], (
                    "a staging folder was left"
                )
                assert dangers(base / "site") == []
        elif then == "generate":
            gcode, _, gerr = run("generate", *common, "--out", "gen")
            event(f"generate exit {gcode}")
            assert gcode == 0, gerr
            assert {k: v for k, v in tree_hash(base).items() if not k.startswith("gen")} == before
            assert sorted(p.name for p in Path(base).iterdir()) == ["content", "gen"], (
                "a staging folder was left"
            )
        elif then == "oit":
            for year in years_of(base / "content"):
                for csv in ((), ("--csv",)):
                    ocode, oout, oerr = run("oit", year, *common, *csv)
                    assert ocode == 0, oerr
                    assert UNEXPECTED not in oerr, oerr
                    if csv:
                        assert oout.startswith("\ufeff"), oout[:40]
            assert tree_hash(base) == before, "oit wrote something"
    finally:
        os.chdir(here)
        shutil.rmtree(base, ignore_errors=True)
