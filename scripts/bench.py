"""Benchmark: build a large synthetic content tree and report time and size.

Not a test: it prints figures to compare between changes.
    .venv/bin/python scripts/bench.py [--years 5] [--measures 30] [--compare 60 168]
    .venv/bin/python scripts/bench.py --pathological   # text nlpo3 cannot split
    .venv/bin/python scripts/bench.py --search-setup SITE [SITE...]   # only the Chromium figure
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from site_builder import cli, defaults
from site_builder.plan import build_plan as render
from site_builder.tree.loader import load

REPORTS = ("q1", "6-month", "q3", "annual")
ROOT = Path(__file__).resolve().parent.parent


def thai_sentences() -> list[str]:
    """Real Thai text to vary the synthetic content: the lines of the five seed documents."""
    lines: list[str] = []
    for source in sorted((ROOT / "tests/fixtures/seeds").glob("*/source.txt")):
        for line in source.read_text(encoding="utf-8").splitlines():
            line = re.sub(r"[\"'\\:{}\[\]#|]", " ", line).strip()
            if len(line) > 25 and re.search("[ก-๙]", line):
                lines.append(line[:300])
    return lines


def synthetic(root: Path, years: int, measures: int) -> Path:
    rng = random.Random(1)
    text = thai_sentences()

    def say(n: int) -> str:
        return " ".join(rng.sample(text, n))

    root.mkdir(parents=True)
    (root / "site.yml").write_text(
        "organization: {name: เทศบาลตำบลทดสอบสมรรถนะ}\ndisplay: {numerals: thai}\n",
        encoding="utf-8",
    )
    for year in range(2565, 2565 + years):
        folder = root / str(year)
        (folder / "reports").mkdir(parents=True)
        tools = (
            "{IIT: 90, EIT: 90, OIT: 90}"
            if year - 1 <= 2565
            else "{IIT: 90, EIT1: 90, EIT2: 91, OIT: 90}"
        )
        indicators = "\n".join(
            f"  - {{no: {i}, score: {rng.uniform(60, 100):.2f}, analysis: '{say(4)}'}}"
            for i in range(1, 11)
        )
        (folder / "analysis.yml").write_text(
            f"overall: {{score: 91.5}}\ntools: {tools}\nindicators:\n{indicators}\n",
            encoding="utf-8",
        )
        items = [
            f"  - no: {n}\n    title: '{say(1)[:120]}'\n    indicators: [{n % 10 + 1}]\n"
            f"    steps: ['{say(1)}', '{say(1)}', '{say(1)}']\n"
            "    responsible: [สำนักปลัด, {unit: กองคลัง, person: นางสาวทดสอบ ระบบ}]\n"
            "    period: ตลอดปีงบประมาณ\n    monitoring: รายงานความก้าวหน้ารอบ 6 เดือน และประจำปี"
            for n in range(1, measures + 1)
        ]
        (folder / "measures.yml").write_text(
            "measures:\n" + "\n".join(items) + "\n", encoding="utf-8"
        )
        for name in REPORTS:
            results = "\n".join(
                f"  - {{measure: {n}, status: done, actions: ['{say(2)}'], "
                f"outcomes: '{say(1)}', evidence: ['https://www.example.go.th/news/{n}']}}"
                for n in range(1, measures + 1)
            )
            (folder / "reports" / f"{name}.yml").write_text(
                f"round: {name}\nresults:\n{results}\n", encoding="utf-8"
            )
    return root


def pathological(root: Path, size: int) -> Path:
    """The bundled content with ``size`` bytes of one consonant and one tone mark over
    and over (one run that nlpo3 cannot split) at the end of a free page."""
    shutil.copytree(ROOT / "content", root)
    page = root / "2566" / "pages" / "no-gift-policy.md"
    run = "ก" + "\u0e48" * (size // 3 - 1)
    page.write_text(page.read_text(encoding="utf-8") + f"\n\n{run}\n", encoding="utf-8")
    return root


def build_command(content: Path, site: Path, config: Path) -> list[str]:
    """``site-builder build`` of ``content`` into ``site`` with ``config``, in a fresh process."""
    return [
        sys.executable,
        "-m",
        "site_builder",
        "build",
        "--content",
        str(content),
        "--site-dir",
        str(site),
        "--config",
        str(config),
    ]


def build_with(content: Path, site: Path, config: Path, runs: int = 2) -> float:
    """Fastest of ``runs`` builds in a fresh process (imports and dictionary loading included)."""
    return min(timed(build_command(content, site, config))[0] for _ in range(runs))


def config_without_thai_search(work: Path) -> Path:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("  - ita\n", "  - ita:\n      thai_search: false\n")
    path = work / "mkdocs-stock.yml"
    path.write_text(text, encoding="utf-8")
    return path


_MEASURE = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode\n"
    "print(code, time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def timed(command: list[str]) -> tuple[float, int]:
    """Seconds and peak resident memory (KB) of one run of ``command`` in its own process.
    A small process starts it and reads its peak: a child forked from this big process
    would count this one's pages as its own."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], check=True, capture_output=True, text=True
    ).stdout.split()
    if out[0] != "0":
        raise SystemExit(f"failed: {' '.join(command)}")
    return float(out[1]), int(out[2])


def plain_material(work: Path, content: Path, runs: int = 2) -> tuple[float, int, float, int, int]:
    """Our build against plain Material on the same generated Markdown, best of ``runs``:
    (our seconds, our peak KB, Material's seconds, Material's peak KB, pages). Material gets
    the Markdown ``site-builder generate`` writes, with navigation.prune and its search."""
    generated = work / "generated"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "site_builder",
            "generate",
            "--content",
            str(content),
            "--out",
            str(generated),
        ],
        check=True,
        capture_output=True,
    )
    config = work / "mkdocs-plain.yml"
    config.write_text(
        f"site_name: plain\ndocs_dir: {generated}\nsite_dir: {work / 'site-plain'}\n"
        "theme:\n  name: material\n  language: th\n  features: [navigation.prune]\n"
        f"plugins: [search]\nmarkdown_extensions: [{', '.join(defaults.MARKDOWN_EXTENSIONS)}]\n",
        encoding="utf-8",
    )
    ours_cmd = build_command(content, work / "site-ours", ROOT / "mkdocs.yml")
    plain_cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)]
    ours = [timed(ours_cmd) for _ in range(runs)]
    plain = [timed(plain_cmd) for _ in range(runs)]
    pages = sum(1 for _ in (work / "site-plain").rglob("*.html"))
    return (
        min(t for t, _ in ours),
        max(m for _, m in ours),
        min(t for t, _ in plain),
        max(m for _, m in plain),
        pages,
    )


def setup_in_chromium(site: Path, runs: int = 3) -> tuple[float, float] | None:
    """Milliseconds in headless Chromium (best of ``runs`` page loads) from the search
    index's SETUP message to the worker's READY, and from the page's request for
    ``search/search_index.json`` to READY (download, parse on the page, hand-over to
    the worker, set-up); None without Chromium."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if chromium is None:
        return None

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    hook = """
      const open = XMLHttpRequest.prototype.open;
      XMLHttpRequest.prototype.open = function (method, url) {
        if (String(url).indexOf("search_index.json") >= 0) { window.__indexStart = performance.now(); }
        return open.apply(this, arguments);
      };
      const post = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function (m) {
        if (m && m.type === 0) { window.__setupStart = performance.now(); }
        return post.call(this, m);
      };
      const listen = Worker.prototype.addEventListener;
      Worker.prototype.addEventListener = function (t, f, o) {
        return listen.call(this, t, function (ev) {
          if (ev.data && ev.data.type === 1 && window.__setupMs === undefined) {
            window.__setupMs = performance.now() - window.__setupStart;
            window.__readyMs = performance.now() - window.__indexStart;
          }
          return f.call(this, ev);
        }, o);
      };
    """
    best = [float("inf"), float("inf")]
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=chromium, args=["--headless=new", "--no-sandbox"]
            )
            for _ in range(runs):
                page = browser.new_page()
                page.add_init_script(hook)
                page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
                page.locator("input.md-search__input").click()
                page.wait_for_function("window.__setupMs !== undefined", timeout=60000)
                best[0] = min(best[0], float(page.evaluate("window.__setupMs")))
                best[1] = min(best[1], float(page.evaluate("window.__readyMs")))
                page.close()
            browser.close()
    finally:
        server.shutdown()
    return best[0], best[1]


def index_sizes(site: Path) -> tuple[int, int]:
    index = (site / "search/search_index.json").read_bytes()
    return len(index), len(gzip.compress(index, 6))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--measures", type=int, default=30)
    parser.add_argument(
        "--compare",
        nargs="*",
        type=int,
        default=[60, 168],
        metavar="MEASURES",
        help="sizes (measures a year) built side by side with plain Material: about 410 and 950 pages",
    )
    parser.add_argument("--pathological", action="store_true", help="only the long-run case")
    parser.add_argument(
        "--search-setup",
        nargs="+",
        type=Path,
        metavar="SITE",
        help="only search setup of built sites",
    )
    args = parser.parse_args()
    if args.search_setup:
        for site in args.search_setup:
            figures = setup_in_chromium(site)
            if figures is None:
                raise SystemExit("no Chromium or Playwright")
            print(
                f"{site}: SETUP to READY {figures[0]:.0f} ms, index request to READY {figures[1]:.0f} ms"
            )
        return
    work = Path(tempfile.mkdtemp(prefix="ita-bench-"))
    if args.pathological:
        try:
            for size in (150_000, 1_500_000):
                content = pathological(work / f"content-{size}", size)
                seconds = build_with(content, work / f"site-{size}", ROOT / "mkdocs.yml")
                print(f"one tone mark repeated, {size // 1000} KB: build {seconds:.2f} s")
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return
    try:
        content = synthetic(work / "content", args.years, args.measures)
        started = time.perf_counter()
        loaded = load(content)
        loaded_at = time.perf_counter()
        plan = render(loaded)
        rendered_at = time.perf_counter()
        assert cli.main(["build", "--content", str(content), "--site-dir", str(work / "site")]) == 0
        built_at = time.perf_counter()
        pages = sorted((work / "site").rglob("*.html"))
        html_bytes = sum(p.stat().st_size for p in pages)
        gz = sum(len(gzip.compress(p.read_bytes(), 6)) for p in pages)
        index = (work / "site/search/search_index.json").read_bytes()
        markdown = sum(len(p.markdown.encode()) for p in plan.pages)
        print(f"content: {args.years} years x {args.measures} measures x {len(REPORTS)} reports")
        print(f"pages generated: {len(plan.pages)} ({markdown / 1024:.0f} KB Markdown)")
        print(f"load + validate: {loaded_at - started:.2f} s")
        print(f"render Markdown: {rendered_at - loaded_at:.2f} s")
        print(
            f"full build (site-builder build, includes the above): {built_at - rendered_at:.2f} s"
        )
        print(
            f"HTML: {len(pages)} files, {html_bytes / 1024 / 1024:.1f} MB, gzipped {gz / 1024 / 1024:.1f} MB, "
            f"{gz / len(pages) / 1024:.1f} KB per page gzipped"
        )
        del index
        for measures in args.compare:
            folder = work / f"compare-{measures}"
            folder.mkdir()
            sized = synthetic(folder / "content", args.years, measures)
            ours, ours_kb, plain, plain_kb, plain_pages = plain_material(folder, sized)
            print(
                f"against plain Material on the same generated Markdown, {args.years} years x "
                f"{measures} measures ({plain_pages} pages, best of 2; memory: the larger peak):"
            )
            print(f"  build: {ours:.2f} s vs {plain:.2f} s = {ours / plain:.2f}x")
            print(
                f"  peak memory: {ours_kb / 1024:.0f} MB vs {plain_kb / 1024:.0f} MB = {ours_kb / plain_kb:.2f}x"
            )
        stock_site = work / "site-stock"
        thai = build_with(content, work / "site", ROOT / "mkdocs.yml")
        stock = build_with(content, stock_site, config_without_thai_search(work))
        raw, gz_index = index_sizes(work / "site")
        stock_raw, stock_gz = index_sizes(stock_site)
        print("search, Thai (segmented, searched by the worker, no lunr) vs Material's stock:")
        print(
            f"  build (fresh process, best of 2): {thai:.2f} s vs {stock:.2f} s = {thai / stock:.2f}x"
        )
        print(
            f"  index: {raw / 1024:.0f} KB raw, {gz_index / 1024:.0f} KB gzipped vs "
            f"{stock_raw / 1024:.0f} KB raw, {stock_gz / 1024:.0f} KB gzipped = {gz_index / stock_gz:.2f}x gzipped"
        )
        setup_thai = setup_in_chromium(work / "site")
        setup_stock = setup_in_chromium(stock_site)
        if setup_thai is not None and setup_stock is not None:
            print(
                f"  index setup in Chromium (best of 3), SETUP to READY: {setup_thai[0]:.0f} ms vs "
                f"{setup_stock[0]:.0f} ms; from the index request to READY: {setup_thai[1]:.0f} ms"
                f" vs {setup_stock[1]:.0f} ms"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
