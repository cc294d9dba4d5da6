"""Opening inputs and guessing their format."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from .base import Format

_MAGIC = ((b"\x1f\x8b", gzip.open), (b"BZh", bz2.open), (b"\xfd7zXZ\x00", lzma.open))
_SNIFF_BYTES = 8192


@contextmanager
def open_binary(path: str) -> Iterator[BinaryIO]:
    """Open ``path`` for binary reading, decompressing gzip/bzip2/xz by their magic bytes.

    The stream returned supports ``peek`` so that format detection does not
    consume input.
    """
    raw: BinaryIO = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
    try:
        buffered = raw if hasattr(raw, "peek") else io.BufferedReader(raw)  # type: ignore[arg-type]
        head = buffered.peek(8)[:8]  # type: ignore[attr-defined]
        for magic, opener in _MAGIC:
            if head.startswith(magic):
                with opener(buffered, "rb") as inner:  # type: ignore[operator]
                    yield io.BufferedReader(inner)  # type: ignore[arg-type]
                return
        yield buffered  # type: ignore[misc]
    finally:
        if raw is not sys.stdin.buffer:
            raw.close()


def _strip_suffixes(path: str) -> str:
    lower = path.lower()
    for ext in (".gz", ".bz2", ".xz"):
        if lower.endswith(ext):
            return lower[: -len(ext)]
    return lower


def head_of(stream: BinaryIO) -> bytes:
    """The first bytes of ``stream`` without consuming them, minus BOM and leading space."""
    head = stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]  # type: ignore[attr-defined]
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")


def detect_format(stream: BinaryIO, path: str, formats: Iterable[Format]) -> str:
    """Name the format of ``stream``: by file extension first, then by content.

    ``formats`` are tried in order; among those claiming the extension, a
    sniffer (when the format has one) must also accept the content, so that
    ``.xml`` or ``.json`` files of different shapes find their reader.  The
    last format in ``formats`` is the fallback.
    """
    formats = list(formats)
    name = _strip_suffixes(path)
    head = head_of(stream)
    by_extension = [f for f in formats if any(name.endswith(ext) for ext in f.extensions)]
    for fmt in by_extension:
        if fmt.sniff is None or not head or fmt.sniff(head):
            return fmt.name
    if by_extension and len(by_extension) == 1:
        return by_extension[0].name
    for fmt in formats:
        if fmt.sniff is not None and fmt.sniff(head):
            return fmt.name
    return formats[-1].name
