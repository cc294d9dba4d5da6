"""Readers for BibTeX, CSV exports, plain text and the copied trending page: samples and bad input."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import abstractparse
from abstractparse.models import ErrorEntry, PaperInput
from abstractparse.readers import REGISTRY, bibtex, csvfile, hfpage, plaintext, read_path
from abstractparse.readers.detect import detect_format, open_binary
from conftest import FIXTURES, SHARED

FORMATS_DIR = FIXTURES / "formats"
ABSTRACT = ("We propose TinyNet, a small network for image classification. It reaches "
            "80.1% top-1 accuracy on ImageNet while using 3x fewer FLOPs than the baseline.")


def run(reader, data: bytes | str, path: str = "in") -> list[PaperInput | ErrorEntry]:
    raw = data.encode() if isinstance(data, str) else data
    return list(reader.read(io.BytesIO(raw), path))


def papers(items) -> list[PaperInput]:
    return [i for i in items if isinstance(i, PaperInput)]


def errors(items) -> list[ErrorEntry]:
    return [i for i in items if isinstance(i, ErrorEntry)]


def index_of(item: PaperInput | ErrorEntry) -> int | None:
    return item.index if isinstance(item, ErrorEntry) else item.source.index


def detected(path) -> str:
    with open_binary(str(path)) as stream:
        return detect_format(stream, str(path), REGISTRY.values())


# --- BibTeX -------------------------------------------------------------------------------------------


def test_bib_sample_maps_fields_and_reports_the_malformed_entry_between_good_ones():
    items = run(bibtex, (FORMATS_DIR / "papers-sample.bib").read_bytes(), "papers.bib")
    assert [type(i).__name__ for i in items] == ["PaperInput", "ErrorEntry", "PaperInput", "PaperInput"]
    sparse, broken, tiny, survey = items
    assert sparse.id == "10.5555/sparsebert.2023"
    assert sparse.title == "SparseBERT: Pruning BERT with Learned Masks"  # protective braces gone
    assert "keeps 98.1% of the dense model's score with 40% fewer parameters" in sparse.abstract
    assert sparse.code_urls == ["https://github.com/example-lab/sparsebert"]
    assert sparse.urls == ["https://example.org/papers/sparsebert"]
    assert sparse.source.line == 10 and sparse.source.index == 0
    assert broken.kind == "bibtex" and broken.line == 24 and broken.excerpt.startswith("@article{broken2024")
    assert (tiny.id, tiny.version) == ("2401.01234", "v2")  # arXiv eprint, version split off
    assert tiny.abstract.endswith("Code: https://github.com/example-lab/tinyvit.")
    assert survey.id == "garcia2022survey" and survey.abstract == ""
    assert survey.warnings == ["no abstract in the entry"]


def test_bib_latex_accents_math_and_string_macros():
    bib = r"""@string{conf = "Example Conference"}
@inproceedings{k1, title = {Schr{\"o}dinger {GAN}s at $\alpha=0.5$}, booktitle = conf,
  abstract = {We improve F$_1$ by 2\% on {CoNLL}-2003 \emph{without} extra data.}}"""
    (item,) = run(bibtex, bib)
    assert item.title == "Schrödinger GANs at α=0.5"
    assert item.abstract == "We improve F_1 by 2% on CoNLL-2003 without extra data."
    assert item.id == "k1"


def test_bib_comment_string_and_preamble_blocks_are_not_papers():
    bib = "@comment{nothing here}\n@string{x = {y}}\n@preamble{\"z\"}\n% a line comment\n"
    assert run(bibtex, bib) == []


def test_bib_arxiv_doi_becomes_arxiv_id_and_duplicate_keys_are_kept_with_a_warning():
    bib = ("@article{a, title={One}, doi={https://doi.org/10.48550/arXiv.2305.00001}}\n"
           "@article{a, title={Two}, abstract={Second entry with the same key.}}\n")
    one, two = run(bibtex, bib)
    assert one.id == "2305.00001"
    assert two.title == "Two" and two.warnings == ["duplicate citation key in entry 'a'"]


def test_bib_metadata_links_unwrap_unescape_and_split_by_host():
    code, other = bibtex.metadata_links([r"\url{https://example.org/a\_b?x=1\&y=2}",
                                         "see https://github.com/a/b_c.", "www.gitlab.com/x/y"])
    assert code == ["https://github.com/a/b_c", "https://www.gitlab.com/x/y"]
    assert other == ["https://example.org/a_b?x=1&y=2"]


def test_bib_invalid_utf8_costs_only_its_entry():
    good = b"@article{good, title={Fine}, abstract={A clean abstract.}}\n"
    bad_abstract = b"@article{bad, title={Broken},\n abstract={Bytes \xff\xfe here.}}\n"
    bad_author = b"@article{meh, title={Kept}, author={M\xfcller, J.},\n abstract={Text.}}\n"
    items = run(bibtex, good + bad_abstract + bad_author)
    assert [type(i).__name__ for i in items] == ["PaperInput", "ErrorEntry", "PaperInput"]
    assert items[1].kind == "encoding" and items[1].line == 2
    assert items[2].title == "Kept" and "invalid UTF-8" in items[2].warnings[0]


def test_bib_entry_with_neither_title_nor_abstract_is_an_error():
    (item,) = run(bibtex, "@misc{x, author = {Nobody}, year = {2020}}")
    assert isinstance(item, ErrorEntry) and item.kind == "missing_fields"


# --- CSV ----------------------------------------------------------------------------------------------


def test_zotero_export_fields_and_multiline_abstract_line_numbers():
    items = run(csvfile, (FORMATS_DIR / "zotero-export-sample.csv").read_bytes(), "zotero.csv")
    graph, bytes_asr, long_attn = items
    assert graph.id == "10.1234/jeml.2023.0042"
    assert graph.title == "GraphMix: Mixing Node Features for Semi-Supervised Node Classification"
    assert graph.abstract.startswith("Graph neural networks overfit when few nodes are labelled. We propose")
    assert graph.urls == ["https://example.org/jeml/2023/0042"]
    # The first abstract spans three physical lines, so the next row starts on line 5.
    assert [i.source.line for i in items] == [2, 5, 6]
    assert [i.source.index for i in items] == [0, 1, 2]
    assert bytes_asr.id == "2402.05678"  # arXiv DOI → arXiv id
    assert long_attn.id == "Q9WD2LKE"  # no DOI: Zotero's item key
    assert long_attn.code_urls == ["https://github.com/example-lab/long-attn"]
    assert long_attn.warnings == ["no abstract in the row"]


def test_scopus_export_drops_copyright_tails_and_no_abstract_marker():
    items = run(csvfile, (FORMATS_DIR / "scopus-export-sample.csv").read_bytes(), "scopus.csv")
    crack, federated, editorial = items
    assert crack.abstract.endswith("while running 4x faster than the full model.")
    assert "©" not in crack.abstract and "Elsevier" not in crack.abstract
    assert federated.abstract.endswith("close to the 0.80 of a centrally trained model.")
    assert editorial.abstract == "" and editorial.warnings == ["the export says no abstract is available"]
    assert editorial.id == "2-s2.0-85100000003"  # no DOI: Scopus EID
    assert crack.urls[0].startswith("https://www.scopus.com/inward/record.uri?eid=2-s2.0-85100000001")


@pytest.mark.parametrize("tail", [
    "© 2023 Elsevier B.V. All rights reserved.",
    "Copyright © 2022 The Authors. Published by Elsevier Ltd.",
    "© 2021, The Author(s), under exclusive licence to Springer Nature.",
    "(c) 2020 IEEE.",
])
def test_copyright_tails(tail):
    assert csvfile.strip_copyright(f"{ABSTRACT} {tail}") == ABSTRACT


def test_copyright_in_the_middle_of_an_abstract_is_kept():
    text = "We detect copyright violations in 2023 songs. Copyright law differs by country, as we show."
    assert csvfile.strip_copyright(text) == text


def test_csv_bad_row_is_an_error_and_the_rest_is_read():
    data = 'Title,Abstract,DOI\nT1,"First, abstract.",10.1/a\nT2,only two\nT3,Third abstract.,10.1/c\n'
    items = run(csvfile, data, "t.csv")
    assert [type(i).__name__ for i in items] == ["PaperInput", "ErrorEntry", "PaperInput"]
    assert items[1].kind == "csv" and items[1].line == 3 and items[1].index == 1
    assert items[2].id == "10.1/c" and items[2].source.index == 2


def test_csv_without_title_or_abstract_column_is_one_header_error():
    (item,) = run(csvfile, "Name,Year\nfoo,2020\nbar,2021\n", "t.csv")
    assert item.kind == "csv_header" and "'Name', 'Year'" in item.message


def test_tsv_and_semicolon_delimiters_bom_and_generic_columns():
    tsv = "\ufeffArticle Title\tSummary\tCode\nT1\tA summary.\thttps://gitlab.com/a/b\n"
    (item,) = run(csvfile, tsv, "t.tsv")
    assert (item.title, item.abstract, item.code_urls) == ("T1", "A summary.", ["https://gitlab.com/a/b"])
    (item,) = run(csvfile, "title;description\nT2;Described here.\n", "t.csv")
    assert (item.title, item.abstract) == ("T2", "Described here.")
    excel = "sep=;\r\nTitle;Abstract;Year\r\nT3;Semi, colon.;2020\r\n"
    (item,) = run(csvfile, excel, "t.csv")
    assert (item.title, item.abstract, item.source.line) == ("T3", "Semi, colon.", 3)
    assert csvfile._sniff(excel.encode())


def test_csv_invalid_utf8_costs_only_its_row_and_huge_fields_are_read():
    huge = "x " * 200_000
    data = b"Title,Abstract\nOK,Fine.\nBad,\xff\xfe\n" + f'Big,"{huge}"\n'.encode()
    items = run(csvfile, data, "t.csv")
    assert [type(i).__name__ for i in items] == ["PaperInput", "ErrorEntry", "PaperInput"]
    assert items[1].kind == "encoding" and items[1].line == 3
    assert len(items[2].abstract) == len(huge.strip())


# --- plain text and the trending page --------------------------------------------------------------------


def test_text_sample_paragraphs_with_and_without_titles():
    items = run(plaintext, (FORMATS_DIR / "abstracts-sample.txt").read_bytes(), "a.txt")
    assert [i.title for i in items] == [
        "Sparse Mixture-of-Experts Adapters for Multilingual Translation",
        "",  # a hard-wrapped abstract with no title
        "Depth Estimation from a Single Event Camera",  # a title paragraph before its abstract
    ]
    assert [i.source.line for i in items] == [1, 4, 8]
    assert items[1].abstract.startswith("Large language models often answer confidently when they should abstain. We")
    assert items[2].abstract.endswith("Code: https://github.com/example-lab/evdepth")


def test_text_first_line_that_continues_a_sentence_is_not_a_title():
    (item,) = run(plaintext, "We propose a\nsimple method that works. It is fast.\n")
    assert item.title == "" and item.abstract == "We propose a simple method that works. It is fast."


def test_text_invalid_utf8_rejects_only_its_paragraph():
    data = b"Title One\n" + ABSTRACT.encode() + b"\n\nBroken \xff paragraph.\n\n" + ABSTRACT.encode() + b"\n"
    items = run(plaintext, data)
    assert [type(i).__name__ for i in items] == ["PaperInput", "ErrorEntry", "PaperInput"]
    assert items[1].kind == "encoding" and items[1].line == 4
    assert items[0].title == "Title One" and items[2].title == ""


def test_page_chrome_decides_between_hfpage_and_text():
    assert hfpage.looks_like_page(b"Some Title\n\nGitHub 3.29k\narXiv Page\n- 8 authors\n")
    assert hfpage.looks_like_page(b"Submitted by jdoe\n")
    assert not hfpage.looks_like_page((FORMATS_DIR / "abstracts-sample.txt").read_bytes())


# --- detection and end to end -----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "fmt"), [
    ("papers-sample.bib", "bibtex"),
    ("zotero-export-sample.csv", "csv"),
    ("scopus-export-sample.csv", "csv"),
    ("abstracts-sample.txt", "text"),
])
def test_samples_are_detected_by_extension_and_by_content(tmp_path, name, fmt):
    assert detected(FORMATS_DIR / name) == fmt
    anonymous = tmp_path / "upload.dat"
    anonymous.write_bytes((FORMATS_DIR / name).read_bytes())
    assert detected(anonymous) == fmt


def test_trending_pages_are_still_hfpage():
    assert detected(FIXTURES / "example" / "trending-page.txt") == "hfpage"
    page = SHARED / "corpus" / "hf-trending-papers.txt"
    if not page.exists():
        pytest.skip("shared corpus not present")
    assert detected(page) == "hfpage"
    assert len(list(read_path(str(page)))) == 48


def test_parse_file_end_to_end_on_the_bib_sample():
    problems: list[ErrorEntry] = []
    records = list(abstractparse.parse_file(str(FORMATS_DIR / "papers-sample.bib"), errors=problems))
    assert len(records) == 3 and [e.kind for e in problems] == ["bibtex"]
    sparse = records[0]
    assert sparse.id == "10.5555/sparsebert.2023"
    assert [(c.url, c.field) for c in sparse.code_urls] == [("https://github.com/example-lab/sparsebert", "metadata")]
    assert any(d.name == "GLUE" for d in sparse.datasets)


# --- properties: any input, no exception, one item per input item -------------------------------------

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LINES = st.lists(st.sampled_from(["", "Title", ABSTRACT, "@article{x,", "title = {T},", "}", "\xff", '"', ",",
                                  "Submitted by me", "a,b", "\t"]), max_size=20)


@pytest.mark.parametrize("reader", [bibtex, csvfile, plaintext, hfpage])
@PROPERTY
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(reader, data):
    for item in run(reader, data):
        assert isinstance(item, (PaperInput, ErrorEntry))


@pytest.mark.parametrize("reader", [bibtex, csvfile, plaintext, hfpage])
@PROPERTY
@given(text=st.text(max_size=300))
def test_arbitrary_text_never_raises(reader, text):
    for item in run(reader, text):
        assert isinstance(item, (PaperInput, ErrorEntry))


@PROPERTY
@given(rows=st.lists(st.tuples(st.text(max_size=30), st.text(max_size=60)), max_size=8))
def test_csv_one_item_per_nonblank_row(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # "\r\n" line ends: fields with \r or \n are quoted
    writer.writerow(["Title", "Abstract"])
    writer.writerows(rows)
    items = run(csvfile, buffer.getvalue(), "t.csv")
    expected = [r for r in rows if any(f.strip() for f in r)]
    assert len(items) == len(expected)
    assert [index_of(i) for i in items] == list(range(len(expected)))


@PROPERTY
@given(entries=st.lists(st.tuples(st.booleans(), st.text(alphabet="abc xyz", min_size=1, max_size=20)),
                        max_size=8))
def test_bib_one_item_per_entry(entries):
    blocks = []
    for good, words in entries:
        closing = "}" if good else ""
        blocks.append(f"@article{{k{len(blocks)},\n  title = {{{words}{closing},\n}}\n")
    items = run(bibtex, "\n".join(blocks))
    assert len(items) == len(entries)  # an unclosed brace stops at the next "@" block
    assert [index_of(i) for i in items] == list(range(len(entries)))
    assert [isinstance(i, ErrorEntry) and i.kind == "bibtex" for i in items] == [not good for good, _ in entries]


@PROPERTY
@given(paragraphs=st.lists(LINES, max_size=8))
def test_text_items_follow_paragraphs(paragraphs):
    text = "\n\n".join("\n".join(p) for p in paragraphs)
    items = run(plaintext, text)
    count, in_paragraph = 0, False
    for line in text.split("\n"):
        blank = not line.strip()
        count += not blank and not in_paragraph
        in_paragraph = not blank
    # one item per paragraph, except a title-only paragraph that takes the next one as its abstract
    assert (count + 1) // 2 <= len(items) <= count
    assert [index_of(i) for i in items] == list(range(len(items)))


def test_hfpage_prose_without_a_title_has_its_own_line_and_errors_have_an_index():
    data = b"Submitted by me\n\n" + ABSTRACT.encode() + b"\n\n\xff\n"
    error, paper = list(hfpage.read(io.BytesIO(data), "page.txt"))  # a card is yielded when it closes
    assert (error.kind, error.line, error.index) == ("encoding", 5, 0)
    assert (paper.title, paper.source.line, paper.source.index) == ("", 3, 1)
