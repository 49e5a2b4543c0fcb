"""The MkDocs plugin: a thin adapter from MkDocs events to the core.

``docs_dir`` is the content folder. The plugin loads and validates all of it in
``on_config`` (before MkDocs writes anything), replaces the files MkDocs found
with the generated pages and the attachments, and escapes every title that came
from content. In ``mkdocs serve`` every failure becomes an error page (a content
error, a ``site_url`` that cannot be published, any exception while loading,
rendering or building), so the preview always answers and reloads when the file
is fixed.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from markupsafe import Markup, escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from . import editor, links, output, paths, search
from .configure import apply_defaults
from .editor import backend as editor_backend
from .editor import preview as editor_preview
from .errors import ContentError, format_problems, show_controls, unexpected
from .indexing import section_index
from .markup import Held, hold_blocks, sanitize
from .plan import SitePlan, build_plan, error_plan
from .siteurl import SiteUrlRefused, checked_site_url
from .tree import loader
from .tree.attachments import MAX_FILE_BYTES

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

    from .format.models import EditorSettings
    from .tree import Content

log = logging.getLogger("mkdocs.plugins.ita")
# Content warnings do not stop a strict build: they go to a logger MkDocs does not count.
content_log = logging.getLogger("site_builder")
_CELL_END = re.compile(r"(</(?:td|th|tr|caption|div|dt|dd|figcaption)>)(?=<)")


class _Megabytes(c.Type[int]):
    """A whole number of megabytes, 1 or more (``yes`` or ``-5`` would refuse every file)."""

    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValidationError(f"ต้องเป็นจำนวนเต็มตั้งแต่ 1 ขึ้นไป หน่วยเมกะไบต์ เช่น 20 (พบ {value!r})")
        return value


class ItaConfig(base.Config):
    """The options of ``plugins: - ita:`` in mkdocs.yml."""

    max_attachment_mb = _Megabytes(default=MAX_FILE_BYTES // (1024 * 1024))
    """Largest attachment accepted under ``<year>/files/``, in megabytes."""
    thai_search = c.Type(bool, default=True)
    """Segment Thai words in Material's search index and split Thai queries."""


class ItaPlugin(BasePlugin[ItaConfig]):
    """Builds the site from the content folder (``docs_dir``): see the module docstring."""

    editing: ClassVar[editor_backend.Backend | None] = None
    """Set by ``site-builder edit``: the preview serves the form editor saving into the
    content folder through this backend (never set by a build)."""

    def __init__(self) -> None:
        self.command: str = "build"
        self.plan = SitePlan()
        self.trusted: set[str] = set()
        """Source paths of the pages rendered from templates; every other page is sanitised."""
        self.held: dict[str, Held] = {}
        """The raw HTML blocks of generated pages between on_page_markdown and on_page_content."""
        self.search_words: list[str] = []
        self.index_written = False
        """Whether Material's search writes the Thai index itself (no rewrite after it)."""
        self.failure: Exception | None = None
        """In ``serve``: why the last build failed after ``on_config``; the next build
        shows it as the error page instead of the site."""
        self.editor_settings: EditorSettings | None = None
        """site.yml's ``editor:``, which puts the form editor on the built site."""
        self.preloaded: tuple[Content, SitePlan] | None = None
        """Set by ``site-builder build``, which has already loaded, checked and planned the
        content: the next build uses them instead of doing it all again, when they are
        for the same folder and the plan for the same settings."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Remember whether this is a preview (``serve``) and watch MkDocs' warnings there."""
        self.command = command
        if command == "serve" and _seen not in logging.getLogger("mkdocs").handlers:
            logging.getLogger("mkdocs").addHandler(_seen)

    def on_shutdown(self) -> None:
        """Stop watching MkDocs' warnings."""
        # What it saw stays: a preview started again shows why the first build failed.
        logging.getLogger("mkdocs").removeHandler(_seen)

    @event_priority(100)  # first: the other plugins (search) see the package's defaults
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Apply the package's defaults (theme, Markdown, search); check the output
        folder and ``site_url``; load and validate the content and plan the site (or, in
        the preview, plan the error page); set the navigation."""
        apply_defaults(config)
        root = Path(config.docs_dir)
        serving = self.command == "serve"
        failure, self.failure = self.failure, None
        said, _seen.messages = _seen.messages, []
        if not serving:
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
        if config.site_url:
            try:
                config.site_url = checked_site_url(config.site_url)
            except SiteUrlRefused as exc:
                config.site_url = None
                if not serving:
                    raise PluginError(f"site_url: {exc}") from None
                return self._show_errors(config, [f"site_url: {exc}"])
        if failure is not None:
            return self._show_errors(config, _failure_lines(failure, said), exc=failure)
        try:
            pre, self.preloaded = self.preloaded, None
            if pre is not None and pre[0].root.resolve() == root.resolve():
                loaded = pre[0]
            else:
                pre = None
                limit = self.config.max_attachment_mb * 1024 * 1024
                loaded = loader.load(root, max_file_bytes=limit)
            search_words = search.content_words(loaded)
            # site.yml's site_url overrides mkdocs.yml's (DESIGN, format v1.1).
            config.site_url = loaded.site.site_url or config.site_url
            planned = pre[1] if pre is not None else None
            if planned is not None and (planned.directory_urls, planned.site_url) == (
                config.use_directory_urls,
                config.site_url,
            ):
                plan = planned  # planned and link-checked by the command, as MkDocs would
            else:
                plan = build_plan(
                    loaded, directory_urls=config.use_directory_urls, site_url=config.site_url
                )
                dead = links.dead_links(loaded, plan.site_paths())
                if dead:
                    raise ContentError(dead)
        except ContentError as exc:
            if not serving:
                raise PluginError(
                    "เนื้อหามีข้อผิดพลาด ยังไม่ได้สร้างเว็บไซต์:\n" + format_problems(exc.problems)
                ) from None
            return self._show_errors(
                config,
                [p.format() for p in exc.problems],
                message="เนื้อหามีข้อผิดพลาด ยังไม่ได้สร้างเว็บไซต์:\n" + format_problems(exc.problems),
            )
        except Exception as exc:
            # Not a content problem that the loader knows: still a Thai line, never a
            # traceback (that is shown with -v) and, in the preview, the error page.
            if not serving:
                log.debug("unexpected error while loading the content", exc_info=exc)
                raise PluginError(unexpected(exc)) from exc
            return self._show_errors(config, [unexpected(exc)], exc=exc)
        for warning in loaded.warnings:
            content_log.warning(warning.format())
        self.search_words = search_words
        self.editor_settings = loaded.site.editor
        if self.editing is not None or self.editor_settings is not None:
            try:  # the editor's scripts, before anything is written
                editor.vendor.shipped_files()
            except editor.vendor.VendorError as exc:
                if not serving:
                    raise PluginError(str(exc)) from None
                return self._show_errors(config, [str(exc)])
        self.plan = plan
        config.nav = self.plan.nav
        config.site_name = escape(loaded.site.organization.name)
        if plan.logo:
            config.theme["logo"] = plan.logo
        return config

    def _show_errors(
        self,
        config: MkDocsConfig,
        lines: list[str],
        *,
        message: str | None = None,
        exc: BaseException | None = None,
    ) -> MkDocsConfig:
        """The preview's error page instead of the site; ``message`` (by default the
        lines) is logged once, the traceback only with ``-v``."""
        # Not on MkDocs' own logger: strict mode would abort the preview.
        content_log.error(message or "\n".join(["เนื้อหามีข้อผิดพลาด ยังไม่ได้สร้างเว็บไซต์:", *lines]))
        if exc is not None:
            log.debug("the error shown on the preview's error page", exc_info=exc)
        self.plan = _error_plan(lines, config)
        self.search_words = []
        config.nav = [{"ข้อผิดพลาด": paths.home()}]
        return config

    def on_build_error(self, *, error: Exception) -> None:
        """In the preview, keep the failure for the next build's error page."""
        # The site could not be built after on_config (MkDocs' own rendering, strict
        # warnings, another hook): in the preview, the next build shows why.
        if self.command == "serve" and self.failure is None:
            self.failure = error

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        """A rebuild that fails is built again at once with the error page: MkDocs'
        server would otherwise hold every request until the next successful build."""
        rebuild = server.builder

        def build_or_show_error() -> None:
            try:
                rebuild()
                return
            except Exception as exc:
                self.failure = exc
            try:
                rebuild()
            except Exception as exc:  # even the error page failed: a bare one
                log.debug("the preview's error page could not be built", exc_info=exc)
                output.bare_error_page(Path(server.root), unexpected(exc))
            finally:
                self.failure = None

        server.builder = build_or_show_error
        if self.editing is not None:  # site-builder edit: the editor's backend beside the site
            site_app = server.get_app()
            if site_app is not None:
                built = Path(server.root)
                server.set_app(editor_preview.mounted(site_app, self.editing, built))
        return server

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """MkDocs' files replaced by the plan's; Material's search given its index (:mod:`.indexing`)."""
        words = self.search_words if self.config.thai_search else None
        self.index_written = section_index(config, words) and words is not None
        docs = Path(config.docs_dir).resolve()
        for file in list(files):
            # The content tree itself is data, never published as it is.
            if file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(docs):
                files.remove(file)
        self.trusted = {page.path for page in self.plan.pages if page.trusted}
        for page in self.plan.take_pages():
            files.append(File.generated(config, page.path, content=page.markdown))
        for site_path, source in self.plan.attachments.items():
            files.append(File.generated(config, site_path, abs_src_path=source))
        for site_path, text in self.plan.extra.items():
            files.append(File.generated(config, site_path, content=text.encode("utf-8")))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Escape the navigation's titles (they come from content)."""
        _escape_titles(nav.items)
        return nav

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Escape the page's title (it comes from content); hold a generated page's raw
        HTML blocks out of Python-Markdown (:func:`~site_builder.markup.hold_blocks`)."""
        _escape_page_title(page)
        if page.file.src_uri in self.trusted:
            page.file.content_string = ""  # read: only page.markdown is kept (plan.take_pages)
            markdown, self.held[page.file.src_uri] = hold_blocks(markdown)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Sanitise every page not rendered from templates; space table cells for search."""
        # Generated pages are built from escaped values and sanitised fragments; any
        # other page (a free page: staff Markdown) is sanitised whole.
        if page.file.src_uri not in self.trusted:
            html = sanitize(html)
        held = self.held.pop(page.file.src_uri, None)
        if held is not None:
            html = held.restore(html)
        # Material's search index drops table and block tags without a space, so
        # cells "2566" "96.21" would be indexed as one word "256696.21".
        return _CELL_END.sub(r"\1 ", html)

    @event_priority(-100)  # last: after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Rewrite the search index for Thai and mark the folder as this tool's output."""
        # Runs after Material's search plugin (listed before `ita`) wrote its index.
        if self.index_written:
            search.patch_workers(Path(config.site_dir))
        elif self.config.thai_search:
            search.install(Path(config.site_dir), self.search_words)
        self._write_editor(config)
        output.write_marker(Path(config.site_dir), "build")

    def _write_editor(self, config: MkDocsConfig) -> None:
        """The form editor at /admin/ (:func:`site_builder.editor.write_for`)."""
        site, root = Path(config.site_dir), Path(config.docs_dir)
        try:
            editor.write_for(
                site,
                root,
                local=self.editing is not None,
                settings=self.editor_settings,
                site_url=config.site_url,
            )
        except editor.vendor.VendorError as exc:
            raise PluginError(str(exc)) from None

    def on_page_context(
        self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> Any:
        """Escape the page's title again: a theme may have read it since."""
        _escape_page_title(page)
        return context


class _Seen(logging.Handler):
    """What MkDocs warned about during the current preview build: when strict mode
    stops the build, the error page lists it."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith("mkdocs.livereload"):  # requests, not the build
            self.messages.append(record.getMessage())


_seen = _Seen()


def _failure_lines(failure: Exception, said: list[str]) -> list[str]:
    """The error page's lines for a build that failed after ``on_config``."""
    lines = [f"MkDocs: {show_controls(message)}" for message in said]
    if isinstance(failure, Abort) and lines:
        return [
            *lines,
            f"MkDocs หยุดสร้างเว็บไซต์ ({show_controls(str(failure))}): แก้ตามข้อความข้างบน แล้วบันทึกไฟล์",
        ]
    return [*lines, unexpected(failure)]


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


def _error_plan(lines: list[str], config: MkDocsConfig) -> SitePlan:
    """:func:`site_builder.plan.error_plan`; without the staff guide if even that fails
    (the error page itself must always show)."""
    docs = Path(config.docs_dir)
    try:
        return error_plan(lines, docs, directory_urls=config.use_directory_urls)
    except Exception:
        log.debug("the staff guide could not be added to the error page", exc_info=True)
        return error_plan(lines, docs, with_guide=False)
