"""Small parse tests shared by the quotes modules: speech verbs, quoted spans, sentence ends, reported content."""

from __future__ import annotations

from spacy.tokens import Token

from newsfacts.quotemarks import QuoteSpan
from newsfacts.quotes.rows import DIRECT, Quote
from newsfacts.quotes.vocabulary import SPEECH_VERBS


QUOTE_OPENERS = frozenset({'"', "“", "‘", "'", "``", "''"})


def names_a_time(word: Token) -> bool:
    """`X said Wednesday, "..."`: the parser sometimes makes the day the verb's subject; a time never speaks."""
    return word.ent_type_ in {"DATE", "TIME"}


def ends_sentence(text: str, span: QuoteSpan) -> bool:
    return text[span.start : span.end].rstrip()[-1:] == "."


def has_object(verb: Token) -> bool:
    """`wrote a letter`: a direct object other than the "it" of "as X put it"."""
    return any(c.dep_ == "dobj" and c.lower_ != "it" for c in verb.children)


def has_own_content(verb: Token, span: QuoteSpan, quoted: list[tuple[int, int]] = ()) -> bool:
    """Does the verb report a clause of its own, outside the quote (and outside the other half of a split quote)?"""
    return any(c.dep_ == "ccomp" and not (span.start <= c.idx < span.end) and not inside_any(quoted, c.idx) for c in verb.children)


def is_speech_verb(token: Token) -> bool:
    if token.pos_ not in {"VERB", "AUX"}:
        return False
    lemma = token.lemma_.lower()
    # "as X put it"
    return lemma in SPEECH_VERBS or lemma == "put" and any(c.lower_ == "it" and c.dep_ == "dobj" for c in token.children)


# The words that open a reported clause as part of it: `said [that X]`, `asked [whether X]`, `asked [if X]`.
COMPLEMENTIZERS = frozenset({"that", "whether", "if"})


# Complements of a cue verb that carry what it reports: "called [him] [a "loser"]", "accused him [of ...]".
COMPLEMENT_EDGES = {"dobj", "dative", "oprd", "prep", "ccomp", "xcomp", "attr", "acomp"}


CLOSING_MARKS = frozenset({'"', "”", "’", "''"})


def closing_mark_at(text: str, index: int) -> str | None:
    """The closing quote mark that starts at `index` (the longest: `''` before `'`), if any."""
    return next((m for m in sorted(CLOSING_MARKS, key=len, reverse=True) if text.startswith(m, index)), None)


def inside_any(spans: list[tuple[int, int]], offset: int) -> bool:
    return any(start <= offset < end for start, end in spans)


def mostly_quoted(spans: list[tuple[int, int]], start: int, end: int, share: float) -> bool:
    covered = sum(max(0, min(e, end) - max(s, start)) for s, e in spans)
    return covered >= share * (end - start)


def is_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def overlaps_direct(quotes: list[Quote], start: int, end: int) -> bool:
    return any(q.start < end and start < q.end and q.kind == DIRECT for q in quotes)
