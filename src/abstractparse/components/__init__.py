"""spaCy pipeline components of abstractparse.

Each module registers one factory with ``@Language.factory``; importing this
package registers them all, so ``nlp.add_pipe("abstractparse_urls")`` works
in any pipeline.  Components write ``Span`` objects to ``doc.spans[KEY]``
and describe them with the ``Span._`` attributes declared here.

By convention a document's text is ``TITLE + "\\n\\n" + ABSTRACT`` (see
:func:`abstractparse.pipeline.doc_text`); without a blank line the whole text
is the abstract.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from spacy.tokens import Doc, Span

# Span groups written by the components.
URLS = "urls"
DATASETS = "datasets"
METRICS = "metrics"
ACRONYMS = "acronyms"
METHOD = "method"
NUMBERS = "numbers"
RESULTS = "results"

_SPAN_ATTRS = {
    "rule": None,  # id of the rule that produced the span
    "canonical": None,  # gazetteer name (datasets, metrics)
    "long_form": None,  # acronym expansion (method, acronyms)
    "url": None,  # cleaned URL (urls)
    "is_code": False,  # whether the URL points at code (urls)
    "evidence": None,  # exact (start_char, end_char) when it differs from the span's
    "value": None,  # number value (numbers, results)
    "unit": None,  # "%", "x" or None
    "unit_text": None,  # a measurement unit written with the value: "ms", "GB", "minutes"
    "kind": None,  # "absolute" | "delta" | "relative"
    "metric": None,  # linked metric Span (results)
    "dataset": None,  # linked dataset Span (results)
}


def ensure_extensions() -> None:
    """Declare the ``Span._`` and ``Doc._`` attributes used by the components (idempotent)."""
    for name, default in _SPAN_ATTRS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    if not Doc.has_extension("title_end"):
        Doc.set_extension("title_end", getter=title_end)


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once per document (spaCy rebuilds it on every access)."""
    text = doc.user_data.get("abstractparse.text")
    if text is None:
        text = doc.user_data["abstractparse.text"] = doc.text
    return text


def title_end(doc: Doc) -> int:
    """Character offset where the title ends (0 when the text has no title part)."""
    cut = text_of(doc).find("\n\n")
    return cut if cut >= 0 else 0


def abstract_start(doc: Doc) -> int:
    """Character offset where the abstract starts."""
    cut = text_of(doc).find("\n\n")
    return cut + 2 if cut >= 0 else 0


def char_mask(text: str, spans: Iterable[Span]) -> bytearray:
    """One byte per character of ``text``, 1 where one of ``spans`` covers it.

    Overlap tests against the mask cost the length of the tested range, not
    the number of spans, which keeps components linear on long documents.
    """
    mask = bytearray(len(text))
    for span in spans:
        mask[span.start_char: span.end_char] = b"\x01" * (span.end_char - span.start_char)
    return mask


def sentence_start(doc: Doc, char: int) -> int:
    """Character offset where the sentence holding ``char`` starts (0 without sentences)."""
    starts = doc.user_data.get("abstractparse.sent_starts")
    if starts is None:
        if not doc.has_annotation("SENT_START"):
            return 0
        starts = [s.start_char for s in doc.sents]
        doc.user_data["abstractparse.sent_starts"] = starts
    i = bisect_right(starts, char) - 1
    return starts[i] if i >= 0 else 0


def sentence_text(doc: Doc, char: int) -> str:
    """The text of the sentence holding ``char``."""
    start = sentence_start(doc, char)
    starts = doc.user_data.get("abstractparse.sent_starts") or [0]
    i = bisect_right(starts, char)
    end = starts[i] if i < len(starts) else len(text_of(doc))
    return text_of(doc)[start:end]


ensure_extensions()

from . import (  # noqa: E402  (registration side effects need the extensions first)
    acronyms,
    discovery,
    gazetteer,
    linking,
    method,
    numbers,
    sentences,
    urls,
)

__all__ = [
    "ACRONYMS", "DATASETS", "METHOD", "METRICS", "NUMBERS", "RESULTS", "URLS",
    "abstract_start", "acronyms", "char_mask", "discovery", "ensure_extensions", "gazetteer", "linking",
    "method", "numbers", "sentence_start", "sentence_text", "sentences", "text_of", "title_end", "urls",
]
