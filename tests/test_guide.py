"""The staff guide at /guide/: built with every site, out of the navigation but in
every footer, its examples valid, its error messages real, its field tables complete."""

from __future__ import annotations

import html
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import yaml

from helpers import (
    ROOT,
    build,
    build_site,
    copy_tree,
    derived_config,
    page_html,
    page_text,
    run_cli,
    write_tree,
)
from sample import sample_tree
from site_builder import exports, guide
from site_builder.format import schema
from site_builder.format.models import EditorSettings
from site_builder.format.validation import validate
from site_builder.format.yamlio import parse
from site_builder.guide.errors import (
    BROKEN,
    BROKEN_FOLDER,
    FILE_MESSAGES,
    WARNING_MESSAGE,
    Broken,
    check_text,
    error_examples,
)
from site_builder.guide.examples import (
    CONTENT,
    EXAMPLE_YEAR,
    EXAMPLES,
    Example,
    examples,
    kind_of,
    skeleton_report,
)
from site_builder.guide.fields import field_rows
from site_builder.plan import build_plan
from site_builder.plugin import ItaConfig
from site_builder.render import Renderer
from site_builder.tree.attachments import MAX_FILE_BYTES
from site_builder.tree.loader import load

GUIDE_URLS = ["/guide/"] + [f"/guide/{name}/" for name, _ in guide.PAGES[1:]]
FOOTER_PAGES = [
    "/",
    "/2566/",
    "/2566/measures/",
    "/2566/measures/1/",
    "/2566/reports/6-month/",
    "/2566/indicators/1/",
    "/indicators/1/",
    "/2566/indicators/10/",
    "/2566/oit/",
    "/guide/",
    "/guide/fields/",
]
SITE_YML = "organization: {name: เทศบาลตำบลวังไผ่}\n"


class _Links(HTMLParser):
    """The links inside Material's navigation (``nav.md-nav``) and the footer's guide link."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []
        self.nav_hrefs: list[str] = []
        self.guide_hrefs: list[str] = []
        self.footer_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "nav":
            self.stack.append("md-nav" in classes)
        if tag == "a" and a.get("href"):
            if any(self.stack):
                self.nav_hrefs.append(a["href"] or "")
            if "ita-guide-link" in classes:
                self.guide_hrefs.append(a["href"] or "")
                assert self.footer_depth, "the guide link is in the footer"
        if tag == "footer":
            self.footer_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self.stack:
            self.stack.pop()
        if tag == "footer":
            self.footer_depth -= 1


def links(document: str) -> _Links:
    parser = _Links()
    parser.feed(document)
    return parser


def resolve(page_url: str, href: str) -> str:
    """The absolute URL path a relative ``href`` on the page at ``page_url`` leads to."""
    if href.startswith("/"):
        return href
    joined = posixpath.normpath(posixpath.join(page_url, href))
    return joined + "/" if href.endswith("/") or href in (".", "") else joined


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("guide-sample")
    content = sample_tree(root / "content")
    return build_site(content, root / "site")


@pytest.fixture(params=["bundled", "sample"])
def site(request: pytest.FixtureRequest) -> Path:
    name = "demo_site" if request.param == "bundled" else "sample_site"
    return Path(request.getfixturevalue(name))


# --- the pages exist, out of the navigation, linked from every footer ------------


# --- the pages exist, out of the navigation, linked from every footer ------------


@pytest.mark.slow
@pytest.mark.parametrize("url", GUIDE_URLS)
def test_guide_pages_are_built(site: Path, url: str) -> None:
    document = page_html(site, url)
    title = dict(guide.PAGES)["index" if url == "/guide/" else url.split("/")[2]]
    assert "<article" in document
    assert re.search(r"<h1[^>]*>" + re.escape(title), document), title
    assert f"<title>{title}" in document


def test_guide_is_in_the_plan_but_not_in_the_nav() -> None:
    loaded = load(ROOT / "content")
    plan = build_plan(loaded)
    paths = [p.path for p in plan.pages]
    assert [f"guide/{name}.md" for name, _ in guide.PAGES] == [
        p for p in paths if p.startswith("guide/")
    ]
    assert "guide/" not in repr(plan.nav)


def test_without_content_the_guide_leaves_out_only_the_sites_own_data() -> None:
    """The preview's error page has no valid content: the same guide, without the
    OIT page's link to the latest year and its sample row of the CSV."""
    loaded = load(ROOT / "content")
    renderer = Renderer(loaded)
    full = {p.path: p.markdown for p in guide.pages(renderer, loaded)}
    bare = {p.path: p.markdown for p in guide.pages(renderer, None)}
    assert list(full) == list(bare) == [f"guide/{name}.md" for name, _ in guide.PAGES]
    assert [path for path in full if full[path] != bare[path]] == ["guide/oit.md"]
    latest = loaded.years[-1].year
    assert f"data/{latest}-oit.csv" in full["guide/oit.md"]
    assert f"data/{latest}-oit.csv" not in bare["guide/oit.md"]
    assert "ตัวอย่างแถวหนึ่ง" in full["guide/oit.md"]
    assert "ตัวอย่างแถวหนึ่ง" not in bare["guide/oit.md"]


@pytest.mark.slow
def test_guide_is_not_in_the_navigation_but_in_the_footer(site: Path) -> None:
    for url in ("/", "/2566/measures/1/", "/guide/", "/guide/errors/"):
        found = links(page_html(site, url))
        assert found.nav_hrefs, url  # the navigation was found...
        assert not [h for h in found.nav_hrefs if "guide" in h], url  # ...without the guide
        assert len(found.guide_hrefs) == 1, url


@pytest.mark.slow
@pytest.mark.parametrize("url", FOOTER_PAGES)
def test_footer_link_resolves_to_the_guide(site: Path, url: str) -> None:
    (href,) = links(page_html(site, url)).guide_hrefs
    assert not href.startswith("/"), "relative, so that it works under any sub-path"
    target = resolve(url, href)
    assert target == "/guide/"
    assert (site / target.strip("/") / "index.html").is_file()


@pytest.mark.slow
def test_previous_next_footer_still_works(site: Path) -> None:
    document = page_html(site, "/2566/measures/1/")
    assert "md-footer__link--prev" in document
    assert "md-footer__link--next" in document


@pytest.mark.slow
def test_footer_link_under_a_sub_path_site_url(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = derived_config(tmp_path, "site_url: https://www.test.go.th/ita/\n")
    site = build(sample_tree(tmp_path / "content"), tmp_path / "site", capsys, config)
    for url in ("/", "/2566/reports/6-month/", "/guide/oit/"):
        (href,) = links(page_html(site, url)).guide_hrefs
        assert resolve("/ita" + url, href) == "/ita/guide/"
    # The 404 page is served at any depth: its link is absolute under the sub-path.
    (href,) = links((site / "404.html").read_text(encoding="utf-8")).guide_hrefs
    assert href == "/ita/guide/"
    # The OIT guide's example row uses the absolute URL that goes into the CSV.
    assert "https://www.test.go.th/ita/2566/" in page_text(site, "/guide/oit/")


@pytest.mark.slow
def test_guide_pages_are_not_in_the_public_search_index(site: Path) -> None:
    """The guide is for staff (issue 14): the public search finds none of its pages,
    while the pages themselves are built (see tests/test_unlisted.py for the sitemap)."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert locations
    for url in GUIDE_URLS:
        assert url.lstrip("/") not in locations
        assert (site / url.lstrip("/") / "index.html").is_file()
    texts = " ".join(d["text"] for d in index["docs"]).replace("\u200b", "")
    assert "แนบไฟล์สแกน" not in texts


# --- the examples are valid content -----------------------------------------------


def _front_matter(text: str) -> str:
    match = re.match(r"^---\n(.*?)^---\n", text, re.S | re.M)
    assert match, "a page starts with front matter"
    return match.group(1)


@pytest.mark.parametrize("example", examples(), ids=lambda e: e.path)
def test_every_example_validates_alone(example: Example) -> None:
    text = _front_matter(example.text) if example.kind == "page" else example.text
    doc, dups = parse(text)
    assert dups == []
    instance, problems = validate(schema.KINDS[example.kind], doc, example.shown)
    assert problems == []
    assert instance is not None


def test_the_examples_are_the_files_of_the_example_tree() -> None:
    """Each example is the text of its file, its kind the one its place gives."""
    for example in EXAMPLES.values():
        assert (CONTENT / example.path).read_text(encoding="utf-8") == example.text
        assert example.kind == kind_of(example.path)
    assert EXAMPLES["site"].path == "site.yml"
    assert {e.kind for e in EXAMPLES.values()} == set(schema.KINDS), "one of every kind"
    assert [d.name for d in CONTENT.iterdir() if d.is_dir()] == [str(EXAMPLE_YEAR)]


def test_the_example_tree_loads_as_it_is() -> None:
    loaded = load(CONTENT)
    # Only the note that the shipped catalogue of the example year is incomplete.
    assert [p.path.split("/")[-1] for p in loaded.warnings] == [f"{EXAMPLE_YEAR}.yml"]
    (year,) = loaded.years
    assert year.year == EXAMPLE_YEAR
    assert year.measures is not None
    assert [m.no for m in year.measures.measures] == [1, 2]
    assert sorted(r.name for r in year.reports) == ["6-month", "annual"]
    assert [p.slug for p in year.pages] == ["no-gift"]


def test_the_new_year_skeleton_belongs_with_the_example_measures(tmp_path: Path) -> None:
    skeleton = skeleton_report()
    assert "  - measure: 1\n  - measure: 2\n" in skeleton.text
    measures = EXAMPLES["measures"]
    tree = write_tree(
        tmp_path,
        {
            "content/site.yml": EXAMPLES["site"].text,
            f"content/{measures.path}": measures.text,
            f"content/{skeleton.path}": skeleton.text,
        },
    )
    warnings = load(tree / "content").warnings
    assert [p.path.split("/")[-1] for p in warnings] == [f"{EXAMPLE_YEAR}.yml"]


@pytest.mark.slow
def test_the_example_tree_builds_and_its_file_links_resolve(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = copy_tree(CONTENT, tmp_path / "content")
    site = build(content, tmp_path / "site", capsys)
    y = EXAMPLE_YEAR
    for url in (f"/{y}/pages/no-gift/", f"/{y}/reports/annual/", f"/{y}/reports/6-month/"):
        hrefs = re.findall(r'href="([^"]*/files/[^"]*)"', page_html(site, url))
        assert hrefs, url
        for href in hrefs:
            target = unquote(resolve(url, href)).lstrip("/")
            assert (site / target).is_file(), (url, href)


def test_every_yaml_block_of_the_guide_is_a_checked_example() -> None:
    plan = build_plan(load(ROOT / "content"))
    shown = [
        html.unescape(block)
        for page in plan.pages
        if page.path.startswith("guide/")
        for block in re.findall(
            r'<pre><code class="language-yaml">(.*?)</code></pre>', page.markdown, re.S
        )
    ]
    checked = {e.text for e in examples()} | {b.numbered for b in BROKEN}
    unchecked = [b for b in shown if b not in checked]
    # The two other blocks are the plugin option in mkdocs.yml and site.yml's editor
    # settings: check the first names a real option and the second validates.
    assert len(unchecked) == 2
    plugin_block, editor_block = sorted(unchecked, key=lambda b: "editor:" in b)
    option = yaml.safe_load(plugin_block)["plugins"][1]["ita"]
    assert set(option) <= {key for key, _ in ItaConfig._schema}  # noqa: SLF001 (MkDocs' own list of options)
    EditorSettings.model_validate(yaml.safe_load(editor_block)["editor"])
    assert {e.text for e in examples()} <= set(shown), "every example is shown"


# --- the error messages are what the validator says --------------------------------


def test_every_broken_document_is_listed_once() -> None:
    index = yaml.safe_load((BROKEN_FOLDER / "index.yml").read_text(encoding="utf-8"))
    listed = [entry["file"] for entry in index]
    on_disk = sorted(p.name for p in BROKEN_FOLDER.iterdir() if p.name != "index.yml")
    assert sorted(listed) == on_disk
    assert len(set(listed)) == len(listed) == len(BROKEN)


@pytest.mark.parametrize("broken", BROKEN, ids=lambda b: b.label)
def test_error_examples_are_real_check_output(
    broken: Broken, chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(chdir_tmp, {"content/site.yml": SITE_YML, f"content/{broken.path}": broken.text})
    code, _, err = run_cli("check", "--content", "content", capsys=capsys)
    assert code == 1
    shown = [p.format() for p in check_text(broken.kind, broken.shown, broken.text)]
    assert shown
    for line in shown:
        assert line in err.splitlines()


@pytest.mark.slow
def test_error_page_shows_the_messages(demo_site: Path) -> None:
    text = page_text(demo_site, "/guide/errors/")
    for broken, problems in error_examples():
        for problem in problems:
            assert problem.format() in text
        assert broken.label in text
    assert WARNING_MESSAGE in text
    assert "พบข้อผิดพลาด 1 รายการ" in text


def test_attachment_messages_are_real_check_output(
    chdir_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report, measures = EXAMPLES["6-month"], EXAMPLES["measures"]
    attachment = f"{EXAMPLE_YEAR}/files/รายงานผล รอบ 6 เดือน.pdf"
    assert (CONTENT / attachment).is_file(), "the report example links it"
    files: dict[str, str | bytes] = {
        "content/site.yml": SITE_YML,
        f"content/{measures.path}": measures.text,
        f"content/{report.path}": report.text,
    }
    write_tree(chdir_tmp, files)
    _, _, err = run_cli("check", "--content", "content", capsys=capsys)
    assert FILE_MESSAGES["missing"] in err.splitlines()
    # 23.5 MB, sparse: the loader only looks at the size.
    big_file = chdir_tmp / "content" / attachment
    big_file.parent.mkdir(parents=True)
    with big_file.open("wb") as big:
        big.truncate(int(23.5 * 1024 * 1024))
    _, _, err = run_cli("check", "--content", "content", capsys=capsys)
    assert FILE_MESSAGES["too_big"] in err.splitlines()


def test_quoted_warning_is_a_golden_message() -> None:
    golden = yaml.safe_load((ROOT / "tests/cases/clean-with-warning.yml").read_text("utf-8"))
    assert WARNING_MESSAGE in golden["expected"].splitlines()


@pytest.mark.slow
def test_files_page_states_the_limit_and_messages(demo_site: Path) -> None:
    text = page_text(demo_site, "/guide/files/")
    assert f"{MAX_FILE_BYTES // 1024 // 1024} MB" in text
    assert "max_attachment_mb" in text
    for message in FILE_MESSAGES.values():
        assert message in text


# --- the field reference is the schema ----------------------------------------------


def _schema_fields(
    node: dict[str, Any], defs: dict[str, Any], prefix: str
) -> list[tuple[str, str]]:
    """(path, description) of every property, by the test's own walk of the schema."""

    def shapes(n: dict[str, Any]) -> list[dict[str, Any]]:
        if "$ref" in n:
            return shapes(defs[n["$ref"].split("/")[-1]])
        if "anyOf" in n:
            return [s for sub in n["anyOf"] for s in shapes(sub)]
        return [n]

    found = []
    for name, prop in node.get("properties", {}).items():
        path = f"{prefix}.{name}" if prefix else name
        found.append((path, prop["description"]))
        alts = shapes(prop)
        listed = [i for a in alts if a.get("type") == "array" for i in shapes(a["items"])]
        if any("properties" in i for i in listed):
            sub = next(i for i in listed if "properties" in i)
            found += _schema_fields(sub, defs, path + "[]")
        elif any("properties" in a for a in alts):
            found += _schema_fields(next(a for a in alts if "properties" in a), defs, path)
    return found


@pytest.mark.slow
@pytest.mark.parametrize("kind", list(schema.KINDS))
def test_every_field_is_in_the_field_reference(demo_site: Path, kind: str) -> None:
    document = page_html(demo_site, "/guide/fields/")
    section = document.split(f'<h2 id="{kind}"', 1)[1].split("<h2 ", 1)[0]
    rows = {
        html.unescape(m.group(1).replace("<wbr>", "")): html.unescape(
            re.sub(r"<[^>]+>", " ", m.group(2))
        )
        for m in re.finditer(r'<th scope="row"><code>(.*?)</code></th>(.*?)</tr>', section, re.S)
    }
    tree = schema.schema_for(schema.KINDS[kind])
    fields = _schema_fields(tree, tree.get("definitions", {}), "")
    assert len(fields) > 1
    for path, description in fields:
        assert path in rows, (kind, path)
        assert description in rows[path], (kind, path, description)
    assert sorted(rows) == sorted(p for p, _ in fields)


@pytest.mark.slow
def test_field_reference_shows_required_enums_and_examples(demo_site: Path) -> None:
    text = page_text(demo_site, "/guide/fields/")
    assert "in_progress (อยู่ระหว่างดำเนินการ)" in text
    assert "6-month (รอบ 6 เดือน)" in text
    assert "วันที่ ปปปป-ดด-วว" in text
    rows = {r.path: r for r in field_rows("measures")}
    assert rows["measures[].steps"].required
    assert not rows["measures[].oit"].required
    assert rows["measures[].indicators"].example == "[1, 3]"


@pytest.mark.slow
def test_oit_guide_names_the_csv_columns(site: Path) -> None:
    text = page_text(site, "/guide/oit/")
    header = exports.to_csv([], base_url=None, website=None).lstrip("\ufeff").splitlines()[0]
    for column in header.split(","):
        assert column in text
    assert "/data/<ปี>-oit.csv" in text


@pytest.mark.slow
def test_guide_builds_without_directory_urls(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = derived_config(tmp_path, "use_directory_urls: false\n")
    # Strict: every link between guide pages resolved.
    site = build(sample_tree(tmp_path / "content"), tmp_path / "site", capsys, config)
    document = (site / "2566" / "measures" / "1.html").read_text(encoding="utf-8")
    (href,) = links(document).guide_hrefs
    assert href == "../../guide/index.html"
    assert (site / "guide" / "fields.html").is_file()
