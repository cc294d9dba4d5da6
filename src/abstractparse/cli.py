"""Command line: a thin layer over the library.

    abstractparse parse INPUT... [-o OUT] [--format F] [--errors FILE] [--gazetteer FILE]
                       [--max-chars N] [--max-title-chars N] [--append] [-q]
    abstractparse evaluate GOLD PRED [--show-errors] [--json]
    abstractparse schema [--kind record|error]

``parse`` turns every input item into exactly one record or one error entry
(items read = records written + items rejected).  Error entries go to
``--errors FILE``, by default ``OUT.errors.jsonl`` beside ``-o OUT``, or to
stderr when writing to stdout; a summary line on stderr counts items read,
records written and items rejected.  Outputs appear only when the run
completes (see :mod:`abstractparse.io`).

Exit status: 0 every item became a record; 1 some input items were rejected;
2 usage errors or nothing readable (one line on stderr naming the path, no
traceback); 130 interrupted (Ctrl-C); 143 terminated (SIGTERM).
"""

from __future__ import annotations

import argparse
import glob
import json
import lzma
import os
import signal
import sys
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import DEFAULT_MAX_CHARS, DEFAULT_MAX_TITLE_CHARS, __version__

if TYPE_CHECKING:
    from .models import ErrorEntry, PaperInput

# Failures that mean a file's bytes could not be read (as opposed to a reader bug).
_READ_ERRORS = (OSError, EOFError, lzma.LZMAError, zlib.error)
_SHOWN_ERRORS = 20


class UsageError(Exception):
    """A problem with the command line or an input path (exit status 2)."""


class Terminated(BaseException):
    """Raised in the main thread on SIGTERM, so that outputs are cleaned up like on Ctrl-C."""


def _cap(value: str) -> int | None:
    """``--max-chars`` values: a positive number of characters, or 0 for no cap."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of characters: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("must be 0 (no cap) or more")
    return n or None


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
                        "beside -o; without -o, stderr)")
    p.add_argument("--gazetteer", action="append", default=[], metavar="FILE",
                   help="extra JSON Lines file of dataset or metric names (repeatable)")
    p.add_argument("--max-chars", type=_cap, default=DEFAULT_MAX_CHARS, metavar="N",
                   help=f"cut abstracts longer than N characters, with a warning in the record "
                        f"(default {DEFAULT_MAX_CHARS}; 0: no cap)")
    p.add_argument("--max-title-chars", type=_cap, default=DEFAULT_MAX_TITLE_CHARS, metavar="N",
                   help=f"cut titles longer than N characters (default {DEFAULT_MAX_TITLE_CHARS}; 0: no cap)")
    p.add_argument("--append", action="store_true",
                   help="append to OUT (and to the errors file) instead of replacing it")
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


def _check_writable(path: str, what: str, append: bool) -> None:
    """Raise UsageError unless ``path`` can be created or replaced (or appended to)."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise UsageError(f"cannot write {what} {path}: is a directory")
    if not directory.is_dir():
        raise UsageError(f"cannot write {what} {path}: no such directory {directory}")
    if not os.access(directory, os.W_OK | os.X_OK) or (
            append and target.exists() and not os.access(target, os.W_OK)):
        raise UsageError(f"cannot write {what} {path}: permission denied")


def _errors_path(args: argparse.Namespace) -> str | None:
    if args.errors:
        return str(args.errors)
    if args.output and args.output != "-":
        return f"{args.output}.errors.jsonl"
    return None


def _read_inputs(paths: list[str], fmt: str, errors: list[ErrorEntry],
                 stats: dict[str, int]) -> Iterator[PaperInput]:
    """The papers of ``paths``; unreadable items and files become error entries.

    ``stats["read"]`` counts input items (an unreadable file or a reader
    failure counts as one item), ``stats["unreadable"]`` the files of which
    nothing at all could be read.
    """
    from .models import ErrorEntry
    from .readers import UnknownFormatError, read_path

    for path in paths:
        seen = 0
        try:
            for item in read_path(path, fmt):
                seen += 1
                stats["read"] += 1
                if isinstance(item, ErrorEntry):
                    errors.append(item)
                else:
                    yield item
        except UnknownFormatError as exc:
            stats["read"] += 1
            stats["unreadable"] += seen == 0
            errors.append(ErrorEntry(path=path, index=seen, kind="format",
                                     message=f"cannot read {path}: {exc}"))
        except _READ_ERRORS as exc:
            stats["read"] += 1
            stats["unreadable"] += seen == 0
            reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            errors.append(ErrorEntry(path=path, index=seen, kind="read",
                                     message=f"cannot read {path}: {reason}"))
        except Exception as exc:  # a reader bug must not stop the other files
            stats["read"] += 1
            errors.append(ErrorEntry(path=path, index=seen, kind="internal",
                                     message=f"reading {path} failed after {seen} items: "
                                             f"{type(exc).__name__}: {exc}"))


def _error_order(paths: list[str]) -> Callable[[ErrorEntry], tuple[int, int, int]]:
    """Sort key putting error entries in input order (file, then position)."""
    rank = {p: i for i, p in enumerate(paths)}

    def key(entry: ErrorEntry) -> tuple[int, int, int]:
        return (rank.get(entry.path, len(paths)),
                entry.index if entry.index is not None else -1,
                entry.line if entry.line is not None else -1)
    return key


def _cmd_parse(args: argparse.Namespace) -> int:
    from . import load, parse_inputs
    from .io import JsonlWriter

    paths = expand_inputs(args.inputs)
    if not paths:
        raise UsageError(f"no input files in {' '.join(args.inputs)}")
    for g in args.gazetteer:
        if not os.path.isfile(g):
            raise UsageError(f"cannot read gazetteer {g}: no such file")
    err_path = _errors_path(args)
    if args.output and args.output != "-":
        _check_writable(args.output, "output", args.append)
    if err_path:
        _check_writable(err_path, "errors file", args.append)
    gazetteers = [str(Path(g).resolve()) for g in args.gazetteer]
    try:
        load(gazetteers)
    except (ValueError, OSError) as exc:  # a malformed gazetteer file
        raise UsageError(str(exc)) from None

    errors: list[ErrorEntry] = []
    stats = {"read": 0, "unreadable": 0}
    warned = 0
    progress = Progress(not args.quiet)
    try:
        with JsonlWriter(args.output, append=args.append) as out:
            for record in parse_inputs(_read_inputs(paths, args.format, errors, stats), gazetteers,
                                       max_chars=args.max_chars, max_title_chars=args.max_title_chars,
                                       errors=errors):
                out.write(record)
                warned += bool(record.warnings)
                progress.update(out.count)
            if stats["unreadable"] == len(paths):
                raise UsageError(errors[0].message)
            errors.sort(key=_error_order(paths))
            # Written inside the block: the records are kept only when the errors are too.
            if err_path and (errors or args.errors or (not args.append and os.path.exists(err_path))):
                with JsonlWriter(err_path, append=args.append) as ew:
                    for entry in errors:
                        ew.write(entry)
    except BrokenPipeError:
        raise  # the reader of standard output went away ("| head"): main() exits quietly
    except OSError as exc:
        raise UsageError(f"cannot write {exc.filename or args.output}: {exc.strerror or exc}") from None
    finally:
        progress.close()
    written = out.count
    if not args.quiet:
        if errors and not err_path:
            for entry in errors[:_SHOWN_ERRORS]:
                loc = f"{entry.path}:{entry.line}" if entry.line else f"{entry.path}[{entry.index}]"
                sys.stderr.write(f"abstractparse: {loc}: {entry.kind}: {entry.message}\n")
            if len(errors) > _SHOWN_ERRORS:
                sys.stderr.write(f"abstractparse: ... and {len(errors) - _SHOWN_ERRORS} more errors\n")
        where = f"; errors in {err_path}" if errors and err_path else ""
        notes = f"; {warned} record{'' if warned == 1 else 's'} with warnings" if warned else ""
        sys.stderr.write(f"abstractparse: read {_count(stats['read'], 'item')}, wrote {_count(written, 'record')}, "
                         f"rejected {len(errors)}{where}{notes}\n")
    return 1 if errors else 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


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


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``abstractparse`` command."""
    args = _build_parser().parse_args(argv)
    commands = {"parse": _cmd_parse, "evaluate": _cmd_evaluate, "schema": _cmd_schema}
    try:
        previous = signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:  # not the main thread: leave signals alone
        previous = None
    try:
        return commands[args.command](args)
    except UsageError as exc:
        sys.stderr.write(f"abstractparse: error: {exc}\n")
        return 2
    except BrokenPipeError:
        # The reader of stdout went away: silence the flush at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except (KeyboardInterrupt, Terminated) as exc:
        output = getattr(args, "output", None)
        kept = f"; {output} was left unchanged" if output and output != "-" else ""
        word = "interrupted" if isinstance(exc, KeyboardInterrupt) else "terminated"
        sys.stderr.write(f"abstractparse: {word}{kept}\n")
        return 130 if isinstance(exc, KeyboardInterrupt) else 143
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
