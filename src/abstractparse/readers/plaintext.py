"""Reader for plain text: one abstract per paragraph (paragraphs are separated by blank lines).

A paragraph whose first line reads like a title (short, no closing period,
not cut mid-sentence) and is followed by longer lines, or by a line that
starts a sentence, is a title and its abstract; any other paragraph is an
abstract with no title.  A paragraph that is only a title (one to three short
lines) takes the next paragraph as its abstract when that one has no title of
its own.  Lines inside a paragraph are joined (hard wraps are undone).

Each paper's line is the first line of its paragraph; a paragraph with bytes
that are not UTF-8 is an ``"encoding"`` error and the other paragraphs are
still read.  This is the fallback format: text that no other sniffer claims
is read this way.  Copied web pages with page chrome are the ``hfpage``
format instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

import regex

from ..models import ErrorEntry, PaperInput, SourceLocation
from ..normalize import normalize_text
from .base import Format, excerpt

_MAX_TITLE = 250
_MAX_TITLE_WORDS = 30
_MAX_TITLE_LINES = 3
_SHORTER = 0.8  # a title line is at most this fraction of the body's longest line ...
_SENTENCE_BREAK = regex.compile(r"[a-z0-9)\]%][.!?] +[A-Z]")
_OPEN_END = regex.compile(
    r"(?:[.,;:\-–—(\[/&]|\b(?:a|an|the|of|and|or|for|in|on|with|to|by|from|via|at|as|is|are|we|our))$",
    regex.IGNORECASE,
)
_WORD = regex.compile(r"[\p{L}][\p{L}\p{N}'-]*")


def is_title_line(line: str) -> bool:
    """True when ``line`` could be a title: short, not a sentence, not cut mid-phrase."""
    return (
        0 < len(line) <= _MAX_TITLE
        and line.count(" ") < _MAX_TITLE_WORDS
        and not _OPEN_END.search(line)
        and not _SENTENCE_BREAK.search(line)
    )


def _title_case(line: str) -> bool:
    words = [w for w in _WORD.findall(line) if len(w) >= 4]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.5 * len(words)


def _starts_sentence(line: str) -> bool:
    first = line[:1]
    return bool(first) and not first.islower()


def split_title(lines: list[str]) -> tuple[str, list[str]]:
    """Split a paragraph's lines into ``(title, abstract lines)``; the title may be empty."""
    if len(lines) < 2 or not is_title_line(lines[0]) or not _starts_sentence(lines[1]):
        return "", lines
    first, rest = lines[0], lines[1:]
    if len(first) <= _SHORTER * max(len(line) for line in rest):
        return first, rest
    if _title_case(first) or ": " in first:
        return first, rest
    return "", lines


def _is_title_only(lines: list[str]) -> bool:
    return len(lines) <= _MAX_TITLE_LINES and all(is_title_line(line) for line in lines)


def _paragraphs(stream: BinaryIO) -> Iterator[tuple[int, list[bytes]]]:
    """``(first line number, raw lines)`` for each run of non-blank lines."""
    start, lines = 0, []
    for line_no, raw in enumerate(stream, start=1):
        if raw.strip():
            if not lines:
                start = line_no
            lines.append(raw)
        elif lines:
            yield start, lines
            lines = []
    if lines:
        yield start, lines


def read(stream: BinaryIO, path: str) -> Iterator[PaperInput | ErrorEntry]:
    """Yield one ``PaperInput`` per abstract paragraph (with its title, when it has one)."""
    index = 0
    pending: tuple[int, list[str]] | None = None  # a title-only paragraph waiting for its abstract

    def paper(line: int, title: str, body: list[str]) -> PaperInput:
        nonlocal index
        item = PaperInput(title=normalize_text(title), abstract=normalize_text(" ".join(body)),
                          source=SourceLocation(path=path, line=line, index=index))
        index += 1
        return item

    for line_no, raw_lines in _paragraphs(stream):
        raw = b"".join(raw_lines)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            if pending:
                yield paper(pending[0], "", pending[1])
                pending = None
            bad_line = line_no + raw.count(b"\n", 0, exc.start)
            yield ErrorEntry(path=path, line=line_no, index=index, kind="encoding",
                             message=f"invalid UTF-8 in line {bad_line} of this paragraph",
                             excerpt=excerpt(raw))
            index += 1
            continue
        lines = [line.strip() for line in text.lstrip("\ufeff").splitlines() if line.strip()]
        if not lines:
            continue
        title, body = split_title(lines)
        if pending is not None:
            if not title and not _is_title_only(lines):
                yield paper(pending[0], " ".join(pending[1]), lines)
                pending = None
                continue
            yield paper(pending[0], "", pending[1])
            pending = None
        if not title and _is_title_only(lines):
            pending = (line_no, lines)
            continue
        yield paper(line_no, title, body)
    if pending is not None:
        yield paper(pending[0], "", pending[1])


FORMATS = (
    Format("text", read, "Plain text: one abstract per paragraph, optionally under a title line"),
)
