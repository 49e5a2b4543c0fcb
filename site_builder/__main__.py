"""``python -m site_builder``: the same as the ``site-builder`` command."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
