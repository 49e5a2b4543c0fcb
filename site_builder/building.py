"""``site-builder build``, and the one way a site is built that ``pdf`` shares: into a
staging folder, then swapped in whole (never half a site)."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from . import output
from .commands import Run, quiet_mkdocs, say
from .editor import vendor

if TYPE_CHECKING:
    from .plan import SitePlan
    from .plugin import ItaPlugin
    from .tree import Content


class StepFailed(Exception):
    """A step of :func:`build_site` after MkDocs' build failed; the message says why in
    Thai, ``detail`` what a tool said (shown with ``-v``)."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


Finish = Callable[[Path, "ItaPlugin"], object]
"""A last step of a build, on the staged site and the plugin that built it (raises
:class:`StepFailed`), before the site is swapped in."""


Checked = Callable[[], "tuple[Content, SitePlan] | None"]
"""The content loaded, checked and planned, or None when it has errors (said)."""


def build_site(
    run: Run,
    checked: Checked,
    *,
    finish: Finish | None = None,
) -> Path | None:
    """Build the content ``checked`` gives into a staging folder, run ``finish`` on it,
    then swap it in: never half a site.  The folder built, or None (said why).
    The content and its plan are handed to the plugin, not kept here: a build holds
    them once (the plugin drops the content once the site is planned)."""
    # MkDocs is imported only by the commands that use it (see site_builder.project).
    from mkdocs.commands.build import build  # noqa: PLC0415
    from mkdocs.exceptions import MkDocsException  # noqa: PLC0415

    from .plugin import ItaPlugin  # noqa: PLC0415 (it imports MkDocs)

    loaded = checked()
    if loaded is None:
        return None
    if loaded[0].site.editor is not None:
        try:  # the form editor's scripts, before MkDocs starts (it would say it in English)
            vendor.shipped_files()
        except vendor.VendorError as exc:
            say(str(exc))
            return None
    # The configuration the content was checked against is the one built with.
    config = run.project.mkdocs_config()
    plugin = config.plugins.get("ita")
    if isinstance(plugin, ItaPlugin):  # it need not load and plan the content again
        plugin.preloaded = loaded
    del loaded
    target = Path(run.args.site_dir or config.site_dir)
    try:
        run.project.check_output(target, legacy_site=True)
        staging = output.Staging(target)
    except output.OutputRefused as exc:
        say(str(exc))
        return None
    try:
        config.site_dir = str(staging.path)
        config.strict = True
        quiet_mkdocs(run.args.verbose)
        build(config)
        if finish is not None:
            if not isinstance(plugin, ItaPlugin):
                raise StepFailed(
                    f"{run.project.config_file}: ไม่มีปลั๊กอิน ita ใต้ plugins: "
                    "ให้เพิ่ม - ita ใต้ plugins: (ดู mkdocs.yml ที่ site-builder init เขียน)"
                )
            finish(staging.path, plugin)
        staging.commit()
    except (MkDocsException, SystemExit) as exc:
        staging.discard()
        say(f"สร้างเว็บไซต์ไม่สำเร็จ: {exc}")
        return None
    except StepFailed as exc:
        staging.discard()
        if run.args.verbose and exc.detail:
            say(exc.detail.rstrip())
        say(str(exc))
        return None
    except BaseException:
        staging.discard()
        raise
    return Path(os.path.abspath(target))


def cmd_build(run: Run) -> int:
    """Validate, build into a staging folder, then swap it in: never half a site."""
    # Errors stop here, before MkDocs starts; warnings are printed by the plugin.
    built = build_site(run, functools.partial(run.load_planned, warnings=False))
    if built is None:
        return 1
    say(f"สร้างเว็บไซต์แล้วที่ {built}")
    return 0
