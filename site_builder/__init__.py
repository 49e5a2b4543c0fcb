"""Build a searchable, accessible Thai ITA transparency website from YAML and Markdown."""

from __future__ import annotations

__version__ = "0.1.0"
