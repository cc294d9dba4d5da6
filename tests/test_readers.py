"""Readers: the copied trending page and JSON / JSON Lines, with bad input."""

from __future__ import annotations

import gzip
import io
import json

from abstractparse.models import ErrorEntry, PaperInput
from abstractparse.readers import hfpage, jsonlines, read_path
from conftest import FIXTURES

ABSTRACT = ("We propose TinyNet, a small network for image classification. It reaches "
            "80.1% top-1 accuracy on ImageNet while using 3x fewer FLOPs than the baseline.")


def read_page(text: str) -> list:
    return list(hfpage.read(io.BytesIO(text.encode()), "page.txt"))


def test_page_chrome_is_skipped_and_cards_become_papers():
    page = ("new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\n"
            "byAK and the research community\n\nMar 13\n\n"
            "Submitted by someone\nPublished on Mar 12\n\n"
            f"TinyNet: Small Networks\n\n{ABSTRACT}\n\nGitHub 3.29k\narXiv Page\n- 8 authors\n\n42\n")
    items = read_page(page)
    assert [i.title for i in items] == ["TinyNet: Small Networks"]
    assert items[0].abstract == ABSTRACT
    assert items[0].source.line == 14  # the title line


def test_wrapped_title_is_joined_and_repeated_card_kept_once():
    card = f"TinyNet: Small Networks for\nImage Classification\n\n{ABSTRACT}\n\n"
    items = read_page(card + "Upvote 12\n\n" + card)
    assert len(items) == 1
    assert items[0].title == "TinyNet: Small Networks for Image Classification"


def test_invalid_utf8_line_is_an_error_entry_and_reading_goes_on():
    data = b"Title One\n\n" + ABSTRACT.encode() + b"\n\n\xff\xfe broken\n\nTitle Two\n\n" + \
        ABSTRACT.encode() + b"\n"
    items = list(hfpage.read(io.BytesIO(data), "page.txt"))
    errors = [i for i in items if isinstance(i, ErrorEntry)]
    papers = [i for i in items if isinstance(i, PaperInput)]
    assert [e.line for e in errors] == [5]
    assert [p.title for p in papers] == ["Title One", "Title Two"]


def test_jsonl_good_and_bad_lines():
    lines = [
        json.dumps({"id": "a1", "title": "T1", "abstract": "Some text."}),
        '{"title": "cut off',
        json.dumps([1, 2]),
        json.dumps({"summary": "Only a summary.", "title": "T2"}),
        json.dumps({"foo": "bar"}),
    ]
    items = list(jsonlines.read(io.BytesIO("\n".join(lines).encode()), "in.jsonl"))
    kinds = [i.kind if isinstance(i, ErrorEntry) else "paper" for i in items]
    assert kinds == ["paper", "json", "not_object", "paper", "missing_fields"]
    assert items[0].id == "a1"
    assert items[3].abstract == "Only a summary."
    assert items[1].line == 2


def test_json_document_with_hf_daily_shape(tmp_path):
    doc = [{"paper": {"id": "2403.00001", "title": "X", "summary": "Hard\nwrapped  text.",
                      "githubRepo": "https://github.com/a/b"}}]
    path = tmp_path / "daily.json"
    path.write_text(json.dumps(doc, indent=2))
    (item,) = list(read_path(str(path)))
    assert item.id == "2403.00001"
    assert item.abstract == "Hard wrapped text."
    assert item.code_urls == ["https://github.com/a/b"]


def test_gzip_input_is_detected_by_magic_bytes(tmp_path):
    path = tmp_path / "papers.jsonl.gz"
    with gzip.open(path, "wt") as f:
        f.write(json.dumps({"title": "T", "abstract": "A."}) + "\n")
    (item,) = list(read_path(str(path)))
    assert item.title == "T"


def test_empty_file_yields_nothing(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"")
    assert list(read_path(str(path))) == []


def test_bundled_example_reads_three_papers():
    items = list(read_path(str(FIXTURES / "example" / "trending-page.txt")))
    assert len(items) == 3
    assert all(isinstance(i, PaperInput) for i in items)


def test_text_is_normalized_once(tmp_path):
    """An escaped entity decoded by the reader is not decoded a second time by extraction."""
    import abstractparse

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"title": "A &amp;lt; B", "abstract": "We compare A &amp;lt; B."}) + "\n")
    [rec] = list(abstractparse.parse_file(str(src)))
    assert rec.title == "A &lt; B"
    assert rec.abstract == "We compare A &lt; B."


def test_mojibake_is_repaired_where_clear():
    from abstractparse.normalize import normalize_text

    assert normalize_text("Itâ€™s CafÃ© at 5Â°C") == "It’s Café at 5°C"
    assert normalize_text("SÃO Paulo and naïve “quotes”") == "SÃO Paulo and naïve “quotes”"
