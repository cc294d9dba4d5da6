"""Link each candidate number to its metric and dataset within its sentence.

Heuristics, over token distance and a few function words:

* metric: a metric right after the number ("85.4% top-1 accuracy", "53.9 box
  AP"), else one shortly before it ("accuracy of 85%", "reduces FLOPs by
  34.7%", "mIoU: 52.2"), else the nearest in the clause;
* dataset: the first dataset after the number behind "on/in/at" ("... on
  ImageNet"), else the nearest one before it in the sentence;
* "respectively" lists take, in order, the metrics and datasets of the
  results before them in the sentence, or the sentence's metrics;
* kind: ``x`` units are relative; a sign, "by", or a change word makes a
  change: relative for cost metrics and for "reduce/faster"-style words,
  delta otherwise; everything else is absolute.

A number with no metric in its sentence is not a result.  Results go to
``doc.spans["results"]`` with ``_.metric`` and ``_.dataset`` set to spans.
"""

from __future__ import annotations

from itertools import pairwise

import regex
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..gazetteer import default_gazetteer
from ..resources import pattern_rows, pattern_words
from . import DATASETS, METRICS, NUMBERS, RESULTS

_PREPOSITIONS = {"on", "in", "at", "over", "across", "for", "of", "from", "under", "using"}
_METRIC_LEFT_GAP = 10
_METRIC_RIGHT_GAP = 4
_DATASET_RIGHT_GAP = 14
_LEFT_LINKERS = {"of", "by", "to", "=", ":", "is", "was", "reaches", "reaching", "achieves",
                 "achieving", "attains", "obtains", "with", "at", "up", "around", "about",
                 "nearly", "approximately", "only", "just", "over", "than", "from", "and",
                 "respectively", "scores", "score", "surpasses", "between", "within", "below", "above"}
_CLAUSE_BREAKS = {";", "while", "whereas", "but"}
_NEAR_LEFT = {"with", "from", "at", "of", "val", "test", "set", "split", ",", ":", "(", "=",
              "reaching", "achieving", "achieves", "obtains", "scores", "to", "by", "is"}
_GROUP_WORDS = {"vs", "vs.", "versus", "and", "or", "to", "from", "respectively", "compared"}
_LIST_JOINERS = {",", "and", "or", "/", "%", "x", "×"}
_CHANGE_NOUNS = {"relative", "absolute", "average", "improvement", "improvements", "gain", "gains", "increase",
                 "decrease", "reduction", "drop", "boost", "a", "an", "the"}
# Measurement units written after a value ("23.96 dB and 30.41 dB"): not words of the sentence.
_UNIT_WORDS = {"db", "ms", "s", "sec", "seconds", "mb", "gb", "kb", "tb", "points", "pts", "pp", "fps", "hours",
               "h", "minutes", "min", "m", "cm", "mm", "km", "k", "x", "bits", "bpp", "tokens/s", "it/s"}
_LIST_WORDS = {"and", "or", "vs", "versus", "a", "an", "the", "of", "up", "to", "about", "around", "nearly",
               "approximately", "over",
               "improvement", "improvements", "gain", "gains", "increase", "reduction", "drop", "relative",
               "absolute", "respectively"}
_COST_HEADS = pattern_words("numbers", "cost_heads")
_REFERENCE_WORDS = pattern_words("numbers", "reference_words")
_SIZE_OR_NUMBER = regex.compile(r"\d[\d.,]*[KMBT]?")
_CONDITION_WORDS = {"same", "equal", "fixed", "matched", "given", "identical", "similar"}
_SKIP_BACK = {"up", "to", "only", "about", "around", "nearly", "approximately", "over", "just",
              "~", "+", "a", "an", "the", "least", "at", "than", "more", "less", "of"}


def _skip_back(doc: Doc, i: int) -> int | None:
    """Index of the first word before token ``i`` that is not a hedge ("up to", "about")."""
    j = i - 1
    while j >= 0 and doc[j].lower_ in _SKIP_BACK - {"of", "to", "at"}:
        j -= 1
    if j >= 1 and doc[j].lower_ == "to" and doc[j - 1].lower_ == "up":
        j -= 2
    return j if j >= 0 else None


def _words_between(doc: Doc, start: int, end: int) -> int:
    return sum(1 for t in doc[start:end] if not t.is_punct)


class ResultLinker:
    """Turns linked numbers into result spans."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.change_words = pattern_words("numbers", "change_words")
        self.relative_words = pattern_words("numbers", "relative_words")
        metrics = default_gazetteer().lookup("METRIC")
        self.cost_metrics = {n for n, e in metrics.items() if e.meta.get("kind") == "cost"}
        self.unit_metrics = {r["unit"]: frozenset(r["metrics"]) for r in pattern_rows("numbers", "unit_metric")}

    def _unit_fit(self, num: Span, metric: Span, metrics: list[Span]) -> Span:
        """The sentence's metric that the value's unit measures ("by 2.9 dB" is PSNR), else ``metric``."""
        fits = self.unit_metrics.get((num._.unit_text or "").lower())
        if not fits or _metric_key(metric) in fits:
            return metric
        candidates = [m for m in metrics if _metric_key(m) in fits]
        if not candidates:
            return metric
        return min(candidates, key=lambda m: abs(m.start - num.start))

    def _is_cost(self, metric: Span) -> bool:
        """True for a measure of cost or speed (latency, memory, "2x faster"), by name or by its head word."""
        return metric._.canonical in self.cost_metrics or metric.text.lower().split()[-1] in _COST_HEADS

    # -- metric --------------------------------------------------------------
    def _metric_for(self, num: Span, metrics: list[Span], numbers: set[int],
                    dataset_tokens: set[int] | frozenset[int] = frozenset()) -> Span | None:
        """The metric a number measures, by the preference order of the module docstring."""
        doc = num.doc

        def clean(start: int, end: int, allowed: frozenset[str] = frozenset()) -> bool:
            return not any(t.i in numbers or t.lower_ in _CLAUSE_BREAKS or t.lower_ in allowed
                           for t in doc[start:end])

        right = sorted((m for m in metrics if m.start >= num.end), key=lambda m: m.start)
        left = sorted((m for m in metrics if m.end <= num.start), key=lambda m: -m.end)
        for m in right:  # 1. right after the number: "85.4% top-1 accuracy"
            if m.start - num.end <= 2 and clean(num.end, m.start, frozenset({",", "and", "("})):
                return m
            # "54.1% and 71.3% zero-shot accuracy": a list of numbers before the metric
            gap = doc[num.end: m.start]
            if m.start - num.end <= 8 and any(t.i in numbers for t in gap) and all(
                    t.i in numbers or t.lower_ in _LIST_JOINERS for t in gap):
                return m
            break
        for m in right:  # "by 24.9% in terms of DSG score": the named measure wins
            if m.start - num.end <= 4 and doc[max(num.end, m.start - 3): m.start].text.lower() == "in terms of":
                return m
            break
        if num.end < len(doc) and doc[num.end].lower_ == "of":
            for m in right:  # "keeps 99.2% of the full-precision accuracy"
                if m.start - num.end <= 6 and clean(num.end, m.start) and \
                        all(not t.like_num for t in doc[num.end: m.start]):
                    return m
                break
        before = _skip_back(doc, num.start)
        def has_own_value(m: Span) -> bool:  # "With 70B parameters, ...": a measure with its own (setup) value
            before_m = m.start - 1
            return before_m >= 0 and before_m not in numbers and bool(_SIZE_OR_NUMBER.fullmatch(doc[before_m].text))

        if before is not None and doc[before].lower_ in _LEFT_LINKERS:
            for m in left:  # 2. "throughput by 45.3%", "accuracy of 85%"
                if has_own_value(m):
                    break
                if _words_between(doc, m.end, num.start) <= _METRIC_LEFT_GAP and \
                        clean(m.end, num.start):
                    return m
                break
        if before is not None and left and left[0].end == before and (
                doc[before].text == ":" or (doc[before].text == "," and before < num.start - 1)):
            return left[0]  # "remarkable speed, approximately 0.6 second", "mIoU: 52.2"
        for m in right:  # 3. "by 2.5% (83.3% vs. 80.8%) in top-1 accuracy"
            if m.start - num.end > 12:
                break
            gap = doc[num.end: m.start]
            if gap and gap[-1].lower_ in {"in", "on", "of"} | {"terms"} and all(
                t.i in numbers or not t.is_alpha or t.lower_ in _GROUP_WORDS | _CHANGE_NOUNS for t in gap[:-1]
            ):  # also "a 36% relative improvement of X"
                return m
            if gap[-3:].text.lower() == "in terms of":
                return m
        for m in right:  # 4. close on the right
            if m.start - num.end <= _METRIC_RIGHT_GAP and clean(num.end, m.start, frozenset({",", "and"})):
                return m
            break
        for m in left:  # 5. nearest on the left within the clause
            if has_own_value(m):
                break
            if _words_between(doc, m.end, num.start) <= _METRIC_LEFT_GAP and clean(m.end, num.start):
                return m
            break
        for m in right:  # 6. "34.6% on AIME 2024 and 27.1% on AIME 2025 (avg@32)": a bracketed measure ends the list
            if m.start - num.end > 16 or m.start < 1 or doc[m.start - 1].text != "(":
                break
            gap = doc[num.end: m.start - 1]
            if all(t.i in numbers or t.i in dataset_tokens or t.is_punct or t.like_num
                   or t.lower_ in _LIST_JOINERS | _PREPOSITIONS for t in gap) and not _crosses(doc, num.end, m.start):
                return m
            break
        return None

    def _dataset_for(self, num: Span, metric: Span, datasets: list[Span], numbers: set[int],
                     sentence_metrics: list[Span]) -> Span | None:
        doc = num.doc
        # "85.4% top-1 accuracy on X": the dataset follows the measure when the measure follows the value
        anchor = metric.end if 0 <= metric.start - num.end <= 3 else num.end
        metric_tokens = {i for m in sentence_metrics for i in range(m.start, m.end)}
        for d in datasets:  # "87.5% top-1 accuracy on ImageNet-1K", "52.2 mIoU on the more challenging X"
            gap = doc[anchor: d.start]
            if 0 < len(gap) <= 5 and gap[0].lower_ in _PREPOSITIONS and all(
                    t.is_alpha and t.is_lower and t.lower_ not in _CLAUSE_BREAKS | {"and", "or", "which", "that"}
                    for t in gap[1:]):
                return d
        left = [d for d in datasets if d.end <= num.start]
        near = [d for d in left if num.start - d.end <= 3
                and all(t.lower_ in _NEAR_LEFT for t in doc[d.end: num.start])]
        if near:  # "on GSM8K from 71.2%", "COCO val set with 58.0% PQ"
            return max(near, key=lambda s: s.end)
        for d in sorted(datasets, key=lambda s: s.start):
            if d.start < num.end or d.start - num.end > _DATASET_RIGHT_GAP:
                continue
            gap = doc[num.end: d.start]
            first_num = next((t.i for t in gap if t.i in numbers), None)
            if first_num is not None and any(
                    t.is_alpha and t.i not in metric_tokens and t.lower_ not in _LIST_WORDS | _UNIT_WORDS
                    and t.lower_ != "by" for t in doc[num.end: first_num]):
                break  # "60.1% accuracy, and it reaches 68.3% on X": the later number owns X
            if _new_clause(doc, num.end, d.start) or any(
                t.lower_ in {"and", ","} and t.i + 1 < d.start and doc[t.i + 1].lower_ in _PREPOSITIONS
                for t in gap
            ):
                break
            window = {t.lower_ for t in doc[max(num.end, d.start - 3): d.start]}
            if window & _PREPOSITIONS:
                return d
        # "a WikiText-2 perplexity of 3.91 ... and 97.2% accuracy": the dataset names another measure
        others = [m for m in sentence_metrics if m.text.lower() != metric.text.lower()]
        other = {m.start for m in others}
        left = [d for d in left if d.end not in other
                and not any(m.start <= d.start and d.end <= m.end for m in others)]
        clause = [d for d in left if not _crosses(doc, d.end, num.start)]
        if self._is_cost(metric):
            # "..., while training 2.1x faster", "..., and it reduces latency by 5x": a cost in a later
            # clause is not measured on the dataset of an earlier one
            clause = [d for d in clause if not _new_clause(doc, d.end, min(num.start, metric.start))]
            return max(clause, key=lambda s: s.end) if clause else None
        if clause:
            return max(clause, key=lambda s: s.end)
        return max(left, key=lambda s: s.end) if left else None

    def _kind(self, num: Span, metric: Span) -> str:
        if num._.unit == "x":
            return "relative"
        doc = num.doc
        begin = max(num.sent.start, num.start - 3)
        for t in doc[begin: num.start]:
            if any(c.isdigit() for c in t.text):  # a change word before an earlier number
                begin = t.i + 1
        context = {t.lower_ for t in doc[begin: num.start]}
        for t in doc[num.end: min(num.sent.end, num.end + 2)]:
            if t.is_punct:
                break  # "89.6, surpassing ...": the next clause is not about this number
            context.add(t.lower_)
        verb: set[str] = set()
        if metric.end <= num.start and num.start - metric.end <= 4:
            # "reduces the number of visual tokens by 75%": the verb before the measure says how it changed
            verb = {t.lower_ for t in doc[max(num.sent.start, metric.start - 5): metric.start]}
        if metric.start >= num.end:  # "a 2% accuracy drop": words after the metric count too
            for t in doc[metric.end: min(num.sent.end, metric.end + 2)]:
                if t.is_punct:
                    break  # "58.9 mAP, outperforming ...": the next clause is about another number
                context.add(t.lower_)
        if num._.kind != "delta" and _starts_from_to(num):
            return "absolute"  # "drops from 68% to 4%": both ends are scores reached
        if num._.kind == "delta" or context & self.change_words or "points" in context:
            if num._.unit == "%" and ((context | verb) & self.relative_words
                                      or metric._.canonical in self.cost_metrics):
                return "relative"
            return "delta"
        return "absolute"

    def __call__(self, doc: Doc) -> Doc:
        results: list[Span] = []
        metrics = list(doc.spans.get(METRICS, []))
        datasets = list(doc.spans.get(DATASETS, []))
        # everything is grouped by sentence once, so that the work per sentence stays bounded
        by_sent: dict[int, list[Span]] = {}
        for num in doc.spans.get(NUMBERS, []):
            by_sent.setdefault(num.sent.start, []).append(num)
        metrics_by_sent: dict[int, list[Span]] = {}
        for m in metrics:
            metrics_by_sent.setdefault(m.sent.start, []).append(m)
        datasets_by_sent: dict[int, list[Span]] = {}
        for d in datasets:
            datasets_by_sent.setdefault(d.sent.start, []).append(d)
        for nums in by_sent.values():
            sent = nums[0].sent
            all_metrics = metrics_by_sent.get(sent.start, [])
            # "at the same model size" states a condition, not a measured outcome
            s_metrics = [m for m in all_metrics
                         if not (m.start > 0 and doc[m.start - 1].lower_ in _CONDITION_WORDS)]
            s_datasets = datasets_by_sent.get(sent.start, [])
            number_tokens = {t for num in nums for t in range(num.start, num.end)}
            dataset_tokens = {i for d in s_datasets for i in range(d.start, d.end)}
            if not s_metrics:
                continue
            linked: list[tuple[Span, Span | None, Span | None]] = []
            later: list[Span] = []
            resp = _respectively_group(nums)
            for num in nums:
                if num in resp:
                    continue
                metric = self._metric_for(num, s_metrics, number_tokens - set(range(num.start, num.end)),
                                          dataset_tokens)
                nxt = next((n for n in nums if n.start >= num.end), None)
                if metric is None and nxt is not None and _from_to(num, nxt):
                    # "from 52.4% to 60.1% accuracy": the first value takes the second's metric
                    metric = self._metric_for(nxt, s_metrics, number_tokens - set(range(nxt.start, nxt.end)),
                                              dataset_tokens)
                if metric is None and linked and _from_to(linked[-1][0], num):
                    linked.append((num, linked[-1][1], linked[-1][2]))  # "from 71.2% to 78.9%"
                    continue
                if metric is None and linked and linked[-1][1] is not None and (
                        _parallel(linked[-1][0], num, s_metrics, number_tokens, dataset_tokens)
                        or _change_after(linked[-1][0], num, s_metrics)):
                    metric = linked[-1][1]  # "a Dice score of 0.91 on A and 0.87 on B"
                if metric is None and linked and linked[-1][1] is not None and _bracketed_after_name(num) \
                        and num._.unit == linked[-1][0]._.unit \
                        and not any(max(linked[-1][0].end, linked[-1][1].end) <= m.start < num.start
                                    for m in s_metrics):
                    # "reaches 61.2% accuracy, while open models such as Kimi-Audio (45.9%) lag behind"
                    metric = linked[-1][1]
                if metric is None and linked and linked[-1][1] is not None and linked[-1][2] is not None \
                        and not self._is_cost(linked[-1][1]) and num._.unit == linked[-1][0]._.unit \
                        and _scores_on_dataset(num, number_tokens, dataset_tokens):
                    # "reaches 34.6% on AIME (avg@32), and achieves 84.2% and 71.5% on MATH-500 and AMC23":
                    # a later score on a benchmark, with no measure of its own, is the same measure
                    metric = linked[-1][1]
                if metric is not None and linked and linked[-1][1] is metric and num.start >= 1 \
                        and doc[num.start - 1].text == "(" and not any(
                            linked[-1][0].end <= d.start < num.start and d is not linked[-1][2] for d in s_datasets):
                    # "51.7 mIoU on ADE20K with a linear head (+3.4 over X) and ... on Y": the bracketed
                    # change is on the data of the result it comments on
                    linked.append((num, metric, linked[-1][2]))
                    continue
                if metric is None and linked and linked[-1][1] is not None and num._.kind == "delta" \
                        and num.start - linked[-1][0].end <= 20 \
                        and not any(linked[-1][0].end <= m.start < num.start for m in s_metrics) \
                        and not _crosses(doc, linked[-1][0].end, num.start):
                    metric = linked[-1][1]  # "resolves 59.4% of issues ..., a 14.2-point gain over the baseline"
                if metric is not None:
                    metric = self._unit_fit(num, metric, s_metrics)
                if metric is None:
                    if resp and resp[-1].end <= num.start and _scores_on_dataset(num, number_tokens, dataset_tokens):
                        later.append(num)  # "..., respectively, and 94.6% on ModelNet40": decided below
                    continue
                linked.append((num, metric, self._dataset_for(num, metric, s_datasets, number_tokens, all_metrics)))
            linked = _pair_lists(linked, s_datasets)
            linked = _slash_pairs(linked, s_metrics)
            if resp:
                linked.extend(self._resolve_respectively(resp, linked, s_metrics, s_datasets))
            for num in later:
                prev = max((x for x in linked if x[0].end <= num.start), key=lambda x: x[0].start, default=None)
                if prev is not None and prev[1] is not None and prev[2] is not None and \
                        not self._is_cost(prev[1]) and num._.unit == prev[0]._.unit:
                    linked.append((num, prev[1], self._dataset_for(num, prev[1], s_datasets, number_tokens,
                                                                   all_metrics)))
            for num, metric, dataset in sorted(linked, key=lambda x: x[0].start):
                if metric is None:
                    continue
                span = Span(doc, num.start, num.end, label=num.label_.replace("NUMBER", "RESULT"))
                span._.value, span._.unit, span._.unit_text = num._.value, num._.unit, num._.unit_text
                span._.evidence = _evidence(num, metric)
                span._.metric, span._.dataset = metric, dataset
                span._.kind = self._kind(num, metric)
                span._.rule = "result.respectively" if num in resp else "result.nearest"
                results.append(span)
        doc.spans[RESULTS] = results
        return doc

    def _resolve_respectively(self, group, linked, metrics, datasets):
        """Metrics and datasets for the numbers of a "respectively" list, in order.

        The group's own words come first: a metric written right before the
        list ("F1 scores of 71.2, 76.5 and 44.9") or right after it ("74.6% and
        83.9% accuracy"), and a list of as many datasets after it ("on A and B")
        or earlier in the sentence ("On A and B, it attains ...").  Otherwise the
        group repeats the metrics and datasets of the results before it.
        """
        n = len(group)
        doc = group[0].doc
        before = [x for x in linked if x[0].end <= group[0].start]
        local = self._group_metric(group, metrics)
        if local is not None:
            anchor = max(group[-1].end, local.end)
            after = _dataset_chain(doc, anchor, datasets)
            if len(after) not in (1, n):
                last = before[-1][0].end if before else group[0].sent.start
                earlier = [d for d in datasets if last <= d.start and d.end <= group[0].start]
                after = earlier if len(earlier) in (1, n) else []
            if not after and len(before) >= n:
                after = [d for _, _, d in before[-n:]]
            if len(after) == n:
                return [(num, local, d) for num, d in zip(group, after, strict=True)]
            shared = after[0] if len(after) == 1 else None
            return [(num, local, shared) for num in group]
        if len(before) >= n:
            src = before[-n:]
            return [(num, m, d) for num, (_, m, d) in zip(group, src, strict=True)]
        ms = [m for m in metrics if m.end <= group[0].start] or metrics
        ds = [d for d in datasets if d.end <= group[0].start] or datasets
        out = []
        for i, num in enumerate(group):
            # one metric per value, else the measure nearest before the list
            m = ms[i] if len(ms) == n else max(ms, key=lambda x: x.end) if ms else None
            d = ds[i] if len(ds) == n else (ds[0] if len(ds) == 1 else None)
            out.append((num, m, d))
        return out

    @staticmethod
    def _group_metric(group: list[Span], metrics: list[Span]) -> Span | None:
        """A single metric written right before or right after a list of numbers."""
        doc = group[0].doc
        # "74.6% and 83.9% accuracy", "1.9x and 2.6x end-to-end speedups"
        for m in sorted(metrics, key=lambda x: x.start):
            if m.start < group[-1].end:
                continue
            gap = doc[group[-1].end: m.start]
            if len(gap) <= 5 and all((t.is_alpha and t.lower_ not in _CLAUSE_BREAKS) or t.text in {"-", "%"}
                                     or t.lower_ in _UNIT_WORDS for t in gap):
                return m
            break
        left = [m for m in metrics if m.end <= group[0].start]
        if left:
            m = max(left, key=lambda s: s.end)
            gap = doc[m.end: group[0].start]
            if len(gap) <= 3 and all(not t.like_num and t.lower_ not in _CLAUSE_BREAKS for t in gap):
                return m  # "F1 scores of 71.2, 76.5 and 44.9", "PSNR of 23.96 dB and ..."
        return None


def _dataset_chain(doc: Doc, anchor: int, datasets: list[Span]) -> list[Span]:
    """Datasets listed right after ``anchor`` behind a preposition: "on A, B and C"."""
    after = sorted((d for d in datasets if d.start >= anchor), key=lambda d: d.start)
    if after and after[0].start - anchor <= 24 and doc[anchor].lower_ in _PREPOSITIONS and \
            doc[max(anchor, after[0].start - 3): after[0].start].text.lower().split()[-2:-1] in (
                ["splits"], ["split"], ["subsets"], ["subset"]) and \
            not _new_clause(doc, anchor, after[0].start):
        return after[:1]  # "on the OBJ-BG and PB-T50-RS splits of ScanObjectNN": the splits are of one dataset
    if not after or after[0].start - anchor > 3 or not any(
            t.lower_ in _PREPOSITIONS for t in doc[anchor: after[0].start]):
        return []
    return _joined_run(doc, after)


def _joined_run(doc: Doc, spans: list[Span]) -> list[Span]:
    """The leading spans of ``spans`` (in text order) that a list joins: "A, B and C"."""
    run = spans[:1]
    for span in spans[1:]:
        if not _joined(doc, run[-1].end, span.start):
            break
        run.append(span)
    return run


def _evidence(num: Span, metric: Span) -> tuple[int, int]:
    """Character range of the phrase holding the number and its metric."""
    start, end = num._.evidence or (num.start_char, num.end_char)
    if metric.sent == num.sent:
        start, end = min(start, metric.start_char), max(end, metric.end_char)
    return start, end


def _from_to(first: Span, second: Span) -> bool:
    """True for "from FIRST to SECOND", "FIRST → SECOND" and ranges "FIRST to SECOND", "FIRST-SECOND"."""
    doc = first.doc
    between = doc[first.end: second.start]
    return len(between) <= 2 and any(t.lower_ in {"to", "-", "–", "—", "→", "->", "⇒"} for t in between)


def _starts_from_to(num: Span) -> bool:
    """True for the first value of "from NUM to OTHER"."""
    doc = num.doc
    if num.start == 0 or doc[num.start - 1].lower_ != "from":
        return False
    nxt = doc[num.end: min(num.sent.end, num.end + 3)]
    return any(t.lower_ == "to" for t in nxt[:2]) and any(t.like_num for t in nxt)


def _slash_pairs(linked: list, metrics: list[Span]) -> list:
    """Values written as a pair take the metrics written as a pair: "EM/F1 of 61.3/72.8".

    A pair "A/B" of values takes the pair "M/N" of metrics right after it
    ("78.2/85.1 EM/F1"), else the nearest pair before it in the sentence (or
    the first pair of the sentence for a later "48.9/63.0").
    """
    if len(linked) < 2 or len(metrics) < 2:
        return linked
    doc = linked[0][0].doc
    ordered = sorted(metrics, key=lambda m: m.start)
    metric_pairs = [(a, b) for a, b in pairwise(ordered)
                    if b.start - a.end == 1 and doc[a.end].text == "/"]
    if not metric_pairs:
        return linked
    items = sorted(linked, key=lambda x: x[0].start)
    for i in range(len(items) - 1):
        first, second = items[i][0], items[i + 1][0]
        if second.start - first.end != 1 or doc[first.end].text != "/":
            continue
        before = [p for p in metric_pairs if p[1].end <= first.start]
        after = [p for p in metric_pairs if p[0].start == second.end]  # "78.2/85.1 EM/F1"
        if not before and not after:
            continue
        m1, m2 = after[0] if after else before[-1]
        items[i] = (first, m1, items[i][2])
        items[i + 1] = (second, m2, items[i + 1][2])
    return items


def _joined(doc: Doc, start: int, end: int) -> bool:
    """True when ``doc[start:end]`` only joins list items: commas, "and", "or"."""
    return 0 < end - start <= 3 and all(t.lower_ in {",", "and", "or", "/", "the"} for t in doc[start:end])


def _pair_lists(linked: list, datasets: list[Span]) -> list:
    """Give a list of numbers the datasets of a list of the same length, in order.

    "54.1% and 71.3% accuracy on EgoSchema and NExT-QA" and "Evaluated on
    EgoSchema and NExT-QA, it achieves 54.1% and 71.3%" pair one to one, as if
    the sentence said "respectively".
    """
    if len(linked) < 2 or not datasets:
        return linked
    doc = linked[0][0].doc
    items = sorted(linked, key=lambda x: x[0].start)
    runs: list[list[int]] = [[0]]
    for i in range(1, len(items)):
        if _joined(doc, items[i - 1][0].end, items[i][0].start) and items[i][1] is items[i - 1][1]:
            runs[-1].append(i)
        else:
            runs.append([i])
    ordered = sorted(datasets, key=lambda d: d.start)
    for run in runs:
        if len(run) < 2:
            continue
        first, last = items[run[0]][0], items[run[-1]][0]
        metric = items[run[0]][1]
        anchor = max(last.end, metric.end if metric.start >= last.end else last.end)
        after = [d for d in ordered if d.start >= anchor]
        chain: list[Span] = []
        if after and after[0].start - anchor <= 3 and doc[after[0].start - 1].lower_ in _PREPOSITIONS | {"the"}:
            chain = _joined_run(doc, after)
        elif not after and all(d.end <= first.start for d in ordered):
            chain = ordered
            if any(not _joined(doc, a.end, b.start) for a, b in pairwise(chain)):
                chain = []
        if len(chain) == len(run):
            for i, d in zip(run, chain, strict=True):
                items[i] = (items[i][0], items[i][1], d)
        elif len(chain) == 1 and chain[0].start >= anchor:  # "80.1% and 75.2% on ImageNet"
            for i in run:
                items[i] = (items[i][0], items[i][1], chain[0])
    return items


def _parallel(first: Span, second: Span, metrics: list[Span], numbers: set[int],
              datasets: frozenset[int] | set[int] = frozenset()) -> bool:
    """True when SECOND continues a list started by FIRST: "0.91 on A and 0.87 on B".

    At most twelve tokens apart, joined by "and", a comma or "vs", with no
    other number, metric or clause break between them.
    """
    doc = first.doc
    between = doc[first.end: second.start]
    if not 0 < len(between) <= 12 or any(t.i in numbers for t in between):
        return False
    if any(first.end <= m.start < second.start for m in metrics):
        return False
    if len(between) == 1 and between[0].text in {"(", "/"}:  # "71.4 (+5.9 over the baseline)", "61.3/72.8"
        return True
    if between[-1].text == ":" and all(t.text in {";", ",", ":"} or t.i in datasets for t in between):
        return True  # a table in prose: "HumanEval+: 88.4; MBPP+: 74.9"
    if _crosses(doc, first.end, second.start):
        return False
    before = _skip_back(doc, second.start)
    if before is not None and before > first.end and doc[before].lower_ in {"of", "="} \
            and doc[before - 1].is_alpha and doc[before - 1].i not in datasets \
            and doc[before - 1].lower_ not in _CHANGE_NOUNS | _REFERENCE_WORDS:
        return False  # "memory by 60%, with a learning rate of 0.001": another quantity is named
    return any(t.lower_ in {"and", ",", "vs", "vs.", "versus"} for t in between)


def _change_after(first: Span, second: Span, metrics: list[Span]) -> bool:
    """True for "a PDMS of 89.6, surpassing prior planners by 2.4 points": a change of the same measure.

    Also "reduces storage by 42x (from 734 MB to 17.5 MB)": values in brackets after it.
    """
    doc = first.doc
    before = _skip_back(doc, second.start)
    if before is None or second.start - first.end > 16:
        return False
    in_brackets = doc[before].lower_ == "from" and before >= 1 and doc[before - 1].text == "("
    if doc[before].lower_ != "by" and not in_brackets:
        return False
    return not any(first.end <= m.start < second.start for m in metrics) and \
        not _crosses(doc, first.end, second.start)


def _bracketed_after_name(num: Span) -> bool:
    """True for a value alone in brackets right after a name or noun: "Kimi-Audio (45.9%)", "humans (88.6%)"."""
    doc = num.doc
    if num.start < 2 or num.end >= len(doc) or doc[num.start - 1].text != "(":
        return False
    close = num.end + (1 if doc[num.end].text == "%" else 0)
    name = doc[num.start - 2]
    return close < len(doc) and doc[close].text == ")" and (name.is_alpha or "-" in name.text)


def _metric_key(metric: Span) -> str:
    """Lower-cased canonical name of a metric span, else its text."""
    return (metric._.canonical or metric.text).lower()


def _scores_on_dataset(num: Span, numbers: set[int], dataset_tokens: set[int]) -> bool:
    """True when NUM, alone or in a list of numbers, is followed by "on (the) DATASET"."""
    doc = num.doc
    i = num.end
    while i < num.sent.end and (i in numbers or doc[i].lower_ in _LIST_JOINERS or doc[i].text == "%"):
        i += 1
    if i >= num.sent.end or doc[i].lower_ != "on":
        return False
    i += 1
    if i < num.sent.end and doc[i].lower_ == "the":
        i += 1
    return i in dataset_tokens


def _new_clause(doc: Doc, start: int, end: int) -> bool:
    """True when ``doc[start:end]`` opens a new clause: a clause break, or ", and" / ", with"."""
    return _crosses(doc, start, end) or any(
        t.text == "," and t.i + 1 < end and doc[t.i + 1].lower_ in {"and", "with", "while"} for t in doc[start:end])


def _crosses(doc: Doc, start: int, end: int, extra: set[str] | frozenset[str] = frozenset()) -> bool:
    """True when tokens ``doc[start:end]`` contain a clause break (or one of ``extra``)."""
    return any(t.lower_ in _CLAUSE_BREAKS or t.lower_ in extra for t in doc[start:end])


def _respectively_group(nums: list[Span]) -> list[Span]:
    """The numbers listed right before "respectively" in their sentence, in order."""
    doc = nums[0].doc
    sent = nums[0].sent
    resp = [t for t in sent if t.lower_ == "respectively"]
    if not resp:
        return []
    end = resp[0].i
    group: list[Span] = []
    for num in reversed([n for n in nums if n.end <= end]):
        gap = doc[num.end: group[0].start if group else end]
        if any(t.is_alpha and t.lower_ not in {"and", "by", "of", "under", "the", "similar"} | _UNIT_WORDS
               for t in gap) and group:
            break
        group.insert(0, num)
    return group if len(group) >= 2 else []


@Language.factory("abstractparse_results")
def make_result_linker(nlp: Language, name: str) -> ResultLinker:
    """``doc.spans["results"]``: numbers linked to their metric and dataset, with unit and kind."""
    return ResultLinker(nlp, name)
