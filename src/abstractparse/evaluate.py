"""Score predicted records against gold annotations (the rules of the gold GUIDELINES).

Papers are paired by normalized title, then by id.  Names match when equal
after lower-casing and dropping every non-alphanumeric character; gold items
marked ``optional`` are neither rewarded nor punished.  Fields: method
(per paper), datasets / metrics / code_urls (micro-averaged items), and
results at three levels: value+metric+dataset, value+metric, value.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
import regex

FIELDS = ("method", "datasets", "metrics", "code_urls",
          "results", "results_value_metric", "results_value")
_NON_WORD = regex.compile(r"[\W_]+")


def key(text: Any) -> str:
    """The matching key of a name: lower case, letters and digits only."""
    return "" if text is None else _NON_WORD.sub("", str(text)).lower()


def url_key(url: Any) -> str:
    """The matching key of a URL: no scheme, ``www.``, ``.git`` or trailing slash or punctuation."""
    u = str(url).strip().rstrip(".,;:)]}>'\"").lower()
    u = regex.sub(r"^https?://(?:www\.)?", "", u)
    u = regex.sub(r"\.git$", "", u)
    return u.rstrip("/")


def name(item: Any) -> Any:
    """The name of a predicted item given as a string or an object."""
    if isinstance(item, dict):
        return next((item[k] for k in ("name", "url", "canonical", "text") if item.get(k)), None)
    return item


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    def scores(self) -> dict[str, float | int]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": p, "recall": r, "f1": f, "tp": self.tp, "fp": self.fp, "fn": self.fn}


def _score_items(gold: list[dict], predicted: Iterable[Any], c: Counts, k=key, label="") -> None:
    keys: list[str] = []
    for p in predicted:
        pk = k(name(p))
        if pk and pk not in keys:
            keys.append(pk)
    gold_keys = [{k(n) for n in g["names"]} for g in gold]
    taken: set[str] = set()
    for g, names in zip(gold, gold_keys, strict=True):
        hit = next((pk for pk in keys if pk in names and pk not in taken), None)
        if hit is not None:
            taken.add(hit)
            c.tp += 0 if g.get("optional") else 1
        elif not g.get("optional"):
            c.fn += 1
            c.errors.append(f"{label}: missed {g['names'][0]!r}")
    for pk in keys:
        if pk in taken:
            continue
        if any(pk in names for names in gold_keys):
            taken.add(pk)  # another written form of a matched item
            continue
        c.fp += 1
        c.errors.append(f"{label}: extra {pk!r}")


def _same_value(a: Any, b: Any) -> bool:
    try:
        return math.isclose(abs(float(a)), abs(float(b)), rel_tol=1e-9, abs_tol=1e-9)
    except (TypeError, ValueError):
        return False


def _score_results(gold: list[dict], predicted: list[dict], level: str, c: Counts,
                   label: str) -> None:
    free = [True] * len(predicted)
    for g in gold:
        metrics = {key(n) for n in g.get("metric") or []}
        datasets = {key(n) for n in g["dataset"]} if g.get("dataset") else None
        found = None
        for i, p in enumerate(predicted):
            if not free[i] or not _same_value(p.get("value"), g["value"]):
                continue
            if level != "value" and key(name(p.get("metric"))) not in metrics:
                continue
            if level == "full":
                pd = name(p.get("dataset"))
                if (datasets is None and pd) or (datasets is not None and key(pd) not in datasets):
                    continue
            found = i
            break
        if found is not None:
            free[found] = False
            c.tp += 0 if g.get("optional") else 1
        elif not g.get("optional"):
            c.fn += 1
            if level == "full":
                c.errors.append(f"{label}: missed {g['value']} {(g.get('metric') or ['?'])[0]}"
                                f" @ {(g.get('dataset') or [None])[0]}")
    for i, p in enumerate(predicted):
        if free[i]:
            c.fp += 1
            if level == "full":
                c.errors.append(f"{label}: extra {p.get('value')} {name(p.get('metric'))}"
                                f" @ {name(p.get('dataset'))}")


def score(gold: list[dict], predicted: list[dict]) -> tuple[dict[str, Counts], int]:
    """Counts per field, and how many gold papers had no prediction."""
    counts = {f: Counts() for f in FIELDS}
    by_title = {key(p.get("title")): p for p in predicted if p.get("title")}
    by_id = {str(p.get("id")): p for p in predicted if p.get("id") is not None}
    unpaired = 0
    for g in gold:
        p = by_title.get(key(g.get("title"))) or by_id.get(str(g.get("id"))) or {}
        unpaired += not p
        gid = g.get("id")
        _score_method(g, p, counts["method"], f"{gid} method")
        for f, k in (("datasets", key), ("metrics", key), ("code_urls", url_key)):
            items = g.get(f) or []
            if f == "code_urls":
                items = [{"names": [u]} for u in items]
            _score_items(items, p.get(f) or [], counts[f], k, f"{gid} {f}")
        results = [r for r in p.get("results") or [] if isinstance(r, dict)]
        for level, f in (("full", "results"), ("value_metric", "results_value_metric"),
                         ("value", "results_value")):
            _score_results(g.get("results") or [], results, level, counts[f], f"{gid} results")
    return counts, unpaired


def _score_method(g: dict, p: dict, c: Counts, label: str) -> None:
    predicted = name(p.get("method"))
    names = {key(n) for n in g.get("method") or []}
    right = bool(predicted) and key(predicted) in names
    if names and g.get("method_optional"):
        if predicted and not right:
            c.fp += 1
            c.errors.append(f"{label}: want {g['method'][0]!r} (optional) got {predicted!r}")
    elif names:
        if right:
            c.tp += 1
        else:
            c.fp += 1 if predicted else 0
            c.fn += 1
            c.errors.append(f"{label}: want {g['method'][0]!r} got {predicted!r}")
    elif predicted:
        c.fp += 1
        c.errors.append(f"{label}: want none got {predicted!r}")


def read_jsonl(path: str | Path) -> list[dict]:
    with open(path, "rb") as f:
        return [orjson.loads(line) for line in f if line.strip()]


def table(counts: dict[str, Counts], papers: int, unpaired: int) -> str:
    """The score table, laid out like the gold set's ``score.py``."""
    lines = [f"{papers} gold papers, {unpaired} without a prediction",
             f"{'field':22} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn"]
    for f, c in counts.items():
        s = c.scores()
        lines.append(f"{f:22} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}"
                     f" {c.tp:4d}{c.fp:4d}{c.fn:4d}")
    return "\n".join(lines)
