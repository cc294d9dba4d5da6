"""Reader for a copied "trending papers" web page.

A copy of such a page is page chrome (subscribe boxes, dates, vote counts,
"Submitted by", "GitHub 3.29k", "- 8 authors" ...) around cards that each hold
a title line, maybe wrapped over two lines, and an abstract paragraph.  Cards
may be repeated.  Chrome lines are recognised by the patterns in
``resources/patterns/page_chrome.jsonl`` and skipped; a title is the run of
short lines before a long paragraph.

Detection looks for lines only such a page has (:func:`looks_like_page`):
"Get trending papers in your email inbox", "Submitted by ...", "Upvote 12",
"GitHub 3.29k", "arXiv Page", "- 8 authors" ...; text without them is the
plain ``text`` format (:mod:`abstractparse.readers.plaintext`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

import regex

from ..models import ErrorEntry, PaperInput, SourceLocation
from ..normalize import normalize_text
from ..resources import load_patterns
from .base import Format

# A line at least this long, or one that reads like sentences, is abstract text.
_LONG = 220
_SENTENCE_END = regex.compile(r"[.!?][\"')\]]?$")
_SENTENCE_BREAK = regex.compile(r"[a-z0-9)\]%][.!?] [A-Z]")
_MAX_TITLE_LINES = 3


def _chrome_regex() -> regex.Pattern[str]:
    rows = load_patterns("page_chrome")
    return regex.compile("|".join(f"(?:{r['pattern']})" for r in rows), regex.IGNORECASE)


_CHROME: regex.Pattern[str] | None = None


def is_chrome(line: str) -> bool:
    """True when ``line`` is page furniture rather than a title or abstract."""
    global _CHROME
    if _CHROME is None:
        _CHROME = _chrome_regex()
    return _CHROME.fullmatch(line) is not None


def is_abstract_line(line: str) -> bool:
    """True when ``line`` reads like abstract prose rather than a title."""
    if len(line) >= _LONG:
        return True
    words = line.count(" ") + 1
    return words >= 12 and bool(_SENTENCE_END.search(line)) and bool(
        _SENTENCE_BREAK.search(line) or words >= 25
    )


def read(stream: BinaryIO, path: str) -> Iterator[PaperInput | ErrorEntry]:
    """Yield one ``PaperInput`` per card of a copied trending-papers page."""
    pending: list[tuple[int, str]] = []  # a contiguous run of short lines: the next title
    card_title: list[tuple[int, str]] = []
    card_text: list[str] = []
    card_line: int | None = None  # the card's first line: its title's, or its abstract's
    seen: set[tuple[str, str]] = set()
    index = 0

    def close_card() -> Iterator[PaperInput]:
        nonlocal index
        if not card_text:
            return
        title = normalize_text(" ".join(t for _, t in card_title))
        abstract = normalize_text(" ".join(card_text))
        if (title, abstract) in seen:  # a card repeated on the page
            return
        seen.add((title, abstract))
        yield PaperInput(title=title, abstract=abstract,
                         source=SourceLocation(path=path, line=card_line, index=index))
        index += 1

    after_blank = True
    for line_no, raw in enumerate(stream, start=1):
        try:
            line = raw.decode("utf-8").strip()
        except UnicodeDecodeError as exc:
            yield ErrorEntry(path=path, line=line_no, index=index, kind="encoding",
                             message=f"invalid UTF-8 at byte {exc.start} of the line",
                             excerpt=raw[:80].decode("utf-8", "replace"))
            index += 1
            continue
        if not line:
            after_blank = True
            continue
        if is_chrome(line):
            continue
        if not is_abstract_line(line):
            if after_blank:
                pending = []
            pending.append((line_no, line))
        elif pending:
            yield from close_card()
            card_title, card_text, pending = pending[-_MAX_TITLE_LINES:], [line], []
            card_line = card_title[0][0]
        elif card_text:
            card_text.append(line)  # a hard-wrapped or second paragraph
        else:
            card_title, card_text, card_line = [], [line], line_no  # prose with no title before it
        after_blank = False
    yield from close_card()


# Lines that only a copied papers page has; one of them in the first 8 KiB is enough.
_SIGNATURE = regex.compile(
    r"get trending papers in your email inbox!?|by ?ak and the research community"
    r"|submitted by \S.{0,60}|published on (?:[a-z]{3,9}\.? \d{1,2}|\d{4}-\d\d-\d\d).{0,20}"
    r"|upvote(?:\s+\d[\d.,]*\s*[km]?)?|(?:github|arxiv page|collections?)\s+\d[\d.,]*\s*[km]?|arxiv page"
    r"|[·•\-–]\s*\d+\s+authors?",
    regex.IGNORECASE,
)


def looks_like_page(head: bytes) -> bool:
    """True when ``head`` has a line of trending-page chrome (see ``_SIGNATURE``)."""
    text = head.decode("utf-8", "replace")
    return any(_SIGNATURE.fullmatch(line.strip()) for line in text.splitlines() if len(line) < 120)


FORMATS = (
    Format("hfpage", read, "A copied trending-papers web page: page chrome around title + abstract cards",
           (), looks_like_page),
)
