"""Token-level phrase shapes that the result linker reads.

Word lists and small predicates over a sentence's tokens: "from A to B",
lists joined by "and" or commas, "respectively" groups, bracketed values,
clause breaks.  Each takes spaCy tokens or spans and answers one question, so
the linker (:mod:`abstractparse.components.linking`) reads as a sequence of
decisions.
"""

from __future__ import annotations

from itertools import pairwise

import regex
from spacy.tokens import Doc, Span

from ..resources import pattern_words

PREPOSITIONS = {"on", "in", "at", "over", "across", "for", "of", "from", "under", "using"}
METRIC_LEFT_GAP = 10
METRIC_RIGHT_GAP = 4
DATASET_RIGHT_GAP = 14
LEFT_LINKERS = {"of", "by", "to", "=", ":", "is", "was", "reaches", "reaching", "achieves",
                 "achieving", "attains", "obtains", "with", "at", "up", "around", "about",
                 "nearly", "approximately", "only", "just", "over", "than", "from", "and",
                 "respectively", "scores", "score", "surpasses", "between", "within", "below", "above"}
POINT_WORDS = {"points", "pts", "pp"}  # "by 1.8 points": a change in the measure's own units
ARROWS = {"→", "⇒", "->", "←", "↔"}
CLAUSE_BREAKS = {";", "while", "whereas", "but"}
NEAR_LEFT = {"with", "from", "at", "of", "val", "test", "set", "split", ",", ":", "(", "=",
              "reaching", "achieving", "achieves", "obtains", "scores", "to", "by", "is"}
GROUP_WORDS = {"vs", "vs.", "versus", "and", "or", "to", "from", "respectively", "compared"}
LIST_JOINERS = {",", "and", "or", "/", "%", "x", "×"}
CHANGE_NOUNS = {"relative", "absolute", "average", "improvement", "improvements", "gain", "gains", "increase",
                 "decrease", "reduction", "drop", "boost", "a", "an", "the"}
# Measurement units written after a value ("23.96 dB and 30.41 dB"): not words of the sentence.
UNIT_WORDS = {"db", "ms", "s", "sec", "seconds", "mb", "gb", "kb", "tb", "points", "pts", "pp", "fps", "hours",
               "h", "minutes", "min", "m", "cm", "mm", "km", "k", "x", "bits", "bpp", "tokens/s", "it/s"}
LIST_WORDS = {"and", "or", "vs", "versus", "a", "an", "the", "of", "up", "to", "about", "around", "nearly",
               "approximately", "over",
               "improvement", "improvements", "gain", "gains", "increase", "reduction", "drop", "relative",
               "absolute", "respectively"}
COST_HEADS = pattern_words("numbers", "cost_heads")
REFERENCE_WORDS = pattern_words("numbers", "reference_words")
SIZE_OR_NUMBER = regex.compile(r"\d[\d.,]*[KMBT]?")
# Words of measures whose values are shares of cases ("success rate", "accuracy", "win rate").
RATE_WORDS = regex.compile(r"rate|accuracy|acc\b|percent|share|ratio|fraction|success|win|prefer|agree|resolve|pass|"
                           r"coverage|recall|precision|f1|hit", regex.I)
# Words between a list of measures and the list of their values: "NDS and mAP of 68.1 and 61.7".
VALUE_LEADS = {"by", "of", "to", "at", "are", "were", "is", "was", "reach", "reaches", "reached", ":", "=",
               "up", "about", "around", "nearly", "approximately", "over", "only", "~"}
CONDITION_WORDS = {"same", "equal", "fixed", "matched", "given", "identical", "similar"}
SKIP_BACK = {"up", "to", "only", "about", "around", "nearly", "approximately", "over", "just",
              "~", "+", "a", "an", "the", "least", "at", "than", "more", "less", "of"}


def skip_back(doc: Doc, i: int) -> int | None:
    """Index of the first word before token ``i`` that is not a hedge ("up to", "about")."""
    j = i - 1
    while j >= 0 and doc[j].lower_ in SKIP_BACK - {"of", "to", "at"}:
        j -= 1
    if j >= 1 and doc[j].lower_ == "to" and doc[j - 1].lower_ == "up":
        j -= 2
    return j if j >= 0 else None


def word_after(num: Span) -> str:
    """The lower-cased token right after ``num`` in its sentence, or ``""``."""
    return num.doc[num.end].lower_ if num.end < num.sent.end else ""


def words_between(doc: Doc, start: int, end: int) -> int:
    return sum(1 for t in doc[start:end] if not t.is_punct)



def dataset_chain(doc: Doc, anchor: int, datasets: list[Span]) -> list[Span]:
    """Datasets listed right after ``anchor`` behind a preposition: "on A, B and C"."""
    after = sorted((d for d in datasets if d.start >= anchor), key=lambda d: d.start)
    if after and after[0].start - anchor <= 24 and doc[anchor].lower_ in PREPOSITIONS and \
            doc[max(anchor, after[0].start - 3): after[0].start].text.lower().split()[-2:-1] in (
                ["splits"], ["split"], ["subsets"], ["subset"]) and \
            not new_clause(doc, anchor, after[0].start):
        return after[:1]  # "on the OBJ-BG and PB-T50-RS splits of ScanObjectNN": the splits are of one dataset
    if not after or after[0].start - anchor > 3 or not any(
            t.lower_ in PREPOSITIONS for t in doc[anchor: after[0].start]):
        return []
    return joined_run(doc, after)


def joined_run(doc: Doc, spans: list[Span]) -> list[Span]:
    """The leading spans of ``spans`` (in text order) that a list joins: "A, B and C"."""
    run = spans[:1]
    for span in spans[1:]:
        if not joined(doc, run[-1].end, span.start):
            break
        run.append(span)
    return run


def evidence(num: Span, metric: Span) -> tuple[int, int]:
    """Character range of the phrase holding the number and its metric."""
    start, end = num._.evidence or (num.start_char, num.end_char)
    if metric.sent == num.sent:
        start, end = min(start, metric.start_char), max(end, metric.end_char)
    return start, end


def from_to(first: Span, second: Span) -> bool:
    """True for "from FIRST to SECOND", "FIRST → SECOND" and ranges "FIRST to SECOND", "FIRST-SECOND".

    "from FIRST on English to SECOND" too: a short phrase may say where FIRST was measured.
    """
    doc = first.doc
    between = doc[first.end: second.start]
    if len(between) <= 2:
        return any(t.lower_ in {"to", "-", "–", "—", "→", "->", "⇒"} for t in between)
    return _from_phrase_to(first, between)


def _from_phrase_to(first: Span, between: Span) -> bool:
    """True for "from FIRST on English to": FIRST after "from", then a short prepositional phrase, then "to"."""
    doc = first.doc
    words = [t for t in between if t.lower_ not in UNIT_WORDS and t.text != "%"]
    if len(words) >= 3 and words[0].text == "(" and words[-2].text == ")":
        words = [words[0], words[-1]]  # "from 2.75 (DeepFilterNet3) to 3.02": the bracket names whose value
        return first.start > 0 and doc[first.start - 1].lower_ == "from" and words[-1].lower_ == "to"
    return first.start > 0 and doc[first.start - 1].lower_ == "from" and 2 <= len(words) <= 12 \
        and words[0].lower_ in PREPOSITIONS and words[-1].lower_ == "to" \
        and not any(t.like_num or (t.is_punct and t.text != "-") for t in words)


def starts_from_to(num: Span) -> bool:
    """True for the first value of "from NUM to OTHER" (or "from NUM on A to OTHER")."""
    doc = num.doc
    if num.start == 0 or doc[num.start - 1].lower_ != "from":
        return False
    nxt = doc[num.end: min(num.sent.end, num.end + 3)]
    if any(t.lower_ == "to" for t in nxt[:2]) and any(t.like_num for t in nxt):
        return True
    for t in doc[num.end + 1: min(num.sent.end, num.end + 14)]:
        if t.lower_ == "to":
            return t.i + 1 < num.sent.end and doc[t.i + 1].like_num and _from_phrase_to(num, doc[num.end: t.i + 1])
    return False


def slash_pairs(linked: list, metrics: list[Span]) -> list:
    """Values written as a pair take the metrics written as a pair: "EM/F1 of 61.3/72.8".

    A pair "A/B" of values takes the pair "M/N" of metrics right after it
    ("78.2/85.1 EM/F1"), else the nearest pair before it in the sentence (or
    the first pair of the sentence for a later "48.9/63.0").
    """
    if len(linked) < 2:
        return linked
    linked = _versus_pairs(sorted(linked, key=lambda x: x[0].start))
    if len(metrics) < 2:
        return linked
    doc = linked[0][0].doc
    ordered = sorted(metrics, key=lambda m: m.start)
    metric_pairs = [(a, b) for a, b in pairwise(ordered)
                    if b.start - a.end == 1 and doc[a.end].text == "/"]
    items = sorted(linked, key=lambda x: x[0].start)
    for i in range(len(items) - 1):
        first, second = items[i][0], items[i + 1][0]
        if second.start - first.end != 1 or doc[first.end].text != "/":
            continue
        before = [p for p in metric_pairs if p[1].end <= first.start]
        after = [p for p in metric_pairs if p[0].start == second.end]  # "78.2/85.1 EM/F1"
        earlier = [x for x in items[:i] if x[1] is not None]
        if not before and not after and len(earlier) >= 2 and earlier[-2][1] is not earlier[-1][1] \
                and first.start > 0 and doc[first.start - 1].text == "(":
            # "a MASE of 0.688 and a CRPS of 0.476, ahead of TimesFM (0.758 / 0.550)": the pair before
            before = [(earlier[-2][1], earlier[-1][1])]
        if not before and not after:
            continue
        m1, m2 = after[0] if after else before[-1]
        items[i] = (first, m1, items[i][2])
        items[i + 1] = (second, m2, items[i + 1][2])
    return items


def _versus_pairs(items: list) -> list:
    """Two values after "versus" follow the two results before them, item by item.

    "an overall performance of 57.9 with a backward transfer of -1.2, versus 48.3 and -9.6 for O-LoRA" (two
    measures); "71.2% on GSM8K and 65.0% on MATH, versus 60.1% and 58.3%" (two datasets).
    """
    doc = items[0][0].doc
    for i in range(2, len(items) - 1):
        first, second = items[i][0], items[i + 1][0]
        before = skip_back(doc, first.start)
        if before is None or doc[before].lower_ not in {"versus", "vs", "vs.", "against"} \
                or doc[first.end: second.start].text.strip() != "and":
            continue
        (_, m1, d1), (_, m2, d2) = items[i - 2], items[i - 1]
        if m1 is not None and m2 is not None and m1 is not m2:
            items[i] = (first, m1, items[i][2] or d1)
            items[i + 1] = (second, m2, items[i + 1][2] or d2)
        elif m1 is not None and m1 is m2 and d1 is not None and d2 is not None and d1 is not d2:
            items[i] = (first, m1, d1)  # "71.2% on GSM8K and 65.0% on MATH, versus 60.1% and 58.3%"
            items[i + 1] = (second, m2, d2)
    return items


def joined(doc: Doc, start: int, end: int) -> bool:
    """True when ``doc[start:end]`` only joins list items: commas, "and", "or"."""
    return 0 < end - start <= 3 and all(t.lower_ in {",", "and", "or", "/", "the"} for t in doc[start:end])


def pair_lists(linked: list, datasets: list[Span]) -> list:
    """Give a list of numbers the datasets of a list of the same length, in order.

    "54.1% and 71.3% accuracy on EgoSchema and NExT-QA" and "Evaluated on
    EgoSchema and NExT-QA, it achieves 54.1% and 71.3%" pair one to one, as if
    the sentence said "respectively".
    """
    if len(linked) < 2 or not datasets:
        return linked
    doc = linked[0][0].doc
    items = sorted(linked, key=lambda x: x[0].start)
    ordered = sorted(datasets, key=lambda d: d.start)
    for run in _value_runs(doc, items):
        if len(run) < 2:
            continue
        first, last = items[run[0]][0], items[run[-1]][0]
        metric = items[run[0]][1]
        anchor = max(last.end, metric.end if metric.start >= last.end else last.end)
        after = [d for d in ordered if d.start >= anchor]
        chain: list[Span] = []
        if after and after[0].start - anchor <= 3 and doc[after[0].start - 1].lower_ in PREPOSITIONS | {"the"}:
            chain = joined_run(doc, after)
        elif not after and all(d.end <= first.start for d in ordered):
            chain = ordered
            if any(not joined(doc, a.end, b.start) for a, b in pairwise(chain)):
                chain = []
        if not chain:
            # "81.3%, 83.6% and 85.1% for the S, B and L variants on ImageNet-1K": the data after the
            # list is shared by all its values
            shared = items[run[-1]][2]
            if shared is not None and shared.start >= last.end and all(
                    items[i][2] is None or items[i][2] is shared for i in run):
                for i in run:
                    items[i] = (items[i][0], items[i][1], shared)
        if len(chain) == len(run):
            for i, d in zip(run, chain, strict=True):
                items[i] = (items[i][0], items[i][1], d)
        elif len(chain) == 1 and chain[0].start >= anchor:  # "80.1% and 75.2% on ImageNet"
            opener = [d for d in ordered if d.end <= first.start and d.start - first.sent.start <= 2
                      and d.start > 0 and doc[d.start - 1].lower_ == "on"]
            if len(run) == 2 and opener and metric.end <= first.start:
                # "On Video-MME, it scores 71.3, and 64.8 on MLVU": the sentence's opening dataset, then the next
                items[run[0]] = (first, items[run[0]][1], opener[0])
                items[run[1]] = (last, items[run[1]][1], chain[0])
                continue
            for i in run:
                items[i] = (items[i][0], items[i][1], chain[0])
    return items


def _value_runs(doc: Doc, items: list) -> list[list[int]]:
    """Indices (into ``items``, in text order) of the runs of values that a list joins and that share a metric."""
    runs: list[list[int]] = [[0]]
    for i in range(1, len(items)):
        if joined(doc, items[i - 1][0].end, items[i][0].start) and items[i][1] is items[i - 1][1]:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def metric_lists(linked: list, metrics: list[Span]) -> list:
    """Give a list of values the measures listed right before it, in order.

    "improves Recall@20 and NDCG@20 by 7.4% and 9.1%" and "NDS and mAP of
    68.1 and 61.7" pair one to one, as if the sentence said "respectively".
    """
    if len(linked) < 2 or len(metrics) < 2:
        return linked
    doc = linked[0][0].doc
    items = sorted(linked, key=lambda x: x[0].start)
    ordered = sorted(metrics, key=lambda m: m.start)
    for run in _value_runs(doc, items):
        first = items[run[0]][0]
        before = [m for m in ordered if m.end <= first.start]
        if len(run) < 2 or len(before) < len(run):
            continue
        lead = doc[before[-1].end: first.start]
        if not 0 < len(lead) <= 3 or any(t.lower_ not in VALUE_LEADS for t in lead):
            continue
        chain = [before[-1]]
        for m in reversed(before[:-1]):
            if not joined(doc, m.end, chain[0].start):
                break
            chain.insert(0, m)
        if len(chain) == len(run):
            for i, m in zip(run, chain, strict=True):
                items[i] = (items[i][0], m, items[i][2])
    return items


def parallel(first: Span, second: Span, metrics: list[Span], numbers: set[int],
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
    if crosses(doc, first.end, second.start):
        return False
    before = skip_back(doc, second.start)
    if before is not None and before > first.end and doc[before].lower_ in {"of", "="} \
            and doc[before - 1].is_alpha and doc[before - 1].i not in datasets \
            and doc[before - 1].lower_ not in CHANGE_NOUNS | REFERENCE_WORDS:
        return False  # "memory by 60%, with a learning rate of 0.001": another quantity is named
    return any(t.lower_ in {"and", ",", "vs", "vs.", "versus", "against"} for t in between) or \
        between[:2].text.lower() in {"compared with", "compared to"}


def change_after(first: Span, second: Span, metrics: list[Span]) -> bool:
    """True for "a PDMS of 89.6, surpassing prior planners by 2.4 points": a change of the same measure.

    Also "reduces storage by 42x (from 734 MB to 17.5 MB)": values in brackets after it.
    """
    doc = first.doc
    before = skip_back(doc, second.start)
    if before is None or second.start - first.end > 16:
        return False
    in_brackets = doc[before].lower_ == "from" and before >= 1 and doc[before - 1].text == "("
    if doc[before].lower_ != "by" and not in_brackets:
        return False
    return not any(first.end <= m.start < second.start for m in metrics) and \
        not crosses(doc, first.end, second.start)


def bracketed_after_name(num: Span) -> bool:
    """True for a value alone in brackets right after a name or noun: "Kimi-Audio (45.9%)", "humans (88.6%)"."""
    doc = num.doc
    if num.start < 2 or num.end >= len(doc) or doc[num.start - 1].text != "(":
        return False
    close = num.end + (1 if doc[num.end].text == "%" else 0)
    name = doc[num.start - 2]
    return close < len(doc) and doc[close].text == ")" and (name.is_alpha or "-" in name.text)


def metric_key(metric: Span) -> str:
    """Lower-cased canonical name of a metric span, else its text."""
    return (metric._.canonical or metric.text).lower()


def scores_on_dataset(num: Span, numbers: set[int], dataset_tokens: set[int]) -> bool:
    """True when NUM, alone or in a list of numbers, is followed by "on (the) DATASET"."""
    doc = num.doc
    i = num.end
    while i < num.sent.end and (i in numbers or doc[i].lower_ in LIST_JOINERS or doc[i].text == "%"):
        i += 1
    if i >= num.sent.end or doc[i].lower_ != "on":
        return False
    i += 1
    if i < num.sent.end and doc[i].lower_ == "the":
        i += 1
    return i in dataset_tokens


def new_clause(doc: Doc, start: int, end: int) -> bool:
    """True when ``doc[start:end]`` opens a new clause: a clause break, or ", and" / ", with"."""
    return crosses(doc, start, end) or any(
        t.text == "," and t.i + 1 < end and doc[t.i + 1].lower_ in {"and", "with", "while"} for t in doc[start:end])


# Verbs that open a second predicate after "and": "reaches 4.08 UTMOS on X and runs at an RTF of 0.017".
SECOND_VERBS = {"runs", "run", "requires", "require", "uses", "use", "takes", "take", "needs", "need", "consumes",
                "operates", "trains", "decodes", "generates", "renders", "is", "are", "remains", "stays"}


def joined_verb(doc: Doc, start: int, end: int) -> bool:
    """True when ``doc[start:end]`` holds "and" followed by a verb of a second predicate ("and runs at")."""
    return any(t.lower_ == "and" and t.i + 1 < end and doc[t.i + 1].lower_ in SECOND_VERBS for t in doc[start:end])


def names_where(metric: Span, metrics: list[Span]) -> bool:
    """True for a measure found after "by N% on" (or a value listed after it) when another measure is
    named right before "by": in "improves compression by 12% on code and 8% on text", "code" and "text"
    say where the change was measured."""
    doc = metric.doc
    if metric._.rule != "discovery.metric_change" or metric.start < 4 or doc[metric.start - 1].lower_ != "on":
        return False
    i = metric.start - 2
    while i > 0 and (doc[i].text in {"%", "x", "×"} or doc[i].lower_ in UNIT_WORDS):
        i -= 1
    if not doc[i].like_num:
        return False
    # "by 12% on code" or a value listed after it ("by 12% on code and 8% on multilingual text")
    by = next((t.i for t in reversed(doc[max(metric.sent.start, i - 12): i + 1])
               if t.lower_ == "by" or t.lower_ in CLAUSE_BREAKS), None)
    return by is not None and doc[by].lower_ == "by" and any(0 <= by - m.end <= 2 for m in metrics if m is not metric)


def new_setting(doc: Doc, start: int, end: int) -> bool:
    """True when ``doc[start:end]`` holds ", and on/in/for ..." with no dataset: a clause with a setting of its own."""
    return any(t.text == "," and t.i + 2 < end and doc[t.i + 1].lower_ == "and"
               and doc[t.i + 2].lower_ in {"on", "in", "for", "across", "under"} for t in doc[start:end])


def crosses(doc: Doc, start: int, end: int, extra: set[str] | frozenset[str] = frozenset()) -> bool:
    """True when tokens ``doc[start:end]`` contain a clause break (or one of ``extra``)."""
    return any(t.lower_ in CLAUSE_BREAKS or t.lower_ in extra for t in doc[start:end])


def respectively_group(nums: list[Span]) -> list[Span]:
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
        if any(t.is_alpha and t.lower_ not in {"and", "by", "of", "under", "the", "similar"} | UNIT_WORDS
               for t in gap) and group:
            break
        group.insert(0, num)
    return group if len(group) >= 2 else []


def in_breakdown(num: Span, after: int) -> bool:
    """True for a value in brackets that open at token ``after`` and list parts of a result:
    "97.6% on LIBERO (98.4% Spatial, 99.2% Object, ...)", "81.2% (ImageNet-A 64.1%, ImageNet-R 88.0%)".

    Between the bracket and the value there are only values, names (capitalised or with digits) and commas.
    """
    doc = num.doc
    while after < num.start and doc[after].lower_ in UNIT_WORDS:
        after += 1  # "by 1.2 points (93.0% vs. 91.8%)"
    if after >= num.start or doc[after].text != "(":
        return False
    for t in doc[after + 1: num.start]:
        if not (t.like_num or t.text in {"%", ",", ";", "-", "x", "×"} or t.lower_ in {"vs", "vs.", "versus"}
                or t.text[:1].isupper() or any(c.isdigit() for c in t.text)):
            return False
    return True


def echoes_list(group: list[Span], nums: list[Span]) -> bool:
    """True when NUMS, after a "respectively" GROUP, are changes listed one per item of it.

    "..., respectively, outperforming TIGER by 19.3%, 22.8% and 17.5%": as many values as the group,
    joined as a list, right behind "by".
    """
    if len(nums) != len(group) or len(nums) < 2:
        return False
    doc = nums[0].doc
    before = skip_back(doc, nums[0].start)
    return before is not None and doc[before].lower_ == "by" and \
        all(joined(doc, a.end, b.start) for a, b in pairwise(nums))


def has_own_value(m: Span, numbers: set[int]) -> bool:
    """True for a measure written right after a setup value ("With 70B parameters, ..."): it has its own value.

    ``numbers`` are the token indices of candidate result values; a value among them is not a setup value.
    """
    before = m.start - 1
    return before >= 0 and before not in numbers and bool(SIZE_OR_NUMBER.fullmatch(m.doc[before].text))


def share_of_cases(num: Span) -> bool:
    """True for "92% of targets", "in 68% of tasks": a percentage of counted cases."""
    doc = num.doc
    if num._.unit != "%" or num.end + 1 >= len(doc) or doc[num.end].lower_ != "of":
        return False
    i = num.end + 1
    if doc[i].lower_ in {"the", "all", "its", "their"} and i + 1 < len(doc):
        i += 1
    if doc[i].like_num and i + 1 < len(doc):
        i += 1  # "on 94% of 1,320 verification targets"
    for word in doc[i: min(len(doc), i + 2)]:
        if not (word.is_alpha and word.is_lower):
            return False
        if word.text.endswith("s") and not word.text.endswith("ss"):
            return True
    return False


def is_rate(metric: Span) -> bool:
    """True for a measure whose values are shares ("success rate", "accuracy", "win rate")."""
    return bool(RATE_WORDS.search(f"{metric.text} {metric._.canonical or ''}"))

