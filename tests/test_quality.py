"""Extraction quality against gold sets, with the bars the project has committed to."""

from __future__ import annotations

import pytest

import abstractparse
from abstractparse.evaluate import read_jsonl, score
from conftest import FIXTURES, SHARED


def f1s(gold_path, input_path, ids=None):
    gold = read_jsonl(gold_path)
    if ids is not None:
        gold = [g for g in gold if g["id"] in ids]
    pred = [r.model_dump(mode="json") for r in abstractparse.parse_file(str(input_path))]
    counts, unpaired = score(gold, pred)
    assert unpaired == 0
    return {f: c.scores()["f1"] for f, c in counts.items()}


@pytest.mark.skipif(not (SHARED / "gold" / "seed.gold.jsonl").exists(), reason="needs ../shared")
def test_seed_set_meets_the_bars():
    s = f1s(SHARED / "gold" / "seed.gold.jsonl", SHARED / "corpus" / "hf-trending-papers.txt")
    assert s["method"] >= 0.95
    assert s["datasets"] >= 0.95
    assert s["metrics"] >= 0.90
    assert s["code_urls"] == 1.0
    assert s["results"] >= 0.85


SETS = ("dev", "dev2", "dev3", "written", "written2", "written3", "written4", "written5", "written6", "written7",
        "written8", "written9", "written10", "written11")


def pooled(half: str) -> dict[str, float]:
    """F1 per field over one half (``tune`` or ``heldout``) of every development set."""
    gold, pred = [], []
    for name in SETS:
        ids = set((FIXTURES / "gold" / f"{name}.{half}.ids").read_text().split())
        gold += [g for g in read_jsonl(FIXTURES / "gold" / f"{name}.gold.jsonl") if g["id"] in ids]
        pred += [r.model_dump(mode="json")
                 for r in abstractparse.parse_file(str(FIXTURES / "gold" / f"{name}.input.jsonl"))]
    counts, _ = score(gold, pred)
    return {f: c.scores()["f1"] for f, c in counts.items()}


def test_every_development_set_has_gold_for_each_input_and_a_clean_split():
    for name in SETS:
        inputs = [r["id"] for r in read_jsonl(FIXTURES / "gold" / f"{name}.input.jsonl")]
        gold = [r["id"] for r in read_jsonl(FIXTURES / "gold" / f"{name}.gold.jsonl")]
        tune = (FIXTURES / "gold" / f"{name}.tune.ids").read_text().split()
        held = (FIXTURES / "gold" / f"{name}.heldout.ids").read_text().split()
        assert inputs == gold
        assert not set(tune) & set(held)
        assert sorted(tune + held) == sorted(inputs)


def test_development_sets_tuning_halves():
    s = pooled("tune")
    assert s["method"] >= 0.97
    assert s["datasets"] >= 0.96
    assert s["metrics"] >= 0.92
    assert s["code_urls"] >= 0.98
    assert s["results"] >= 0.88


def test_development_sets_held_out_halves_do_not_collapse():
    """The held-out halves are not tuned on: they estimate unseen papers; this guards against collapse."""
    s = pooled("heldout")
    assert s["method"] >= 0.95
    assert s["datasets"] >= 0.92
    assert s["metrics"] >= 0.86
    assert s["code_urls"] >= 0.98
    assert s["results"] >= 0.75
