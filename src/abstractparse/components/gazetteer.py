"""Mark known dataset and metric names with two PhraseMatchers.

Exact-case forms go to a matcher on ``ORTH``, case-free forms to one on
``LOWER``; overlapping matches resolve to the longest.  Spans go to
``doc.spans["datasets"]`` and ``doc.spans["metrics"]`` with
``span._.canonical`` set to the gazetteer name.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..gazetteer import Entry, Gazetteer, default_gazetteer, separator_variants
from ..resources import pattern_words
from . import DATASETS, METRICS, URLS, text_of, title_end


class GazetteerMatcher:
    """Writes dataset and metric spans found by name lookup."""

    def __init__(self, nlp: Language, name: str, gazetteer: Gazetteer | None = None,
                 extra_files: Iterable[str] = ()) -> None:
        self.name = name
        self.nlp = nlp
        self.gazetteer = Gazetteer(gazetteer or default_gazetteer())
        for path in extra_files:
            self.gazetteer.add_file(path)
        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._entries: dict[int, Entry] = {}
        self.add_entries(self.gazetteer)

    def add_entries(self, entries: Iterable[Entry]) -> None:
        """Add entries to the matchers (later entries win ties between equal forms)."""
        exact: dict[str, list[str]] = {}
        lower: dict[str, list[str]] = {}
        for entry in entries:
            key = f"{entry.label}\t{entry.name}"
            self._entries[self.nlp.vocab.strings.add(key)] = entry
            for form in entry.forms:
                for variant in separator_variants(form):
                    case_free = entry.ignore_case or variant == variant.lower()
                    (lower if case_free else exact).setdefault(key, []).append(
                        variant.lower() if case_free else variant)
        for table, matcher in ((exact, self._exact), (lower, self._lower)):
            for key, forms in table.items():
                matcher.add(key, list(self.nlp.tokenizer.pipe(sorted(set(forms)))))

    def __call__(self, doc: Doc) -> Doc:
        blocked = {i for span in doc.spans.get(URLS, []) for i in range(span.start, span.end)}
        found: list[Span] = []
        for matcher in (self._exact, self._lower):
            for match_id, start, end in matcher(doc):
                if blocked.intersection(range(start, end)):
                    continue
                entry = self._entries[match_id]
                span = Span(doc, start, end, label=entry.label)
                if not _whole_word(doc, span):
                    continue
                if matcher is self._lower and entry.label == "DATASET" and \
                        _acronym_for_mixed_case(span.text, entry.forms):
                    continue  # "SPARC" (a method's acronym) is not "SParC"
                if entry.label == "DATASET" and (_modifier_suffix(doc, span) or _title_case_word(doc, span)):
                    continue  # "Wikipedia-like rephrasing"; "Ensemble Weather Forecasting" in a title
                if entry.label == "DATASET" and end - start > 1 and doc[end - 1].text in _DATASET_NOUNS:
                    end -= 1  # "the Yelp dataset" names Yelp ("Long Range Graph Benchmark" keeps its noun)
                    span = Span(doc, start, end, label=entry.label)
                if entry.label == "METRIC" and _TOP_K.fullmatch(span.text) and end + 1 < len(doc) \
                        and doc[end].is_alpha and doc[end].is_lower and doc[end + 1].lower_ in {"accuracy", "error"}:
                    span = Span(doc, start, end + 2, label=entry.label)  # "top-1 diagnostic accuracy"
                    span._.canonical = entry.name
                    span._.rule = "gazetteer.metric"
                    found.append(span)
                    continue
                if entry.label == "METRIC" and (self._modifier_compound(doc, span) or _modifies_next(doc, span)):
                    continue
                if entry.label == "METRIC" and _NUMERIC_FORMAT.search(text_of(doc)[max(0, span.start_char - 12):
                                                                              span.start_char]):
                    continue  # "at 4-bit precision", "FP16 precision": a number format, not a measure
                left = _left_modifier_start(doc, start) if entry.label == "METRIC" else start
                if entry.label == "METRIC" and left == start and end - start == 1 and entry.name in _BARE_HEADS \
                        and start > 0 and _ACTIVITY.fullmatch(doc[start - 1].text) \
                        and doc[start - 1].lower_ not in _CHANGE_VERBS:
                    left = start - 1  # "typing speed", "rendering speed": the activity measured
                if left != start:  # "macro average accuracy": the modifier is part of the name
                    span = Span(doc, left, end, label=entry.label)
                    span._.canonical = f"{doc[left:start].text} {entry.name}"
                    span._.rule = "gazetteer.metric_modified"
                    found.append(span)
                    continue
                suffix_end = self._variant_end(doc, span) if entry.label == "DATASET" else end
                if suffix_end != end:  # "LIBERO-Spatial", "MMLU-Redux": a named variant
                    span = Span(doc, start, suffix_end, label=entry.label)
                    span._.canonical = entry.name + doc[end:suffix_end].text
                    span._.rule = "gazetteer.dataset_variant"
                    found.append(span)
                    continue
                span._.canonical = entry.name
                span._.rule = f"gazetteer.{entry.label.lower()}"
                found.append(span)
        datasets = filter_spans([s for s in found if s.label_ == "DATASET"])
        metrics = filter_spans([s for s in found if s.label_ == "METRIC"])
        # A measure named after its benchmark ("VBench total score", "MT-Bench score") keeps the
        # benchmark too; any other overlap goes to the longer name.
        kept_datasets = []
        metric_at = {i: m for m in metrics for i in range(m.start, m.end)}  # metrics do not overlap
        dropped: set[int] = set()
        for d in datasets:
            clash = list({id(m): m for i in range(d.start, d.end) if (m := metric_at.get(i)) is not None}.values())
            if not clash or all(m.start == d.start and d.end < m.end for m in clash):
                kept_datasets.append(d)
            elif all(len(d) > len(m) for m in clash):
                kept_datasets.append(d)
                dropped.update(id(m) for m in clash)
        metrics = [m for m in metrics if id(m) not in dropped]
        doc.spans[DATASETS] = kept_datasets
        doc.spans[METRICS] = metrics
        return doc


    def _variant_end(self, doc: Doc, span: Span) -> int:
        """End of a hyphenated variant suffix glued to a dataset name, or the span's end.

        The suffix is one word that starts with a capital or a digit ("-Spatial",
        "-C", "-2k") or is a known variant word ("-hard", "-mini", "-verified");
        "-style" or "-based" are not variants.
        """
        end = span.end
        if end < len(doc) and doc[end - 1].whitespace_ and _VERSION.fullmatch(doc[end].text):
            return end + 1  # "LiveCodeBench v5", "LVIS v1.0", "HR-Bench 4K"
        for _ in range(2):
            if end + 1 >= len(doc) or doc[end - 1].whitespace_ or doc[end].text != "-" or doc[end].whitespace_:
                break
            word = doc[end + 1]
            if not (word.text[:1].isupper() or word.text[:1].isdigit() or word.lower_ in _VARIANT_WORDS):
                break
            if word.lower_ in _NOT_VARIANT or not word.text.replace(".", "").isalnum():
                break
            end += 2
        return end

    @staticmethod
    def _modifier_compound(doc: Doc, span: Span) -> bool:
        """True for a metric word inside a modifier compound: "full-precision", "low-latency"."""
        if span.start < 2 or doc[span.start - 1].text != "-" or doc[span.start - 2].whitespace_ \
                or doc[span.start - 1].whitespace_:
            return False
        return doc[span.start - 2].lower_ in _MODIFIER_PREFIXES


_NUMERIC_FORMAT = regex.compile(
    r"(?i)(?<![\p{L}\d])(?:\d{1,2}-?bits?|[bt]?fp?\d{1,2}|int\d{1,2}|w\d{1,2}a\d{1,2})\s+\Z")
# Measures named by a bare head word that usually takes the activity before it.
_BARE_HEADS = {"speed"}
_ACTIVITY = regex.compile(r"\p{Ll}+ing|inference|generation|reconstruction|convergence|search|retrieval")
_CHANGE_VERBS = {"achieving", "improving", "boosting", "increasing", "reducing", "matching", "maintaining",
                 "keeping", "preserving", "lowering", "raising", "doubling", "offering", "providing", "bring"}
_MODIFIER_SUFFIX = regex.compile(r"-(?:like|style|based|type|inspired|derived|sized)\b", regex.I)
_PLAIN_CAPITALISED = regex.compile(r"\p{Lu}\p{Ll}+")
_TOP_K = regex.compile(r"(?i)top-?\d{1,2}")
# "LiveCodeBench v5", "LVIS v1.0", "HR-Bench 4K": a version or size written after a dataset name
_VERSION = regex.compile(r"[vV]\d{1,2}(?:\.\d{1,2})?|\d{1,3}[kK]")
_VARIANT_WORDS = pattern_words("discovery", "dataset_variant_words")
_NOT_VARIANT = pattern_words("discovery", "not_dataset_variant")
_MODIFIER_PREFIXES = pattern_words("discovery", "metric_modifier_prefix")


_LEFT_MODIFIERS = pattern_words("discovery", "metric_left_modifier")
_DATASET_NOUNS = {"dataset", "datasets", "benchmark", "benchmarks", "corpus", "set"}


def _acronym_for_mixed_case(text: str, forms: Iterable[str]) -> bool:
    """True when an all-capital word matched only names written in mixed case ("SPARC" vs "SParC")."""
    if not (text.isupper() and sum(c.isalpha() for c in text) >= 3):
        return False
    same = [f for f in forms if f.lower() == text.lower()]
    return bool(same) and all(any(c.islower() for c in f[1:]) for f in same)


def _left_modifier_start(doc: Doc, start: int) -> int:
    """Start of a modifier word ("macro", "per-class") written right before a metric."""
    if start >= 1 and doc[start - 1].lower_ in _LEFT_MODIFIERS and doc[start - 1].whitespace_:
        return start - 1
    if start >= 3 and doc[start - 1].whitespace_ and not doc[start - 2].whitespace_ \
            and not doc[start - 3].whitespace_ and doc[start - 3: start].text.lower() in _LEFT_MODIFIERS:
        return start - 3
    return start


_NOT_BEFORE = pattern_words("discovery", "metric_not_before")


def _modifies_next(doc: Doc, span: Span) -> bool:
    """True for a measure word used as a modifier: "reward models", "latency-aware", "FLOPs budget"."""
    if span.end >= len(doc):
        return False
    nxt = doc[span.end]
    if nxt.text == "-" and not span[-1].whitespace_ and not nxt.whitespace_ and span.end + 1 < len(doc):
        return doc[span.end + 1].is_alpha and doc[span.end + 1].is_lower
    return nxt.lower_ in _NOT_BEFORE


def _modifier_suffix(doc: Doc, span: Span) -> bool:
    """True for a name glued to a modifier suffix: "Wikipedia-like", "COCO-style", "LLaMA-based"."""
    text = text_of(doc)
    return _MODIFIER_SUFFIX.match(text, span.end_char) is not None


def _title_case_word(doc: Doc, span: Span) -> bool:
    """True for one plain capitalised word ("Weather") inside a Title-Case title, where every word is capitalised."""
    end = title_end(doc)
    if len(span) != 1 or not _PLAIN_CAPITALISED.fullmatch(span.text) or span.end_char > end:
        return False
    neighbours = [t for t in (doc[span.start - 1] if span.start > 0 else None,
                              doc[span.end] if span.end < len(doc) else None)
                  if t is not None and t.is_alpha and t.idx < end]
    return any(t.text[:1].isupper() and len(t) > 3 for t in neighbours)


def _whole_word(doc: Doc, span: Span) -> bool:
    """Reject matches glued to a neighbouring word ("COCO" inside "COCO-style-ish" is fine)."""
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and not before.whitespace_ and before.is_alpha:
        return False
    return not (after is not None and not span[-1].whitespace_ and after.is_alpha)


@Language.factory("abstractparse_gazetteer", default_config={"extra_files": []})
def make_gazetteer_matcher(nlp: Language, name: str, extra_files: list[str]) -> GazetteerMatcher:
    """Known names from the bundled gazetteers plus ``extra_files`` (JSON Lines paths)."""
    return GazetteerMatcher(nlp, name, extra_files=extra_files)


def pipeline_gazetteer(nlp: Language) -> Gazetteer:
    """The gazetteer that ``nlp``'s gazetteer component matches (bundled plus user files), else the bundled one."""
    for _, pipe in nlp.pipeline:
        if isinstance(pipe, GazetteerMatcher):
            return pipe.gazetteer
    return default_gazetteer()
