"""Property tests: offsets always slice the record's own text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import abstractparse

WORDS = st.sampled_from([
    "We", "propose", "FooNet", "(Fast Object Network)", "achieves", "85.4%", "top-1", "accuracy",
    "on", "ImageNet-1K", ",", "+1.2", "mIoU", "ADE20K", "3.1x", "faster", "by", "2", "BLEU",
    "respectively", ".", "https://github.com/a/b", "github.com/c/d.", "\\%", "called", "GSM8K",
    "from", "to", "and", "the", "benchmark", "(", ")", "\n", "é", "🙂", "x", "-", "...", "1,024",
])


def _check(rec):
    for item in [rec.method, *rec.datasets, *rec.metrics, *rec.results, *rec.urls]:
        if item is None or item.field == "metadata":
            continue
        text = getattr(rec, item.field)
        assert 0 <= item.start <= item.end <= len(text)
        evidence = text[item.start:item.end]
        assert evidence.strip() == evidence and evidence
        if hasattr(item, "name") and item.__class__.__name__ != "Mention":
            continue
        if item.__class__.__name__ == "Mention" and item.rule != "metric.implicit":
            assert evidence.lower().rstrip("s") .startswith(item.name.lower().rstrip("s")[:3])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, max_size=40), st.lists(WORDS, max_size=6))
def test_offsets_slice_to_evidence_on_abstract_like_text(words, title_words):
    _check(abstractparse.parse(" ".join(words), title=" ".join(title_words)))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300), st.text(max_size=60))
def test_arbitrary_text_never_crashes_and_offsets_hold(text, title):
    _check(abstractparse.parse(text, title=title))


# Text that leans on what breaks tokenizers and patterns: brackets, digits, dots, percent
# signs, link pieces, combining marks and any other Unicode character, in runs.
PIECES = st.one_of(
    st.sampled_from(["(", ")", "[", "]", "{", "}", "%", ".", "-", "1", "7.5", "http://", "www.",
                     "github.com/", " ", "\u0301", "\u200b", "&amp;", "\\%", "ß", "İ", "ﬁ"]),
    st.characters(),
)
BAD_TEXT = st.lists(st.tuples(PIECES, st.integers(1, 30)), max_size=25).map(
    lambda runs: "".join(piece * n for piece, n in runs))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(BAD_TEXT, BAD_TEXT, st.one_of(st.none(), st.integers(0, 500)))
def test_bracket_digit_unicode_runs_never_crash_and_offsets_hold(text, title, cap):
    rec = abstractparse.parse(text, title=title[:200], max_chars=cap)
    assert cap is None or len(rec.abstract) <= cap
    _check(rec)
