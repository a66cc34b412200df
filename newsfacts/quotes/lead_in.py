"""The start of a sentence its attribution splits (`The talks, he said, "went well"`) as a row of its own."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsfacts.nlp import doc_text, first_token_from, tokens_starting_in
from newsfacts.quotes.rows import DIRECT, INDIRECT, PARTIAL, Quote


def lead_in_rows(doc: Doc, quotes: list[Quote]) -> list[Quote]:
    """`No name change, he said, "hides what it really is."`: a quote that goes on with a sentence its attribution split
    (it opens in lower case after `, X said,`, or after the writer's `<words>,` with its attribution after it) says the words
    before the attribution too. They join it as an indirect row of the same cue and speaker, as the gold counts them: one
    attribution."""
    rows = []
    for quote in quotes:
        lead = _lead_in(doc, quote)
        if lead is not None:
            start, end = lead
            rows.append(Quote(start, end, doc_text(doc)[start:end], INDIRECT, quote.speaker_entity, quote.speaker_text,
                              quote.speaker_start, quote.speaker_end, quote.cue, quote.cue_start, quote.cue_end, quote.paragraph,
                              quote.confidence, "lead-in"))
    return rows


def _lead_in(doc: Doc, quote: Quote) -> tuple[int, int] | None:
    """The words from the start of the sentence to the comma before the speaker of `<words>, X said, "<quote>"`, or before
    the quote of `<words>, "<quote>," X said`."""
    if quote.kind not in {DIRECT, PARTIAL} or quote.speaker_start is None or quote.cue_start is None or not quote.text[:1].islower():
        return None
    text = doc_text(doc)
    if quote.attribution == "after" and quote.end < quote.cue_start:
        # `<words>, "<quote>," X said.`: the quote goes on with the sentence the words before it start
        lead_end = anchor = len(text[: quote.start].rstrip("\"“'‘ "))
        anchor -= 1  # (the comma)
    elif quote.attribution == "before" and quote.speaker_start < quote.cue_start < quote.start:
        between = text[quote.cue_end : quote.start].rstrip("\"“”'‘ ")  # (`X said, "`, `X told reporters, "`)
        if not between.endswith(",") or any(c in between for c in '.!?;:"“”\n') or len(between.split()) > 4:
            return None
        lead_end = anchor = quote.speaker_start
    else:
        return None
    first = first_token_from(doc, anchor)
    sentence_start = doc[first].sent.start_char if first < len(doc) else lead_end
    lead = text[sentence_start:lead_end].rstrip()
    if not lead.endswith(",") or any(c in lead for c in '"“”\n'):
        return None
    end = sentence_start + len(lead[:-1].rstrip())
    words = list(tokens_starting_in(doc, sentence_start, end))
    if len(words) < 2 or doc[first_token_from(doc, quote.cue_start)].tag_ == "VBG" or _says_when_or_how(words):
        return None
    return sentence_start, end


def _says_when_or_how(words: list[Token]) -> bool:
    """`On Monday`, `Speaking to reporters`: when or how the saying happened, not what was said."""
    return words[0].tag_ in {"VBG", "VBN"} or all(w.ent_type_ in {"DATE", "TIME"} or w.pos_ in {"ADP", "DET", "PUNCT"} for w in words)
