"""Text normalization applied once, before extraction.

The record carries the normalized text, and every offset refers to it, so no
offset map back to the raw input is needed.  Normalization is deliberately
conservative: it folds whitespace, composes Unicode (NFC), decodes HTML
entities, repairs UTF-8 that was read as Windows-1252 ("â€™" for "’") where
the bytes decode cleanly, and turns the common LaTeX escapes (``\\%``, ``\\_``, ``\\&``,
``\\#``, ``\\$``) into the characters they stand for.

Before extraction :func:`abstractparse.parse_inputs` also applies two
guards to the normalized text, each reported in the record's ``warnings``:

* :func:`guard_text` keeps pathological text linear: spaCy's tokenizer
  peels punctuation off a whitespace-free chunk one character at a time,
  each step costing the chunk's length, so a run of 20,000 ``(`` is
  quadratic.  Runs of more than :data:`MAX_RUN` punctuation characters
  and words longer than :data:`MAX_WORD` characters (links up to
  :data:`MAX_URL`) are broken up with spaces; no character is dropped.
* :func:`cap_text` cuts text longer than a limit, at a space when one is near.

Text of ordinary abstracts is never changed by either guard.
"""

from __future__ import annotations

import html
import unicodedata

import regex

_SPACE = regex.compile(r"\s+")
_LATEX_ESCAPE = regex.compile(r"\\([%_&#$])")
# LaTeX's non-breaking space glued to a link ("at~https://..."): a plain space.
_TILDE_BEFORE_LINK = regex.compile(r"~(?=(?:https?:|www\.|\\url))")
# UTF-8 read as Windows-1252 ("â€™" for "’", "Ã©" for "é"): a lead byte character followed
# by continuation-byte characters.  Only runs that decode cleanly back to UTF-8 are repaired.
_CONTINUATION = "\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152" \
    "\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178"
_MOJIBAKE = regex.compile(rf"(?:[\u00c2-\u00f4][{_CONTINUATION}]{{1,3}})+")


def _unmangle(match: regex.Match[str]) -> str:
    run = match.group(0)
    raw = bytearray()
    for char in run:  # Windows-1252 where it defines the byte, Latin-1 for the bytes it leaves undefined
        try:
            raw += char.encode("cp1252")
        except UnicodeEncodeError:
            if ord(char) > 0xFF:
                return run
            raw.append(ord(char))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return run


_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = regex.compile(r"[\ud800-\udfff]")
_ZERO_WIDTH = regex.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def normalize_text(text: str, latex: bool = False) -> str:
    """Return ``text`` normalized for extraction (whitespace folded, NFC, escapes decoded).

    With ``latex=True`` (sources written in LaTeX: arXiv metadata, BibTeX) the
    markup is first converted to readable text by
    :func:`abstractparse.latex.latex_to_text`.
    """
    if not text:
        return ""
    if _SURROGATE.search(text):  # a lone surrogate cannot be written as UTF-8
        text = _SURROGATE.sub("\ufffd", text)
    if latex:
        from .latex import latex_to_text

        text = latex_to_text(text)
    if "&" in text:
        text = html.unescape(text)
    if _MOJIBAKE.search(text):
        text = _MOJIBAKE.sub(_unmangle, text)
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH.sub("", text)
    if _CONTROL.search(text):  # control characters are never text; Python counts some as space
        text = _CONTROL.sub(" ", text)
    if "\\" in text:
        text = _LATEX_ESCAPE.sub(r"\1", text)
    if "~" in text:
        text = _TILDE_BEFORE_LINK.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


MAX_RUN = 16
"""Longest run of punctuation or symbol characters kept as written."""
MAX_WORD = 100
"""Longest whitespace-free chunk kept as written (links: :data:`MAX_URL`)."""
MAX_URL = 1000
"""Longest link (a chunk holding ``://``, ``www.`` or ``host.tld/``) kept as written."""

# More than MAX_RUN characters that are neither letters, digits, marks nor spaces.
_RUN = regex.compile(rf"[^\p{{L}}\p{{N}}\p{{M}}\s]{{{MAX_RUN + 1},}}")
# A whitespace-free chunk longer than MAX_WORD (anchored at its start: linear).
_LONG_WORD = regex.compile(rf"(?<!\S)\S{{{MAX_WORD + 1},}}")
_LINK = regex.compile(r"://|^\W{0,3}www\.|^\W{0,3}(?:[\w-]{1,63}\.){1,8}[A-Za-z]{2,24}/")
_ALNUM = regex.compile(r"[\p{L}\p{N}\p{M}]")


def _pieces(chunk: str, size: int) -> list[str]:
    """``chunk`` cut into pieces of at most ``size`` characters.

    A piece ends after the last punctuation character in its second half when
    there is one ("a-very-long-compound" breaks after a hyphen), else at ``size``.
    """
    out = []
    start = 0
    while len(chunk) - start > size:
        cut = start + size
        for i in range(start + size, start + size // 2, -1):
            if not _ALNUM.match(chunk, i - 1):
                cut = i
                break
        out.append(chunk[start:cut])
        start = cut
    out.append(chunk[start:])
    return out


def guard_text(text: str) -> tuple[str, list[str]]:
    """Break up what would make extraction superlinear; return the text and what was done.

    Runs of more than :data:`MAX_RUN` punctuation characters become groups of
    :data:`MAX_RUN` separated by spaces; whitespace-free chunks longer than
    :data:`MAX_WORD` (or :data:`MAX_URL` for links) are cut into pieces.
    Characters are only ever separated, never dropped.  The notes say what
    changed (empty when nothing did).  Idempotent, and linear in ``len(text)``.
    """
    notes = []
    runs = 0

    def split_run(m: regex.Match) -> str:
        nonlocal runs
        runs += 1
        return " ".join(_pieces(m.group(0), MAX_RUN))

    text = _RUN.sub(split_run, text)
    if runs:
        notes.append(f"{runs} run(s) of more than {MAX_RUN} punctuation characters "
                     f"broken up with spaces")
    words = 0

    def split_word(m: regex.Match) -> str:
        nonlocal words
        chunk = m.group(0)
        if len(chunk) <= MAX_URL and _LINK.search(chunk):
            return chunk
        words += 1
        return " ".join(_pieces(chunk, MAX_WORD))

    if len(max(text.split(), key=len, default="")) > MAX_WORD:  # cheap test first
        text = _LONG_WORD.sub(split_word, text)
    if words:
        notes.append(f"{words} word(s) longer than {MAX_WORD} characters broken up with spaces")
    return text, notes


def cap_text(text: str, limit: int | None, near: int = 200) -> str:
    """``text`` cut to at most ``limit`` characters (``None``: no limit).

    The cut falls on the last space within ``near`` characters before the
    limit, when there is one, and trailing spaces are dropped.
    """
    if limit is None or len(text) <= limit:
        return text
    if limit <= 0:
        return ""
    space = text.rfind(" ", max(0, limit - near), limit + 1)
    cut = space if space > 0 else limit
    return text[:cut].rstrip()
