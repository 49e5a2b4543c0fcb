"""The base of every model of the content format (:mod:`.models`, :mod:`.site`)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    """A part of a document: unknown fields are errors, values are frozen and stripped."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
    accepts_text: ClassVar[bool] = False
    """It may be written as one text instead of its fields (the schema says so too)."""
