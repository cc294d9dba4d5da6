"""Find numbers that may report outcomes: values, units, signs, ranges.

A regex finds numbers written as ``85.4``, ``85.4%``, ``+1.2``, ``3.1x``,
``2×``, ``18 times``, ``1,024``, ranges ``5-17%`` / ``10x-80x`` (two
numbers) and ``from 4.1 to 5.3``.  Numbers that are part of a name
(``GSM8K``, ``ResNet-50``, ``Llama-2-7B``), sizes (``7B``, ``100K``), years,
and numbers followed by a count noun ("204 tasks") are left out.  Spans go to
``doc.spans["numbers"]`` with ``_.value``, ``_.unit`` and ``_.evidence``.
"""

from __future__ import annotations

import regex
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..resources import pattern_rows, pattern_words
from . import DATASETS, METHOD, METRICS, NUMBERS, URLS, char_mask, text_of

_WORD_AFTER = regex.compile(r"\s*-?\s*([\p{L}]+)")
_WORD_BEFORE = regex.compile(r"([\p{L}]+)[\s.~-]*$")

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_UNIT = r"\s?%|\s?(?:pp|p\.p\.)(?![\p{L}\d])|-points?\b|\s?[x×X](?!\s?\d)(?![\p{L}\d])|\s?(?:times|fold)\b|-fold\b"
# Measurement units glued to a value ("3.12dB", "120FPS", "45ms") leave it a number.
_GLUED = r"(?:dB|ms|fps|FPS|MB|GB|TB|KB|Hz|kHz|sec)"
NUMBER_RE = regex.compile(
    rf"""(?<![\p{{L}}\d.,/\\_^@#-])(?<![\p{{L}}\d]-)
    (?P<sign>[+\-−±~≈])?
    (?P<num>{_NUM})
    (?P<unit>{_UNIT})?
    (?P<range>\s?(?:-|–|—|~|to)\s?(?P<sign2>[+\-−])?(?P<num2>{_NUM})(?P<unit2>{_UNIT})?)?
    (?:{_GLUED}(?![\p{{L}}\d]))?
    (?![\p{{L}}\d^]|\.\d|-\p{{L}})""",
    regex.VERBOSE,
)
_LISTED_NOUN = regex.compile(r"(?:\s*,\s*|\s+(?:and|or|to)\s+)[\d.,]{1,12}\s*-?\s*(\p{L}+)")
_SLASH_PAIR = regex.compile(r"(?<![\p{L}\d./])(\d+(?:\.\d+)?)/(\d+(?:\.\d+)?)(?![\p{L}\d/]|\.\d)")
_WORDS_AFTER = regex.compile(r"(?<=^|\s)[\p{L}][\p{L}\d\-]*(?=[\s,.;:)]|$)")
_METRIC_LINK = regex.compile(
    r"\s*(?:(?:of|=|:|is|was|reaches|reached|at)?\s*(?:approximately|about|around|roughly|nearly|only|just|~)?"
    r"|,\s*(?:approximately|about|around|roughly|nearly|~))\s*")
_STANDALONE_NUMBER = regex.compile(r"(?<![\p{L}\d])\d")
# Numbers that are not values of a measure: p-values, settings of a variable ("ε = 1", "k=5"; a
# correlation "r = 0.92" or agreement "κ = 0.8" is a value), exponents, standard deviations, citations,
# confidence levels, shares of the data used and multiples of a budget ("up to 4x the token budget").
_NOT_A_VALUE_BEFORE = regex.compile(
    r"(?:\b[pP](?:-value)?\s*[<>=≤≥]\s*|(?<![\p{L}\d])(?![rRρτκ])\p{L}(?:_\{?[\p{L}\d]+\}?)?\s*[=<>≤≥]\s*|\bCI\s*(?:of|:|=)?\s*[\[(]?\s*|\d[eE][+\-−]?|±\s*|\^\s*|\d\s?[×x]\s?)\Z")
_NOT_A_VALUE_AFTER = regex.compile(
    r"\s*(?:%?\s*(?:CI\b|confidence)|\s?[×x]\s?\d|[eE][+\-−]?\d|"
    r"(?:\s?[×x])?\s+the\s+(?:[\p{L}-]+\s+){0,3}?(?:budget|data|tokens|compute|steps|epochs|size|length)\b|"
    r"%?\s+of\s+(?:the\s+|our\s+|its\s+)?(?:[\p{L}-]+\s+){0,2}?(?:data|dataset|samples|examples|labels|annotations|"
    r"tokens|images|budget|weights|parameters|params|layers|heads|neurons|channels|experts)\b)")
_IN_CITATION = regex.compile(r"\[\s*(?:\d+\s*[,–-]\s*)*\Z")
_PLUS_MINUS_PERCENT = regex.compile(r"\s*±\s*\d+(?:\.\d+)?\s?%")
# "1500-2000 FPS" is a range of values, "2019-2023" a span of years.
_RANGE_NUMBERS = regex.compile(r"(\d+(?:\.\d+)?)\s?(?:-|–|—|to)\s?(\d+(?:\.\d+)?)")
_COUNT_OF = regex.compile(r"\s+(?:out\s+)?of\s+(?:(?:the\s+)?\d|them\b|these\b|those\b|all\b)")
# "94% of 1,320 targets", "on 9 of 12 tasks": the number after "of" is the count of cases
_SHARE_OF_BEFORE = regex.compile(r"\d\s?%?\s+(?:out\s+)?of\s+(?:the\s+|all\s+)?\Z")
_FROM_BEFORE = regex.compile(r"\bfrom\s+\Z")
_PER_UNIT = regex.compile(r"\s*(?:/\s*(?:s|sec|second|min|h|hr|hour|GPU|gpu)\b|per\s+(?:second|sec|minute|hour|GPU)\b)")
_YEAR = regex.compile(r"^(?:19|20)\d\d$")
# "Med-PaLM 2", "Llama 3", "Claude 3.5 Sonnet", "Stable Diffusion 3": a small version number after a
# capitalised name is part of the name.
_VERSION_AFTER_NAME = regex.compile(r"(?<![\p{L}\d])\p{Lu}[\p{L}\d\-]*\s\Z")
_VERSION = regex.compile(r"^(?:10|\d)(?:\.\d)?$")


def unit_of(raw: str | None) -> str | None:
    """The record unit (``"%"``, ``"x"`` or None) of a unit as written ("%", "x", "×", "times", "pp")."""
    if not raw:
        return None
    raw = raw.strip().lower()
    if raw == "%":
        return "%"
    if raw in {"pp", "p.p.", "-point", "-points"}:
        return None
    return "x"


def parse_value(raw: str) -> float:
    """The value of a number as written, thousands separators removed ("1,024" → 1024.0)."""
    return float(raw.replace(",", ""))


class NumberFinder:
    """Writes candidate outcome numbers to ``doc.spans["numbers"]``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.setup_nouns = pattern_words("numbers", "setup_nouns")
        self.setup_before = pattern_words("numbers", "setup_before")
        self.scan_stop = pattern_words("numbers", "count_scan_stop")
        units = sorted((r["unit"] for r in pattern_rows("numbers", "measure_unit")), key=len, reverse=True)
        self.measure_unit = regex.compile(
            rf"\s?(?P<unit>{'|'.join(regex.escape(u) for u in units)})(?![\p{{L}}\d])")

    def _unit_text(self, text: str, end: int) -> str | None:
        """The measurement unit written right after a value ending at ``end`` ("12 ms", "3.12dB")."""
        m = self.measure_unit.match(text, end)
        return m.group("unit") if m else None

    def _blocked(self, doc: Doc) -> bytearray:
        """One byte per character: 1 inside a URL, dataset, method or metric name."""
        spans = (s for key in (URLS, DATASETS, METHOD, METRICS) for s in doc.spans.get(key, []))
        return char_mask(text_of(doc), spans)

    def _is_setup(self, doc: Doc, start: int, end: int, unit: str | None, raw: str,
                  metric_starts: set[int], metric_ends: frozenset[int] | set[int] = frozenset(),
                  blocked: bytearray | None = None) -> bool:
        text = text_of(doc)
        after = _WORD_AFTER.match(text[end : end + 30])
        before = _WORD_BEFORE.search(text[max(0, start - 20) : start])
        if before and before.group(1).lower() in self.setup_before:
            return True
        if unit is None:
            pair = _RANGE_NUMBERS.match(text, start)
            is_year = _YEAR.match(raw) and not (pair and not all(_YEAR.match(x) for x in pair.groups()))
            # "(2023)", "(3)" are years and references; "(71.2)" after a benchmark is a score
            if is_year or (text[start - 1: start] == "(" and text[end: end + 1] == ")" and "." not in raw):
                return True
            if _VERSION.match(raw) and _VERSION_AFTER_NAME.search(text, max(0, start - 40), start) and \
                    not (blocked and start >= 2 and blocked[start - 2]) and \
                    (after is None or end + after.start(1) not in metric_starts):
                return True
            if any(e in metric_ends and _METRIC_LINK.fullmatch(text, e, start)
                   for e in range(max(0, start - 24), start + 1)):
                return False  # "an L2 error of 0.49 m", "a return of 842 after 500k steps"
            if _FROM_BEFORE.search(text, max(0, start - 8), start) and \
                    any(e in metric_ends for e in range(max(0, start - 60), start)):
                return False  # "reduced annotation time per CT volume from 14.2 to 3.1 minutes"
            if after and _PER_UNIT.match(text, end + after.end(1)):
                return False  # "1,200 tokens/s", "30 frames per second": a rate, not a count
            listed = _LISTED_NOUN.match(text, end)  # "8.4 and 8.2 frames": the list shares the noun
            if listed and listed.group(1).lower() in self.setup_nouns:
                return True
            if after and after.group(1).lower() in self.setup_nouns and \
                    end + after.start(1) not in metric_starts:  # "0.0011 bits per byte" is a score
                return True
            # "6 surround-view cameras", "5 independent runs": a counted noun after its modifiers
            for word in _WORDS_AFTER.finditer(text, end, min(len(text), end + 60)):
                if word.start() in metric_starts or word.group(0).lower() in self.scan_stop or \
                        any(c in ",.;:()" for c in text[end: word.start()]) or \
                        _STANDALONE_NUMBER.search(text, end, word.start()):
                    break
                if word.group(0).lower() in self.setup_nouns:
                    return True
                if word.start() - end > 40:
                    break
        return False

    def __call__(self, doc: Doc) -> Doc:
        blocked = self._blocked(doc)
        metric_starts = {s.start_char for s in doc.spans.get(METRICS, [])}
        metric_ends = {s.end_char for s in doc.spans.get(METRICS, []) if s._.rule != "metric.implicit"}
        spans: list[Span] = []
        text = text_of(doc)
        for m in NUMBER_RE.finditer(text):
            if blocked[m.start()]:
                continue
            pair = _SLASH_PAIR.match(text, m.start("num"))
            if pair and "." not in pair.group(0):
                continue  # a fraction or a count "41/60": no value as written
            if not m.group("unit") and (_COUNT_OF.match(text, m.end()) or (
                    "." not in m.group("num") and _SHARE_OF_BEFORE.search(text, max(0, m.start() - 20), m.start()))):
                continue  # "in 29 of 32 settings", "3 out of 5", "94% of 1,320 targets"
            before = max(0, m.start() - 20)
            if _NOT_A_VALUE_BEFORE.search(text, before, m.start()) or _NOT_A_VALUE_AFTER.match(text, m.end()) \
                    or _IN_CITATION.search(text, before, m.start()):
                continue  # p-values, "95% CI", "10% of the training data", "[12]", "2.5×10^3", "±0.3"
            parts = [("num", "sign", "unit")]
            if m.group("num2"):
                parts.append(("num2", "sign2", "unit2"))
            shared_unit = m.group("unit2") if m.group("num2") else m.group("unit")
            for num_g, sign_g, unit_g in parts:
                raw = m.group(num_g)
                unit = unit_of(m.group(unit_g) or shared_unit)
                if unit is None and (_PLUS_MINUS_PERCENT.match(text, m.end())
                                     or (pair and text[pair.end(): pair.end() + 1] == "%")):
                    unit = "%"  # "90.1 ± 0.3%", "61.3/72.8%"
                if num_g == "num":
                    start = m.start()
                    end = m.end("unit") if m.group("unit") else m.end("num")
                else:
                    start, end = (m.start("sign2") if m.group("sign2") else m.start("num2")), m.end()
                if self._is_setup(doc, m.start(), m.end(), unit, raw, metric_starts, metric_ends, blocked):
                    continue
                # Extension values are keyed by (start, end, label): the second number of a
                # range ("5-17%") may share the first one's tokens, so it gets its own label.
                label = "NUMBER_RANGE_END" if num_g == "num2" else "NUMBER"
                span = doc.char_span(start, end, label=label, alignment_mode="expand")
                if span is None:
                    continue
                span._.value = parse_value(raw)
                span._.unit = unit
                span._.unit_text = self._unit_text(text, end) if unit is None else None
                span._.evidence = (start, end)
                sign = m.group(sign_g) or ""
                points = (m.group(unit_g) or shared_unit or "").startswith("-point")  # "a 4.3-point gain"
                span._.kind = "delta" if sign in {"+", "-", "−", "±"} or points else None
                span._.rule = "number.range" if m.group("num2") else "number"
                spans.append(span)
        for m in _SLASH_PAIR.finditer(text):  # the second value of "EM/F1 of 61.3/72.8"
            if "." not in m.group(0) or blocked[m.start()]:
                continue
            span = doc.char_span(m.start(2), m.end(2), label="NUMBER", alignment_mode="strict")
            if span is None:
                continue
            unit = "%" if text[m.end(): m.end() + 1] == "%" else None
            span._.value, span._.unit, span._.kind = parse_value(m.group(2)), unit, None
            span._.unit_text = self._unit_text(text, m.end()) if unit is None else None
            span._.evidence = (m.start(2), m.end(2))
            span._.rule = "number.pair"
            spans.append(span)
        spans.sort(key=lambda s: s.start)
        doc.spans[NUMBERS] = spans
        return doc


@Language.factory("abstractparse_numbers")
def make_number_finder(nlp: Language, name: str) -> NumberFinder:
    """``doc.spans["numbers"]``: candidate outcome values with unit and sign."""
    return NumberFinder(nlp, name)
