"""Reported clauses that cut a quotation's marks off (`he voted “uncommitted`): the row takes in the cut mark.

A reported clause's span comes from the parse, which leaves quote marks and sentence punctuation outside its tokens: a
clause that opens on a quotation's first word starts after its opening mark (`telling him "it is time" to act` gives
`it is time" to act`), and one that ends on a quotation's last word stops before its closing mark (`said he voted
“uncommitted.”` gives `he voted “uncommitted`). On PolNeAR train one indirect row in nine had a mark without its pair.
A reader of the `text` column then sees half a quotation. The row takes in the mark it cut, and between the last word and
a closing mark only the punctuation the quotation holds (`.”`, `,”`); a clause that stops in the middle of a
quotation's words keeps its span (taking in the rest would add words nobody reported)."""

from __future__ import annotations

import re

from newsfacts.quotemarks import QuoteSpan
from newsfacts.quotes.grammar import closing_mark_at
from newsfacts.quotes.rows import INDIRECT, Quote

# What may stand between a clause's last word and the quotation's closing mark: the sentence's punctuation, and the
# closing mark of a quote inside the quotation (`of being ‘half-pregnant.’”`)
_PUNCTUATION_ONLY = re.compile(r"[\s.,;:!?…’']*")


def take_in_cut_quote_marks(text: str, marks: list[QuoteSpan], quotes: list[Quote]) -> None:
    """Widen each indirect row in place to the opening and closing marks of the quotations it cuts (see the module)."""
    closed = [m for m in marks if m.close_mark is not None]
    for row in quotes:
        if row.kind != INDIRECT:
            continue
        for mark in closed:
            opens_it = row.start <= mark.open_mark or row.start == mark.start
            if opens_it and mark.start < row.end <= mark.close_mark and _only_punctuation(text, row.end, mark.close_mark):
                row.end = mark.close_mark + len(closing_mark_at(text, mark.close_mark) or text[mark.close_mark])
            if row.start == mark.start and row.end > mark.close_mark:  # (not when the clause stops inside the quotation)
                row.start = mark.open_mark
        row.text = text[row.start : row.end]


def _only_punctuation(text: str, start: int, end: int) -> bool:
    return _PUNCTUATION_ONLY.fullmatch(text, start, end) is not None
