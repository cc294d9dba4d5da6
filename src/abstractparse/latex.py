"""LaTeX markup to readable text, for sources that keep it (arXiv, BibTeX).

Abstracts from arXiv metadata and BibTeX files are written in LaTeX:
``$F_1$``, ``\\emph{...}``, ``Schr\\"odinger``, ``85\\%``, ``\\url{...}``.
:func:`latex_to_text` turns such markup into the text a reader sees.  It is
used through :func:`abstractparse.normalize.normalize_text` with
``latex=True``, never on sources that are plain text.

Choices (each is tested in ``tests/test_latex.py``):

* Font and box macros (``\\texttt``, ``\\textsc``, ``\\emph``, ``\\textbf``,
  ``\\mathrm``, ``\\text``, ``\\mathcal``, ``\\mathbf``, ``\\mathbb`` ...) keep
  their argument as plain letters: ``\\mathcal{O}(n)`` is ``O(n)``, not
  ``𝒪(n)``, so that names and numbers stay searchable.
* An unknown (user-defined) macro keeps its name (``$\\XQM$`` → ``XQM``),
  unless a non-empty braced argument follows it, which is then kept instead
  (``\\hl{word}`` → ``word``).
* Citations (``\\cite``, ``\\citep``, ``\\citet`` ...) are dropped together with
  the space or ``~`` before them; ``\\ref``-like macros are dropped too.
* ``~`` (a tie) is a plain space.
* Math stays readable: ``$\\alpha=0.5$`` is ``α=0.5``, ``$\\sim$10K`` is
  ``∼10K``, ``$>$90\\%`` is ``>90%``, ``$10^{-3}$`` is ``10^-3``.  A numeric
  subscript right after a letter is glued to it: ``$F_1$`` and ``AP_{50}``
  become ``F1`` and ``AP50``, the way metrics are usually written in text;
  other subscripts keep their underscore (``x_i``).
* Links (``\\url``, ``\\href`` and bare ``http``/``www``/code-host URLs) are
  kept verbatim, with ``\\_``-style escapes decoded.
* Braces only group: balanced or not, a brace never costs the text around it;
  a stray ``{`` or ``}`` itself is dropped.
* Whitespace runs (line breaks included) become one space.

The conversion never raises and stays linear in the input length: inputs
that are very long or nest braces deeply skip the LaTeX parser (whose
recursion is bounded) and get a simpler regex conversion that still decodes
escapes, symbol macros and font macros.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

import regex

# Markers around a protected link's index: private-use characters that the
# LaTeX parser passes through untouched (and that are removed from the input).
_OPEN, _CLOSE = "\ue000", "\ue001"
_MARKERS = regex.compile(f"[{_OPEN}{_CLOSE}]")
_PLACEHOLDER = regex.compile(f"{_OPEN}(\\d+){_CLOSE}")

# Links are rewritten before the LaTeX parser sees them: it mangles ``_``,
# ``%`` and ``~`` inside URLs.  Arguments are bounded so the patterns stay linear.
_HREF = regex.compile(r"\\href\s*\{([^{}\s]{1,2000})\}\s*\{([^{}]{0,500})\}")
_URL = regex.compile(r"\\(?:url|path|nolinkurl)\s*\{([^{}\s]{1,2000})\}")
# A tie after a URL ("see http://x.org~and") is not part of it; "/~user" is.
_URL_CHAR = r"(?:[^\s{}\\$~]|(?<=/)~|\\[_%&#~])"
_BARE_URL = regex.compile(
    rf"(?<![\w@/.-])(?:https?://|www\.|(?:github|gitlab|bitbucket|gitee)\.(?:com|org)/){_URL_CHAR}{{1,2000}}",
    regex.IGNORECASE,
)
# Citation-like macros vanish with the space or tie before them.
_CITE = regex.compile(
    r"[ \t]*~?[ \t]*\\(?:cite[a-zA-Z]{0,12}|nocite|[Cc]ref|autoref|eqref|ref|label|pageref)\*?"
    r"(?:\s{0,3}\[[^\[\]{}]{0,300}\]){0,2}\s{0,3}\{[^{}]{0,1000}\}"
)
# A numeric subscript right after a letter (or a braced argument): F_1, F_{1}, AP_{50}, \\mathrm{F}_1.
_NUMERIC_SUBSCRIPT = regex.compile(r"(?<=[A-Za-z}])_(?:\{\s{0,2}(\d{1,3})\s{0,2}\}|(\d)(?![\d.]))")
# A percent sign not escaped would start a LaTeX comment and swallow the line.
_BARE_PERCENT = regex.compile(r"(?<!\\)%")
# \\verb|a_b| (any delimiter) keeps its text verbatim.
_VERB = regex.compile(r"\\verb\*?([^a-zA-Z\s*])([^\n]{0,200}?)\1")
_SIMPLE_ESCAPE = regex.compile(r"\\([%_&#$~{}])")
_SPACE = regex.compile(r"\s+")
_MACRO_BEFORE_ARGUMENT = regex.compile(r"(?<!\\)\\([a-zA-Z]{1,40})(?=\{[^{}])")
_MATH_ALNUM = regex.compile(r"[\U0001d400-\U0001d7ff]")

# Above these, the regex fallback is used instead of the parser.
_MAX_PARSED_CHARS = 20_000
_MAX_BRACE_DEPTH = 40

# Macros whose argument is kept as plain text (fonts, boxes, math alphabets).
_KEEP_ARGUMENT = (
    "texttt", "textsc", "textit", "textbf", "textrm", "textsf", "textsl", "textup", "textmd",
    "textnormal", "emph", "underline", "uline", "mbox", "hbox", "text", "textsuperscript",
    "mathrm", "mathit", "mathbf", "mathsf", "mathtt", "mathcal", "mathbb", "mathfrak", "mathscr",
    "mathnormal", "boldsymbol", "bm", "bold", "operatorname", "mathbold",
)
# Old-style font switches ({\\rm B}, {\\cal L}): they vanish, the text they switch stays.
_SWITCHES = ("rm", "it", "bf", "sf", "tt", "sl", "sc", "em", "cal", "mit", "normalfont", "bfseries",
             "itshape", "rmfamily", "sffamily", "ttfamily", "scshape", "upshape", "mdseries",
             "displaystyle", "textstyle", "scriptstyle", "small", "large", "Large", "footnotesize", "tiny",
             "huge", "Huge", "normalsize", "scriptsize", "boldmath", "unboldmath", "noindent", "par")
_SWITCH_RE = regex.compile(r"(?<!\\)\\(?:" + "|".join(_SWITCHES) + r")(?![a-zA-Z])[ \t]*")
# Macros that produce nothing (their arguments go too).
_DISCARD = ("cite", "citep", "citet", "citealp", "citealt", "citeauthor", "citeyear", "nocite",
            "ref", "eqref", "autoref", "cref", "Cref", "pageref", "label")


@lru_cache(maxsize=1)
def _converter() -> Any:
    from pylatexenc import latex2text, latexwalker, macrospec

    walker_db = latexwalker.get_default_latex_context_db()
    walker_db.add_context_category(
        "abstractparse",
        prepend=True,
        macros=[macrospec.MacroSpec(name, "{") for name in _KEEP_ARGUMENT]
        + [macrospec.MacroSpec(name, "*[[{") for name in _DISCARD]
        + [macrospec.MacroSpec("textcolor", "[{{")]
        + [macrospec.MacroSpec(name, "") for name in _SWITCHES],
    )
    text_db = latex2text.get_default_latex_context_db()
    text_db.add_context_category(
        "abstractparse",
        prepend=True,
        macros=[latex2text.MacroTextSpec(name, "%s") for name in _KEEP_ARGUMENT]
        + [latex2text.MacroTextSpec(name, discard=True) for name in _DISCARD]
        + [latex2text.MacroTextSpec("textcolor", "%(3)s")]
        + [latex2text.MacroTextSpec(name, discard=True) for name in _SWITCHES],
    )
    # An unknown (user-defined) macro keeps its name: "$\\XQM$" reads "XQM", not "".
    text_db.set_unknown_macro_spec(latex2text.MacroTextSpec(
        "", simplify_repl=lambda n: n.macroname + (" " if n.macro_post_space else "")))
    converter = latex2text.LatexNodes2Text(math_mode="text", strict_latex_spaces=False,
                                           latex_context=text_db)
    return converter, walker_db


@lru_cache(maxsize=1)
def _known_macros() -> frozenset[str]:
    converter, walker_db = _converter()
    names: set[str] = set()
    for db in (walker_db, converter.latex_context):
        names.update(spec.macroname for spec in db.iter_macro_specs())
    return frozenset(names | {"begin", "end", "verb"})


def _is_known(name: str) -> bool:
    return name in _known_macros()


def _drop_unknown_formatting(text: str) -> str:
    """``\\hl{word}`` → ``{word}``: an unknown macro right before a braced argument formats it."""
    return _MACRO_BEFORE_ARGUMENT.sub(lambda m: m.group(0) if _is_known(m.group(1)) else "", text)


def _parse(text: str) -> str:
    from pylatexenc import latexwalker

    converter, walker_db = _converter()
    walker = latexwalker.LatexWalker(text, latex_context=walker_db, tolerant_parsing=True)
    nodes, _, _ = walker.get_latex_nodes()
    return str(converter.nodelist_to_text(nodes))


@lru_cache(maxsize=1)
def _symbols() -> dict[str, str]:
    """Plain replacements of the argument-less macros pylatexenc knows (``\\alpha`` → α)."""
    from pylatexenc import latex2text

    table: dict[str, str] = {}
    db = latex2text.get_default_latex_context_db()
    for category in db.categories():
        for spec in db.iter_macro_specs([category]):
            repl = getattr(spec, "simplify_repl", None)
            if isinstance(repl, str) and "%" not in repl and spec.macroname not in table:
                table[spec.macroname] = repl
    return table


_MACRO = regex.compile(r"\\([a-zA-Z]{1,40})\*?|\\(.)", regex.DOTALL)


def _fallback(text: str) -> str:
    """A linear, parser-free conversion: escapes, symbol macros, then braces and ``$`` go."""
    symbols = _symbols()

    def macro(m: regex.Match[str]) -> str:
        name = m.group(1)
        if name is None:
            char = m.group(2)
            return char if char in "%_&#$~{} " else ""
        if name in _DISCARD or name in _SWITCHES:
            return ""
        if name in symbols:
            return symbols[name]
        return "" if _is_known(name) else name

    out = _MACRO.sub(macro, text)
    return out.replace("~", " ").replace("{", "").replace("}", "").replace("$", "")


def _brace_depth_exceeds(text: str, limit: int) -> bool:
    depth = 0
    for char in text:
        if char == "{":
            depth += 1
            if depth > limit:
                return True
        elif char == "}" and depth:
            depth -= 1
    return False


def _protect_links(text: str) -> tuple[str, list[str]]:
    links: list[str] = []

    def keep(url: str) -> str:
        links.append(_SIMPLE_ESCAPE.sub(r"\1", url))
        return f"{_OPEN}{len(links) - 1}{_CLOSE}"

    def href(m: regex.Match[str]) -> str:
        url, label = m.group(1), m.group(2).strip()
        placeholder = keep(url)
        if not label or _SIMPLE_ESCAPE.sub(r"\1", label).rstrip("/") == links[-1].rstrip("/"):
            return placeholder
        return f"{label} ({placeholder})"

    text = _HREF.sub(href, text)
    text = _URL.sub(lambda m: keep(m.group(1)), text)
    text = _BARE_URL.sub(lambda m: keep(m.group(0)), text)
    text = _VERB.sub(lambda m: keep(m.group(2)) if m.group(2) else "", text)
    return text, links


def _fold_math_alphabet(text: str) -> str:
    """𝒪, 𝐱, 𝔼 ... (Mathematical Alphanumeric Symbols) as plain letters and digits."""
    return _MATH_ALNUM.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)


def latex_to_text(text: str) -> str:
    """Return ``text`` with LaTeX markup converted to plain Unicode text (never raises)."""
    if not text or not any(c in text for c in "\\$^_{}~"):
        return text
    text = _MARKERS.sub("", text)
    protected, links = _protect_links(text)
    protected = _CITE.sub("", protected)
    protected = _NUMERIC_SUBSCRIPT.sub(lambda m: m.group(1) or m.group(2), protected)
    protected = _BARE_PERCENT.sub(r"\\%", protected)
    protected = _drop_unknown_formatting(_SWITCH_RE.sub("", protected))
    out: str | None = None
    if len(protected) <= _MAX_PARSED_CHARS and not _brace_depth_exceeds(protected, _MAX_BRACE_DEPTH):
        try:
            out = _parse(protected)
        except Exception:  # malformed markup must never stop a batch
            out = None
    if out is None:
        try:
            out = _fallback(protected)
        except Exception:  # pragma: no cover - the fallback is plain regex work
            out = _SIMPLE_ESCAPE.sub(r"\1", protected)
    out = _fold_math_alphabet(out.replace("\u00a0", " "))
    if links:
        out = _PLACEHOLDER.sub(lambda m: links[int(m.group(1))] if int(m.group(1)) < len(links) else "", out)
    out = _MARKERS.sub("", out)
    return _SPACE.sub(" ", out).strip()
