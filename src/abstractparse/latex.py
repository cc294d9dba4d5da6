"""LaTeX markup to readable text, for sources that keep it (arXiv, BibTeX).

Abstracts from arXiv metadata and BibTeX files are written in LaTeX:
``$F_1$``, ``\\emph{...}``, ``Schr\\"odinger``, ``85\\%``, ``\\url{...}``.
:func:`latex_to_text` turns such markup into the text a reader sees, keeping
math readable (``$\\alpha=0.5$`` becomes ``α=0.5``) and links intact.  It is
used through :func:`abstractparse.normalize.normalize_text` with
``latex=True``, never on sources that are plain text.

The conversion must not fail on malformed markup: whatever pylatexenc cannot
parse falls back to decoding the simple escapes only.
"""

from __future__ import annotations

from functools import lru_cache

import regex

# Links are rewritten before the LaTeX parser sees them: it mangles ``_``,
# ``%`` and ``~`` inside URLs.  Arguments are bounded so the patterns stay linear.
_HREF = regex.compile(r"\\href\s*\{([^{}\s]{1,2000})\}\s*\{([^{}]{0,500})\}")
_URL = regex.compile(r"\\(?:url|path|nolinkurl)\s*\{([^{}\s]{1,2000})\}")
# A percent sign not escaped would start a LaTeX comment and swallow the line.
_BARE_PERCENT = regex.compile(r"(?<!\\)%")
_PLACEHOLDER = regex.compile(r"APLINK(\d+)Z")
_SIMPLE_ESCAPE = regex.compile(r"\\([%_&#$])")


@lru_cache(maxsize=1)
def _converter():  # pragma: no cover - trivial
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="text", strict_latex_spaces=False)


def _protect_links(text: str) -> tuple[str, list[str]]:
    links: list[str] = []

    def keep(url: str) -> str:
        links.append(_SIMPLE_ESCAPE.sub(r"\1", url))
        return f"APLINK{len(links) - 1}Z"

    def href(m: regex.Match[str]) -> str:
        url, label = m.group(1), m.group(2).strip()
        placeholder = keep(url)
        if not label or _SIMPLE_ESCAPE.sub(r"\1", label).rstrip("/") == links[-1].rstrip("/"):
            return placeholder
        return f"{label} ({placeholder})"

    text = _HREF.sub(href, text)
    text = _URL.sub(lambda m: keep(m.group(1)), text)
    return text, links


def latex_to_text(text: str) -> str:
    """Return ``text`` with LaTeX markup converted to plain Unicode text."""
    if not text or not any(c in text for c in "\\$^_{}~"):
        return text
    protected, links = _protect_links(text)
    protected = _BARE_PERCENT.sub(r"\\%", protected)
    try:
        out = _converter().latex_to_text(protected)
    except Exception:  # malformed markup must never stop a batch
        out = _SIMPLE_ESCAPE.sub(r"\1", protected)
    if links:
        out = _PLACEHOLDER.sub(lambda m: links[int(m.group(1))] if int(m.group(1)) < len(links) else m.group(0),
                               out)
    return out
