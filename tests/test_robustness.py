"""Nothing is lost on bad input, and pathological text is processed (in linear time).

Timings belong in ``benchmarks/pathological.py``; these tests check behaviour:
caps, broken-up text, one failing paper among good ones, the command line's
counts, error files and exit statuses, and outputs left untouched when a run
is interrupted.
"""

from __future__ import annotations

import gzip
import json
import signal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import abstractparse
from abstractparse.cli import main
from abstractparse.components.numbers import NumberFinder
from abstractparse.io import JsonlWriter
from abstractparse.models import ErrorEntry, PaperInput
from abstractparse.normalize import MAX_RUN, MAX_URL, MAX_WORD, cap_text, guard_text
from test_offsets import _check

GOOD = "We propose FooNet, which reaches 85.4% top-1 accuracy on ImageNet."


def _jsonl(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def _papers_file(tmp_path, abstracts, name="in.jsonl"):
    src = tmp_path / name
    src.write_text("".join(json.dumps({"id": f"p{i}", "title": "T", "abstract": a}) + "\n"
                           for i, a in enumerate(abstracts)))
    return src


# -- caps ---------------------------------------------------------------------------------

def test_long_abstract_is_cut_at_a_space_with_a_warning():
    text = GOOD + " " + "filler words here " * 2000  # about 36,000 characters
    rec = abstractparse.parse(text, max_chars=1000)
    assert len(rec.abstract) <= 1000 and not rec.abstract.endswith(" ")
    assert text.startswith(rec.abstract) and text[len(rec.abstract)] == " "
    assert rec.warnings == [f"abstract truncated from {len(text.strip())} to {len(rec.abstract)} characters"]
    assert rec.method.name == "FooNet" and rec.results[0].value == 85.4
    _check(rec)


def test_default_caps_and_no_cap():
    text = "word " * 5000  # 24,999 characters after normalization
    assert len(abstractparse.parse(text).abstract) <= abstractparse.DEFAULT_MAX_CHARS
    assert len(abstractparse.parse(text, max_chars=None).abstract) == 24_999
    rec = abstractparse.parse(GOOD, title="Title " * 1000)
    assert len(rec.title) <= abstractparse.DEFAULT_MAX_TITLE_CHARS
    assert rec.warnings[0].startswith("title truncated from 5999 to ")


def test_content_id_does_not_depend_on_the_cap():
    text = GOOD + " more words" * 50
    assert abstractparse.parse(text, max_chars=100).id == abstractparse.parse(text, max_chars=None).id
    assert abstractparse.parse(text, id="mine", max_chars=100).id == "mine"


def test_cap_without_a_space_nearby_cuts_hard():
    assert cap_text("x" * 50, 20) == "x" * 20
    assert cap_text("short", 20) == "short"
    assert cap_text("anything", None) == "anything"


def test_cli_max_chars(tmp_path, capsys):
    src = _papers_file(tmp_path, [GOOD + " more" * 100])
    assert main(["parse", str(src), "--max-chars", "100", "-q"]) == 0
    (rec,) = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(rec["abstract"]) <= 100 and "truncated" in rec["warnings"][0]
    assert main(["parse", str(src), "--max-chars", "0", "-q"]) == 0  # 0: no cap
    (rec,) = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert rec["warnings"] == []


# -- pathological text ----------------------------------------------------------------------

PATHOLOGICAL = {
    "open parens": "(" * 5000,
    "close brackets": "]" * 5000,
    "braces": "{" * 5000,
    "percent signs": "%" * 5000,
    "nesting": "(" * 2500 + "a" + ")" * 2500,
    "mixed brackets": "([{" * 2000,
    "dotted digits": "1." * 3000,
    "digits": "1234567890" * 500,
    "one huge word": "abcdefghij" * 500,
    "repeated scheme": "http://" * 800,
    "results without periods": "85.4% top-1 accuracy on ImageNet " * 200,
    "acronyms without periods": "Fast Object Network (FON) " * 200,
}


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_text_is_processed_and_nothing_is_dropped(name):
    text = PATHOLOGICAL[name]
    rec = abstractparse.parse(text, max_chars=None)
    assert rec.abstract.replace(" ", "") == text.replace(" ", "")  # only spaces were added
    _check(rec)


def test_runs_and_long_words_are_broken_up_and_reported():
    rec = abstractparse.parse("before " + "(" * 40 + " " + "a" * 250 + " after")
    assert "(" * MAX_RUN + " " + "(" * MAX_RUN in rec.abstract
    assert max(len(w) for w in rec.abstract.split()) <= MAX_WORD
    assert rec.warnings == [
        f"abstract: 1 run(s) of more than {MAX_RUN} punctuation characters broken up with spaces",
        f"abstract: 1 word(s) longer than {MAX_WORD} characters broken up with spaces",
    ]


def test_a_long_word_breaks_after_punctuation_when_it_can():
    word = "-".join(["segment"] * 30)
    pieces = guard_text(word)[0].split(" ")
    assert all(p.endswith("-") for p in pieces[:-1]) and "".join(pieces) == word


def test_long_links_survive_whole():
    url = "https://github.com/example/" + "a/b-c_d" * 70  # 517 characters
    rec = abstractparse.parse(f"Code is available at {url} today.")
    assert [u.url for u in rec.urls] == [url] and rec.warnings == []
    huge = "https://example.org/" + "x" * MAX_URL
    assert guard_text(huge)[0] != huge  # past MAX_URL even a link is cut


def test_ordinary_text_is_not_touched():
    text = ("We propose FooNet (https://github.com/a/b), which reaches 85.4% top-1 accuracy "
            "on ImageNet-1K... -- see Tab. 2 [12, 13] (i.e., +1.2 mIoU).")
    assert guard_text(text) == (text, [])


RUNS = st.lists(st.tuples(st.sampled_from([*"([{}])%.-/:=1a é🙂", "http://", "\u0301"]),
                          st.integers(1, 60)), max_size=12)


@settings(max_examples=200, deadline=None)
@given(RUNS)
def test_guard_only_adds_spaces_bounds_chunks_and_is_idempotent(runs):
    text = "".join(piece * n for piece, n in runs)
    guarded, notes = guard_text(text)
    assert guarded.replace(" ", "") == text.replace(" ", "")
    assert guard_text(guarded) == (guarded, [])
    for chunk in guarded.split():
        assert len(chunk) <= (MAX_URL if "://" in chunk else MAX_WORD)
    assert bool(notes) == (guarded != text)


@settings(max_examples=60, deadline=None)
@given(RUNS, st.integers(1, 400))
def test_pathological_runs_through_parse_keep_offsets(runs, cap):
    text = "".join(piece * n for piece, n in runs)
    _check(abstractparse.parse(text, title=text[:50], max_chars=cap))


def test_very_long_sentences_are_cut_for_the_components(nlp):
    from abstractparse.pipeline import MAX_SENTENCE_CHARS, MAX_SENTENCE_TOKENS

    doc = nlp("word " * 1000 + "end. Short one.")
    lengths = [len(s) for s in doc.sents]
    assert max(lengths) <= MAX_SENTENCE_TOKENS + 1 and sum(lengths) == len(doc)
    assert lengths[-1] == 3  # real sentence ends are kept
    doc = nlp(" ".join(["x" * 90] * 100) + ". Short one.")
    assert max(len(s.text) for s in doc.sents) <= MAX_SENTENCE_CHARS + 91
    doc = nlp("T\n\n" + "85.4% " * 600)
    assert all(s[0].text in {"T", "85.4"} for s in doc.sents)  # never between 85.4 and %


# -- one failing paper ----------------------------------------------------------------------

@pytest.fixture
def boom(monkeypatch):
    """Make the numbers component raise on any text containing BOOM."""
    original = NumberFinder.__call__

    def failing(self, doc):
        if "BOOM" in doc.text:
            raise RuntimeError("numbers exploded")
        return original(self, doc)

    monkeypatch.setattr(NumberFinder, "__call__", failing)


def test_a_failing_paper_becomes_one_internal_error(boom):
    papers = [PaperInput(id=f"p{i}", abstract=GOOD + (" BOOM" if i == 2 else "")) for i in range(5)]
    errors: list[ErrorEntry] = []
    records = list(abstractparse.parse_inputs(papers, batch_size=4, errors=errors))
    assert [r.id for r in records] == ["p0", "p1", "p3", "p4"]
    assert all(r.method and r.method.name == "FooNet" for r in records)
    (err,) = errors
    assert err.kind == "internal" and err.index == 2 and err.path == "<input>"
    assert "'p2'" in err.message and "RuntimeError: numbers exploded" in err.message


def test_without_an_errors_list_the_failure_is_raised(boom):
    with pytest.raises(RuntimeError):
        abstractparse.parse(GOOD + " BOOM")


def test_cli_reports_the_failing_paper_and_goes_on(tmp_path, capsys, boom):
    src = _papers_file(tmp_path, [GOOD, GOOD + " BOOM", GOOD])
    out = tmp_path / "out.jsonl"
    assert main(["parse", str(src), "-o", str(out)]) == 1
    assert [r["id"] for r in _jsonl(out)] == ["p0", "p2"]
    (err,) = _jsonl(tmp_path / "out.jsonl.errors.jsonl")
    assert (err["path"], err["line"], err["index"], err["kind"]) == (str(src), 2, 1, "internal")
    assert "read 3 items, wrote 2 records, rejected 1" in capsys.readouterr().err


# -- the command line's contract ------------------------------------------------------------

def test_counts_add_up_across_files_and_errors_are_in_input_order(tmp_path, capsys):
    a = _papers_file(tmp_path, [GOOD, GOOD], "a.jsonl")
    b = tmp_path / "b.jsonl"
    b.write_text('{"title": "T", "abstract": "x"}\nnot json\n[1]\n{"title": \n')
    out = tmp_path / "out.jsonl"
    assert main(["parse", str(a), str(b), "-o", str(out)]) == 1
    errors = _jsonl(tmp_path / "out.jsonl.errors.jsonl")
    records = _jsonl(out)
    assert [e["line"] for e in errors] == [2, 3, 4] and len(records) == 3
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err == (f"abstractparse: read 6 items, wrote 3 records, rejected 3; "
                   f"errors in {out}.errors.jsonl")


def test_errors_go_to_the_named_file(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("not json\n")
    errors = tmp_path / "errs.jsonl"
    assert main(["parse", str(src), "-o", str(tmp_path / "out.jsonl"), "--errors", str(errors), "-q"]) == 1
    assert [e["kind"] for e in _jsonl(errors)] == ["json"]
    assert not (tmp_path / "out.jsonl.errors.jsonl").exists()


def test_without_output_file_errors_are_listed_on_stderr(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text("".join("oops\n" for _ in range(25)))
    assert main(["parse", str(src)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"abstractparse: {src}:1: json: ")
    assert err[-2] == "abstractparse: ... and 5 more errors"
    assert err[-1] == "abstractparse: read 25 items, wrote 0 records, rejected 25"


def test_a_stale_default_errors_file_is_emptied(tmp_path):
    src = _papers_file(tmp_path, [GOOD])
    stale = tmp_path / "out.jsonl.errors.jsonl"
    stale.write_text('{"old": true}\n')
    assert main(["parse", str(src), "-o", str(tmp_path / "out.jsonl"), "-q"]) == 0
    assert stale.read_text() == ""


def test_append_adds_records_and_errors(tmp_path):
    good = _papers_file(tmp_path, [GOOD])
    bad = tmp_path / "bad.jsonl"
    bad.write_text("nope\n")
    out = tmp_path / "out.jsonl"
    assert main(["parse", str(good), str(bad), "-o", str(out), "-q"]) == 1
    assert main(["parse", str(good), str(bad), "-o", str(out), "--append", "-q"]) == 1
    assert len(_jsonl(out)) == 2 and len(_jsonl(tmp_path / "out.jsonl.errors.jsonl")) == 2


@pytest.mark.parametrize("argv, words", [
    (["/no/such/file.jsonl"], ["cannot read /no/such/file.jsonl", "no such file"]),
    (["/no/such/*.jsonl"], ["no file matches /no/such/*.jsonl"]),
    (["{tmp}/empty-dir"], ["no input files in {tmp}/empty-dir"]),
    (["{tmp}/in.jsonl", "-o", "{tmp}/missing/out.jsonl"], ["cannot write output", "missing"]),
    (["{tmp}/in.jsonl", "-o", "{tmp}"], ["cannot write output {tmp}", "is a directory"]),
    (["{tmp}/in.jsonl", "--gazetteer", "{tmp}/nope.jsonl"], ["cannot read gazetteer {tmp}/nope.jsonl"]),
    (["{tmp}/in.jsonl", "--gazetteer", "{tmp}/bad-gazetteer.jsonl"], ["bad-gazetteer.jsonl"]),
    (["{tmp}/broken.jsonl.gz"], ["cannot read {tmp}/broken.jsonl.gz"]),
])
def test_nothing_readable_exits_2_with_one_line(tmp_path, capsys, argv, words):
    (tmp_path / "empty-dir").mkdir()
    _papers_file(tmp_path, [GOOD])
    (tmp_path / "bad-gazetteer.jsonl").write_text('{"aliases": 3}\n')
    (tmp_path / "broken.jsonl.gz").write_bytes(gzip.compress(b'{"abstract": "x"}\n' * 50)[:30])
    argv = [a.format(tmp=tmp_path) for a in argv]
    assert main(["parse", *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("abstractparse: error: ") and "Traceback" not in err
    for word in words:
        assert word.format(tmp=tmp_path) in err


def test_an_unreadable_file_among_readable_ones_is_one_error(tmp_path, capsys):
    good = _papers_file(tmp_path, [GOOD])
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(gzip.compress(b'{"abstract": "x"}\n' * 50)[:30])
    out = tmp_path / "out.jsonl"
    assert main(["parse", str(broken), str(good), "-o", str(out)]) == 1
    (err,) = _jsonl(tmp_path / "out.jsonl.errors.jsonl")
    assert err["kind"] == "read" and err["path"] == str(broken)
    assert "read 2 items, wrote 1 record, rejected 1" in capsys.readouterr().err


def test_a_reader_crash_is_one_internal_error(tmp_path, capsys, monkeypatch):
    from abstractparse.readers import REGISTRY, Format

    def crashing(stream, path):
        yield PaperInput(title="T", abstract=GOOD)
        raise ZeroDivisionError("reader bug")

    monkeypatch.setitem(REGISTRY, "jsonl", Format("jsonl", crashing, "crashes", (".jsonl",)))
    src = _papers_file(tmp_path, [GOOD])
    assert main(["parse", str(src), "--format", "jsonl", "-q"]) == 1
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 1  # the item read before the crash is kept
    assert main(["parse", str(src), "--format", "jsonl", "-o", str(tmp_path / "o.jsonl"), "-q"]) == 1
    (err,) = _jsonl(tmp_path / "o.jsonl.errors.jsonl")
    assert err["kind"] == "internal" and "ZeroDivisionError: reader bug" in err["message"]
    assert err["index"] == 1


def test_a_file_of_unknown_format_is_an_error_or_exit_2(tmp_path, capsys, monkeypatch):
    import abstractparse.readers as readers

    def undetected(stream, path, formats):
        if path.endswith(".weird"):
            raise readers.UnknownFormatError("no reader recognises this content")
        return "jsonl"

    monkeypatch.setattr(readers, "detect_format", undetected)
    weird = tmp_path / "a.weird"
    weird.write_text("???\n")
    good = _papers_file(tmp_path, [GOOD])
    assert main(["parse", str(weird)]) == 2
    assert capsys.readouterr().err == (f"abstractparse: error: cannot read {weird}: "
                                       f"no reader recognises this content\n")
    assert main(["parse", str(weird), str(good), "-o", str(tmp_path / "o.jsonl"), "-q"]) == 1
    (err,) = _jsonl(tmp_path / "o.jsonl.errors.jsonl")
    assert err["kind"] == "format" and err["path"] == str(weird)


# -- interrupted runs -----------------------------------------------------------------------

def _interrupt_after_first_record(monkeypatch, raiser):
    real = abstractparse.parse_inputs

    def interrupted(*args, **kwargs):
        for i, record in enumerate(real(*args, **kwargs)):
            if i == 1:
                raiser()
            yield record

    monkeypatch.setattr(abstractparse, "parse_inputs", interrupted)


def _sigterm():
    signal.raise_signal(signal.SIGTERM)


def _ctrl_c():
    raise KeyboardInterrupt


@pytest.mark.parametrize("raiser, status", [(_ctrl_c, 130), (_sigterm, 143)])
@pytest.mark.parametrize("append", [False, True])
def test_an_interrupted_run_leaves_the_outputs_untouched(tmp_path, capsys, monkeypatch,
                                                        raiser, status, append):
    src = _papers_file(tmp_path, [GOOD, "not a paper", GOOD])
    src.write_text(src.read_text() + "broken line\n")
    out = tmp_path / "out.jsonl"
    out.write_text('{"previous": "run"}\n')
    errs = tmp_path / "out.jsonl.errors.jsonl"
    errs.write_text('{"previous": "errors"}\n')
    _interrupt_after_first_record(monkeypatch, raiser)
    assert main(["parse", str(src), "-o", str(out), *(["--append"] if append else [])]) == status
    assert out.read_text() == '{"previous": "run"}\n'
    assert errs.read_text() == '{"previous": "errors"}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl", "out.jsonl.errors.jsonl"]
    assert f"{out} was left unchanged" in capsys.readouterr().err
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # main restored the handler


def test_append_that_fails_while_copying_cuts_the_target_back(tmp_path, monkeypatch):
    import shutil

    from abstractparse.models import SourceLocation

    target = tmp_path / "out.jsonl"
    target.write_bytes(b'{"a": 1}\n{"b": 2')  # a last line without its newline

    def half_copy(src, dst, *args):
        dst.write(src.read(5))
        raise OSError("disk full")

    monkeypatch.setattr(shutil, "copyfileobj", half_copy)
    with pytest.raises(OSError), JsonlWriter(target, append=True) as w:
        w.write(SourceLocation(path="x"))
    assert target.read_bytes() == b'{"a": 1}\n{"b": 2'
    monkeypatch.undo()
    with JsonlWriter(target, append=True) as w:
        w.write(SourceLocation(path="x"))
    assert target.read_bytes() == b'{"a": 1}\n{"b": 2\n{"path":"x","line":null,"index":null}\n'


def test_replaced_output_gets_ordinary_permissions(tmp_path):
    import os
    import stat

    from abstractparse.models import SourceLocation

    target = tmp_path / "new.jsonl"
    with JsonlWriter(target) as w:
        w.write(SourceLocation(path="x"))
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_spacy_length_guard_does_not_reject_uncapped_text(nlp):
    # Without caps, text past spaCy's default 1,000,000 characters must still be processed.
    assert nlp.max_length >= 100_000_000
