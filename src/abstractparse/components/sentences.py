"""Sentence boundaries: spaCy's rule-based sentencizer plus a break after the title."""

from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc


class SentenceSplitter:
    """Split sentences on punctuation and always between title and abstract."""

    def __init__(self) -> None:
        self._sentencizer = Sentencizer()

    def __call__(self, doc: Doc) -> Doc:
        doc = self._sentencizer(doc)
        for token in doc[1:]:
            if token.is_space and "\n\n" in token.text and token.i + 1 < len(doc):
                doc[token.i + 1].is_sent_start = True
                break
        return doc


@Language.factory("abstractparse_sentences")
def make_sentence_splitter(nlp: Language, name: str) -> SentenceSplitter:
    """Sentence boundaries, with a boundary between title and abstract."""
    return SentenceSplitter()
