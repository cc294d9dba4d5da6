"""Acronym definitions: "Long Form (LF)" and "LF (Long Form)".

The long form is found with the Schwartz–Hearst procedure: walk the short
form's characters backwards, each matched in order in the words before the
parenthesis, the first one at a word start.  Spans go to
``doc.spans["acronyms"]`` covering the short form, with ``span._.long_form``.
"""

from __future__ import annotations

import regex
from spacy.language import Language
from spacy.tokens import Doc, Span

from . import ACRONYMS, sentence_start, text_of

_PARENS = regex.compile(r"\(([^()]{2,80})\)")
_LAST_WORD = regex.compile(r"([\p{L}\d][\p{L}\d\-+.]{1,15})\s*$")

# "(ABC)", "(ABC-2)", "(k-NN)": 2-12 characters, a letter, at least one capital.
_SHORT = regex.compile(r"^(?=[^()]*\p{Lu})[\p{L}\d][\p{L}\d\-+.²&/]{1,11}$")
_WORD = regex.compile(r"[\p{L}\d]+(?:[\-'][\p{L}\d]+)*")


def long_form_for(short: str, before: str) -> str | None:
    """The long form of ``short`` at the end of ``before``, or None.

    ``before`` is the text just before the opening parenthesis.
    """
    letters = [c.lower() for c in short if c.isalnum()]
    if len(letters) < 2:
        return None
    words = list(_WORD.finditer(before))
    window = words[-min(len(letters) + 5, 2 * len(letters)) :] if words else []
    if not window:
        return None
    text = before[window[0].start() :]
    si = len(letters) - 1
    ti = len(text) - 1
    while si >= 0:
        c = letters[si]
        while ti >= 0 and (
            text[ti].lower() != c
            or (si == 0 and ti > 0 and text[ti - 1].isalnum())
        ):
            ti -= 1
        if ti < 0:
            return None
        ti -= 1
        si -= 1
    start = ti + 1
    long_form = text[start:].strip(" ,;:")
    if not long_form or long_form.lower() == short.lower() or (" " not in long_form and "-" not in long_form):
        return None
    # Word-start anchored: the long form must begin at a word boundary.
    if start > 0 and text[start - 1].isalnum():
        return None
    return long_form


class AcronymFinder:
    """Writes one span per defined acronym."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        text = text_of(doc)
        for m in _PARENS.finditer(text):
            inner = m.group(1).strip()
            sent_start = sentence_start(doc, m.start())
            before = text[sent_start : m.start()]
            if _SHORT.match(inner):
                long_form = long_form_for(inner, before)
                if long_form:
                    span = doc.char_span(m.start(1), m.start(1) + len(inner), alignment_mode="expand")
                    if span is not None:
                        span._.long_form = long_form
                        span._.rule = "acronym.long_short"
                        spans.append(span)
                continue
            # "SHORT (Long Form)": the short form is the word before the parenthesis.
            prev = _LAST_WORD.search(before)
            if prev and _SHORT.match(prev.group(1)) and long_form_for(prev.group(1), inner) == inner:
                start = sent_start + prev.start(1)
                span = doc.char_span(start, start + len(prev.group(1)), alignment_mode="expand")
                if span is not None:
                    span._.long_form = inner
                    span._.rule = "acronym.short_long"
                    spans.append(span)
        doc.spans[ACRONYMS] = spans
        return doc


@Language.factory("abstractparse_acronyms")
def make_acronym_finder(nlp: Language, name: str) -> AcronymFinder:
    """``doc.spans["acronyms"]``: parenthesised acronyms with their long forms."""
    return AcronymFinder(nlp, name)
