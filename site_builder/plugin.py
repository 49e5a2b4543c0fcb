"""The MkDocs plugin: a thin adapter from MkDocs events to the core.

``docs_dir`` is the content folder. The plugin loads and validates all of it in
``on_config`` (before MkDocs writes anything), replaces the files MkDocs found
with the generated pages and the attachments, and escapes every title that came
from content. In ``mkdocs serve`` a content error becomes an error page, so the
preview keeps running and reloads when the file is fixed.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any, Literal

from markupsafe import Markup, escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from . import content as content_mod
from . import output, search
from .errors import ContentError, format_problems
from .markup import sanitize
from .render import SitePlan, render

log = logging.getLogger("mkdocs.plugins.ita")
# Content warnings do not stop a strict build: they go to a logger MkDocs does not count.
content_log = logging.getLogger("site_builder")
_CELL_END = re.compile(r"(</(?:td|th|tr|caption|div|dt|dd|figcaption)>)(?=<)")


class ItaConfig(base.Config):
    max_attachment_mb = c.Type(int, default=20)
    """Largest attachment accepted under ``<year>/files/``, in megabytes."""
    thai_search = c.Type(bool, default=True)
    """Segment Thai words in Material's search index and split Thai queries."""


class ItaPlugin(BasePlugin[ItaConfig]):
    def __init__(self) -> None:
        self.command: str = "build"
        self.plan = SitePlan()
        self.search_words: list[str] = []

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.docs_dir)
        if self.command != "serve":
            # MkDocs empties site_dir right after this event: refuse a folder that is not ours.
            try:
                output.check_target(
                    Path(config.site_dir),
                    protected=[root, Path(config.config_file_path or ".").parent],
                    not_inside=[root],
                    legacy_site=True,
                )
            except output.OutputRefused as exc:
                raise PluginError(str(exc)) from None
        try:
            loaded = content_mod.load(
                root, max_file_bytes=self.config.max_attachment_mb * 1024 * 1024
            )
        except ContentError as exc:
            message = "เนื้อหามีข้อผิดพลาด ยังไม่ได้สร้างเว็บไซต์:\n" + format_problems(exc.problems)
            if self.command != "serve":
                raise PluginError(message) from None
            # Not on MkDocs' own logger: strict mode would abort the preview.
            content_log.error(message)
            self.plan = _error_plan(exc, config)
            config.nav = [{"ข้อผิดพลาด": "index.md"}]
            return config
        for warning in loaded.warnings:
            content_log.warning(warning.format())
        self.search_words = search.content_words(loaded)
        self.plan = render(
            loaded, directory_urls=config.use_directory_urls, site_url=config.site_url
        )
        config.nav = self.plan.nav
        config.site_name = escape(loaded.site.organization.name)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        docs = Path(config.docs_dir).resolve()
        for file in list(files):
            # The content tree itself is data, never published as it is.
            if file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(docs):
                files.remove(file)
        for page in self.plan.pages:
            files.append(File.generated(config, page.path, content=page.markdown))
        for site_path, source in self.plan.attachments.items():
            files.append(File.generated(config, site_path, abs_src_path=source))
        for site_path, text in self.plan.extra.items():
            files.append(File.generated(config, site_path, content=text.encode("utf-8")))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        _escape_titles(nav.items)
        return nav

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        _escape_page_title(page)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Generated pages are built from escaped values and sanitised fragments;
        # free pages are staff Markdown and are sanitised whole.
        if "/pages/" in f"/{page.file.src_uri}":
            html = sanitize(html)
        # Material's search index drops table and block tags without a space, so
        # cells "2566" "96.21" would be indexed as one word "256696.21".
        return _CELL_END.sub(r"\1 ", html)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # Runs after Material's search plugin (listed before `ita`) wrote its index.
        if self.config.thai_search:
            search.install(Path(config.site_dir), search.Segmenter(self.search_words))
        output.write_marker(Path(config.site_dir), "build")

    def on_page_context(
        self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> Any:
        _escape_page_title(page)
        return context


def _escape_page_title(page: Page) -> None:
    # Material prints meta values (title, description) into <title> and <meta> unescaped.
    for key in ("title", "description"):
        value = page.meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[key] = escape(value)
    if page.title is not None and not isinstance(page.title, Markup):
        page.title = escape(str(page.title))


def _escape_titles(items: list[Any]) -> None:
    for item in items:
        if isinstance(item, Section):
            if not isinstance(item.title, Markup):
                item.title = escape(str(item.title))
            _escape_titles(item.children)
        elif (
            # Only titles the nav set; the others come from the page's own meta
            # once it is read, and are escaped in on_page_markdown.
            isinstance(item, Page)
            and "title" in vars(item)
            and item.title is not None
            and not isinstance(item.title, Markup)
        ):
            item.title = escape(str(item.title))


def _error_plan(exc: ContentError, config: MkDocsConfig) -> SitePlan:
    """The preview while the content has errors: the list of problems, and the staff
    guide (its footer link and "how to read an error" must work now most of all)."""
    from . import guide
    from .content import Content
    from .models import SiteFile
    from .render import GeneratedPage, Renderer

    rows = "\n".join(f"<li><code>{escape(p.format())}</code></li>" for p in exc.problems)
    body = (
        '---\ntitle: "เนื้อหามีข้อผิดพลาด"\n---\n\n'
        "แก้ไขไฟล์ตามรายการด้านล่าง แล้วบันทึกไฟล์: หน้านี้จะโหลดใหม่เอง "
        "([วิธีอ่านข้อความแจ้งข้อผิดพลาด](guide/errors.md))\n\n"
        f'<ol class="ita-errors">\n{rows}\n</ol>\n'
    )
    pages = [GeneratedPage("index.md", "เนื้อหามีข้อผิดพลาด", body)]
    try:
        placeholder = Content(
            root=Path(config.docs_dir),
            site=SiteFile.model_validate({"organization": {"name": "หน่วยงาน"}}),
            years=(),
            frameworks={},
        )
        pages += guide.pages(Renderer(placeholder, directory_urls=config.use_directory_urls))
    except Exception:  # the error page itself must always show
        log.debug("the staff guide could not be added to the error page", exc_info=True)
    return SitePlan(pages=pages, nav=[])
