"""Gazetteers: the known dataset and metric names, loaded from JSON Lines files.

A gazetteer file has one object per line::

    {"name": "ImageNet-1K", "aliases": ["ILSVRC-2012"], "ignore_case": true}

``name`` is the canonical name; ``aliases`` are other written forms.  By
default an alias containing an upper-case letter matches only in that exact
case ("MATH" is a dataset, "math" is not), while an all-lower-case alias
matches any case; ``"ignore_case": true`` makes every form match in any case.
Hyphen, space and no-space variants ("ImageNet-1K", "ImageNet 1K",
"ImageNet1K") are generated, so files need not list them.  Other keys
(``domain``, ``higher_is_better``, ``kind``) are kept as metadata.

The bundled files live in ``abstractparse/resources``; users add their own
with :func:`Gazetteer.add_file` or ``abstractparse parse --gazetteer FILE``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from .resources import read_jsonl, resource_path

Label = Literal["DATASET", "METRIC"]
LABELS: tuple[Label, ...] = ("DATASET", "METRIC")


@dataclass(frozen=True)
class Entry:
    """One gazetteer entry: a canonical name, its written forms and metadata."""

    label: Label
    name: str
    aliases: tuple[str, ...] = ()
    ignore_case: bool = False
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def separator_variants(form: str) -> set[str]:
    """``"ImageNet-1K"`` → ``{"ImageNet-1K", "ImageNet 1K", "ImageNet1K"}``; ``"win rate"`` → also ``"win-rate"``.

    The joined form is made only when no part is a single letter, so that
    ``"MultiPL-E"`` does not become the word "multiple".
    """
    out = {form}
    words = form.split(" ")
    if 1 < len(words) <= 4 and form.islower() and all(w.isalpha() for w in words):
        out.add("-".join(words))  # "win rate" is also written "win-rate"
    if "-" in form:
        out.add(form.replace("-", " "))
        parts = form.split("-")
        if all(len(p) > 1 for p in parts):
            out.add("".join(parts))
    return {v for v in out if v.strip()}


class Gazetteer:
    """A set of dataset and metric entries, extendable with user files."""

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        self.entries: list[Entry] = list(entries)
        self._forms: dict[str, dict[str, frozenset[str]]] = {}

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def add(self, entry: Entry) -> None:
        self.entries.append(entry)
        self._forms.clear()

    def add_rows(self, rows: Iterable[dict[str, Any]], label: Label, origin: str = "") -> None:
        """Add entries from decoded JSON rows (see the module docstring for the keys)."""
        for i, row in enumerate(rows):
            name = row.get("name")
            if not isinstance(name, str) or not name.strip():
                raise ValueError(f"{origin} entry {i}: 'name' must be a non-empty string")
            row_label = row.get("label", label)
            if row_label not in LABELS:
                raise ValueError(f"{origin} entry {i}: label must be one of {LABELS}")
            aliases = row.get("aliases") or []
            if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                raise ValueError(f"{origin} entry {i}: 'aliases' must be a list of strings")
            meta = {k: v for k, v in row.items()
                    if k not in {"name", "aliases", "ignore_case", "label"}}
            self.add(Entry(row_label, name.strip(), tuple(a.strip() for a in aliases if a.strip()),
                           bool(row.get("ignore_case", False)), meta))

    def add_file(self, path: str | Path, label: Label | None = None) -> None:
        """Add a user gazetteer file.

        Rows may carry ``"label": "DATASET"`` or ``"METRIC"``; otherwise ``label``
        is used, and without it a file named ``*metric*`` holds metrics and any
        other file datasets.
        """
        path = Path(path)
        if label is None:
            label = "METRIC" if "metric" in path.name.lower() else "DATASET"
        self.add_rows(read_jsonl(path), label, origin=str(path))

    def lookup(self, label: Label) -> dict[str, Entry]:
        """Canonical name → entry, for one label."""
        return {e.name: e for e in self.entries if e.label == label}

    def forms(self, label: Label) -> dict[str, frozenset[str]]:
        """Canonical name → its lower-cased forms, for one label (computed once until entries change)."""
        found = self._forms.get(label)
        if found is None:
            found = self._forms[label] = {name: frozenset(f.lower() for f in entry.forms)
                                          for name, entry in self.lookup(label).items()}
        return found


@cache
def default_gazetteer() -> Gazetteer:
    """The bundled datasets and metrics (loaded once per process)."""
    gaz = Gazetteer()
    for file, label in (("datasets.jsonl", "DATASET"), ("metrics.jsonl", "METRIC")):
        path = resource_path(file)
        if path.exists():
            gaz.add_rows(read_jsonl(path), label, origin=file)  # type: ignore[arg-type]
    return gaz
