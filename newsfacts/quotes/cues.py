"""The cue and speaker of one direct or partial quote (`attribute`): after it, before it, governing it, a noun
of saying (`her remark that "..."`) or its owner (`Obama's "..." promise`), or `according to` in its sentence."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsfacts.nlp import doc_text, first_token_from, tokens_starting_in
from newsfacts.quotemarks import QuoteSpan, quoted_spans
from newsfacts.quotes.framing import (
    after_close, aside_of_later_clause, describes_noun_after, frames_quote_after, frames_quote_before,
    inverted_framing_speaker, name_read_as_modifier, name_read_as_verb, not_inside, opens_clause_with_subject,
    outside_relative_clause, person_before, relative_clause_verb, sentence_runs_on, speaker_of_verb_tagged_noun,
    speech_verb_and_colon_before, subject_outside,
)
from newsfacts.quotes.grammar import (
    QUOTE_OPENERS, ends_sentence, has_object, has_own_content, inside_any, is_speech_verb,
)
from newsfacts.quotes.introduced import (
    as_reported_by, colon_speaker, introduced_by_colon, introduced_by_previous_paragraph, inverted_speech_verb,
)
from newsfacts.quotes.rows import Attribution
from newsfacts.quotes.signed import name_line_before_quote
from newsfacts.quotes.subjects import according_to, document_read, speaker_phrase, subject_of
from newsfacts.quotes.vocabulary import (
    AFTER_WINDOW_TOKENS, ATTRIBUTION_NOUNS, ATTRIBUTION_WINDOW_TOKENS, COPULAS, DOCUMENT_NOUNS, LABELING_VERBS,
    STANCE_VERBS, SUBJECTS, THINKING_NOUNS,
)


def attribute(doc: Doc, span: QuoteSpan, marks: list[QuoteSpan]) -> Attribution:
    """The speech verb and speaker of a quote: after it, before it, or governing it."""
    inside = list(tokens_starting_in(doc, span.start, span.end))
    if not inside:
        return Attribution(None, None, "none")
    text = doc_text(doc)
    close = span.close_mark if span.close_mark is not None else span.end
    next_open = min((m.open_mark for m in marks if m.open_mark > close), default=len(text))
    paragraph_end = text.find("\n", close)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    quoted = quoted_spans(marks)
    # `X, exasperated, responded: "What difference does it make?" Her critics cited it ...`: a speech verb and a colon
    # right before a quote that ends its sentence introduce it; a verb of the next sentence does not
    quote_runs_on = sentence_runs_on(text, span)
    introduced = not quote_runs_on and speech_verb_and_colon_before(doc, span)
    # After: `"...," the letter began` / `"...," said X`: only the speaker's words may stand between.
    after = [] if introduced else doc[inside[-1].i + 1 : inside[-1].i + 1 + AFTER_WINDOW_TOKENS]
    relative = None  # a relative clause skipped on the way (it describes the speaker)
    for token in after:
        if not (close < token.idx < min(next_open, paragraph_end)):
            continue
        # `"...," said X, half joking`: a verb right after a quote that runs on into it reports that quote
        runs_on = quote_runs_on and token.tag_ != "VBG"  # (`"A," adding, "B."` is two reports)
        inverted = runs_on and not text[close + 1 : token.idx].strip(" \"”’'")
        if token.pos_ == "CCONJ" and not text[close + 1 : token.idx].strip(" \"”’',") and opens_clause_with_subject(token):
            break  # `describes the party as "a six-lane highway," and Johnson talks about ...`: a clause of its own
        if runs_on and (describing := describes_noun_after(token, close)) is not None:
            # `"...," Miller, a retired worker, said`, `"...," X, the guru who founded Y, tweeted`: the speaker's words
            relative = describing if describing.dep_ == "relcl" else relative
            continue
        if is_speech_verb(token) and not quote_runs_on and (aside_of_later_clause(token) or relative_clause_verb(token, close)):
            # `"B." Perhaps, he said, the voters will agree.`: that "said" reports the sentence it stands in; `"B." The
            # mayor, who vowed to ...`: that verb describes somebody of the next sentence
            break
        if is_speech_verb(token):
            # (`"A," X said, "B."`: B is no content of its own; after `"A." X added, "B."` it is)
            other_half = quoted if runs_on else ()
            if not inverted and (has_own_content(token, span, other_half) or ends_sentence(text, span) and has_object(token)):
                break  # `"...soft." He says referees are ...`, `"...unacceptable." X wrote a letter`: that verb reports something else
            speaker = outside_relative_clause(subject_outside(token, span, quoted), relative)
            return Attribution(token, after_close(speaker, close), "after")
        if token.lower_ == "according" and according_to(token) is not None:
            return Attribution(token, according_to(token), "according")
        if frames_quote_after(token, span, text, quoted):
            return Attribution(token, subject_outside(token, span, quoted), "after")
        if inverted and (speaker := inverted_framing_speaker(token)) is not None:
            return Attribution(token, speaker, "after")
        if runs_on and (speaker := speaker_of_verb_tagged_noun(token, close)) is not None:
            return Attribution(token, speaker, "after")
        if inverted and (speaker := _cry_came_from(token)) is not None:  # `"Call the roll," came shouts from the crowd`
            return Attribution(token, speaker, "after")
        speaker_word = token.pos_ in _SPEAKER_WORDS or token.lower_ == "as" or name_read_as_verb(token)  # (`"...," as Cruz said`)
        if not speaker_word or (token.is_punct and token.text in ".!?;"):
            break
    # Before: `X said: "..."`, `X told reporters on Monday that "..."`, `According to X, "..."`.
    previous_close = max((m.close_mark or m.end for m in marks if (m.close_mark or m.end) < span.open_mark), default=-1)
    paragraph_start = text.rfind("\n", 0, span.open_mark) + 1
    start_token = max(0, inside[0].i - ATTRIBUTION_WINDOW_TOKENS - 1)
    before_tokens = [t for t in doc[start_token : inside[0].i] if max(previous_close, paragraph_start - 1) < t.idx < span.open_mark]
    signed = name_line_before_quote(doc, span)
    if signed is not None:  # `Maria Lopez, 34, Phoenix: "..."`: not the place, `Phoenix`, as colon_speaker reads it
        return signed
    named = colon_speaker(before_tokens)
    if named is not None:  # `Trump: "..."`, as in transcripts; `Continued Stone: "..."`
        inverted = inverted_speech_verb(before_tokens, len(named))
        return Attribution(before_tokens[-len(named) - 2] if inverted else before_tokens[-1], named, "before")
    for token in reversed(before_tokens):
        if token.lower_ == "according" and according_to(token):
            return Attribution(token, according_to(token), "according")
        if token.dep_ == "amod" and not any(c.dep_ == "nsubj" for c in token.children):
            continue  # a participle describing a noun ("the proposed tax credit") reports nothing; one with a subject
            # is a verb the parse misread (`-- complete with teleprompter -- Trump told supporters that "..."`)
        if is_speech_verb(token):
            cue = frame_around_describing_verb(token, max(previous_close, paragraph_start - 1)) or token
            return Attribution(cue, subject_outside(cue, span, quoted), "before")
        if token.pos_ in {"VERB", "AUX"} or token.text in {".", "!", "?", ";"}:
            break
    framing = frames_quote_before(before_tokens, span)
    if framing is not None:  # `X shot back, "..."`, `X boomed: "..."`
        return framing
    governor = governing_verb(inside, span)
    if governor is not None and is_speech_verb(governor):
        speaker = not_inside(subject_of(governor), span)
        if speaker is None and governor.tag_ != "VBG":
            # `Alarmed by ... in Nevada, Senator X, the minority leader, said that ...`: parsed as `Nevada and X`
            speaker = not_inside(name_read_as_modifier(governor) or person_before(governor, quoted), span)
        return Attribution(governor, speaker, "governs")
    quote_root = next((t for t in inside if t.head == t or not (span.start <= t.head.idx < span.end)), None)
    aside = _parenthetical_cue(governor, span) or _parenthetical_cue(quote_root, span)
    if aside is not None:  # `Trump, Sexton said, has created a "strange ... zone"`
        return Attribution(aside, subject_outside(aside, span, quoted), "governs")
    if governor is not None and governor.lemma_.lower() in LABELING_VERBS and governor.dep_ not in {"acl", "amod"}:
        speaker = subject_of(governor) or name_read_as_modifier(governor)
        return Attribution(governor, not_inside(speaker, span), "governs")  # not "a group called "X"", which is a name
    introduced = introduced_by_colon(before_tokens) or introduced_by_previous_paragraph(doc, span, marks)
    if introduced is not None:  # `Bush told the newspaper: "..."`, `From the report: "..."`
        return introduced
    carrier = _attribution_noun(inside, span) or _noun_of_saying_that(doc, span)
    if carrier is not None:  # `her remark that "..."`
        return carrier
    predicated = _possessed_saying_before_copula(governor, span)
    if predicated is not None:  # `His assumption was that "..."`
        return predicated
    according = _according_to_in_sentence(doc, span, quoted)
    if according is not None:  # `Over the long term, according to the budget office, the rise in debt "is mainly ..."`
        return according
    if governor is not None and governor.lemma_.lower() in STANCE_VERBS and (subject := not_inside(subject_of(governor), span)) is not None \
            and subject.root.pos_ in {"NOUN", "PROPN", "PRON"} and subject.root.lower_ not in {"it", "this", "that", "there", "which"}:
        return Attribution(governor, subject, "governs")  # `The rally denounced Trump's call for "a total shutdown"`
    # (after the stance verb: the rally that denounced "Trump's call for ..." holds it, in the gold)
    owned = _owned_words(doc, span)
    if owned is not None:  # `Obama's "if you like your plan, you can keep it" promise`, `his call for "a total ban"`
        return owned
    if governor is not None and governor.lemma_.lower() not in COPULAS and (subject := not_inside(subject_of(governor), span)) is not None \
            and subject.root.pos_ in {"PROPN", "PRON"} and subject.root.lower_ not in {"it", "this", "that", "there"}:
        return Attribution(governor, subject, "verb")  # `Rubio bemoaned a climate where people "literally hate each other"`
    return Attribution(None, None, "none")


def frame_around_describing_verb(verb: Token, floor: int) -> Token | None:
    """`urging those calling for a recount to "..."`, `As X put it in a memo to staff explaining the deal, "..."`: a speech
    verb describing a noun (a participle, or a relative clause whose subject is that noun) inside the frame of an
    earlier speech verb (after `floor`, the offset of the last quote or paragraph break) is not the quote's cue: that
    earlier verb is, and its subject the speaker, not the people the noun names."""
    if verb.dep_ not in {"acl", "relcl"} or any(c.dep_ in SUBJECTS and c.tag_ not in {"WDT", "WP"} for c in verb.children):
        return None  # (`an interview in which Adelson said: "..."`: a clause with a speaker of its own)
    if verb.head.lemma_.lower() in DOCUMENT_NOUNS or document_read(verb) is not None:
        return None  # (`She read a letter from a voter that read, "..."`: the document speaks, for its author)
    return next((a for a in verb.ancestors if floor < a.idx and a.i < verb.i and is_speech_verb(a)), None)


def speech_verb_earlier_in_sentence(doc: Doc, span: QuoteSpan, marks: list[QuoteSpan]) -> Attribution | None:
    """A quoted phrase in the writer's sentence with no cue of its own: the last speech verb before it in its sentence (in
    no other quote), when that verb's subject is a name or a person's pronoun."""
    quoted = quoted_spans(marks)
    first = first_token_from(doc, span.open_mark)
    if first >= len(doc):
        return None
    for token in reversed(doc[doc[first].sent.start : first]):
        if is_speech_verb(token) and token.dep_ not in {"amod", "acl"} and not inside_any(quoted, token.idx):
            subject = subject_outside(token, span, quoted)
            if subject is not None and subject.root.pos_ in {"PROPN", "PRON"} and subject.root.lower_ not in {"it", "this", "that", "there", "which", "who"}:
                return Attribution(token, subject, "sentence")
            return None
    return None


def _according_to_in_sentence(doc: Doc, span: QuoteSpan, quoted: list[tuple[int, int]]) -> Attribution | None:
    """`According to X, ...` earlier in the quote's sentence than the words next to it (and in no other quote)."""
    first = first_token_from(doc, span.open_mark)
    if first >= len(doc):
        return None
    for token in doc[doc[first].sent.start : first]:
        if token.lower_ == "according" and not inside_any(quoted, token.idx) and (source := according_to(token)) is not None:
            return Attribution(token, source, "according")
    # `But as the Global Times noted in an op-ed, the candidate "has earned himself a few fans"`
    return as_reported_by([t for t in doc[doc[first].sent.start : first] if not inside_any(quoted, t.idx)])


def _attribution_noun(inside: list[Token], span: QuoteSpan) -> Attribution | None:
    """A quote governed by a noun of saying whose owner is named: `her remark that "..."`."""
    for token in inside:
        node = token
        for _ in range(6):
            if node.head == node:
                break
            node = node.head
            if not (span.start <= node.idx < span.end) and node.pos_ == "NOUN" and node.lemma_.lower() in ATTRIBUTION_NOUNS:
                owner = next((c for c in node.children if c.dep_ == "poss"), None)
                if owner is None:
                    by = next((c for c in node.children if c.lower_ == "by"), None)
                    owner = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
                return Attribution(node, speaker_phrase(owner), "governs") if owner is not None else None
    return None


# What "comes" from a speaker after the words it carries: `"No!" came the reply from the White House`.
CRY_NOUNS = frozenset("shout cry call chant yell scream reply answer response retort voice question".split())


def _cry_came_from(verb: Token) -> Span | None:
    """`"Call the roll," came shouts from the crowd`: "came", a noun of crying out or answering, and `from X` right after a
    quote: X speaks (no speaker without `from`: `"No," came the reply`)."""
    doc = verb.doc
    if verb.lemma_.lower() != "come":
        return None
    index = verb.i + 1
    while index < len(doc) and doc[index].pos_ in {"DET", "ADJ"}:
        index += 1
    if index + 2 >= len(doc) or doc[index].lemma_.lower() not in CRY_NOUNS or doc[index + 1].lower_ != "from":
        return None
    source = next((c for c in doc[index + 1].children if c.dep_ == "pobj"), None)
    return speaker_phrase(source) if source is not None and source.pos_ in {"NOUN", "PROPN"} else None


def _noun_of_saying_that(doc: Doc, span: QuoteSpan) -> Attribution | None:
    """`after her March comment that, "We're going to ..."`: a possessed noun of saying, "that" and the quote, however the
    parse hung the quote (the comma after "that" often takes it to the main verb); the possessor holds the words."""
    first = first_token_from(doc, span.open_mark)
    before = [t for t in doc[max(0, first - 4) : first] if t.idx < span.open_mark and not t.is_space
              and t.text not in QUOTE_OPENERS and t.text != ","]
    if len(before) < 2 or before[-1].lower_ != "that":
        return None
    noun = before[-2]
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in ATTRIBUTION_NOUNS:
        return None
    owner = _possessor_of(noun)
    return Attribution(noun, owner, "governs") if owner is not None else None


def _possessed_saying_before_copula(governor: Token | None, span: QuoteSpan) -> Attribution | None:
    """`Rubio's catch phrase was that X "would say anything"`, `His assumption was that "..."`: a copula whose subject is
    a possessed noun of saying or thinking; the possessor, a person or a group, holds the words."""
    copula = governor
    for _ in range(3):  # `was that "as voters learn," they would leave`: the quote may sit in a clause of the clause
        if copula is None or copula.lemma_.lower() == "be" or copula.dep_ not in {"ccomp", "advcl"}:
            break
        copula = copula.head
    if copula is None or copula.lemma_.lower() != "be":
        return None
    noun = next((c for c in copula.children if c.dep_ == "nsubj"), None)
    if noun is None or noun.pos_ != "NOUN" or noun.lemma_.lower() not in ATTRIBUTION_NOUNS | THINKING_NOUNS:
        return None
    owner = _possessor_of(noun)
    if owner is None or span.start <= owner.start_char < span.end:
        return None
    return Attribution(noun, owner, "governs")


def _owned_words(doc: Doc, span: QuoteSpan) -> Attribution | None:
    """A quote between a possessor and a noun of saying (`Obama's "if you like your plan ..." promise`), or after a
    possessed noun of a stand (`his call for "a total ban"`, `Obama's rejection of "..."`): the possessor's words, however
    the parser hung the quote."""
    first = first_token_from(doc, span.open_mark)
    close = span.close_mark if span.close_mark is not None else span.end
    after = first_token_from(doc, close + 1)
    before = [t for t in doc[max(0, first - 3) : first] if t.idx < span.open_mark and not t.is_space and t.text not in QUOTE_OPENERS]
    if not before:
        return None
    noun = doc[after] if after < len(doc) else None
    if noun is not None and noun.pos_ == "NOUN" and noun.lemma_.lower() in ATTRIBUTION_NOUNS:
        owner = _possessor(before[-1])
        if owner is not None:
            return Attribution(noun, owner, "governs")
    if before[-1].lower_ in {"a", "an", "the"}:
        before = before[:-1]  # `his call for a "revolution"`
    if len(before) >= 2 and before[-1].lower_ in STANCE_NOUNS.get(before[-2].lemma_.lower(), ()) and before[-2].pos_ == "NOUN":
        owner = _possessor_of(before[-2])
        if owner is not None:
            return Attribution(before[-2], owner, "governs")
    return None


# Nouns of a stand somebody took in words, with the preposition that introduces the words (`his call for "..."`, `Mr.
# Obama's rejection of "a politics of cynicism"`). Not nouns of taking up a thing (`his embrace of "birtherism"`, `an
# attack on "political correctness"`: a term the writer quotes).
STANCE_NOUNS = {
    "call": {"for"}, "plea": {"for"}, "demand": {"for"}, "rejection": {"of"}, "denunciation": {"of"}, "condemnation": {"of"},
    "dismissal": {"of"},
}


def _possessor_of(noun: Token) -> Span | None:
    """Who owns a noun of saying, as a speaker: `his`/`her`/`their` (not `its`: a thing's "answer" is the writer's figure
    of speech), a name (`Rubio's catch phrase`) or a group (`the party's line`); None for anything else."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        return None
    if owner.tag_ == "PRP$":
        return owner.doc[owner.i : owner.i + 1] if owner.lower_ in SPEAKING_POSSESSIVES else None
    if owner.pos_ == "PROPN" or owner.pos_ == "NOUN" and owner.ent_type_ in {"", "ORG", "NORP", "PERSON"}:
        return speaker_phrase(owner)
    return None


SPEAKING_POSSESSIVES = frozenset({"his", "her", "their"})


def _possessor(word: Token) -> Span | None:
    """The possessor a word closes: `his` itself, or the name before `'s` (`Barack Obama's`)."""
    doc = word.doc
    if word.tag_ == "PRP$" and word.lower_ in SPEAKING_POSSESSIVES:
        return doc[word.i : word.i + 1]
    if word.tag_ == "POS" and word.i > 0:
        word = doc[word.i - 1]
    if word.pos_ != "PROPN":
        return None
    start = word.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].sent == word.sent:
        start -= 1
    return doc[start : word.i + 1]


# Words that may stand between a quote and its speech verb: the speaker's name, an apposition
# ("Murphy, the head of Right to Rise USA,") and adverbs.
_SPEAKER_WORDS = {"DET", "PROPN", "NOUN", "PRON", "ADJ", "ADV", "PUNCT", "PART", "NUM", "CCONJ", "ADP"}


def _parenthetical_cue(governor: Token | None, span: QuoteSpan) -> Token | None:
    """A speech verb set off as an aside in the quote's clause: `X, Y said, did "..."`."""
    node = governor
    for _ in range(4):
        if node is None:
            return None
        for child in node.children:
            if child.dep_ == "parataxis" and is_speech_verb(child) and not (span.start <= child.idx < span.end):
                return child
        if node.head == node:
            return None
        node = node.head
    return None


def governing_verb(inside: list[Token], span: QuoteSpan) -> Token | None:
    """Up the parse from the quote: the nearest speech verb outside it, else the nearest verb."""
    heads = [t for t in inside if not (span.start <= t.head.idx < span.end) or t.head == t]
    first_verb = None
    for token in heads:
        node = token.head
        for _ in range(12):
            if not (span.start <= node.idx < span.end) and node.pos_ in {"VERB", "AUX"}:
                if is_speech_verb(node):
                    return node
                first_verb = first_verb or node
            if node.head == node:
                break
            node = node.head
    return first_verb
