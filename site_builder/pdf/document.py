"""Chromium's PDF of a page, as the site publishes it: reproducible and with working links.

Chromium (Skia) writes a PDF 1.4 file with one classic cross-reference table: its
creation and modification dates are the moment of printing, the tagged structure
names its elements by Blink's node numbers (which depend on what the page's scripts
created first), and every link to another page of the site is an absolute URL of the
loopback server it was printed from.  :func:`finish_pdf` replaces those bytes and
moves the table's offsets to match, so that the same content always gives the same
file and its links lead into the published site.
"""

from __future__ import annotations

import bisect
import itertools
import posixpath
import re
import time
import urllib.parse

_LITERAL = rb"\((?:[^\\()]|\\.)*\)"
_URI = re.compile(rb"/URI (" + _LITERAL + rb")", re.S)
_NODE = re.compile(rb"\(node(\d{1,12})\)")
_DATE = re.compile(rb"\n?/(CreationDate|ModDate) " + _LITERAL, re.S)
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*\Z")
_XREF_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])")


def finish_pdf(
    data: bytes, *, origin: str, pdf_path: str, site_url: str | None, epoch: str | None
) -> bytes:
    """Chromium's PDF ``data`` of a page served at ``origin``, as the site publishes it
    at ``pdf_path``: each link into ``origin`` points into the published site (under
    ``site_url``, else relative to the PDF's own place); the creation and modification
    dates are ``epoch`` (``SOURCE_DATE_EPOCH``, in seconds) or left out; the structure's
    element names are numbered from 1 in their order.  Raises ValueError for a PDF not
    laid out as Chromium's are (one classic cross-reference table, no update, every
    link a plain literal string)."""
    if re.search(rb"/URI\s*<(?!<)", data):
        raise ValueError("ลิงก์ที่เขียนเป็นเลขฐานสิบหก")
    edits: list[tuple[int, int, bytes]] = []
    for match in _URI.finditer(data):
        uri = _unescape(match.group(1)[1:-1]).decode("latin-1")
        if uri.startswith(origin + "/"):
            new = _published(uri[len(origin) + 1 :], pdf_path, site_url)
            edits.append((match.start(1), match.end(1), _literal(new)))
    numbers = sorted({int(m.group(1)) for m in _NODE.finditer(data)})
    rank = {number: i for i, number in enumerate(numbers, start=1)}
    for match in _NODE.finditer(data):  # same width: the order of the names is kept
        digits = len(match.group(1))
        edits.append((match.start(1), match.end(1), b"%0*d" % (digits, rank[int(match[1])])))
    stamp = b""
    if epoch and epoch.strip().isdigit():
        stamp = time.strftime("(D:%Y%m%d%H%M%S+00'00')", time.gmtime(int(epoch))).encode()
    for match in _DATE.finditer(data):
        dated = b"\n/" + match.group(1) + b" " + stamp if stamp else b""
        edits.append((match.start(), match.end(), dated))
    result = _relocate(data, sorted(edits))
    if origin.encode() in result:
        raise ValueError("ลิงก์ไปยังเครื่องที่พิมพ์ยังเหลืออยู่")
    return result


def _published(rest: str, pdf_path: str, site_url: str | None) -> str:
    """The site's URL path ``rest`` (with its query or fragment) as the PDF at
    ``pdf_path`` links it."""
    if site_url:
        return site_url.rstrip("/") + "/" + rest
    path, mark, fragment = rest.partition("#")
    path, qmark, query = path.partition("?")
    rel = posixpath.relpath(path or ".", posixpath.dirname(pdf_path) or ".")
    if path.endswith("/") or not path:
        rel = "./" if rel == "." else rel + "/"
    return rel + qmark + query + mark + fragment


def _unescape(raw: bytes) -> bytes:
    """A literal string's text: Chromium's URLs escape only ``(``, ``)`` and ``\\``."""
    if re.search(rb"\\[^()\\]", raw):
        raise ValueError("ลิงก์ที่เขียนด้วยรหัสหลีก")
    return re.sub(rb"\\(.)", rb"\1", raw)


def _literal(url: str) -> bytes:
    """``url`` as a PDF literal string, anything but printable ASCII percent-encoded."""
    text = urllib.parse.quote(url, safe="".join(map(chr, range(33, 127))))
    return b"(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode() + b")"


def _relocate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """``data`` with each ``(start, end, new bytes)`` of ``edits`` (in order, apart, all
    before the cross-reference table) replaced, and the table's offsets moved to match."""
    end = _STARTXREF.search(data, max(0, len(data) - 64))
    if end is None:
        raise ValueError("ไม่พบ startxref")
    xref = int(end.group(1))
    trailer = data.find(b"trailer", xref)
    if not data.startswith(b"xref", xref) or trailer < 0:
        raise ValueError("ไม่พบตาราง xref")
    if re.search(rb"/Prev\b|/XRefStm\b", data[trailer : end.start()]):
        raise ValueError("มีการแก้ไขต่อท้ายไฟล์")
    overlapping = any(a[1] > b[0] for a, b in itertools.pairwise(edits))
    if overlapping or any(stop > xref for _, stop, _ in edits):
        raise ValueError("ส่วนที่แก้ซ้อนกันหรืออยู่หลังตาราง xref")
    pieces: list[bytes] = []
    stops: list[int] = []  # where each edit ends in the old bytes,
    added: list[int] = []  # and the bytes it and those before it added
    last = 0
    for start, stop, new in edits:
        pieces += [data[last:start], new]
        last = stop
        stops.append(stop)
        added.append((added[-1] if added else 0) + len(new) - (stop - start))

    def moved(entry: re.Match[bytes]) -> bytes:
        offset = int(entry.group(1))
        if entry.group(3) == b"n":  # an object in use, after this many edits
            before = bisect.bisect_right(stops, offset)
            offset += added[before - 1] if before else 0
        return b"%010d %s %s" % (offset, entry.group(2), entry.group(3))

    total = added[-1] if added else 0
    table = _XREF_ENTRY.sub(moved, data[xref:trailer])
    pieces += [data[last:xref], table, data[trailer : end.start(1)], b"%d" % (xref + total)]
    result = b"".join([*pieces, data[end.end(1) :]])
    _check_table(result, xref + total)
    return result


def _check_table(data: bytes, xref: int) -> None:
    """Every object in use of the cross-reference table at ``xref`` starts where it says."""
    number = 0
    for line in data[xref : data.find(b"trailer", xref)].splitlines()[1:]:
        fields = line.split()
        if len(fields) == 2:  # a subsection: its first object number and its length
            number = int(fields[0])
            continue
        head = b"%d %d obj" % (number, int(fields[1])) if len(fields) == 3 else b""
        if fields[2:] == [b"n"] and not data.startswith(head, int(fields[0])):
            raise ValueError(f"วัตถุที่ {number} ไม่อยู่ที่ตำแหน่งในตาราง xref")
        number += 1
