"""Quote collections ("vox pops"): people's answers signed by their name line (a name, then maybe an age, a role, a
place): `"..." — Maria Lopez, 34, Phoenix` (`signed_in_paragraph`), `Maria Lopez, 34, Phoenix` above the quote's
paragraph (`under_name_line`), `Maria Lopez, 34, Phoenix: "..."` (`name_line_before_quote`, for `cues.attribute`)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newsfacts.gazetteer import is_country, is_us_state
from newsfacts.nlp import doc_text, first_token_from, tokens_starting_in
from newsfacts.quotemarks import QuoteSpan
from newsfacts.quotes.rows import NAME_LINE, SIGNED, Attribution, Quote
from newsfacts.quotes.vocabulary import RELATIVE_PERSON_WORDS

MAX_NAME_WORDS = 5
MAX_PIECE_WORDS = 8  # an age, a role or a place after the name: `a retired teacher from Miami`
MAX_PIECES = 5
FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
NAME_PUNCTUATION = frozenset({",", "-", "'", "’"})  # (the pieces' commas, `Lee-Harwood`, `O'Reilly`)
LIST_BULLETS = frozenset({"•", "*", "·"})
_LIST_NUMBER = re.compile(r"\d{1,2}[.)]?")
# `"..." — Maria Lopez`, `"...," Maria Lopez, 34, of Phoenix.`: a dash, or the quote's own comma, before the signature
_SIGNATURE_LEAD = re.compile(r"[ \t]*(?:[.,!?][ \t]*)?(?:--?|[—–])[ \t]*|(?<=,[\"”’'])[ \t]+|[ \t]*,[ \t]+")


def signed_in_paragraph(doc: Doc, paragraphs: list[tuple[int, int]], index: int, span: QuoteSpan) -> Attribution | None:
    """`"I feel ignored." — Maria Lopez, 34, Phoenix`: a quote that opens its paragraph and is signed at its end by a
    name line (after a dash, or after the quote's own comma) is that person's. Not the writer's dash clause after a quote
    (`"..." — and the crowd cheered`, `"..." — Tom Reed, who lost his home, wept`): the signature has no verb."""
    text = doc_text(doc)
    start, end = paragraphs[index]
    if span.close_mark is None or text[start : span.open_mark].strip():
        return None
    lead = _SIGNATURE_LEAD.match(text, span.close_mark + 1, end)
    if lead is None:
        return None
    name = _name_line(doc, lead.end(), end)
    return Attribution(None, name, SIGNED) if name is not None else None


def under_name_line(doc: Doc, paragraphs: list[tuple[int, int]], index: int, span: QuoteSpan,
                    earlier: list[Quote]) -> Attribution | None:
    """`Maria Lopez, 34, Phoenix` (paragraph break) `"I feel ignored."`: a quote that opens the paragraph right under a
    person's name line is that person's (the paragraphs of the answer that go on from it inherit the name). Not under a
    place line, a headline or a writer's sentence: see _name_line. Not in a list signed below its quotes with no dash
    (`"A."` / `Maria Lopez` / `"B."`), where the name line is A's: A, above it, has no speaker."""
    text = doc_text(doc)
    if index == 0 or text[paragraphs[index][0] : span.open_mark].strip():
        return None
    if any(q.paragraph == index - 2 and q.speaker_text is None for q in earlier):
        return None
    name = _name_line(doc, *paragraphs[index - 1])
    return Attribution(None, name, NAME_LINE) if name is not None else None


def name_line_before_quote(doc: Doc, span: QuoteSpan) -> Attribution | None:
    """`Maria Lopez, 34, Phoenix: "..."`, and with no colon (`Maria Lopez, 34, Phoenix "..."`: a name line over its quote
    with a line break between, which the normalizer joins into one paragraph): the person's, when all the words from the
    paragraph's start to the quote are a name line with at least one piece after the name (a lone name before a colon
    is `introduced.colon_speaker`'s; with no colon, it may be the writer's subject)."""
    text = doc_text(doc)
    start = text.rfind("\n", 0, span.open_mark) + 1
    line = text[start : span.open_mark].rstrip()
    colon = line.endswith(":")
    name = _name_line(doc, start, start + len(line) - colon)
    if name is None or "," not in text[name.end_char : start + len(line)]:
        return None
    if colon:
        return Attribution(doc[first_token_from(doc, start + len(line) - 1)], name, "before")
    between = doc[name.end : first_token_from(doc, span.open_mark)]
    if any(w.pos_ in {"VERB", "AUX"} or w.tag_.startswith("VB") or w.lower_ in RELATIVE_PERSON_WORDS for w in between):
        return None  # (no colon: not even a participle, `Tom Reed, a party donor, called Ohio's schools "strong."`)
    if text[span.start : span.end].rstrip()[-1:] not in {".", "!", "?", "…"}:
        return None  # (no colon: an answer is sentences; `Timothy O'Brien, whose 2005 book "TrumpNation," ...` is a title)
    return Attribution(None, name, NAME_LINE)


def _name_line(doc: Doc, start: int, end: int) -> Span | None:
    """The name in a name line (text[start:end]): a person's name, then optionally pieces after commas (an age, a role, a
    place), and no verb: `Maria Lopez, 34, Phoenix`, `Jorge Ramirez, a retired teacher from Miami`. The name is one to
    five proper nouns that the tagger reads as a person's (or that an age follows): a place line (`Phoenix, Arizona`)
    or a headline (`Trump Wins Nevada`, which the tagger reads as a person) is no name line."""
    words = [t for t in tokens_starting_in(doc, start, end) if not t.is_space]
    if words and words[-1].text in {".", ":"}:
        words = words[:-1]  # (the signature's full stop; the colon of a name line over its quote)
    if words and words[0].text in LIST_BULLETS:
        words = words[1:]  # (not a dash: `— Maria Lopez` over a quote signs the quote above it)
    if words and _LIST_NUMBER.fullmatch(words[0].text):
        words = words[2:] if len(words) > 1 and words[1].text in {".", ")"} else words[1:]  # (`1. Maria Lopez`: a numbered list)
    pieces: list[list[Token]] = [[]]
    for word in words:
        if word.text == ",":
            pieces.append([])
        else:
            pieces[-1].append(word)
    name, details = pieces[0], pieces[1:]
    if not 1 <= len(name) <= MAX_NAME_WORDS or len(details) >= MAX_PIECES or any(not 1 <= len(p) <= MAX_PIECE_WORDS for p in details):
        return None
    # (a piece that opens with "who" describes the person: `Jorge Ramirez, 52, who drives a truck`)
    plain = [w for piece in [name, *details] if piece[0].lower_ not in RELATIVE_PERSON_WORDS for w in piece]
    if any(w.pos_ == "AUX" or w.tag_ in FINITE_VERB_TAGS for w in plain) or any(w.is_punct and w.text not in NAME_PUNCTUATION for w in words):
        return None  # (a sentence of the writer's, or a quote, not a signature)
    aged = bool(details) and len(details[0]) == 1 and details[0][0].like_num
    # (a title, `Dr.`, `Sen.`, is no part of the tagger's person)
    person = all(w.ent_type_ == "PERSON" or w.text.endswith(".") for w in name) and any(w.ent_type_ == "PERSON" for w in name) or aged
    if not person or any(w.pos_ != "PROPN" for w in name):
        return None
    if not details and any(is_country(w.text) or is_us_state(w.text) for w in name[1:]):
        return None  # (a lone "name" ending in a state or country is a title-case headline; a first name may be a place)
    return doc[name[0].i : name[-1].i + 1]
