"""One article's quotations in text order (`extract_quotes`): direct and partial from quote marks, then rows
across paragraphs, indirect, mixed and lead-in rows."""

from __future__ import annotations

from spacy.tokens import Doc

from newsfacts.entities import Mention
from newsfacts.nlp import doc_text, first_token_from
from newsfacts.quotemarks import QuoteSpan, find_quotes_in_paragraphs
from newsfacts.quotes.cues import attribute, speech_verb_earlier_in_sentence
from newsfacts.quotes.indirect import indirect_quotes
from newsfacts.quotes.introduced import (
    answer_to_writers_question, clause_before_dash, quotation_named_after, reporter_before_embedded, speaker_of_previous_sentence,
    under_the_rule,
)
from newsfacts.quotes.kinds import is_embedded, kind_of
from newsfacts.quotes.lead_in import lead_in_rows
from newsfacts.quotes.mixed import (
    clauses_cut_at_the_writers_words_after_a_quote, clauses_going_on_after_a_quote, join_quotes_cued_after_their_clause,
    join_reports_holding_them, mixed_quotes,
)
from newsfacts.quotes.paragraphs import (
    attribute_forward, attribute_to_signature, continues, paragraph_of, unattributed_paragraph,
)
from newsfacts.quotes.rows import Attribution, DIRECT, Quote
from newsfacts.quotes.signed import signed_in_paragraph, under_name_line
from newsfacts.quotes.speakers import mention_index, quote_row
from newsfacts.quotes.whole_marks import take_in_cut_quote_marks


def extract_quotes(doc: Doc, paragraphs: list[tuple[int, int, bool]], mentions: list[Mention]) -> list[Quote]:
    """Every direct, partial and indirect quotation in one article, in text order."""
    text = doc_text(doc)
    spans = [(p[0], p[1]) for p in paragraphs]
    headings = {i for i, p in enumerate(paragraphs) if p[2]}
    marks = find_quotes_in_paragraphs(text, spans)
    mention_at = mention_index(mentions)
    quotes: list[Quote] = []
    previous: tuple[QuoteSpan, Attribution, Quote | None] | None = None
    found: list[tuple[QuoteSpan, Quote]] = []
    for span in marks:
        paragraph = paragraph_of(spans, span.start)
        if paragraph in headings:
            continue
        attribution = attribute(doc, span, marks)
        if attribution.cue is None:  # (a quote collection's answer, signed by the person's name line)
            attribution = (signed_in_paragraph(doc, spans, paragraph, span) or under_name_line(doc, spans, paragraph, span, quotes)
                           or attribution)
        unattributed = attribution.cue is None and attribution.speaker is None
        inherited = unattributed and previous is not None and continues(text, spans, previous[0], span, previous[1])
        # `"A," X said, "B."`: B found the same verb before it; it keeps the speaker A found for it
        same_cue = (attribution.how == "before" and previous is not None and previous[1].how == "after"
                    and attribution.cue.i == previous[1].cue.i and previous[1].speaker is not None)
        if inherited or same_cue:
            attribution = Attribution(previous[1].cue, previous[1].speaker, "inherited")
        elif unattributed and not is_embedded(text, span):
            attribution = (quotation_named_after(doc, span) or speaker_of_previous_sentence(doc, span)
                           or answer_to_writers_question(doc, span) or attribution)
        elif unattributed:  # `Trump told CNN, his policy would merely be "to go after them"`: the parse hung it elsewhere
            attribution = (speech_verb_earlier_in_sentence(doc, span, marks) or clause_before_dash(doc, span, marks)
                           or _cue_of_previous_quote_in_sentence(doc, span, previous) or reporter_before_embedded(doc, span)
                           or under_the_rule(doc, span, marks) or attribution)
        kind = kind_of(doc, text, span, attribution)
        if kind is None:
            continue  # a title or scare quote between the halves of a quote does not break them apart
        quote = quote_row(doc, text, span, kind, attribution, paragraph, mention_at, quotes)
        quotes.append(quote)
        found.append((span, quote))
        # A quoted phrase inside the attribution of a split quote (`"A," said X of the "thing". "B."`) does not
        # break the split quote apart: B goes on from A.
        if kind == DIRECT or previous is None or paragraph_of(spans, previous[0].start) != paragraph:
            previous = (span, attribution, quote)
    attribute_forward(text, spans, found)
    attribute_to_signature(doc, spans, found, mention_at)
    quotes = [q for span, q in found if not unattributed_paragraph(text, spans, span, q)]
    quotes += indirect_quotes(doc, spans, marks, headings, mention_at, quotes)
    join_reports_holding_them(doc, quotes)
    join_quotes_cued_after_their_clause(doc, quotes)
    quotes += mixed_quotes(doc, quotes)
    clauses_going_on_after_a_quote(doc, quotes)
    clauses_cut_at_the_writers_words_after_a_quote(doc, quotes)
    quotes += lead_in_rows(doc, quotes)
    take_in_cut_quote_marks(text, marks, quotes)
    quotes.sort(key=lambda q: (q.start, q.end))
    return quotes


def _cue_of_previous_quote_in_sentence(doc: Doc, span: QuoteSpan, previous) -> Attribution | None:
    """`"Family Leave," the document states, becomes available "after 1 year of employment."`: a quoted phrase with no cue
    of its own, in the sentence of the quote before it and after that quote's cue, which stands after that quote (`"A," X
    said, ...`), goes on for that quote's speaker."""
    if previous is None or previous[2] is None or previous[2].kind != DIRECT:
        return None  # (the quote before opens the sentence its cue frames)
    before, attribution = previous[0], previous[1]
    if attribution.how != "after" or attribution.cue is None or attribution.speaker is None:
        return None
    first = first_token_from(doc, span.open_mark)
    close = before.close_mark if before.close_mark is not None else before.end
    if first >= len(doc) or doc[first].sent != attribution.cue.sent or not close < attribution.cue.idx < span.open_mark:
        return None
    return Attribution(attribution.cue, attribution.speaker, "inherited")
