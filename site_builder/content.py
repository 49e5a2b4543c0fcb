"""Transition only: the content tree moved to :mod:`site_builder.tree` (types),
:mod:`site_builder.tree.loader` (``load``) and :mod:`site_builder.tree.attachments`;
callers still importing from here are being switched (removed before this step is done).
"""

from __future__ import annotations

from .errors import ContentError as ContentError
from .tree import SLUG as SLUG
from .tree import YEAR_DIR as YEAR_DIR
from .tree import YEARS as YEARS
from .tree import Attachment as Attachment
from .tree import Content as Content
from .tree import Page as Page
from .tree import Report as Report
from .tree import Source as Source
from .tree import Year as Year
from .tree.attachments import MAX_FILE_BYTES as MAX_FILE_BYTES
from .tree.loader import load as load
