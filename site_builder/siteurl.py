"""``site_url``: the address a site is published at, checked once for everything that
prints it (canonical links, the sitemap, open data, the OIT CSV).

MkDocs only checks that ``site_url`` has a scheme and a host; this site's value ends up
inside attributes and CSV cells, so it is held to what a real public address is.
Nothing here imports MkDocs.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import quote, urlsplit, urlunsplit

from .errors import show_controls


class SiteUrlRefused(ValueError):
    """``site_url`` is not an address the site may be published at; the message says
    why and what a right one looks like, in Thai."""


_SITE_URL_EXAMPLE = "https://www.tambon.go.th/ita/"
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
# Kept as they are in a path; everything else (Thai, spaces' kin, & and ' …) is
# percent-encoded, so the address is one safe token wherever it is printed.
_PATH_SAFE = "/-._~!$()*+,;=:@"
_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def checked_site_url(value: str) -> str:
    """``site_url`` as it may reach the pages, the sitemap and the open data: http(s)
    only, a host, no credentials, query or fragment, no character that could end an
    attribute; scheme and host in lower case, the path percent-encoded and ending in
    ``/``.  Raises :class:`SiteUrlRefused` with a Thai message.

    The one check of ``site_url``: the plugin (every build and preview) and the CLI
    (``check``, ``build``, ``oit --csv``) both call it."""

    def refuse(reason: str) -> SiteUrlRefused:
        return SiteUrlRefused(
            f"{reason}: ใช้ที่อยู่เต็มที่เว็บไซต์นี้เผยแพร่ เช่น {_SITE_URL_EXAMPLE} (พบ '{show_controls(value)}')"
        )

    bad = [ch for ch in value if ch.isspace() or not ch.isprintable() or ch in "\"'`<>\\"]
    if bad:
        shown = " ".join(
            sorted(
                {
                    "ช่องว่าง" if ch == " " else ch if ch.isprintable() else f"U+{ord(ch):04X}"
                    for ch in bad
                }
            )
        )
        raise refuse(f"มีอักขระที่ใช้ในที่อยู่เว็บไม่ได้ ({shown})")
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        raise refuse("ที่อยู่หรือหมายเลขพอร์ตไม่ถูกต้อง (พอร์ตเป็นตัวเลข 1–65535)") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise refuse("ต้องขึ้นต้นด้วย https:// หรือ http://")
    if "@" in parts.netloc:
        raise refuse("ห้ามใส่ชื่อผู้ใช้หรือรหัสผ่าน (user:pass@) ในที่อยู่เว็บไซต์")
    if "?" in value or "#" in value:
        raise refuse("ห้ามมี ? หรือ # (query หรือ fragment) ในที่อยู่เว็บไซต์")
    host = parts.hostname or ""
    if not host:
        raise refuse("ไม่มีชื่อโดเมนหลัง https://")
    if port == 0:
        raise refuse("หมายเลขพอร์ตต้องเป็น 1–65535")
    if parts.netloc.startswith("["):
        try:
            host = f"[{ipaddress.IPv6Address(host)}]"
        except ValueError:
            raise refuse("ที่อยู่ IPv6 ในวงเล็บ [ ] ไม่ถูกต้อง") from None
    else:
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            raise refuse("ชื่อโดเมนไม่ถูกต้อง") from None
        if not all(_HOST_LABEL.match(label) for label in host.removesuffix(".").split(".")):
            raise refuse("ชื่อโดเมนไม่ถูกต้อง (ใช้ได้เฉพาะอักษร ตัวเลข - และ .)")
    netloc = host if port is None else f"{host}:{port}"
    path = quote(_PERCENT.sub("%25", parts.path), safe=_PATH_SAFE + "%")
    if not path.endswith("/"):
        path += "/"
    return urlunsplit((parts.scheme.lower(), netloc, path, "", ""))
