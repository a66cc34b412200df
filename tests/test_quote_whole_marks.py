"""An indirect row never shows half a quotation: a reported clause that starts on a quotation's first word or ends on
its last takes in the mark the parse left outside (issue 4, the `text` column a reader sees)."""

import pytest

from newsfacts.quotemarks import find_quotes
from newsfacts.quotes.rows import INDIRECT, PARTIAL, Quote
from newsfacts.quotes.whole_marks import take_in_cut_quote_marks
from tests.test_quote_patterns import quotes_with_entities


def _row(text, words, kind=INDIRECT):
    start = text.index(words)
    return Quote(start, start + len(words), words, kind, None, None, None, None, "said", None, None, 0, 0.9)


def _widened(text, words, kind=INDIRECT):
    row = _row(text, words, kind)
    take_in_cut_quote_marks(text, find_quotes(text), [row])
    assert row.text == text[row.start : row.end]
    return row.text


@pytest.mark.parametrize(
    "text, clause, expected",
    [
        ("She said she voted “uncommitted.” The vote was close.", "she voted “uncommitted", "she voted “uncommitted.”"),
        ('He told him "it is time" to act.', 'it is time" to act', '"it is time" to act'),
        ('"The plans will not solve this," Ms. Rice said.', "The plans will not solve this", '"The plans will not solve this,"'),
        ("He said the deal was ''a disgrace.'' Then he left.", "the deal was ''a disgrace", "the deal was ''a disgrace.''"),
        ("He said voters saw it as “one of being ‘half-pregnant.’” Then he left.", "it as “one of being ‘half-pregnant",
         "it as “one of being ‘half-pregnant.’”"),
    ],
)
def test_a_clause_cut_at_a_quotations_edge_takes_in_the_mark(text, clause, expected):
    assert _widened(text, clause) == expected


@pytest.mark.parametrize(
    "text, clause",
    [
        # the clause stops inside the quotation's words: taking in the rest would add words nobody reported
        ('He said the plan "would hurt workers and families" in every state.', "the plan \"would hurt workers"),
        # the clause starts on the quotation's first word but stops inside it: an opening mark alone would unbalance it
        ('He said "the plan would hurt workers" in every state.', "the plan would hurt"),
        # already whole
        ('He said the plan "would hurt workers" in every state.', 'the plan "would hurt workers" in every state'),
    ],
)
def test_a_clause_that_does_not_reach_a_quotations_edge_keeps_its_span(text, clause):
    assert _widened(text, clause) == clause


def test_direct_and_partial_rows_keep_the_content_inside_the_marks():
    text = 'She said she voted "uncommitted." The vote was close.'
    assert _widened(text, "uncommitted.", PARTIAL) == "uncommitted."


@pytest.mark.slow
def test_the_quotes_stage_gives_whole_quotations_in_indirect_rows():
    text = "Senator Mary Jones said on Tuesday that she voted “uncommitted.” The vote was close."
    quotes, _ = quotes_with_entities(text)
    clause = next(q for q in quotes if q.kind == INDIRECT)
    assert clause.text == "that she voted “uncommitted.”"
    assert next(q for q in quotes if q.kind == PARTIAL).text == "uncommitted."
