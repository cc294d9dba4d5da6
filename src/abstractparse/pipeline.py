"""Build the spaCy pipeline once per process.

The pipeline is ``spacy.blank("en")`` plus the abstractparse components, in
this order::

    abstractparse_sentences → abstractparse_sentence_bound → abstractparse_urls
    → abstractparse_gazetteer
    → abstractparse_acronyms → abstractparse_method → abstractparse_discovery
    → abstractparse_metric_discovery → abstractparse_numbers
    → abstractparse_results

Each component can also be added to a user's own pipeline by name.

``abstractparse_sentence_bound`` (defined here) cuts sentences longer than
:data:`MAX_SENTENCE_TOKENS` tokens or :data:`MAX_SENTENCE_CHARS` characters: several components look at a whole
sentence for each item in it, which is quadratic on text without sentence
punctuation.  Sentences of real abstracts are far shorter and never cut.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import spacy
from spacy.attrs import IDX, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from . import components  # noqa: F401  (registers the factories)
from .tokenizer import adjust_tokenizer

MAX_SENTENCE_TOKENS = 250
"""Longest sentence, in tokens, that the pipeline keeps whole."""
MAX_SENTENCE_CHARS = 3000
"""Longest sentence, in characters, that the pipeline keeps whole."""

COMPONENTS = (
    "abstractparse_sentences",
    "abstractparse_sentence_bound",
    "abstractparse_urls",
    "abstractparse_gazetteer",
    "abstractparse_acronyms",
    "abstractparse_method",
    "abstractparse_discovery",
    "abstractparse_metric_discovery",
    "abstractparse_numbers",
    "abstractparse_results",
)


@Language.component("abstractparse_sentence_bound")
def bound_sentences(doc: Doc) -> Doc:
    """Start a new sentence once one reaches :data:`MAX_SENTENCE_TOKENS` tokens or
    :data:`MAX_SENTENCE_CHARS` characters.

    The cut goes before the first token past the bound that follows a space,
    so that a glued word ("85.4%", "(FooNet)") stays in one sentence.
    """
    # Token.is_sent_start's setter rescans the document: edit the array instead.
    array = doc.to_array([SENT_START, IDX, SPACY])
    starts = array[:, 0].tolist()
    offsets = array[:, 1].tolist()
    spaced = array[:, 2].tolist()
    run = 0
    begin = 0
    changed = False
    for i, start in enumerate(starts):
        if start == 1:
            run, begin = 0, offsets[i]
        elif (run >= MAX_SENTENCE_TOKENS or (run > 1 and offsets[i] - begin >= MAX_SENTENCE_CHARS)) \
                and spaced[i - 1]:
            starts[i] = 1
            run, begin, changed = 0, offsets[i], True
        run += 1
    if changed:
        array[:, 0] = starts
        doc.from_array([SENT_START], array[:, :1].copy())
    return doc


def doc_text(title: str, abstract: str) -> str:
    """The text a pipeline document is made of: title, a blank line, abstract."""
    return f"{title}\n\n{abstract}" if title else f"\n\n{abstract}"


def build(gazetteers: Sequence[str] = ()) -> Language:
    """A new pipeline; ``gazetteers`` are extra JSON Lines files of names."""
    nlp = spacy.blank("en")
    # spaCy's 1,000,000-character guard protects its parser's memory; this pipeline has no
    # parser and length is capped before extraction (abstractparse.parse_inputs' max_chars).
    nlp.max_length = 100_000_000
    adjust_tokenizer(nlp)
    for name in COMPONENTS:
        config = {"extra_files": list(gazetteers)} if name == "abstractparse_gazetteer" else {}
        nlp.add_pipe(name, config=config)
    return nlp


@lru_cache(maxsize=8)
def load(gazetteers: tuple[str, ...] = ()) -> Language:
    """The shared pipeline for these extra gazetteer files (built on first use)."""
    return build(gazetteers)
