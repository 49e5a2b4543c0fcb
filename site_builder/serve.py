"""``site-builder serve``: the live preview, MkDocs' own server behind checks of its own.

The address (:func:`dev_addr`), the content folder and the configuration are checked
before the server starts, and whether it can listen there (:func:`cannot_bind`), each
refusal in Thai; after that every failure is the error page (the plugin).
"""

from __future__ import annotations

import ipaddress
import logging
import re
import socket
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .commands import Run, quiet_mkdocs, report, say
from .project import ConfigRefused

if TYPE_CHECKING:
    from pathlib import Path


class BadAddress(Exception):
    """``--dev-addr`` is not HOST:PORT; the message says what is, in Thai."""


def dev_addr(text: str) -> tuple[str, int]:
    """``HOST:PORT`` (an IP address or ``localhost``, ``[::1]:8000`` for IPv6; no host is
    127.0.0.1) as MkDocs' server takes it.  Raises :class:`BadAddress`."""
    bad = BadAddress(
        "-a/--dev-addr: ต้องเป็น HOST:PORT โดย HOST เป็นที่อยู่ IP หรือ localhost "
        f"และ PORT เป็นตัวเลข 1–65535 เช่น 127.0.0.1:8000 (พบ '{text}')"
    )
    match = re.fullmatch(r"(?:\[(?P<v6>[^\]]*)\]|(?P<host>[^\[\]]*)):(?P<port>[0-9]{1,5})", text)
    if not match or not 1 <= int(match["port"]) <= 65535:
        raise bad
    host = match["v6"] if match["v6"] is not None else match["host"] or "127.0.0.1"
    if host != "localhost":
        try:
            ip = ipaddress.ip_address(host)
        except ValueError:
            raise bad from None
        if match["v6"] is not None and ip.version != 6:
            raise bad
        host = str(ip)
    return host, int(match["port"])


def cannot_bind(host: str, port: int) -> str | None:
    """Why the preview's server could not listen at ``host:port`` (taken, not an address
    of this machine, a port that needs root), in Thai; None when it can."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            # As MkDocs' server binds (socketserver's allow_reuse_address).
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return (
            f"-a/--dev-addr: เปิดเว็บตัวอย่างที่ {host}:{port} ไม่ได้ ({reason}): พอร์ตนี้อาจมีโปรแกรมอื่นใช้อยู่ "
            "หรือที่อยู่นี้ไม่ใช่ของเครื่องนี้ ให้ปิดโปรแกรมนั้นหรือเลือกพอร์ตอื่น เช่น -a 127.0.0.1:8001"
        )
    return None


@dataclass(frozen=True)
class Preview:
    """Where a preview listens (``host``, ``port``, as MkDocs takes it: ``address``)
    and the content folder it shows."""

    host: str
    port: int
    content: Path

    @property
    def address(self) -> str:
        """``HOST:PORT`` for MkDocs (``[::1]:8000`` for IPv6)."""
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


_NOT_LOOPBACK = (
    "-a/--dev-addr: แบบฟอร์มแก้ไขเนื้อหาเปิดได้เฉพาะที่อยู่ของเครื่องนี้ เช่น 127.0.0.1:8000 (พบ {host}): "
    "ผู้ที่เข้าถึงที่อยู่อื่นได้จะแก้ไขไฟล์ในโฟลเดอร์เนื้อหาได้โดยไม่ต้องลงชื่อเข้าใช้"
)


def checked_preview(run: Run, *, loopback_only: bool = False) -> Preview | int:
    """The preview's address and content folder, each checked before a server starts;
    the exit code when refused (said why): 2 on a bad address (or, ``loopback_only``,
    one of another machine), 1 when the content folder is missing, the configuration
    refused or the address taken."""
    try:
        host, port = dev_addr(run.args.dev_addr)
    except BadAddress as exc:
        say(str(exc))
        return 2
    if loopback_only and host != "localhost" and not ipaddress.ip_address(host).is_loopback:
        say(_NOT_LOOPBACK.format(host=host))
        return 2
    content = run.project.content_dir.resolve()
    if not content.is_dir():
        say(f"{content}: ไม่พบโฟลเดอร์เนื้อหา")
        return 1
    try:
        run.project.mkdocs_config()
    except ConfigRefused as exc:
        report([exc.problem])
        return 1
    refusal = cannot_bind(host, port)
    if refusal:
        say(refusal)
        return 1
    return Preview(host, port, content)


def cmd_serve(run: Run) -> int:
    """The live preview until interrupted (exit codes: :func:`checked_preview`)."""
    checked = checked_preview(run)
    if isinstance(checked, int):
        return checked
    quiet_mkdocs(run.args.verbose)
    logging.getLogger("mkdocs").setLevel(logging.DEBUG if run.args.verbose else logging.INFO)
    preview(str(run.project.config_file), str(checked.content), checked.address)
    return 0


def preview(config_file: str, content: str, address: str) -> None:
    """MkDocs' server on ``address`` until interrupted; it reads ``config_file`` itself,
    again at every change of it.  Started a second time when the first build fails."""
    # MkDocs is imported only by the commands that use it (see site_builder.project).
    from mkdocs.commands.serve import serve  # noqa: PLC0415

    try:
        serve(config_file, docs_dir=content, dev_addr=address)
    except Exception as exc:
        # The first build failed after the plugin's on_config (MkDocs' own rendering,
        # strict warnings): the plugin kept why, and shows it when started again.
        logging.getLogger("mkdocs").debug("the first build of the preview failed", exc_info=exc)
        serve(config_file, docs_dir=content, dev_addr=address)
