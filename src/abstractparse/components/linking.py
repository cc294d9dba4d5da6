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
  change: a percentage change is relative for "reduce/faster"-style words
  and for measures that are not shares (costs, lower-is-better measures,
  unknown measures that are not rates, measures the abstract writes as
  fractions), delta otherwise; "improves X to N" and everything else is
  absolute; a value listed right after a change ("by 7.4% and 9.1%") is one too.

A number with no metric in its sentence is not a result.  Results go to
``doc.spans["results"]`` with ``_.metric`` and ``_.dataset`` set to spans.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..resources import pattern_rows, pattern_words
from . import DATASETS, METRICS, NUMBERS, RESULTS
from .gazetteer import pipeline_gazetteer
from .phrases import (
    ARROWS,
    CHANGE_NOUNS,
    CLAUSE_BREAKS,
    CONDITION_WORDS,
    COST_HEADS,
    DATASET_RIGHT_GAP,
    GROUP_WORDS,
    LEFT_LINKERS,
    LIST_JOINERS,
    LIST_WORDS,
    METRIC_LEFT_GAP,
    METRIC_RIGHT_GAP,
    NEAR_LEFT,
    POINT_WORDS,
    PREPOSITIONS,
    SKIP_BACK,
    UNIT_WORDS,
    bracketed_after_name,
    change_after,
    crosses,
    dataset_chain,
    echoes_list,
    evidence,
    from_to,
    has_own_value,
    in_breakdown,
    is_rate,
    joined,
    joined_verb,
    metric_key,
    metric_lists,
    names_where,
    new_clause,
    new_setting,
    pair_lists,
    parallel,
    respectively_group,
    scores_on_dataset,
    share_of_cases,
    skip_back,
    slash_pairs,
    starts_from_to,
    word_after,
    words_between,
)


class ResultLinker:
    """Turns linked numbers into result spans."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.change_words = pattern_words("numbers", "change_words")
        self.relative_words = pattern_words("numbers", "relative_words")
        metrics = pipeline_gazetteer(nlp).lookup("METRIC")
        self.known_metrics = set(metrics)
        self.cost_metrics = {n for n, e in metrics.items() if e.meta.get("kind") == "cost"}
        self.lower_is_better = {n for n, e in metrics.items() if e.meta.get("higher_is_better") is False}
        self.unit_metrics = {r["unit"]: frozenset(r["metrics"]) for r in pattern_rows("numbers", "unit_metric")}
        self.operating_units = pattern_words("numbers", "operating_units")

    def _unit_fit(self, num: Span, metric: Span, metrics: list[Span]) -> Span:
        """The sentence's metric that the value's unit measures ("by 2.9 dB" is PSNR), else ``metric``."""
        fits = self.unit_metrics.get((num._.unit_text or "").lower())
        if not fits or metric_key(metric) in fits:
            return metric
        candidates = [m for m in metrics if metric_key(m) in fits]
        if not candidates:
            return metric
        return min(candidates, key=lambda m: abs(m.start - num.start))

    def _percent_is_ratio(self, metric: Span) -> bool:
        """True when a percentage change of this measure is a ratio, not points.

        "lowers FID by 18%", "cuts response length by 30%" and "improves watch time by 2%" change a measure
        that is not a share; "improves accuracy by 2.1%" adds points to one.
        """
        canonical = metric._.canonical
        if canonical in self.cost_metrics or canonical in self.lower_is_better:
            return True
        return canonical not in self.known_metrics and not is_rate(metric)

    def _operating_point(self, num: Span) -> bool:
        """True for "at 1.1 kbps", "at 4 bits": a value in a unit of settings after "at"."""
        doc = num.doc
        before = skip_back(doc, num.start)
        unit = (num._.unit_text or word_after(num)).lower()
        return before is not None and doc[before].lower_ == "at" and unit in self.operating_units

    @staticmethod
    def _written_as_change(num: Span) -> bool:
        """True for a value written as a change: "+2.4", "by 1.8 points", "a 75x reduction"."""
        doc = num.doc
        after = word_after(num)
        if num._.kind == "delta":
            return True
        if num._.unit == "x":
            return after in CHANGE_NOUNS
        before = skip_back(doc, num.start)
        return before is not None and doc[before].lower_ == "by" and after in POINT_WORDS | {"percentage"}

    def _is_cost(self, metric: Span) -> bool:
        """True for a measure of cost or speed (latency, memory, "2x faster"), by name or by its head word."""
        return metric._.canonical in self.cost_metrics or metric.text.lower().split()[-1] in COST_HEADS or \
            (metric._.rule == "metric.implicit" and (metric._.canonical or "").split()[-1:] == ["time"])

    # -- metric --------------------------------------------------------------
    def _metric_for(self, num: Span, metrics: list[Span], numbers: set[int],
                    dataset_tokens: set[int] | frozenset[int] = frozenset()) -> Span | None:
        """The metric a number measures, by the preference order of the module docstring."""
        doc = num.doc

        def clean(start: int, end: int, allowed: frozenset[str] = frozenset()) -> bool:
            return not any(t.i in numbers or t.lower_ in CLAUSE_BREAKS or t.lower_ in allowed
                           for t in doc[start:end])

        right = sorted((m for m in metrics if m.start >= num.end), key=lambda m: m.start)
        left = sorted((m for m in metrics if m.end <= num.start), key=lambda m: -m.end)
        for m in right:  # 1. right after the number: "85.4% top-1 accuracy"
            if m.start - num.end <= 2 and clean(num.end, m.start, frozenset({",", "and", "(", "at", "with"})):
                if "/" in m.text and left and num.start - left[0].end <= 4 and all(
                        t.lower_ in NEAR_LEFT | SKIP_BACK | {"above", "below"} for t in doc[left[0].end: num.start]):
                    return left[0]  # "keeps the throughput above 1,200 tokens/s": the unit names no other measure
                return m
            if num._.unit == "x" and (m._.rule == "metric.implicit" or self._is_cost(m)) \
                    and words_between(doc, num.end, m.start) <= 5 \
                    and all((t.is_alpha and t.lower_ not in {"and", "or", "than", "with", "while", "in", "on"})
                            or t.text == "-" for t in doc[num.end: m.start]) \
                    and doc[skip_back(doc, num.start) or 0].lower_ not in {"by", "of"}:
                return m  # "a 1.7x end-to-end wall-clock speedup"
            # "54.1% and 71.3% zero-shot accuracy": a list of numbers before the metric
            gap = doc[num.end: m.start]
            if m.start - num.end <= 8 and any(t.i in numbers for t in gap) and all(
                    t.i in numbers or t.lower_ in LIST_JOINERS for t in gap):
                return m
            break
        for m in right:  # "by 24.9% in terms of DSG score": the named measure wins
            if m.start - num.end <= 4 and doc[max(num.end, m.start - 3): m.start].text.lower() == "in terms of":
                return m
            break
        if num.end < len(doc) and doc[num.end].lower_ == "of":
            for m in right:  # "keeps 99.2% of the full-precision accuracy" (not "35.7% of issues at a cost")
                if m.start - num.end <= 6 and clean(num.end, m.start, frozenset({"at", "with", ","})) and \
                        all(not t.like_num for t in doc[num.end: m.start]):
                    return m
                break
        before = skip_back(doc, num.start)
        if before is not None and doc[before].lower_ in LEFT_LINKERS:
            for m in left:  # 2. "throughput by 45.3%", "accuracy of 85%"
                if has_own_value(m, numbers):
                    break
                if words_between(doc, m.end, num.start) <= METRIC_LEFT_GAP and \
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
                t.i in numbers or not t.is_alpha or t.lower_ in GROUP_WORDS | CHANGE_NOUNS for t in gap[:-1]
            ):  # also "a 36% relative improvement of X"
                return m
            if gap[-3:].text.lower() == "in terms of":
                return m
            if 3 <= len(gap) <= 6 and gap[0].lower_ in UNIT_WORDS and gap[1].lower_ == "of" and all(
                    t.is_alpha or t.text == "-" for t in gap[2:]):
                return m  # "within 0.4 points of full-thinking accuracy"
        for m in right:  # 4. close on the right ("57.9 with a backward transfer of" names another value's measure)
            if m.start - num.end <= METRIC_RIGHT_GAP and clean(num.end, m.start, frozenset({",", "and", "with"})):
                return m
            break
        for m in left:  # 5. nearest on the left within the clause
            if has_own_value(m, numbers):
                break
            if words_between(doc, m.end, num.start) <= METRIC_LEFT_GAP and clean(m.end, num.start):
                return m
            break
        for m in right:  # 6. "34.6% on AIME 2024 and 27.1% on AIME 2025 (avg@32)": a bracketed measure ends the list
            if m.start - num.end > 16 or m.start < 1 or doc[m.start - 1].text != "(":
                break
            gap = doc[num.end: m.start - 1]
            if all(t.i in numbers or t.i in dataset_tokens or t.is_punct or t.like_num
                   or t.lower_ in LIST_JOINERS | PREPOSITIONS for t in gap) and not crosses(doc, num.end, m.start):
                return m
            break
        return None

    def _dataset_for(self, num: Span, metric: Span, datasets: list[Span], numbers: set[int],
                     sentence_metrics: list[Span]) -> Span | None:
        doc = num.doc
        if metric.end <= num.start:
            for d in datasets:  # "lifts MATH-500 accuracy from 84.0% to 88.6%": the measure names its data
                if d.end == metric.start:
                    return d
        # "85.4% top-1 accuracy on X": the dataset follows the measure when the measure follows the value
        anchor = metric.end if 0 <= metric.start - num.end <= 3 else num.end
        metric_tokens = {i for m in sentence_metrics for i in range(m.start, m.end)}
        for d in datasets:  # "87.5% top-1 accuracy on ImageNet-1K", "52.2 mIoU on the more challenging X"
            gap = doc[anchor: d.start]
            if 0 < len(gap) <= 5 and gap[0].lower_ in PREPOSITIONS and all(
                    t.is_alpha and t.is_lower and t.lower_ not in CLAUSE_BREAKS | {"and", "or", "which", "that"}
                    for t in gap[1:]):
                return d
        left = [d for d in datasets if d.end <= num.start]
        near = [d for d in left if num.start - d.end <= 3
                and all(t.lower_ in NEAR_LEFT for t in doc[d.end: num.start])]
        if self._is_cost(metric):  # "58.2 on BBH, with 3x fewer training tokens": a cost in a new clause
            near = [d for d in near if not new_clause(doc, d.end, min(num.start, metric.start))]
        if near:  # "on GSM8K from 71.2%", "COCO val set with 58.0% PQ"
            return max(near, key=lambda s: s.end)
        for d in sorted(datasets, key=lambda s: s.start):
            if d.start < num.end or d.start - num.end > DATASET_RIGHT_GAP:
                continue
            gap = doc[num.end: d.start]
            first_num = next((t.i for t in gap if t.i in numbers), None)
            if first_num is not None and any(
                    t.is_alpha and t.i not in metric_tokens and t.lower_ not in LIST_WORDS | UNIT_WORDS
                    and t.lower_ != "by" for t in doc[num.end: first_num]):
                break  # "60.1% accuracy, and it reaches 68.3% on X": the later number owns X
            if new_clause(doc, num.end, d.start) or any(
                t.lower_ in {"and", ","} and t.i + 1 < d.start and doc[t.i + 1].lower_ in PREPOSITIONS
                for t in gap
            ):
                break
            window = {t.lower_ for t in doc[max(num.end, d.start - 3): d.start]}
            if doc[d.start - 1].lower_ == "over" and (self._written_as_change(num) or (
                    word_after(num) in POINT_WORDS)):
                continue  # "by 0.9 points at 7B over FineWeb-Edu classifier filtering": a baseline, not the data
            if window & PREPOSITIONS:
                return d
        # "a WikiText-2 perplexity of 3.91 ... and 97.2% accuracy": the dataset names another measure
        others = [m for m in sentence_metrics if m.text.lower() != metric.text.lower()]
        other = {m.start for m in others}
        left = [d for d in left if d.end not in other
                and not any(m.start <= d.start and d.end <= m.end for m in others)]
        # ", and on 12 real-world tasks it attains 78%": a clause opening with its own setting drops the data
        left = [d for d in left if not new_setting(doc, d.end, num.start)]
        clause = [d for d in left if not crosses(doc, d.end, num.start)]
        if self._is_cost(metric):
            # "..., while training 2.1x faster", "..., and it reduces latency by 5x": a cost in a later
            # clause is not measured on the dataset of an earlier one
            clause = [d for d in clause if not new_clause(doc, d.end, min(num.start, metric.start))
                      and not joined_verb(doc, d.end, min(num.start, metric.start))]
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
            if any(c.isdigit() for c in t.text) or t.text == "(":  # a change word before an earlier number
                begin = t.i + 1
        context = {t.lower_ for t in doc[begin: num.start]}
        for t in doc[num.end: min(num.sent.end, num.end + 2)]:
            if t.is_punct:
                break  # "89.6, surpassing ...": the next clause is not about this number
            context.add(t.lower_)
        verb: set[str] = set()
        if metric.end <= num.start and num.start - metric.end <= 4:
            # "reduces the number of visual tokens by 75%", "lowers MSE by 11.2% and MAE by 8.7%": the
            # nearest change word before the measure, in its clause, says how it changed
            for t in reversed(doc[max(num.sent.start, metric.start - 12): metric.start]):
                if t.lower_ in CLAUSE_BREAKS:
                    break
                if t.lower_ != "by" and (t.lower_ in self.change_words or t.lower_ in self.relative_words):
                    verb = {t.lower_}
                    break
        if metric.start >= num.end:  # "a 2% accuracy drop": words after the metric count too
            for t in doc[metric.end: min(num.sent.end, metric.end + 2)]:
                if t.is_punct:
                    break  # "58.9 mAP, outperforming ...": the next clause is about another number
                context.add(t.lower_)
        if num._.kind != "delta" and starts_from_to(num):
            return "absolute"  # "drops from 68% to 4%": both ends are scores reached
        before = skip_back(doc, num.start)
        if num._.kind != "delta" and before is not None and doc[before].lower_ == "from" and "by" not in context:
            return "absolute"  # "up from 49.0% for the base model": the value it started from
        if num._.kind != "delta" and before is not None and before > num.sent.start \
                and doc[before].lower_ == "to" and "by" not in context and not doc[before - 1].like_num:
            return "absolute"  # "improves NDS to 68.1": the score reached ("5 to 8 points" is a range)
        if num._.kind == "delta" or context & self.change_words or "points" in context:
            if num._.unit == "%" and ((context | verb) & self.relative_words or self._percent_is_ratio(metric)):
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
                         if not (m.start > 0 and doc[m.start - 1].lower_ in CONDITION_WORDS)]
            # "improves compression by 12% on code": with the measure named before "by", "on" names where
            s_metrics = [m for m in s_metrics if not names_where(m, s_metrics)]
            s_datasets = datasets_by_sent.get(sent.start, [])
            number_tokens = {t for num in nums for t in range(num.start, num.end)}
            dataset_tokens = {i for d in s_datasets for i in range(d.start, d.end)}
            if not s_metrics:
                continue
            linked: list[tuple[Span, Span | None, Span | None]] = []
            later: list[Span] = []
            echoes: list[Span] = []
            resp = respectively_group(nums)
            for num in nums:
                if num in resp:
                    continue
                metric = self._metric_for(num, s_metrics, number_tokens - set(range(num.start, num.end)),
                                          dataset_tokens)
                nxt = next((n for n in nums if n.start >= num.end), None)
                if metric is None and nxt is not None and from_to(num, nxt):
                    # "from 52.4% to 60.1% accuracy": the first value takes the second's metric
                    metric = self._metric_for(nxt, s_metrics, number_tokens - set(range(nxt.start, nxt.end)),
                                              dataset_tokens)
                if metric is None and num._.unit == "x" and len(linked) >= 2 and num.start >= 1 \
                        and doc[num.start - 1].text == "(" and from_to(linked[-2][0], linked[-1][0]) \
                        and num.start - linked[-1][0].end <= 5:
                    # "drops from 340 ms to 95 ms per token (3.6x)": the ratio of the pair before it
                    linked.append((num, linked[-1][1], linked[-1][2]))
                    continue
                if metric is None and linked and from_to(linked[-1][0], num):
                    linked.append((num, linked[-1][1], linked[-1][2]))  # "from 71.2% to 78.9%"
                    continue
                if metric is None and len(linked) >= 2 and nxt is not None and from_to(num, nxt) \
                        and from_to(linked[-2][0], linked[-1][0]) and linked[-1][1] is not None \
                        and num._.unit == linked[-1][0]._.unit:
                    # "accuracy rises from 78.2% to 85.6% on GSM8K, while on MATH it rises from 42.0% to 51.3%"
                    metric = linked[-1][1]
                if metric is None and linked and linked[-1][1] is not None and (
                        parallel(linked[-1][0], num, s_metrics, number_tokens, dataset_tokens)
                        or change_after(linked[-1][0], num, s_metrics)):
                    metric = linked[-1][1]  # "a Dice score of 0.91 on A and 0.87 on B"
                if metric is None and linked and linked[-1][1] is not None and bracketed_after_name(num) \
                        and num._.unit == linked[-1][0]._.unit \
                        and not any(max(linked[-1][0].end, linked[-1][1].end) <= m.start < num.start
                                    for m in s_metrics):
                    # "reaches 61.2% accuracy, while open models such as Kimi-Audio (45.9%) lag behind"
                    metric = linked[-1][1]
                if metric is None and linked and linked[-1][1] is not None and linked[-1][2] is not None \
                        and not self._is_cost(linked[-1][1]) and num._.unit == linked[-1][0]._.unit \
                        and scores_on_dataset(num, number_tokens, dataset_tokens):
                    # "reaches 34.6% on AIME (avg@32), and achieves 84.2% and 71.5% on MATH-500 and AMC23":
                    # a later score on a benchmark, with no measure of its own, is the same measure
                    metric = linked[-1][1]
                if metric is not None and linked and linked[-1][1] is metric and num.start >= 1 \
                        and doc[num.start - 1].text == "(" and not any(
                            linked[-1][0].end <= d.start < num.start and d is not linked[-1][2]
                            and doc[d.start - 1].text not in ARROWS for d in s_datasets):
                    # "51.7 mIoU on ADE20K with a linear head (+3.4 over X) and ... on Y": the bracketed
                    # change is on the data of the result it comments on
                    linked.append((num, metric, linked[-1][2]))
                    continue
                if metric is None and linked and linked[-1][1] is not None and num._.unit != "x" \
                        and in_breakdown(num, max(x.end for x in linked[-1] if x is not None)):
                    # "97.6% on LIBERO (98.4% Spatial, 99.2% Object)": parts of the result before the bracket
                    named = [d for d in s_datasets if d.start == num.end or d.end == num.start]
                    linked.append((num, linked[-1][1], named[0] if named else linked[-1][2]))
                    continue
                if metric is None and linked and linked[-1][1] is not None \
                        and self._written_as_change(num) \
                        and num.start - linked[-1][0].end <= 20 \
                        and not any(linked[-1][0].end <= m.start < num.start for m in s_metrics) \
                        and not crosses(doc, linked[-1][0].end, num.start):
                    # "resolves 59.4% of issues ..., a 14.2-point gain over the baseline", "to 9.8 MB, a 75x reduction"
                    metric = linked[-1][1]
                if metric is not None and metric.end <= num.start and self._operating_point(num):
                    continue  # "outperforming Mimi at 1.1 kbps": a setting of a baseline, not its score
                if metric is not None and share_of_cases(num) \
                        and not is_rate(metric):
                    continue  # "lower RMSE than HRES on 92% of targets": a share of cases, not an RMSE
                if metric is not None:
                    metric = self._unit_fit(num, metric, s_metrics)
                if metric is None:
                    if resp and resp[-1].end <= num.start and scores_on_dataset(num, number_tokens, dataset_tokens):
                        later.append(num)  # "..., respectively, and 94.6% on ModelNet40": decided below
                    elif resp and resp[-1].end <= num.start:
                        echoes.append(num)
                    continue
                linked.append((num, metric, self._dataset_for(num, metric, s_datasets, number_tokens, all_metrics)))
            linked = pair_lists(linked, s_datasets)
            linked = slash_pairs(linked, s_metrics)
            linked = metric_lists(linked, s_metrics)
            if resp:
                resolved = self._resolve_respectively(resp, linked, s_metrics, s_datasets)
                linked.extend(resolved)
                if echoes_list(resp, echoes):
                    # "reaches 0.0773, 0.0491 and 0.0837, respectively, outperforming TIGER by 19.3%, 22.8%
                    # and 17.5%": a list of changes as long as the list before it follows it item by item
                    linked.extend((num, m, d) for num, (_, m, d) in zip(echoes, resolved, strict=True))
            for num in later:
                prev = max((x for x in linked if x[0].end <= num.start), key=lambda x: x[0].start, default=None)
                if prev is not None and prev[1] is not None and prev[2] is not None and \
                        not self._is_cost(prev[1]) and num._.unit == prev[0]._.unit:
                    linked.append((num, prev[1], self._dataset_for(num, prev[1], s_datasets, number_tokens,
                                                                   all_metrics)))
            prev: Span | None = None
            for num, metric, dataset in sorted(linked, key=lambda x: x[0].start):
                if metric is None:
                    continue
                span = Span(doc, num.start, num.end, label=num.label_.replace("NUMBER", "RESULT"))
                span._.value, span._.unit, span._.unit_text = num._.value, num._.unit, num._.unit_text
                span._.evidence = evidence(num, metric)
                span._.metric, span._.dataset = metric, dataset
                span._.kind = self._kind(num, metric)
                if span._.kind == "absolute" and prev is not None and prev._.kind != "absolute" \
                        and prev._.unit == span._.unit and (joined(doc, prev.end, span.start) or (
                            prev._.metric is metric and all(
                                t.lower_ in LIST_JOINERS | PREPOSITIONS | UNIT_WORDS | CHANGE_NOUNS | {"-"}
                                or t.i in dataset_tokens or metric.start <= t.i < metric.end
                                for t in doc[prev.end: span.start]))):
                    span._.kind = prev._.kind  # "by 7.4% and 9.1%", "a 2.1-point gain on A and 1.4 on B"
                prev = span
                span._.rule = "result.respectively" if num in resp else "result.nearest"
                results.append(span)
        # "an NDCG@10 of 0.0403 ..., improvements of 9.6%": a measure written as a fraction changes by ratios
        fractions = {metric_key(r._.metric) for r in results if r._.unit is None and r._.kind == "absolute"
                     and 0 < r._.value < 1 and "." in r.text}
        for r in results:
            if r._.kind == "delta" and r._.unit == "%" and metric_key(r._.metric) in fractions:
                r._.kind = "relative"
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
            after = dataset_chain(doc, anchor, datasets)
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
            if len(gap) <= 5 and all((t.is_alpha and t.lower_ not in CLAUSE_BREAKS) or t.text in {"-", "%"}
                                     or t.lower_ in UNIT_WORDS for t in gap):
                return m
            break
        left = [m for m in metrics if m.end <= group[0].start]
        if left:
            m = max(left, key=lambda s: s.end)
            gap = doc[m.end: group[0].start]
            if len(gap) <= 3 and all(not t.like_num and t.lower_ not in CLAUSE_BREAKS for t in gap):
                return m  # "F1 scores of 71.2, 76.5 and 44.9", "PSNR of 23.96 dB and ..."
        return None


@Language.factory("abstractparse_results")
def make_result_linker(nlp: Language, name: str) -> ResultLinker:
    """``doc.spans["results"]``: numbers linked to their metric and dataset, with unit and kind."""
    return ResultLinker(nlp, name)
