"""JSON Schemas for editors: valid draft-07, every field described, agreeing with the validator."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from helpers import ROOT, run_cli
from site_builder.format.models import AnalysisFile, MeasuresFile, ReportFile, SiteFile
from site_builder.format.schema import KINDS, schema_for
from site_builder.format.validation import validate
from site_builder.format.yamlio import parse


def _properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for name, definition in [("(root)", schema), *schema.get("definitions", {}).items()]:
        found += [(f"{name}.{key}", prop) for key, prop in definition.get("properties", {}).items()]
    return found


@pytest.mark.parametrize("kind", list(KINDS))
def test_schema_is_valid_draft7_and_every_field_is_described(kind: str) -> None:
    schema = schema_for(KINDS[kind])
    jsonschema.Draft7Validator.check_schema(schema)
    assert "$defs" not in json.dumps(schema)
    undescribed = [
        name
        for name, prop in _properties(schema)
        if not prop.get("description") or not prop.get("title")
    ]
    assert undescribed == []


def test_enums_for_status_and_round() -> None:
    report = schema_for(ReportFile)
    assert report["properties"]["round"]["enum"] == ["6-month", "annual", "q1", "q2", "q3", "q4"]
    status = report["definitions"]["Result"]["properties"]["status"]
    assert {
        "enum": ["done", "in_progress", "not_started", "cancelled"],
        "type": "string",
    } in status["anyOf"]


def test_committed_schemas_are_current(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli("schema", "--out", str(tmp_path), capsys=capsys)[0] == 0
    for kind in KINDS:
        name = f"{kind}.schema.json"
        assert (tmp_path / name).read_text(encoding="utf-8") == (ROOT / "schemas" / name).read_text(
            encoding="utf-8"
        ), f"run: site-builder schema --out schemas ({name})"


class _Yaml12(yaml.SafeLoader):
    """YAML as the editors' language server reads it (1.2 core: no yes/no booleans, no dates)."""


_Yaml12.yaml_implicit_resolvers = {
    first: [
        (tag, rx)
        for tag, rx in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def _editor_reading(text: str) -> object:
    return yaml.load(text, Loader=_Yaml12)  # a SafeLoader subclass


def _both(model: type, text: str) -> tuple[bool, bool]:
    """(accepted by the JSON Schema, accepted by the project's validator) for one YAML document."""
    doc, _ = parse(text)
    by_schema = jsonschema.Draft7Validator(schema_for(model)).is_valid(_editor_reading(text))
    instance, problems = validate(model, doc, "x.yml")
    return by_schema, instance is not None and not problems


GOOD = [
    (SiteFile, "organization: {name: เทศบาลตำบลก, phone: 0712345}\ndisplay: {numerals: thai}\n"),
    (
        MeasuresFile,
        "measures:\n  - {no: 1, title: ก, indicators: 1, steps: ทำ, responsible: สำนักปลัด, deadline: 2566-01-31}\n",
    ),
    (
        MeasuresFile,
        "measures:\n  - no: ๒\n    title: ข\n    indicators: [1, '3']\n    steps: [ก, ข]\n    responsible: [ส, {unit: ก, person: ค}]\n",
    ),
    (
        ReportFile,
        "round: 6-month\nperiod: {from: 2565-10-01, to: 2566-03-31}\nresults:\n  - {measure: 1, status: done, evidence: 'https://a.go.th/x'}\n",
    ),
    (
        AnalysisFile,
        "overall: {score: 97.73}\ntools: {IIT: '99.50'}\nindicators:\n  - {no: 1, score: ๙๙.๑๑}\n",
    ),
]
BAD = [
    (SiteFile, "organization: {name: ก, fax: 1}\n"),
    (SiteFile, "organization: {name: ก}\ndisplay: {numerals: roman}\n"),
    (MeasuresFile, "measures:\n  - {no: 1, title: ก, indicators: [1], responsible: ส}\n"),
    (
        MeasuresFile,
        "measures:\n  - {no: 1, title: ก, indicators: [1], steps: ทำ, responsible: ส, monitorring: x}\n",
    ),
    (
        MeasuresFile,
        "measures:\n  - {no: 1, title: ก, indicators: [1], steps: ทำ, responsible: ส, deadline: 31/01/2566}\n",
    ),
    (ReportFile, "round: monthly\n"),
    (ReportFile, "round: annual\nresults:\n  - {measure: 1, status: finished}\n"),
    (
        ReportFile,
        "round: annual\nresults:\n  - {measure: 1, evidence: [{title: x, url: 'ftp://x'}]}\n",
    ),
    (AnalysisFile, "overall: {score: 101}\n"),
    (AnalysisFile, "overall: {score: abc}\n"),
]


@pytest.mark.parametrize(("model", "text"), GOOD)
def test_good_documents_pass_both(model: type, text: str) -> None:
    assert _both(model, text) == (True, True)


@pytest.mark.parametrize(("model", "text"), BAD)
def test_bad_documents_fail_both(model: type, text: str) -> None:
    assert _both(model, text) == (False, False)


CONTENT_FILES = sorted(p for p in (ROOT / "content").rglob("*.yml") if "frameworks" not in p.parts)


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_bundled_content_passes_its_schema(path: Path) -> None:
    rel = path.relative_to(ROOT / "content").as_posix()
    kind = (
        "site" if rel == "site.yml" else "report" if "/reports/" in rel else rel.split("/")[-1][:-4]
    )
    jsonschema.validate(_editor_reading(path.read_text(encoding="utf-8")), schema_for(KINDS[kind]))
