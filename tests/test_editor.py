"""The form editor: its configuration generated from the models, its YAML format, its
local backend.  (The editor driven in Chromium is tests/test_editor_browser.py.)"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any, Literal

import pytest
import yaml
from pydantic import Field

from helpers import FIXTURES, ROOT, copy_tree, free_port, run_cli
from site_builder import editor
from site_builder.editor import backend as api
from site_builder.editor import collections as layout
from site_builder.editor import config as cfg
from site_builder.editor import preview, vendor
from site_builder.format import models
from site_builder.format.models import Model
from site_builder.format.scalars import Date, TextList
from site_builder.format.schema import KINDS

SNAPSHOT = ROOT / "tests" / "snapshots" / "editor-config.yml"
LOCAL = editor.Backend("proxy", {"proxy_url": "/api/v1"})


def _config(root: Path) -> dict[str, Any]:
    return layout.configuration(LOCAL, "content", editor.layouts(root))


def _with_editor(tmp_path: Path, settings: str) -> Path:
    """A copy of the bundled content whose site.yml ends with ``settings``."""
    root = copy_tree(ROOT / "content", tmp_path / "content")
    site_yml = root / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8") + settings, encoding="utf-8")
    return root


def _fields(fields: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in fields}


# --- the configuration ------------------------------------------------------------


def test_the_configuration_of_the_bundled_content_is_the_golden_one() -> None:
    text = layout.dump(_config(ROOT / "content"))
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(text, encoding="utf-8")
    assert text == SNAPSHOT.read_text(encoding="utf-8")
    assert "&id" not in text  # no YAML anchors: people and both editors read it


def test_every_field_of_every_document_kind_is_a_form_field() -> None:
    def names(model: type[Model]) -> set[str]:
        return {(f.alias or name) for name, f in model.model_fields.items()}

    for kind, model in KINDS.items():
        fields = _fields(cfg.model_fields(model))
        assert set(fields) == names(model), kind
        for name, f in fields.items():
            assert (f["label"] and not f["label"].isascii()) or name in ("IIT",), (kind, name)


def test_a_change_of_a_model_changes_the_form() -> None:
    class Extended(Model):
        when: Date = Field(description="วันที่ตรวจ", examples=["2568-01-31"])
        notes: TextList = Field((), description="บันทึกเพิ่มเติม")
        kind: Literal["a", "b"] = Field("a", description="ชนิดของบันทึก")

    fields = _fields(cfg.model_fields(Extended))
    assert fields["when"]["label"] == "วันที่ตรวจ"
    assert fields["when"]["hint"] == "วันที่ตรวจ เช่น 2568-01-31"
    assert fields["when"]["required"] is True
    assert fields["when"]["widget"] == "string"
    assert fields["when"]["pattern"][0].startswith("^[0-9๐-๙]{4}-")
    assert fields["notes"]["widget"] == "list"
    assert fields["notes"]["required"] is False
    assert fields["notes"]["field"]["widget"] == "text"
    assert [o["value"] for o in fields["kind"]["options"]] == ["a", "b"]


def test_measures_have_their_nested_parts_and_the_years_pick_lists() -> None:
    conf = _config(ROOT / "content")
    measures = next(c for c in conf["collections"] if c["name"] == "measures")
    file_2567 = next(f for f in measures["files"] if f["name"] == "2567")
    assert file_2567["file"] == "content/2567/measures.yml"
    assert file_2567["media_folder"] == "/content/2567/files"
    measure = _fields(_fields(file_2567["fields"])["measures"]["fields"])
    assert measure["steps"]["widget"] == "list"
    assert measure["steps"]["required"] is True
    responsible = _fields(measure["responsible"]["fields"])
    assert set(responsible) == {"unit", "person", "position"}
    indicators = measure["indicators"]
    assert indicators["widget"] == "select"
    assert indicators["multiple"] is True
    assert [o["value"] for o in indicators["options"]] == [str(n) for n in range(1, 11)]
    assert measure["oit"]["options"][0]["value"].startswith("O")
    # A year's reports pick the measure from that year's measures.yml.
    reports = next(c for c in conf["collections"] if c["name"] == "reports-2567")
    result = _fields(_fields(reports["fields"])["results"]["fields"])
    assert [o["value"] for o in result["measure"]["options"]] == ["1", "2", "3"]
    assert [o["value"] for o in result["status"]["options"]][:2] == ["done", "in_progress"]
    assert _fields(reports["fields"])["round"]["options"][0]["value"] == "6-month"
    evidence = _fields(result["evidence"]["fields"])
    assert evidence["file"]["widget"] == "file"
    # An optional part's own required fields do not stop a save without it.
    memo = _fields(_fields(file_2567["fields"])["memo"]["fields"])
    assert memo["unit"]["required"] is False
    assert _fields(file_2567["fields"])["draft"]["default"] == "true"


def test_the_configuration_is_made_from_a_tree_with_errors(tmp_path: Path) -> None:
    root = copy_tree(ROOT / "content", tmp_path / "content")
    (root / "2567" / "measures.yml").write_text("measures: [unclosed\n", encoding="utf-8")
    conf = _config(root)
    reports = next(c for c in conf["collections"] if c["name"] == "reports-2567")
    # No measure numbers to offer: a text field with a pattern instead of a pick-list.
    result = _fields(_fields(reports["fields"])["results"]["fields"])
    assert result["measure"]["widget"] == "string"


def test_published_backends(tmp_path: Path) -> None:
    gitlab = models.EditorSettings(backend="gitlab", repo="tambon/ita", app_id="abc123")
    assert editor.published(gitlab).config() == {
        "backend": {
            "name": "gitlab",
            "repo": "tambon/ita",
            "branch": "main",
            "auth_type": "pkce",
            "app_id": "abc123",
        },
        "publish_mode": "editorial_workflow",
    }
    github = models.EditorSettings(
        backend="github", repo="tambon/ita", base_url="https://auth.example.go.th"
    )
    assert editor.published(github).config()["backend"]["base_url"] == "https://auth.example.go.th"
    assert "publish_mode" not in LOCAL.config()


@pytest.mark.slow
def test_a_site_with_editor_settings_ships_the_editor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _with_editor(
        tmp_path, "editor:\n  backend: gitlab\n  repo: tambon/ita\n  app_id: abc123\n"
    )
    site = tmp_path / "site"
    code, _, err = run_cli("build", "--content", str(root), "--site-dir", str(site), capsys=capsys)
    assert code == 0, err
    admin = site / "admin"
    assert (admin / "decap-cms.js").stat().st_size > 1_000_000
    assert (admin / "js-yaml.min.js").is_file()
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert 'src="decap-cms.js"' in page
    assert "noindex" in page
    assert "https://" not in page
    conf = (admin / "config.yml").read_text(encoding="utf-8")
    assert "name: gitlab" in conf
    assert "editorial_workflow" in conf
    # The editor is for staff: not in the search index or the sitemap.
    assert "/admin/" not in (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "/admin/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    # Without the settings no editor is published.
    plain = tmp_path / "plain"
    assert run_cli("build", "--site-dir", str(plain), capsys=capsys)[0] == 0
    assert not (plain / "admin").exists()


def test_bad_editor_settings_are_content_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _with_editor(tmp_path, "editor:\n  backend: bitbucket\n  repo: ../x\n")
    code, _, err = run_cli("check", "--content", str(root), capsys=capsys)
    assert code == 1
    assert "site.yml:" in err
    assert "editor.backend" in err
    assert "editor.repo" in err


# --- the scripts ---------------------------------------------------------------------


def test_the_scripts_come_verified_from_the_registry(tmp_path: Path) -> None:
    for package in vendor.PACKAGES:
        assert package.tarball.startswith("https://registry.npmjs.org/")
    files = vendor.shipped_files()
    assert "decap-cms.js" in files
    assert "js-yaml.min.js" in files
    assert not any(name.endswith(".map") for name in files)
    data = (vendor.folder(vendor.JS_YAML) / ".complete").read_text(encoding="utf-8")
    assert data == vendor.JS_YAML.integrity
    tampered = vendor.Package("js-yaml", "4.1.0", "sha512-AAAA", r"js-yaml\.min\.js")
    os.environ["SITE_BUILDER_CACHE"] = str(tmp_path / "cache")
    try:
        with pytest.raises(vendor.VendorError, match="ไม่ตรงกับค่าตรวจสอบ"):
            vendor.folder(tampered)
        assert not (tmp_path / "cache" / "js-yaml-4.1.0").exists()
    finally:
        del os.environ["SITE_BUILDER_CACHE"]


def test_without_the_registry_the_build_stops_with_a_thai_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SITE_BUILDER_CACHE", str(tmp_path / "empty-cache"))
    monkeypatch.setattr(vendor, "REGISTRY", f"http://127.0.0.1:{free_port()}")
    root = _with_editor(tmp_path, "editor:\n  backend: github\n  repo: tambon/ita\n")
    site = tmp_path / "site"
    code, _, err = run_cli("build", "--content", str(root), "--site-dir", str(site), capsys=capsys)
    assert code == 1
    assert "ดาวน์โหลดโปรแกรมแก้ไขเนื้อหา decap-cms 3.16.3" in err
    assert "Traceback" not in err
    assert not site.exists()  # nothing half-written
    # The preview with the editor says so before it starts.
    code, _, err = run_cli(
        "edit", "--content", str(root), "-a", f"127.0.0.1:{free_port()}", capsys=capsys
    )
    assert code == 1
    assert "ต่ออินเทอร์เน็ต" in err


def test_a_cache_that_cannot_be_written_is_said_in_thai(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("SITE_BUILDER_CACHE", str(blocker / "cache"))
    with pytest.raises(vendor.VendorError, match="SITE_BUILDER_CACHE"):
        vendor.folder(vendor.JS_YAML)


@pytest.mark.parametrize(
    ("folder", "said"),
    [
        ("/", "should not be within the 'docs_dir'"),  # the configuration refuses it first
        ("home", "ไม่พบไฟล์ site.yml"),
        ("linked", "ไม่พบไฟล์ site.yml"),
    ],
)
def test_the_editor_saves_only_into_a_content_tree(
    folder: str, said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    (home / "documents").mkdir(parents=True)
    linked = tmp_path / "linked"
    linked.mkdir()
    (linked / "site.yml").symlink_to(ROOT / "content" / "site.yml")
    target = {"/": "/", "home": str(home), "linked": str(linked)}[folder]
    before = sorted(p.name for p in home.iterdir())
    code, _, err = run_cli(
        "edit", "--content", target, "-a", f"127.0.0.1:{free_port()}", capsys=capsys
    )
    assert code == 1
    assert said in err
    assert sorted(p.name for p in home.iterdir()) == before


@pytest.mark.parametrize("address", ["0.0.0.0:8000", "192.0.2.1:8000", "[::]:8000"])
def test_the_editor_listens_on_this_machine_only(
    address: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli("edit", "-a", address, capsys=capsys)
    assert code == 2
    assert "เฉพาะที่อยู่ของเครื่องนี้" in err


# --- the YAML format -------------------------------------------------------------------

_KIND_OF = {
    "site.yml": "site",
    "analysis.yml": "analysis",
    "measures.yml": "measures",
    "oit.yml": "oit",
}


def _format_of(rel: Path) -> str | None:
    if rel.name in _KIND_OF:
        return f"ita-{_KIND_OF[rel.name]}"
    if rel.parent.name == "reports" and rel.suffix == ".yml":
        return "ita-report"
    if rel.parent.name == "pages" and rel.suffix == ".md":
        return "ita-page"
    return None


def _run_format(tmp_path: Path, requests: list[dict[str, str]]) -> list[dict[str, Any]]:
    shapes = tmp_path / "ita-shapes.js"
    shapes.write_text(f"window.ItaShapes = {json.dumps(cfg.shapes())};", encoding="utf-8")
    js_yaml = vendor.folder(vendor.JS_YAML) / "js-yaml.min.js"
    own = ROOT / "site_builder" / "editor" / "ita-cms.js"
    node = shutil.which("node")
    assert node, "Node.js is needed (scripts/bootstrap --system)"
    done = subprocess.run(
        [
            node,
            str(ROOT / "tests" / "js" / "editor-format.js"),
            str(js_yaml),
            str(shapes),
            str(own),
        ],
        input=json.dumps(requests),
        capture_output=True,
        text=True,
        check=True,
    )
    answers: list[dict[str, Any]] = json.loads(done.stdout)
    return answers


TREES = [ROOT / "content", *sorted(p.parent for p in (FIXTURES / "seeds").glob("*/site.yml"))]


@pytest.mark.browser  # needs Node
@pytest.mark.parametrize("tree", TREES, ids=[p.name for p in TREES])
def test_a_file_opened_and_saved_untouched_builds_the_same_site(
    tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = copy_tree(tree, tmp_path / "saved")
    files = [
        p for p in sorted(saved.rglob("*")) if p.is_file() and _format_of(p.relative_to(saved))
    ]
    requests = [
        {"format": str(_format_of(p.relative_to(saved))), "text": p.read_text(encoding="utf-8")}
        for p in files
    ]
    for path, answer in zip(files, _run_format(tmp_path, requests), strict=True):
        path.write_text(answer["saved"], encoding="utf-8")
    before, after = tmp_path / "before", tmp_path / "after"
    assert run_cli("generate", "--content", str(tree), "--out", str(before), capsys=capsys)[0] == 0
    code, _, err = run_cli("generate", "--content", str(saved), "--out", str(after), capsys=capsys)
    assert code == 0, err
    for page in sorted(before.rglob("*")):
        if page.is_file():
            rel = page.relative_to(before)
            assert (after / rel).read_bytes() == page.read_bytes(), rel


@pytest.mark.browser  # needs Node
def test_every_scalar_survives_as_text_and_short_forms_become_the_canonical_shape(
    tmp_path: Path,
) -> None:
    site = "organization:\n  name: เทศบาลตำบลทดสอบ\n  phone: 0712345\ndisplay:\n  numerals: thai\n"
    measures = (
        "published: 2568-10-20\nmeasures:\n  - no: ๑\n    title: มาตรการ 3.10\n"
        "    indicators: 1\n    steps: ขั้นตอนเดียว\n    responsible: สำนักปลัด\n"
        "    period: [yes, 'no', null, ~]\n    deadline: 2569-01-31\n"
    )
    report = "round: 6-month\nresults:\n  - measure: 1\n    evidence: files/a.pdf\n"
    answers = _run_format(
        tmp_path,
        [
            {"format": "ita-site", "text": site},
            {"format": "ita-measures", "text": measures},
            {"format": "ita-report", "text": report},
        ],
    )
    site_data, measures_data, report_data = (a["data"] for a in answers)
    assert site_data["organization"]["phone"] == "0712345"
    m = measures_data["measures"][0]
    assert m["no"] == "๑"
    assert m["title"] == "มาตรการ 3.10"
    assert m["indicators"] == ["1"]
    assert m["steps"] == ["ขั้นตอนเดียว"]
    assert m["responsible"] == [{"unit": "สำนักปลัด"}]
    assert m["deadline"] == "2569-01-31"
    assert report_data["results"][0]["evidence"] == [{"file": "files/a.pdf"}]
    saved = answers[1]["saved"]
    assert "published: 2568-10-20" in saved or 'published: "2568-10-20"' in saved
    assert "title: มาตรการ 3.10" in saved
    # What the loader reads back is what was there.
    from site_builder.format.yamlio import parse

    data = parse(answers[0]["saved"])[0].data
    assert data["organization"]["phone"] == "0712345"
    data = parse(saved)[0].data
    assert data["measures"][0]["period"] == ["yes", "no", "null", "~"]
    assert data["measures"][0]["deadline"] == "2569-01-31"


# --- the local backend ---------------------------------------------------------------

ORIGIN = "http://127.0.0.1:8000"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _call(backend: api.Backend, body: Any, **headers: str) -> tuple[int, Any]:
    raw = json.dumps(body).encode("utf-8")
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/api/v1",
        "HTTP_HOST": "127.0.0.1:8000",
        "HTTP_ORIGIN": ORIGIN,
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(raw)),
        "wsgi.input": __import__("io").BytesIO(raw),
    }
    environ.update(headers)
    seen: list[str] = []
    payload = b"".join(backend(environ, lambda status, _headers: seen.append(status)))
    return int(seen[0].split()[0]), json.loads(payload)


@pytest.fixture
def local(tmp_path: Path) -> tuple[api.Backend, Path]:
    root = copy_tree(ROOT / "content", tmp_path / "content")
    return api.Backend(root, ORIGIN, 1024 * 1024), root


def test_the_backend_reads_and_writes_content_files(local: tuple[api.Backend, Path]) -> None:
    backend, root = local
    status, info = _call(backend, {"action": "info"})
    assert status == 200
    assert info["type"] == "local_fs"
    status, entry = _call(backend, {"action": "getEntry", "params": {"path": "content/site.yml"}})
    assert status == 200
    assert "organization" in entry["data"]
    status, listed = _call(
        backend,
        {
            "action": "entriesByFolder",
            "params": {"folder": "content/2567/reports", "extension": "yml"},
        },
    )
    assert [e["file"]["path"] for e in listed] == ["content/2567/reports/6-month.yml"]
    status, missing = _call(
        backend,
        {"action": "entriesByFiles", "params": {"files": [{"path": "content/2566/oit.yml"}]}},
    )
    assert status == 200
    assert missing[0]["data"] is None
    new = {
        "path": "content/2567/reports/annual.yml",
        "raw": "round: annual\ndraft: true\n",
        "slug": "annual",
    }
    asset = {
        "path": "content/2567/files/evidence.pdf",
        "content": base64.b64encode(PDF).decode(),
        "encoding": "base64",
    }
    status, _ = _call(
        backend,
        {"action": "persistEntry", "params": {"entry": new, "assets": [asset], "options": {}}},
    )
    assert status == 200
    assert (root / "2567" / "reports" / "annual.yml").read_text(encoding="utf-8") == new["raw"]
    assert (root / "2567" / "files" / "evidence.pdf").read_bytes() == PDF
    assert not [p for p in root.rglob(".*") if p.is_file()]  # no temporary file left
    status, media = _call(
        backend, {"action": "getMedia", "params": {"mediaFolder": "content/2567/files"}}
    )
    assert "content/2567/files/evidence.pdf" in [m["path"] for m in media]
    status, _ = _call(
        backend, {"action": "deleteFile", "params": {"path": "content/2567/reports/annual.yml"}}
    )
    assert status == 200
    assert not (root / "2567" / "reports" / "annual.yml").exists()


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"action": "getEntry", "params": {"path": "content/../../etc/passwd"}}, 400),
        ({"action": "getEntry", "params": {"path": "/etc/passwd"}}, 400),
        ({"action": "getEntry", "params": {"path": "content/2567/.git/config"}}, 400),
        ({"action": "getEntry", "params": {"path": "content/2567/notes.txt"}}, 403),
        ({"action": "getEntry", "params": {"path": "content/2599/measures.yml"}}, 403),
        ({"action": "getEntry", "params": {"path": ["content/site.yml"]}}, 400),
        ({"action": "getMediaFile", "params": {"path": "content/2567/files/../site.yml"}}, 400),
        ({"action": "deleteFile", "params": {"path": "content/site.yml"}}, 403),
        ({"action": "deleteFile", "params": {"path": "content/2567/measures.yml"}}, 403),
        ({"action": "entriesByFolder", "params": {"folder": "content", "extension": "yml"}}, 400),
        ({"action": "entriesByFolder", "params": {"folder": "content/2567", "extension": ""}}, 403),
        ({"action": "runShell", "params": {}}, 422),
        ([1, 2], 400),
    ],
)
def test_the_backend_refuses_what_is_not_a_content_file(
    local: tuple[api.Backend, Path], body: Any, status: int
) -> None:
    backend, _ = local
    got, answer = _call(backend, body)
    assert got == status
    assert answer["error"]


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "http://127.0.0.1:8001"},
        {"HTTP_HOST": "evil.example:8000"},  # DNS rebinding
        {"CONTENT_TYPE": "text/plain"},  # a cross-site form or a no-preflight fetch
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"REQUEST_METHOD": "GET"},
        {"CONTENT_LENGTH": "999999999999"},
    ],
)
def test_the_backend_answers_only_the_previews_own_pages(
    local: tuple[api.Backend, Path], headers: dict[str, str]
) -> None:
    backend, root = local
    before = (root / "site.yml").read_bytes()
    body = {
        "action": "persistEntry",
        "params": {"entry": {"path": "content/site.yml", "raw": "x: 1\n"}, "assets": []},
    }
    status, answer = _call(backend, body, **headers)
    assert status >= 400
    assert answer["error"]
    assert (root / "site.yml").read_bytes() == before


def test_uploads_are_checked_and_never_replace_a_file(local: tuple[api.Backend, Path]) -> None:
    backend, root = local
    files = root / "2567" / "files"
    existing = next(files.iterdir())
    original = existing.read_bytes()

    def upload(name: str, data: bytes) -> tuple[int, Any]:
        asset = {
            "path": f"content/2567/files/{name}",
            "content": base64.b64encode(data).decode(),
            "encoding": "base64",
        }
        return _call(backend, {"action": "persistMedia", "params": {"asset": asset}})

    assert upload(existing.name, PDF)[0] == 409
    assert existing.read_bytes() == original
    assert upload(existing.name, original)[0] == 200  # the same bytes: nothing to do
    assert upload("page.html", b"<script>alert(1)</script>")[0] == 415
    assert upload("fake.pdf", b"<script>alert(1)</script>")[0] == 415
    assert upload("big.pdf", PDF + b"0" * 2 * 1024 * 1024)[0] == 413
    assert upload("ok.pdf", PDF)[0] == 200
    assert sorted(p.name for p in files.iterdir()) == sorted([existing.name, "ok.pdf"])


def test_the_backend_does_not_follow_links(local: tuple[api.Backend, Path], tmp_path: Path) -> None:
    backend, root = local
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "measures.yml").write_text("secret: 1\n", encoding="utf-8")
    (root / "2568").symlink_to(outside)
    status, _ = _call(
        backend, {"action": "getEntry", "params": {"path": "content/2568/measures.yml"}}
    )
    assert status == 403
    (root / "2567" / "oit.yml").symlink_to(outside / "measures.yml")
    body = {
        "action": "persistEntry",
        "params": {"entry": {"path": "content/2567/oit.yml", "raw": "x"}},
    }
    assert _call(backend, body)[0] == 403
    assert (outside / "measures.yml").read_text(encoding="utf-8") == "secret: 1\n"


def test_the_preview_serves_the_editor_without_its_reload_script(tmp_path: Path) -> None:
    built = tmp_path / "built"
    (built / "admin").mkdir(parents=True)
    (built / "admin" / "index.html").write_text("<html><body>editor</body></html>", "utf-8")
    (built / "admin" / "x.exe").write_bytes(b"MZ")
    (tmp_path / "secret.yml").write_text("x: 1\n", encoding="utf-8")
    backend = api.Backend(tmp_path, ORIGIN, 1024)

    def site(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        start_response("200 OK", [])
        return [b"from the site: " + environ["PATH_INFO"].encode()]

    app = preview.mounted(site, backend, built)

    def get(path: str) -> bytes:
        return b"".join(app({"PATH_INFO": path, "REQUEST_METHOD": "GET"}, lambda *_: None))

    assert get("/admin/") == b"<html><body>editor</body></html>"
    assert get("/admin/index.html") == b"<html><body>editor</body></html>"
    for path in ("/admin/x.exe", "/admin/../secret.yml", "/admin/.hidden.js", "/other/"):
        assert get(path).startswith(b"from the site: ")


@pytest.mark.parametrize("raw", ["{}\n", "", "---\n{}\n---\n"])
def test_an_empty_form_never_erases_a_file(local: tuple[api.Backend, Path], raw: str) -> None:
    backend, root = local
    before = (root / "site.yml").read_bytes()
    body = {"action": "persistEntry", "params": {"entry": {"path": "content/site.yml", "raw": raw}}}
    status, answer = _call(backend, body)
    assert status == 409
    assert "โหลดหน้าแบบฟอร์มใหม่" in answer["error"]
    assert (root / "site.yml").read_bytes() == before


def test_the_editor_links_the_site_where_it_is_published(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Under a sub-path the editor's "view site" link is the site, not the host's root;
    # in the preview, MkDocs serves the site at that path.
    root = _with_editor(
        tmp_path,
        "site_url: https://www.example.go.th/ita/\n"
        "editor:\n  backend: gitlab\n  repo: tambon/ita\n  app_id: abc123\n",
    )
    site = tmp_path / "site"
    code, _, err = run_cli("build", "--content", str(root), "--site-dir", str(site), capsys=capsys)
    assert code == 0, err
    conf = yaml.safe_load((site / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert conf["display_url"] == conf["site_url"] == "https://www.example.go.th/ita/"
    local = tmp_path / "local"
    editor.write_for(
        local, root, local=True, settings=None, site_url="https://www.example.go.th/ita/"
    )
    conf = yaml.safe_load((local / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert conf["display_url"] == conf["site_url"] == "/ita/"
    editor.write_for(local, root, local=True, settings=None)
    conf = yaml.safe_load((local / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert conf["display_url"] == "/"
