"""``site-builder pdf``: the official pages printed by the system's Chromium, read back.

The PDFs are read with poppler (``pdftotext``, ``pdfinfo``, ``pdffonts``): the Thai text
must be what the page shows, ำ and stacked marks included, in the site's own font and
print layout; the pages link their PDFs and a plain build links none; a failure leaves
the previous site as it was.  A stand-in ``chromium`` (a shell script on PATH) plays a
browser that fails, hangs or writes garbage; the real one prints everything else.
"""

from __future__ import annotations

import hashlib
import html
import html.parser
import os
import posixpath
import re
import shutil
import socket
import struct
import subprocess
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from helpers import CHROMIUM, FIXTURES, ROOT, derived_config, page_html, run_cli, write_tree
from site_builder import paths
from site_builder.pdf import document as pdf_document
from site_builder.pdf import printer
from site_builder.plan import SitePlan, build_plan
from site_builder.tree import Content
from site_builder.tree.loader import load

SEED = FIXTURES / "seeds" / "000"
SEED_URL = "https://www.wangphai.example/ita/"
EPOCH = "1700000000"  # 14 November 2023 22:13:20 UTC
_LIST_MARK = re.compile(r"^(?:[0-9๐-๙]+\.|•)")
PDF_LINK = re.compile(r'<p class="ita-pdf"><a href="([^"]+)" type="application/pdf">')


def _expected(content: Content) -> dict[str, str]:
    """PDF site path -> URL of the page it prints, for every official page of ``content``."""
    found = {}
    for year in content.years:
        y = year.year
        if year.analysis is not None:
            found[paths.analysis_pdf(y)] = paths.page_url(paths.analysis(y))
        if year.measures is not None:
            found[paths.measures_pdf(y)] = paths.page_url(paths.measures(y))
        for report in year.reports:
            found[paths.report_pdf(y, report.name)] = paths.page_url(paths.report(y, report.name))
    return found


def _pdf_cli(content: Path, site: Path, *extra: str) -> None:
    from site_builder import cli

    argv = ["pdf", "--content", str(content), "--site-dir", str(site), *extra]
    assert cli.main(argv) == 0


_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>'
)
# A mark painted without its letter: a Thai consonant and the vowels and tone marks above it.
_MARKS_ONLY = re.compile("[\u0e01-\u0e2e][\u0e31\u0e34-\u0e37\u0e47-\u0e4e]+")


def _words(path: Path) -> list[str]:
    """The PDF's words in the order they are drawn (the page's order), but those of no
    width: Chromium also paints the marks above a line that opens a page in the bottom
    margin of the page before (a known quirk of its printing, the same in the browser),
    where poppler reads them as stray clusters (ชี้ ที่).  Only such clusters may be so."""
    done = subprocess.run(
        ["pdftotext", "-raw", "-bbox", str(path), "-"], capture_output=True, check=True
    )
    assert done.stderr == b"", done.stderr  # poppler complains about a broken file
    words = [
        (float(x0), float(x1), html.unescape(word))
        for x0, x1, word in _WORD.findall(done.stdout.decode("utf-8"))
    ]
    ghosts = [word for x0, x1, word in words if x1 <= x0]
    assert all(_MARKS_ONLY.fullmatch(g) for g in ghosts), ghosts
    return [word for x0, x1, word in words if x1 > x0]


def _text(path: Path) -> str:
    """The PDF's text in the order it is drawn, a space between words."""
    return " ".join(_words(path))


def _info(path: Path, *args: str) -> str:
    done = subprocess.run(["pdfinfo", *args, str(path)], capture_output=True, check=True)
    assert done.stderr == b"", done.stderr
    return done.stdout.decode("utf-8")


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _tree(root: Path) -> dict[str, str]:
    """Every file under ``root`` (hidden ones too) with its SHA-256."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


class _Fragments(html.parser.HTMLParser):
    """The runs of text of a page's article between block boundaries (a paragraph, an
    item, a cell, a heading...), spaces removed, leaving out what print hides (the PDF
    link, the scroll hint, the heading anchors)."""

    BLOCKS = frozenset(
        {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "dt", "dd", "div", "section"}
        | {"ol", "ul", "table", "thead", "tbody", "tr"}
    )
    HIDDEN = frozenset({"ita-pdf", "ita-scroll__hint", "headerlink"})
    VOID = frozenset({"br", "img", "hr", "wbr", "input"})

    def __init__(self) -> None:
        super().__init__()
        self.fragments: list[str] = []
        self.run: list[str] = []
        self.hidden = 0
        self.in_article = False

    def _flush(self) -> None:
        text = _squeeze("".join(self.run))
        if text:
            self.fragments.append(text)
        self.run = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.in_article = True
        if tag in self.VOID:
            return
        if self.hidden or self.HIDDEN & set((dict(attrs).get("class") or "").split()):
            self.hidden += 1
        elif tag in self.BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if self.hidden:
            self.hidden -= 1
        elif tag in self.BLOCKS or tag == "article":
            self._flush()
        if tag == "article":
            self.in_article = False

    def handle_data(self, data: str) -> None:
        if self.in_article and not self.hidden:
            self.run.append(data)


def _fragments(document: str) -> list[str]:
    parser = _Fragments()
    parser.feed(document)
    return parser.fragments


# -- the bundled content, printed once ---------------------------------------------------


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("pdf") / "site"
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("SOURCE_DATE_EPOCH", raising=False)
        _pdf_cli(ROOT / "content", site)
    return site


@pytest.fixture(scope="module")
def bundled_content() -> Content:
    return load(ROOT / "content")


@pytest.mark.browser
@pytest.mark.slow
def test_every_official_page_links_its_pdf_and_nothing_else_does(
    bundled: Path, bundled_content: Content
) -> None:
    expected = _expected(bundled_content)
    assert len(expected) == 7  # 2566: analysis, measures, 2 reports; 2567: 3
    printed = {p.relative_to(bundled).as_posix() for p in bundled.rglob("ita-*.pdf")}
    assert printed == set(expected)
    for pdf_path, url in expected.items():
        document = page_html(bundled, "/" + url)
        links = PDF_LINK.findall(document)
        assert len(links) == 1, url
        target = posixpath.normpath(posixpath.join(url, urllib.parse.unquote(links[0])))
        assert target == pdf_path
        assert (bundled / target).read_bytes().startswith(b"%PDF-")
    linking = {
        p.relative_to(bundled).as_posix()
        for p in bundled.rglob("*.html")
        if 'class="ita-pdf"' in p.read_text(encoding="utf-8")
    }
    assert linking == {url + "index.html" for url in expected.values()}


@pytest.mark.browser
@pytest.mark.slow
def test_the_pdf_holds_every_text_the_page_shows_thai_marks_intact(
    bundled: Path, bundled_content: Content
) -> None:
    for pdf_path, url in _expected(bundled_content).items():
        text = _text(bundled / pdf_path)
        flat = _squeeze(text)
        fragments = _fragments(page_html(bundled, "/" + url))
        assert len(fragments) > 30, url
        # Every run of text of the page is in its PDF, as it is written ...
        missing = [f for f in fragments if f not in flat]
        assert missing == [], (pdf_path, missing[:5])
        # ... and every word of the PDF is text of the page (list numbers are the
        # browser's): nothing garbled, nothing added (no header, footer or URL).
        page = "".join(fragments)
        extra = [
            word
            for word in _words(bundled / pdf_path)
            if word not in page and _LIST_MARK.sub("", word) not in page
        ]
        assert extra == [], (pdf_path, extra[:5])
        # SARA AM as one letter (WeasyPrint drops it; a decomposed one is NIKHAHIT + AA),
        # no Private Use code points in place of tone marks.
        assert "ดำเนิน" in flat  # ดำเนินการ, ดำเนินงาน
        assert "ดาเนิน" not in flat
        assert "\u0e4d\u0e32" not in text
        assert not re.search("[\ue000-\uf8ff]", text)


@pytest.mark.browser
@pytest.mark.slow
def test_the_facts_of_the_content_are_in_the_pdfs(bundled: Path, bundled_content: Content) -> None:
    year = next(y for y in bundled_content.years if y.year == 2566)
    assert year.analysis is not None
    assert year.measures is not None
    analysis = _squeeze(_text(bundled / paths.analysis_pdf(2566)))
    assert year.analysis.overall is not None
    assert f"{year.analysis.overall.score:.2f}" == "91.37"
    assert "91.37" in analysis
    for row in year.analysis.indicators:
        assert f"{row.score:.2f}" in analysis
        assert _squeeze(str(row.analysis)) in analysis  # ที่ ทั้ง ต้อง: stacked marks
    assert "ทั่วถึง" in analysis
    assert "ที่ปฏิบัติงาน" in analysis
    measures = _squeeze(_text(bundled / paths.measures_pdf(2566)))
    for m in year.measures.measures:
        assert _squeeze(m.title) in measures
    assert "การยืม–คืนทรัพย์สินของทางราชการ" in measures
    report = _squeeze(_text(bundled / paths.report_pdf(2566, "6-month")))
    assert "บันทึกข้อความ" in report
    assert "รอบ6เดือน" in report


@pytest.mark.browser
@pytest.mark.slow
def test_pdfs_are_a4_tagged_in_the_sites_font(bundled: Path) -> None:
    report = bundled / paths.report_pdf(2566, "6-month")
    info = _info(report)
    assert "Tagged:          yes" in info
    assert "CreationDate" not in info  # no SOURCE_DATE_EPOCH
    assert "ModDate" not in info
    sizes = re.findall(
        r"Page +\d+ size: +([\d.]+) x ([\d.]+)", _info(report, "-f", "1", "-l", "99")
    )
    pages = [(round(float(w)), round(float(h))) for w, h in sizes]
    assert pages[0] == (595, 842)  # the memo, portrait
    assert (842, 595) in pages  # the official table, landscape
    fonts = subprocess.run(["pdffonts", str(report)], capture_output=True, check=True).stdout
    embedded = re.findall(rb"^\S+\+(\S+)\s.*\byes\s+yes\s+yes\b", fonts, re.M)
    assert set(embedded) == {b"Sarabun-Regular", b"Sarabun-Bold"}


@pytest.mark.browser
@pytest.mark.slow
def test_links_inside_a_pdf_lead_into_the_site_not_to_the_printing_machine(
    bundled: Path, bundled_content: Content
) -> None:
    for pdf_path in _expected(bundled_content):
        data = (bundled / pdf_path).read_bytes()
        assert b"127.0.0.1" not in data
        uris = [u.decode() for u in re.findall(rb"/URI \(([^)]*)\)", data)]
        inside = [u for u in uris if not u.startswith(("https:", "http:", "mailto:"))]
        assert inside, pdf_path  # every official page links its indicators or measures
        for uri in inside:
            target = posixpath.normpath(
                posixpath.join(posixpath.dirname(pdf_path), urllib.parse.unquote(uri))
            )
            there = bundled / target
            assert there.is_file() or (there / "index.html").is_file(), (pdf_path, uri)


# -- a seed document with site_url, twice ------------------------------------------------


@pytest.mark.browser
@pytest.mark.slow
def test_a_seed_prints_with_links_under_site_url_and_the_date_of_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    config = derived_config(tmp_path, f"site_url: {SEED_URL}\n")
    site = tmp_path / "site"
    _pdf_cli(SEED, site, "--config", str(config))
    printed = sorted(p.relative_to(site).as_posix() for p in site.rglob("ita-*.pdf"))
    assert printed == [
        "2566/analysis/ita-2566-analysis.pdf",
        "2566/measures/ita-2566-measures.pdf",
        "2566/reports/annual/ita-2566-report-annual.pdf",
    ]
    analysis = site / paths.analysis_pdf(2566)
    info = _info(analysis)
    assert "CreationDate:    Tue Nov 14 22:13:20 2023 UTC" in info
    assert "ModDate:         Tue Nov 14 22:13:20 2023 UTC" in info
    facts = yaml.safe_load((SEED / "facts.yml").read_text(encoding="utf-8"))
    text = _squeeze(_text(analysis))
    for fact in facts["pages"]["/2566/analysis/"]:
        assert _squeeze(fact) in text
    uris = re.findall(rb"/URI \(([^)]*)\)", analysis.read_bytes())
    assert b"https://www.wangphai.example/ita/2566/indicators/8/" in uris
    assert all(u.startswith(b"https://www.wangphai.example/ita/") for u in uris)
    measures = _squeeze(_text(site / paths.measures_pdf(2566)))
    assert "จัดทำสมุดคู่มือการยืม–คืนทรัพย์ของราชการ" in measures
    annual = _squeeze(_text(site / paths.report_pdf(2566, "annual")))
    assert _squeeze("ทำการรายงานข้อมูลทั้งหมดโดยระบุปัญหา อุปสรรค และข้อเสนอแนะ อีกครั้ง") in annual
    assert "ตัวชี้วัดที่8การปรับปรุงระบบการทำงาน" in measures


@pytest.mark.browser
@pytest.mark.slow
def test_printed_again_elsewhere_and_later_the_same_bytes(bundled: Path, tmp_path: Path) -> None:
    again = shutil.copytree(bundled, tmp_path / "site")
    pdfs = {paths.report_pdf(2566, "6-month"): paths.report(2566, "6-month")}  # memo, tables
    for pdf_path in pdfs:
        (again / pdf_path).unlink()
    assert CHROMIUM is not None
    time.sleep(1)  # another second for Chromium's dates, other ports for its links
    assert printer.print_site(again, SitePlan(pdfs=pdfs), CHROMIUM) == list(pdfs)
    for pdf_path in pdfs:
        assert (again / pdf_path).read_bytes() == (bundled / pdf_path).read_bytes(), pdf_path


# -- a plain build, and what the plan says ----------------------------------------------


def test_a_plain_build_links_no_pdf(demo_site: Path) -> None:
    assert not list(demo_site.rglob("ita-*.pdf"))
    for page in demo_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert 'class="ita-pdf"' not in text, page
        assert not re.search(r'href="[^"]*ita-\d{4}-[^"]*\.pdf"', text), page


def test_the_plan_with_pdfs_lists_exactly_the_pdfs_its_pages_link(
    bundled_content: Content,
) -> None:
    plain = build_plan(bundled_content)
    assert plain.pdfs == {}
    assert not any("ita-pdf" in page.markdown for page in plain.pages)
    with_pdfs = build_plan(bundled_content, pdf=True)
    expected = _expected(bundled_content)
    assert {p: paths.page_url(s) for p, s in with_pdfs.pdfs.items()} == expected
    linking = {page.path for page in with_pdfs.pages if "ita-pdf" in page.markdown}
    assert linking == set(with_pdfs.pdfs.values())
    # The other pages are the same as a plain build's.
    others = [(p.path, p.markdown) for p in with_pdfs.pages if p.path not in linking]
    assert others == [(p.path, p.markdown) for p in plain.pages if p.path not in linking]
    assert not set(with_pdfs.pdfs) & with_pdfs.site_paths()


# -- the PDF as published, on a PDF laid out as Chromium's ------------------------------

ORIGIN = "http://127.0.0.1:40123"
HERE = "2566/analysis/ita-2566-analysis.pdf"


def _chromium_like(*links: str, date: bytes = b"D:20261202014320+00'00'") -> bytes:
    """A small PDF as Skia writes it: objects, one classic cross-reference table, the
    dates in the Info dictionary, structure elements named by node numbers."""
    objects = [
        b"<</Type /Catalog /Pages 2 0 R>>",
        b"<</Type /Pages /Kids [3 0 R] /Count 1>>",
        b"<</Type /Page /Parent 2 0 R /Annots [%s]>>"
        % b" ".join(b"%d 0 R" % (7 + i) for i in range(len(links))),
        b"<</Type /StructElem /ID (node00000312) /K 0>>",
        b"<</Type /StructElem /ID (node00000282) /A <</O /Table /Headers [(node00000312)]>>>>",
        b"<</Title (t)\n/CreationDate (" + date + b")\n/ModDate (" + date + b")>>",
        *(
            b"<</Type /Annot /Subtype /Link /A <</S /URI /URI (%s)>>>>" % link.encode()
            for link in links
        ),
    ]
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d\n/Root 1 0 R\n/Info 6 0 R>>\n" % (len(objects) + 1)
    return out + b"startxref\n%d\n%%%%EOF" % xref


def _objects(data: bytes) -> dict[int, bytes]:
    """Each object's body, found where the cross-reference table says it starts."""
    xref = int(re.search(rb"startxref\n(\d+)\n%%EOF\Z", data)[1])  # type: ignore[index]
    entries = re.findall(rb"(\d{10}) 00000 n", data[xref:])
    bodies = {}
    for number, offset in enumerate((int(e) for e in entries), start=1):
        head = b"%d 0 obj\n" % number
        assert data.startswith(head, offset), number
        bodies[number] = data[offset + len(head) : data.index(b"\nendobj", offset)]
    return bodies


def _misplaced(data: bytes) -> bytes:
    """``data`` with the first object listed a byte after where it starts."""
    entry = re.search(rb"(\d{10}) 00000 n", data)
    assert entry is not None
    return data[: entry.start(1)] + b"%010d" % (int(entry[1]) + 1) + data[entry.end(1) :]


def _links(data: bytes) -> list[bytes]:
    bodies = _objects(data).values()
    return [body.rpartition(b"/URI ")[2][: -len(">>>>")] for body in bodies if b"/URI " in body]


def test_links_into_the_site_become_relative_to_the_pdf_without_site_url() -> None:
    data = _chromium_like(
        f"{ORIGIN}/2566/measures/1/#x",
        f"{ORIGIN}/",
        f"{ORIGIN}/2566/files/%E0%B8%9A.pdf",
        f"{ORIGIN}/2566/analysis/?q=1",
        "https://www.nacc.go.th/",
    )
    done = pdf_document.finish_pdf(data, origin=ORIGIN, pdf_path=HERE, site_url=None, epoch=None)
    assert _links(done) == [
        b"(../measures/1/#x)",
        b"(../../)",
        b"(../files/%E0%B8%9A.pdf)",
        b"(./?q=1)",
        b"(https://www.nacc.go.th/)",
    ]
    bodies = _objects(done)
    assert bodies[6] == b"<</Title (t)>>"  # no date without SOURCE_DATE_EPOCH
    assert bodies[4] == b"<</Type /StructElem /ID (node00000002) /K 0>>"
    assert b"/ID (node00000001) /A <</O /Table /Headers [(node00000002)]>>" in bodies[5]


def test_links_go_under_site_url_and_the_dates_are_source_date_epoch() -> None:
    data = _chromium_like(f"{ORIGIN}/2566/measures/1/", f"{ORIGIN}/2566/files/a%20\\(1\\).pdf")
    done = pdf_document.finish_pdf(
        data, origin=ORIGIN, pdf_path=HERE, site_url="https://www.tambon.go.th/ita/", epoch=EPOCH
    )
    assert _links(done) == [
        b"(https://www.tambon.go.th/ita/2566/measures/1/)",
        b"(https://www.tambon.go.th/ita/2566/files/a%20\\(1\\).pdf)",
    ]
    assert _objects(done)[6] == (
        b"<</Title (t)\n/CreationDate (D:20231114221320+00'00')"
        b"\n/ModDate (D:20231114221320+00'00')>>"
    )
    # The same PDF printed at another moment from another port: the same bytes.
    other = _chromium_like(
        "http://127.0.0.1:9/2566/measures/1/",
        "http://127.0.0.1:9/2566/files/a%20\\(1\\).pdf",
        date=b"D:20270101000000+00'00'",
    )
    again = pdf_document.finish_pdf(
        other,
        origin="http://127.0.0.1:9",
        pdf_path=HERE,
        site_url="https://www.tambon.go.th/ita/",
        epoch=EPOCH,
    )
    assert again == done


@pytest.mark.parametrize(
    ("broken", "reason"),
    [
        (
            b"%PDF-1.5\n1 0 obj\n<</Type /XRef>>\nstream\nendstream\nendobj\nstartxref\n9\n%%EOF",
            "ไม่พบตาราง xref",
        ),
        (
            _chromium_like(f"{ORIGIN}/a/").replace(b"trailer\n<<", b"trailer\n<</Prev 9 "),
            "มีการแก้ไขต่อท้ายไฟล์",
        ),
        (_misplaced(_chromium_like(f"{ORIGIN}/a/")), "วัตถุที่ 1 ไม่อยู่ที่ตำแหน่งในตาราง xref"),
        (_chromium_like(f"{ORIGIN}/a\\/"), "ลิงก์ที่เขียนด้วยรหัสหลีก"),
        (
            _chromium_like(f"{ORIGIN}/a/").replace(b"/URI (%s/a/)" % ORIGIN.encode(), b"/URI <00>"),
            "ลิงก์ที่เขียนเป็นเลขฐานสิบหก",
        ),
    ],
    ids=["xref-stream", "update", "wrong-offset", "escaped-link", "hex-link"],
)
def test_a_pdf_not_laid_out_as_chromiums_is_refused(broken: bytes, reason: str) -> None:
    with pytest.raises(ValueError, match=f"^{reason}$"):
        pdf_document.finish_pdf(broken, origin=ORIGIN, pdf_path=HERE, site_url=None, epoch=None)


# -- failures: nothing changes -----------------------------------------------------------

SMALL = {
    "site.yml": "organization: {name: เทศบาลตำบลทดสอบ}\n",
    "2566/measures.yml": (
        "measures:\n  - {no: 1, title: ดำเนินการตามคู่มือ, indicators: [1], steps: ทำ,"
        " responsible: สำนักปลัด}\n"
    ),
    "2566/reports/6-month.yml": (
        "round: 6-month\nresults:\n  - {measure: 1, status: done, actions: ดำเนินการแล้วทั้งหมด}\n"
    ),
}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding a small content tree and a site built from it (no PDFs)."""
    root = tmp_path_factory.mktemp("small")
    write_tree(root / "content", SMALL)
    from site_builder import cli

    argv = ["build", "--content", str(root / "content"), "--site-dir", str(root / "site")]
    assert cli.main(argv) == 0
    return root


@pytest.fixture
def old_site(small: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """:func:`small`, as the working folder; checks after the test that its site is as it
    was and that nothing was left beside it."""
    monkeypatch.chdir(small)
    before = _tree(small / "site")
    yield small
    assert _tree(small / "site") == before
    assert sorted(p.name for p in small.iterdir()) == ["content", "site"]


def _fake_chromium(monkeypatch: pytest.MonkeyPatch, folder: Path, script: str) -> None:
    """A ``chromium`` first on PATH that runs ``script`` (sh) with Chromium's arguments."""
    folder.mkdir(exist_ok=True)
    fake = folder / "chromium"
    fake.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")


def test_without_chromium_one_thai_line_and_nothing_written(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(chdir_tmp / "content", SMALL)
    (chdir_tmp / "bin").mkdir()
    monkeypatch.setenv("PATH", str(chdir_tmp / "bin"))
    code, out, err = run_cli("pdf", "--content", "content", "--site-dir", "site", capsys=capsys)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "site-builder pdf: ไม่พบโปรแกรม Chromium ที่ใช้พิมพ์หน้าเป็นไฟล์ PDF: ติดตั้งด้วยคำสั่ง "
        "sudo apt-get install chromium fonts-thai-tlwg แล้วสั่งใหม่ (ยังไม่ได้สร้างหรือเปลี่ยนแปลงไฟล์ใด)"
    ]
    assert sorted(p.name for p in chdir_tmp.iterdir()) == ["bin", "content"]


@pytest.mark.slow
def test_a_browser_that_prints_nothing_leaves_the_old_site(
    old_site: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # What Chromium does when a page cannot be opened: says so, writes nothing, exits 0.
    _fake_chromium(monkeypatch, tmp_path, 'echo "Page load failed: net::ERR_FAILED"\n')
    code, _, err = run_cli("pdf", "--content", "content", "--site-dir", "site", "-v", capsys=capsys)
    assert code == 1
    assert err.splitlines()[-2:] == [
        "Page load failed: net::ERR_FAILED",  # what Chromium said, with -v
        "/2566/measures/: Chromium ไม่ได้เขียนไฟล์ PDF ของหน้านี้: ลองสั่งใหม่อีกครั้ง"
        " หรือสั่งพร้อม -v เพื่อดูข้อความของ Chromium (เว็บไซต์เดิมยังอยู่ ไม่ได้เปลี่ยนแปลง)",
    ]


@pytest.mark.slow
def test_a_browser_that_hangs_is_stopped_with_its_children(
    old_site: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(printer, "PAGE_SECONDS", 1.0)
    pids = tmp_path / "pids"
    _fake_chromium(monkeypatch, tmp_path, f"sleep 60 &\necho $$ $! >> {pids}\nwait\n")
    started = time.monotonic()
    code, _, err = run_cli("pdf", "--content", "content", "--site-dir", "site", capsys=capsys)
    assert code == 1
    assert time.monotonic() - started < 30
    assert err.splitlines()[-1].startswith(
        "/2566/measures/: Chromium พิมพ์หน้านี้ไม่เสร็จภายใน 1 วินาที จึงหยุดไว้: ลองสั่งใหม่อีกครั้ง"
    )
    for pid in pids.read_text(encoding="utf-8").split():
        stat = Path(f"/proc/{pid}/stat")
        # Gone, or a zombie that init has not reaped yet: never still running.
        assert not stat.exists() or stat.read_text().split(") ")[-1].startswith("Z"), pid


@pytest.mark.browser
@pytest.mark.slow
def test_a_page_that_fails_after_others_printed_leaves_the_old_site(
    old_site: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The real Chromium prints the measures; the report comes out as something not a PDF.
    _fake_chromium(
        monkeypatch,
        tmp_path,
        'case "$*" in\n'
        '  */reports/*) for a; do case "$a" in --print-to-pdf=*) echo oops > "${a#*=}";; esac;'
        " done; exit 0;;\n"
        f'  *) exec "{CHROMIUM}" "$@";;\nesac\n',
    )
    code, _, err = run_cli("pdf", "--content", "content", "--site-dir", "site", capsys=capsys)
    assert code == 1, err
    assert err.splitlines()[-3:] == [
        "พิมพ์ /2566/measures/ เป็น 2566/measures/ita-2566-measures.pdf",
        "พิมพ์ /2566/reports/6-month/ เป็น 2566/reports/6-month/ita-2566-report-6-month.pdf",
        "/2566/reports/6-month/: Chromium ไม่ได้เขียนไฟล์ PDF ของหน้านี้: ลองสั่งใหม่อีกครั้ง"
        " หรือสั่งพร้อม -v เพื่อดูข้อความของ Chromium (เว็บไซต์เดิมยังอยู่ ไม่ได้เปลี่ยนแปลง)",
    ]


def test_a_connection_chromium_drops_prints_nothing(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    # Chromium may close a connection while it stops after printing; the standard
    # library's server would print a traceback for it (seen under load).
    (tmp_path / "big.bin").write_bytes(os.urandom(8 * 1024 * 1024))
    with printer._serving(tmp_path) as server:  # noqa: SLF001 -- the printer's own server
        for _ in range(5):
            client = socket.create_connection(("127.0.0.1", server.server_address[1]))
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            client.sendall(b"GET /big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            client.recv(1024)  # the answer has begun
            client.close()  # reset: the server's writes fail
        time.sleep(0.5)
    assert ("/big.bin", 200) in server.requests
    assert capfd.readouterr().err == ""
