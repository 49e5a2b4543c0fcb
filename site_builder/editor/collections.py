"""The form editor's configuration (Decap CMS ``config.yml``): backend and collections.

The collections follow the content tree (:func:`collections`); their fields come from
the models (:mod:`.config`).  Only options that Decap CMS and Sveltia CMS both read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from ..format.models import AnalysisFile, MeasuresFile, OitFile, PageMeta, ReportFile, SiteFile
from .config import YearLayout, model_fields

_PAGE_NAME = "page_name"
"""A free page's file name (its URL): asked for a new page, never written into the file
(``ita-cms.js`` leaves it out)."""


def _draft_default(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A new document starts as a draft: checked, not published."""
    return [{**f, "default": "true"} if f["name"] == "draft" else f for f in fields]


def format_name(kind: str) -> str:
    """The editor format ``ita-cms.js`` registers for a document kind (``ita-measures``)."""
    return f"ita-{kind}"


_DOCUMENTS = (
    ("analysis", "การวิเคราะห์ผลการประเมิน", AnalysisFile),
    ("measures", "มาตรการส่งเสริมคุณธรรมและความโปร่งใส", MeasuresFile),
    ("oit", "ข้อ OIT ที่เผยแพร่ไว้ที่อื่น", OitFile),
)
_PAGE_NAME_FIELD = {
    "name": _PAGE_NAME,
    "label": "ชื่อไฟล์ของหน้าใหม่ (เป็นส่วนหนึ่งของ URL)",
    "hint": "ตัวอักษรอังกฤษพิมพ์เล็ก ตัวเลข และ - เช่น contact-channels "
    "(ใส่เฉพาะเมื่อสร้างหน้าใหม่ หน้าที่มีอยู่แล้วใช้ชื่อไฟล์เดิม)",
    "required": False,
    "widget": "string",
    "pattern": ["^[a-z0-9][a-z0-9-]*$", "ตัวอักษรอังกฤษพิมพ์เล็ก ตัวเลข และ - เช่น no-gift"],
}
_BODY_FIELD = {
    "name": "body",
    "label": "เนื้อหา (Markdown)",
    "hint": "เนื้อหาของหน้า เขียนแบบ Markdown",
    "required": False,
    "widget": "text",
}


def collections(folder: str, years: list[YearLayout]) -> list[dict[str, Any]]:
    """The collections of a content tree whose folder is ``folder`` (relative to the
    repository): the site's settings; the analysis, the measures and the OIT file, each
    with one file per year (latest first); then per year its reports and its free
    pages.  A year's uploads go to its ``files/`` folder."""
    ordered = sorted(years, key=lambda y: -y.year)

    def media(year: int) -> dict[str, str]:
        return {"media_folder": f"/{folder}/{year}/files", "public_folder": "files"}

    result: list[dict[str, Any]] = [
        {
            "name": "site",
            "label": "ข้อมูลหน่วยงาน",
            "format": format_name("site"),
            "files": [
                {
                    "name": "site",
                    "label": "ข้อมูลหน่วยงาน (site.yml)",
                    "file": f"{folder}/site.yml",
                    "fields": model_fields(SiteFile),
                }
            ],
        }
    ]
    for kind, label, model in _DOCUMENTS:
        result.append(
            {
                "name": kind,
                "label": label,
                "format": format_name(kind),
                "files": [
                    {
                        "name": str(y.year),
                        "label": f"ปีงบประมาณ {y.year} ({y.year}/{kind}.yml)",
                        "file": f"{folder}/{y.year}/{kind}.yml",
                        **media(y.year),
                        "fields": _draft_default(model_fields(model, y.choices)),
                    }
                    for y in ordered
                ],
            }
        )
    for y in ordered:
        result.append(
            {
                "name": f"reports-{y.year}",
                "label": f"รายงานผลการดำเนินการ ปี {y.year}",
                "label_singular": "รายงาน",
                "folder": f"{folder}/{y.year}/reports",
                "extension": "yml",
                "format": format_name("report"),
                "create": True,
                "slug": "{{round}}",
                "identifier_field": "round",
                "summary": "{{round}} {{title}}",
                **media(y.year),
                "fields": _draft_default(model_fields(ReportFile, y.choices)),
            }
        )
        result.append(
            {
                "name": f"pages-{y.year}",
                "label": f"หน้าอื่น ๆ ปี {y.year}",
                "label_singular": "หน้า",
                "folder": f"{folder}/{y.year}/pages",
                "extension": "md",
                "format": format_name("page"),
                "create": True,
                "slug": "{{fields." + _PAGE_NAME + "}}",
                "summary": "{{title}}",
                **media(y.year),
                "fields": [
                    dict(_PAGE_NAME_FIELD),
                    *_draft_default(model_fields(PageMeta, y.choices)),
                    dict(_BODY_FIELD),
                ],
            }
        )
    return result


@dataclass(frozen=True)
class Backend:
    """Where the editor reads and saves: the local preview's endpoint, or a GitHub or
    GitLab repository with the editorial workflow (every save a pull/merge request)."""

    name: str
    options: dict[str, str] = field(default_factory=dict)

    def config(self) -> dict[str, Any]:
        """The ``backend`` (and ``publish_mode``) part of the configuration."""
        result: dict[str, Any] = {"backend": {"name": self.name, **self.options}}
        if self.name != "proxy":
            result["publish_mode"] = "editorial_workflow"
        return result


class _Dumper(yaml.SafeDumper):
    """YAML without anchors: the editors read it, and people do."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(settings: dict[str, Any]) -> str:
    """The configuration as ``config.yml``."""
    return yaml.dump(settings, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


def configuration(
    backend: Backend, folder: str, years: list[YearLayout], site_url: str = "/"
) -> dict[str, Any]:
    """The whole configuration: backend, Thai interface, the site's address (``site_url``:
    the editor's link to the site), the global upload folder (``files/`` of the content
    folder) and the collections."""
    return {
        **backend.config(),
        "locale": "th",
        "site_url": site_url,
        "display_url": site_url,
        "media_folder": f"{folder}/files",
        "public_folder": "files",
        "collections": collections(folder, years),
    }
