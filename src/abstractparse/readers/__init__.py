"""Readers turn a source file into :class:`~abstractparse.models.PaperInput` items.

Each format is one module that exposes ``FORMATS``, :class:`Format` entries naming
its reader, the file extensions it claims and a content sniffer.  A reader
takes a binary stream and yields a ``PaperInput`` or an ``ErrorEntry`` per
input item, never raising for bad data.  :func:`read_path` opens a path
(``-`` for stdin, ``.gz``/``.bz2``/``.xz`` transparently) and picks the
reader with :func:`~abstractparse.readers.detect.detect_format`.

Adding a format is adding a module with ``FORMATS`` and listing it in
``_MODULES`` below.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..models import ErrorEntry, PaperInput
from . import arxiv_atom, bibtex, csvfile, hfpage, jsonlines, plaintext, tei
from .base import Format, Reader
from .detect import detect_format, open_binary

# Detection order: the first format whose sniffer accepts the content wins,
# so specific formats come before the permissive text readers.
_MODULES = (arxiv_atom, tei, bibtex, csvfile, jsonlines, hfpage, plaintext)

REGISTRY: dict[str, Format] = {}
for _module in _MODULES:
    for _fmt in _module.FORMATS:
        REGISTRY[_fmt.name] = _fmt

READERS: dict[str, Reader] = {name: fmt.read for name, fmt in REGISTRY.items()}
FORMATS = ("auto", *REGISTRY)


class UnknownFormatError(ValueError):
    """Raised when ``--format`` names no reader."""


def read_path(path: str, fmt: str = "auto") -> Iterator[PaperInput | ErrorEntry]:
    """Yield the items of ``path`` (``-`` is stdin) read with format ``fmt``.

    Raises ``OSError`` when the path cannot be opened and
    :class:`UnknownFormatError` for an unknown format name; every problem
    inside the data becomes an ``ErrorEntry`` instead.
    """
    if fmt != "auto" and fmt not in REGISTRY:
        raise UnknownFormatError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    with open_binary(path) as stream:
        name = fmt if fmt != "auto" else detect_format(stream, path, REGISTRY.values())
        for item in REGISTRY[name].read(stream, path):
            if isinstance(item, PaperInput):
                item.normalized = True  # every reader normalizes its text once
            yield item


__all__ = ["FORMATS", "READERS", "REGISTRY", "Format", "UnknownFormatError", "detect_format", "read_path"]
