"""The URL scheme of the site (DESIGN.md, "URLs"): the one place that names a page.

Every page, attachment and export has a *source path*, the name MkDocs knows it by
(``2566/measures/3.md``, ``2566/files/a.pdf``, ``data/2566.json``); MkDocs turns a
page's source path into its URL (``2566/measures/3/``) by :func:`page_url`.  The
builders below are the only code that spells a source path; templates get this
module as the global ``paths`` and link with ``link(paths.measure(y, m.no))``.
The URLs are a public contract: ``tests/urls.txt`` lists every one of the sample
tree, and a change there is a change municipalities and assessors see.
"""

from __future__ import annotations

import posixpath
import urllib.parse

# -- source paths of pages ----------------------------------------------------------------


def home() -> str:
    """The home page."""
    return "index.md"


def year(y: int) -> str:
    """The overview of fiscal year ``y``."""
    return f"{y}/index.md"


def analysis(y: int) -> str:
    """The analysis of the assessment that fiscal year ``y`` acts on."""
    return f"{y}/analysis.md"


def measures(y: int) -> str:
    """The official table of fiscal year ``y``'s measures."""
    return f"{y}/measures/index.md"


def measure(y: int, no: int) -> str:
    """Measure number ``no`` of fiscal year ``y``."""
    return f"{y}/measures/{no}.md"


def report(y: int, name: str) -> str:
    """A progress report of fiscal year ``y``, by its file name (``6-month``)."""
    return f"{y}/reports/{name}.md"


def year_indicator(y: int, no: int) -> str:
    """Indicator ``no`` in fiscal year ``y``: its score and the measures for it."""
    return f"{y}/indicators/{no}.md"


def indicator(no: int) -> str:
    """Indicator ``no`` across every year."""
    return f"indicators/{no}.md"


def oit(y: int) -> str:
    """The OIT page of fiscal year ``y``: every item and what serves it."""
    return f"{y}/oit.md"


def page(y: int, slug: str) -> str:
    """A free page of fiscal year ``y`` (``pages/<slug>.md`` in the content)."""
    return f"{y}/pages/{slug}.md"


def pages_folder(y: int) -> str:
    """The folder of fiscal year ``y``'s free pages, with a trailing slash."""
    return f"{y}/pages/"


def guide(name: str) -> str:
    """A page of the staff guide (``index`` is its first)."""
    return f"guide/{name}.md"


GUIDE_FOLDER = "guide"
"""The staff guide's folder: every source path under it is a guide page."""


# -- PDFs of the official pages (site-builder pdf) -------------------------------------------
# Each sits in its page's folder, under a name that still says what it is once downloaded.


def analysis_pdf(y: int) -> str:
    """The PDF of fiscal year ``y``'s analysis page."""
    return f"{y}/analysis/ita-{y}-analysis.pdf"


def measures_pdf(y: int) -> str:
    """The PDF of fiscal year ``y``'s table of measures."""
    return f"{y}/measures/ita-{y}-measures.pdf"


def report_pdf(y: int, name: str) -> str:
    """The PDF of a progress report of fiscal year ``y``, by its file name (``6-month``)."""
    return f"{y}/reports/{name}/ita-{y}-report-{name}.pdf"


# -- attachments and exports --------------------------------------------------------------


def attachment(y: int, rel: str) -> str:
    """A file of fiscal year ``y``, by its path inside the year (``files/a.pdf``)."""
    return f"{y}/{rel}"


def site_file(rel: str) -> str:
    """A file of the whole site (``files/logo.png``, from ``content/files/``)."""
    return rel


def data_json(y: int) -> str:
    """Open data: everything of fiscal year ``y`` as JSON."""
    return f"data/{y}.json"


def measures_csv(y: int) -> str:
    """Open data: fiscal year ``y``'s measures and their latest results as CSV."""
    return f"data/{y}-measures.csv"


def oit_csv(y: int) -> str:
    """The CSV of fiscal year ``y``'s OIT items, for the NACC's ITAS system."""
    return f"data/{y}-oit.csv"


# -- from source paths to URLs ------------------------------------------------------------


def page_url(path: str, directory_urls: bool = True) -> str:
    """The URL (relative to the site root, no leading slash) MkDocs gives a source path;
    a source path that is not a page (``.md``) is its own URL."""
    if not path.endswith(".md"):
        return path
    stem = path[:-3]
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def output_file(path: str, directory_urls: bool = True) -> str:
    """The file a source path is written to inside the built site (``2566/oit/index.html``)."""
    url = page_url(path, directory_urls)
    return url + "index.html" if url.endswith("/") or not url else url


def relative(here: str, target: str, directory_urls: bool = True) -> str:
    """A relative URL from the page at source path ``here`` to source path ``target``."""
    here_url = page_url(here, directory_urls)
    base = here_url if here_url.endswith("/") or not here_url else posixpath.dirname(here_url)
    target_url = page_url(target, directory_urls)
    rel = posixpath.relpath(target_url or ".", base.rstrip("/") or ".")
    if target_url.endswith("/") or not target_url:
        rel = rel.rstrip("/") + "/" if rel != "." else "./"
    return rel


def link(here: str, target: str, directory_urls: bool = True) -> str:
    """:func:`relative`, percent-encoded for an ``href`` (a Thai file name with spaces
    stays one working link)."""
    return urllib.parse.quote(relative(here, target, directory_urls), safe="/#.-_~")


def absolute(path: str, base_url: str | None) -> str:
    """The URL of a source path: absolute under ``site_url``, else root-relative;
    percent-encoded, so that a file named in Thai with spaces is one working link."""
    url = urllib.parse.quote(page_url(path), safe="/")
    if base_url:
        return base_url.rstrip("/") + "/" + url
    return "/" + url
