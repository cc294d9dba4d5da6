"""Build the spaCy pipeline once per process.

The pipeline is ``spacy.blank("en")`` plus the abstractparse components, in
this order::

    abstractparse_sentences → abstractparse_urls → abstractparse_gazetteer
    → abstractparse_acronyms → abstractparse_method → abstractparse_discovery
    → abstractparse_metric_discovery → abstractparse_numbers
    → abstractparse_results

Each component can also be added to a user's own pipeline by name.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import spacy
from spacy.language import Language

from . import components  # noqa: F401  (registers the factories)
from .tokenizer import adjust_tokenizer

COMPONENTS = (
    "abstractparse_sentences",
    "abstractparse_urls",
    "abstractparse_gazetteer",
    "abstractparse_acronyms",
    "abstractparse_method",
    "abstractparse_discovery",
    "abstractparse_metric_discovery",
    "abstractparse_numbers",
    "abstractparse_results",
)


def doc_text(title: str, abstract: str) -> str:
    """The text a pipeline document is made of: title, a blank line, abstract."""
    return f"{title}\n\n{abstract}" if title else f"\n\n{abstract}"


def build(gazetteers: Sequence[str] = ()) -> Language:
    """A new pipeline; ``gazetteers`` are extra JSON Lines files of names."""
    nlp = spacy.blank("en")
    adjust_tokenizer(nlp)
    for name in COMPONENTS:
        config = {"extra_files": list(gazetteers)} if name == "abstractparse_gazetteer" else {}
        nlp.add_pipe(name, config=config)
    return nlp


@lru_cache(maxsize=8)
def load(gazetteers: tuple[str, ...] = ()) -> Language:
    """The shared pipeline for these extra gazetteer files (built on first use)."""
    return build(gazetteers)
