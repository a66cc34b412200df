"""From a quote's speaker words to a row: the article's entity they resolve to (coreference, a document's
author, the institution a member speaks for), the cue's words, and a confidence calibrated on PolNeAR train."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsfacts.entities import NAME, Mention, gender_of_name, role_heads
from newsfacts.nlp import doc_text, tokens_starting_in
from newsfacts.quotemarks import QuoteSpan
from newsfacts.quotes.cues import governing_verb
from newsfacts.quotes.framing import not_inside
from newsfacts.quotes.rows import Attribution, PARTIAL, Quote
from newsfacts.quotes.subjects import speaker_phrase, subject_of
from newsfacts.quotes.vocabulary import AUTHORING_VERBS, COPULAS, DOCUMENT_NOUNS, MEMBER_NOUNS


def quote_row(doc, text, span, kind, attribution, paragraph, mention_at, quotes) -> Quote:
    attribution = _person_before_organisation(attribution, mention_at)
    speaker_entity, speaker_text, speaker_start, speaker_end = resolve_speaker(doc, attribution, mention_at, quotes)
    if attribution.how in {"previous", "verb"} and speaker_entity is None:
        # Attributed by context only, and to nobody the article names: too often wrong (9% on train).
        attribution = Attribution(None, None, "none")
        speaker_text = speaker_start = speaker_end = None
    if speaker_text is None and kind == PARTIAL and (outer := _subject_of_outer_clause(doc, span)) is not None:
        attribution = outer
        speaker_entity, speaker_text, speaker_start, speaker_end = resolve_speaker(doc, attribution, mention_at, quotes)
    cue = attribution.cue
    confidence = _confidence(kind, attribution, speaker_entity)
    cue_text, cue_start, cue_end = cue_words(cue, attribution.how)
    return Quote(span.start, span.end, text[span.start : span.end], kind, speaker_entity, speaker_text, speaker_start, speaker_end,
                 cue_text, cue_start, cue_end, paragraph, confidence, attribution.how)


def _person_before_organisation(attribution: Attribution, mention_at: list[Mention]) -> Attribution:
    """`Colin Asplin, Blackpool Hotel Association said`: the parser gives the verb two subjects, a person and, set off
    after the name by a comma, the organisation the person speaks for; the nearer (the organisation) was taken, but the
    person speaks. (`Acme, Jane Ross said` is left alone: there the person is the nearer subject.)"""
    speaker = attribution.speaker
    if speaker is None or speaker.root.dep_ not in {"nsubj", "nsubjpass"} or speaker.start < 2:
        return attribution
    doc, verb = speaker.doc, speaker.root.head
    if doc[speaker.start - 1].text != ",":
        return attribution
    before = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < speaker.start - 1]
    if not before or before[-1].right_edge.i != speaker.start - 2:
        return attribution
    person = speaker_phrase(before[-1])
    if _mention_type(mention_at, speaker.root) != "ORG" or _mention_type(mention_at, person.root) != "PERSON":
        return attribution
    return Attribution(attribution.cue, person, attribution.how)


def _mention_type(mentions: list[Mention], token: Token) -> str | None:
    return next((m.type for m in mentions_at(mentions, token.idx)), None)


def mentions_at(mentions: list[Mention], offset: int) -> list[Mention]:
    """The mentions holding the character at `offset`, in the order given (`mention_index`: the longest first)."""
    return [m for m in mentions if m.start <= offset < m.end]


NOT_A_SPEAKER = frozenset("it this that there which who what these those".split())


def _subject_of_outer_clause(doc: Doc, span: QuoteSpan) -> Attribution | None:
    """`The GOP candidate sent out an email inviting them to enter the contest, to "win my engraved shotgun!"`: a partial
    quote that nothing reports, in a clause under a verb that does not report speech either, goes on for the subject of
    the clause above its own (the first verb up the parse, past the quote's own verb, that has a subject). Not when that
    verb is a copula (`He seemed ...`: no deed of saying). PolNeAR train: 21 of 35 such rows right (7 of 10 with an entity)."""
    inside = list(tokens_starting_in(doc, span.start, span.end))
    governor = governing_verb(inside, span) if inside else None
    if governor is None:
        return None
    for verb in governor.ancestors:
        if span.start <= verb.idx < span.end or verb.pos_ not in {"VERB", "AUX"}:
            continue
        subject = not_inside(subject_of(verb), span)
        if subject is None:
            continue
        if verb.lemma_.lower() in COPULAS or subject.root.pos_ not in {"NOUN", "PROPN", "PRON"} or subject.root.lower_ in NOT_A_SPEAKER:
            return None
        return Attribution(verb, subject, "outer")
    return None


def cue_words(cue: Token | None, how: str) -> tuple[str | None, int | None, int | None]:
    # (a quote attributed by the report of the sentence before it, "previous", has that report's verb as its cue: the gold
    # counts `X promised that A. "B."` as one attribution)
    if cue is None:
        return None, None, None
    if how == "according":
        end_token = cue.doc[cue.i + 1] if cue.i + 1 < len(cue.doc) and cue.doc[cue.i + 1].lower_ == "to" else cue
        return doc_text(cue.doc)[cue.idx : end_token.idx + len(end_token.text)], cue.idx, end_token.idx + len(end_token.text)
    return cue.text, cue.idx, cue.idx + len(cue.text)


def resolve_speaker(doc, attribution, mention_at, quotes) -> tuple[int | None, str | None, int | None, int | None]:
    speaker = attribution.speaker
    if speaker is None:
        return None, None, None, None
    start, end = speaker.start_char, speaker.end_char
    entity = entity_in(mention_at, start, end, speaker.root)
    if entity is None and (named := _appositive_name(speaker.root)) is not None:
        entity = entity_in(mention_at, named.idx, named.idx + len(named.text), named)
    if entity is None and _is_document(speaker, quotes):
        entity = _author_of(doc, speaker, mention_at, quotes)
    if entity is None and speaker.root.lemma_.lower() in MEMBER_NOUNS:
        entity = _institution(speaker.root, {"from", "at"}, mention_at)
    if entity is None and speaker.root.lower_ in {"he", "she"}:
        entity = last_speaker(doc, quotes, start, speaker.root.lower_, mention_at)
    return entity, speaker.text, start, end


def _appositive_name(noun: Token) -> Token | None:
    """`Their lawyer, Majeed Memon, said`, `the chairman of X, Sir Andrew Green, said`: the name set off after the
    speaker's role says who the role is (the speaker's words stay the role's)."""
    if noun.pos_ not in {"NOUN", "PROPN"}:
        return None  # (`We Swiss`: a pronoun's apposition names a group, not the speaker)
    return next((c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ != "NORP"), None)


def _named_by(noun: Token, preposition: str) -> Token | None:
    """The object of `preposition` on the noun, or on the object of its "of" ("a survey of 280 schemes by X")."""
    heads = [noun] + [o for c in noun.children if c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
    return next((o for head in heads for c in head.children if c.lower_ == preposition
                 for o in c.children if o.dep_ == "pobj"), None)


def _institution(noun: Token, prepositions: set[str], mention_at) -> int | None:
    """The organisation or person named in a "from"/"at" phrase on the noun (never a place: "a report from Baghdad"
    says where, not who)."""
    for preposition in prepositions:
        source = _named_by(noun, preposition)
        if source is None:
            continue
        start, end = source.left_edge.idx, source.right_edge.idx + len(source.right_edge.text)
        named = [m for m in mention_at if start <= m.start and m.end <= end and m.type in {"ORG", "PERSON"}]
        if named:
            return named[0].entity
    return None


PRONOUN_GENDERS = {"he": "male", "him": "male", "his": "male", "himself": "male",
                   "she": "female", "her": "female", "hers": "female", "herself": "female"}
TITLE_GENDERS = {"mr.": "male", "mr": "male", "mrs.": "female", "mrs": "female", "ms.": "female", "ms": "female"}


def last_speaker(doc: Doc, quotes: list[Quote], position: int, pronoun: str, mentions: list[Mention]) -> int | None:
    """A "he said" the coreference left open: in news it goes on with whoever was quoted just before, if that was
    within the last two paragraphs and the article gives that person no other gender (a title, Mr. or Ms., or a
    pronoun the coreference resolved to them); else with the one before. Not past a quote of somebody unnamed."""
    text = doc_text(doc)
    earlier = sorted((q for q in quotes if q.start < position and (q.speaker_entity is not None or q.speaker_text is not None)),
                     key=lambda q: -q.start)
    for quote in earlier:
        if text.count("\n\n", quote.start, position) > 2:
            return None
        if quote.speaker_entity is None:
            if not role_heads(quote.speaker_text):
                return None  # (`"...?" the singer asked. "...," he said`: the one quoted just before, whom no name gives)
            continue  # (a role the linking stage may name, `the first lady`, does not stop the search)
        genders = _genders_of(quote.speaker_entity, mentions)
        if not genders or genders == {PRONOUN_GENDERS[pronoun]}:
            return quote.speaker_entity
    return None


def speaker_pronoun_mentions(quotes: list[Quote], mentions: list[Mention]) -> list[Mention]:
    """The mentions plus each "he said"/"she said" of a quote that the coreference left open and this stage resolved
    (to whoever was quoted just before, `last_speaker`): the pronoun names that person too. In text order."""
    people = {m.entity for m in mentions if m.type == "PERSON"}
    added = {}
    for quote in quotes:
        start, end = quote.speaker_start, quote.speaker_end
        if quote.speaker_entity in people and (quote.speaker_text or "").lower() in {"he", "she"} \
                and not any(m.start < end and start < m.end for m in mentions):
            added[start] = Mention(start, end, quote.speaker_text, "PERSON", "pronoun", quote.speaker_entity)
    return sorted([*mentions, *added.values()], key=lambda m: m.start) if added else mentions


def _genders_of(entity: int, mentions: list[Mention]) -> set[str]:
    """The genders an article's titles and resolved pronouns give one of its entities; without those, the gender its
    full name's given name gives (`given_names`: a name only one sex bears)."""
    genders, by_name = set(), set()
    for mention in mentions:
        if mention.entity != entity:
            continue
        words = mention.text.lower().split()
        gender = PRONOUN_GENDERS.get(words[0]) if len(words) == 1 else TITLE_GENDERS.get(words[0])
        if gender:
            genders.add(gender)
        elif mention.type == "PERSON" and mention.resolution == NAME:
            by_name.add(gender_of_name(mention.text))
    return genders or by_name - {None}


def _is_document(speaker: Span, quotes: list[Quote]) -> bool:
    root = speaker.root
    if root.lemma_.lower() in DOCUMENT_NOUNS:
        return True
    # "it further read": "it" goes on for the document that spoke last.
    return root.lower_ == "it" and _last_document_quote(quotes) is not None


def _last_document_quote(quotes: list[Quote]) -> Quote | None:
    for quote in reversed(quotes):
        words = (quote.speaker_text or "").split()
        if words and words[-1].lower() in DOCUMENT_NOUNS:
            return quote
    return None


def _author_of(doc: Doc, speaker: Span, mention_at, quotes: list[Quote]) -> int | None:
    """Who the article says wrote the document: `X wrote a letter`, `X's letter`."""
    noun = speaker.root.lemma_.lower()
    if noun == "it":
        document = _last_document_quote(quotes)
        return document.speaker_entity if document else None
    by = _named_by(speaker.root, "by")
    if by is not None:  # "a report by Fox News Digital", "a survey of 280 schemes by Incomes Data Services"
        return entity_in(mention_at, by.left_edge.idx, by.right_edge.idx + len(by.right_edge.text), by)
    if (source := _institution(speaker.root, {"from"}, mention_at)) is not None:
        return source  # "a statement from the band's record company Universal"
    for token in doc:
        if token.lemma_.lower() != noun:
            continue
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is not None and (entity := entity_in(mention_at, owner.left_edge.idx, owner.idx + len(owner.text), owner)) is not None:
            return entity
        verb = token.head
        if token.dep_ in {"dobj", "nsubjpass"} and verb.lemma_.lower() in AUTHORING_VERBS:
            author = subject_of(verb) if token.dep_ == "dobj" else next(
                (speaker_phrase(o) for a in verb.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"), None)
            if author is not None and (entity := entity_in(mention_at, author.start_char, author.end_char, author.root)) is not None:
                return entity
    return None


def mention_index(mentions: list[Mention]) -> list[Mention]:
    return sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))


def entity_in(mentions: list[Mention], start: int, end: int, head: Token) -> int | None:
    """The entity of the mention at the speaker's head word, else of any mention inside the speaker's words."""
    at_head = mentions_at(mentions, head.idx)
    if at_head and at_head[0].type == "NORP" and head.tag_ in {"NN", "NNP"}:
        return None  # `the 55-year-old Frenchman told`, `a Republican said`: one person, not the group that word names
    if at_head:
        return at_head[0].entity
    # A name at the end of the speaker's words ("Ukrainian President Volodymyr Zelenskyy"), never a
    # modifier inside them ("the [American] first lady").
    ending = [m for m in mentions if start <= m.start and m.end == end and m.type != "NORP"]
    return ending[0].entity if ending else None


# Share of rows whose content and speaker were both right, per (kind, how the speaker was found, speaker
# state), measured on all 838 PolNeAR train articles with `newsfacts score quotes --split train` (groups of
# at least 20 rows; smaller ones fall back to 0.8 with an entity, 0.6 with words only).
# A row with no speaker at all gets 0.4: its words are usually a real quote, but it answers no "who".
CALIBRATED_CONFIDENCE = {
    ("direct", "after", "entity"): 0.98, ("direct", "after", "text"): 0.95,
    ("direct", "before", "entity"): 0.95, ("direct", "before", "text"): 0.71,
    ("direct", "inherited", "entity"): 0.94, ("direct", "inherited", "text"): 0.87,
    ("direct", "previous", "entity"): 0.64,
    ("partial", "governs", "entity"): 0.93, ("partial", "governs", "text"): 0.7,
    ("partial", "before", "entity"): 0.87, ("partial", "before", "text"): 0.59,
    ("partial", "after", "entity"): 0.83, ("partial", "after", "text"): 0.43,
    ("partial", "verb", "entity"): 0.72,
    # (groups under 20 rows, set from their measured share: the subject of the clause above an unreported partial quote)
    ("partial", "outer", "entity"): 0.7, ("partial", "outer", "text"): 0.56,
    ("indirect", "mixed", "entity"): 0.89, ("indirect", "mixed", "text"): 0.64,  # (other indirect rows: the model's probability)
}
NO_SPEAKER_CONFIDENCE = 0.4


def _confidence(kind: str, attribution: Attribution, speaker_entity: int | None) -> float:
    if attribution.speaker is None:
        return NO_SPEAKER_CONFIDENCE
    state = "entity" if speaker_entity is not None else "text"
    return CALIBRATED_CONFIDENCE.get((kind, attribution.how, state), 0.8 if state == "entity" else 0.6)
