"""The command line: outputs, errors, exit codes, and agreement with the gold scorer."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from abstractparse.cli import main
from conftest import FIXTURES, SHARED

EXAMPLE = str(FIXTURES / "example" / "trending-page.txt")


def test_parse_example_to_file(tmp_path, capsys):
    out = tmp_path / "papers.jsonl"
    assert main(["parse", EXAMPLE, "-o", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["method"]["name"] if r["method"] else None for r in records] == [
        "FlowPrune", "ReVerify", None]
    assert "read 3 items, wrote 3 records, rejected 0" in capsys.readouterr().err
    assert not list(tmp_path.glob(".papers.jsonl.*"))  # the temporary file was renamed


def test_bad_lines_are_reported_and_exit_status_is_1(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text('{"title": "T", "abstract": "We get 80% accuracy on MNIST."}\n{"title": \n')
    out = tmp_path / "out.jsonl"
    assert main(["parse", str(src), "-o", str(out)]) == 1
    assert len(out.read_text().splitlines()) == 1
    (err,) = [json.loads(x) for x in (tmp_path / "out.jsonl.errors.jsonl").read_text().splitlines()]
    assert err["line"] == 2 and err["kind"] == "json" and err["path"] == str(src)
    assert "rejected 1" in capsys.readouterr().err


def test_missing_input_exits_2_with_one_line(capsys):
    assert main(["parse", "/no/such/file.txt"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "/no/such/file.txt" in err


def test_usage_error_exits_2():
    with pytest.raises(SystemExit) as exc:
        main(["parse"])
    assert exc.value.code == 2


def test_schema_lists_record_keys(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert {"id", "title", "abstract", "method", "datasets", "metrics", "results", "code_urls",
            "urls"} <= set(schema["properties"])


def test_user_gazetteer_adds_names(tmp_path, capsys):
    gaz = tmp_path / "my-datasets.jsonl"
    gaz.write_text('{"name": "ZorbSet", "aliases": ["Zorb Set"]}\n')
    src = tmp_path / "in.jsonl"
    src.write_text('{"title": "T", "abstract": "We reach 91.2% accuracy on the zorbset split."}\n'
                   '{"title": "U", "abstract": "We reach 91.2% accuracy on ZorbSet."}\n')
    assert main(["parse", str(src), "--gazetteer", str(gaz), "-q"]) == 0
    records = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [[d["name"] for d in r["datasets"]] for r in records] == [[], ["ZorbSet"]]


@pytest.mark.skipif(not (SHARED / "gold" / "score.py").exists(), reason="needs ../shared")
def test_evaluate_prints_the_same_table_as_score_py(tmp_path, capsys):
    pred = tmp_path / "seed.jsonl"
    main(["parse", str(SHARED / "corpus" / "hf-trending-papers.txt"), "-o", str(pred), "-q"])
    gold = str(SHARED / "gold" / "seed.gold.jsonl")
    capsys.readouterr()
    main(["evaluate", gold, str(pred)])
    ours = capsys.readouterr().out
    theirs = subprocess.run([sys.executable, str(SHARED / "gold" / "score.py"), gold, str(pred)],
                            capture_output=True, text=True, check=True).stdout
    assert ours == theirs
