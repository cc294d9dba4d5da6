"""Reader for GROBID TEI XML: one paper per file.

GROBID turns a PDF into a TEI document whose ``<teiHeader>`` holds what this
reader needs: the title (``fileDesc/titleStmt/title``, ``type="main"``
preferred), the abstract (``profileDesc/abstract``, paragraphs in ``<div>``/``<p>``)
and maybe identifiers (``<idno type="arXiv">``, ``<idno type="DOI">``).  The
body and bibliography that follow are not read, though the whole file is
parsed so that a broken document is noticed.

Links in the abstract stay in its text as written; a ``<ref target>`` or
``<ptr target>`` whose URL is not written in the text becomes a metadata link.
A file cut short or malformed before its header is complete is an error
entry; one that breaks later still yields its paper, with a warning.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO
from xml.etree.ElementTree import Element

import regex

from ..models import ErrorEntry, PaperInput, SourceLocation
from ..normalize import normalize_text
from .arxiv_atom import XmlFailure, text_of, xml_events
from .base import Format, excerpt
from .links import is_code_link, split_links

TEI = "{http://www.tei-c.org/ns/1.0}"
_BLOCKS = (f"{TEI}p", f"{TEI}head")
_LINKS = (f"{TEI}ref", f"{TEI}ptr")
_ARXIV_IDNO = regex.compile(r"^(?:arxiv:\s*)?(?P<id>\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[a-z]{2})?/\d{7})(?P<v>v\d+)?$",
                            regex.IGNORECASE)
_DOI = regex.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?(?P<doi>10\.\d{4,9}/\S+)$", regex.IGNORECASE)
_LINK_TARGET = regex.compile(r"^(?:https?://|ftp://|www\.)", regex.IGNORECASE)


def _title(header: Element) -> str:
    titles = list(header.iterfind(f"{TEI}fileDesc/{TEI}titleStmt/{TEI}title"))
    titles += list(header.iterfind(f"{TEI}fileDesc/{TEI}sourceDesc/{TEI}biblStruct/{TEI}analytic/{TEI}title"))
    main = [t for t in titles if t.get("type") == "main"]
    for title in main + titles:
        text = normalize_text(text_of(title))
        if text:
            return text
    return ""


def _identifier(header: Element) -> tuple[str | None, str | None]:
    """(id, version) from the header's ``<idno>``: an arXiv id preferred, else a DOI."""
    doi = None
    for idno in header.iter(f"{TEI}idno"):
        kind = (idno.get("type") or "").lower()
        value = text_of(idno).strip()
        if kind == "arxiv" and (m := _ARXIV_IDNO.match(value)):
            return m.group("id"), m.group("v")
        if kind == "doi" and doi is None and (m := _DOI.match(value)):
            doi = m.group("doi")
    return doi, None


def _link_targets(root: Element) -> Iterator[tuple[str, str]]:
    """(target URL, text before it in ``root`` plus the link's own text) for each link element.

    Iterative (an explicit stack), so that deeply nested markup cannot exhaust
    the recursion limit.
    """
    before: list[str] = []
    # Work items: an element to open, or a string of text that follows a closed element.
    stack: list[Element | str] = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            before.append(item)
            if len(before) > 64:  # only the recent text matters
                before = ["".join(before)[-300:]]
            continue
        if item.tag in _LINKS:
            label = text_of(item)
            for target in (item.get("target") or "").split():
                if _LINK_TARGET.match(target):
                    yield target, "".join(before)[-300:] + " " + label
        before.append(item.text or "")
        if item.tag in _BLOCKS:
            stack.append(". ")  # a paragraph ends a clause
        for child in reversed(item):
            stack.append(child.tail or "")
            stack.append(child)


def _abstract(abstract: Element) -> tuple[str, list[str], list[str]]:
    """The abstract text, and the (code, other) link targets not written in it."""
    from ..components.urls import canonical_url

    blocks = [b for b in abstract.iter() if b.tag in _BLOCKS] or [abstract]
    parts = []
    for block in blocks:
        text = normalize_text(text_of(block))
        if block.tag == f"{TEI}head" and text.rstrip(".:").lower() == "abstract":
            continue
        if text:
            parts.append(text)
    text = " ".join(parts)
    code, other = split_links(text)
    seen = {u.rstrip("/").lower() for u in code + other}  # written in the text: kept there only
    code, other = [], []
    for target, context in _link_targets(abstract):
        url = canonical_url(target)
        if url.rstrip("/").lower() in seen:
            continue
        seen.add(url.rstrip("/").lower())
        (code if is_code_link(url, context) else other).append(url)
    return text, code, other


def header_to_input(header: Element, path: str, line: int | None) -> PaperInput:
    """The paper described by a ``<teiHeader>``."""
    paper_id, version = _identifier(header)
    abstract = header.find(f"{TEI}profileDesc/{TEI}abstract")
    warnings = []
    text, code, urls = ("", [], []) if abstract is None else _abstract(abstract)
    if not text:
        warnings.append("no abstract in the TEI header")
    return PaperInput(id=paper_id, version=version, title=_title(header), abstract=text, code_urls=code,
                      urls=urls, warnings=warnings, source=SourceLocation(path=path, line=line, index=0))


def read(stream: BinaryIO, path: str) -> Iterator[PaperInput | ErrorEntry]:
    """Yield the one paper of a GROBID TEI file (or one error entry)."""
    root: Element | None = None
    root_line = 1
    paper: PaperInput | None = None
    # The body is pruned as it is read: only the header is kept.
    prune = frozenset({f"{TEI}text", f"{TEI}facsimile", f"{TEI}standOff"})
    for event in xml_events(stream, prune=prune):
        if isinstance(event, XmlFailure):
            if paper is not None:
                paper.warnings.append(f"the XML breaks off after the header (line {event.line}): {event.message}")
                break
            yield ErrorEntry(path=path, line=event.line, index=0, kind="xml", message=event.message,
                             excerpt=event.excerpt)
            return
        if root is None:
            root, root_line = event.elem, event.line
            if root.tag != f"{TEI}TEI":
                yield ErrorEntry(path=path, line=event.line, index=0, kind="format",
                                 message=f"not a TEI document: the root element is <{root.tag.rsplit('}', 1)[-1]}>",
                                 excerpt=excerpt(root.tag))
                return
        elif event.kind == "end" and event.elem.tag == f"{TEI}teiHeader" and event.parent is root and paper is None:
            paper = header_to_input(event.elem, path, root_line)
    if paper is not None:
        yield paper
    elif root is not None:
        yield ErrorEntry(path=path, line=root_line, index=0, kind="missing_fields",
                         message="the TEI document has no <teiHeader>", excerpt=excerpt(root.tag))


_SNIFF_TEI = regex.compile(rb"<(?:[\w-]+:)?TEI[\s>]")


def _sniff(head: bytes) -> bool:
    """An XML document (it starts with ``<``) with a ``<TEI`` element in the TEI namespace."""
    return head[:1] == b"<" and b"http://www.tei-c.org/ns/1.0" in head and _SNIFF_TEI.search(head) is not None


FORMATS = (
    Format("tei", read, "GROBID TEI XML: one paper per file (title and abstract from the header)",
           (".tei.xml", ".tei", ".xml"), _sniff),
)
