"""Find dataset names that the gazetteer does not know, from their context.

* an acronym whose long form names a benchmark, dataset or corpus
  ("Multi-modal Dialogue Benchmark (DialogBen)");
* a coined name right before a dataset noun ("the public CMIGBench benchmark")
  or after one with "called/named" ("a new dataset, called ...");
* a coined name with a benchmark-like ending ("MT-Bench", "SomethingEval");
* coined names listed after an evaluation phrase ("experiments on X, Y and Z").

Found names are added to ``doc.spans["datasets"]`` with rule ids
``discovery.*``; names already marked as metrics, URLs or the method are skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import regex
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..resources import pattern_rows, pattern_words
from . import ACRONYMS, DATASETS, METHOD, METRICS, URLS, char_mask, sentence_start, sentence_text, text_of
from .method import OF_MODELS, appositive_noun_re, name_like

_FIRST_PART = regex.compile(r"[-\s]")
_AND_OR = regex.compile(r"\b(?:and|or)\b")

# Names are bounded in length so that no pattern is quadratic on a pathological "word".
# A capital, or a lower-case letter before one ("iPhone", "nuScenes"), opening a word of a name.
_CAP = r"(?:\p{Lu}|\p{Ll}(?=\p{Lu}))"
_NAME = r"(?<![\p{L}\d'’+.\-])(?:[\p{L}\d][\p{L}\d'’+.\-]{0,40}[\p{L}\d]|[\p{L}\d])(?![\p{L}\d])"


# A parameter count at the end of a name makes it a model: "RakutenAI-7B", "Llama 3.1 70B".
_MODEL_SIZE = regex.compile(r"(?<![\p{L}])\d+(?:\.\d+)?[BT](?![\p{L}\d])")
_NAME_THEN_WORDS = regex.compile(
    rf"\b(?:the|on|our|a)\s+(?P<name>{_NAME})\s+(?:(?-i:\p{{Ll}}[\p{{Ll}}\-]*)\s+){{1,3}}\Z")
_OUTPUTS_AFTER = regex.compile(r"\s+(?:tokens|features|embeddings|outputs|representations|codes|units|latents|"
                                r"checkpoints|weights)\b")
_TASK_WORD = regex.compile(r"(?i)\b(?:answering|generation|recognition|detection|segmentation|navigation|"
                           r"classification|retrieval|translation|reasoning|summarization|estimation|tracking)\s*\Z")
_ROMAN = regex.compile(r"I{2,3}|IV|VI{0,3}|IX|X")
_CAPITALISED_BEFORE = regex.compile(r"(?<![\p{L}\d\-])(?P<name>(?:\p{Lu}[\p{L}\d\-]*\s+){1,3})\Z")
_CAPITALISED_WORD = regex.compile(r"\p{Lu}\p{Ll}{2,20}(?:-\w+)?")


class DatasetDiscovery:
    """Adds context-found dataset spans."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        nouns = sorted(pattern_words("discovery", "dataset_noun"), key=len, reverse=True)
        noun_alt = "|".join(regex.escape(n) for n in nouns)
        self.nouns = {n.lower() for n in nouns}
        # Scanning for the noun (or the suffix) first and matching the name backwards from it is
        # much cheaper than trying a name at every position of the text.
        self.noun_hit = regex.compile(rf"(?<=\S\s+)(?:{noun_alt})\b", regex.I)
        self.name_before = regex.compile(rf"(?P<name>{_NAME})\s+\Z")
        self.names_before = regex.compile(rf"(?P<name>{_NAME})\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)\Z")
        self.multiword_before_noun = regex.compile(
            rf"\b(?:the|on|our|a)\s+(?P<name>{_CAP}[\p{{L}}\d\-]{{0,30}}(?:\s{_CAP}[\p{{L}}\d\-]{{0,30}}){{1,3}})"
            rf"\s+(?:{noun_alt})\b")
        self.noun_then_name = regex.compile(rf"\b(?:{noun_alt})\s+(?P<name>{_NAME})", regex.I)
        self.after_named = regex.compile(
            rf"\b(?:{noun_alt})\s*,?\s*(?:called|named|dubbed|termed|coined)\s+(?P<name>{_NAME})",
            regex.I)
        self.trailing_acronym = regex.compile(r"(?:\s+\p{Lu}[\p{L}\d\-]*){0,5}\s*\((?P<acr>[^()\s]{2,15})\)")
        suffix = "|".join(r["pattern"] for r in pattern_rows("discovery", "dataset_suffix"))
        self.suffixed = regex.compile(
            rf"(?<![\p{{L}}\d\-])(?P<name>[\p{{L}}\d][\p{{L}}\d\-]{{1,40}}?(?:{suffix}))(?![\p{{L}}\d\-])")
        self.suffix_hit = regex.compile(rf"(?<=[\p{{L}}\d\-])(?:{suffix})(?![\p{{L}}\d\-])")
        self.contexts = [regex.compile(r["pattern"], regex.I) for r in pattern_rows("discovery", "eval_context")]
        self.generic = pattern_words("method", "generic")
        self.not_dataset = {w.lower() for w in pattern_words("discovery", "not_dataset")}
        verbs = "|".join(regex.escape(v) for v in sorted(pattern_words("discovery", "introduce_verbs"),
                                                         key=len, reverse=True))
        self.introduced = regex.compile(
            rf"\b(?:{verbs})\s+(?:(?:a|an|the)\s+(?:new\s+|novel\s+)?)?(?P<name>{_NAME})", regex.I)
        self.appositive = appositive_noun_re(self.nouns | {"subset", "split"})
        self.bracketed = regex.compile(
            rf"\b(?:{noun_alt})\s*(?:(?P<open>\(|:)\s*(?:e\.g\.,?|i\.e\.,?|including|namely)?|"
            rf"(?P<open>,?\s*(?:such\s+as|including|like|e\.g\.,?|namely)))\s*", regex.I)
        self.long_item = regex.compile(
            r"(?:[\"“](?P<name>[^\"”]{2,40})[\"”]|(?P<name>(?:\p{Lu}[\p{L}\d\-+.']{0,30}(?<![.'])|\d[\p{L}\d\-]{0,20})"
            r"(?:\s(?:\p{Lu}[\p{L}\d\-+.']{0,30}(?<![.'])|\d[\p{L}\d\-]{0,20})){0,3}))"
            r"(?P<sep>\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+))?")
        self.value_on = regex.compile(rf"\d(?:%|\s?points?)?\s+on\s+(?:the\s+)?(?P<name>{_NAME})")
        self.list_item = regex.compile(rf"(?P<name>{_NAME})(?P<sep>\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|/))?")

    def _span(self, doc: Doc, start: int, end: int, rule: str) -> Span | None:
        span = doc.char_span(start, end, label="DATASET", alignment_mode="strict")
        if span is None:
            return None
        span._.rule = rule
        return span

    def _names_before(self, text: str, m: regex.Match) -> Iterator[regex.Match]:
        """The names listed before the name of ``m``, nearest first: "A, B and" before "C"."""
        while (m := self.names_before.search(text, max(0, m.start() - 60), m.start("name"))) is not None:
            yield m

    def _names_after(self, text: str, pos: int) -> Iterator[tuple[str, regex.Match]]:
        """Coined names listed from ``pos`` on (", B and C"), each with the separator before it."""
        while (sep := _LIST_SEP.match(text, pos)) and (item := self.list_item.match(text, sep.end())) \
                and name_like(item.group("name")) and not _MODEL_SIZE.search(item.group("name")):
            yield sep.group(0), item
            pos = item.end("name")

    def _listed_before_plural(self, text: str, hit: regex.Match, taken: bytearray,
                              add: Callable[[int, int, str], None]) -> None:
        """"the Amazon Beauty, Sports and Toys datasets": plain capitalised words listed before a plural
        dataset noun are names too, when the list holds a known or coined name."""
        if not hit.group(0).lower().endswith(("s", "corpora")):
            return
        def listable(name: str) -> bool:
            return bool(_CAPITALISED_WORD.fullmatch(name)) or name_like(name)

        last = self.name_before.search(text, max(0, hit.start() - 60), hit.start())
        if last is None or not listable(last.group("name")):
            return
        items = [last]
        for m in self._names_before(text, last):
            if not listable(m.group("name")):
                break
            items.append(m)
        if len(items) < 2 or not any(taken[i.start("name")] or name_like(i.group("name")) for i in items):
            return
        for i in items:
            if i.group("name") not in self.generic:
                add(i.start("name"), i.end("name"), "discovery.name_before_noun")

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        # Span extension values live per (start, end, label): never re-create a known span.
        taken = char_mask(text, (s for key in (METRICS, URLS, METHOD, DATASETS) for s in doc.spans.get(key, [])))
        method_names = {s.text for s in doc.spans.get(METHOD, [])}
        found: list[Span] = []
        found_starts: set[int] = set()

        def add(start: int, end: int, rule: str) -> None:
            word = text[start:end]
            if word in method_names or taken.find(1, start, end) != -1 or _OUTPUTS_AFTER.match(text, end):
                return  # "trained on WavTokenizer tokens" names a model's outputs, not a dataset
            if _MODEL_SIZE.search(word) or _FIRST_PART.split(word)[0].lower() in self.not_dataset:
                return  # "RakutenAI-7B", "LLaMA", "LoRA" name models and techniques
            span = self._span(doc, start, end, rule)
            if span is not None:
                found.append(span)
                found_starts.add(start)

        for acr in doc.spans.get(ACRONYMS, []):
            long_form = acr._.long_form or ""
            if any(w.lower() in self.nouns for w in long_form.split()[-2:]):
                add(acr.start_char, acr.end_char, "discovery.acronym_of_benchmark")
        for hit in self.noun_hit.finditer(text):  # "the public CMIGBench benchmark"
            m = self.name_before.search(text, max(0, hit.start() - 60), hit.start())
            if m and name_like(m.group("name")) and m.group("name") not in self.generic:
                add(m.start("name"), m.end("name"), "discovery.name_before_noun")
                # "the TS50 and TS500 test sets": coined names listed before a plural noun
                for listed in self._names_before(text, m):
                    if not name_like(listed.group("name")):
                        break
                    add(listed.start("name"), listed.end("name"), "discovery.name_before_noun")
            self._listed_before_plural(text, hit, taken, add)
            if not (m and name_like(m.group("name"))):  # "the OpenOcc occupancy flow benchmark"
                described = _NAME_THEN_WORDS.search(text, max(0, hit.start() - 80), hit.start())
                if described and name_like(described.group("name")) and described.group("name") not in self.generic \
                        and not _MODEL_SIZE.search(described.group("name")):
                    add(described.start("name"), described.end("name"), "discovery.name_before_noun")
        for m in self.after_named.finditer(text):
            acronym = self.trailing_acronym.match(text, m.end("name"))
            if acronym:
                add(acronym.start("acr"), acronym.end("acr"), "discovery.named_dataset")
            elif name_like(m.group("name")) or (m.group("name")[:1].isupper()
                                                and m.group("name").lower() not in _FUNCTION_WORDS):
                add(m.start("name"), m.end("name"), "discovery.named_dataset")
        for m in self.introduced.finditer(text):  # "we introduce OrbitBench, a benchmark of ..."
            apposition = self.appositive.match(text, m.end("name"))
            if m.group("name")[:1].isupper() and apposition and not OF_MODELS.match(text, apposition.end()):
                add(m.start("name"), m.end("name"), "discovery.introduced_dataset")
        for m in self.bracketed.finditer(text):  # "eight benchmarks (ETTh1, ..., Traffic and Exchange)"
            pos = m.end()
            items: list[tuple[int, int]] = []
            last_sep = sep = ""
            while True:
                item = self.long_item.match(text, pos)
                if not item or _MODEL_SIZE.search(item.group("name")):
                    break
                items.append((item.start("name"), item.end("name")))
                last_sep, sep = sep, item.group("sep") or ""
                if not item.group("sep"):
                    break
                pos = item.end()
            opener = m.group("open").strip()
            closer = ")" if opener == "(" else "." if opener == ":" else None
            after = text[items[-1][1] + (1 if items and text[items[-1][1]: items[-1][1] + 1] in "\"”" else 0):][:1] \
                if items else ""
            joined = bool(_AND_OR.search(last_sep))
            if len(items) >= 2 and (closer is None or after in (closer, ";") or (opener == ":" and joined)):
                for start, end in items:
                    add(start, end, "discovery.bracketed_list")
        for m in self.value_on.finditer(text):  # "and 65.0% on DrawerOpen"
            if name_like(m.group("name")) and m.group("name") not in self.generic:
                add(m.start("name"), m.end("name"), "discovery.value_on")
        for m in self.multiword_before_noun.finditer(text):  # "on the Japanese LM Harness benchmarks"
            words = m.group("name").split()
            if any(name_like(w) for w in words) and not _MODEL_SIZE.search(m.group("name")):
                add(m.start("name"), m.end("name"), "discovery.name_before_noun")
        for m in self.noun_then_name.finditer(text):  # "we introduce our dataset FollowIR"
            name = m.group("name")
            if _ROMAN.fullmatch(name):  # "Chronos Benchmark II": a numbered name ending in the noun
                opener = _CAPITALISED_BEFORE.search(text, max(0, m.start() - 40), m.start())
                if opener and opener.group("name").split()[0].lower() not in _FUNCTION_WORDS:
                    add(opener.start("name"), m.end("name"), "discovery.numbered_name")
                continue
            if name_like(name) and name not in self.generic and not _MODEL_SIZE.search(name):
                add(m.start("name"), m.end("name"), "discovery.noun_then_name")
                # "the streaming benchmarks RVS-Ego and RVS-Movie": more names joined to the first
                for _, item in self._names_after(text, m.end("name")):
                    add(item.start("name"), item.end("name"), "discovery.noun_then_name")
        seen_suffix: set[int] = set()
        # "knowledge graph question answering (KGQA)": an acronym of a task is not a benchmark
        task_long_forms = {a.text: a._.long_form or "" for a in doc.spans.get(ACRONYMS, [])}
        for hit in self.suffix_hit.finditer(text):  # "MT-Bench", "SomethingEval", "X-30k"
            m = self.suffixed.search(text, max(0, hit.end() - 60), hit.end())
            if m is None or m.end() != hit.end() or m.start() in seen_suffix:
                continue
            seen_suffix.add(m.start())
            if name_like(m.group("name")) and not _TASK_WORD.search(task_long_forms.get(m.group("name"), "")):
                add(m.start("name"), m.end("name"), "discovery.benchmark_suffix")
        for pattern in self.contexts:
            for m in pattern.finditer(text):
                pos = m.end()
                items: list[tuple[int, int, str]] = []  # (start, end, separator before it)
                sep = ""
                while True:
                    item = self.list_item.match(text, pos)
                    # a plain capitalised word joins a list that already holds a name: "nuScenes and Waymo"
                    if not item or not (name_like(item.group("name")) or (
                            items and sep.strip() in {"and", "or", ",", ", and", ", or"}
                            and _CAPITALISED_WORD.fullmatch(item.group("name")))):
                        break
                    items.append((item.start("name"), item.end("name"), sep))
                    sep = item.group("sep") or ""
                    if not sep:
                        break
                    pos = item.end()
                # "Evaluated on MwpBench, MathScale-7B achieves ...": a name after a bare comma
                # that ends the list opens the next clause
                if len(items) > 1 and items[-1][2].strip() == "," and not (sep and sep.strip()):
                    items.pop()
                for start, end, _ in items:
                    add(start, end, "discovery.eval_list")
        for known in doc.spans.get(DATASETS, []):  # "on LEVIR-CD, WHU-CD and SYSU-CD": coined names listed
            if not _LIST_LEAD.search(text, max(0, known.start_char - 12), known.start_char):  # after a known one
                continue
            listed = list(self._names_after(text, known.end_char))
            if listed and _AND_OR.search(listed[-1][0]):  # "On LVIS, SwiftDet-L outperforms": a comma alone ends it
                for _, item in listed:
                    add(item.start("name"), item.end("name"), "discovery.listed_with_known")
        # a name found once by its context is the same dataset wherever else it is written
        by_first: dict[str, set[str]] = {}
        for s in found:
            name = text[s.start_char:s.end_char]
            by_first.setdefault(_WORD.match(name).group(0) if _WORD.match(name) else name, set()).add(name)
        if by_first:
            for w in _WORD.finditer(text):  # one pass over the words: linear in the text
                for name in by_first.get(w.group(0), ()):
                    end = w.start() + len(name)
                    starts_word = w.start() == 0 or not _NAME_CHAR.match(text[w.start() - 1])
                    if text.startswith(name, w.start()) and w.start() not in found_starts and starts_word \
                            and not _NAME_GOES_ON.match(text, end):
                        add(w.start(), end, "discovery.same_name")
        if found:
            doc.spans[DATASETS] = filter_spans(list(doc.spans.get(DATASETS, [])) + found)
        if _SPLITS_OF.search(text):
            doc.spans[DATASETS] = _without_splits(text, list(doc.spans.get(DATASETS, [])))
        return doc


_SPLITS_OF = regex.compile(r"\s+(?:splits?|subsets?|partitions?|tracks?)\s+of\s+(?:the\s+)?")


def _without_splits(text: str, datasets: list[Span]) -> list[Span]:
    """Drop the names listed before "splits of D": "the OBJ-BG and PB-T50-RS splits of ScanObjectNN" names D."""
    by_end = {d.end_char: d for d in datasets}
    starts = {d.start_char for d in datasets}
    dropped: set[int] = set()
    for m in _SPLITS_OF.finditer(text):
        if m.end() not in starts:
            continue
        span = by_end.get(m.start())
        while span is not None and id(span) not in dropped:
            dropped.add(id(span))
            gap = next((g for g in _LIST_SEP.finditer(text, max(0, span.start_char - 8), span.start_char)
                        if g.end() == span.start_char), None)
            span = by_end.get(gap.start()) if gap else None
    return [d for d in datasets if id(d) not in dropped]


_WORD = regex.compile(r"[\p{L}\d][\p{L}\d+.'’]*")
# The separator between two names of a list: ", ", ", and ", " and ", " or ".
_LIST_LEAD = regex.compile(r"\b(?:on|across|over|using|including|such\s+as)\s+(?:the\s+)?\Z", regex.I)
_LIST_SEP = regex.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+")
_NAME_GOES_ON = regex.compile(r"[\p{L}\d]|-\p{L}")
_NAME_CHAR = regex.compile(r"[\p{L}\d\-]")


_FUNCTION_WORDS = frozenset({"the", "a", "an", "this", "that", "these", "those", "it", "its", "our", "we", "which"})




def _matches(pattern: regex.Pattern[str], anchor: regex.Pattern[str] | None, window: int,
             text: str) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(text)``, or, with an anchor, the matches that end at an anchor hit.

    The pattern only sees the text up to the end of the anchor hit, so a lookahead past
    the match belongs in the anchor.
    """
    if anchor is None:
        yield from pattern.finditer(text)
        return
    last = -1
    for hit in anchor.finditer(text):
        for m in pattern.finditer(text, max(0, hit.start() - window, last), hit.end()):
            if m.start() >= last:
                last = m.end()
                yield m


class MetricDiscovery:
    """Adds metric spans for measures named by change phrases and implicit words.

    "reduces hallucination by 44%" names *hallucination*; "an improvement in
    typing speed by 19%" names *typing speed*; "8x faster" measures *speed*
    (the implicit metric words of ``patterns/numbers.jsonl``).  Generic words
    ("performance", "efficiency") are never metrics.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        # A row may name an "anchor": a cheap pattern the match must end near; the full pattern is then
        # tried only in a window before each anchor hit, instead of at every position of the text.
        self.patterns = [(regex.compile(r["pattern"], regex.I),
                          regex.compile(r["anchor"], regex.I) if r.get("anchor") else None, int(r.get("window", 100)))
                         for r in pattern_rows("discovery", "metric_change")]
        self.not_metric = pattern_words("discovery", "not_metric")
        self.head_ok = pattern_words("discovery", "metric_head_ok")
        self.leading = pattern_words("discovery", "metric_leading_words")
        self.implicit = {r["word"].lower(): r["metric"] for r in pattern_rows("numbers", "implicit_metric")}
        words = "|".join(regex.escape(w) for w in sorted(self.implicit, key=len, reverse=True))
        self.implicit_re = regex.compile(rf"(?<![\p{{L}}\d\-])(?:{words})(?![\p{{L}}\d]|-\p{{L}})", regex.I)
        self.durations = [(regex.compile(r["pattern"], regex.I), r.get("metric"))
                          for r in pattern_rows("discovery", "metric_time")]
        self.time_context = [(regex.compile(rf"\b{regex.escape(r['word'])}"), r["metric"])
                             for r in pattern_rows("discovery", "time_context")]

    def _time_kind(self, doc: Doc, pos: int) -> str:
        """The time a duration at ``pos`` measures: the context word nearest before it, else after it."""
        sent_start = sentence_start(doc, pos)
        sentence = sentence_text(doc, pos).lower()
        cut = pos - sent_start
        hits = [(m.start(), metric) for word, metric in self.time_context
                for m in word.finditer(sentence)]  # word starts only
        before = [h for h in hits if h[0] < cut]
        if before:
            return max(before)[1]
        after = [h for h in hits if h[0] >= cut]
        return min(after)[1] if after else "time"

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        existing = list(doc.spans.get(METRICS, []))
        taken = char_mask(text, (s for key in (METRICS, URLS, METHOD) for s in doc.spans.get(key, [])))
        dataset_starts = {s.start_char for s in doc.spans.get(DATASETS, [])}
        in_dataset = char_mask(text, doc.spans.get(DATASETS, []))
        found: list[Span] = []
        for pattern, anchor, window in self.patterns:
            for m in _matches(pattern, anchor, window, text):
                start, end = m.start("metric"), m.end("metric")
                words = m.group("metric").lower().split()
                while len(words) > 1 and words[0] in self.leading and not (
                        words[1:] == ["score"] and words[0] in _AGGREGATE):  # "an average L2 error", "a total score"
                    start = text.index(" ", start) + 1
                    words = words[1:]
                if not words or "and" in words or words[-1] in self.not_metric or (
                        words[0] in self.not_metric and not (len(words) > 1 and (words[0] in self.head_ok
                                                                                 or words[0] in _AGGREGATE))):
                    continue
                if taken.find(1, start, end) != -1:
                    continue
                # a dataset may open a measure's name ("an MT-Bench score of 8.6"), nothing else may overlap
                if in_dataset.find(1, start, end) != -1 and not (
                        start in dataset_starts and in_dataset.find(0, start, end) != -1
                        and in_dataset.find(1, in_dataset.find(0, start, end), end) == -1):
                    continue
                span = doc.char_span(start, end, label="METRIC", alignment_mode="strict")
                if span is not None:
                    span._.rule = "discovery.metric_change"
                    found.append(span)
        for pattern, fixed in self.durations:  # "Training takes 18 minutes": the unit names the time measured
            for m in pattern.finditer(text):
                start, end = m.start("unit"), m.end("unit")
                if taken.find(1, start, end) != -1:
                    continue
                span = doc.char_span(start, end, label="METRIC", alignment_mode="strict")
                if span is None:
                    continue
                span._.rule = "metric.implicit"
                span._.canonical = fixed or self._time_kind(doc, m.start())
                found.append(span)
        named_after = {s.start_char for s in found} | {s.start_char for s in existing}
        for m in self.implicit_re.finditer(text):  # "8x faster" measures speed
            if taken[m.start()] or m.end() + 1 in named_after:
                continue  # "5x faster fitting time": the measure is named right after the comparative
            span = doc.char_span(m.start(), m.end(), label="METRIC", alignment_mode="strict")
            if span is not None and len(span) == len(m.group(0).split()):
                span._.rule = "metric.implicit"
                span._.canonical = self.implicit[m.group(0).lower()]
                found.append(span)
        found += self._initials(doc, text, existing + found, taken)
        if found:
            doc.spans[METRICS] = filter_spans(existing + found)
        return doc

    @staticmethod
    def _initials(doc: Doc, text: str, metrics: list[Span], taken: bytearray) -> list[Span]:
        """"a Driving Score of 86.4 ..., a +7.3 DS improvement": a value's unit that spells a measure's initials."""
        long_forms: dict[str, list[Span]] = {}
        for m in metrics:
            words = m.text.split()
            if 2 <= len(words) <= 4 and all(w[:1].isalpha() for w in words):
                long_forms.setdefault("".join(w[0] for w in words).upper(), []).append(m)
        if not long_forms:
            return []
        out = []
        for hit in _AFTER_VALUE_ACRONYM.finditer(text):
            spelled = long_forms.get(hit.group(1))
            if spelled is None or taken[hit.start(1)]:
                continue
            # the nearest long form written before the initials ("Driving Score ... +4.9 DS", not a later
            # "denoising steps"), else the first one
            before = [m for m in spelled if m.end_char <= hit.start(1)]
            m = max(before, key=lambda x: x.end_char) if before else spelled[0]
            span = doc.char_span(hit.start(1), hit.end(1), label="METRIC", alignment_mode="strict")
            if span is not None:
                span._.rule = "metric.initials"
                span._.canonical = m.text  # named as the long form is written
                out.append(span)
        return out


# Words that make "score" the name of an aggregate measure ("a total score of 86.7%").
_AGGREGATE = {"total", "overall", "average", "mean", "aggregate", "composite", "final"}
_AFTER_VALUE_ACRONYM = regex.compile(r"(?<=\d%?\s?)(\p{Lu}{2,4})\b")


@Language.factory("abstractparse_metric_discovery")
def make_metric_discovery(nlp: Language, name: str) -> MetricDiscovery:
    """More ``doc.spans["metrics"]``: measures named by change phrases, durations and outcome words."""
    return MetricDiscovery(nlp, name)


@Language.factory("abstractparse_discovery")
def make_dataset_discovery(nlp: Language, name: str) -> DatasetDiscovery:
    """More ``doc.spans["datasets"]``: names the gazetteer does not know, found from their context."""
    return DatasetDiscovery(nlp, name)
