"""Readers for XML formats: arXiv API Atom feeds and GROBID TEI, with broken and hostile input."""

from __future__ import annotations

import io
import time
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import abstractparse
from abstractparse.models import ErrorEntry, PaperInput
from abstractparse.readers import REGISTRY, arxiv_atom, read_path, tei
from abstractparse.readers.detect import detect_format, open_binary
from conftest import FIXTURES, SHARED

ATOM_SAMPLE = FIXTURES / "formats" / "arxiv-atom-sample.xml"
TEI_SAMPLE = FIXTURES / "formats" / "grobid-tei-sample.xml"
SHARED_FORMATS = SHARED / "corpus" / "formats"

FEED_OPEN = '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">\n'
FEED_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n' + FEED_OPEN


def read_atom(data: bytes | str) -> list[PaperInput | ErrorEntry]:
    raw = data.encode() if isinstance(data, str) else data
    return list(arxiv_atom.read(io.BytesIO(raw), "feed.xml"))


def read_tei(data: bytes | str) -> list[PaperInput | ErrorEntry]:
    raw = data.encode() if isinstance(data, str) else data
    return list(tei.read(io.BytesIO(raw), "paper.tei.xml"))


def entry(title: str, summary: str, arxiv_id: str = "2101.00009v1", comment: str = "") -> str:
    extra = f"<arxiv:comment>{comment}</arxiv:comment>" if comment else ""
    return (f"<entry><id>http://arxiv.org/abs/{arxiv_id}</id><title>{title}</title>"
            f"<summary>{summary}</summary>{extra}</entry>\n")


def kinds(items: list) -> list[str]:
    return [i.kind if isinstance(i, ErrorEntry) else "paper" for i in items]


# --- arXiv Atom ---------------------------------------------------------------------------


def test_atom_sample_ids_versions_and_lines():
    items = read_atom(ATOM_SAMPLE.read_bytes())
    assert kinds(items) == ["paper", "paper", "api_error"]
    new, old, error = items
    assert (new.id, new.version, new.source.line, new.source.index) == ("2101.00001", "v2", 10, 0)
    assert (old.id, old.version, old.source.line) == ("hep-th/9901001", "v3", 30)
    assert (error.line, error.index) == (47, 2)


def test_atom_hard_wraps_are_joined_and_latex_converted():
    new, old, _ = read_atom(ATOM_SAMPLE.read_bytes())
    assert new.title == "SparseDepth: Monocular Depth Estimation with O(n) Attention"
    assert new.abstract.startswith("We propose SparseDepth, a transformer for monocular depth estimation whose "
                                   "attention costs O(n) instead of O(n^2).")
    assert "by 12% and reaches δ1 accuracy of 91.3%" in new.abstract
    assert "2× faster" in new.abstract
    assert "\n" not in new.abstract and "$" not in new.abstract
    assert "gapped for coupling g < g_c." in old.abstract  # an XML-escaped '<' inside LaTeX math


def test_atom_comment_links_become_metadata_links_and_abs_pdf_links_do_not():
    new, old, _ = read_atom(ATOM_SAMPLE.read_bytes())
    assert new.code_urls == ["https://github.com/example/sparsedepth"]  # "Code: https://github.com/..."
    assert new.urls == []  # the arxiv.org abs/pdf <link>s are not reported
    # "project page: URL; implementation at URL": the second is code by its wording, not its host
    assert old.urls == ["http://example.org/toy-strings"]
    assert old.code_urls == ["https://example.org/toy-strings/src"]


def test_comment_link_classification():
    code, other = arxiv_atom.split_links(
        "12 pages, code will be released. Project page: https://a.github.io/p/, GitHub: https://b.org/x "
        "and models at huggingface.co/org/model")
    assert other == ["https://a.github.io/p/"]  # "code" belongs to an earlier clause
    assert code == ["https://b.org/x", "https://huggingface.co/org/model"]


def test_api_error_entry_is_an_error_with_its_message():
    (error,) = read_atom(FEED_HEAD + "<entry><id>http://arxiv.org/api/errors#bad</id><title>Error</title>"
                         "<summary>incorrect id format for 1234.x</summary></entry></feed>")
    assert error.kind == "api_error"
    assert "incorrect id format for 1234.x" in error.message


def test_entry_without_text_is_an_error_and_without_summary_a_warning():
    items = read_atom(FEED_HEAD + entry(" ", "") + "<entry><id>urn:x:1</id><title>Only a title</title></entry></feed>")
    assert kinds(items) == ["missing_fields", "paper"]
    assert (items[1].id, items[1].version, items[1].title) == ("urn:x:1", None, "Only a title")
    assert items[1].warnings == ["entry has no summary (abstract)"]


def test_truncated_feed_keeps_complete_entries_then_one_xml_error():
    data = ATOM_SAMPLE.read_bytes()
    cut = data.index(b"<title>A Toy Model") + 12  # inside the second entry
    items = read_atom(data[:cut])
    assert kinds(items) == ["paper", "xml"]
    assert items[0].id == "2101.00001"
    assert items[1].index == 1 and items[1].line == 34  # the line of the cut
    assert "A Toy" in items[1].excerpt


def test_xml_bomb_is_refused_quickly():
    levels = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    bomb = f'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY l0 "lol">{levels}]>\n' + FEED_OPEN + \
        entry("&l9;", "&l9;") + "</feed>"
    started = time.monotonic()
    (error,) = read_atom(bomb)
    assert time.monotonic() - started < 2
    assert error.kind == "xml" and "unsafe" in error.message
    (tei_error,) = read_tei(bomb.replace("feed", "TEI"))
    assert tei_error.kind == "xml"


def test_external_entity_is_refused():
    xxe = ('<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           + FEED_OPEN + entry("&x;", "s") + "</feed>")
    assert kinds(read_atom(xxe)) == ["xml"]


def test_binary_garbage_with_forced_format_is_one_error(tmp_path):
    path = tmp_path / "garbage.bin"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe" * 20)
    for fmt in ("arxiv-atom", "tei"):
        (error,) = list(read_path(str(path), fmt))
        assert error.kind == "xml" and error.line == 1


def test_empty_or_blank_file_yields_nothing(tmp_path):
    for i, data in enumerate([b"", b"\n  \n", b"\xef\xbb\xbf"]):
        path = tmp_path / f"empty{i}.xml"
        path.write_bytes(data)
        assert list(read_path(str(path), "arxiv-atom")) == []
        assert list(read_path(str(path), "tei")) == []


def test_other_xml_given_to_the_atom_reader_is_a_format_error():
    (error,) = read_atom(TEI_SAMPLE.read_bytes())
    assert error.kind == "format" and "<TEI>" in error.message
    (error,) = read_tei(ATOM_SAMPLE.read_bytes())
    assert error.kind == "format" and "<feed>" in error.message


def test_invalid_utf8_stops_the_feed_with_an_error_after_the_good_entries():
    data = FEED_HEAD.encode() + entry("Good", "fine").encode() + b"<entry><title>Bad \xff</title></entry></feed>"
    items = read_atom(data)
    assert kinds(items) == ["paper", "xml"]
    assert items[0].title == "Good" and items[1].line == 4


def test_detection_by_content_for_xml_names(tmp_path):
    formats = list(REGISTRY.values())
    cases = {"feed.xml": ATOM_SAMPLE, "feed.atom": ATOM_SAMPLE, "paper.xml": TEI_SAMPLE,
             "paper.tei.xml": TEI_SAMPLE, "paper.tei": TEI_SAMPLE}
    expected = {"feed.xml": "arxiv-atom", "feed.atom": "arxiv-atom", "paper.xml": "tei",
                "paper.tei.xml": "tei", "paper.tei": "tei"}
    for name, source in cases.items():
        path = tmp_path / name
        path.write_bytes(source.read_bytes())
        with open_binary(str(path)) as stream:
            assert detect_format(stream, str(path), formats) == expected[name], name
    # JSON that quotes an Atom feed is still JSON
    quoted = tmp_path / "quoted"
    quoted.write_text('{"title": "T", "abstract": "' + ATOM_SAMPLE.read_text()[:300].replace('"', "'")
                      .replace("\n", " ") + '"}\n')
    with open_binary(str(quoted)) as stream:
        assert detect_format(stream, str(quoted), formats) == "jsonl"
    (tmp_path / "feed.xml").write_bytes(ATOM_SAMPLE.read_bytes())
    assert kinds(list(read_path(str(tmp_path / "feed.xml")))) == ["paper", "paper", "api_error"]


def test_parse_file_end_to_end_puts_comment_code_link_in_the_record():
    errors: list[ErrorEntry] = []
    records = list(abstractparse.parse_file(str(ATOM_SAMPLE), errors=errors))
    assert [r.id for r in records] == ["2101.00001", "hep-th/9901001"]
    assert records[0].version == "v2"
    (link,) = records[0].code_urls
    assert (link.url, link.field, link.start, link.rule) == (
        "https://github.com/example/sparsedepth", "metadata", None, "metadata.code_url")
    assert [e.kind for e in errors] == ["api_error"]


# --- GROBID TEI ---------------------------------------------------------------------------


def test_tei_sample_title_abstract_id_and_links():
    (paper,) = read_tei(TEI_SAMPLE.read_bytes())
    assert (paper.id, paper.version) == ("2101.00002", "v1")  # from the header idno, not the bibliography
    assert paper.title == "TinyNet: Small Networks for Image Classification"
    assert paper.abstract.startswith("We propose TinyNet, a small network for image classification. It reaches")
    # paragraphs joined with a space; a URL written in the text stays in it
    assert "than the baseline. Code is available at https://github.com/example/tinynet and a demo" in paper.abstract
    # a <ref target> whose URL is not written in the text becomes a metadata link
    assert paper.urls == ["https://example.org/tinynet"]
    assert paper.code_urls == []
    assert paper.source.line == 2 and paper.warnings == []


def tei_doc(header: str, abstract: str = "", body: str = "") -> str:
    return ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
            f'{header}</titleStmt><sourceDesc><biblStruct><idno type="DOI">10.1234/abc.5</idno></biblStruct>'
            f'</sourceDesc></fileDesc><profileDesc>{abstract}</profileDesc></teiHeader>'
            f'<text><body>{body}</body></text></TEI>')


def test_tei_main_title_preferred_doi_as_id_and_code_ref_by_wording():
    doc = tei_doc('<title level="j">Journal</title><title type="main">The Paper</title>',
                  '<abstract><div><head>Abstract</head><p>We do X.</p><p>Our <ref type="url" '
                  'target="https://example.org/src">implementation</ref> is public.</p></div></abstract>')
    (paper,) = read_tei(doc)
    assert (paper.id, paper.version, paper.title) == ("10.1234/abc.5", None, "The Paper")
    assert paper.abstract == "We do X. Our implementation is public."  # the "Abstract" heading dropped
    assert paper.code_urls == ["https://example.org/src"]


def test_tei_without_abstract_is_a_paper_with_a_warning():
    (paper,) = read_tei(tei_doc("<title>Only a Title</title>"))
    assert paper.title == "Only a Title" and paper.abstract == ""
    assert paper.warnings == ["no abstract in the TEI header"]


def test_tei_cut_in_the_header_is_an_error_and_cut_in_the_body_a_warning():
    data = TEI_SAMPLE.read_bytes()
    (error,) = read_tei(data[:data.index(b"</abstract>")])
    assert error.kind == "xml" and error.line == 27 and error.index == 0
    (paper,) = read_tei(data[:data.index(b"<listBibl>")])
    assert paper.title.startswith("TinyNet")
    assert len(paper.warnings) == 1 and "breaks off after the header" in paper.warnings[0]


def test_deeply_nested_markup_does_not_exhaust_the_stack():
    depth = 5000
    nested = "<hi>x" * depth + "</hi>" * depth
    (paper,) = read_tei(tei_doc("<title>T</title>", f"<abstract><p>{nested}</p></abstract>"))
    assert paper.abstract == "x" * depth
    (paper,) = read_atom(FEED_HEAD + entry("T", nested) + "</feed>")
    assert paper.abstract == "x" * depth


# --- shared samples (not shipped) ---------------------------------------------------------

@pytest.mark.skipif(not SHARED_FORMATS.is_dir(), reason="shared sample corpus not present")
def test_shared_samples_read_with_the_right_counts():
    query = list(read_path(str(SHARED_FORMATS / "arxiv-atom-query.xml")))
    assert kinds(query) == ["paper"] * 10
    assert [p.id for p in query][-2:] == ["math/0702122", "math/0604473"]
    assert "n_t= -f(n,b)" in query[1].abstract and "\\quad" not in query[1].abstract
    (single,) = read_path(str(SHARED_FORMATS / "arxiv-atom-single.xml"))
    assert (single.id, single.version, single.title) == ("1706.03762", "v7", "Attention Is All You Need")
    for name, url in (("grobid-tei-2103.13413v1.xml", "https://github.com/intel-isl/DPT"),
                      ("grobid-tei-2204.04676v4.xml", "github.com/megvii-research/NAFNet")):
        (paper,) = read_path(str(SHARED_FORMATS / name))
        assert isinstance(paper, PaperInput) and paper.warnings == []
        assert url in paper.abstract and paper.title


# --- properties ---------------------------------------------------------------------------

_XML_TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=200)


def _xml_legal(text: str) -> bool:
    return all(c in "\t\n\r" or "\x20" <= c <= "\ud7ff" or "\ue000" <= c <= "\ufffd" or c > "\uffff"
               for c in text)


@settings(max_examples=60, deadline=None)
@given(title=_XML_TEXT, summary=_XML_TEXT)
def test_any_escaped_text_in_title_and_summary_reads_every_entry(title, summary):
    feed = FEED_HEAD + entry(escape(title), escape(summary)) + entry("Plain", "Plain text.") + "</feed>"
    items = read_atom(feed)
    assert all(isinstance(i, PaperInput | ErrorEntry) for i in items)
    if _xml_legal(title + summary):
        first = "paper" if (title + summary).strip() else "missing_fields"
        assert kinds(items) == [first, "paper"]
        assert items[1].title == "Plain"
    else:  # control characters are not allowed in XML at all
        assert kinds(items) == ["xml"]


@settings(max_examples=60, deadline=None)
@given(title=_XML_TEXT, summary=_XML_TEXT)
def test_any_raw_text_in_title_and_summary_never_raises(title, summary):
    feed = FEED_HEAD + entry("First", "ok") + entry(title, summary) + entry("Last", "ok") + "</feed>"
    items = read_atom(feed)
    assert 1 <= len(items) <= 4 + (title + summary).count("<entry")  # raw text may open entries
    assert kinds(items)[0] == "paper"
    assert all(k != "xml" for k in kinds(items)[:-1])  # only the last item can be the XML error


@settings(max_examples=80, deadline=None)
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(data):
    for reader in (read_atom, read_tei):
        items = reader(data)
        assert len(items) <= 1
        assert all(isinstance(i, PaperInput | ErrorEntry) for i in items)


@settings(max_examples=60, deadline=None)
@given(cut=st.integers(min_value=0))
def test_any_cut_of_the_feed_keeps_a_prefix_of_the_entries(cut):
    data = ATOM_SAMPLE.read_bytes()
    cut %= len(data) + 1
    full = read_atom(data)
    items = read_atom(data[:cut])
    complete = data[:cut].rstrip() == data.rstrip()
    papers = items if complete or not items else items[:-1]
    assert papers == full[:len(papers)]
    if cut and not complete:
        assert items[-1].kind == "xml"


@settings(max_examples=40, deadline=None)
@given(cut=st.integers(min_value=1))
def test_any_cut_of_a_tei_file_is_one_item(cut):
    data = TEI_SAMPLE.read_bytes()
    cut %= len(data) + 1
    items = read_tei(data[:cut])
    assert len(items) == (1 if data[:cut].strip() else 0)
