"""Reader for JSON Lines and JSON files of papers, whatever their source's shape.

The container is recognised first:

* JSON Lines: one JSON value per line (read as a stream, so shards of any
  size work).  A line that fails to parse is one error for that line only.
* a JSON document: one paper object, a list of them, or a wrapper object with
  the list under ``papers``, ``data``, ``results``, ``items`` or ``works``
  (an OpenAlex page, a Semantic Scholar search page).  A truncated or broken
  list still yields the elements before the damage, then one error.

Each object is then mapped by its shape (:mod:`abstractparse.readers.shapes`):
Hugging Face daily papers, the arXiv metadata snapshot, OpenAlex works,
Semantic Scholar papers, Papers with Code rows, or plain title/abstract
objects.  The formats ``hf-daily``, ``arxiv-oai``, ``openalex``, ``s2`` and
``pwc`` are the same reader with the shape forced, for ``--format``; the
``json``/``jsonl`` formats detect the shape per object.

Every input item yields one ``PaperInput`` or one ``ErrorEntry``; error kinds
are ``json`` (syntax, including input that ends inside a value: the
message says "truncated"), ``encoding`` (invalid UTF-8), ``not_object``, ``missing_fields`` and
``binary`` (one error for a whole file that is clearly not text).
"""

from __future__ import annotations

import io
import itertools
import json
import reprlib
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

import orjson
import regex

from ..models import ErrorEntry, PaperInput, SourceLocation
from .base import Format, Reader, excerpt
from .shapes import MissingFields, map_object

Item = PaperInput | ErrorEntry

_LIST_KEYS = ("papers", "data", "results", "items", "works")
# Keys that make an object a paper even when it also holds a list under a list key.
_PAPER_KEYS = ("title", "abstract", "summary", "paperId", "paper", "abstract_inverted_index", "display_name")
_WS = regex.compile(r"[ \t\n\r]*")
_WRAPPED_LIST = regex.compile(r'"(?:papers|data|results|items|works)"[ \t\n\r]*:[ \t\n\r]*\[')
_BOM = b"\xef\xbb\xbf"
_SNIFF_BYTES = 8192
_LINE_PROBE = 5  # lines looked at to tell a broken document from JSON Lines


def _dump(obj: Any) -> str:
    """A JSON excerpt of a decoded value; never raises (big ints, NaN fall back to repr)."""
    try:
        return excerpt(orjson.dumps(obj))
    except (TypeError, ValueError):
        return excerpt(reprlib.repr(obj))


def to_input(obj: Any, path: str, line: int | None, index: int, shape: str | None = None) -> Item:
    """Map one decoded JSON value to a ``PaperInput``, or say why it cannot be one."""
    where = {"path": path, "line": line, "index": index}
    if not isinstance(obj, dict):
        name = "null" if obj is None else type(obj).__name__
        return ErrorEntry(**where, kind="not_object", message=f"expected a JSON object, got {name}",
                          excerpt=_dump(obj))
    try:
        fields = map_object(obj, shape)
    except MissingFields as exc:
        return ErrorEntry(**where, kind="missing_fields", message=str(exc), excerpt=_dump(obj))
    return PaperInput(id=fields.id, version=fields.version, title=fields.title, abstract=fields.abstract,
                      code_urls=fields.code_urls, urls=fields.urls, warnings=fields.warnings,
                      source=SourceLocation(path=path, line=line, index=index))


def wrapped_list(doc: Any) -> list[Any] | None:
    """The list of papers inside a wrapper object (``{"results": [...]}``), if ``doc`` is one."""
    if isinstance(doc, dict) and not any(k in doc for k in _PAPER_KEYS):
        for key in _LIST_KEYS:
            if isinstance(doc.get(key), list):
                return doc[key]  # type: ignore[no-any-return]
    return None


def looks_binary(head: bytes) -> bool:
    """True for content that is clearly not text: NUL bytes, or mostly undecodable or control bytes."""
    if not head:
        return False
    if b"\x00" in head:
        return True
    sample = head.decode("utf-8", "replace")
    if len(head) == _SNIFF_BYTES:  # a multi-byte character may be cut at the end
        sample = sample[:-2]
    bad = sum(1 for ch in sample if ch == "\ufffd" or (ch < " " and ch not in "\t\n\r\f"))
    return bad > max(2, len(sample) // 10)


class _Counter:
    """The next 0-based item index, shared by the parts of one read."""

    def __init__(self) -> None:
        self.value = 0

    def take(self) -> int:
        self.value += 1
        return self.value - 1


def _error(path: str, line: int | None, counter: _Counter, kind: str, message: str, raw: bytes | str) -> ErrorEntry:
    return ErrorEntry(path=path, line=line, index=counter.take(), kind=kind, message=message,
                      excerpt=excerpt(raw))


def _decode_error(exc: orjson.JSONDecodeError, raw: bytes) -> tuple[str, str]:
    """The kind and message of a JSON syntax error in ``raw``."""
    if _bad_utf8(raw):
        return "encoding", f"invalid UTF-8: {exc}"
    if exc.pos >= len(raw.decode("utf-8").rstrip()):  # orjson counts characters
        return "json", f"the JSON value is truncated (cut off): {exc}"
    return "json", f"not valid JSON: {exc}"


def _bad_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _from_value(value: Any, path: str, line: int | None, counter: _Counter, shape: str | None,
                unwrap_lists: bool) -> Iterator[Item]:
    """The items of one decoded value: its elements when it is a wrapper (or an allowed list)."""
    items = wrapped_list(value)
    if items is None and unwrap_lists and isinstance(value, list):
        items = value
    if items is None:
        yield to_input(value, path, line, counter.take(), shape)
        return
    for obj in items:
        yield to_input(obj, path, line, counter.take(), shape)


def _lines(numbered: Iterable[tuple[int, bytes]], path: str, counter: _Counter, shape: str | None) -> Iterator[Item]:
    """JSON Lines: one item per non-blank line (wrapper objects on a line yield their elements)."""
    for line_no, raw in numbered:
        raw = raw.strip()
        if raw.startswith(_BOM):
            raw = raw[len(_BOM):].strip()
        if not raw:
            continue
        try:
            value = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            kind, message = _decode_error(exc, raw)
            yield _error(path, line_no, counter, kind, message, raw)
            continue
        yield from _from_value(value, path, line_no, counter, shape, unwrap_lists=False)


class _Closed:
    """The end of a list that closed normally: ``pos`` is just after its ``]``."""

    def __init__(self, pos: int) -> None:
        self.pos = pos


def _scan_list(text: str, start: int, first_line: int, path: str, counter: _Counter,
               shape: str | None) -> Iterator[Item | _Closed]:
    """Read the elements of a JSON list whose ``[`` ends just before ``start``, one at a time.

    Yields an item per complete element (with its line), and when the list is
    damaged one error for the rest, after which reading stops.  Yields the
    a :class:`_Closed` marker when the list ended normally.  ``text`` was decoded
    with ``surrogateescape``, so an element holding invalid UTF-8 is rejected
    alone.
    """
    decoder = json.JSONDecoder()
    pos, line, counted = start, first_line, 0

    def line_at(offset: int) -> int:
        nonlocal line, counted
        line += text.count("\n", counted, offset)
        counted = offset
        return line

    while True:
        pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
        if pos >= len(text):
            yield _error(path, line_at(pos), counter, "json",
                         "the document is truncated inside a list: the elements before were read", text[-80:])
            return
        if text[pos] == "]":
            yield _Closed(pos + 1)
            return
        try:
            value, end = decoder.raw_decode(text, pos)
        except (ValueError, RecursionError) as exc:
            rest = text[pos:pos + 120]
            cut = isinstance(exc, json.JSONDecodeError) and exc.pos >= len(text.rstrip())
            message = ("the document is truncated inside this element" if cut
                       else f"not valid JSON ({exc}); the elements after this point are not read")
            yield _error(path, line_at(pos), counter, "json", message, rest)
            return
        raw = text[pos:end]
        if any("\udc80" <= ch <= "\udcff" for ch in raw):
            yield _error(path, line_at(pos), counter, "encoding", "invalid UTF-8 inside this element",
                         raw.encode("utf-8", "surrogateescape"))
        else:  # an element is an item, even when it looks like a wrapper
            yield to_input(value, path, line_at(pos), counter.take(), shape)
        pos = _WS.match(text, end).end()  # type: ignore[union-attr]
        if pos < len(text) and text[pos] == ",":
            pos += 1
        elif pos >= len(text) or text[pos] != "]":
            if pos >= len(text):
                yield _error(path, line_at(pos), counter, "json",
                             "the document is truncated inside a list: the elements before were read", text[-80:])
            else:
                yield _error(path, line_at(pos), counter, "json",
                             "expected ',' or ']' between list elements; the rest is not read",
                             text[pos:pos + 120])
            return


def _document(data: bytes, first_line: int, path: str, counter: _Counter, shape: str | None) -> Iterator[Item]:
    """A whole JSON document: a list (read element by element), a wrapper, or one object."""
    body = data.lstrip(_BOM + b" \t\r\n")
    first_line += data[: len(data) - len(body)].count(b"\n")
    if body[:1] == b"[":
        text = body.decode("utf-8", "surrogateescape")
        for item in _scan_list(text, 1, first_line, path, counter, shape):
            if not isinstance(item, _Closed):
                yield item
                continue
            tail = text[item.pos:].strip()
            if tail:
                yield _error(path, None, counter, "json", "extra data after the JSON list is ignored", tail)
        return
    try:
        value = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        yield from _broken_document(body, first_line, exc, path, counter, shape)
        return
    yield from _from_value(value, path, first_line if wrapped_list(value) is None else None, counter, shape,
                           unwrap_lists=True)


def _broken_document(body: bytes, first_line: int, exc: orjson.JSONDecodeError, path: str, counter: _Counter,
                     shape: str | None) -> Iterator[Item]:
    """A document that does not parse: recover a wrapper's list elements, then one error."""
    kind, message = _decode_error(exc, body)
    text = body.decode("utf-8", "surrogateescape")
    match = _WRAPPED_LIST.search(text, 0, 4096) if body[:1] == b"{" else None
    if match:
        line = first_line + text.count("\n", 0, match.end())
        closed = False
        for item in _scan_list(text, match.end(), line, path, counter, shape):
            if isinstance(item, _Closed):
                closed = True
            else:
                yield item
        if not closed:
            return
    yield _error(path, first_line, counter, kind, f"the JSON document cannot be read: {message}", body)


def _probe_lines(data: bytes) -> bool:
    """True when some of the first lines of ``data`` are whole JSON values: it is JSON Lines."""
    seen = 0
    for raw in data.split(b"\n", 64)[:64]:
        raw = raw.strip()
        if not raw:
            continue
        seen += 1
        if seen > _LINE_PROBE:
            break
        if raw[:1] in (b"{", b"[") and raw[-1:] in (b"}", b"]"):
            try:
                orjson.loads(raw)
            except orjson.JSONDecodeError:
                continue
            return True
    return False


def read_shape(stream: BinaryIO, path: str, shape: str | None = None) -> Iterator[Item]:
    """Yield one item per paper of a JSON or JSON Lines stream, mapping objects as ``shape``."""
    if not hasattr(stream, "peek"):
        stream = io.BufferedReader(stream)  # type: ignore[arg-type]
    head = stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]  # type: ignore[attr-defined]
    counter = _Counter()
    if looks_binary(head):
        what = ("UTF-16 text (convert it to UTF-8)" if head[:2] in (b"\xff\xfe", b"\xfe\xff")
                else "a binary file (NUL or undecodable bytes)")
        yield _error(path, None, counter, "binary",
                     f"this looks like {what}, not JSON or JSON Lines; nothing was read", head[:60].hex(" "))
        return
    line_no = 0
    first = b""
    for raw in stream:
        line_no += 1
        if raw.strip(_BOM + b" \t\r\n"):
            first = raw
            break
    if not first:
        return  # an empty file
    first_body = first.strip().removeprefix(_BOM).strip()
    try:
        value = orjson.loads(first_body)
    except orjson.JSONDecodeError:
        parsed = False
    else:
        parsed = True
    if parsed and not isinstance(value, list):  # JSON Lines (or a one-line document): stream it
        yield from _from_value(value, path, line_no, counter, shape, unwrap_lists=False)
        yield from _lines(enumerate(stream, start=line_no + 1), path, counter, shape)
        return
    if not parsed and first_body[:1] not in (b"{", b"["):
        # not the start of a pretty-printed document: JSON Lines whose first line is bad
        yield from _lines(enumerate(itertools.chain([first], stream), start=line_no), path, counter, shape)
        return
    rest = stream.read()
    if parsed and not rest.strip():  # a one-line JSON list
        yield from _document(first, line_no, path, counter, shape)
        return
    if parsed:  # JSON Lines whose first line is a list
        yield from _lines(enumerate([first, *rest.split(b"\n")], start=line_no), path, counter, shape)
        return
    data = first + rest
    try:
        orjson.loads(data)
    except orjson.JSONDecodeError:
        # A pretty-printed document starts with a line of just "{" or "["; a long first line
        # that does not parse is a broken JSON Lines record when later lines do parse.
        if first_body not in (b"{", b"[") and _probe_lines(rest):
            yield from _lines(enumerate([first, *rest.split(b"\n")], start=line_no), path, counter, shape)
            return
    yield from _document(data, line_no, path, counter, shape)


def read(stream: BinaryIO, path: str) -> Iterator[Item]:
    """Yield one item per JSON object (JSON Lines) or per element (a JSON document), any shape."""
    return read_shape(stream, path)


def _forced(shape: str) -> Reader:
    def read_forced(stream: BinaryIO, path: str) -> Iterator[Item]:
        return read_shape(stream, path, shape)

    read_forced.__doc__ = f"Read JSON or JSON Lines, mapping every object as the {shape!r} shape."
    return read_forced


def _sniff(head: bytes) -> bool:
    return head[:1] in (b"{", b"[")


FORMATS = (
    Format("jsonl", read, "JSON Lines: one paper object per line (shape detected per object)",
           (".jsonl", ".ndjson"), _sniff),
    Format("json", read, "A JSON document: one paper object, a list of them, or a wrapper with a list",
           (".json",), _sniff),
    # Same reader, shape forced; never chosen by detection (no extensions, no sniffer).
    Format("hf-daily", _forced("hf-daily"), "Hugging Face daily papers (JSON or JSON Lines)"),
    Format("arxiv-oai", _forced("arxiv-oai"), "arXiv metadata snapshot, JSON Lines (LaTeX text)"),
    Format("openalex", _forced("openalex"), "OpenAlex works: an API page or snapshot JSON Lines"),
    Format("s2", _forced("s2"), "Semantic Scholar Graph API papers: objects, search pages or JSON Lines"),
    Format("pwc", _forced("pwc"), "Papers with Code papers-with-abstracts / links JSON"),
)
