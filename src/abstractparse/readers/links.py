"""Links written in metadata prose (arXiv comments, GROBID notes): code or other.

A link is code when its host is a code host (``resources.is_code_url``) or
when the clause just before it says code ("Code:", "our implementation is
at", "GitHub: ...").
"""

from __future__ import annotations

import regex

from ..components.urls import URL_RE, canonical_url, clean_url
from ..resources import is_code_url

_CODE_WORDS = regex.compile(r"\b(?:code|codes|source|implementation|repo|repository|github|software)\b",
                            regex.IGNORECASE)
_CLAUSE_BREAK = regex.compile(r"[.;,)]\s|\s\(")


def is_code_link(url: str, before: str = "") -> bool:
    """True when ``url`` (with a scheme) is a code link.

    It is code when its host is a code host, or when the clause just before
    it in ``before`` (after any earlier link) says code: "Code:", "our
    implementation is at", "GitHub: ".
    """
    start = 0
    for m in URL_RE.finditer(before):  # words before an earlier link belong to that link
        start = m.start() + len(clean_url(m.group(0)))
    clause = _CLAUSE_BREAK.split(before[start:])[-1]
    return bool(is_code_url(url) or _CODE_WORDS.search(clause))


def split_links(text: str) -> tuple[list[str], list[str]]:
    """The URLs written in metadata ``text``, as (code links, other links).

    A link is code when its host is a code host or the clause just before it
    says code ("Code:", "our implementation is at", "GitHub: ...").
    """
    code: list[str] = []
    other: list[str] = []
    seen: set[str] = set()
    previous_end = 0
    for m in URL_RE.finditer(text or ""):
        raw = clean_url(m.group(0))
        before = text[previous_end:m.start()]
        previous_end = m.start() + len(raw)
        if len(raw) < 8:
            continue
        url = canonical_url(raw)
        key = url.rstrip("/").lower()
        if key in seen:
            continue
        seen.add(key)
        (code if is_code_link(url, before) else other).append(url)
    return code, other
