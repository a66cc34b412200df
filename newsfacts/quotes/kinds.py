"""What counts as a quotation: direct, partial, or nothing (a scare quote, a title, a work, a mentioned word)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from newsfacts.nlp import first_token_from, tokens_starting_in
from newsfacts.quotemarks import QuoteSpan
from newsfacts.quotes.rows import NAME_SIGNED, Attribution, DIRECT, PARTIAL
from newsfacts.quotes.vocabulary import LABELING_VERBS, MAX_SCARE_QUOTE_WORDS, MAX_TITLE_WORDS, MENTIONED_WORD_CUES


def kind_of(doc: Doc, text: str, span: QuoteSpan, attribution: Attribution) -> str | None:
    """direct, partial, or None for a scare quote, a title or a mentioned word."""
    content = text[span.start : span.end]
    words = content.split()
    before = text[max(0, span.open_mark - 40) : span.open_mark].split()
    if before and before[-1].lower().strip(",:") in MENTIONED_WORD_CUES and len(words) <= 5:
        return None
    embedded = is_embedded(text, span)
    # A speaker found through a verb that does not report speech ("verb") does not make a quote of a scare quote.
    uncued = attribution.cue is None and attribution.speaker is None or attribution.how in {"verb", "sentence"}
    # (American style puts the sentence's comma inside the marks: `author of "The Fixers," said`)
    if _is_title(content) and uncued or len(words) <= 6 and _names_a_work(text, span) and _is_title(content.rstrip().rstrip(",")):
        return None  # "Make Mexico Great Again"; CNN's "State of the Union": a title, not speech
    if _cited_with_author(text, span):
        return None  # `"Museum names a new director," by the Journal's Jane Doe`: a headline or a book, not speech
    if len(words) <= MAX_SCARE_QUOTE_WORDS:
        if uncued or _is_named_thing(doc, span, attribution):
            return None
        return PARTIAL if embedded else DIRECT
    # A short capitalized phrase in the writer's sentence that nobody is said to say names a show, a book, a slogan
    # or a headline (`host of "The Nightly Show with Larry Wilmore."`): PolNeAR train, 3 of 13 such rows were quotes.
    if (attribution.cue is None or attribution.how == "sentence") and embedded and len(words) <= MAX_TITLE_WORDS and content[:1].isupper():
        return None
    # (an answer signed by its name line is whole, even after the name on the same line)
    if attribution.how in {"after", "before", "according", "inherited", "previous"} and not embedded or attribution.how in NAME_SIGNED:
        return DIRECT
    return PARTIAL


WORK_NOUNS = frozenset("movie film show book series program documentary novel memoir album song".split())


def _names_a_work(text: str, span: QuoteSpan) -> bool:
    """Preceded by a possessive, an article, a preposition or a kind of work: `on CNN’s "State of the Union"`, `an
    interview with "The View"`, `the movie "Spotlight"`."""
    before = text[max(0, span.open_mark - 30) : span.open_mark].split()
    last = before[-1].lower() if before else ""
    return last.endswith(("’s", "'s")) or last in WORK_NOUNS or last in {
        "the", "a", "an", "on", "in", "of", "at", "from", "with", "titled", "called"}


# After a quote's closing mark: `," by` and a name (`by Times' Ben Sisario`, `by the Pulitzer Prize-winning ...`).
_BYLINE = re.compile(r"(?:''|[\"”’'])\s+by\s+(?:the\s+)?[A-Z]")


def _cited_with_author(text: str, span: QuoteSpan) -> bool:
    """A capitalized quote ending on a comma, then `by` and a name: a headline or a book cited with its author, as news
    digests list them (`—"Museum names a new director," by the Journal's Jane Doe: http://...`)."""
    content = text[span.start : span.end].rstrip()
    return span.close_mark is not None and content[:1].isupper() and content.endswith(",") \
        and _BYLINE.match(text, span.close_mark) is not None


def _is_title(content: str) -> bool:
    words = [w for w in content.split() if w[:1].isalpha()]
    minor = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with", "vs"}
    major = [w for w in words if w.lower() not in minor]
    return bool(major) and content.rstrip()[-1:] not in {".", "!", "?", ","} and all(w[0].isupper() for w in major)


def is_embedded(text: str, span: QuoteSpan) -> bool:
    """Is the quote a piece of the writer's sentence, rather than a sentence of its own?"""
    prefix = text[: span.open_mark]
    before = prefix.rstrip()
    opens_sentence = (
        not before
        or prefix.endswith("\n")  # the paragraph starts with the quote
        or before[-1] in ".:!?"
        or before[-2:-1] in {".", "!", "?"} and before[-1] in "\"”’'"  # right after a quoted sentence
        or before.endswith(("said", "says", "wrote", "asked", ","))
    )
    close = span.close_mark if span.close_mark is not None else span.end
    content = text[span.start : span.end].rstrip().rstrip("'’").rstrip()  # (a quote inside that ends it: `...‘a civil person,’”`)
    ends_clause = content[-1:] in {",", ".", "!", "?", "…", "—", "-"} or close >= len(text) - 1 or text[close + 1 : close + 2] in {"", "\n"}
    return not (opens_sentence and ends_clause)


def _is_named_thing(doc: Doc, span: QuoteSpan, attribution: Attribution) -> bool:
    """A quoted noun phrase that names a thing (a "peace letter") rather than words somebody says."""
    first = first_token_from(doc, span.open_mark)
    before = list(doc[max(0, first - 1) : first])
    inside = list(tokens_starting_in(doc, span.start, span.end))
    if not before or not inside:
        return False
    determiner = before[0].dep_ in {"det", "poss"} or before[0].lower_ in {"a", "an", "the", "its", "her", "his", "their"} or before[0].tag_ == "POS"
    nominal = inside[-1].pos_ in {"NOUN", "PROPN"}
    if not (determiner and nominal):
        return False
    if attribution.cue is not None and attribution.cue.lemma_.lower() in LABELING_VERBS and attribution.how in {"governs", "before"}:
        return False  # "described the talks as "productive"", "dubbed him "the little senator""
    # Still words somebody said when the noun phrase sits inside what a speech verb reports.
    node, path = inside[-1], []
    for _ in range(8):
        if node.head == node:
            break
        path.append(node.dep_)
        node = node.head
        if node == attribution.cue:
            return not any(dep in {"ccomp", "xcomp", "advcl"} for dep in path)
    return True
