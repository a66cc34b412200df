"""Finding quotations by their marks: pure text, no parse.

Handles straight and curly double quotes, single quotes for quotes inside
quotes, «guillemets», „German“ marks and NYT-style pairs of apostrophes
(''). An apostrophe (Moscow’s, haven't, Jones') is never a quote mark.
Marks are paired within a paragraph, so an unbalanced mark can never make a
quote swallow the rest of the article; the one exception is the convention
for long quotations, where each paragraph opens with a mark and only the last
one closes: such a paragraph's quote runs to its end and is marked `continues`
(where a source joined those paragraphs, `"A. "B."`, a part runs to the next
opening mark).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# '' (NYT) first, so that it is read as one double mark rather than two apostrophes.
_MARK = re.compile(r"''|[\"“”„‟«»‘’‚‛']")
_OPENING_CONTEXT = set(" \n\t([{—–-/:;") | {""}
_DOUBLE_OPEN = {"“", "„", "‟", "«"}
_DOUBLE_CLOSE = {"”", "»"}
_AMBIGUOUS_DOUBLE = {'"', "''"}
_SINGLE_OPEN = {"‘", "‚", "‛"}


@dataclass(frozen=True)
class QuoteSpan:
    start: int  # first character of the quoted content (after the opening mark)
    end: int  # end of the content (before the closing mark, or the paragraph's end)
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark; None if the paragraph ends first
    continues: bool = False  # a long quotation that goes on in the next paragraph


@dataclass
class _Open:
    offset: int
    width: int
    family: str  # "double" or "single"
    mark: str


def _before(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else ""


def _after(text: str, j: int) -> str:
    return text[j] if j < len(text) else ""


def _left_flanking(text: str, i: int, j: int) -> bool:
    """Could open: at the start or after a space or bracket, and followed by a non-space."""
    return _before(text, i) in _OPENING_CONTEXT and _after(text, j).strip() != ""


def _right_flanking(text: str, i: int, j: int) -> bool:
    """Could close: after a non-space, and at the end or followed by a space or punctuation."""
    after = _after(text, j)
    return _before(text, i).strip() != "" and (after == "" or not after.isalnum())


def find_quotes(paragraph: str, next_paragraph: str | None = None, offset: int = 0) -> list[QuoteSpan]:
    """Top-level quotations in one paragraph (inner single quotes stay inside), offsets shifted by `offset`."""
    spans: list[QuoteSpan] = []
    stack: list[_Open] = []
    for match in _MARK.finditer(paragraph):
        mark, i, j = match.group(), match.start(), match.end()
        role = _role(paragraph, mark, i, j, stack)
        if role == "open_double":
            if any(o.family == "double" and _straight(o.mark) == _straight(mark) for o in stack):
                # A second opener of the same style while one is open: the first was never closed. (One of the other
                # style opens a quote inside the quote: "A “B” C".) After the end of a sentence it is the convention for
                # long quotations in a source that joined their paragraphs (`He said: "A. "B."`, common in the BBC
                # corpus): the first runs to the second's mark and goes on in it. Elsewhere it is a stray mark: dropped.
                if stack[0].family == "double" and _ends_sentence(paragraph[: i].rstrip()):
                    _add(spans, paragraph, stack[0].offset + stack[0].width, i, stack[0].offset, None, offset, continues=True)
                stack = [o for o in stack if o.family != "double"]
            stack.append(_Open(i, j - i, "double", mark))
        elif role == "open_single":
            stack.append(_Open(i, j - i, "single", mark))
        elif role == "close_double":
            opener = next((o for o in reversed(stack) if o.family == "double"), None)
            if opener:
                stack = stack[: stack.index(opener)]
                if not stack:
                    _add(spans, paragraph, opener.offset + opener.width, i, opener.offset, i, offset)
        elif role == "close_single":
            opener = stack.pop()
            if not stack:  # a single-quoted quotation at the top level (British style)
                _add(spans, paragraph, opener.offset + opener.width, i, opener.offset, i, offset)
    if stack and stack[0].family == "double":
        opener = stack[0]
        # An opening mark left open at the end: a long quotation if the next paragraph opens with a mark
        # too, or if the quote starts the paragraph (its closing mark was lost); otherwise it is dropped.
        if _opens_with_quote(next_paragraph) or not paragraph[: opener.offset].strip():
            _add(spans, paragraph, opener.offset + opener.width, len(paragraph), opener.offset, None, offset,
                 continues=_opens_with_quote(next_paragraph))
    return spans


def _role(text: str, mark: str, i: int, j: int, stack: list[_Open]) -> str | None:
    double_open = any(o.family == "double" for o in stack)
    if mark in _DOUBLE_OPEN:
        if mark == "“" and stack and stack[-1].mark == "„":
            return "close_double"  # German „...“
        if mark == "“" and double_open and _right_flanking(text, i, j) and not _left_flanking(text, i, j):
            return "close_double"  # an opening mark typed where a quote closes: `"... in the future.“`
        return "open_double"
    if mark in _DOUBLE_CLOSE:
        if mark == "”" and not double_open and _left_flanking(text, i, j) and not _right_flanking(text, i, j):
            return "open_double"  # a closing mark typed where a quote opens: `”This is why," he said`
        return "close_double"
    if mark in _AMBIGUOUS_DOUBLE:
        if double_open and stack[-1].family == "single" and _right_flanking(text, i, j):
            return "close_double"
        if double_open and _right_flanking(text, i, j):
            return "close_double"
        if _left_flanking(text, i, j):
            return "open_double"
        return "close_double" if double_open else None
    if mark in _SINGLE_OPEN:
        return "open_single" if _after(text, j).strip() else None
    # ’ and ' : an apostrophe unless it closes an open single quote or opens one at a word start.
    if stack and stack[-1].family == "single" and _right_flanking(text, i, j) and not _after(text, j).isalpha():
        return "close_single"
    if mark == "'" and _left_flanking(text, i, j) and _after(text, j).isalpha() and _closes_later(text, j):
        return "open_single"
    return None


def _ends_sentence(text: str) -> bool:
    """Does the text end a sentence (`.`, `?`, `!`, `…`, maybe inside a bracket or an inner quote's mark)?"""
    return text.rstrip(")]’'").endswith((".", "?", "!", "…"))


def _straight(mark: str) -> bool:
    return mark in _AMBIGUOUS_DOUBLE


def _closes_later(text: str, j: int) -> bool:
    """A straight single quote opens only if a matching one closes later in the paragraph ('em, '90s do not)."""
    return re.search(r"[^\s]'(?![A-Za-z])", text[j:]) is not None


def _opens_with_quote(paragraph: str | None) -> bool:
    return bool(paragraph) and paragraph.lstrip()[:1] in {'"', "“", "„", "«"} | ({"'"} if paragraph.lstrip().startswith("''") else set())


def _add(spans, paragraph, start, end, open_mark, close_mark, offset, continues=False) -> None:
    # The content without the spaces just inside the marks.
    while start < end and paragraph[start].isspace():
        start += 1
    while end > start and paragraph[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(QuoteSpan(start + offset, end + offset, open_mark + offset,
                               None if close_mark is None else close_mark + offset, continues))


def quoted_spans(marks: list[QuoteSpan]) -> list[tuple[int, int]]:
    """Each quote's characters with its marks (to the end of its content where it was never closed)."""
    return [(m.open_mark, (m.close_mark if m.close_mark is not None else m.end) + 1) for m in marks]


def find_quotes_in_paragraphs(text: str, paragraphs: list[tuple[int, int]]) -> list[QuoteSpan]:
    """Quotations in a whole document, paragraph by paragraph."""
    spans: list[QuoteSpan] = []
    for index, (start, end) in enumerate(paragraphs):
        following = text[paragraphs[index + 1][0] : paragraphs[index + 1][1]] if index + 1 < len(paragraphs) else None
        spans += find_quotes(text[start:end], following, offset=start)
    return spans
