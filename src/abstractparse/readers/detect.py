"""Opening inputs and guessing their format."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

_MAGIC = ((b"\x1f\x8b", gzip.open), (b"BZh", bz2.open), (b"\xfd7zXZ\x00", lzma.open))


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


def detect_format(stream: BinaryIO, path: str) -> str:
    """Name the reader for ``stream``: by file extension first, then by content."""
    name = _strip_suffixes(path)
    if name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if name.endswith(".json"):
        return "json"
    head = stream.peek(4096)[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")  # type: ignore[attr-defined]
    if head[:1] in (b"{", b"["):
        return "jsonl"
    return "hfpage"
