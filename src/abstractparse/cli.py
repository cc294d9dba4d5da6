"""Command line: a thin layer over the library.

    abstractparse parse INPUT... [-o OUT] [--format F] [--errors FILE] [--gazetteer FILE]
    abstractparse evaluate GOLD PRED [--show-errors] [--json]
    abstractparse schema [--kind record|error]

Exit status: 0 success; 1 some input items were rejected; 2 usage errors or
unreadable inputs (one line on stderr naming the path, no traceback).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from . import __version__


class UsageError(Exception):
    """A problem with the command line or an input path (exit status 2)."""


def _build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="abstractparse",
        description="Extract typed, source-grounded records from ML paper abstracts.")
    ap.add_argument("--version", action="version", version=f"abstractparse {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("parse", help="extract records from input files to JSON Lines",
                       description="Extract one record per paper from the inputs, as JSON Lines.")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="files, directories or glob patterns; '-' reads standard input")
    p.add_argument("-o", "--output", metavar="OUT", help="output file (default: standard output)")
    from .readers import FORMATS
    p.add_argument("--format", default="auto", choices=FORMATS,
                   help="input format (default: detected per file)")
    p.add_argument("--errors", metavar="FILE",
                   help="write error entries here as JSON Lines (default: OUT.errors.jsonl "
                        "beside -o when there are errors)")
    p.add_argument("--gazetteer", action="append", default=[], metavar="FILE",
                   help="extra JSON Lines file of dataset or metric names (repeatable)")
    p.add_argument("--append", action="store_true", help="append to OUT instead of replacing it")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress or summary on stderr")

    e = sub.add_parser("evaluate", help="score predictions against gold annotations",
                       description="Score PRED records against GOLD annotations (JSON Lines).")
    e.add_argument("gold")
    e.add_argument("pred")
    e.add_argument("--show-errors", action="store_true", help="list every miss and extra")
    e.add_argument("--json", action="store_true", help="print the scores as JSON")
    e.add_argument("--ids", metavar="FILE",
                   help="score only the gold papers whose ids are listed in FILE (one per line)")

    s = sub.add_parser("schema", help="print the JSON Schema of the output records",
                       description="Print the JSON Schema of a record or an error entry.")
    s.add_argument("--kind", choices=("record", "error"), default="record")
    return ap


def expand_inputs(patterns: Sequence[str]) -> list[str]:
    """Paths for the given files, directories and glob patterns; raises UsageError when empty."""
    paths: list[str] = []
    for pattern in patterns:
        if pattern == "-":
            paths.append(pattern)
        elif os.path.isdir(pattern):
            found = sorted(str(p) for p in Path(pattern).rglob("*")
                           if p.is_file() and not any(part.startswith(".") for part in p.parts))
            paths.extend(found)
        elif any(ch in pattern for ch in "*?["):
            matches = sorted(glob.glob(pattern, recursive=True))
            if not matches:
                raise UsageError(f"no file matches {pattern}")
            paths.extend(m for m in matches if os.path.isfile(m))
        else:
            if not os.path.exists(pattern):
                raise UsageError(f"cannot read {pattern}: no such file or directory")
            if not os.access(pattern, os.R_OK):
                raise UsageError(f"cannot read {pattern}: permission denied")
            paths.append(pattern)
    return paths


class Progress:
    """A one-line progress counter on stderr, shown only on a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.start = time.monotonic()
        self.last = 0.0

    def update(self, done: int) -> None:
        now = time.monotonic()
        if self.enabled and now - self.last > 0.2:
            self.last = now
            rate = done / max(now - self.start, 1e-9)
            sys.stderr.write(f"\rabstractparse: {done} papers ({rate:.0f}/s)")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\033[K")


def _cmd_parse(args: argparse.Namespace) -> int:
    from . import parse_inputs
    from .io import JsonlWriter
    from .models import ErrorEntry, PaperInput
    from .readers import read_path

    paths = expand_inputs(args.inputs)
    for g in args.gazetteer:
        if not os.path.isfile(g):
            raise UsageError(f"cannot read gazetteer {g}: no such file")
    errors: list[ErrorEntry] = []
    read = 0

    def inputs() -> Iterator[PaperInput]:
        nonlocal read
        for path in paths:
            try:
                items = read_path(path, args.format)
                for item in items:
                    read += 1
                    if isinstance(item, ErrorEntry):
                        errors.append(item)
                    else:
                        yield item
            except OSError as exc:
                raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None

    progress = Progress(not args.quiet)
    try:
        gazetteers = [str(Path(g).resolve()) for g in args.gazetteer]
        with JsonlWriter(args.output, append=args.append) as out:
            for record in parse_inputs(inputs(), gazetteers):
                out.write(record)
                progress.update(out.count)
    except ValueError as exc:  # a malformed gazetteer file
        raise UsageError(str(exc)) from None
    finally:
        progress.close()
    written = out.count
    if errors:
        err_path = args.errors or (f"{args.output}.errors.jsonl"
                                   if args.output and args.output != "-" else None)
        if err_path:
            with JsonlWriter(err_path, append=False) as ew:
                for entry in errors:
                    ew.write(entry)
        elif not args.quiet:
            for entry in errors[:20]:
                loc = f"{entry.path}:{entry.line}" if entry.line else f"{entry.path}[{entry.index}]"
                sys.stderr.write(f"abstractparse: {loc}: {entry.kind}: {entry.message}\n")
    elif args.errors:
        with JsonlWriter(args.errors):
            pass
    if not args.quiet:
        sys.stderr.write(f"abstractparse: read {read} items, wrote {written} records, "
                         f"rejected {len(errors)}\n")
    if paths and read == 0 and not errors:
        return 0
    return 1 if errors else 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluate import read_jsonl, score, table

    for path in (args.gold, args.pred):
        if not os.path.isfile(path):
            raise UsageError(f"cannot read {path}: no such file")
    gold, pred = read_jsonl(args.gold), read_jsonl(args.pred)
    if args.ids:
        wanted = set(Path(args.ids).read_text("utf-8").split())
        gold = [g for g in gold if str(g.get("id")) in wanted]
    counts, unpaired = score(gold, pred)
    if args.show_errors:
        for c in counts.values():
            for line in c.errors:
                print(line)
    if args.json:
        print(json.dumps({"papers": len(gold), "unpaired": unpaired,
                          "scores": {f: c.scores() for f, c in counts.items()}}))
    else:
        print(table(counts, len(gold), unpaired))
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from .models import ErrorEntry, PaperRecord

    model = PaperRecord if args.kind == "record" else ErrorEntry
    print(json.dumps(model.model_json_schema(), indent=2))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``abstractparse`` command."""
    args = _build_parser().parse_args(argv)
    commands = {"parse": _cmd_parse, "evaluate": _cmd_evaluate, "schema": _cmd_schema}
    try:
        return commands[args.command](args)
    except UsageError as exc:
        sys.stderr.write(f"abstractparse: error: {exc}\n")
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        sys.stderr.write("abstractparse: interrupted\n")
        return 130


if __name__ == "__main__":
    sys.exit(main())
