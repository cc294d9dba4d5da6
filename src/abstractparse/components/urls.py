"""Find URLs, clean them, and tell code links from other links.

Handles URLs with or without a scheme (``github.com/a/b``), the ``https:/``
typo, ``\\url{...}`` and ``\\href{...}{...}`` wrappers and trailing
punctuation.  A link is code when its host is a code host (patterns file
``code_hosts``) or its sentence says it holds code.
"""

from __future__ import annotations

import regex
from spacy.language import Language
from spacy.tokens import Doc

from ..resources import load_patterns
from . import URLS, sentence_text, text_of

_URL_CHARS = r"[^\s<>\"'{}|\\^`]"
_CODE_HOSTS = r"github\.com|gitlab\.com|huggingface\.co|bitbucket\.org|gitee\.com|github\.io|hf\.co"
_PAGE_HOSTS = r"github\.io|gitlab\.io|pages\.dev|netlify\.app|vercel\.app"
URL_RE = regex.compile(
    rf"""(?:
          (?P<scheme>https?:/{{1,2}}|ftp://|www\.)(?P<rest>{_URL_CHARS}+)
        | (?<![\w@./-])(?P<bare>(?:[\w-]+\.)*(?:{_CODE_HOSTS})/{_URL_CHARS}+)
        | (?<![\w@./-])(?P<site>[\w-]+(?:\.[\w-]+)*\.(?:{_PAGE_HOSTS}))(?P<path>/{_URL_CHARS}*)?
        )""",
    regex.VERBOSE | regex.IGNORECASE,
)
_QUICK = regex.compile(rf"://|www\.|{_CODE_HOSTS}|{_PAGE_HOSTS}", regex.IGNORECASE)
_TRAILING = ".,;:!?'\"*"
_PAIRS = {")": "(", "]": "[", "}": "{", ">": "<"}
_CODE_WORDS = regex.compile(
    r"\b(?:code|codes|source|implementation|implementations|repository|repo|github|"
    r"checkpoints?|weights|models? (?:are|is) (?:publicly )?(?:available|released))\b",
    regex.IGNORECASE,
)


def clean_url(text: str) -> str:
    """Strip trailing punctuation and unbalanced closing brackets from a raw URL match."""
    while text:
        last = text[-1]
        if last in _TRAILING or (last in _PAIRS and text.count(last) > text.count(_PAIRS[last])):
            text = text[:-1]
        else:
            break
    return text


def canonical_url(raw: str) -> str:
    """Give a cleaned URL a scheme and repair ``https:/`` typos."""
    url = regex.sub(r"^(https?):/(?!/)", r"\1://", raw, flags=regex.IGNORECASE)
    if not regex.match(r"^[a-z]+://", url, flags=regex.IGNORECASE):
        url = "https://" + url
    return url


def _without_urls(text: str) -> str:
    return URL_RE.sub(" ", text)


class URLFinder:
    """Writes one span per URL to ``doc.spans["urls"]``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        rows = load_patterns("code_hosts")
        hosts = "|".join(regex.escape(r["host"]) for r in rows)
        self._code_host = regex.compile(rf"^https?://(?:[\w-]+\.)*(?:{hosts})/[^/\s]+", regex.I)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        text = text_of(doc)
        matches = URL_RE.finditer(text) if _QUICK.search(text) else ()
        for m in matches:
            raw = clean_url(m.group(0))
            if len(raw) < 8:
                continue
            start, end = m.start(), m.start() + len(raw)
            span = doc.char_span(start, end, label="URL", alignment_mode="expand")
            if span is None:
                continue
            url = canonical_url(raw)
            span._.url = url
            span._.evidence = (start, end)
            if self._code_host.match(url):
                span._.is_code, span._.rule = True, "url.code_host"
            elif _CODE_WORDS.search(_without_urls(sentence_text(doc, start))):
                span._.is_code, span._.rule = True, "url.code_sentence"
            else:
                span._.rule = "url.other"
            spans.append(span)
        doc.spans[URLS] = spans
        return doc


@Language.factory("abstractparse_urls")
def make_url_finder(nlp: Language, name: str) -> URLFinder:
    return URLFinder(nlp, name)
