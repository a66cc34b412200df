"""What counts as a quotation: direct, partial, or nothing (a scare quote, a title, a work, a mentioned word)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from newsfacts.nlp import first_token_from, tokens_starting_in
from newsfacts.quotemarks import QuoteSpan
from newsfacts.quotes.grammar import is_speech_verb
from newsfacts.quotes.rows import NAME_SIGNED, Attribution, DIRECT, PARTIAL
from newsfacts.quotes.vocabulary import (
    ATTRIBUTION_NOUNS, LABELING_VERBS, MAX_SCARE_QUOTE_WORDS, MAX_TITLE_WORDS, MENTIONED_WORD_CUES,
)


def kind_of(doc: Doc, text: str, span: QuoteSpan, attribution: Attribution) -> str | None:
    """direct, partial, or None for a scare quote, a title or a mentioned word."""
    content = text[span.start : span.end]
    words = content.split()
    before = text[max(0, span.open_mark - 40) : span.open_mark].split()
    if before and before[-1].lower().strip(",:") in MENTIONED_WORD_CUES and len(words) <= 5:
        return None  # the word "ceasefire", a nickname, "Gert"
    if len(words) <= MAX_SCARE_QUOTE_WORDS and _is_heading_line(text, span):
        return None  # `"Related":` on a line of its own: a web page's heading
    if _titles_a_work(text, span):
        return None  # `the movie, "13 Hours: The Secret Soldiers of Benghazi,"`, `"Chi-Raq," a movie directed by ...`
    if _named_by_participle(text, span, attribution):
        return None  # `a play called "Sons of Trump"`: the thing's name, not anybody's words
    embedded = is_embedded(text, span)
    # A speaker found through a verb that does not report speech ("verb") does not make a quote of a scare quote.
    uncued = attribution.cue is None and attribution.speaker is None or attribution.how in {"verb", "sentence"}
    # (American style puts the sentence's comma or full stop inside the marks: `author of "The Fixers," said`, `founder
    # of "Indian Americans for Hillary 2008."`; after a channel's or a work's name the title may end on its own mark: `NBC's
    # "Meet the Press."`, `the movie "Hail, Caesar!"`, not after `from` or `of`: `from "Buffalo to Albany."`, `chants of
    # "Marco! Marco!"`)
    work_ending = ",.!?" if _names_a_work(text, span, strongly=True) else ","
    if _is_title(content.rstrip().rstrip(",.")) and uncued or len(words) <= 6 and _names_a_work(text, span) \
            and _is_title(content.rstrip().rstrip(work_ending)) and not _labeled_by_speaker(attribution):
        return None  # "Make Mexico Great Again"; CNN's "State of the Union": a title, not speech
    if _cited_with_author(text, span):
        return None  # `"Museum names a new director," by the Journal's Jane Doe`: a headline or a book, not speech
    if len(words) <= MAX_SCARE_QUOTE_WORDS:
        if uncued or _is_named_thing(doc, span, attribution) or _modifies_noun_after(doc, text, span, attribution):
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


WORK_NOUNS = frozenset("""movie film show book series program documentary novel memoir album song autobiography biography
    column essay play musical ad podcast episode poem class course""".split())
# The closing mark, then `, a/an/the` and at most three describing words before a kind of work: `"Chi-Raq," a movie about`.
_WORK_AFTER = re.compile(r"(?:''|[\"”’'])\s*,?\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){0,3}?(" + "|".join(sorted(WORK_NOUNS)) + r")\b")


def _titles_a_work(text: str, span: QuoteSpan) -> bool:
    """A quote in title case (`Crippled America: How to Make America Great Again`) named as a work by the words next to
    it: a kind of work right before it (`his new book, "..."`, `The movie, "..."`) or set off right after it (`"...," a
    biography written by`). Whatever its length and cue: `helped a journalist write a book, "Who's Who in the CIA"`."""
    content = text[span.start : span.end].rstrip().rstrip(",").rstrip()
    if not _is_title(content.rstrip("!?")) or span.close_mark is None:
        return False
    before = text[max(0, span.open_mark - 40) : span.open_mark].split()
    kind_before = bool(before) and before[-1].lower().strip(",:") in WORK_NOUNS
    return kind_before or _WORK_AFTER.match(text, span.close_mark) is not None


def _named_by_participle(text: str, span: QuoteSpan, attribution: Attribution) -> bool:
    """The quote right after a participle of naming that describes a noun, with no subject and no `by` (`a collection
    called "Yuge!"`, `a play called "Sons of Trump"`): the noun's name. Not `what he called "..."` (a clause with its
    subject), `has been called "strategic ambiguity" by X` (X's words), nor `a statement calling on the country "to ..."`."""
    cue = attribution.cue
    if cue is None or cue.lemma_.lower() not in NAMING_VERBS or cue.dep_ != "acl":
        return False
    between = _QUOTED.sub("", text[cue.idx + len(cue.text) : span.open_mark])  # (`called "A," or "B"`: B too)
    if between.replace(",", " ").replace(" or ", " ").strip():
        return False
    return not any(c.dep_ in {"nsubj", "nsubjpass", "agent"} for c in cue.children)


NAMING_VERBS = frozenset("call title name dub nickname label term".split())
_QUOTED = re.compile(r"(?:''|[\"“])[^\"“”]*?(?:''|[\"”])")


def _is_heading_line(text: str, span: QuoteSpan) -> bool:
    """The quote is all of its line but a colon, inside or after it (`"Related:"`): a heading, as web pages put over a
    list of links."""
    line_start = text.rfind("\n", 0, span.open_mark) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    rest = (text[line_start : span.open_mark] + text[span.end : line_end]).strip(" \"“”‘’'")
    colon_inside = text[span.start : span.end].rstrip().endswith(":")  # (`"Related:"`)
    return rest == ":" or rest == "" and colon_inside


# Ways a speech verb reports the quote itself (not `verb`, `outer`, nor `according to the "Medicare for all" document`).
REPORTED = frozenset({"after", "governs", "before", "inherited", "previous"})


def _modifies_noun_after(doc: Doc, text: str, span: QuoteSpan, attribution: Attribution) -> bool:
    """A short quote right before the noun it describes, in the writer's noun phrase (`tied the violence to
    "spontaneous" protests`, `"Leave" supporters`, `the "top secret" level`): a label or a name, unless a speech verb
    reports it (`called them "fat cat" bankers`) or the noun carries words (`his "if you like it" promise`)."""
    if span.close_mark is None:
        return False
    content = text[span.start : span.end].rstrip()
    if content[-1:] in {",", ".", "!", "?", ";", ":"}:
        return False
    after = first_token_from(doc, span.close_mark + 1)
    inside = list(tokens_starting_in(doc, span.start, span.end))
    if after >= len(doc) or not inside:
        return False
    noun = doc[after]
    between = text[span.end : noun.idx]
    if between.strip(" \"”’'") or noun.pos_ not in {"NOUN", "PROPN"} or noun.lemma_.lower() in ATTRIBUTION_NOUNS:
        return False  # (a punctuation mark between: `"...", he said` is no noun phrase)
    speaker = attribution.speaker
    if attribution.how == "after" and speaker is not None and speaker.start <= after < speaker.end:
        return True  # (`"spontaneous" protests rather than labeling it`: the search after the quote took the noun for its speaker)
    if attribution.cue is not None and attribution.how in REPORTED and is_speech_verb(attribution.cue):
        return False  # (`X said the bill was a "job killer" bill`, `... a "regional" candidate, as X suggested`)
    return inside[-1].head == noun or inside[-1].head.i >= after and inside[-1].head.head == noun


def _names_a_work(text: str, span: QuoteSpan, strongly: bool = False) -> bool:
    """Preceded by a possessive, an article, a preposition or a kind of work: `on CNN’s "State of the Union"`, `an
    interview with "The View"`, `the movie "Spotlight"`; `strongly`: only by a possessive or a kind of work."""
    before = text[max(0, span.open_mark - 30) : span.open_mark].split()
    last = before[-1].lower().rstrip(",") if before else ""
    return last.endswith(("’s", "'s")) or last in WORK_NOUNS or not strongly and last in {
        "the", "a", "an", "on", "in", "of", "at", "from", "with", "titled", "called"}


def _labeled_by_speaker(attribution: Attribution) -> bool:
    """`referring to the US as the "Great Satan."`, `called her an "Aunt Tom."`: a label a speaker gives, their words (not
    `the strategy is called "Improving Opportunity"`, a passive naming)."""
    cue = attribution.cue
    return cue is not None and cue.lemma_.lower() in LABELING_VERBS and attribution.how in {"governs", "before"} \
        and not any(c.dep_ in {"nsubjpass", "auxpass"} for c in cue.children)


# After a quote's closing mark: `," by` and a name (`by Times' Ben Sisario`, `by the Pulitzer Prize-winning ...`).
_BYLINE = re.compile(r"(?:''|[\"”’'])\s+by\s+(?:the\s+)?[A-Z]")


def _cited_with_author(text: str, span: QuoteSpan) -> bool:
    """A capitalized quote ending on a comma, then `by` and a name: a headline or a book cited with its author, as news
    digests list them (`—"Museum names a new director," by the Journal's Jane Doe: http://...`)."""
    content = text[span.start : span.end].rstrip()
    first = content.lstrip("'‘\"“ ")[:1]  # (`"'Flesh and Bone' star refused ...," by X`: a title opens the headline)
    return span.close_mark is not None and first.isupper() and content.endswith(",") \
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
