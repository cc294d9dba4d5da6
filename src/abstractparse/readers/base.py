"""What every reader shares: the :class:`Format` description and small helpers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from ..models import ErrorEntry, PaperInput


class Reader(Protocol):
    def __call__(self, stream: BinaryIO, path: str) -> Iterator[PaperInput | ErrorEntry]: ...


@dataclass(frozen=True)
class Format:
    """One input format: its name (the ``--format`` value), reader and detection hints.

    ``extensions`` are lower-case file suffixes (without a compression suffix)
    that select this format outright.  ``sniff`` gets the first 8 KiB of the
    (decompressed) content, with a byte-order mark and leading whitespace
    removed, and says whether this format can read it.
    """

    name: str
    read: Reader
    description: str
    extensions: tuple[str, ...] = ()
    sniff: Callable[[bytes], bool] | None = None


def excerpt(raw: bytes | str, limit: int = 120) -> str:
    """A short, printable excerpt of raw input for an error entry."""
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    return text[:limit]


BOM = b"\xef\xbb\xbf"


def read_all(stream: BinaryIO) -> bytes:
    """The whole content of ``stream`` without a UTF-8 byte-order mark (empty when only space)."""
    data = stream.read()
    if data.startswith(BOM):
        data = data[len(BOM):]
    return data if data.strip() else b""
