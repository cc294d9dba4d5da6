"""Shapes of paper objects in JSON sources, and one small mapping per shape.

A JSON or JSON Lines file may hold papers as the Hugging Face daily-papers
API, the arXiv metadata snapshot, OpenAlex, Semantic Scholar or Papers with
Code write them, or as plain ``{"title": ..., "abstract": ...}`` objects.
:func:`detect_shape` names the shape of one object by its tell-tale keys and
:data:`SHAPES` maps it.  A mapping returns :class:`Fields` (the future
``PaperInput`` without its source) or raises :class:`MissingFields`; it never
fails on odd value types, which count as absent.

Shared rules: a paper needs a title or an abstract; a title without an
abstract is kept with a warning.  Links to the paper itself (landing pages,
PDFs, API URLs) are not kept; links the paper points to are, code hosts
going to ``code_urls`` and the rest to ``urls``.  Text from arXiv's snapshot
is LaTeX; text from the other sources is converted from LaTeX only when it
looks like LaTeX (a one-token or marked-up ``$...$`` span, a ``\\macro``, an
escape), since arXiv-sourced abstracts keep their markup in them too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import regex

from ..normalize import normalize_text
from ..resources import is_code_url
from .links import split_links

JSONObject = dict[str, Any]

# LaTeX-looking text: a math span that is one token ($k$, $F_1$) or holds markup ($x \\in X$,
# $10^{-3}$), a \\macro, or an escape.  Prices ("costs $5 and $10") are not math.
_LATEX_HINT = regex.compile(
    r"\$[^$\s]{1,30}\$|\$[^$\n]{0,300}?[\\^_{}][^$\n]{0,300}?\$|\\[a-zA-Z]{2,30}\b|\\[%_&#$]")
_ARXIV_WITH_VERSION = regex.compile(r"^(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(v\d+)$")
_OPENALEX_PREFIX = "https://openalex.org/"
# First path segments of huggingface.co that are not models or spaces.
class MissingFields(ValueError):
    """The object has neither a title nor an abstract."""


@dataclass
class Fields:
    """What a shape mapping found: the fields of a ``PaperInput`` except its source."""

    id: str | None = None
    version: str | None = None
    title: str = ""
    abstract: str = ""
    code_urls: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# -- small helpers ---------------------------------------------------------------------------


def text(obj: JSONObject, *keys: str) -> str | None:
    """The first value among ``keys`` that is a non-blank string."""
    for key in keys:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def ident(value: Any) -> str | None:
    """An id as a string: strings (stripped) and integers count, anything else is absent."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def clean(raw: str | None, latex: bool | None = None) -> str:
    """Normalize a text field; ``latex=None`` converts LaTeX only when the text looks like it."""
    if not raw:
        return ""
    if latex is None:
        latex = _LATEX_HINT.search(raw) is not None
    return normalize_text(raw, latex=latex)


def add_links(fields: Fields, urls: Iterable[str], code: bool | None = None) -> None:
    """Add ``urls`` (stripped, without duplicates) as code links or other links.

    ``code=None`` decides by host with :func:`is_code_url`; a repository
    field (``githubRepo``, ``repo_url``) passes ``True``.
    """
    seen = {u.rstrip("/").lower() for u in fields.code_urls + fields.urls}
    for raw in urls:
        url = raw.strip()
        key = url.rstrip("/").lower()
        if not url or key in seen or any(c.isspace() for c in url):
            continue
        seen.add(key)
        is_code = is_code_url(url) if code is None else code
        (fields.code_urls if is_code else fields.urls).append(url)


def split_version(paper_id: str | None) -> tuple[str | None, str | None]:
    """``"2403.00001v2"`` → ``("2403.00001", "v2")``; other ids are returned unchanged."""
    if paper_id:
        match = _ARXIV_WITH_VERSION.match(paper_id)
        if match:
            return match.group(1), match.group(2)
    return paper_id, None


def finish(fields: Fields) -> Fields:
    """Apply the shared rules: a title or an abstract is required; no abstract is a warning."""
    if not fields.title and not fields.abstract:
        raise MissingFields("object has neither a title nor an abstract")
    if not fields.abstract and not any(w.startswith("no abstract") for w in fields.warnings):
        fields.warnings.append("no abstract in the source")
    return fields


# -- the shapes ------------------------------------------------------------------------------

_GENERIC_TITLE = ("title", "Title", "paper_title", "display_name")
_GENERIC_ABSTRACT = ("abstract", "summary", "Abstract", "abstract_text", "description")
_GENERIC_CODE = ("githubRepo", "code_url", "repo_url")
_GENERIC_URLS = ("projectPage", "project_page", "url_page", "homepage")


def generic(obj: JSONObject) -> Fields:
    """Plain objects: ``title``, ``abstract`` (or ``summary``), optional ``id`` and ``version``.

    An id like ``2403.00001v2`` is split into id and version.  Repository
    fields (``githubRepo``, ``code_url``, ``repo_url``) are code links;
    ``projectPage``/``project_page``/``homepage`` are other links (or code
    links when they point into a code host).
    """
    paper_id, version = split_version(ident(obj.get("id")))
    fields = Fields(id=paper_id, version=text(obj, "version") or version,
                    title=clean(text(obj, *_GENERIC_TITLE)), abstract=clean(text(obj, *_GENERIC_ABSTRACT)))
    add_links(fields, [obj[k] for k in _GENERIC_CODE if isinstance(obj.get(k), str)], code=True)
    add_links(fields, [obj[k] for k in _GENERIC_URLS if isinstance(obj.get(k), str)])
    return finish(fields)


def hf_daily(obj: JSONObject) -> Fields:
    """Hugging Face daily papers: ``{"paper": {...}, ...}`` or the flat ``papers/{id}`` object.

    The inner ``paper`` fields win over the outer ones (which repeat title and
    summary); ``githubRepo`` is a code link and ``projectPage`` another link.
    """
    inner = obj.get("paper")
    if isinstance(inner, dict):
        obj = {**{k: v for k, v in obj.items() if k != "paper"}, **inner}
    return generic(obj)


def arxiv_oai(obj: JSONObject) -> Fields:
    """The arXiv metadata snapshot (Kaggle): LaTeX title and abstract, ``versions``, ``comments``.

    ``version`` is the highest version listed; URLs written in ``comments``
    ("Code: https://github.com/...") become links.
    """
    paper_id, version = split_version(ident(obj.get("id")))
    fields = Fields(id=paper_id, title=clean(text(obj, "title"), latex=True),
                    abstract=clean(text(obj, "abstract"), latex=True))
    versions = obj.get("versions")
    numbers = []
    if isinstance(versions, list):
        for entry in versions:
            label = entry.get("version") if isinstance(entry, dict) else entry
            if isinstance(label, str) and regex.fullmatch(r"v\d{1,4}", label.strip()):
                numbers.append(int(label.strip()[1:]))
    fields.version = f"v{max(numbers)}" if numbers else version
    comments = text(obj, "comments")
    if comments:
        code, other = split_links(clean(comments, latex=True))
        add_links(fields, code, code=True)
        add_links(fields, other, code=False)
    return finish(fields)


def rebuild_inverted_index(index: Any) -> tuple[str, list[str]]:
    """Rebuild an abstract from OpenAlex's ``abstract_inverted_index`` (word → positions).

    Words are laid out by position and joined with single spaces.  When two
    words claim the same position, the one listed first in the index wins
    (the later claims are counted in a warning).  Missing positions are
    skipped, with a warning; positions that are not non-negative integers
    are ignored, with a warning.  The work is O(n log n) in the number of
    positions, whatever their values.
    """
    warnings: list[str] = []
    if not isinstance(index, dict):
        return "", warnings
    placed: dict[int, str] = {}
    duplicates = invalid = 0
    for word, positions in index.items():
        if not isinstance(positions, list):
            invalid += 1
            continue
        for pos in positions:
            if isinstance(pos, bool) or not isinstance(pos, int) or pos < 0:
                invalid += 1
            elif pos in placed:
                duplicates += 1
            else:
                placed[pos] = str(word)
    order = sorted(placed)
    if duplicates:
        warnings.append(f"abstract_inverted_index: {duplicates} position(s) claimed twice; first word kept")
    if invalid:
        warnings.append(f"abstract_inverted_index: {invalid} invalid position(s) ignored")
    if order:
        missing = order[-1] + 1 - len(order)
        if missing:
            warnings.append(f"abstract_inverted_index: {missing} missing position(s)")
    return " ".join(placed[p] for p in order), warnings


def openalex(obj: JSONObject) -> Fields:
    """OpenAlex works: the abstract is rebuilt from ``abstract_inverted_index``.

    The id is the short OpenAlex id (``W2064815984``; other ids are kept as
    written); the title is ``title`` or else ``display_name``.  A work without
    an index is kept with an empty abstract and a warning.
    """
    paper_id = ident(obj.get("id"))
    if paper_id and paper_id.startswith(_OPENALEX_PREFIX):
        paper_id = paper_id[len(_OPENALEX_PREFIX):]
    abstract, warnings = rebuild_inverted_index(obj.get("abstract_inverted_index"))
    if not abstract and isinstance(obj.get("abstract"), str):
        abstract = obj["abstract"]
    if not abstract:
        warnings.append("no abstract in the source (no abstract_inverted_index)")
    fields = Fields(id=paper_id, title=clean(text(obj, "title", "display_name")), abstract=clean(abstract),
                    warnings=warnings)
    return finish(fields)


def semantic_scholar(obj: JSONObject) -> Fields:
    """Semantic Scholar Graph API papers (single, ``{"data": [...]}`` pages, bulk JSON Lines).

    The id is ``externalIds.ArXiv`` when present, else ``paperId`` (else the
    corpus id).  The datasets' lower-case keys (``externalids``, ``corpusid``)
    are read too.  The
    paper's own ``url`` (its Semantic Scholar page) is not kept as a link.
    Citation rows (``{"citingPaper": {...}}`` / ``{"citedPaper": {...}}``)
    are unwrapped.
    """
    for key in ("citingPaper", "citedPaper"):
        if isinstance(obj.get(key), dict):
            obj = obj[key]
            break
    external = obj.get("externalIds", obj.get("externalids"))
    arxiv = ident(external.get("ArXiv")) if isinstance(external, dict) else None
    paper_id, version = split_version(arxiv or ident(obj.get("paperId")) or ident(obj.get("corpusId"))
                                      or ident(obj.get("corpusid")))
    return finish(Fields(id=paper_id, version=version, title=clean(text(obj, "title")),
                         abstract=clean(text(obj, "abstract"))))


def papers_with_code(obj: JSONObject) -> Fields:
    """Papers with Code dumps: ``papers-with-abstracts`` rows and ``links-between-papers-and-code`` rows.

    The id is ``arxiv_id`` (or ``paper_arxiv_id``) when present, else the
    ``paper_url``.  ``repo_url`` is a code link; ``url_abs``/``url_pdf`` point
    at the paper itself and are not kept.
    """
    arxiv = ident(obj.get("arxiv_id")) or ident(obj.get("paper_arxiv_id"))
    paper_id, version = split_version(arxiv or ident(obj.get("paper_url")))
    fields = Fields(id=paper_id, version=version, title=clean(text(obj, "title", "paper_title")),
                    abstract=clean(text(obj, "abstract")))
    add_links(fields, [obj["repo_url"]] if isinstance(obj.get("repo_url"), str) else [], code=True)
    return finish(fields)


Mapping = Callable[[JSONObject], Fields]

SHAPES: dict[str, Mapping] = {
    "hf-daily": hf_daily,
    "arxiv-oai": arxiv_oai,
    "openalex": openalex,
    "s2": semantic_scholar,
    "pwc": papers_with_code,
    "generic": generic,
}


def detect_shape(obj: JSONObject) -> str:
    """Name the shape of one paper object by its tell-tale keys (``generic`` when none)."""
    if isinstance(obj.get("paper"), dict):
        return "hf-daily"
    if "abstract_inverted_index" in obj or str(obj.get("id", "")).startswith(_OPENALEX_PREFIX):
        return "openalex"
    if any(k in obj for k in ("paperId", "externalIds", "externalids", "corpusid", "citingPaper", "citedPaper")):
        return "s2"
    if "paper_url" in obj or "paper_arxiv_id" in obj or ("arxiv_id" in obj and "url_abs" in obj):
        return "pwc"
    if "authors_parsed" in obj or (isinstance(obj.get("versions"), list) and "categories" in obj):
        return "arxiv-oai"
    if "summary" in obj and any(k in obj for k in ("upvotes", "discussionId", "githubRepo", "ai_summary",
                                                   "submittedOnDailyAt")):
        return "hf-daily"
    return "generic"


def map_object(obj: JSONObject, shape: str | None = None) -> Fields:
    """Map ``obj`` with the named shape, or the detected one when ``shape`` is None."""
    return SHAPES[shape or detect_shape(obj)](obj)
