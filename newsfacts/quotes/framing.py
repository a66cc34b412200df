"""A verb right before or after a quote that frames it (`Smith shot back, "..."`, `"...," Smith barked`), and the
speaker next to it, never inside the quote, a relative clause or what the verb reports."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsfacts.nlp import first_token_from
from newsfacts.quotemarks import QuoteSpan
from newsfacts.quotes.grammar import has_own_content, inside_any, is_speech_verb, names_a_time
from newsfacts.quotes.introduced import reporter_of_previous_sentence
from newsfacts.quotes.rows import Attribution
from newsfacts.quotes.subjects import speaker_phrase, subject_of
from newsfacts.quotes.vocabulary import SENTENCE_OPENERS, SUBJECTS


def speech_verb_and_colon_before(doc: Doc, span: QuoteSpan) -> bool:
    index = first_token_from(doc, span.open_mark) - 1
    while index > 0 and doc[index].is_space:
        index -= 1
    if index < 1 or doc[index].text != ":":
        return False
    verb = doc[index - 1]
    return is_speech_verb(verb) and verb.sent == doc[index].sent


def sentence_runs_on(text: str, span: QuoteSpan) -> bool:
    """Does the quote's sentence go on after it: it ends on a comma, or on a question or exclamation mark not followed by
    a word that opens a sentence (`"Why?" he asked`, `"Why?" Hannity pressed`, not `"Why?" He answered`)?"""
    last = text[span.start : span.end].rstrip()[-1:]
    close = span.close_mark if span.close_mark is not None else span.end
    following = text[close + 1 :].lstrip(" \"”’'").split(maxsplit=1)[:1]
    return last == "," or last in {"?", "!"} and bool(following) and following[0] not in SENTENCE_OPENERS


def describes_noun_after(token: Token, close: int) -> Token | None:
    """The participle or relative clause holding the token that describes a noun between the quote and it (`a retired
    worker`, `the guru who founded X`): part of the speaker's words, not a clause of its own. None if it is not one."""
    if token.dep_ == "amod" and token.head.i > token.i and not is_speech_verb(token):
        return token  # (`"...," tweeted Rubio spokesman Alex Conant`: a speech verb the parse read as a modifier still reports)
    clause = next((a for a in [token, *token.ancestors] if a.dep_ == "relcl"), None)
    if clause is not None and close < clause.head.idx < token.idx and clause.head.pos_ in {"NOUN", "PROPN"}:
        return clause
    return None


def after_close(speaker: Span | None, close: int) -> Span | None:
    """The speaker's words after the quote's closing mark: the parse may hang the opening mark on the name after the quote
    (`"...," Nate Silver, the guru who ..., tweeted`), and a speaker's phrase never holds the quote."""
    if speaker is None or speaker.start_char > close or speaker.root.idx <= close:
        return speaker
    doc = speaker.doc
    start = first_token_from(doc, close + 1)
    while start < speaker.root.i and doc[start].is_punct:
        start += 1
    return doc[start : speaker.end]


def outside_relative_clause(speaker: Span | None, clause: Token | None) -> Span | None:
    """`"...," a source, who was not authorized to speak on the record, told X`: a speaker found inside the relative clause
    that describes it ("who", "the record") is the noun the clause describes."""
    if speaker is None or clause is None or not clause.left_edge.i <= speaker.root.i <= clause.right_edge.i:
        return speaker
    described = clause.head
    # (`Nate Silver, the polling guru who founded X`: the name the described words stand beside)
    return speaker_phrase(described.head if described.dep_ == "appos" and described.head.pos_ == "PROPN" else described)


def aside_of_later_clause(verb: Token) -> bool:
    """A speech verb set off inside a clause that goes on after it: `Perhaps, he said, the voters will agree`, `But, Mr.
    Ryan said, "democracy is ..."` (the clause may be the next quote: PolNeAR train 2 right, 1 wrong)."""
    return verb.dep_ == "parataxis" and verb.head.i > verb.i and verb.head.pos_ in {"VERB", "AUX"}


def opens_clause_with_subject(conjunction: Token) -> bool:
    """`..., and Johnson talks`: the conjunction opens a clause with a subject of its own (not `and warned`, which goes
    on with the same subject as the quote's own verb)."""
    following = conjunction.doc[conjunction.i + 1 : conjunction.i + 2]
    return bool(following) and following[0].pos_ not in {"VERB", "AUX", "ADV"}


def relative_clause_verb(verb: Token, close: int) -> bool:
    """`The mayor, who vowed to ...`, `- at which point the crowd chanted`: a relative clause's verb, with its relative
    word between the quote and the verb (not `"...," Eric Trump wrote`, which the parser sometimes makes one)."""
    doc = verb.doc
    return verb.dep_ == "relcl" and any(t.tag_ in {"WP", "WDT", "WP$"} for t in doc[first_token_from(doc, close + 1) : verb.i])


def frames_quote_after(verb: Token, span: QuoteSpan, text: str, quoted: list[tuple[int, int]]) -> bool:
    """`"Go back home," Smith barked.`: a quote that ends on a comma, question or exclamation mark, followed only by a
    subject and a verb, is what that verb reports, whatever the verb ("barked", "confessed", "shot back")."""
    if verb.pos_ != "VERB" or verb.dep_ not in {"ROOT", "parataxis", "ccomp", "conj"} or not sentence_runs_on(text, span):
        return False
    if not _opens_its_sentence(verb.doc, span):
        return False  # `He says no one is "on pace to win," the number needed to ...`: words inside a sentence, not its frame
    close = span.close_mark if span.close_mark is not None else span.end
    subject = subject_of(verb) or _name_before(verb, close)
    return (subject is not None and close < subject.start_char < verb.idx
            and (subject.root.pos_ in {"PROPN", "PRON", "NOUN"} or name_read_as_verb(subject.root))
            and not has_own_content(verb, span, quoted) and not any(c.dep_ == "dobj" and c.idx > verb.idx for c in verb.children))


def _opens_its_sentence(doc: Doc, span: QuoteSpan) -> bool:
    """Does the quote open its sentence: no word of the sentence before its opening mark (punctuation aside)?"""
    first = first_token_from(doc, span.open_mark)
    if first >= len(doc):
        return True
    sentence = doc[first].sent
    return not any(t.is_alpha or t.is_digit for t in doc[sentence.start : first] if t.idx < span.open_mark)


def name_read_as_verb(token: Token) -> bool:
    """`"...," Trump shot back`: the tagger sometimes reads a name as a verb (trump, bush, rush); a capitalized "verb"
    that the parser made a subject is the name."""
    return token.pos_ == "VERB" and token.dep_ in SUBJECTS and token.text[:1].isupper()


def _name_before(verb: Token, close: int) -> Span | None:
    """`"...," Trump barked`: the parser sometimes hangs the name on the verb as a compound; a name (or he/she) and
    nothing else between the quote and the verb is its subject all the same."""
    doc = verb.doc
    words = [t for t in doc[first_token_from(doc, close + 1) : verb.i] if not t.is_punct and not t.is_space]
    if words and (all(t.pos_ == "PROPN" for t in words) or len(words) == 1 and words[0].lower_ in {"he", "she"}):
        return doc[words[0].i : words[-1].i + 1]
    return None


# Speech verbs the tagger often reads as nouns after a quote (`"...," the email read.`, `"...," the ad states.`).
VERBS_TAGGED_AS_NOUNS = frozenset("read reads states says writes notes adds state write".split())


def speaker_of_verb_tagged_noun(token: Token, close: int) -> Span | None:
    """`"Friend, let me be blunt," the email read.`: a word of VERBS_TAGGED_AS_NOUNS that ends the sentence right after a
    quote that runs on, with only a noun phrase between, is its verb; that noun phrase speaks."""
    doc = token.doc
    if token.pos_ != "NOUN" or token.lower_ not in VERBS_TAGGED_AS_NOUNS:
        return None
    if token.i + 1 < len(doc) and not (doc[token.i + 1].is_punct or doc[token.i + 1].is_space or doc[token.i + 1].pos_ == "ADP"):
        return None  # (`the Saudis state in the white paper`: where it says it may follow)
    words = [t for t in doc[first_token_from(doc, close + 1) : token.i] if not t.is_punct and not t.is_space]
    # a noun phrase (`the two write`; `a voice-over in the ad states`: a place inside it, after its noun)
    # (`the editorial read`: the tagger may read the noun as an adjective, once it took the verb for the noun)
    if not words or not (words[-1].pos_ in {"NOUN", "PROPN"} or words[-1].pos_ in {"NUM", "ADJ"} and words[0].lower_ == "the") \
            or any(t.pos_ in {"VERB", "AUX"} for t in words) or words[0].pos_ == "ADP" \
            or any(t.pos_ == "ADP" and t.lower_ not in {"in", "of", "for", "from", "at"} for t in words):
        return None
    head = next((t for t in words if t.pos_ == "ADP"), None)
    return doc[words[0].i : (head.i if head is not None else words[-1].i + 1)]


def inverted_framing_speaker(verb: Token) -> Span | None:
    """`"It's about time," exhorted Clinton's introducer.`: a verb in the past or present tense right after a quote that
    runs on, followed by a noun phrase and the end of the sentence, is said by that noun phrase, whatever the verb."""
    if verb.pos_ != "VERB" or verb.tag_ not in {"VBD", "VBZ"}:
        return None
    doc = verb.doc
    end = verb.i + 1
    while end < len(doc) and doc[end].sent == verb.sent and not (doc[end].is_punct or doc[end].is_space):
        end += 1
    words = doc[verb.i + 1 : end]
    if not words or words[-1].pos_ not in {"PROPN", "NOUN"} or any(t.pos_ in {"VERB", "AUX", "ADP", "SCONJ", "PRON"} and t.tag_ != "PRP$"
                                                                   for t in words):
        return None  # not "...," meant nothing to him
    if end < len(doc) and doc[end].text not in {".", ",", "!", "?", ";"}:
        return None
    return words


def frames_quote_before(before: list[Token], span: QuoteSpan) -> Attribution | None:
    """`Smith shot back, "..."`: a clause's main verb right before the comma or colon that opens a quote, with only
    particles between ("back", "out"), reports that quote, whatever the verb, when its subject is named or a pronoun."""
    if len(before) < 2 or before[-1].text not in {",", ":"}:
        return None
    index = len(before) - 2
    while index > 0 and before[index].pos_ in {"ADV", "ADP", "PART"} and before[index].dep_ in {"advmod", "prt"}:
        index -= 1
    verb = before[index]
    # (the parser often makes the quote the root and hangs the framing verb on it)
    main = verb.dep_ in {"ROOT", "conj"} or verb.dep_ in {"ccomp", "parataxis"} and span.start <= verb.head.idx < span.end
    if verb.pos_ != "VERB" or not main or any(c.dep_ == "dobj" for c in verb.children):
        return None
    subject = subject_of(verb)
    if subject is None or subject.root.pos_ not in {"PROPN", "PRON"} or subject.root.lower_ in {"it", "this", "that", "there"} \
            or span.start <= subject.root.idx < span.end:
        return None
    return Attribution(verb, subject, "before")


def not_inside(speaker: Span | None, span: QuoteSpan) -> Span | None:
    """A quote never names its own speaker: `"Good reporter, this guy," Trump, the front-runner by a wide margin,
    said` parses with the quote's first words as the subject."""
    return None if speaker is not None and span.start <= speaker.root.idx < span.end else speaker


def subject_outside(verb: Token, span: QuoteSpan, quoted: list[tuple[int, int]] = ()) -> Span | None:
    """The verb's subject, but never words inside the quote itself (a parser slip on `"Dear X," the letter began`) nor
    inside another quote (`"A, I praise Sen. X," Trump said, "and B."`: the parse made X the subject)."""
    subject = subject_of(verb)
    if subject is not None and not (span.start <= subject.root.idx < span.end) and not inside_any(quoted, subject.root.idx) \
            and not names_a_time(subject.root):
        return subject
    # `"My bosses, ...," Mr. Conant said`: the parse gave the verb two subjects, the quote's first words and the speaker
    outside = next((c for c in verb.children if c.dep_ in SUBJECTS and c.pos_ in {"PROPN", "NOUN", "PRON"} and not names_a_time(c)
                    and not span.start <= c.idx < span.end and not inside_any(quoted, c.idx)), None)
    if outside is not None:
        return speaker_phrase(outside)
    doc = verb.doc
    close = span.close_mark if span.close_mark is not None else span.end
    between = [t for t in doc[first_token_from(doc, close + 1) : verb.i] if t.pos_ in {"PROPN", "NOUN", "PRON"}]
    if between:
        return speaker_phrase(between[-1])
    # `As Akhil Amar, a law professor, put it, "..."`: the parser made the name the object of "as"
    as_word = next((c for c in verb.children if c.lower_ == "as" and c.i < verb.i), None)
    named = next((c for c in as_word.children if c.dep_ == "pobj" and c.pos_ == "PROPN"), None) if as_word is not None else None
    if named is not None:
        return speaker_phrase(named)
    following = next((t for t in doc[verb.i + 1 : verb.i + 6] if t.pos_ in {"PROPN", "NOUN", "PRON"} and t.tag_ not in {"WDT", "WP"}
                      and not _addressed(t, verb, span) and not span.start <= t.idx < span.end), None)
    while following is not None and following.dep_ in {"compound", "flat"} and following.head.i > following.i:
        following = following.head  # `said Robin Maynard`: the name, not its first word
    if following is not None:
        return speaker_phrase(following)
    if verb.tag_ == "VBG" and verb.is_sent_start and (previous := reporter_of_previous_sentence(verb)) is not None:
        return previous.speaker  # `X stated that the report "wasn't good." Adding, "..."`: a participle with no clause of its own
    return name_read_as_modifier(verb) or person_before(verb, quoted)


def name_read_as_modifier(verb: Token) -> Span | None:
    """`Will described Trump as a "caricature"`, `Early described it as "news to me"`: the tagger reads a name that is
    also a modal or an adverb (Will, Early) as one and leaves the verb with no subject. A capitalized modal right before
    a past or present-tense verb (no modal takes one), or a capitalized adverb right before it that does not open its
    sentence, is the verb's subject."""
    if verb.i == 0 or any(c.dep_ in SUBJECTS for c in verb.children) or verb.tag_ not in {"VBD", "VBN", "VBZ"}:
        return None
    word = verb.doc[verb.i - 1]
    if word.head != verb or not word.text[:1].isupper() or word.text.isupper():
        return None
    if word.tag_ == "MD" or word.tag_ == "RB" and not word.is_sent_start:
        return verb.doc[word.i : word.i + 1]
    return None


OBJECT_PRONOUNS = frozenset("him them me us whom".split())


def _addressed(word: Token, verb: Token, span: QuoteSpan) -> bool:
    """A word after the verb that is not who speaks: the "it" of "as X put it", an object pronoun, and the one told or
    named before the quote (`telling the crowd, "..."`, `calling him "a feminist"`)."""
    if word.head == verb and word.dep_ == "dobj" and word.lower_ == "it" or word.lower_ in OBJECT_PRONOUNS:
        return True
    return word.head == verb and word.dep_ in {"dobj", "dative"} and verb.idx < span.open_mark


def person_before(verb: Token, quoted: list[tuple[int, int]]) -> Span | None:
    """`In a call on Dec. 2, Col. Jane Wu, a military spokeswoman, said, "..."`: where the parser hung the speaker on
    something else (the date, "the Observer") and left the verb with no subject, the last person named before the verb
    in its sentence speaks, unless that name is a possessor, the object of a preposition or verb, inside what the verb
    reports, or one of a list."""
    people = [e for e in verb.doc.ents if e.label_ == "PERSON" and verb.sent.start <= e.start and e.end <= verb.i
              and e.root.dep_ not in {"poss", "pobj", "dobj", "dative"} and not inside_any(quoted, e.start_char)
              and not (e.end < len(verb.doc) and verb.doc[e.end].tag_ == "POS")
              and not _reported_by(e.root, verb, quoted) and not _listed(e.root)]
    return people[-1] if people else None


def _listed(word: Token) -> bool:
    """A name in a list (`with hosts X and Y, the candidate said`) or modifying a noun (`"Morning Joe" hosts`): no
    speaker of its own."""
    if word.dep_ == "compound" or word.dep_ == "conj" and any(c.dep_ == "cc" for c in word.head.children):
        return True
    return any(c.dep_ == "conj" for c in word.children) and any(c.dep_ == "cc" for c in word.children)


def _reported_by(word: Token, verb: Token, quoted: list[tuple[int, int]] = ()) -> bool:
    """Is the word inside what the verb reports (`alleging that Obama wanted ..., said`: Obama is no speaker of "said")?
    Not a name outside the quote marks that the parser hung on the quoted words (`"...," Texas delegate Bill Hale,
    wearing a cowboy hat, said`)."""
    clause = next((a for a in [word, *word.ancestors] if a.head == verb and a.dep_ in {"ccomp", "xcomp"}), None)
    return clause is not None and not (inside_any(quoted, clause.idx) and not inside_any(quoted, word.idx))
