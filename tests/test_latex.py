"""LaTeX to text: what arXiv and BibTeX abstracts look like after conversion."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from abstractparse.latex import latex_to_text
from abstractparse.normalize import normalize_text


@pytest.mark.parametrize(("latex", "text"), [
    # font and box macros keep their argument
    (r"\texttt{github.com/foo\_bar/baz}", "github.com/foo_bar/baz"),
    (r"\textsc{Bert} \emph{x} \textbf{y} \textit{z}", "Bert x y z"),
    (r"$\mathrm{acc}$ and $\text{top-1}$", "acc and top-1"),
    (r"\textcolor{red}{warning}", "warning"),
    # math alphabets become plain letters
    (r"$\mathcal{O}(n^2)$ memory", "O(n^2) memory"),
    (r"$\mathbf{x} \in \mathbb{R}^d$", "x∈R^d"),
    # citations and references vanish with the space or tie before them
    (r"as shown~\cite{smith2020}.", "as shown."),
    (r"prior work \citep[see][p.~3]{a,b} fails", "prior work fails"),
    (r"(Fig.~\ref{fig:one})", "(Fig.)"),
    # ties are plain spaces
    (r"ResNet~50", "ResNet 50"),
    # readable math
    (r"$F_1$ and $F_{1}$-score, AP_{50}", "F1 and F1-score, AP50"),
    (r"$x_i$", "x_i"),
    (r"$\mathrm{F}_1$ score", "F1 score"),
    (r"$\mathbf{+2.1\%}$ mIoU", "+2.1% mIoU"),
    (r"top-$1$ accuracy, 10--20 epochs", "top-1 accuracy, 10–20 epochs"),
    (r"\begin{abstract}Text\end{abstract}", "Text"),
    (r"\verb|a_b| and \verb+x~y+", "a_b and x~y"),
    (r"$\sim$10K images", "∼10K images"),
    (r"$>$90\% accuracy", ">90% accuracy"),
    (r"a rate of $10^{-3}$", "a rate of 10^-3"),
    (r"$\alpha=0.5$", "α=0.5"),
    (r"3$\times$ faster", "3× faster"),
    (r"Schr\"odinger", "Schrödinger"),
    (r"50\% of the data", "50% of the data"),
    # links survive verbatim
    (r"\url{https://github.com/a/b_c}", "https://github.com/a/b_c"),
    (r"\href{https://x.org/a_b}{our site}", "our site (https://x.org/a_b)"),
    (r"see http://www.example.edu/~user/code_v2 now", "see http://www.example.edu/~user/code_v2 now"),
    (r"Code: https://github.com/foo\_bar/baz.", "Code: https://github.com/foo_bar/baz."),
    # braces group; stray ones cost no text
    ("{unbalanced text", "unbalanced text"),
    ("text} more", "text more"),
    (r"a } b { c \emph{d", "a b c d"),
    # old-style font switches vanish
    (r"$V_{\rm rot} = 28.9$ and {\cal L}", "V_rot = 28.9 and L"),
    # unknown (user-defined) macros keep their name, or their argument
    (r"In $\XQM$, a quark", "In XQM, a quark"),
    (r"the \XQM model and \XQM{} too", "the XQM model and XQM too"),
    (r"\hl{marked} text", "marked text"),
    # whitespace is folded
    ("  hard\n  wrapped $x$\n", "hard wrapped x"),
])
def test_conversion(latex: str, text: str) -> None:
    assert latex_to_text(latex) == text


def test_plain_text_is_untouched() -> None:
    assert latex_to_text("No markup at all.") == "No markup at all."


def test_an_unescaped_percent_is_not_a_comment() -> None:
    assert latex_to_text(r"50% of $x$ data") == "50% of x data"


@pytest.mark.parametrize("text", [
    "{" * 5000 + "x",
    "}" * 5000,
    "$" * 5001,
    "\\" * 5000,
    "a_{" * 3000,
    r"\emph{" * 3000 + "deep",
    r"word \emph{w} 5\% " * 3000,
])
def test_pathological_inputs_are_fast_and_keep_text(text: str) -> None:
    start = time.perf_counter()
    out = latex_to_text(text)
    assert time.perf_counter() - start < 2.0
    for word in ("x", "deep", "word"):
        if word in text:
            assert word in out


def test_deeply_nested_input_uses_the_fallback_and_still_converts() -> None:
    out = latex_to_text("{" * 100 + r"\alpha \emph{kept} 5\% \cite{x} \XQM" + "}" * 100)
    assert out == "α kept 5% XQM"


_PIECES = st.sampled_from([*"ab1 \\{}$^_~%&#[]()\n", "\\emph", "\\cite", "\\url", "\\alpha", "\\texttt",
                           "\\item", "\\href", "http://", "github.com/", "\\verb", "|", "\\rm", "\\XQM", "\\begin"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_never_raises_and_never_blows_up(text: str) -> None:
    out = latex_to_text(text)
    assert isinstance(out, str)
    assert len(out) <= 2 * len(text) + 10
    normalize_text(text, latex=True)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_unicode_never_raises(text: str) -> None:
    out = latex_to_text(text)
    assert len(out) <= 2 * len(text) + 10
