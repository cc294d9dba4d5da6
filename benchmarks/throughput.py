"""Throughput of abstractparse against a bare spaCy pass over the same texts.

    python benchmarks/throughput.py [INPUT] [--repeat N]

INPUT defaults to the development-set inputs bundled in fixtures/.  Prints
abstracts per second for ``spacy.blank("en")`` (tokenizer only), for the
full abstractparse pipeline (``nlp.pipe``) and for ``parse_inputs`` (records
included), the ratios against the bare pass, and peak memory (RSS).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import spacy

import abstractparse
from abstractparse.models import PaperInput
from abstractparse.pipeline import doc_text
from abstractparse.readers import read_path

ROOT = Path(__file__).resolve().parent.parent


def best_rate(fn, n_items: int, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return n_items / best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input", nargs="?", default=str(ROOT / "fixtures" / "gold" / "dev.input.jsonl"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--copies", type=int, default=10, help="repeat the inputs to get a longer run")
    args = ap.parse_args()
    papers = [p for p in read_path(args.input) if isinstance(p, PaperInput)] * args.copies
    texts = [doc_text(p.title, p.abstract) for p in papers]
    n = len(texts)

    bare = spacy.blank("en")
    nlp = abstractparse.load()
    nlp("warm up")  # build everything before timing
    bare_rate = best_rate(lambda: list(bare.pipe(texts)), n, args.repeat)
    pipe_rate = best_rate(lambda: list(nlp.pipe(texts)), n, args.repeat)
    full_rate = best_rate(lambda: list(abstractparse.parse_inputs(papers)), n, args.repeat)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"abstracts: {n} ({len(papers) // args.copies} distinct x {args.copies}), "
          f"best of {args.repeat}")
    print(f"bare spacy.blank('en') pass : {bare_rate:10.0f} abstracts/s")
    print(f"abstractparse pipeline      : {pipe_rate:10.0f} abstracts/s  "
          f"ratio {pipe_rate / bare_rate:.3f} of bare")
    print(f"abstractparse parse (records): {full_rate:9.0f} abstracts/s  "
          f"ratio {full_rate / bare_rate:.3f} of bare")
    print(f"peak RSS                     : {peak_mb:9.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
