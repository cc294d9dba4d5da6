"""Reader for JSON Lines and JSON files of papers.

Each object needs a ``title`` and an ``abstract`` (or ``summary``); ``id`` is
optional.  A JSON file may hold one object, a list of objects, or an object
with the list under ``papers``, ``data``, ``results`` or ``items``.  Objects
of the Hugging Face daily-papers shape (``{"paper": {...}}``) are unwrapped,
and their ``githubRepo``/``projectPage`` become metadata links.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

import orjson

from ..models import ErrorEntry, PaperInput, SourceLocation
from ..normalize import normalize_text
from .base import Format, excerpt

_LIST_KEYS = ("papers", "data", "results", "items", "works")
_ABSTRACT_KEYS = ("abstract", "summary", "Abstract", "abstract_text")
_TITLE_KEYS = ("title", "Title")
_CODE_KEYS = ("githubRepo", "code_url", "repo_url")
_URL_KEYS = ("projectPage", "project_page", "url_page")


def to_input(obj: Any, path: str, line: int | None, index: int) -> PaperInput | ErrorEntry:
    """Map one decoded JSON value to a ``PaperInput``, or say why it cannot be one."""
    where = {"path": path, "line": line, "index": index}
    if not isinstance(obj, dict):
        return ErrorEntry(**where, kind="not_object",
                          message=f"expected a JSON object, got {type(obj).__name__}",
                          excerpt=excerpt(orjson.dumps(obj)))
    if isinstance(obj.get("paper"), dict):
        obj = {**obj["paper"], **{k: v for k, v in obj.items() if k != "paper"}}
    title = next((obj[k] for k in _TITLE_KEYS if isinstance(obj.get(k), str)), None)
    abstract = next((obj[k] for k in _ABSTRACT_KEYS if isinstance(obj.get(k), str)), None)
    if title is None and abstract is None:
        return ErrorEntry(**where, kind="missing_fields",
                          message="object has neither a 'title' nor an 'abstract'/'summary'",
                          excerpt=excerpt(orjson.dumps(obj)))
    raw_id = obj.get("id")
    code = [obj[k] for k in _CODE_KEYS if isinstance(obj.get(k), str) and obj[k].strip()]
    urls = [obj[k] for k in _URL_KEYS if isinstance(obj.get(k), str) and obj[k].strip()]
    return PaperInput(
        id=str(raw_id) if raw_id is not None and raw_id != "" else None,
        title=normalize_text(title or ""),
        abstract=normalize_text(abstract or ""),
        code_urls=[u.strip() for u in code],
        urls=[u.strip() for u in urls],
        source=SourceLocation(path=path, line=line, index=index),
    )


def _items(doc: Any) -> list[Any]:
    if isinstance(doc, list):
        return doc
    if isinstance(doc, dict):
        for key in _LIST_KEYS:
            if isinstance(doc.get(key), list):
                return doc[key]
    return [doc]


def read(stream: BinaryIO, path: str) -> Iterator[PaperInput | ErrorEntry]:
    """Yield one item per JSON object (JSON Lines) or per element (a JSON document)."""
    data = stream.read()
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped:
        return
    if stripped[:1] == b"[" or data.count(b"\n", 0, len(data) - 1) == 0 or _is_one_document(data):
        try:
            doc = orjson.loads(stripped)
        except orjson.JSONDecodeError as exc:
            if stripped[:1] == b"[":
                yield ErrorEntry(path=path, line=1, index=0, kind="json",
                                 message=f"not valid JSON: {exc}", excerpt=excerpt(stripped))
                return
        else:
            for i, obj in enumerate(_items(doc)):
                yield to_input(obj, path, None, i)
            return
    index = 0
    for line_no, raw in enumerate(data.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            obj = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            kind = "encoding" if _bad_utf8(raw) else "json"
            yield ErrorEntry(path=path, line=line_no, index=index, kind=kind,
                             message=f"not valid JSON: {exc}", excerpt=excerpt(raw))
        else:
            yield to_input(obj, path, line_no, index)
        index += 1


def _bad_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _is_one_document(data: bytes) -> bool:
    """A pretty-printed JSON object spans lines whose first line is not a whole object."""
    first = data.lstrip().split(b"\n", 1)[0].strip()
    if not first.startswith(b"{"):
        return False
    try:
        orjson.loads(first)
    except orjson.JSONDecodeError:
        return True
    return False


def _sniff(head: bytes) -> bool:
    return head[:1] in (b"{", b"[")


FORMATS = (
    Format("jsonl", read, "JSON Lines: one paper object per line", (".jsonl", ".ndjson"), _sniff),
    Format("json", read, "A JSON document: one paper object, a list of them, or a wrapper with a list",
           (".json",), _sniff),
)
