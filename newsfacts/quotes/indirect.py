"""Indirect quotes: every reported clause the parse offers (`indirect_candidate_rows`), kept by the learned
attribution model (`newsfacts.attribution_model`)."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from newsfacts.nlp import doc_text
from newsfacts.quotes.clauses import clause_span, object_span
from newsfacts.quotes.framing import person_before
from newsfacts.quotes.grammar import COMPLEMENTIZERS, inside_any, is_speech_verb, mostly_quoted, overlaps_direct
from newsfacts.quotes.paragraphs import paragraph_of
from newsfacts.quotes.rows import Attribution, INDIRECT, Quote
from newsfacts.quotes.speakers import NO_SPEAKER_CONFIDENCE, cue_words, resolve_speaker


def indirect_quotes(doc, paragraphs, marks, headings, mention_at, direct: list[Quote]) -> list[Quote]:
    """The reported clauses that the attribution model (`newsfacts.attribution_model`) takes for reported speech."""
    from newsfacts.attribution_model import choose, shipped_model  # (it builds on this package's parse helpers)

    return choose(indirect_candidate_rows(doc, paragraphs, marks, headings, mention_at, direct), shipped_model())


def indirect_candidate_rows(doc, paragraphs, marks, headings, mention_at, direct: list[Quote]) -> list[tuple[Quote, dict]]:
    """Every reported clause the parse offers as an indirect quote, with its speaker and the model's features."""
    from newsfacts.attribution_model import features, indirect_candidates, with_context

    quoted = [(m.open_mark, (m.close_mark or m.end) + 1) for m in marks]
    rows: list[tuple[Quote, dict]] = []
    for candidate in indirect_candidates(doc):
        if candidate.speaker is None and candidate.how == "clause" and is_speech_verb(candidate.cue) and candidate.cue.tag_ != "VBG":
            # as for a quote the verb governs: `Alarmed by ..., former president X said his wife ...`, parsed with no subject
            candidate = replace(candidate, speaker=person_before(candidate.cue, quoted))
        token, content = candidate.cue, candidate.content
        attribution = Attribution(token, candidate.speaker, candidate.how)
        if paragraph_of(paragraphs, token.idx) in headings or inside_any(quoted, token.idx):
            continue
        start, end = clause_span(content) if candidate.how != "object" else object_span(content)
        # A clause that is all one direct quote is already a row; a clause with quoted words inside is a
        # "mixed" quote: the partial rows keep the exact words, this row the reported content.
        if end - start < 2 or mostly_quoted(quoted, start, end, share=0.9) or overlaps_direct(direct, start, end):
            continue
        speaker = attribution.speaker
        if speaker is not None and speaker.start_char >= start and speaker.end_char <= end and not (
                candidate.how == "aside" and speaker.root.head == token):
            continue  # the speaker is part of the clause; but "X, he said, did Y" sets its speaker off inside it
        entity, speaker_text, speaker_start, speaker_end = resolve_speaker(doc, attribution, mention_at, direct)
        if candidate.how == "object" and mostly_quoted(quoted, start, end, share=0.01):
            continue  # a reported noun phrase is never a mixed quote (whose speaker is unnamed or a document, the model weighs)
        cue_text, cue_start, cue_end = cue_words(token, "according" if candidate.how == "according" else "clause")
        # (the model reads the clause without its complementizer; the row holds it)
        first = _with_complementizer(content, start) if candidate.how != "object" else start
        row = Quote(first, end, doc_text(doc)[first:end], INDIRECT, entity, speaker_text, speaker_start, speaker_end, cue_text,
                    cue_start, cue_end, paragraph_of(paragraphs, first), NO_SPEAKER_CONFIDENCE, candidate.how)
        rows.append((row, features(candidate, start, end, entity is not None)))
    return with_context(rows)


def _with_complementizer(head: Token, start: int) -> int:
    """Where the reported clause starts with its own `that`, `whether` or `if`: the clause as a whole is what is reported
    (PolNeAR's contents include the word in 98% of the 2,323 train contents it opens: 2,293 `that`, 130 of 137 `whether`,
    87 of 97 `if`)."""
    mark = next((c for c in head.children if c.dep_ == "mark" and c.lower_ in COMPLEMENTIZERS and c.idx < start), None)
    if mark is None or any(ch.isalnum() for ch in doc_text(head.doc)[mark.idx + len(mark.text) : start]):
        return start
    return mark.idx
