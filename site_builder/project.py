"""The project a command works on: its ``mkdocs.yml``, its content folder, and what
MkDocs makes of the configuration, read once.

``mkdocs.yml`` (with its ``INHERIT``) is read by MkDocs' own ``load_config``, the one
reader of the configuration, so that ``check`` enforces what ``build`` will (the
``ita`` plugin's options, ``site_url``); ``build`` builds with that same object.

MkDocs (and the plugin, which imports it) is imported only where the configuration is
read (and by the commands where they build or serve): it adds about 0.1 s, a quarter,
to the start-up of every command, and ``schema``, ``--help`` and a usage error never
need it.
"""

from __future__ import annotations

import logging
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from . import output
from .defaults import BUILTIN_CONFIG, THEME, theme_refusal
from .errors import Problem, display_path, show_controls
from .siteurl import SiteUrlRefused, checked_site_url
from .tree.attachments import MAX_FILE_BYTES

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def find_config(explicit: str | None) -> Path:
    """``mkdocs.yml``: the one named by ``--config``, else the nearest in the working
    folder or a folder above it, else the package's own
    (:data:`~site_builder.defaults.BUILTIN_CONFIG`): a project needs none."""
    if explicit:
        return Path(explicit)
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder / "mkdocs.yml"
    return BUILTIN_CONFIG


class ConfigRefused(Exception):
    """mkdocs.yml cannot be used; ``problem`` says why, in Thai."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.format())
        self.problem = problem


class Project:
    """The project of one run: ``mkdocs.yml`` (``--config``), its folder, the content
    (``--content``) and the configuration read from them.  Each is found on first use,
    so a run that never needs ``mkdocs.yml`` never looks for it."""

    def __init__(self, config: str | None = None, content: str | None = None) -> None:
        self._config = config
        self._content = content
        self._mkdocs: MkDocsConfig | None = None

    @cached_property
    def config_file(self) -> Path:
        """``mkdocs.yml``: :func:`find_config` of ``--config``."""
        return find_config(self._config)

    @property
    def builtin(self) -> bool:
        """The project has no ``mkdocs.yml``: the package's own is used."""
        return self.config_file == BUILTIN_CONFIG

    @property
    def folder(self) -> Path:
        """The project's folder: the one holding ``mkdocs.yml``, or the working folder
        when there is none."""
        return Path.cwd() if self.builtin else self.config_file.parent

    @cached_property
    def content_dir(self) -> Path:
        """The content: ``--content``, else ``content/`` beside ``mkdocs.yml``."""
        return Path(self._content) if self._content else self.folder / "content"

    def mkdocs_config(self) -> MkDocsConfig:
        """The configuration, read on the first call only, with the content folder as
        ``docs_dir`` and ``site_url`` checked and normalised (:func:`checked_site_url`).
        Raises :class:`ConfigRefused` (on every call: a refusal is not kept)."""
        if self._mkdocs is None:
            site_dir = self.folder / "site" if self.builtin else None
            self._mkdocs = _read(self.config_file, self.content_dir, site_dir)
        return self._mkdocs

    def attachment_limit(self) -> int:
        """The largest attachment the ``ita`` plugin will accept, in bytes (the
        loader's default without the plugin).  Raises :class:`ConfigRefused`."""
        from .plugin import ItaPlugin  # noqa: PLC0415 (it imports MkDocs: see above)

        plugin = self.mkdocs_config().plugins.get("ita")
        if isinstance(plugin, ItaPlugin):
            return int(plugin.config.max_attachment_mb) * 1024 * 1024
        return MAX_FILE_BYTES

    def site_url(self) -> str | None:
        """``site_url`` as the build uses it, None when unset.  Raises
        :class:`ConfigRefused`."""
        return self.mkdocs_config().site_url or None

    def check_output(self, target: Path, *, legacy_site: bool = False) -> None:
        """Refuse an output folder that is not the tool's (:func:`output.check_target`):
        it may not be or contain the content or the project's folder, nor lie inside
        the content.  Raises :class:`output.OutputRefused`."""
        output.check_target(
            target,
            protected=[self.content_dir, self.folder],
            not_inside=[self.content_dir],
            legacy_site=legacy_site,
        )


class _Held(logging.Filter):
    """Holds back what MkDocs logs about its configuration while it is read: its
    errors become one Thai problem, its warnings are let through afterwards."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        self.records.append(record)
        return False


def _read(path: Path, content_dir: Path, site_dir: Path | None = None) -> MkDocsConfig:
    """``path`` through ``load_config``, ``docs_dir`` set to ``content_dir`` (and
    ``site_dir`` to ``site_dir`` when given); MkDocs' refusal (in English, perhaps of an ``INHERIT``ed file) becomes a Thai
    :class:`ConfigRefused` naming the file and, for YAML, the line."""
    from mkdocs.config import load_config  # noqa: PLC0415

    shown = display_path(path)
    if not path.is_file():
        raise ConfigRefused(
            Problem(
                shown,
                0,
                "",
                "ไม่พบไฟล์ตั้งค่า MkDocs: ระบุไฟล์ด้วย --config เช่น --config mkdocs.yml "
                "หรือเรียกคำสั่งในโฟลเดอร์ที่มีไฟล์ mkdocs.yml",
            )
        )
    held = _Held()
    logger = logging.getLogger("mkdocs.config")
    logger.addFilter(held)
    try:
        overrides = {"docs_dir": str(content_dir.resolve())}
        if site_dir is not None:
            overrides["site_dir"] = str(site_dir.resolve())
        config = load_config(str(path), **overrides)
    except Exception as exc:
        said = [r.getMessage() for r in held.records if r.levelno >= logging.ERROR]
        if any(m.startswith("Config value 'site_url':") for m in said):
            raise ConfigRefused(Problem(shown, 0, "site_url", _site_url_refusal(path))) from None
        detail = "; ".join(show_controls(" ".join(m.split())) for m in said or [str(exc)])
        # A YAML error names the file (perhaps the INHERITed one) and the line.
        mark = getattr(exc.__context__, "problem_mark", None)
        file, line = (display_path(Path(mark.name)), mark.line + 1) if mark else (shown, 0)
        raise ConfigRefused(
            Problem(
                file,
                line,
                "",
                f"ใช้ไฟล์ตั้งค่า MkDocs ไม่ได้ ({detail}): แก้ให้เป็น YAML ที่ถูกต้อง "
                "และใช้ชื่อและค่าตามตัวอย่างใน mkdocs.yml ของโครงการ",
            )
        ) from None
    finally:
        logger.removeFilter(held)
    for record in held.records:  # a configuration that loaded: its warnings as MkDocs says them
        logger.handle(record)
    if config.theme.name != THEME:
        raise ConfigRefused(Problem(shown, 0, "theme", theme_refusal(str(config.theme.name))))
    if config.site_url:
        try:
            config.site_url = checked_site_url(config.site_url)
        except SiteUrlRefused as exc:
            raise ConfigRefused(Problem(shown, 0, "site_url", str(exc))) from None
    return config


def _site_url_refusal(path: Path) -> str:
    """Why MkDocs refused ``site_url`` (no scheme or host), as :func:`checked_site_url`
    says it, with the value as written.  MkDocs' refusal does not quote the value, so
    on this path only the file is read again (by MkDocs' own YAML reader)."""
    from mkdocs.utils.yaml import yaml_load  # noqa: PLC0415

    try:
        with path.open("rb") as fd:
            value = yaml_load(fd).get("site_url")
        checked_site_url(str(value))
    except SiteUrlRefused as exc:
        return str(exc)
    except Exception:
        pass
    return "ต้องเป็นที่อยู่เต็มที่ขึ้นต้นด้วย https:// หรือ http:// และมีชื่อโดเมน เช่น https://www.tambon.go.th/ita/"
