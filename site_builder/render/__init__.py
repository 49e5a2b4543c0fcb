"""Render page specifications into Markdown, in a fixed form.

Templates are Jinja2 with ``StrictUndefined`` and HTML autoescaping: every value
from content is escaped where it lands, Markdown fields go through
:mod:`site_builder.markup`.  A free page's Markdown is the staff's own, checked at
load time (:func:`site_builder.markup.unsafe_html`) and sanitised again by the
plugin because it is not :attr:`GeneratedPage.trusted`.  Nothing here imports MkDocs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import jinja2

from .. import markup, oit, paths, thai, views

if TYPE_CHECKING:
    from ..tree import Content, Page
    from .pages import PageSpec


@dataclass(frozen=True)
class GeneratedPage:
    """One page of the site: its source path (``2566/measures/1.md``), title and Markdown."""

    path: str
    title: str
    markdown: str
    trusted: bool = True
    """Rendered from templates, every value escaped; False for the Markdown staff wrote
    (a free page), which the plugin sanitises after MkDocs has turned it into HTML."""


class Renderer:
    """The Jinja environment of one site: its filters (numbers in the site's digits,
    scores, B.E. dates, Markdown fields) and its globals (``paths``, ``views``,
    ``oit``, the site's ``content``, ``site`` and ``org``; ``pdf``, the source path of
    the page's own PDF, is None but on an official page of a site built with ``pdf``)."""

    def __init__(
        self,
        content: Content,
        *,
        directory_urls: bool = True,
        site_url: str | None = None,
        pdf: bool = False,
    ) -> None:
        self.content = content
        self.directory_urls = directory_urls
        self.site_url = site_url or None
        self.pdf = pdf
        self.thai_digits = content.site.display.numerals == "thai"
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("site_builder", "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(
            num=self.num,
            score=self.score,
            date=self.date,
            md=markup.block,
            mdi=markup.inline,
            text=markup.text,
        )
        self.env.globals.update(
            paths=paths,
            views=views,
            oit=oit,
            site=content.site,
            org=content.site.organization,
            content=content,
            thai_digits=self.thai_digits,
            pdf=None,
        )

    # -- filters ---------------------------------------------------------------

    def num(self, value: object) -> str:
        """A number or numbering in the site's digits."""
        return thai.format_number(str(value), thai_digits=self.thai_digits)

    def score(self, value: float | None) -> str:
        """A score with two decimals; a dash for none."""
        return "–" if value is None else thai.format_score(value, thai_digits=self.thai_digits)

    def date(self, value: Any) -> str:
        """A date as ``4 เมษายน 2566``; empty for none."""
        return "" if value is None else thai.format_date(value, thai_digits=self.thai_digits)

    # -- pages -------------------------------------------------------------------

    def render(self, spec: PageSpec) -> GeneratedPage:
        """The Markdown of one page specification."""
        if spec.template is None:
            if spec.page is None:
                raise ValueError(f"{spec.path}: a page without a template needs its free page")
            return self.free_page(spec.path, spec.page)
        context = dict(spec.context)
        if self.pdf and spec.pdf:  # the page links its PDF only when it is printed
            context["pdf"] = spec.pdf
        return self.page(spec.template, spec.path, spec.title, wide=spec.wide, **context)

    def page(
        self,
        template: str,
        path: str,
        title: str,
        *,
        wide: bool = False,
        unlisted: bool = False,
        **context: Any,
    ) -> GeneratedPage:
        """Render ``template`` as the page at source path ``path``: front matter, the
        title as its heading, then the template's body.  Templates link with
        ``link(source_path)``, relative to this page.  An ``unlisted`` page is left out
        of the search index and the sitemap (its URL still works)."""

        def link(target: str) -> str:
            return paths.link(path, target, self.directory_urls)

        body = self.env.get_template(template).render(link=link, here=path, title=title, **context)
        # Wide pages (the official tables) give the table-of-contents column to the table.
        hide = "hide:\n  - toc\n" if wide else ""
        # Material's search skips a page whose front matter says so; the theme's
        # sitemap.xml skips it too.
        hide += "search:\n  exclude: true\n" if unlisted else ""
        front = "---\n" + f"title: {json.dumps(title, ensure_ascii=False)}\n" + hide + "---\n\n"
        heading = f"# {markup.text(title)}\n\n"
        return GeneratedPage(path, title, front + heading + body)

    def free_page(self, path: str, page: Page) -> GeneratedPage:
        """A free page as staff wrote it, with its front matter rewritten from the
        validated values and the date it was last updated."""
        meta = page.meta
        front = {"title": meta.title, "oit": list(meta.oit)}
        if meta.updated:
            front["updated"] = meta.updated.isoformat()
        if meta.description:
            front["description"] = meta.description
        head = (
            "---\n"
            + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in front.items())
            + "---\n\n"
        )
        updated = ""
        if meta.updated:
            updated = f'\n\n<p class="ita-updated">ปรับปรุงล่าสุด {self.date(meta.updated)}</p>\n'
        return GeneratedPage(path, meta.title, head + page.body + updated, trusted=False)
