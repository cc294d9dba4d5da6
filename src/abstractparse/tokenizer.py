"""The tokenizer: spaCy's English rules, minus the split of unit letters after digits.

spaCy splits "ADE20K" into "ADE20" + "K" but keeps "ade20k" whole, and
splits "7B" into "7" + "B".  Names and sizes are atoms in abstracts, so this
module drops that suffix rule (keeping "%" as its own token, and splitting a
sentence-final period from "ADE20K." or "mIoU."), which makes tokenization
independent of case.  "s." at a sentence end is a unit and a period, not an
abbreviation.  A URL never swallows the punctuation after it, and
values written as a pair ("61.3/72.8") are split at the slash.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_suffix_regex


def adjust_tokenizer(nlp: Language) -> None:
    """Change ``nlp``'s tokenizer in place (see the module docstring)."""
    suffixes = [s for s in nlp.Defaults.suffixes if not (s.startswith("(?<=[0-9])(?:km")
                                                        and "|K|" in s)]
    suffixes += [r"(?<=[0-9])%", r"(?<=[A-Za-z0-9/])\."]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    # "61.3/72.8" (two values for "EM/F1") are two numbers
    # "30–35", "5~10": each value of a range is its own token, so each has its own span data
    # "GTA5→Cityscapes": an arrow between two names (a domain shift, a from-to) separates them
    infixes = [*nlp.Defaults.infixes, r"(?<=[0-9])/(?=[0-9.])", r"(?<=[0-9%])[–—~](?=[0-9])", r"[→⇒←↔]"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    # "takes about 0.09 s.": a single lower-case letter and a period is a unit at a sentence end, not an
    # abbreviation ("s.", "m.", "h."); the value's unit must stay its own token
    nlp.tokenizer.rules = {k: v for k, v in nlp.tokenizer.rules.items()
                           if not (len(k) == 2 and k[0].islower() and k[0].isalpha() and k[1] == ".")}
    url_match = nlp.tokenizer.url_match
    if url_match is not None:
        # spaCy takes "https://x.io/." whole as a URL; leave the sentence's punctuation to
        # the suffix rules so that the sentence ends there.
        nlp.tokenizer.url_match = lambda text: None if text[-1:] in ".,;:!?" else url_match(text)
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)


class TextKeepingTokenizer:
    """spaCy's tokenizer, keeping the input string on the document.

    ``Doc.text`` is rebuilt from the tokens on every access; the components
    read the text many times (see :func:`abstractparse.components.text_of`), so
    the tokenizer stores the string it was given, which is the same text.
    Everything else is delegated to the wrapped tokenizer.
    """

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self._tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self._tokenizer(text)
        doc.user_data["abstractparse.text"] = text
        return doc

    def __getattr__(self, name: str) -> Any:
        return getattr(self._tokenizer, name)
