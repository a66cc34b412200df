"""Quotes introduced outside their own clause: by a colon (`Sanders: "..."`, `X stated:`, `Here's X:`), by the previous
sentence's speaker or the writer's question about a person, by the paragraph before, by a person's clause a dash ends, or
by the sentence after that names the quote and its source."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsfacts.nlp import doc_text, first_token_from
from newsfacts.quotemarks import QuoteSpan, quoted_spans
from newsfacts.quotes.grammar import CLOSING_MARKS, inside_any, is_speech_verb
from newsfacts.quotes.rows import Attribution
from newsfacts.quotes.subjects import speaker_phrase, subject_of
from newsfacts.quotes.vocabulary import DASHES, INDIRECT_VERBS, MAX_SCARE_QUOTE_WORDS, MAX_TITLE_WORDS, SPEECH_VERBS


def speaker_of_previous_sentence(doc: Doc, span: QuoteSpan) -> Attribution | None:
    """`Smith said the plan was flawed. "It will not work."`: a quote that opens a sentence with no cue
    of its own goes on for the speaker of the sentence just before it, in the same or the previous paragraph."""
    index = first_token_from(doc, span.open_mark)
    opening = doc[index] if index < len(doc) else None
    if opening is not None and _ends_a_sentence(doc[opening.sent.start : opening.i]):
        # the parser glued the quote's sentence onto the one before (`''A,'' he said - and argued for X. ''B.''`):
        # that one is the words before the quote in the parse's sentence
        return _reporter_in(doc[opening.sent.start : opening.i])
    if opening is None or opening.sent.start == 0:
        return None
    return reporter_of_previous_sentence(opening)


def reporter_before_embedded(doc: Doc, span: QuoteSpan) -> Attribution | None:
    """`"...," he said. Good information drives out bad only when "the truth is sexier than the lie."`: a quoted clause
    inside a sentence with no cue of its own goes on for the named reporter of the sentence just before it in the same
    paragraph. Not a short phrase or a title (scare quotes, names of shows), nor an aside in parentheses."""
    index = first_token_from(doc, span.open_mark)
    if index >= len(doc):
        return None
    text = doc_text(doc)
    opening = doc[index].sent[0]
    content = text[span.start : span.end]
    if opening.sent.start == 0 or "\n" in text[doc[opening.sent.start - 1].sent.start_char : opening.idx]:
        return None
    if len(content.split()) <= MAX_SCARE_QUOTE_WORDS or content[:1].isupper() and len(content.split()) <= MAX_TITLE_WORDS:
        return None
    lead = text[opening.idx : span.open_mark]
    if lead.count("(") > lead.count(")") or any(is_speech_verb(t) for t in doc[opening.i : index]):
        return None  # (a sentence with a report of its own, `Her office insists ... "..."`, is no longer the last speaker's)
    found = reporter_of_previous_sentence(opening)
    if found is None or found.speaker.root.pos_ not in {"PROPN", "PRON"}:
        return None
    return found


def reporter_of_previous_sentence(opening: Token) -> Attribution | None:
    """The speech verb and its subject in the sentence before the one `opening` starts (in the same or the previous
    paragraph)."""
    doc = opening.doc
    if opening.sent.start == 0:
        return None
    previous = doc[opening.sent.start - 1].sent
    if doc_text(doc).count("\n\n", previous.start_char, opening.idx) > 1:
        return None
    return _reporter_in(previous)


def _ends_a_sentence(words: Span) -> bool:
    """Do the words end on a full stop, question or exclamation mark (a closing quote mark after it aside)?"""
    ending = [t for t in words if not t.is_space and t.text not in CLOSING_MARKS][-1:]
    return bool(ending) and ending[0].text in {".", "!", "?"}


def _reporter_in(previous: Span) -> Attribution | None:
    """The last speech verb of a sentence, with its subject (a noun, a name or a pronoun other than a thing's)."""
    cues = [t for t in previous if t.pos_ in {"VERB", "AUX"} and (t.lemma_.lower() in SPEECH_VERBS | INDIRECT_VERBS
                                                                  or _reports_a_clause(t))]
    # not a verb inside what another one reports (`Carter said that critics had been predicting ...`: Carter speaks)
    cues = [t for t in cues if not any(a in cues for a in t.ancestors)]
    for cue in reversed(cues):
        subject = subject_of(cue)
        if subject is not None and subject.root.pos_ in {"PROPN", "NOUN", "PRON"} and subject.root.lower_ not in {"it", "this", "that"}:
            return Attribution(cue, subject, "previous")
    return None


# Verbs that report speech when they take a clause: `mentioned that ...`, `related that ...`.
CLAUSE_REPORTING_VERBS = frozenset("mention relate".split())


def _reports_a_clause(verb: Token) -> bool:
    """`Quintanilla mentioned that Carson's picture had been on the site.`: a verb of telling with a "that" clause."""
    return verb.lemma_.lower() in CLAUSE_REPORTING_VERBS and any(
        c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) for c in verb.children)


def colon_speaker(before: list[Token]) -> Span | None:
    """`Sanders: "..."`: a name (one to four proper nouns, or two names joined by "and") and a colon right before
    the quote. A capitalized speech verb opening the sentence is no part of the name, even where the tagger read it
    as one (`Stated Stone:`)."""
    if len(before) < 2 or before[-1].text != ":":
        return None
    names = []
    for token in reversed(before[:-1]):
        joins_names = token.lower_ == "and" and names and names[-1].pos_ == "PROPN"
        if not (token.pos_ == "PROPN" or joins_names) or len(names) == 7 or _capitalized_speech_verb(token):
            break
        names.append(token)
    while names and names[-1].pos_ != "PROPN":
        names.pop()  # (an "and" with no name before it)
    if not names:
        return None
    if len(before) > len(names) + 1 and before[-len(names) - 2].pos_ not in {"PUNCT", "SPACE"} \
            and not inverted_speech_verb(before, len(names)) and not _titled_at_paragraph_start(before[: -len(names) - 1]):
        return None
    return before[-1].doc[names[-1].i : names[0].i + 1]


ROLE_WORDS = {"ADJ", "NOUN", "ADP", "DET", "PROPN"}


def _titled_at_paragraph_start(role: list[Token]) -> bool:
    """`Former secretary of state Hillary Clinton: "..."`, as transcripts print a speaker: the words before the name are a
    title (no verb) that opens the paragraph."""
    doc = role[0].doc if role else None
    return bool(role) and all(t.pos_ in ROLE_WORDS for t in role) and (role[0].i == 0 or doc[role[0].i - 1].is_space
                                                                        or "\n" in doc[role[0].i - 1].whitespace_)


def inverted_speech_verb(before: list[Token], names: int) -> bool:
    """`Continued Stone: "..."`: a speech verb opening its sentence, then the name and the colon."""
    if len(before) < names + 2:
        return False
    verb = before[-names - 2]
    opens = verb.is_sent_start or len(before) == names + 2 or before[-names - 3].is_space
    return (is_speech_verb(verb) or _capitalized_speech_verb(verb)) and opens


def _capitalized_speech_verb(token: Token) -> bool:
    """A capitalized past or present form of a speech verb that the tagger took for part of a name (`Stated Stone:`);
    read from the word itself, since its lemma is then the word."""
    word = token.lower_
    if token.pos_ != "PROPN" or not token.text[:1].isupper():
        return False
    return word in {"said", "says", "wrote", "told"} or any(word.endswith(end) and word[: -len(end)] in SPEECH_VERBS
                                                           for end in ("d", "ed", "s"))


def introduced_by_colon(before: list[Token]) -> Attribution | None:
    """A quote after a colon belongs to the clause that introduces it: its subject, or X in `From X:`."""
    if not before or before[-1].text != ":":
        return None
    colon = before[-1]
    clause = [t for t in before[:-1] if t.sent == colon.sent]
    reporter = as_reported_by([t for t in colon.sent if t.i < colon.i])  # (the aside may stand far from the colon)
    if reporter is not None:
        return reporter
    presented = presented_here(clause)
    if presented is not None:  # `Here's Clinton in December 1992: "..."`
        return Attribution(colon, presented, "before")
    source = next((t for t in clause if t.lower_ == "from" and any(c.dep_ == "pobj" for c in t.children)), None)
    # (the parser often reads the quote's sentence as the root and hangs the introduction on it: `From the report: "..."`)
    if source is not None and (source.head.pos_ not in {"VERB", "AUX"} or source.head.i > colon.i):
        obj = next(c for c in source.children if c.dep_ == "pobj")
        return Attribution(colon, speaker_phrase(obj), "before")
    verbs = [t for t in clause if _leads_in(t, colon)]
    if not verbs:  # `Mr. Amar said that if viewed through the lens of negotiating strategy, a deal might be possible: "..."`
        verbs = [t for t in _writers_words_before(colon) if _leads_in(t, colon)]
    if verbs:
        subject = subject_of(verbs[-1])
        if subject is not None and subject.root.pos_ in {"PROPN", "NOUN", "PRON"}:
            return Attribution(verbs[-1], None if _says_nothing(verbs[-1], subject) else subject, "before")
    return None


PERSONAL_PRONOUNS = frozenset("i we they he she his her my our their".split())


def _says_nothing(verb: Token, subject: Span) -> bool:
    """`Estimates are: "..."`, `Wait, it gets better: "..."`: a clause that only says what the quote is (a copula or
    "get") introduces the quote but names no speaker, unless its subject is a name or a person's words (`Trump's
    reply was: "..."`)."""
    if verb.lemma_.lower() not in {"be", "get"}:
        return False
    return not any(t.pos_ == "PROPN" or t.ent_type_ in {"PERSON", "ORG", "NORP"} or t.lower_ in PERSONAL_PRONOUNS for t in subject)


def _leads_in(verb: Token, colon: Token) -> bool:
    """A main verb of the clause before the colon (the parser often hangs it on the quote's sentence after the colon)."""
    return verb.pos_ in {"VERB", "AUX"} and (verb.dep_ in {"ROOT", "conj"} or verb.dep_ == "ccomp" and verb.head.i > colon.i)


def _writers_words_before(colon: Token) -> list[Token]:
    """The colon's sentence up to the colon, after the last quote mark in it (the words of the writer that lead in)."""
    words = [t for t in colon.sent if t.i < colon.i]
    marks = [k for k, t in enumerate(words) if t.text in CLOSING_MARKS or t.text in {"“", "``", "«", "»"}]
    return words[marks[-1] + 1 :] if marks else words


PRESENTING_VERBS = frozenset({"'s", "’s", "is", "was"})


def presented_here(clause: list[Token]) -> Span | None:
    """`Here's Clinton in December 1992:`, `Here is Senator Ted Cruz on the deal:`: the writer presents a name whose words
    follow the colon. Not a thing (`Here's the thing:`, `Here is what happened:`)."""
    words = [t for t in clause if not t.is_space and not t.is_punct or t.lower_ in PRESENTING_VERBS]
    if len(words) < 3 or words[0].lower_ != "here" or words[1].lower_ not in PRESENTING_VERBS:
        return None
    name = []
    for token in words[2:]:
        if token.pos_ != "PROPN":
            break
        name.append(token)
    return clause[0].doc[name[0].i : name[-1].i + 1] if name else None


def as_reported_by(clause: list[Token]) -> Attribution | None:
    """`Of course, as X observed, the biggest victor was not on the stage:`: the writer's clause before a colon that
    says whose words follow in an "as X said" aside introduces X's words, whatever its own subject ("the victor")."""
    for verb in clause:
        if is_speech_verb(verb) and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
            subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is not None and subject.pos_ in {"PROPN", "NOUN"}:
                return Attribution(verb, speaker_phrase(subject), "before")
    return None


def introduced_by_previous_paragraph(doc: Doc, span: QuoteSpan, marks: list[QuoteSpan]) -> Attribution | None:
    """`Dr. Ward stated:` (paragraph break) `"..."`: a paragraph that opens with a quote, after a paragraph of the
    writer's that ends with a colon, is what that paragraph's last clause introduces."""
    text = doc_text(doc)
    paragraph_start = text.rfind("\n", 0, span.open_mark) + 1
    if text[paragraph_start : span.open_mark].strip() or paragraph_start == 0:
        return None
    previous_text = text[:paragraph_start].rstrip()
    colon_at = len(previous_text) - 1
    if not previous_text.endswith(":") or any(m.open_mark < colon_at < (m.close_mark or m.end) for m in marks):
        return None  # no colon, or the colon is inside a quotation (a long quote goes on by inheritance instead)
    colon_index = first_token_from(doc, colon_at)
    if colon_index >= len(doc) or doc[colon_index].text != ":":
        return None
    colon = doc[colon_index]
    reporter = as_reported_by([t for t in colon.sent if t.i < colon.i])
    if reporter is not None:  # `As X observed, the winner was not on the stage:` (paragraph break) `"..."`
        return reporter
    verb = colon.head  # the parser often reads the quote's sentence as the root, so the introducing verb is no ROOT
    subject = subject_of(verb) if verb.pos_ in {"VERB", "AUX"} and verb.i < colon.i else None
    if subject is not None and subject.root.pos_ in {"PROPN", "NOUN", "PRON"} and subject.end_char <= colon.idx:
        return Attribution(verb, None if _says_nothing(verb, subject) else subject, "before")
    clause = [t for t in colon.sent if t.i <= colon.i]
    named = colon_speaker(clause)  # `Stated Stone:` (paragraph break) `"..."`
    if named is not None and inverted_speech_verb(clause, len(named)):
        return Attribution(clause[-len(named) - 2], named, "before")
    return introduced_by_colon(clause)


# Pronouns that name a person (or people) as the subject of the clause before a dash.
PERSONAL_SUBJECTS = frozenset("i we they he she".split())


def clause_before_dash(doc: Doc, span: QuoteSpan, marks: list[QuoteSpan]) -> Attribution | None:
    """`When Trump finally wrapped up — "I will fight for you!" — the balloons came down`, `Trump also embraced the plan --
    "I think it is great."`: a quoted sentence set off by a dash after a clause whose subject is a person's name or
    pronoun is what that person said there. Not a phrase (`served in Vietnam - "13 months in hell" -`), nor after words
    with no clause of their own (`his bluster act — "A!" — is wearing thin`)."""
    text = doc_text(doc)
    if not _is_quoted_sentence(text[span.start : span.end]):
        return None
    dash = first_token_from(doc, span.open_mark) - 1
    while dash >= 0 and doc[dash].is_space:
        dash -= 1
    if dash < 1 or doc[dash].text not in DASHES:
        return None
    quoted = quoted_spans(marks)
    clause = [t for t in doc[doc[dash].sent.start : dash] if "\n" not in t.text and not inside_any(quoted, t.idx)]
    for verb in reversed(clause):
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < dash and not inside_any(quoted, c.idx)), None)
        if verb.pos_ not in {"VERB", "AUX"} or subject is None:
            continue
        if subject.pos_ == "PROPN" and subject.ent_type_ in {"PERSON", "ORG", "NORP", ""} or subject.lower_ in PERSONAL_SUBJECTS:
            return Attribution(verb, speaker_phrase(subject), "dash")
        return None
    return None


def _is_quoted_sentence(content: str) -> bool:
    """Quoted words that make a sentence: a capital first letter, a full stop, question or exclamation mark at the end."""
    words = content.strip().rstrip("'’\"”").rstrip()
    return words[:1].isupper() and words[-1:] in {".", "!", "?"} and len(words.split()) >= 3


# Nouns by which the sentence after a quotation names it: `That quote from X`, `Those words, by X,`.
QUOTATION_NOUNS = frozenset("quote quotation line word remark comment statement".split())


def quotation_named_after(doc: Doc, span: QuoteSpan) -> Attribution | None:
    """`"I'd rather have a sister in a whorehouse than a brother in the FBI." That quote from Commissioner Thomas Krebs
    appeared ...`: a quoted sentence with no cue, followed by a sentence that opens by naming it (that, this, those, these
    and a noun of quoting) and its source (`from X`, `by X`)."""
    close = span.close_mark if span.close_mark is not None else span.end
    if doc_text(doc)[span.start : span.end].rstrip()[-1:] not in {".", "!", "?"}:
        return None
    index = first_token_from(doc, close + 1)
    words = [t for t in doc[index : index + 6] if not t.is_punct]
    if len(words) < 4 or words[0].lower_ not in {"that", "this", "those", "these"} or "\n" in doc_text(doc)[close : words[0].idx]:
        return None
    noun, preposition = words[1], words[2]
    if noun.lemma_.lower() not in QUOTATION_NOUNS or preposition.lower_ not in {"from", "by"}:
        return None
    source = next((c for c in preposition.children if c.dep_ == "pobj"), None)
    if source is None or source.pos_ not in {"PROPN", "NOUN"}:
        return None
    return Attribution(noun, speaker_phrase(source), "after")


WH_WORDS = frozenset("why how what when where who".split())


def answer_to_writers_question(doc: Doc, span: QuoteSpan) -> Attribution | None:
    """`Why was he out in the 97-degree heat? "My mom says I have to save up for college."`: a quoted sentence with no cue,
    right after the writer's own question about a person (a wh-question, no quote marks in it, a person's pronoun or name
    as its subject), is that person's answer. Not a yes-no question (`Is Trump right? "..."`: it asks about him, of anyone)."""
    index = first_token_from(doc, span.open_mark)
    if index >= len(doc) or doc[index].sent.start == 0:
        return None
    question = doc[doc[index].sent.start - 1].sent
    text = doc_text(doc)
    words = text[question.start_char : span.open_mark]
    if "\n" in words or words.rstrip()[-1:] != "?" or any(m in words for m in ('"', "“", "”", "''", "``")):
        return None
    if question[0].lower_ not in WH_WORDS:
        return None
    subject = next((c for c in question.root.children if c.dep_ == "nsubj"), None)
    if subject is None or not (subject.lower_ in {"he", "she", "they"} or subject.pos_ == "PROPN" and subject.ent_type_ == "PERSON"):
        return None
    return Attribution(question.root, speaker_phrase(subject), "previous")


# The texts whose words a sentence opening `Under X,` quotes: `Under Florida law, battery is committed when a person "..."`.
RULE_NOUNS = frozenset("law act statute rule regulation constitution code treaty agreement contract policy bylaw".split())


def under_the_rule(doc: Doc, span: QuoteSpan, marks: list[QuoteSpan]) -> Attribution | None:
    """`Under Florida law, battery is committed when a person "actually and intentionally touches ..."`: a quoted phrase
    with no cue, in a sentence that opens with `Under` and a law, rule or treaty, is that text's wording. Not a term the
    sentence quotes (`Under the rules, consumers can send a "stop" command`)."""
    first = first_token_from(doc, span.open_mark)
    if first >= len(doc) or len(doc_text(doc)[span.start : span.end].split()) <= MAX_SCARE_QUOTE_WORDS:
        return None
    sentence = doc[first].sent
    opening = sentence[0]
    if opening.lower_ != "under" or opening.i >= first:
        return None
    text = next((c for c in opening.children if c.dep_ == "pobj"), None)
    quoted = quoted_spans(marks)
    if text is None or text.lemma_.lower() not in RULE_NOUNS or text.i >= first or inside_any(quoted, text.idx):
        return None
    return Attribution(opening, speaker_phrase(text), "according")
