"""What a person sees, in a real headless Chromium: navigation, fonts, accessibility."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator

import pytest

from helpers import AXE, CHROMIUM
from sample import sample_tree

# conftest skips these without Chromium, Node and axe-core (fails under `make test`).
pytestmark = pytest.mark.browser

ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("browser")
    content = sample_tree(root / "content")
    from site_builder import cli

    assert cli.main(["build", "--content", str(content), "--site-dir", str(root / "site")]) == 0
    handler = functools.partial(_Quiet, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright  # here: collecting needs no extras

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")  # type: ignore[attr-defined]
    tab = context.new_page()
    yield tab
    context.close()


def test_a_visitor_navigates_from_home_to_a_report(page: object, served: str) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))  # type: ignore[attr-defined]
    page.goto(served)  # type: ignore[attr-defined]
    assert page.locator("h1").inner_text().strip().rstrip("¶") == "เทศบาลตำบลทดสอบ"  # type: ignore[attr-defined]
    page.get_by_role("link", name="ปีงบประมาณ พ.ศ. ๒๕๖๖", exact=True).click()  # type: ignore[attr-defined]
    page.wait_for_url("**/2566/")  # type: ignore[attr-defined]
    page.locator("article").get_by_role("link", name="มาตรการที่ ๑").click()  # type: ignore[attr-defined]
    page.wait_for_url("**/2566/measures/1/")  # type: ignore[attr-defined]
    assert "จัดทำคู่มือการปฏิบัติงาน" in page.locator("h1").inner_text()  # type: ignore[attr-defined]
    page.locator("article").get_by_role("link", name="ดูรายงานฉบับเต็ม").first.click()  # type: ignore[attr-defined]
    page.wait_for_url("**/2566/reports/6-month/")  # type: ignore[attr-defined]
    assert page.locator(".ita-memo").is_visible()  # type: ignore[attr-defined]
    # The Thai font is self-hosted and used; nothing is fetched from another host.
    assert page.evaluate("document.fonts.check('16px Sarabun', 'ก')")  # type: ignore[attr-defined]
    family = page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).fontFamily")  # type: ignore[attr-defined]
    assert family.startswith("Sarabun") or family.startswith('"Sarabun"')
    assert requests
    assert all(url.startswith(served) for url in requests), [
        u for u in requests if not u.startswith(served)
    ]


def test_small_phone_can_open_the_menu(browser: object, served: str) -> None:
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
    )  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.goto(served + "2566/reports/6-month/")
    tab.locator("label.md-header__button[for='__drawer']").click()
    drawer = tab.locator("nav.md-nav--primary")
    drawer.get_by_text("ปีงบประมาณ ๒๕๖๖").first.wait_for()
    assert drawer.get_by_text("ปีงบประมาณ ๒๕๖๖").first.is_visible()
    context.close()


PAGES = [
    "",
    "2566/",
    "2566/analysis/",
    "2566/measures/",
    "2566/measures/1/",
    "2566/reports/6-month/",
    "2566/indicators/1/",
    "indicators/1/",
    "2566/pages/no-gift/",
    "guide/",
    "guide/errors/",
    "guide/fields/",
    "guide/oit/",
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [*PAGES, "2566/oit/", "2566/indicators/9/"])
def test_accessibility_axe_wcag22aa_in_both_schemes(
    browser: object, served: str, path: str, scheme: str
) -> None:
    """WCAG 2.2 AA as axe-core checks it (target size included), in the light scheme and
    in the dark one the palette follows from the reader's system."""
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 1280, "height": 900}, locale="th-TH", color_scheme=scheme
    )
    page = context.new_page()
    page.goto(served + path)
    page.add_script_tag(path=str(AXE))
    applied = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert applied == ("slate" if scheme == "dark" else "default")
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
    )
    context.close()
    problems = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]
    assert problems == []


def test_report_prints_on_a4_memo_portrait_table_landscape(page: object, served: str) -> None:
    import re

    page.goto(served + "2566/reports/6-month/")  # type: ignore[attr-defined]
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    assert page.locator("nav.md-nav--primary").is_hidden()  # type: ignore[attr-defined]
    border = page.evaluate(  # type: ignore[attr-defined]
        "getComputedStyle(document.querySelector('table.ita-official td')).borderTopStyle"
    )
    assert border == "solid"
    pdf = page.pdf(prefer_css_page_size=True)  # type: ignore[attr-defined]
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    sizes = {(round(float(w)), round(float(h))) for w, h in boxes}
    assert (595, 842) in sizes  # A4 portrait: the memo
    assert (842, 595) in sizes  # A4 landscape: the official table


def test_thai_search_box_finds_words_inside_runs_and_the_other_digits(
    page: object, served: str
) -> None:
    """Type into Material's real search box (keyup, as a person does) and read the results."""
    page.goto(served)  # type: ignore[attr-defined]
    box = page.locator("input.md-search__input")  # type: ignore[attr-defined]

    def search(text: str) -> tuple[list[str], list[str]]:
        box.click()
        # Thai is inserted as text (no key events); the box listens for keyup.
        box.fill(text)
        box.press("End")
        page.wait_for_function(  # type: ignore[attr-defined]
            "q => document.querySelector('.md-search-result__meta').textContent.trim() !== ''"
            " && document.querySelector('input.md-search__input').value === q",
            arg=text,
        )
        page.wait_for_timeout(300)  # type: ignore[attr-defined]
        links = page.locator(".md-search-result__link").evaluate_all(  # type: ignore[attr-defined]
            "els => els.map(e => new URL(e.href).pathname)"
        )
        marks = page.locator(".md-search-result mark").all_inner_texts()  # type: ignore[attr-defined]
        return links, [m.replace("\u200b", "") for m in marks]

    # "ปฏิบัติงาน" sits inside "คู่มือการปฏิบัติงาน": stock Material search never finds it.
    links, marks = search("ปฏิบัติงาน")
    assert "/2566/measures/1/" in links
    assert "ปฏิบัติงาน" in marks
    # Typed without spaces, across words: split with the index's own words.
    links, marks = search("จัดทำคู่มือการปฏิบัติ")
    assert "/2566/measures/1/" in links
    assert any("จัดทำคู่มือการปฏิบัติ" in m for m in marks)
    # The site shows Thai digits (๒๕๖๖); a reader types Arabic ones.
    links, marks = search("2566")
    assert "/2566/" in links
    assert "๒๕๖๖" in marks
    # A surname from a signature.
    links, _ = search("กะนอง")
    assert any(link.startswith("/2566/") for link in links)


PHONE_PAGES = [
    *PAGES,
    "2566/reports/annual/",
    "2566/oit/",
    "2566/indicators/9/",
]


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_a_390px_phone_never_scrolls_the_page_sideways(
    browser: object, served: str, path: str
) -> None:
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="th-TH"
    )
    tab = context.new_page()
    tab.goto(served + path)
    overflow = tab.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    # Wide official tables scroll inside their own box: focusable, named, with a cue.
    boxes = tab.evaluate(
        """[...document.querySelectorAll('.ita-scroll')].map(b => ({
            role: b.getAttribute('role'), tabindex: b.tabIndex, label: b.getAttribute('aria-label'),
            scrolls: b.scrollWidth > b.clientWidth,
            hint: !!(b.previousElementSibling && b.previousElementSibling.classList.contains('ita-scroll__hint')
                     && getComputedStyle(b.previousElementSibling).display !== 'none')}))"""
    )
    context.close()
    assert overflow == 0, f"{path}: the page is {overflow} px wider than the phone"
    for box in boxes:
        assert box["role"] == "region"
        assert box["tabindex"] == 0
        assert box["label"]
        assert box["hint"], "a visible line says the table scrolls"
    if path in ("2566/measures/", "2566/reports/6-month/", "2566/oit/"):
        assert boxes, "the official table is in its scroll box"
        assert any(b["scrolls"] for b in boxes)


def test_a_search_result_shows_the_passage_with_the_query(page: object, served: str) -> None:
    """A word far into a long section: the result shows the words around it, marked,
    not the section's first lines (Material's own text shows whole blocks)."""
    import json
    import re
    import urllib.parse
    import urllib.request

    with urllib.request.urlopen(served + "search/search_index.json", timeout=10) as response:
        docs = json.loads(response.read().decode("utf-8"))["docs"]
    # Drawn from the index: a Thai word of one section only, first written far into it.
    seen: dict[str, set[str]] = {}
    depth: dict[tuple[str, str], int] = {}
    for doc in docs:
        text = re.sub(r"<[^>]*>", " ", doc["text"]).replace("\u200b", "")
        for match in re.finditer(r"[\u0e01-\u0e4e]{6,}", text):
            seen.setdefault(match.group(), set()).add(doc["location"])
            depth.setdefault((match.group(), doc["location"]), match.start())
    word, location = min(
        (w, next(iter(locations)))
        for w, locations in seen.items()
        if len(locations) == 1 and depth[(w, next(iter(locations)))] > 400
    )
    page.goto(served)  # type: ignore[attr-defined]
    box = page.locator("input.md-search__input")  # type: ignore[attr-defined]
    box.click()
    box.fill(word)
    box.press("End")
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => document.querySelectorAll('.md-search-result__item').length > 0"
    )
    links = page.locator(".md-search-result__link")  # type: ignore[attr-defined]
    hrefs = links.evaluate_all(
        "els => els.map(e => { const u = new URL(e.href); return u.pathname + u.hash; })"
    )
    found = [urllib.parse.unquote(h) for h in hrefs]
    assert "/" + location in found, found
    article = links.nth(found.index("/" + location)).locator("article")
    mark = article.locator("mark").first
    assert mark.is_visible()
    assert mark.inner_text().replace("\u200b", "") == word
    shown = article.locator("p").first.inner_text()
    assert shown.startswith("…")
    assert len(shown) < 300
