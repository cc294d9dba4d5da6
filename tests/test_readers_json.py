"""JSON and JSON Lines in every shape: HF daily papers, arXiv snapshot, OpenAlex, Semantic Scholar,
Papers with Code and plain objects; broken, truncated and binary input."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from abstractparse.models import ErrorEntry, PaperInput
from abstractparse.readers import REGISTRY, jsonlines, read_path
from abstractparse.readers.shapes import detect_shape, rebuild_inverted_index
from abstractparse.resources import is_code_url
from conftest import FIXTURES, SHARED

FORMATS_DIR = FIXTURES / "formats"
SHARED_FORMATS = SHARED / "corpus" / "formats"


def read_bytes(data: bytes, path: str = "in.jsonl", shape: str | None = None) -> list:
    return list(jsonlines.read_shape(io.BytesIO(data), path, shape))


def papers(items: list) -> list[PaperInput]:
    return [i for i in items if isinstance(i, PaperInput)]


def errors(items: list) -> list[ErrorEntry]:
    return [i for i in items if isinstance(i, ErrorEntry)]


# -- Hugging Face daily papers ----------------------------------------------------------------


def test_hf_daily_flat_object():
    (item,) = list(read_path(str(FORMATS_DIR / "hf-daily-flat-sample.json")))
    assert item.id == "2403.09999"
    assert item.title == "StreamTalk: Real-Time Talking Heads from a Single Photo"
    assert item.abstract.startswith("We present StreamTalk, a model that animates a single photo into a talking head")
    assert item.code_urls == ["https://github.com/example/streamtalk"]
    assert item.urls == ["https://example.github.io/streamtalk/"]


def test_hf_daily_wrapped_paper_fields_win_over_outer_ones():
    obj = {"paper": {"id": "2403.00001", "title": "Inner", "summary": "Inner text.",
                     "projectPage": "https://huggingface.co/spaces/a/demo"},
           "title": "Outer", "summary": "Outer text.", "numComments": 3}
    (item,) = read_bytes(json.dumps(obj).encode())
    assert (item.title, item.abstract) == ("Inner", "Inner text.")
    assert item.code_urls == ["https://huggingface.co/spaces/a/demo"]  # a Space is code
    assert item.urls == []


def test_shared_hf_daily_sample():
    path = SHARED_FORMATS / "hf-daily-papers-2024-03.json"
    if not path.exists():
        pytest.skip("shared sample absent")
    items = list(read_path(str(path)))
    assert len(items) == 218
    assert not errors(items)
    assert sum(1 for p in items if "https://github.com/hiyouga/LLaMA-Factory" in p.code_urls) == 1
    assert items[0].source.line == 2  # each list element knows its line


# -- arXiv metadata snapshot ------------------------------------------------------------------


def test_arxiv_oai_sample():
    items = list(read_path(str(FORMATS_DIR / "arxiv-oai-sample.jsonl")))
    assert [p.id for p in items] == ["2312.00001", "2312.00002", "math/0601001"]
    first = items[0]
    assert first.version == "v3"
    assert first.title == "LoRA-Q: Quantized Low-Rank Adapters for O(1)-Memory Fine-Tuning"
    assert first.abstract == ("We propose LoRA-Q, which quantizes low-rank adapters to 4 bits. LoRA-Q matches "
                              "full fine-tuning within 0.3 points of F1 on SQuAD and cuts memory by ∼60%, with a "
                              "learning rate of 10^-3 and >90% of weights frozen.")
    assert first.code_urls == ["https://github.com/example/lora-q_code"]
    assert first.urls == ["https://example.github.io/loraq/"]
    assert items[1].version == "v1"
    assert "github.com/old_example/code" in items[2].abstract


def test_shared_arxiv_oai_sample():
    path = SHARED_FORMATS / "arxiv-oai-snapshot-sample.jsonl"
    if not path.exists():
        pytest.skip("shared sample absent")
    items = list(read_path(str(path)))
    assert len(items) == 127
    assert not errors(items)
    assert all(p.version and p.version.startswith("v") for p in items)
    assert not any(p.abstract.startswith(" ") or "\n" in p.abstract for p in items)
    by_id = {p.id: p for p in items}
    assert by_id["0704.0036"].urls == ["http://www.math.rutgers.edu/~sontag/PUBDIR/index.html"]


# -- OpenAlex -------------------------------------------------------------------------------


def test_openalex_page():
    items = list(read_path(str(FORMATS_DIR / "openalex-sample.json")))
    assert [p.id for p in items] == ["W4000000001", "W4000000002", "W4000000003"]
    assert items[0].abstract == ("We propose SparseMix, a mixture of sparse experts for speech recognition. "
                                 "It reaches 4.1% word error rate on LibriSpeech test-clean.")
    assert items[1].title == "Damaged Index Example"  # display_name when title is null
    assert items[1].abstract == "The index has duplicate and gaps ."
    assert any("claimed twice" in w for w in items[1].warnings)
    assert any("missing position" in w for w in items[1].warnings)
    assert items[2].abstract == ""
    assert any("abstract_inverted_index" in w for w in items[2].warnings)


def test_openalex_snapshot_lines():
    works = [{"id": f"https://openalex.org/W{i}", "display_name": f"Work {i}",
              "abstract_inverted_index": {"Hello": [0], "world.": [1]}} for i in range(3)]
    data = "\n".join(json.dumps(w) for w in works).encode()
    items = read_bytes(data, "part_000.jsonl")
    assert [(p.id, p.title, p.abstract, p.source.line) for p in items] == [
        ("W0", "Work 0", "Hello world.", 1), ("W1", "Work 1", "Hello world.", 2), ("W2", "Work 2", "Hello world.", 3)]


def test_inverted_index_rebuild_rules():
    assert rebuild_inverted_index({"b": [1], "a": [0], "c": [2]}) == ("a b c", [])
    text, warnings = rebuild_inverted_index({"first": [0], "second": [0], "next": [1]})
    assert text == "first next"  # the word listed first keeps a disputed position
    assert warnings == ["abstract_inverted_index: 1 position(s) claimed twice; first word kept"]
    text, warnings = rebuild_inverted_index({"a": [0], "z": [10**12]})
    assert text == "a z"  # huge gaps cost nothing
    assert "missing position" in warnings[0]
    text, warnings = rebuild_inverted_index({"a": [0, -1, "x", True], "b": "oops"})
    assert text == "a"
    assert "invalid position" in warnings[0]
    assert rebuild_inverted_index(None) == ("", [])


def test_shared_openalex_sample():
    path = SHARED_FORMATS / "openalex-works.json"
    if not path.exists():
        pytest.skip("shared sample absent")
    items = list(read_path(str(path)))
    assert [p.id for p in items] == ["W2064815984", "W1977709885"]
    assert items[0].abstract.startswith("Functional elucidation of causal genetic variants")
    assert items[0].abstract.endswith("RNA-guided nuclease technology.")
    assert items[1].abstract == "" and items[1].warnings


# -- Semantic Scholar -------------------------------------------------------------------------


def test_semantic_scholar_search_page():
    items = list(read_path(str(FORMATS_DIR / "s2-sample.json")))
    assert [p.id for p in items] == ["2402.01234", "fedcba9876543210fedcba9876543210fedcba98",
                                     "1111111111111111111111111111111111111111"]
    assert items[1].title == "Graph Rewiring with k-hop Attention"  # LaTeX-looking text is converted
    assert items[1].abstract.endswith("improve accuracy by 2.3% on ogbn-arxiv.")
    assert items[0].urls == []  # the paper's own Semantic Scholar page is not a link it makes
    assert items[2].abstract == "" and items[2].warnings == ["no abstract in the source"]


def test_semantic_scholar_single_object_and_citation_rows():
    single = {"paperId": "abc", "externalIds": {"ArXiv": "2101.00001"}, "title": "T", "abstract": "A."}
    (item,) = read_bytes(json.dumps(single).encode(), "paper.json")
    assert item.id == "2101.00001"
    bulk = {"corpusid": 42, "externalids": {"ArXiv": None, "DOI": "10.1/x"}, "title": "Bulk", "abstract": "B."}
    (item,) = read_bytes(json.dumps(bulk).encode(), "papers-part0.jsonl")
    assert (item.id, item.title) == ("42", "Bulk")
    row = {"citingPaper": {"paperId": "def", "title": "Citing", "abstract": "B."}, "isInfluential": False}
    (item,) = read_bytes(json.dumps(row).encode(), "citations.jsonl")
    assert (item.id, item.title) == ("def", "Citing")


# -- Papers with Code -------------------------------------------------------------------------


def test_papers_with_code_rows():
    items = list(read_path(str(FORMATS_DIR / "pwc-papers-with-abstracts-sample.json")))
    assert [p.id for p in items] == ["2305.04321", "https://paperswithcode.com/paper/robust-tabular-transformers",
                                     "2305.04321"]
    assert items[0].urls == [] and items[0].code_urls == []  # url_abs/url_pdf are the paper itself
    assert "gain ∼3 points of AUC" in items[1].abstract
    links_row = items[2]
    assert links_row.title == "FastDepth-Lite: Monocular Depth at 200 FPS"
    assert links_row.code_urls == ["https://github.com/example/fastdepth-lite"]
    assert links_row.warnings == ["no abstract in the source"]
    assert [i.source.line for i in items] == [2, 8, 13]


# -- generic objects, shapes and format names --------------------------------------------------


def test_generic_object_with_versioned_id_and_links():
    obj = {"id": "2403.00001v2", "title": "T", "abstract": "A.", "code_url": "https://gitlab.com/a/b",
           "project_page": "https://github.com/a/b-page"}
    (item,) = read_bytes(json.dumps(obj).encode())
    assert (item.id, item.version) == ("2403.00001", "v2")
    assert item.code_urls == ["https://gitlab.com/a/b", "https://github.com/a/b-page"]


def test_latex_is_converted_only_where_it_looks_like_latex():
    lines = [json.dumps({"title": "Prices", "abstract": "It costs $5 and $10 per run, ~3 hours."}),
             json.dumps({"title": "Math", "abstract": "A $k$-hop model with rate $10^{-3}$ gains $\\sim$3 points."})]
    prices, math = read_bytes("\n".join(lines).encode())
    assert prices.abstract == "It costs $5 and $10 per run, ~3 hours."
    assert math.abstract == "A k-hop model with rate 10^-3 gains ∼3 points."


@pytest.mark.parametrize(("obj", "shape"), [
    ({"paper": {"title": "T"}}, "hf-daily"),
    ({"title": "T", "summary": "S", "upvotes": 3}, "hf-daily"),
    ({"id": "1", "abstract": "A", "versions": [], "categories": "cs.LG"}, "arxiv-oai"),
    ({"id": "https://openalex.org/W1", "title": "T"}, "openalex"),
    ({"paperId": "x", "title": "T"}, "s2"),
    ({"paper_url": "u", "title": "T"}, "pwc"),
    ({"title": "T", "abstract": "A"}, "generic"),
])
def test_shape_detection(obj, shape):
    assert detect_shape(obj) == shape


def test_forced_shape_formats_are_registered_but_never_detected(tmp_path):
    for name in ("hf-daily", "arxiv-oai", "openalex", "s2", "pwc"):
        assert name in REGISTRY
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"id": "W9", "display_name": "Only a display name"}))
    (generic,) = list(read_path(str(path)))
    (forced,) = list(read_path(str(path), "openalex"))
    assert generic.title == "Only a display name"
    assert forced.warnings == ["no abstract in the source (no abstract_inverted_index)"]
    (arxiv,) = list(read_path(str(path), "arxiv-oai"))  # the arXiv shape knows no display_name
    assert isinstance(arxiv, ErrorEntry) and arxiv.kind == "missing_fields"


def test_code_hosts():
    assert is_code_url("https://github.com/a/b")
    assert is_code_url("https://huggingface.co/org/model")
    assert not is_code_url("https://huggingface.co/papers/2403.00001")
    assert not is_code_url("https://github.com/")
    assert not is_code_url("https://example.org/github.com/a")


# -- broken input -----------------------------------------------------------------------------


def test_invalid_utf8_rejects_only_its_line():
    data = b'{"title": "A", "abstract": "x"}\n{"title": "\xff\xfe", "abstract": "y"}\n{"title": "C"}\n'
    items = read_bytes(data)
    assert [type(i).__name__ for i in items] == ["PaperInput", "ErrorEntry", "PaperInput"]
    assert (items[1].kind, items[1].line, items[1].index) == ("encoding", 2, 1)


def test_invalid_utf8_in_a_list_element_rejects_only_that_element():
    data = b'[\n{"title": "A"},\n{"title": "\xff"},\n{"title": "C"}\n]'
    items = read_bytes(data, "x.json")
    assert [getattr(i, "kind", "paper") for i in items] == ["paper", "encoding", "paper"]
    assert [items[0].source.line, items[1].line, items[2].source.line] == [2, 3, 4]


def test_truncated_list_keeps_the_complete_elements():
    doc = json.dumps([{"title": f"T{i}", "abstract": "A."} for i in range(3)], indent=2)
    items = read_bytes(doc[: doc.rindex("T2") + 3].encode(), "cut.json")
    assert [p.title for p in papers(items)] == ["T0", "T1"]
    (error,) = errors(items)
    assert error.kind == "json" and "truncated" in error.message
    assert error.index == 2


def test_truncated_wrapper_keeps_the_complete_results():
    doc = json.dumps({"meta": {"count": 2}, "results": [{"id": "W1", "display_name": "One"},
                                                        {"id": "W2", "display_name": "Two"}]}, indent=1)
    items = read_bytes(doc[:-20].encode(), "page.json")
    assert [p.id for p in papers(items)] == ["W1"]
    assert len(errors(items)) == 1


def test_truncated_single_object_is_one_error():
    items = read_bytes(b'{\n  "title": "A",\n  "abstract": "cut', "one.json")
    (error,) = items
    assert error.kind == "json" and "truncated" in error.message and error.line == 1


def test_non_objects_are_errors():
    items = read_bytes(b'[1, "x", null, {"title": "T"}]', "l.json")
    assert [getattr(i, "kind", "paper") for i in items] == ["not_object"] * 3 + ["paper"]
    assert "null" in items[2].message
    (item,) = read_bytes(b"42", "n.json")
    assert item.kind == "not_object"


def test_big_integers_and_nan_in_error_excerpts_do_not_raise():
    items = read_bytes(b'[{"x": 123456789012345678901234567890}, {"y": NaN}]', "big.json")
    assert [i.kind for i in items] == ["missing_fields", "missing_fields"]


def test_binary_file_is_one_error():
    data = bytes(range(256)) * 400
    (error,) = read_bytes(data, "weights.jsonl")
    assert error.kind == "binary"
    assert "binary" in error.message


def test_broken_first_line_of_json_lines_is_one_error():
    data = b'{"title": "cut\n{"title": "B"}\n{"title": "C"}\n'
    items = read_bytes(data)
    assert [getattr(i, "kind", "paper") for i in items] == ["json", "paper", "paper"]
    assert items[0].line == 1


def test_blank_lines_bom_and_crlf():
    data = b'\xef\xbb\xbf\r\n\r\n{"title": "A"}\r\n\r\n{"title": "B"}\r\n'
    items = read_bytes(data)
    assert [(p.title, p.source.line, p.source.index) for p in items] == [("A", 3, 0), ("B", 5, 1)]


def test_one_line_list_is_a_document():
    items = read_bytes(json.dumps([{"title": "A"}, {"title": "B"}]).encode(), "compact.json")
    assert [p.title for p in items] == ["A", "B"]


# -- properties --------------------------------------------------------------------------------

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=8,
)
_KEYS = st.sampled_from(["title", "abstract", "summary", "id", "paper", "paperId", "externalIds", "versions",
                         "categories", "abstract_inverted_index", "display_name", "paper_url", "arxiv_id",
                         "repo_url", "githubRepo", "projectPage", "comments", "results", "data"])
_OBJECTS = st.dictionaries(_KEYS | st.text(max_size=4), _JSON, max_size=5)


@settings(max_examples=100, deadline=None)
@given(st.lists(_OBJECTS, min_size=1, max_size=4), st.sampled_from([None, "hf-daily", "arxiv-oai", "openalex",
                                                                      "s2", "pwc", "generic"]))
def test_every_object_line_yields_exactly_one_item(objs, shape):
    # wrappers are containers, not items
    objs = [o for o in objs if not (set(o) & {"results", "data", "papers", "items", "works"})]
    data = "\n".join(json.dumps(o) for o in objs).encode()
    items = read_bytes(data, "x.jsonl", shape)
    assert len(items) == len(objs)
    assert [i.index if isinstance(i, ErrorEntry) else i.source.index for i in items] == list(range(len(items)))


@settings(max_examples=100, deadline=None)
@given(st.lists(_OBJECTS, max_size=4))
def test_every_list_element_yields_exactly_one_item(objs):
    items = read_bytes(json.dumps(objs, indent=1).encode(), "x.json")
    assert len(items) == len(objs)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_raise(data):
    items = read_bytes(data)
    assert all(isinstance(i, PaperInput | ErrorEntry) for i in items)
    lines = [line for line in data.split(b"\n") if line.strip(b"\xef\xbb\xbf \t\r\n")]
    # at most one syntax error per line (elements parsed before a syntax error count as items)
    assert len([e for e in errors(items) if e.kind in ("json", "encoding", "binary")]) <= max(len(lines), 1)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='{}[]",:\n 1a\\\ufffd', max_size=80))
def test_json_like_junk_never_raises(text):
    items = read_bytes(text.encode(), "junk.json")
    kinds = {i.kind for i in errors(items)}
    assert kinds <= {"json", "encoding", "not_object", "missing_fields", "binary"}
    indexes = [i.index if isinstance(i, ErrorEntry) else i.source.index for i in items]
    assert indexes == list(range(len(items)))  # every item counted once, in order
