"""``site-builder import``: a Word document read into a draft for staff to review.

The pipeline, one module a step: :mod:`.reader` reads the ``.docx`` safely (mammoth,
behind checks for links, size, zip bombs, old and encrypted files); :mod:`.grid` turns
mammoth's HTML into paragraphs and tables with merged cells resolved; :mod:`.columns`
reads which column holds what from the header words; :mod:`.grouping` gathers the rows
into measures (:mod:`.built`); :mod:`.memo` reads the บันทึกข้อความ; :mod:`.measures`,
:mod:`.report` and :mod:`.analysis` make the document of each kind; :mod:`.yamlout`
writes it in the canonical shape with its comments; :mod:`.draft` puts it together and
checks it against the format; :mod:`.files` writes it as a new file or not at all.  The
command itself is :mod:`site_builder.importing`.
"""

from __future__ import annotations

from .draft import KINDS, Draft, make
from .files import check_free, remove, write_new
from .reader import ImportRefused, read_docx

__all__ = [
    "KINDS",
    "Draft",
    "ImportRefused",
    "check_free",
    "make",
    "read_docx",
    "remove",
    "write_new",
]
