"""Readers turn a source file into :class:`~abstractparse.models.PaperInput` items.

Each format is one module exposing ``read(stream, path)``: it takes a binary
stream and yields a ``PaperInput`` or an ``ErrorEntry`` per input item, never
raising for bad data.  :func:`read_path` opens paths (``-`` for stdin,
``.gz``/``.bz2``/``.xz`` transparently) and picks the reader.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO, Protocol

from ..models import ErrorEntry, PaperInput
from . import hfpage, jsonlines
from .detect import detect_format, open_binary


class Reader(Protocol):
    def __call__(self, stream: BinaryIO, path: str) -> Iterator[PaperInput | ErrorEntry]: ...


READERS: dict[str, Reader] = {
    "hfpage": hfpage.read,
    "jsonl": jsonlines.read,
    "json": jsonlines.read,
}

FORMATS = ("auto", *READERS)


class UnknownFormatError(ValueError):
    """Raised when ``--format`` names no reader."""


def read_path(path: str, fmt: str = "auto") -> Iterator[PaperInput | ErrorEntry]:
    """Yield the items of ``path`` (``-`` is stdin) read with format ``fmt``.

    Raises ``OSError`` when the path cannot be opened and
    :class:`UnknownFormatError` for an unknown format name; every problem
    inside the data becomes an ``ErrorEntry`` instead.
    """
    if fmt != "auto" and fmt not in READERS:
        raise UnknownFormatError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    with open_binary(path) as stream:
        name = fmt if fmt != "auto" else detect_format(stream, path)
        yield from READERS[name](stream, path)


__all__ = ["FORMATS", "READERS", "UnknownFormatError", "detect_format", "read_path"]
