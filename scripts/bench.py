"""Benchmark: build a large synthetic content tree and report time and size.

Not a test: it prints figures to compare between changes.
    .venv/bin/python scripts/bench.py [--years 5] [--measures 30]
"""

from __future__ import annotations

import argparse
import gzip
import random
import shutil
import tempfile
import time
from pathlib import Path

from site_builder import cli
from site_builder.content import load
from site_builder.render import render

REPORTS = ("q1", "6-month", "q3", "annual")


def synthetic(root: Path, years: int, measures: int) -> Path:
    rng = random.Random(1)
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
            f"  - {{no: {i}, score: {rng.uniform(60, 100):.2f}, analysis: 'ผลการวิเคราะห์ตัวชี้วัดที่ {i} "
            + "การปฏิบัติงานของเจ้าหน้าที่เป็นไปตามขั้นตอนและระยะเวลาที่กำหนด " * 5
            + "'}"
            for i in range(1, 11)
        )
        (folder / "analysis.yml").write_text(
            f"overall: {{score: 91.5}}\ntools: {tools}\nindicators:\n{indicators}\n",
            encoding="utf-8",
        )
        items = [
            f"  - no: {n}\n    title: มาตรการส่งเสริมคุณธรรมและความโปร่งใสที่ {n}\n    indicators: [{n % 10 + 1}]\n"
            "    steps: [จัดทำแผนการดำเนินงาน, รายงานผลให้ผู้บริหารทราบ, เผยแพร่ข้อมูลบนเว็บไซต์ของหน่วยงาน]\n"
            "    responsible: [สำนักปลัด, {unit: กองคลัง, person: นางสาวทดสอบ ระบบ}]\n"
            "    period: ตลอดปีงบประมาณ\n    monitoring: รายงานความก้าวหน้ารอบ 6 เดือน และประจำปี"
            for n in range(1, measures + 1)
        ]
        (folder / "measures.yml").write_text(
            "measures:\n" + "\n".join(items) + "\n", encoding="utf-8"
        )
        for name in REPORTS:
            results = "\n".join(
                f"  - {{measure: {n}, status: done, actions: [ดำเนินการตามแผนครั้งที่ {n} เรียบร้อยแล้ว], "
                "outcomes: บุคลากรปฏิบัติตามแนวทาง, evidence: ['https://www.example.go.th/news/1']}"
                for n in range(1, measures + 1)
            )
            (folder / "reports" / f"{name}.yml").write_text(
                f"round: {name}\nresults:\n{results}\n", encoding="utf-8"
            )
    return root


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--measures", type=int, default=30)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ita-bench-"))
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
        print(
            f"search index: {len(index) / 1024:.0f} KB, gzipped {len(gzip.compress(index, 6)) / 1024:.0f} KB"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
