"""Find the paper's own proposed method: title prefix, proposal phrases, acronyms.

Rules, in order of trust:

1. ``method.title_prefix`` — the part of the title before ``:`` when it reads
   as a name ("Zero-TPrune: ...", "CSWin Transformer: ..."), or ``X Technical Report``.
2. ``method.called`` — "called / named / dubbed X".
3. ``method.we_propose`` / ``method.model_called`` — the first name after a
   proposal phrase ("we propose a new expert-based model, THOR (...)").

Names are words with an inner capital or digit (``kMaX-DeepLab``, ``Qwen2``),
acronyms, or capitalised phrases defined by an acronym.  Generic words
(``Transformer``, ``LLM``) and known datasets are never the method.  The
chosen span goes to ``doc.spans["method"]`` with ``_.long_form`` set when an
acronym definition gives it.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..resources import pattern_rows, pattern_words
from . import ACRONYMS, DATASETS, METHOD, METRICS, abstract_start, text_of, title_end
from .acronyms import long_form_for

_PARTS = regex.compile(r"[-+_/.]")
_TECH_REPORT = regex.compile(r"^\s*(.+?)\s+Technical Report\b", regex.I)
# "Seedream 3.0 Technical Report": a capitalised name with a version number
_VERSIONED = regex.compile(r"\p{Lu}[\p{L}\-]{1,30}(?:\s\p{Lu}[\p{L}\-]{1,30})?\s[vV]?\d+(?:\.\d+)*")
_TITLE_PREFIX = regex.compile(r"^\s*([^:]{1,60}?)\s*(?::|\s[-–—]{1,2}\s)\s*(.*)$")
_DATASET_WORD = regex.compile(r"\b(?:benchmark|dataset|corpus|survey|review)\b", regex.I)
_DATASET_SUBTITLE = regex.compile(r"^(?:a |an )?(?:\w+ ){0,3}(?:benchmark|dataset|corpus|survey)\b", regex.I)

_WORD = regex.compile(r"[^\s,;:()\[\]{}\"“”]+|[,;:()\[\]{}]")
_NAME_LIKE = regex.compile(
    r"^(?:"
    r"[\p{L}\d]*\p{Ll}[\p{L}\d]*\p{Lu}[\p{L}\d]*"  # inner capital: CSWin, kMaX, DeepLab
    r"|\p{Lu}{2,}[\p{L}\d]*"  # acronym-like: THOR, SMT, ECO
    r"|\p{L}+\d[\p{L}\d.]*"  # letters then digits: Qwen2, ID2Reflectance
    r"|\d+\p{L}[\p{L}\d]*\p{Lu}[\p{L}\d]*"  # 3DGStream
    r")$"
)
_CAPITALISED = regex.compile(r"^\p{Lu}[\p{L}\d]*$")
_STOP_SCAN = {"that", "which", "whose", "to", "where", "for", "by", "with", "on", "in", "from",
              "and", "or", "as", "is", "are", "can", "it", "its", "while", "via", "using", ".",
              "between", "among", "against", "than", ";", ":", "of",
              # a verb of outcome: what follows is a result, not the name ("our model achieves ... 0.02 eV")
              "achieves", "achieved", "achieving", "outperforms", "outperformed", "outperforming",
              "surpasses", "surpassed", "reaches", "reached", "attains", "attained", "obtains",
              "obtained", "improves", "improved", "yields", "delivers", "matches", "sets", "ranks"}
_ALIAS_IN_PARENS = regex.compile(
    r"^(?:abbreviated|abbr\.?|shortened|short|referred to|denoted|named|called)\s+(?:as|to)?\s*"
    r"(?P<name>\S+)$|^(?P<name2>\S+),?\s+(?:for short|in short)$", regex.I)
_METHOD_NOUNS = {"method", "model", "framework", "approach", "architecture", "system", "algorithm",
                 "network", "agent", "pipeline", "technique", "strategy", "scheme", "paradigm",
                 "module", "mechanism", "family", "series", "toolkit", "library", "engine",
                 "transformer", "policy", "planner", "optimizer", "recipe", "protocol"}
# "a suite of Japanese-oriented large language models": the collection holds models, not data.
OF_MODELS = regex.compile(
    r"\s+of\s+(?:[\p{L}\d-]+\s+){0,4}?(?:models|methods|agents|algorithms|networks|tools|architectures|LLMs|VLMs)\b",
    regex.I)
_DETERMINERS = {"a", "an", "the", "our", "this", "these", "two", "three", "new", "novel"}


@dataclass
class Candidate:
    name: str
    start: int  # doc character offsets of the name
    end: int
    rule: str
    long_form: str | None = None


def name_like(word: str) -> bool:
    """True when a single word reads as a coined name rather than an English word.

    ``CSWin``, ``kMaX-DeepLab``, ``THOR``, ``Qwen2``, ``T-Stitch`` are names;
    ``Multi-Modality`` and compounds ending in a lower-case word (``NP-hard``,
    ``LLM-based``) are not.  Marks after a name (``AtP*``, ``MedSAM++``) are part of it.
    """
    word = word.rstrip("*+′'")
    parts = [p for p in _PARTS.split(word) if p]
    if not parts or ("-" in word and parts[-1].islower()):
        return False
    if any(_NAME_LIKE.match(p) for p in parts):
        return True
    return len(parts) > 1 and any(len(p) == 1 and p.isupper() for p in parts)


class MethodFinder:
    """Writes at most one span to ``doc.spans["method"]``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.triggers = [(r["id"], regex.compile(r["pattern"], regex.I)) for r in pattern_rows("method", "trigger")]
        self.naming = [(r["id"], regex.compile(r["pattern"], regex.I)) for r in pattern_rows("method", "naming")]
        self.generic = pattern_words("method", "generic")
        self.generic_lower = {w.lower() for w in self.generic}
        self.title_stop = pattern_words("method", "title_stop")
        self.not_method = pattern_words("method", "not_method_noun")
        alternatives = "|".join(regex.escape(n) for n in sorted(self.not_method, key=len, reverse=True))
        self.not_method_re = regex.compile(rf"\b(?:{alternatives})\b", regex.I)
        self.appositive = appositive_noun_re(self.not_method)
        self.noun_before = regex.compile(rf"\b(?:{alternatives})\s+$", regex.I)
        self.noun_after = regex.compile(
            r"\s+(?:benchmarks?|datasets?|corpus|corpora|suite|leaderboard|testbed)\b(?!\s+(?:model|method|agent)s?\b)",
            regex.I)

    def describes_dataset(self, text: str, start: int, end: int) -> bool:
        """True when the name at ``text[start:end]`` is described as a dataset or benchmark.

        "X, a benchmark of ...", "our dataset X", but not "X, a suite of models".
        """
        m = self.appositive.match(text, end)
        if m and not OF_MODELS.match(text, m.end()):
            return True
        if end and self.noun_after.match(text, end):  # "the Design2Code benchmark"
            return True
        return bool(start and self.noun_before.search(text, max(0, start - 40), start))

    # -- helpers -----------------------------------------------------------
    def _is_generic(self, name: str) -> bool:
        return name in self.generic or (name.lower() in self.generic_lower and name.isupper())

    def _title_candidate(self, doc: Doc, datasets: set[str]) -> Candidate | None:
        end = title_end(doc)
        if end == 0:
            return None
        title = text_of(doc)[:end]
        m = _TECH_REPORT.match(title)
        if m and (name_like(m.group(1).split()[-1]) or _VERSIONED.fullmatch(m.group(1))):
            return Candidate(m.group(1), m.start(1), m.end(1), "method.technical_report")
        m = _TITLE_PREFIX.match(title)
        if not m:
            return None
        prefix, rest = m.group(1).strip(), m.group(2)
        words = prefix.split()
        if not 1 <= len(words) <= 5 or words[0].lower() in self.title_stop:
            return None
        if any(w.lower() in self.title_stop for w in words[1:]):
            return None
        if prefix in datasets or (_DATASET_WORD.search(rest[:60]) and not name_like(words[0])):
            return None
        if _DATASET_SUBTITLE.search(rest):
            return None
        abstract = text_of(doc)[abstract_start(doc):]
        coined = any(name_like(w) for w in words)
        mentioned = regex.search(rf"(?<!\w){regex.escape(prefix)}(?!\w)", abstract) is not None
        capitalised = all(_CAPITALISED.match(w.split("-")[0]) for w in words)
        if self._is_generic(prefix):
            return None
        for seen in regex.finditer(rf"(?<!\w){regex.escape(prefix)}(?!\w)", abstract):
            if self.describes_dataset(abstract, seen.start(), seen.end()):
                return None  # "LeakLens: ..." with "we introduce LeakLens, a benchmark of ..."
        if coined or (capitalised and (mentioned or len(words) <= 3)):
            start = title.index(prefix)
            return Candidate(prefix, start, start + len(prefix), "method.title_prefix")
        return None

    def _name_after(self, doc: Doc, pos: int, limit: int, rule: str,
                    blocked: set[str], naming: bool) -> Candidate | None:
        """The first name in ``text_of(doc)[pos:limit]``.

        After a naming phrase ("called") the name must come first; after a
        proposal phrase descriptive words ("a new expert-based model,") are
        skipped, up to a function word that ends the noun phrase.
        """
        words = [(m.group(0).rstrip("."), m.start())
                 for m in _WORD.finditer(text_of(doc), pos, limit)]
        words = [(w, st) for w, st in words if w]
        if naming:
            if self.not_method_re.search(text_of(doc), max(0, pos - 40), pos):
                return None
            while words and words[0][0] in {"(", "[", "the", "The"}:
                words = words[1:]
            if not words or not (name_like(words[0][0]) or _CAPITALISED.match(words[0][0].split("-")[0] or "-")):
                return None
            return self._phrase_at(doc, words, 0, blocked, rule, accept_plain=True)
        for i, (word, _) in enumerate(words[:12]):
            low = word.lower()
            if word in {"(", "[", ","}:
                continue
            if low in _STOP_SCAN or low in self.not_method:
                return None
            if name_like(word) or _CAPITALISED.match(word.split("-")[0] or "-"):
                cand = self._phrase_at(doc, words, i, blocked, rule, accept_plain=False)
                if cand is not None or (name_like(word) and not self._is_generic(word)):
                    return cand  # a named thing that is not ours ends the search
        return None

    def _phrase_at(self, doc: Doc, words: list[tuple[str, int]], i: int, blocked: set[str],
                   rule: str, accept_plain: bool) -> Candidate | None:
        """A candidate from the capitalised run starting at ``words[i]``."""
        j = i
        while j < len(words) and j - i < 6 and (
            name_like(words[j][0]) or _CAPITALISED.match(words[j][0].split("-")[0] or "-")
            or (j > i and words[j][0] in {"of", "for", "and", "with", "in"} and j + 1 < len(words)
                and _CAPITALISED.match(words[j + 1][0] or "-"))
        ):
            j += 1
        run = words[i:j]
        if not run:
            return None
        start, end = run[0][1], run[-1][1] + len(run[-1][0])
        phrase = text_of(doc)[start:end]
        if j < len(words) and words[j][0] == "(":
            close = next((k for k in range(j + 1, min(j + 16, len(words))) if words[k][0] == ")"),
                         None)
            if close is not None:
                in_start = words[j + 1][1]
                inner = text_of(doc)[in_start: words[close - 1][1] + len(words[close - 1][0])]
                alias = _ALIAS_IN_PARENS.match(inner)
                if alias:
                    short = alias.group("name") or alias.group("name2")
                    s0 = in_start + inner.index(short)
                    return self._checked(Candidate(short, s0, s0 + len(short), rule,
                                                   long_form=phrase), blocked, words, close + 1)
                if close == j + 2 and name_like(inner) and long_form_for(inner, phrase):
                    return self._checked(Candidate(inner, in_start, in_start + len(inner), rule,
                                                   long_form=phrase), blocked, words, close + 1)
                if long_form_for(phrase, inner) == inner:
                    return self._checked(Candidate(phrase, start, end, rule, long_form=inner),
                                         blocked, words, close + 1)
        coined = any(name_like(w) for w, _ in run)
        follow = [w.lower() for w, _ in words[j: j + 3]]
        names_a_method = len(run) >= 2 and any(w in _METHOD_NOUNS for w in follow)
        # "We introduce Kestrel, a model-based agent that ...": an apposition says what it is
        apposed = follow[:1] == [","] and any(
            w.lower() in _METHOD_NOUNS for w, _ in words[j + 1: j + 7] if w not in {",", "."})
        names_a_method = names_a_method or apposed
        if accept_plain or coined or names_a_method:
            return self._checked(Candidate(phrase, start, end, rule), blocked, words, j)
        return None

    def _checked(self, cand: Candidate, blocked: set[str],
                 words: list[tuple[str, int]], after: int) -> Candidate | None:
        if self._is_generic(cand.name) or cand.name in blocked:
            return None
        if cand.long_form and cand.long_form.split()[-1].lower() in self.not_method:
            return None  # "Long Dialogue Benchmark (LoDiBench)" is a dataset
        follow = " ".join(w for w, _ in words[after: after + 2]).lower()
        if any(follow.startswith(n) for n in self.not_method):
            return None
        if self.describes_dataset(" ".join(w for w, _ in words[after: after + 14]), 0, 0):
            return None  # "we introduce OrbitBench, a benchmark of ..." names a dataset
        return cand

    def _abstract_candidates(self, doc: Doc, datasets: set[str]) -> list[Candidate]:
        text = text_of(doc)
        begin = abstract_start(doc)
        found: list[Candidate] = []
        for sent in doc.sents:
            if sent.end_char <= begin:
                continue
            s, e = max(sent.start_char, begin), sent.end_char
            for rule, pattern in self.naming:
                for m in pattern.finditer(text, s, e):
                    cand = self._name_after(doc, m.end(), e, rule, datasets, naming=True)
                    if cand:
                        found.append(cand)
            for rule, pattern in self.triggers:
                for m in pattern.finditer(text, s, e):
                    cand = self._name_after(doc, m.end(), e, rule, datasets, naming=False) \
                        or self._acronym_after(doc, m.end(), e, rule, datasets)
                    if cand:
                        found.append(cand)
        order = {"method.called": 0, "method.we_propose": 1, "method.the_proposed": 2,
                 "method.model_called": 3}
        found.sort(key=lambda c: (order.get(c.rule, 3), c.start))
        if not found:
            subject = self._subject_candidate(doc, datasets)
            if subject is not None:
                found.append(subject)
        return found

    def _acronym_after(self, doc: Doc, pos: int, limit: int, rule: str, blocked: set[str]) -> Candidate | None:
        """An acronym defined after a proposal phrase and used again: "We propose a method for X,
        simulated trial and error (STE), that ... STE leverages ..."."""
        text = text_of(doc)
        for acr in doc.spans.get(ACRONYMS, []):
            if not (pos <= acr.start_char < limit) or acr.text in blocked or self._is_generic(acr.text):
                continue
            long_form = acr._.long_form or ""
            lead = text[pos: acr.start_char]
            cut = lead.rfind(long_form) if long_form else -1
            # the acronym's long form stands in apposition to a method noun: "a method for X, <long form> (ACR)"
            if cut < 2 or lead[:cut].rstrip()[-1:] not in {",", ":"} or \
                    not any(w.lower() in _METHOD_NOUNS for w in _WORD.findall(lead[:cut])):
                continue
            uses = regex.findall(rf"(?<![\w-]){regex.escape(acr.text)}(?![\w-])", text)
            if len(uses) >= 2 and not self.describes_dataset(text[acr.end_char: acr.end_char + 80], 0, 0):
                return Candidate(acr.text, acr.start_char, acr.end_char, rule, long_form=acr._.long_form)
        return None

    def _subject_candidate(self, doc: Doc, blocked: set[str]) -> Candidate | None:
        """A coined name that opens two or more sentences ("ViDT introduces ... ViDT achieves")."""
        text = text_of(doc)
        begin = abstract_start(doc)
        openers: dict[str, list[int]] = {}
        for sent in doc.sents:
            if sent.start_char < begin:
                continue
            m = _WORD.match(text, sent.start_char)
            if m and name_like(m.group(0)) and not self._is_generic(m.group(0)):
                openers.setdefault(m.group(0), []).append(m.start())
        for name, starts in sorted(openers.items(), key=lambda kv: (-len(kv[1]), kv[1][0])):
            if len(starts) < 2 or name in blocked:
                continue
            if self.not_method_re.match(text, starts[0] + len(name) + 1):
                continue  # "X benchmark ..." opens sentences about a dataset
            return Candidate(name, starts[0], starts[0] + len(name), "method.sentence_subject")
        return None

    @staticmethod
    def _phrase_before_named_proposal(doc: Doc, title: Candidate, proposed: Candidate) -> bool:
        """True when the title prefix is a phrase of plain words the abstract never repeats, and the
        abstract proposes a coined name with its long form."""
        words = title.name.split()
        return title.rule == "method.title_prefix" and len(words) >= 2 and not any(name_like(w) for w in words) \
            and proposed.rule != "method.subject" and proposed.long_form is not None and name_like(proposed.name) \
            and regex.search(rf"(?<!\w){regex.escape(title.name)}(?!\w)", text_of(doc)[abstract_start(doc):]) is None

    def __call__(self, doc: Doc) -> Doc:
        datasets = {s.text for key in (DATASETS, METRICS) for s in doc.spans.get(key, [])}
        named = [(s.start_char, s.end_char) for key in (DATASETS, METRICS) for s in doc.spans.get(key, [])]
        # a candidate inside a dataset or metric name ("extending F1 score") is not a method
        cands = [c for c in self._abstract_candidates(doc, datasets)
                 if not any(a <= c.start and c.end <= b for a, b in named)]
        best = self._title_candidate(doc, datasets)
        if best is not None and cands and self._phrase_before_named_proposal(doc, best, cands[0]):
            best = cands[0]  # "Rescuing Rare Tokens: ..." with "We propose DECAF (...)": a phrase, then the name
        if best is not None:
            # the abstract may give the acronym expansion of the title name
            for c in cands:
                if c.name == best.name and c.long_form:
                    best.long_form = c.long_form
        elif cands:
            best = cands[0]
        spans: list[Span] = []
        if best is not None:
            if best.long_form is None:
                for acr in doc.spans.get(ACRONYMS, []):
                    if acr.text == best.name:
                        best.long_form = acr._.long_form
                        break
            span = doc.char_span(best.start, best.end, label="METHOD", alignment_mode="expand")
            if span is not None:
                span._.rule = best.rule
                span._.long_form = best.long_form
                span._.evidence = (best.start, best.end)
                spans.append(span)
        doc.spans[METHOD] = spans
        return doc


def appositive_noun_re(nouns: set[str] | frozenset[str]) -> regex.Pattern[str]:
    """Text right after a name that describes it as one of ``nouns``: ", a new benchmark of".

    An optional parenthesis (an acronym or long form) may come first; at most
    four words (adjectives) stand between the article and the noun.
    """
    alternatives = "|".join(regex.escape(n) for n in sorted(nouns, key=len, reverse=True))
    return regex.compile(
        rf"\s*(?:\([^()]{{0,120}}\)\s*)?,\s*(?:a|an|the|our)\s+(?:[\p{{L}}\d][\p{{L}}\d-]{{0,30}}\s+){{0,4}}?"
        rf"(?:{alternatives})\b", regex.I)


@Language.factory("abstractparse_method")
def make_method_finder(nlp: Language, name: str) -> MethodFinder:
    """``doc.spans["method"]``: the paper's own proposed method, if it names one."""
    return MethodFinder(nlp, name)
