"""One article's claims (`extract_claims`): each assertion of each sentence outside headings that is checkable,
as a ClaimCandidate with its attribution, the sources and names credited to it, its negation, hedge, quantities,
dates and check-worthiness score.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Span

from newsfacts.checkworthiness import checkworthiness
from newsfacts.claims.attribution import (
    attribution_of,
    _introduces_speech,
    _is_backshifted,
    _read_as_act,
    speaker_word,
    subject_phrase,
    _told_with_its_sentence,
)
from newsfacts.claims.candidate import ClaimCandidate
from newsfacts.claims.checkability import is_checkable
from newsfacts.claims.context import ClaimContext
from newsfacts.claims.firmness import HEDGE_PATTERN, is_negated
from newsfacts.claims.grammar import head_of_clause
from newsfacts.claims.naming import name_the_group, name_the_role
from newsfacts.claims.numbers_and_dates import QUANTITY_LABELS, date_value, quantity_value
from newsfacts.claims.sources import credit_the_source, study_authors
from newsfacts.claims.splitting import assertions, paragraph_sentences
from newsfacts.entities import Mention
from newsfacts.nlp import doc_text, ents_within


def extract_claims(doc: Doc, paragraphs: list[tuple[int, int, bool]], published_date: dt.date | None,
                   mentions: list[Mention] = (), quotes: list = ()) -> list[ClaimCandidate]:
    """Every checkable assertion of one article, in text order. `mentions` (the article's entity mentions,
    pronouns resolved) and `quotes` (its direct and partial quotations) tell who and what is concrete."""
    text = doc_text(doc)
    context = ClaimContext.of(doc, mentions, quotes)
    authors = study_authors(doc)
    candidates = []
    for index, (p_start, p_end, heading) in enumerate(paragraphs):
        if heading:
            continue
        for sentence in paragraph_sentences(doc, p_start, p_end):
            for clause, voice in assertions(sentence):
                if is_checkable(clause, context):
                    candidate = _candidate(text, clause, voice, index, published_date)
                    credit_the_source(candidate, clause, context, authors)
                    if voice == "article":
                        _told_with_its_sentence(candidate, clause, sentence, text)
                    name_the_role(candidate, doc, mentions)
                    name_the_group(candidate, text, mentions)
                    candidate.in_open_quote = _quote_left_open(text[p_start : candidate.start])
                    candidates.append(candidate)
    scores = checkworthiness([c.text for c in candidates]) if candidates else []
    for candidate, score in zip(candidates, scores):
        candidate.checkworthiness = float(score)
    return sorted(_unique(candidates), key=lambda c: (c.start, c.end))


def _quote_left_open(text: str) -> bool:
    """Whether the text ends inside quotation marks. A straight mark after a space opens one and after a word or
    punctuation closes it, so that a speech going on in a new sentence ('on that. "But we are ...') stays open."""
    inside = False
    for i, char in enumerate(text):
        if char == "“" or char == '"' and (i == 0 or text[i - 1].isspace()):
            inside = True
        elif char in ('"', "”"):
            inside = False
    return inside


def _candidate(text: str, clause: Span, voice: str, paragraph: int, published: dt.date | None) -> ClaimCandidate:
    start, end = clause.start_char, clause.end_char
    candidate = ClaimCandidate(start, end, text[start:end], paragraph, voice=voice)
    attribution = attribution_of(clause)
    if attribution is not None:
        verb, subject_word = attribution
        subject = subject_phrase(subject_word)
        candidate.cue, candidate.cue_start, candidate.cue_end = verb.text, verb.idx, verb.idx + len(verb.text)
        candidate.claimant_text = text[subject.start_char:subject.end_char]
        candidate.claimant_start, candidate.claimant_end = subject.start_char, subject.end_char
        candidate.claimant_head = speaker_word(subject_word).idx
    candidate.acts = [t.idx for t in clause if _read_as_act(t)]
    candidate.backshifted = attribution is None and voice == "own" and _is_backshifted(head_of_clause(clause), clause)
    if attribution is None and (speaker := _introduces_speech(head_of_clause(clause))) is not None:
        candidate.introducer = (speaker.left_edge.idx, speaker.idx + len(speaker.text), speaker.idx)
    candidate.negated = is_negated(clause)
    hedge = HEDGE_PATTERN.search(candidate.text)
    candidate.hedged = hedge.group(0) if hedge else None
    ents = ents_within(clause)
    candidate.quantities = [q for q in (quantity_value(ent) for ent in ents if ent.label_ in QUANTITY_LABELS) if q]
    candidate.dates = [date_value(ent, published) for ent in ents if ent.label_ == "DATE"]
    return candidate


def _unique(candidates: list[ClaimCandidate]) -> list[ClaimCandidate]:
    seen, unique = set(), []
    for candidate in candidates:
        if (candidate.start, candidate.end) not in seen:
            seen.add((candidate.start, candidate.end))
            unique.append(candidate)
    return unique
