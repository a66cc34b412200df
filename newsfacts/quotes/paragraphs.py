"""Quotes across paragraphs: a quote-only paragraph that takes the next paragraph's attribution or signature,
the continuation of a long or split quotation, and quote-only paragraphs with no attribution (dropped)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from newsfacts.nlp import doc_text
from newsfacts.quotemarks import QuoteSpan
from newsfacts.quotes.rows import SIGNED, Attribution, DIRECT, Quote
from newsfacts.quotes.speakers import CALIBRATED_CONFIDENCE, entity_in


def attribute_forward(text: str, paragraphs: list[tuple[int, int]], found: list[tuple[QuoteSpan, Quote]]) -> None:
    """`"A."` (paragraph break) `"B," X said.`: a paragraph that is only a quote, with no speaker of its own, is the
    start of the quotation that the next paragraph opens and attributes; it takes that attribution (in place). So does
    a part of a long quotation whose paragraphs a source joined into one, from the part it goes on in."""
    for (span, quote), (next_span, following) in reversed(list(zip(found, found[1:]))):
        if quote.speaker_text is not None or following.speaker_text is None:
            continue
        # (a part of a long quotation whose paragraphs were joined, `"A. "B," X said.`, is the same quotation's)
        if not (span.continues and not text[span.end : next_span.open_mark].strip(" \t")):
            if following.attribution not in {"after", "forward", SIGNED}:
                continue
            if not (_whole_paragraph(text, paragraphs, span) and following.paragraph == quote.paragraph + 1):
                continue
            start = paragraphs[following.paragraph][0]
            if text[start : next_span.open_mark].strip():
                continue  # the next paragraph does not open with its quote
        quote.kind, quote.attribution = DIRECT, "forward"
        quote.speaker_entity, quote.speaker_text = following.speaker_entity, following.speaker_text
        quote.speaker_start, quote.speaker_end = following.speaker_start, following.speaker_end
        quote.cue, quote.cue_start, quote.cue_end = following.cue, following.cue_start, following.cue_end
        state = "entity" if quote.speaker_entity is not None else "text"
        quote.confidence = CALIBRATED_CONFIDENCE.get((DIRECT, "forward", state), 0.8 if state == "entity" else 0.6)


# A signature paragraph under a quote: `- Sanders.`, `-President Obama, tweeting after the speech.`
_SIGNATURE = re.compile(r"[-—–]\s*((?:[A-Z][\w.'’-]*\s?){1,5})(?=[,.]|$)")


def attribute_to_signature(doc: Doc, paragraphs: list[tuple[int, int]], found: list[tuple[QuoteSpan, Quote]], mention_at) -> None:
    """`"..."` (paragraph break) `- Sanders.`: a paragraph that is only a quote, signed by the next paragraph (a dash
    and a name, as fact checks and quote lists print them), is that name's (in place)."""
    text = doc_text(doc)
    for span, quote in found:
        if quote.speaker_text is not None or not _whole_paragraph(text, paragraphs, span):
            continue
        index = paragraph_of(paragraphs, span.start) + 1
        if index >= len(paragraphs):
            continue
        start, end = paragraphs[index]
        signed = _SIGNATURE.match(text, start, end)
        if signed is None:
            continue
        name_text = signed.group(1).rstrip()
        if name_text.endswith(".") and len(name_text.split()[-1]) > 3 and name_text.split()[-1] not in {"Jr.", "Sr."}:
            name_text = name_text[:-1]  # the sentence's full stop, not an initial's
        name_start, name_end = signed.start(1), signed.start(1) + len(name_text)
        name = doc.char_span(name_start, name_end, alignment_mode="expand")
        if name is None:
            continue
        quote.kind, quote.attribution = DIRECT, "signature"
        quote.speaker_entity = entity_in(mention_at, name_start, name_end, name.root)
        quote.speaker_text, quote.speaker_start, quote.speaker_end = text[name_start:name_end], name_start, name_end
        state = "entity" if quote.speaker_entity is not None else "text"
        quote.confidence = CALIBRATED_CONFIDENCE.get((DIRECT, "signature", state), 0.8 if state == "entity" else 0.6)


def unattributed_paragraph(text: str, paragraphs: list[tuple[int, int]], span: QuoteSpan, quote: Quote) -> bool:
    """A paragraph that is only a quote, with no attribution at all (none of its own, none it goes on from, none in the
    paragraphs around it): an epigraph, a pulled quote, a slogan or a transcript, which the gold does not count as
    anybody's quotation (PolNeAR train: 4 of 20 such rows matched a gold quote)."""
    return quote.attribution == "none" and quote.speaker_text is None and _whole_paragraph(text, paragraphs, span)


def _whole_paragraph(text: str, paragraphs: list[tuple[int, int]], span: QuoteSpan) -> bool:
    """Is the quote all its paragraph holds (marks and final punctuation aside)?"""
    start, end = paragraphs[paragraph_of(paragraphs, span.start)]
    close = span.close_mark + 1 if span.close_mark is not None else span.end
    return not text[start : span.open_mark].strip() and not text[close:end].strip(" .,!?\"”’'\n")


def continues(text: str, paragraphs: list[tuple[int, int]], previous: QuoteSpan, span: QuoteSpan, attribution: Attribution) -> bool:
    """Does this unattributed quote continue the previous one (split around its attribution, or a long quotation)?"""
    if attribution.speaker is None and attribution.cue is None or attribution.how == SIGNED:
        return False  # (a signature closes its answer: the next unsigned paragraph is the next person's, signed below it)
    if previous.continues:  # a long quotation: its next paragraph, or its next part where the paragraphs were joined
        return True
    same_paragraph = paragraph_of(paragraphs, previous.start) == paragraph_of(paragraphs, span.start)
    previous_close = previous.close_mark if previous.close_mark is not None else previous.end
    if same_paragraph and _ELLIPSIS.fullmatch(text, previous_close + 1, span.open_mark):
        return True  # `were skeptical: "A?" . . . "B?" . . . "C?"`: an ellipsis only leaves words out of one series
    if same_paragraph and attribution.cue is None:  # (under a name line: `"A." "B."` is one answer)
        return not text[(previous.close_mark or previous.end) + 1 : span.open_mark].strip()
    if same_paragraph:
        # `"A," the letter began. "B."`: the attribution stands between the two halves, and B starts a sentence.
        between = previous_close < attribution.cue.idx < span.open_mark
        # (the sentence may end inside a quoted title: `said on NBC's "Meet the Press." "B."`)
        return between and text[previous_close:span.open_mark].rstrip().rstrip("'\"”’").rstrip()[-1:] in {".", ":", ","}
    # "...," he said.  (next paragraph)  "More words." : a paragraph that is only a quote goes on.
    paragraph = paragraphs[paragraph_of(paragraphs, span.start)]
    between_previous = paragraph_of(paragraphs, span.start) - paragraph_of(paragraphs, previous.start) == 1
    return between_previous and not text[paragraph[0] : span.open_mark].strip()


# Only an ellipsis between two quotes: `. . .`, `...`, `…`.
_ELLIPSIS = re.compile(r"\s*(?:(?:\.\s?){3}|…)\s*")


def paragraph_of(paragraphs: list[tuple[int, int]], offset: int) -> int:
    for index, (start, end) in enumerate(paragraphs):
        if start <= offset <= end:
            return index
    return max(0, len(paragraphs) - 1)
