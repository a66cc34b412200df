"""Text normalization: the text every character offset in the dataset points into.

It stays faithful to the article: no word is changed. Unicode is NFC, line
endings and runs of spaces are folded, paragraphs are separated by exactly one
blank line, and a space lost after a sentence end (``Alaska.The``) is restored.
Quote marks and dashes stay as printed; `fold` is the separate, lossy form that
comparisons across documents use.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

PARAGRAPH_SEPARATOR = "\n\n"

# Every Unicode space separator (NBSP, thin space, ...) and tab becomes a plain space.
_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")
# Control and invisible formatting characters that carry no text. ZWJ (U+200D) stays: it builds emoji.
# Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) go too: they only
# reorder how text is displayed, and can make it read differently from what it holds ("Trojan Source").
_INVISIBLE = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b\u200c\u200e\u200f"
    "\u202a-\u202e\u2060\u2066-\u2069\ufeff\ufffe]"
)
_LINE_BREAKS = re.compile("\r\n|[\r\u0085\u2028\u2029]")
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")

# A sentence end glued to the next sentence: "Alaska.The", "2014.Putin", "children.“In".
_GLUED_SENTENCE = re.compile(
    # The word starts after a space or a sentence end (possibly closed by a quote mark, 'aa.”Aaa.Aa'),
    # never inside a run of characters: without this anchor the search retried from every position
    # of a long run (100,000 quote marks: quadratic).
    r"(?:(?<![^\s.!?])|(?<=[.!?][”’]))"
    r"(?P<token>[^\s.!?]*[a-z]{2}|[^\s.!?]*\d{2})"  # the word before: ends in two lower-case letters or digits
    r"(?P<end>[.!?]+[”’]?)"  # the sentence end, possibly inside a closing quote
    # The next sentence: an opening quote or a capitalised word. A lookahead, not consumed, so that word
    # can end a glued sentence itself ("Alaska.The.Then"): one pass restores every space.
    r"(?=(?P<next>[“‘]?[A-Z][a-z]))"
)
# Abbreviations that end in lower case and are followed by a name, not a new sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr prof gen gov sen rep col lt sgt capt rev hon fr messrs mme mlle vs".split()
)
_URLISH = re.compile(r"://|www\.|@|\.(com|org|net|gov|edu|co|uk|io)\b", re.IGNORECASE)

# `"Yes," he said`: a quotation closed inside the paragraph means speech, not a heading.
_SPEECH_INSIDE = re.compile(r"[,.!?][\"”’]\s")
_SENTENCE_FINAL = ".!?:;,…–—-"
_CLOSING_MARKS = "\"'”’»)]"
MAX_HEADING_WORDS = 12
MAX_HEADING_CHARS = 100


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    heading: bool


@dataclass(frozen=True)
class NormalizedBody:
    text: str
    paragraphs: tuple[Paragraph, ...]


def clean_characters(text: str) -> str:
    """NFC, one kind of line break, no invisible characters, one kind of space; newlines kept."""
    text = _LINE_BREAKS.sub("\n", text)
    # Invisible characters go before NFC: one between a letter and a combining accent would
    # otherwise keep them apart until a second pass composed them (normalizing must be idempotent).
    text = _INVISIBLE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return _HORIZONTAL_SPACE.sub(" ", text)


# Markup that only a web page holds: a doctype, or html/head/body/div/p/script/br tags.
_HTML_TAG = re.compile(r"<!DOCTYPE\s+html|</?(?:html|head|body|div|p|span|script|style|br|table|a\s+href)\b[^<>]{0,200}>", re.IGNORECASE)
MIN_HTML_TAGS = 3
SNIPPET_CHARS = 120


def text_warnings(text: str) -> list[str]:
    """What the manifest should say about odd but readable text, before it is normalized.

    Invisible or control characters are dropped by `clean_characters`; HTML markup is kept as text
    (it is the article as saved), but the file deserves a look.
    """
    warnings = []
    if _INVISIBLE.search(text):
        warnings.append("invisible_characters_removed")
    if len(_HTML_TAG.findall(text, 0, 200_000)) >= MIN_HTML_TAGS:
        warnings.append("html_markup")
    return warnings


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    """At most `limit` characters of `text` for a log line or an error message, never a whole article."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs are blocks between blank lines; a text with no blank line has one per line.

    Inside a block, single line breaks are hard wraps and become spaces.
    """
    text = text.strip()
    if not text:
        return []
    if _BLANK_LINES.search(text):
        blocks = _BLANK_LINES.split(text)
    else:
        blocks = text.split("\n")
    paragraphs = (" ".join(line.strip() for line in block.split("\n")) for block in blocks)
    return [p for p in (fold_spaces(p) for p in paragraphs) if p]


def fold_spaces(text: str) -> str:
    return " ".join(text.split())


def restore_sentence_spaces(paragraph: str) -> str:
    """Insert the space lost between two sentences, leaving abbreviations, numbers and URLs alone."""
    return _GLUED_SENTENCE.sub(_space_if_sentence_end, paragraph)


def _space_if_sentence_end(match: re.Match[str]) -> str:
    token = match["token"]
    word = re.sub(r"^\W+", "", token).lower()
    whole_token = _token_around(match)
    if word in _ABBREVIATIONS or _URLISH.search(whole_token):
        return match[0]
    return f"{token}{match['end']} "


def _token_around(match: re.Match[str]) -> str:
    text, start, end = match.string, match.start(), match.end()
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end]


def is_headline_like(
    paragraph: str,
    max_words: int = MAX_HEADING_WORDS,
    max_chars: int = MAX_HEADING_CHARS,
    allowed_final: str = "",
) -> bool:
    """Short, no sentence-final punctuation (looking inside closing quote marks), has letters.

    `allowed_final` lists end marks that are accepted anyway (headlines may ask questions).
    """
    words = paragraph.split()
    if not words or len(words) > max_words or len(paragraph) > max_chars:
        return False
    core = paragraph.rstrip(_CLOSING_MARKS + " ")
    if not core or _SPEECH_INSIDE.search(core):
        return False
    if core[-1] in _SENTENCE_FINAL and core[-1] not in allowed_final:
        return False
    return any(ch.isalpha() for ch in core) and _starts_like_a_title(core)


def _starts_like_a_title(text: str) -> bool:
    # "Trump urges ceasefire", "iTunes now selling...", "2016 Nerdcast", "‘Putin could help...’"
    first_word = text.split()[0].lstrip("\"'“‘«(")
    return any(ch.isupper() or ch.isdigit() for ch in first_word[:2])


def normalize_body(text: str) -> NormalizedBody:
    """Normalize an article body (header and title already removed) and mark its headings."""
    paragraphs = [restore_sentence_spaces(p) for p in split_paragraphs(clean_characters(text))]
    spans: list[Paragraph] = []
    offset = 0
    for index, paragraph in enumerate(paragraphs):
        heading = _is_body_heading(paragraphs, index)
        spans.append(Paragraph(offset, offset + len(paragraph), heading))
        offset += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    return NormalizedBody(PARAGRAPH_SEPARATOR.join(paragraphs), tuple(spans))


def _is_body_heading(paragraphs: list[str], index: int) -> bool:
    # A heading introduces body text: the last paragraph (a sign-off, a byline) is not one.
    return index + 1 < len(paragraphs) and is_headline_like(paragraphs[index])


_DASHES = re.compile(r"\s*[\u002d\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d]\s*")
_DOUBLE_QUOTES = re.compile("[\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\uff02]|''")
_SINGLE_QUOTES = re.compile("[\u2018\u2019\u201a\u201b\u2032\u2039\u203a]")


def fold(text: str) -> str:
    """A lossy comparison key: straight quotes, one dash with no spaces around it, case-folded, spaces folded.

    ``alone—you serve`` and ``alone — you serve`` fold to the same string.
    """
    text = unicodedata.normalize("NFKC", text)
    text = _DOUBLE_QUOTES.sub('"', text)
    text = _SINGLE_QUOTES.sub("'", text)
    text = _DASHES.sub("-", text)
    return fold_spaces(text).casefold()


_WORD = re.compile(r"\S+")


def count_words(text: str) -> int:
    """Whitespace-separated tokens: the definition the documents schema checks `n_words` against."""
    return len(_WORD.findall(text))
