"""The quote-mark scanner: pure text, every mark style, and hostile input that must not crash or swallow text."""

import pytest

from newsfacts.quotemarks import find_quotes, find_quotes_in_paragraphs


def _contents(text, following=None):
    return [text[q.start : q.end] for q in find_quotes(text, following)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"Dear President Putin," the letter began. "Every child dreams."', ["Dear President Putin,", "Every child dreams."]),
        ("described the talks as “extremely productive,” while admitting", ["extremely productive,"]),
        ("He said “he’d ‘never’ do it,” they reported.", ["he’d ‘never’ do it,"]),
        ("The Times said ''we will win'' on Monday.", ["we will win"]),
        ("Er sagte „Hallo Welt“ und ging.", ["Hallo Welt"]),
        ("Il a dit «bonjour» hier.", ["bonjour"]),
        ("The minister said: ‘We will not give in.’", ["We will not give in."]),
    ],
)
def test_every_mark_style(text, expected):
    assert _contents(text) == expected


@pytest.mark.parametrize("text", ["Moscow’s terms and Jones’ view haven't changed.", "Rock 'n roll in the '90s.", "It’s the boys’ club."])
def test_apostrophes_are_never_quote_marks(text):
    assert _contents(text) == []


def test_an_unclosed_quote_never_runs_past_its_paragraph():
    text = "The report said \"the talks failed and then nothing else was closed.\n\nNext paragraph \"with a quote\" here."
    paragraphs = [(0, text.index("\n")), (text.index("Next"), len(text))]
    found = [text[q.start : q.end] for q in find_quotes_in_paragraphs(text, paragraphs)]
    assert found == ["with a quote"]


def test_a_long_quotation_continues_across_paragraphs():
    first, second = '"The first part of a long statement goes on.', '"And it ends here," she said.'
    [span] = find_quotes(first, second)
    assert span.continues and first[span.start : span.end] == "The first part of a long statement goes on."
    assert _contents(second) == ["And it ends here,"]


@pytest.mark.parametrize("text", ['"' * 100_000, "“" * 5000 + "”" * 3, '"""only marks"""', '"a" "b" "c" "', "„“”«»‘’''\"'"])
def test_hostile_marks_do_not_crash_and_stay_inside_the_text(text):
    for span in find_quotes(text, text):
        assert 0 <= span.start < span.end <= len(text)


def test_a_double_quote_of_the_other_style_nests_inside_a_quote():
    assert _contents('"The office isn’t about “equal justice” anymore. It is politics."') == [
        "The office isn’t about “equal justice” anymore. It is politics."]
    assert _contents('“He said "no" to me,” she said.') == ['He said "no" to me,']
    assert _contents("He called it “a stray and “a new quote.”") == ["a new quote."]  # the same style restarts


def test_a_long_quotation_whose_paragraphs_were_joined_goes_on_at_each_new_opening_mark():
    # `"A. "B. "C."`: each paragraph of the quotation opened with a mark and only the last closed, and the source joined
    # the paragraphs into one line (as the BBC corpus does): three parts, none lost, each going on in the next.
    text = 'Ms Reed said: "We will appeal. "The ruling is wrong. "We expect to win."'
    spans = find_quotes(text)
    assert [text[q.start : q.end] for q in spans] == ["We will appeal.", "The ruling is wrong.", "We expect to win."]
    assert [q.continues for q in spans] == [True, True, False] and spans[0].close_mark is None


def test_a_closing_curly_mark_typed_where_a_quote_opens_opens_it():
    assert _contents("”This is why it matters,” said John Reed.") == ["This is why it matters,"]
    assert _contents("He said ” and then left.") == []


def test_an_opening_curly_mark_typed_where_a_quote_closes_closes_it():
    assert _contents('"The fund is out of balance," the group wrote. "A correction is needed now.“') == [
        "The fund is out of balance,", "A correction is needed now."]
    assert _contents('"A quote with “a phrase“ inside."') == ["A quote with “a phrase“ inside."]  # it closes the inner quote
