"""Assemble a :class:`~abstractparse.models.PaperRecord` from a processed Doc."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from functools import lru_cache

from spacy.tokens import Doc, Span

from .components import ACRONYMS, DATASETS, METHOD, METRICS, RESULTS, URLS, abstract_start, text_of
from .gazetteer import Gazetteer, default_gazetteer
from .models import Link, Mention, Method, PaperInput, PaperRecord, Result
from .resources import pattern_rows


def stable_id(title: str, abstract: str) -> str:
    """An id derived from the content, stable across runs and input order."""
    digest = hashlib.sha1(f"{title}\n{abstract}".encode()).hexdigest()
    return f"ap-{digest[:12]}"


class _Locator:
    """Maps doc character offsets to (field, start, end) in the record."""

    def __init__(self, doc: Doc) -> None:
        self.cut = abstract_start(doc)

    def __call__(self, span: Span) -> dict:
        start, end = span._.evidence or (span.start_char, span.end_char)
        if start < self.cut:
            return {"field": "title", "start": start, "end": min(end, self.cut - 2)}
        return {"field": "abstract", "start": start - self.cut, "end": end - self.cut}


def _text(doc: Doc, span: Span) -> str:
    start, end = span._.evidence or (span.start_char, span.end_char)
    return text_of(doc)[start:end]


@lru_cache(maxsize=1)
def _plurals() -> dict[str, tuple[str, bool]]:
    """Plural measure nouns → (singular, only for known measures), from ``patterns/numbers.jsonl``."""
    return {r["plural"]: (r["singular"], bool(r.get("only_known"))) for r in pattern_rows("numbers", "metric_plural")}


def metric_name(span: Span, forms: Mapping[str, frozenset[str]] | None = None) -> str:
    """A metric's name: the written form in the singular, or the implied measure.

    ``forms`` are the lower-cased forms of each known metric by canonical name
    (:meth:`abstractparse.gazetteer.Gazetteer.forms`); by default those of the bundled gazetteer.
    """
    if span._.rule in ("metric.implicit", "metric.initials"):
        return span._.canonical  # "8x faster" is speed; "+7.3 DS" after "Driving Score" is the driving score
    known = forms if forms is not None else default_gazetteer().forms("METRIC")
    canonical = span._.canonical
    if canonical and span.text.lower() == canonical.lower() + "s":
        return canonical  # "WERs", "FIDs"
    words = span.text.split(" ")
    singular, only_known = _plurals().get(words[-1].lower(), (words[-1], False))
    if not only_known or (canonical and " ".join([*words[:-1], singular]).lower() in known.get(canonical, ())):
        words[-1] = singular  # "expected calibration errors" is a known measure; "37 omission errors" a count
    if len(words) > 1 and words[-1].lower() == "score" and canonical and \
            " ".join(words[:-1]).lower() in known.get(canonical, ()):
        return " ".join(words[:-1])  # "EM scores" names EM, a form of its own
    return " ".join(words)


def _mentions(doc: Doc, key: str, where: _Locator, only: set[str] | None = None,
              forms: Mapping[str, frozenset[str]] | None = None) -> list[Mention]:
    """First mention of each distinct name; with ``only``, just the names in it."""
    seen: set[str] = set()
    out = []
    # "Open Graph Benchmark (OGB)" is one dataset: the acronym of a name already listed is that name
    long_forms = {a.text: (a._.long_form or "").lower() for a in doc.spans.get(ACRONYMS, [])}
    for span in sorted(doc.spans.get(key, []), key=lambda s: s.start):
        name = metric_name(span, forms) if key == METRICS else span.text
        norm = name.lower()
        if only is not None and norm not in only:
            continue
        if norm in seen or long_forms.get(name, "\0") in seen:
            continue
        seen.add(norm)
        out.append(Mention(name=name, canonical=span._.canonical, rule=span._.rule or key,
                           **where(span)))
    return out


def to_record(doc: Doc, paper: PaperInput, gazetteer: Gazetteer | None = None) -> PaperRecord:
    """The record for ``paper`` from ``doc``, the pipeline's output on its text.

    ``gazetteer`` is the one the pipeline matched (bundled plus user files); it names
    metrics ("EM scores" is EM); by default the bundled one.
    """
    forms = (gazetteer or default_gazetteer()).forms("METRIC")
    where = _Locator(doc)
    method = None
    for span in doc.spans.get(METHOD, []):
        method = Method(name=_text(doc, span), long_form=span._.long_form, rule=span._.rule,
                        **where(span))
    results = [
        Result(value=span._.value, unit=span._.unit, unit_text=span._.unit_text,
               metric=metric_name(span._.metric, forms) if span._.metric is not None else None,
               dataset=span._.dataset.text if span._.dataset is not None else None,
               kind=span._.kind, rule=span._.rule, **where(span))
        for span in doc.spans.get(RESULTS, [])
    ]
    code, urls = _links(doc, paper, where)
    return PaperRecord(
        id=paper.id or stable_id(paper.title, paper.abstract),
        version=paper.version,
        title=paper.title,
        abstract=paper.abstract,
        method=method,
        datasets=_mentions(doc, DATASETS, where),
        metrics=_mentions(doc, METRICS, where, only={r.metric.lower() for r in results if r.metric}, forms=forms),
        results=results,
        code_urls=code,
        urls=urls,
        warnings=list(paper.warnings),
        source=paper.source,
    )


def _links(doc: Doc, paper: PaperInput, where: _Locator) -> tuple[list[Link], list[Link]]:
    code: list[Link] = []
    urls: list[Link] = []
    seen: set[str] = set()
    for span in doc.spans.get(URLS, []):
        link = Link(url=span._.url, rule=span._.rule, **where(span))
        key = link.url.rstrip("/").lower()
        if key in seen:
            continue
        seen.add(key)
        urls.append(link)
        if span._.is_code:
            code.append(link)
    for raw, is_code in [(u, True) for u in paper.code_urls] + [(u, False) for u in paper.urls]:
        key = raw.rstrip("/").lower()
        if key in seen:
            continue
        seen.add(key)
        link = Link(url=raw, field="metadata", start=None, end=None,
                    rule="metadata.code_url" if is_code else "metadata.url")
        urls.append(link)
        if is_code:
            code.append(link)
    return code, urls
