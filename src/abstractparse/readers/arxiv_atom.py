"""Reader for arXiv API responses: Atom feeds with one ``<entry>`` per paper.

The arXiv API (``export.arxiv.org/api/query``) answers with an Atom 1.0 feed.
Each ``<entry>`` has an ``<id>`` such as ``http://arxiv.org/abs/2103.13413v1``
(the arXiv id with its version), a ``<title>`` and a ``<summary>`` (the
abstract, hard-wrapped in older responses and written in LaTeX), and maybe an
``<arxiv:comment>`` where authors often give their code or project page.  An
API failure is reported as an entry titled ``Error`` whose id points at
``http://arxiv.org/api/errors``.

The feed is parsed incrementally with expat behind ``defusedxml`` (entity
declarations and external references are refused, so an XML bomb is an error
entry, not a hang), so the entries before a truncation or a syntax error are
still read.  :func:`xml_events` is that parser, shared with the TEI reader.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

import regex
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from ..models import ErrorEntry, PaperInput, SourceLocation
from ..normalize import normalize_text
from .base import Format, excerpt
from .links import split_links

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
_CHUNK = 1 << 16

# --- incremental, defused XML parsing -------------------------------------------------


@dataclass(frozen=True)
class XmlEvent:
    """An element opened (``"start"``) or closed (``"end"``), with the line its start tag is on.

    On ``"end"`` the element is complete; ``parent`` is its parent element
    (``None`` for the root).
    """

    kind: str
    elem: Element
    line: int
    parent: Element | None = None


@dataclass(frozen=True)
class XmlFailure:
    """Why the XML stopped being readable, and where."""

    message: str
    line: int | None
    excerpt: str


class _Target:
    """An ElementTree parser target that records start/end events with line numbers."""

    def __init__(self) -> None:
        self.builder = TreeBuilder()
        self.events: list[XmlEvent] = []
        self.stack: list[tuple[Element, int]] = []
        self.expat = None  # set once the parser exists

    def line(self) -> int:
        return self.expat.CurrentLineNumber if self.expat is not None else 0

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        elem = self.builder.start(tag, attrs)
        line = self.line()
        self.stack.append((elem, line))
        self.events.append(XmlEvent("start", elem, line))
        return elem

    def end(self, tag: str) -> Element:
        elem = self.builder.end(tag)
        _, line = self.stack.pop()
        parent = self.stack[-1][0] if self.stack else None
        self.events.append(XmlEvent("end", elem, line, parent))
        return elem

    def data(self, data: str) -> None:
        self.builder.data(data)

    def close(self) -> Element:
        return self.builder.close()


def _failure_message(exc: Exception) -> str:
    if isinstance(exc, DefusedXmlException):
        return f"refused unsafe XML ({type(exc).__name__}: entity declarations and external references " \
               "are not allowed, e.g. an XML bomb)"
    if isinstance(exc, ParseError):
        return f"not well-formed XML: {exc}"
    return f"unreadable XML: {exc}"


def xml_events(stream: BinaryIO, prune: frozenset[str] = frozenset()) -> Iterator[XmlEvent | XmlFailure]:
    """Parse ``stream`` incrementally and safely, yielding events and at most one final failure.

    Elements whose tag is in ``prune`` are removed from their parent once their
    ``"end"`` event has been consumed, so long feeds are read in bounded memory.
    Events parsed before a syntax error are all yielded before the
    :class:`XmlFailure`.  Nothing is yielded for empty input.
    """
    target = _Target()
    parser = DefusedXMLParser(target=target)
    target.expat = parser.parser
    seen_data = False
    chunk = b""
    offset = 0  # absolute offset of ``chunk`` in the input
    failure: Exception | None = None
    while failure is None:
        try:
            chunk_next = stream.read(_CHUNK)
        except Exception as exc:  # a corrupt compressed stream (OSError, EOFError, zlib/lzma errors)
            failure = exc
            break
        if chunk_next:
            offset += len(chunk)
            chunk = chunk_next
            if not seen_data:
                seen_data = bool(chunk.strip(b"\xef\xbb\xbf \t\r\n"))
        try:
            if chunk_next:
                parser.feed(chunk_next)
            elif seen_data:
                parser.close()
        except (ParseError, DefusedXmlException, ValueError, LookupError) as exc:
            # LookupError: an unknown declared encoding; ValueError: multi-byte encodings
            failure = exc
        yield from _drain(target, prune)
        if not chunk_next:
            break
    if failure is not None:
        position = getattr(failure, "position", None)
        line = position[0] if position else (target.line() or None)
        index = target.expat.CurrentByteIndex - offset if target.expat is not None else -1
        where = chunk[max(0, index - 40):] if 0 <= index < len(chunk) else chunk[-120:]
        yield XmlFailure(_failure_message(failure), line, excerpt(where))


def _drain(target: _Target, prune: frozenset[str]) -> Iterator[XmlEvent]:
    events, target.events = target.events, []
    for event in events:
        yield event
        if event.kind == "end" and event.parent is not None and event.elem.tag in prune:
            event.parent.remove(event.elem)


def text_of(elem: Element | None) -> str:
    """All text inside ``elem`` (``""`` for ``None``)."""
    return "".join(elem.itertext()) if elem is not None else ""


# --- entries -------------------------------------------------------------------------------

_SKIP_HOSTS = regex.compile(r"^https?://(?:[\w-]+\.)*(?:arxiv\.org|doi\.org)(?:/|$)", regex.IGNORECASE)
_ARXIV_ID = regex.compile(
    r"arxiv\.org/abs/(?P<id>\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[a-z]{2})?/\d{7})(?P<version>v\d+)?/?$",
    regex.IGNORECASE,
)


def split_arxiv_id(raw: str) -> tuple[str | None, str | None]:
    """``http://arxiv.org/abs/2103.13413v1`` → ``("2103.13413", "v1")``; other ids are kept whole."""
    raw = raw.strip()
    m = _ARXIV_ID.search(raw)
    if m:
        return m.group("id"), m.group("version")
    return (raw or None), None


def entry_to_input(entry: Element, path: str, line: int | None, index: int) -> PaperInput | ErrorEntry:
    """Map one Atom ``<entry>`` to a ``PaperInput``, or an ``ErrorEntry`` for an API error."""
    where = {"path": path, "line": line, "index": index}
    raw_id = text_of(entry.find(f"{ATOM}id")).strip()
    title = text_of(entry.find(f"{ATOM}title"))
    summary = entry.find(f"{ATOM}summary")
    if "arxiv.org/api/errors" in raw_id:
        message = normalize_text(text_of(summary)) or normalize_text(title) or "arXiv API error"
        return ErrorEntry(**where, kind="api_error", message=f"arXiv API error: {message}",
                          excerpt=excerpt(raw_id))
    if not title.strip() and not text_of(summary).strip():
        return ErrorEntry(**where, kind="missing_fields", message="entry has neither a title nor a summary",
                          excerpt=excerpt(raw_id))
    paper_id, version = split_arxiv_id(raw_id)
    code, urls = split_links(text_of(entry.find(f"{ARXIV}comment")))
    for link in entry.iterfind(f"{ATOM}link"):
        href = (link.get("href") or "").strip()
        if href.startswith(("http://", "https://")) and not _SKIP_HOSTS.match(href) \
                and href.rstrip("/").lower() not in {u.rstrip("/").lower() for u in code + urls}:
            urls.append(href)
    warnings = [] if text_of(summary).strip() else ["entry has no summary (abstract)"]
    return PaperInput(
        id=paper_id,
        version=version,
        title=normalize_text(title, latex=True),
        abstract=normalize_text(text_of(summary), latex=True),
        code_urls=code,
        urls=urls,
        warnings=warnings,
        source=SourceLocation(path=path, line=line, index=index),
    )


def read(stream: BinaryIO, path: str) -> Iterator[PaperInput | ErrorEntry]:
    """Yield one item per ``<entry>`` of an arXiv Atom feed, then an error if the XML breaks off."""
    index = 0
    root: str | None = None
    for event in xml_events(stream, prune=frozenset({f"{ATOM}entry"})):
        if isinstance(event, XmlFailure):
            yield ErrorEntry(path=path, line=event.line, index=index, kind="xml", message=event.message,
                             excerpt=event.excerpt)
            return
        if root is None:
            root = event.elem.tag
            if root not in (f"{ATOM}feed", f"{ATOM}entry"):
                yield ErrorEntry(path=path, line=event.line, index=index, kind="format",
                                 message=f"not an Atom feed: the root element is <{_local(root)}>",
                                 excerpt=excerpt(root))
                return
        if event.kind == "end" and event.elem.tag == f"{ATOM}entry" and (
                event.parent is None or event.parent.tag == f"{ATOM}feed"):
            yield entry_to_input(event.elem, path, event.line, index)
            index += 1


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _sniff(head: bytes) -> bool:
    """An XML document (it starts with ``<``) holding an Atom ``<feed`` from arXiv."""
    return head[:1] == b"<" and b"<feed" in head and b"http://www.w3.org/2005/Atom" in head and b"arxiv.org" in head


FORMATS = (
    Format("arxiv-atom", read, "arXiv API Atom feed: one paper per <entry>", (".atom", ".xml"), _sniff),
)
