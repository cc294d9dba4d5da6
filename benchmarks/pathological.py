"""Time abstractparse on pathological inputs of growing size: is it linear?

    python benchmarks/pathological.py [--sizes 10000,20000,40000,80000] [--only SHAPE,...]
                                      [--budget SECONDS] [--max-ratio 3]

For every input shape (a run of one bracket, one huge word, thousands of
digits, deep nesting, ...) the script builds texts of each size ``n``,
times :func:`abstractparse.parse` on them with the length cap disabled
(``max_chars=None``, so that the core itself is measured), and prints the
time per size and the ratio ``time(2n) / time(n)``: about 2 means linear,
about 4 quadratic.  It exits with status 1 when a ratio exceeds
``--max-ratio`` (ratios between runs that both take less than
``--floor`` seconds are timer noise and are shown but not judged; a ratio
over the limit is measured once more, since a busy machine skews one run), or when
one call takes longer than ``--budget`` seconds (the larger sizes of that
shape are then skipped).
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
from collections.abc import Callable

import abstractparse

ABSTRACT = (
    "Vision transformers (ViTs) have shown strong results on image classification. "
    "We propose FooNet, a Fast Object Network (FON) that reaches 85.4% top-1 accuracy on "
    "ImageNet-1K and 52.2 mIoU on ADE20K, improving on Swin-B by +1.2 points while running "
    "3.1x faster. On COCO, FooNet obtains 58.0 box AP and 50.1 mask AP, respectively. "
    "Code is available at https://github.com/example/foonet. "
)

_WORDS = ("model", "data", "training", "large", "the", "of", "language", "we", "show", "robust",
          "learning", "and", "results", "network", "image", "with", "a", "method", "task")


def _fill(unit: str, n: int) -> str:
    """``unit`` repeated to exactly ``n`` characters."""
    return (unit * (n // len(unit) + 1))[:n]


def _random_words(n: int) -> str:
    rng = random.Random(n)
    out: list[str] = []
    size = 0
    while size < n:
        word = rng.choice(_WORDS)
        out.append(word)
        size += len(word) + 1
    return " ".join(out)[:n]


def _random_unicode(n: int) -> str:
    """Letters of several scripts, combining marks, emoji, brackets, digits and spaces."""
    rng = random.Random(n)
    pools = [
        (0x20, 0x7E), (0xA0, 0x24F), (0x300, 0x36F), (0x391, 0x3C9), (0x400, 0x44F),
        (0x4E00, 0x4FFF), (0x3040, 0x309F), (0x1F300, 0x1F64F), (0x2000, 0x206F), (0x0600, 0x06FF),
    ]
    chars = []
    for _ in range(n):
        lo, hi = rng.choice(pools)
        chars.append(chr(rng.randint(lo, hi)))
    return "".join(chars)


SHAPES: dict[str, Callable[[int], str]] = {
    "huge word": lambda n: _fill("abcdefghij", n),
    "run of (": lambda n: "(" * n,
    "run of )": lambda n: ")" * n,
    "run of [": lambda n: "[" * n,
    "run of {": lambda n: "{" * n,
    "digits": lambda n: _fill("8437192650", n),
    "1.1.1.1...": lambda n: _fill("1.", n),
    "((((a))))": lambda n: "(" * (n // 2) + "a" + ")" * (n // 2),
    "mixed brackets ([{": lambda n: _fill("([{", n),
    "repeated %": lambda n: "%" * n,
    "repeated http://": lambda n: _fill("http://", n),
    "http://x/ + brackets": lambda n: "see http://x.org/" + _fill(")]}", n - 17),
    "repeated -": lambda n: "-" * n,
    "words without punctuation": _random_words,
    "results without punctuation": lambda n: _fill("85.4% top-1 accuracy on ImageNet ", n),
    "acronyms without punctuation": lambda n: _fill("Fast Object Network (FON) ", n),
    "realistic abstract": lambda n: _fill(ABSTRACT, n),
    "random unicode": _random_unicode,
}


def _fresh_tokenizer_cache() -> None:
    """Empty spaCy's tokenizer cache, so that every run tokenizes the text from scratch.

    The cache keeps the splits of strings already seen; for texts of many distinct
    strings (random unicode) a warm cache made the best-of-N time jump when the text
    outgrew it, which read as non-linear behaviour of the pipeline itself.
    """
    tokenizer = abstractparse.load().tokenizer
    inner = getattr(tokenizer, "_tokenizer", tokenizer)
    inner.rules = inner.rules  # spaCy flushes its cache whenever the rules are set


def timed(text: str, repeat: int) -> float:
    """Best wall time of ``abstractparse.parse(text)`` over ``repeat`` cold-tokenizer runs (one if slow)."""
    best = float("inf")
    for i in range(repeat):
        _fresh_tokenizer_cache()
        start = time.perf_counter()
        abstractparse.parse(text, max_chars=None)
        best = min(best, time.perf_counter() - start)
        if i == 0 and best > 1.0:
            break
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,20000,40000,80000",
                    help="comma-separated text sizes in characters, each twice the one before")
    ap.add_argument("--only", default="", help="comma-separated shape names (default: all)")
    ap.add_argument("--repeat", type=int, default=3, help="best of this many runs per size")
    ap.add_argument("--budget", type=float, default=30.0, help="seconds allowed for one call")
    ap.add_argument("--max-ratio", type=float, default=3.0, help="largest acceptable time(2n)/time(n)")
    ap.add_argument("--floor", type=float, default=0.05,
                    help="ratios between runs shorter than this many seconds are not judged")
    ap.add_argument("--list", action="store_true", help="list the shapes and exit")
    args = ap.parse_args()
    if args.list:
        print("\n".join(SHAPES))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    wanted = [s.strip() for s in args.only.split(",") if s.strip()] or list(SHAPES)
    unknown = [s for s in wanted if s not in SHAPES]
    if unknown:
        ap.error(f"unknown shape(s): {', '.join(unknown)}; see --list")

    abstractparse.parse("Warm up: we reach 80% accuracy on MNIST.")  # build the pipeline first
    failures: list[str] = []
    print(f"{'shape':30s}" + "".join(f"{n:>10d}" for n in sizes) + "   ratios time(2n)/time(n)")
    for name in wanted:
        times: list[float] = []
        for n in sizes:
            times.append(timed(SHAPES[name](n), args.repeat))
            if times[-1] > args.budget:
                failures.append(f"{name}: {times[-1]:.1f} s at n={n} exceeds the budget")
                break
        ratios = []
        for i in range(1, len(times)):
            if times[i] >= args.floor and times[i] / max(times[i - 1], 1e-9) > args.max_ratio:
                # The machine may have been busy: measure both sizes again before judging.
                for j in (i - 1, i):
                    times[j] = min(times[j], timed(SHAPES[name](sizes[j]), args.repeat))
        for a, b in itertools.pairwise(times):
            ratio = b / max(a, 1e-9)
            judged = b >= args.floor
            ratios.append(f"{ratio:5.2f}" + ("" if judged else "~"))
            if judged and ratio > args.max_ratio:
                failures.append(f"{name}: ratio {ratio:.2f} > {args.max_ratio}")
        cells = "".join(f"{t:9.3f}s" for t in times) + " " * 10 * (len(sizes) - len(times))
        print(f"{name:30s}{cells}   {' '.join(ratios)}", flush=True)
    print("(~: both runs below the noise floor, not judged)")
    if failures:
        print("NOT LINEAR:\n  " + "\n  ".join(failures))
        return 1
    print("all shapes linear")
    return 0


if __name__ == "__main__":
    sys.exit(main())
