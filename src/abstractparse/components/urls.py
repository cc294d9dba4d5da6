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

from ..resources import is_code_url
from . import URLS, sentence_start, sentence_text, text_of

_ONE_SLASH = regex.compile(r"^(https?):/(?!/)", regex.I)
_HAS_SCHEME = regex.compile(r"^[a-z]+://", regex.I)

# Curly quotes, guillemets and full-width punctuation never belong to a URL.
_URL_CHARS = r"[^\s<>\"'{}|\\^`\u201c\u201d\u2018\u2019\u00ab\u00bb\u3001\u3002\uff08\uff09\uff0c\uff1a\uff1b]"
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
    r"\b(?:code|codes|codebase|source|implementation|implementations|repository|repo|github|harness|toolkit|"
    r"verifiers?|scripts|software|library|package|"
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
    url = _ONE_SLASH.sub(r"\1://", raw)
    if not _HAS_SCHEME.match(url):
        url = "https://" + url
    return url


def _without_urls(text: str) -> str:
    return URL_RE.sub(" ", text)


# A code-host link cut by a line break: "github.com/owner/ name" (owner only, then a
# space) or "github.com/owner/na- me" (a hyphen at the cut).  The continuation
# is a single path-like word.
_CONTINUATION = regex.compile(r" ([\w][\w.-]{0,99}(?:/[\w.~%-]{1,100}){0,4})")
_PROSE_WORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "by", "for", "from", "in", "into", "is", "it", "of", "on",
    "or", "our", "that", "the", "this", "to", "was", "we", "which", "with",
})
_CODE_HOST_PATH = regex.compile(r"^https?://(?:www\.)?(?:github\.com|gitlab\.com|gitee\.com|bitbucket\.org|"
                                r"huggingface\.co)/(?P<path>[^?#]*)$", regex.I)


def _continued(text: str, raw: str, end: int) -> int:
    """Where a URL cut by a line break really ends (``end`` when it was not cut)."""
    m = _CODE_HOST_PATH.match(canonical_url(raw))
    if m is None:
        return end
    segments = [s for s in m.group("path").split("/") if s]
    cut_after_slash = raw.endswith("/") and len(segments) < 2
    cut_at_hyphen = raw.endswith(("-", "_")) and len(segments) >= 2
    if not (cut_after_slash or cut_at_hyphen):
        return end
    cont = _CONTINUATION.match(text, end)
    if cont is None or cont.group(1).lower() in _PROSE_WORDS:
        return end
    tail = clean_url(cont.group(1))
    return cont.start(1) + len(tail) if tail else end


class URLFinder:
    """Writes one span per URL to ``doc.spans["urls"]``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        text = text_of(doc)
        matches = URL_RE.finditer(text) if _QUICK.search(text) else ()
        for m in matches:
            raw = clean_url(m.group(0))
            if len(raw) < 8:
                continue
            start, end = m.start(), m.start() + len(raw)
            joined = _continued(text, raw, end)
            if joined != end:
                end, raw = joined, text[start:joined].replace(" ", "")
            span = doc.char_span(start, end, label="URL", alignment_mode="expand")
            if span is None:
                continue
            url = canonical_url(raw)
            span._.url = url
            span._.evidence = (start, end)
            span._.rule = self._classify(doc, text, start, url, spans[-1] if spans else None)
            span._.is_code = span._.rule != "url.other"
            spans.append(span)
        doc.spans[URLS] = spans
        return doc


    def _classify(self, doc: Doc, text: str, start: int, url: str, previous: object) -> str:
        """The rule that makes the link at ``start`` code, or ``"url.other"``.

        A code host makes a link code.  Otherwise the words that lead to the
        link decide: those since the previous link of the same sentence, or,
        for the first link of a sentence, the whole sentence ("Our code is at
        X", "X hosts the code").  A link joined to a code link by "and" or a
        comma inherits its kind.
        """
        if is_code_url(url):
            return "url.code_host"
        sent_start = sentence_start(doc, start)
        prev_end = previous.end_char if previous is not None else -1  # type: ignore[attr-defined]
        if prev_end < sent_start:
            lead = text[sent_start:start]
            if _CODE_WORDS.search(lead):
                return "url.code_sentence"
            # "X hosts our code": the words after the link, up to the next link or clause
            rest = sentence_text(doc, start)[start - sent_start:]
            nxt = URL_RE.search(rest, 1)
            tail = _CLAUSE_END.split(rest[: nxt.start() if nxt else len(rest)], maxsplit=1)[0]
            return "url.code_sentence" if _CODE_WORDS.search(_without_urls(tail)) else "url.other"
        lead = text[prev_end:start]
        if _CODE_WORDS.search(lead):
            return "url.code_sentence"
        if _JOINER.fullmatch(lead) and (previous._.rule == "url.code_sentence" or (  # type: ignore[attr-defined]
                previous._.is_code and _CODE_WORDS.search(_without_urls(sentence_text(doc, start))))):  # type: ignore[attr-defined]
            return "url.code_sentence"  # "code ... at github.com/a/b and https://b.org"
        return "url.other"


_CLAUSE_END = regex.compile(r"\s[;:]\s|;\s")
_JOINER = regex.compile(r"[\s,]*(?:and|or|&)?[\s,]*", regex.I)


@Language.factory("abstractparse_urls")
def make_url_finder(nlp: Language, name: str) -> URLFinder:
    """``doc.spans["urls"]``: cleaned links, each marked as code or not."""
    return URLFinder(nlp, name)
