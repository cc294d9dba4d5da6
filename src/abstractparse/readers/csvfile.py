"""Reader for CSV and TSV exports of reference managers and bibliographic databases.

The header row names the columns; matching is case-insensitive and ignores
``_`` versus space.  A file needs a title column (``Title``, ``Article Title``,
``Document Title``, ``Paper Title``) or an abstract column (``Abstract``,
``Abstract Note``, ``Summary``, ``Description``).  Zotero exports
(``Key``, ``Title``, ``Abstract Note``, ``Url``, ``DOI`` ...) and Scopus exports
(``Title``, ``Link``, ``Abstract``, ``DOI``, ``EID`` ...) are read this way.

The id is the DOI (an arXiv DOI becomes the arXiv id), else Scopus' ``EID``,
Zotero's ``Key`` or an ``ID`` column.  Scopus' ``[No abstract available]`` becomes
an empty abstract with a warning, and a publisher's copyright line at the end
of an abstract (``© 2023 Elsevier B.V. All rights reserved.``) is dropped.

Each data row is one item whose line is the physical line where the row
starts (quoted fields may span lines) and whose index is its row number.
A row with too few fields (or extra non-empty ones) is an ``ErrorEntry`` of
kind ``"csv"``; a row with bytes that are not UTF-8 is an ``"encoding"``
error; a header with no usable column is a single ``"csv_header"`` error.
The delimiter (``,``, tab, ``;`` or ``|``) is chosen from the header line, or
taken from Excel's ``sep=;`` first line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import BinaryIO

import regex

from ..models import ErrorEntry, PaperInput, SourceLocation
from ..normalize import normalize_text
from .base import Format, excerpt, read_all
from .bibtex import id_from_doi, metadata_links

_TITLE = ("title", "article title", "document title", "paper title")
_ABSTRACT = ("abstract", "abstract note", "summary", "description")
_DOI = ("doi",)
_OTHER_IDS = ("eid", "key", "id", "paper id")
_URLS = ("url", "urls", "link", "pdf url", "project page")
_CODE = ("code", "code url", "github", "github url", "repository", "repo")
_DELIMITERS = (",", "\t", ";", "|")
_FIELD_LIMIT = 2**31 - 1  # fits a C long everywhere, unlike sys.maxsize on Windows

_NO_ABSTRACT = regex.compile(r"\[?\s*no abstract available\s*\]?\.?", regex.IGNORECASE)
# A copyright line closing an abstract: "© 2023 Elsevier B.V. ...", "Copyright © 2022 ...",
# "(c) 2021 IEEE."; it must start the abstract or follow the end of a sentence.
_COPYRIGHT = regex.compile(
    r"(?:^|(?<=[.!?][\"')\]]?\s{1,3}))"
    r"(?:©|copyright\s*(?:©|\(c\))?\s*(?=\d{4}|by\b|the\b|\(c\))|\(c\)\s*(?=\d{4}))",
    regex.IGNORECASE,
)
_COPYRIGHT_TAIL = 400
_EXCEL_SEP = regex.compile(r"\"?sep=(.)\"?")  # Excel's optional first line naming the delimiter


def _column_name(raw: str) -> str:
    return " ".join(raw.replace("\ufeff", "").replace("_", " ").strip().strip('"').lower().split())


def _find(columns: list[str], names: tuple[str, ...]) -> int | None:
    for name in names:
        if name in columns:
            return columns.index(name)
    return None


def strip_copyright(abstract: str) -> str:
    """``abstract`` without a closing copyright line (the first one in the last 400 characters)."""
    for m in _COPYRIGHT.finditer(abstract, pos=max(0, len(abstract) - _COPYRIGHT_TAIL)):
        return abstract[: m.start()].rstrip()
    return abstract


def _pick_delimiter(first_line: str, path: str) -> str:
    """The delimiter that splits the header into known columns (most fields wins)."""
    best, best_score = ("\t" if path.lower().endswith((".tsv", ".tsv.gz", ".tab")) else ","), (-1, -1)
    for delimiter in _DELIMITERS:
        try:
            fields = next(csv.reader([first_line], delimiter=delimiter), [])
        except csv.Error:
            continue
        columns = [_column_name(f) for f in fields]
        known = int(any(c in _TITLE or c in _ABSTRACT for c in columns))
        score = (known, len(fields))
        if score > best_score and len(fields) > 1:
            best, best_score = delimiter, score
    return best


def _undecodable(fields: list[str]) -> bool:
    return any(regex.search(r"[\udc80-\udcff]", f) for f in fields)


def _printable(text: str) -> str:
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


class _Columns:
    """Where the fields the reader uses are in a row."""

    def __init__(self, header: list[str]) -> None:
        names = [_column_name(h) for h in header]
        self.names = names
        self.title = _find(names, _TITLE)
        self.abstract = _find(names, _ABSTRACT)
        self.doi = _find(names, _DOI)
        self.other_ids = [i for i in (_find(names, (n,)) for n in _OTHER_IDS) if i is not None]
        self.links = [i for i, n in enumerate(names) if n in _URLS or n in _CODE]

    @property
    def usable(self) -> bool:
        return self.title is not None or self.abstract is not None


def _get(row: list[str], i: int | None) -> str:
    return row[i].strip() if i is not None and i < len(row) else ""


def _to_input(row: list[str], cols: _Columns, where: dict) -> PaperInput | ErrorEntry:
    title = normalize_text(_get(row, cols.title))
    abstract = normalize_text(_get(row, cols.abstract))
    warnings: list[str] = []
    if _NO_ABSTRACT.fullmatch(abstract):
        abstract = ""
        warnings.append("the export says no abstract is available")
    else:
        abstract = strip_copyright(abstract)
        if not abstract:
            warnings.append("no abstract in the row")
    if not title and not abstract:
        return ErrorEntry(**where, kind="missing_fields", message="row has neither a title nor an abstract",
                          excerpt=excerpt(",".join(row)))
    paper_id, version = id_from_doi(_get(row, cols.doi))
    if paper_id is None:
        paper_id = next((v for v in (_get(row, i) for i in cols.other_ids) if v), None)
    code, urls = metadata_links(_get(row, i) for i in cols.links)
    return PaperInput(id=paper_id, version=version, title=title, abstract=abstract, code_urls=code,
                      urls=urls, warnings=warnings, source=SourceLocation(**where))


def read(stream: BinaryIO, path: str) -> Iterator[PaperInput | ErrorEntry]:
    """Yield one item per data row of a CSV/TSV export with a header row."""
    data = read_all(stream)
    if not data:
        return
    text = data.decode("utf-8", "surrogateescape")
    first_line = text.lstrip("\r\n").split("\n", 1)[0].rstrip("\r")
    excel_sep = _EXCEL_SEP.fullmatch(first_line)
    delimiter = excel_sep.group(1) if excel_sep else _pick_delimiter(first_line, path)
    if csv.field_size_limit() < _FIELD_LIMIT:
        csv.field_size_limit(_FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    cols: _Columns | None = None
    index = 0
    end_of_last = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            start, end_of_last = end_of_last + 1, reader.line_num
            yield ErrorEntry(path=path, line=start, index=index, kind="csv", message=f"unreadable CSV row: {exc}")
            index += 1
            continue
        start, end_of_last = end_of_last + 1, reader.line_num
        if not any(field.strip() for field in row):
            continue
        if cols is None:
            if excel_sep and _EXCEL_SEP.fullmatch(delimiter.join(row)):
                continue
            cols = _Columns(row)
            if not cols.usable:
                found = ", ".join(repr(_printable(h.strip())) for h in row[:30])
                yield ErrorEntry(path=path, line=start, index=None, kind="csv_header",
                                 message=f"no title or abstract column in the header; columns found: {found}",
                                 excerpt=excerpt(_printable(delimiter.join(row))))
                return
            continue
        where = {"path": path, "line": start, "index": index}
        index += 1
        raw = delimiter.join(row)
        width = len(cols.names)
        if len(row) < width or any(f.strip() for f in row[width:]):
            yield ErrorEntry(**where, kind="csv", message=f"row has {len(row)} fields, the header has {width}",
                             excerpt=excerpt(_printable(raw)))
        elif _undecodable(row):
            yield ErrorEntry(**where, kind="encoding", message="row is not valid UTF-8",
                             excerpt=excerpt(_printable(raw)))
        else:
            yield _to_input(row, cols, where)


def _sniff(head: bytes) -> bool:
    """True when the first line is a header (short column names) with an abstract-like column."""
    lines = head.decode("utf-8", "replace").split("\n", 2)
    first_line = lines[0].rstrip("\r")
    excel_sep = _EXCEL_SEP.fullmatch(first_line)
    if excel_sep and len(lines) > 1:
        first_line = lines[1].rstrip("\r")
    delimiter = excel_sep.group(1) if excel_sep else _pick_delimiter(first_line, "")
    try:
        fields = next(csv.reader([first_line], delimiter=delimiter), [])
    except csv.Error:
        return False
    names = [_column_name(f) for f in fields]
    return len(names) > 1 and all(len(n) <= 60 for n in names) and any(n in _ABSTRACT for n in names)


FORMATS = (
    Format("csv", read, "CSV/TSV exports (Zotero, Scopus, any table with title and abstract columns)",
           (".csv", ".tsv"), _sniff),
)
