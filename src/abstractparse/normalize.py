"""Text normalization applied once, before extraction.

The record carries the normalized text, and every offset refers to it, so no
offset map back to the raw input is needed.  Normalization is deliberately
conservative: it folds whitespace, composes Unicode (NFC), decodes HTML
entities and turns the common LaTeX escapes (``\\%``, ``\\_``, ``\\&``,
``\\#``, ``\\$``) into the characters they stand for.
"""

from __future__ import annotations

import html
import unicodedata

import regex

_SPACE = regex.compile(r"\s+")
_LATEX_ESCAPE = regex.compile(r"\\([%_&#$])")
# LaTeX's non-breaking space glued to a link ("at~https://..."): a plain space.
_TILDE_BEFORE_LINK = regex.compile(r"~(?=(?:https?:|www\.|\\url))")
_ZERO_WIDTH = regex.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def normalize_text(text: str, latex: bool = False) -> str:
    """Return ``text`` normalized for extraction (whitespace folded, NFC, escapes decoded).

    With ``latex=True`` (sources written in LaTeX: arXiv metadata, BibTeX) the
    markup is first converted to readable text by
    :func:`abstractparse.latex.latex_to_text`.
    """
    if not text:
        return ""
    if latex:
        from .latex import latex_to_text

        text = latex_to_text(text)
    if "&" in text:
        text = html.unescape(text)
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH.sub("", text)
    if "\\" in text:
        text = _LATEX_ESCAPE.sub(r"\1", text)
    if "~" in text:
        text = _TILDE_BEFORE_LINK.sub(" ", text)
    return _SPACE.sub(" ", text).strip()
