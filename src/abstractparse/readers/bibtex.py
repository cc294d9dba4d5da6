"""Reader for BibTeX (``.bib``) files, parsed with bibtexparser v2.

Each ``@article``/``@inproceedings``/... entry with a title or an abstract
becomes one paper.  The id is the DOI, or the arXiv id from ``eprint`` when
``archivePrefix`` (or biblatex ``eprinttype``) is arXiv, else the citation
key.  Titles and abstracts are LaTeX: they go through
:func:`~abstractparse.normalize.normalize_text` with ``latex=True``, which also
drops protective braces (``{BERT}``).  ``url``, ``code`` and ``github`` fields
become metadata links, code or not by host.

Blocks bibtexparser could not parse become ``ErrorEntry`` items of kind
``"bibtex"``; ``@comment``, ``@string`` and ``@preamble`` blocks are not papers
and yield nothing.  A line that is not valid UTF-8 spoils only the entry it
is in: that entry is an ``"encoding"`` error when the bad bytes are in its
title, abstract or id, and a paper with a warning otherwise.

This module also holds :func:`metadata_links` and :func:`id_from_doi`, which the
CSV reader shares.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

import regex

from ..components.urls import URL_RE, canonical_url, clean_url
from ..models import ErrorEntry, PaperInput, SourceLocation
from ..normalize import normalize_text
from ..resources import is_code_url
from .base import Format, excerpt, read_all

_WRAPPED_URL = regex.compile(r"\\(?:url|href)\s*\{([^{}\s]{1,2000})\}")
_DOI_PREFIX = regex.compile(r"^\s*(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", regex.IGNORECASE)
_ARXIV_DOI = regex.compile(r"^10\.48550/arxiv\.(.+)$", regex.IGNORECASE)
_ARXIV_ID = regex.compile(
    r"^(?:arxiv:\s*)?((?:\d{4}\.\d{4,5})|(?:[a-z][a-z.-]*/\d{7}))(v\d+)?$", regex.IGNORECASE
)
_ESCAPED = regex.compile(r"\\([_%&#~])")  # LaTeX escapes inside URLs and DOIs: a\_b → a_b

_URL_FIELDS = ("url", "howpublished", "pdf")
_CODE_FIELDS = ("code", "github", "repository", "software")
_TITLE_FIELDS = ("title",)
_ABSTRACT_FIELDS = ("abstract", "abstractnote", "summary")
_NOT_PAPERS = frozenset({"string", "preamble", "comment"})


def metadata_links(values: Iterable[str]) -> tuple[list[str], list[str]]:
    """Split the URLs written in metadata ``values`` into (code links, other links).

    A value may hold several URLs, a ``\\url{...}`` wrapper or surrounding
    text; bare ``www.`` links get an ``https://`` scheme.  Duplicates are dropped.
    """
    code: list[str] = []
    other: list[str] = []
    seen: set[str] = set()
    for value in values:
        value = _ESCAPED.sub(r"\1", _WRAPPED_URL.sub(r" \1 ", value))
        for m in URL_RE.finditer(value):
            url = canonical_url(clean_url(m.group(0)))
            key = url.rstrip("/").lower()
            if len(url) < 12 or key in seen:
                continue
            seen.add(key)
            (code if is_code_url(url) else other).append(url)
    return code, other


def id_from_doi(doi: str) -> tuple[str | None, str | None]:
    """``(id, version)`` for a DOI field: the bare DOI, or the arXiv id of an arXiv DOI."""
    doi = _DOI_PREFIX.sub("", _ESCAPED.sub(r"\1", doi)).strip()
    if not doi:
        return None, None
    arxiv = _ARXIV_DOI.match(doi)
    if arxiv:
        return arxiv_id(arxiv.group(1))
    return doi, None


def arxiv_id(raw: str) -> tuple[str | None, str | None]:
    """``(id, version)`` from an arXiv identifier such as ``arXiv:1810.04805v2``."""
    m = _ARXIV_ID.match(raw.strip())
    if not m:
        return (raw.strip() or None), None
    return m.group(1), (m.group(2).lower() if m.group(2) else None)


def _field(fields: dict[str, str], names: Iterable[str]) -> str:
    for name in names:
        value = fields.get(name)
        if value and value.strip():
            return value
    return ""


def _paper_id(fields: dict[str, str], key: str) -> tuple[str | None, str | None]:
    doi = _field(fields, ("doi",))
    if doi:
        found = id_from_doi(doi)
        if found[0]:
            return found
    eprint = _field(fields, ("eprint",))
    prefix = _field(fields, ("archiveprefix", "eprinttype")).strip().lower()
    if eprint and (prefix == "arxiv" or eprint.lower().startswith("arxiv:")):
        return arxiv_id(eprint)
    return (key.strip() or None), None


def _decode(data: bytes) -> tuple[str, set[int]]:
    """Decode ``data`` line by line; return the text and the 1-based numbers of bad lines."""
    try:
        return data.decode("utf-8"), set()
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    bad: set[int] = set()
    out = []
    for number, raw in enumerate(lines, start=1):
        try:
            out.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            bad.add(number)
            out.append(raw.decode("utf-8", "replace"))
    return "\n".join(out), bad


def _entry_type(raw: str) -> str:
    m = regex.match(r"\s*@\s*([A-Za-z]+)", raw)
    return m.group(1).lower() if m else ""


def _to_input(entry, path: str, line: int, index: int, bad_lines: list[int],
              warnings: list[str]) -> PaperInput | ErrorEntry:
    """Map one parsed bibtexparser ``Entry`` to a ``PaperInput`` (or an error when unusable)."""
    where = {"path": path, "line": line, "index": index}
    fields = {name.lower(): str(f.value) for name, f in entry.fields_dict.items()}
    title_raw = _field(fields, _TITLE_FIELDS)
    abstract_raw = _field(fields, _ABSTRACT_FIELDS)
    paper_id, version = _paper_id(fields, entry.key)
    if bad_lines:
        lines = ", ".join(map(str, bad_lines))
        if any("\ufffd" in s for s in (title_raw, abstract_raw, paper_id or "")):
            return ErrorEntry(**where, kind="encoding",
                              message=f"entry '{entry.key}' has invalid UTF-8 in line(s) {lines}",
                              excerpt=excerpt(entry.raw or ""))
        warnings = [*warnings, f"invalid UTF-8 in line(s) {lines} (outside title and abstract), replaced"]
    if not title_raw.strip() and not abstract_raw.strip():
        return ErrorEntry(**where, kind="missing_fields",
                          message=f"entry '{entry.key}' has neither a title nor an abstract",
                          excerpt=excerpt(entry.raw or ""))
    title = normalize_text(title_raw, latex=True)
    abstract = normalize_text(abstract_raw, latex=True)
    if not abstract:
        warnings = [*warnings, "no abstract in the entry"]
    code, urls = metadata_links(fields[n] for n in (*_CODE_FIELDS, *_URL_FIELDS) if n in fields)
    return PaperInput(id=paper_id, version=version, title=title, abstract=abstract,
                      code_urls=code, urls=urls, warnings=warnings,
                      source=SourceLocation(**where))


def _quiet(record: logging.LogRecord) -> bool:
    return False  # failed blocks become ErrorEntry items; the parser's log lines would repeat them


def _parse(text: str) -> Iterator[tuple[Any, int] | ErrorEntry]:
    """Parse ``text``; yield ``(block, 1-based start line)`` pairs in file order.

    Should bibtexparser raise on the whole text (it does on states it calls
    bugs), each ``@`` block is parsed on its own so one bad block costs only itself.
    """
    import bibtexparser

    logger = logging.getLogger("bibtexparser.splitter")
    logger.addFilter(_quiet)
    try:
        try:
            library = bibtexparser.parse_string(text)
        except Exception:
            pass
        else:
            for block in library.blocks:
                yield block, (block.start_line or 0) + 1
            return
        lines = text.split("\n")
        starts = [i for i, line in enumerate(lines) if line.lstrip().startswith("@")] or [0]
        if starts[0] != 0:
            starts.insert(0, 0)
        for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
            chunk = "\n".join(lines[start:end])
            try:
                library = bibtexparser.parse_string(chunk)
            except Exception as exc:
                yield ErrorEntry(path="", line=start + 1, kind="bibtex",
                                 message=f"the BibTeX parser failed on this block: {exc}", excerpt=excerpt(chunk))
                continue
            for block in library.blocks:
                yield block, start + (block.start_line or 0) + 1
    finally:
        logger.removeFilter(_quiet)


def read(stream: BinaryIO, path: str) -> Iterator[PaperInput | ErrorEntry]:
    """Yield one item per BibTeX entry (papers) or per block that failed to parse (errors)."""
    from bibtexparser import model

    data = read_all(stream)
    if not data:
        return
    text, bad = _decode(data)
    index = 0
    for item in _parse(text):
        if isinstance(item, ErrorEntry):
            yield item.model_copy(update={"path": path, "index": index})
            index += 1
            continue
        block, start = item
        raw = block.raw or ""
        block_bad = sorted(n for n in bad if start <= n <= start + raw.count("\n"))
        if isinstance(block, model.Entry):
            yield _to_input(block, path, start, index, block_bad, [])
            index += 1
        elif isinstance(block, (model.DuplicateBlockKeyBlock, model.DuplicateFieldKeyBlock)) and isinstance(
            block.ignore_error_block, model.Entry
        ):
            what = "citation key" if isinstance(block, model.DuplicateBlockKeyBlock) else "field name"
            entry = block.ignore_error_block
            yield _to_input(entry, path, start, index, block_bad,
                            [f"duplicate {what} in entry '{entry.key}'"])
            index += 1
        elif isinstance(block, model.ParsingFailedBlock):
            if _entry_type(raw) in _NOT_PAPERS:
                continue
            reason = getattr(block.error, "abort_reason", "") or str(block.error)
            message = " ".join(reason.split()) or "malformed BibTeX block"
            yield ErrorEntry(path=path, line=start, index=index, kind="bibtex",
                             message=f"malformed BibTeX entry: {message}", excerpt=excerpt(raw))
            index += 1


_SNIFF = regex.compile(rb"@[ \t]*[A-Za-z]+[ \t]*[{(]")


def _sniff(head: bytes) -> bool:
    """True when the first line that is not blank or a ``%`` comment starts a BibTeX block."""
    for line in head.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith(b"%"):
            continue
        return _SNIFF.match(stripped) is not None
    return False


FORMATS = (
    Format("bibtex", read, "BibTeX: one paper per entry (title, abstract, doi/eprint, url)",
           (".bib", ".bibtex"), _sniff),
)
