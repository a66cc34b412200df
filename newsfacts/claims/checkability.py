"""Whether a clause is a checkable claim (`is_checkable`): long enough, finite, not a question or a non-fact
(`nonfactual`), not only a judgment (`judgments`), and anchored in something concrete: a named actor or thing, a
number, a date (`_is_anchor`, `_is_number`), a specific event of something the article already spoke of
(`_is_specific_event`, with comparisons of degree, reputations and 'the first time ...'), or background in the
article's own voice told by what a noun subject does in the present (`_is_general_fact`).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsfacts.claims.attribution import actor_of, attribution_of
from newsfacts.claims.context import QUOTED_CLAUSE_SHARE, ClaimContext
from newsfacts.claims.grammar import (
    SPEECH_LEMMAS,
    THIRD_PERSON,
    head_of_clause,
    is_finite,
    _is_participle_report,
    _participles_act,
    reported_verbs,
    subject_of,
)
from newsfacts.claims.judgments import LINKING_LEMMAS, is_judging_word, only_judges
from newsfacts.subjectivity import REPUTATION_WORDS
from newsfacts.claims.nonfactual import (
    OPINION_LEMMAS,
    _addressed_or_obligation,
    _has_got_to,
    _is_feeling,
    _is_hypothetical,
    _is_normative,
    _is_order,
    _is_wish,
    _needs,
    _speculates,
    _vows,
)


# What makes an assertion checkable: a named actor or thing, a number, a date.
ANCHOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW", "PRODUCT",
                           "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL"})

MIN_CLAIM_WORDS = 4


def is_checkable(clause: Span, context: ClaimContext | None = None) -> bool:
    """A finite statement about something concrete, not a question, wish, order, feeling, hypothesis or
    address to someone."""
    context = context or ClaimContext()
    words = [t for t in clause if not t.is_punct]
    if len(words) < MIN_CLAIM_WORDS or clause.text.rstrip(" ”\"'’").endswith("?"):
        return False
    head = head_of_clause(clause)
    if head is None or not (is_finite(head) or _is_participle_report(head, clause)):
        return False
    if _is_order(head) or _is_wish(head) or _is_feeling(head) or _is_hypothetical(head) or _is_normative(head):
        return False
    if any(_is_wish(verb) for verb in reported_verbs(head)):
        return False  # "X said he hoped for ...": a hope, reported
    if _addressed_or_obligation(head) or any(_addressed_or_obligation(c) for c in reported_verbs(head)):
        return False
    quoted = [t for t in clause if t.i in context.quoted_tokens]
    quotation = len(quoted) >= QUOTED_CLAUSE_SHARE * len(clause)
    tokens = quoted if quotation else list(clause)
    if only_judges(head, clause) and not any(_is_number(t) for t in tokens):
        return False  # 'Cusiter looked very lively', 'He made some great kicks': a name or a date does not save it
    if not quotation and _speculates(head) and attribution_of(clause) is None and not any(_is_number(t) for t in tokens):
        return False  # 'Henson could make the Lions team': the writer's guess, with no source and no figure
    if any(_vows(v) for v in [head, *reported_verbs(head)]) and not any(_is_number(t) for t in tokens):
        return False  # 'We will come out fighting this week': a speaker's vow, with no figure to hold them to
    if any(_has_got_to(v) for v in [head, *reported_verbs(head)]):
        return False  # 'Mathew has just got to take it on the chin': what someone must do
    said = [v for v in [head, *reported_verbs(head)] if v.i in context.quoted_tokens]
    if quotation and any(_is_normative(v) or _needs(v) for v in said):
        return False  # '"The prime minister should be able to ...," he said': what ought to be, in the speaker's words
    if _is_participle_report(head, clause) and (subject := actor_of(_participles_act(head))) is not None:
        tokens += list(subject.subtree)  # cut from 'X rejected it, saying ...': X still says it, as in 'X said ...'

    if any(_is_anchor(t, context) for t in tokens):
        return True
    # in a quotation, what it says must be the event: not the frame ('"...," the letter continued'); a speech verb's
    # frame is judged by the quoted words it reports
    said = (not quotation or head.i in context.quoted_tokens
            or any(v.i in context.quoted_tokens and not any(a.tag_ == "MD" for a in v.children)  # not '"It could ..."'
                   for v in reported_verbs(head)))
    if said and _is_specific_event(head, clause):
        return True
    # the writer's own background ('Complex algorithms translate those signals into instructions'); a speaker's
    # generality ('You lose one game', '"Every child shares ...') is rhetoric more often than fact
    quote_marked = clause[0].is_quote or clause[-1].is_quote or clause[-2:-1].text in ('"', "”")  # words a speaker
    # says that no quotation row covers (a quote left open across paragraphs): '"Career sexism limits ...'
    return not quotation and head.i not in context.quoted_tokens and not quote_marked and _is_general_fact(head, clause)


DURATION_UNITS = frozenset({"year", "month", "week", "day", "hour", "minute", "second", "decade", "century"})


def _is_number(token: Token) -> bool:
    """A figure: a number, an amount, a share or a length of time ('3-1', '£775', '12 goals', '85 years'); not an
    ordinal ('second half'), a date ('brilliant in 2004' judges a year), a name ('The Six Nations may be ...'),
    nor a vague or single one ('a couple of good runs', 'One player')."""
    if token.ent_type_ in ("MONEY", "PERCENT", "QUANTITY"):
        return True
    if token.ent_type_ in ("DATE", "TIME"):  # a length of time is a figure: 'a jail sentence of up to 85 years'
        after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        return token.like_num and after is not None and after.lemma_.lower() in DURATION_UNITS
    # a number inside a name is part of the name: 'The Six Nations', 'Channel 4', 'Formula One'
    return token.like_num and token.ent_type_ in ("", "CARDINAL") and token.lower_ != "one"


# Determiners that point at one thing the article already spoke of: "the lawsuit", "these children", "both firms".
SPECIFIC_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "both"})

# Praise and blame make a past event an opinion ('They played very well', 'The team showed some fantastic skill').
EVALUATIVE_WORDS = frozenset({"well", "badly", "good", "bad", "great", "fantastic", "brilliant", "superb", "excellent",
                              "terrible", "awful", "poor", "poorly", "wonderful", "amazing", "magnificent", "outstanding",
                              "disappointing", "impressive", "fine", "best", "worst", "better", "worse", "fabulous"})


def _is_specific_event(head: Token, clause: Span) -> bool:
    """Checkable without a name, number or date: something that happened to, or was done by, a thing the
    article already spoke of ('The report said the mayor has resigned ...', 'the fire was caused by ...',
    'It has had many opponents'): a past, perfect or passive verb whose subject is a definite phrase or a
    third-person pronoun, with something said of it. Not a generic present ('Every child shares ...'), nor a
    description by a copula ('It was a great night'), nor words to the listener, nor praise ('They did very
    well'), nor 'there were ...'. For a report ('X said ...') it is what is reported that must be such an
    event: the frame '"...," he said' is always a specific past, and says nothing by itself."""
    reported = reported_verbs(head)
    if reported:
        return any(_is_specific_event(verb, clause) or _said_before(verb) or _compares(verb) and subject_of(verb) is not None
                   and subject_of(verb).pos_ in ("NOUN", "PROPN") for verb in reported)  # a source's comparison:
        # 'Officials believe wind farms may be better options than ...', 'predicted that storms will become more frequent'
    subject = subject_of(head)
    if subject is None or subject.dep_ == "expl" or _is_the_article(subject):
        return False
    head = _arranged_passive(head) or head
    said = [c for c in head.children if clause.start <= c.i < clause.end and not c.is_punct
            and c.dep_ not in ("nsubj", "nsubjpass", "aux", "auxpass", "neg", "cc", "mark")]
    auxiliaries = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    passive = any(a.dep_ == "auxpass" for a in auxiliaries)
    if not said and not passive:
        return False  # nothing said of the subject but that it happened: 'Word of the merger arrived'
    if head.lemma_ == "be" and subject.lower_ == "it" and _counts_the_times(head):
        return True  # 'It is not the first time researchers have had this sort of success': it happened before
    spoken_of = _is_definite(subject) or subject.lower_ in DEMONSTRATIVES and subject.dep_ == "nsubj"
    if head.lemma_ in COMPARING_LEMMAS and _compares(head) and spoken_of and not any(t.lower_ in ("you", "your") for t in clause):
        return True  # a comparison of something the article spoke of: 'the benefits were much larger than ...', 'These
        # are less risky for employers'
    if head.lemma_ in LINKING_LEMMAS and spoken_of and _has_a_reputation(head):
        return True  # how others regarded something the article spoke of: 'the campaign was controversial'
    if head.lemma_ == "be" or any(t.lower_ in ("you", "your") for t in clause):
        return False  # a description ('it was not a random choice'), or words to the listener
    if subject.lower_ == "it" and any(c.dep_ in ("ccomp", "xcomp", "csubj") for c in head.children):
        return False  # 'It is generally agreed that ...': 'it' stands for the clause, not for a thing
    if any(_praises(t) for t in head.subtree):
        return False
    specific = subject.lower_ in THIRD_PERSON or _is_definite(subject) or any(
        p.dep_ == "prep" and p.lower_ == "of" and any(_is_definite(o) for o in p.children if o.dep_ == "pobj")
        for p in subject.children)  # 'Opponents of the draft directive'
    perfect = any(a.lemma_ == "have" for a in auxiliaries)
    # what was going on: 'these men were operating a vote-forging factory'
    past_progressive = head.tag_ == "VBG" and any(a.dep_ == "aux" and a.lemma_ == "be" and a.tag_ == "VBD"
                                                  for a in auxiliaries)
    episode = head.tag_ == "VBD" or passive or perfect or past_progressive
    # a present fact about something the article spoke of, told by what it does to an object: 'Both technologies
    # use a blue laser', 'It has a shorter wavelength' (not what a generality does: 'Every child deserves ...')
    progressive = head.tag_ == "VBG" and any(a.dep_ == "aux" and a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP")
                                             for a in auxiliaries)  # 'the government is now expanding the crackdown'
    state = (head.tag_ in ("VBZ", "VBP") or progressive) and any(c.dep_ == "dobj" for c in head.children) \
        and not any(is_judging_word(t) for t in head.subtree)  # 'he brings tremendous penetration' praises
    episode = episode or state
    # an indefinite subject is checkable when something was done to it ('A trial date has not been set',
    # 'little polling has been carried out'); what it did, or what is done to it, may be a generality ('Fans
    # wanted more', 'Children are forced to ...', 'Lobbying has started to gain momentum')
    done_to = subject.pos_ == "NOUN" and head.tag_ == "VBN" and any(
        a.dep_ == "auxpass" and (a.tag_ == "VBD" or a.lower_ == "been") for a in auxiliaries)
    # a past act of an indefinite subject on something the article spoke of: 'many net veterans criticised it for ...'
    done_to_it = subject.pos_ == "NOUN" and head.tag_ == "VBD" and any(c.dep_ == "dobj" and (c.lower_ in ("it", "them", "him", "her") or _is_definite(c))
                                            for c in head.children)
    return episode and (specific or done_to or done_to_it)


# What a subject's act is told by: its object, a clause or infinitive it takes, where or how it goes.
ACT_OBJECTS = frozenset({"dobj", "dative", "xcomp", "ccomp", "prep"})
UNIVERSAL_DETERMINERS = frozenset({"every", "each", "all", "no", "any"})


def _is_general_fact(head: Token, clause: Span) -> bool:
    """A state of affairs told in the present by what its subject does, without a name or a number: 'Complex
    algorithms then translate those signals into instructions', 'Under money purchase schemes, employees pay into a
    pension fund', 'Many firms are struggling to keep this type of scheme open', 'Some teams have used eye
    motion'. Not a maxim of all ('Every child deserves a safe home'). The news's background, which the reader can check, as 'a final salary scheme promises to pay a
    pension ...' can be. The subject a noun (not a pronoun: 'You lose one game', 'it' standing for a clause), the
    verb an act in the simple present, the present progressive or the present perfect (not a copula, which
    describes, not a report, judged by what it reports, not a guess with a modal), with something it is done to
    or with, and no praise ('They play some fantastic football')."""
    subject = subject_of(head)
    if subject is None or subject.pos_ not in ("NOUN", "PROPN") or head.lemma_.lower() in LINKING_LEMMAS | SPEECH_LEMMAS:
        return False
    if any(c.dep_ in ("det", "amod") and c.lower_ in UNIVERSAL_DETERMINERS for c in subject.children):
        return False  # 'Every child deserves a safe home': what holds of all is a maxim, not an observed state
    if any(t.lower_ in ("you", "your") for t in clause):
        return False  # words to the listener: 'You lose one game and the papers turn on you'
    auxiliaries = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    present = [a for a in auxiliaries if a.tag_ in ("VBZ", "VBP")]
    simple = head.tag_ in ("VBZ", "VBP") and not auxiliaries
    progressive = head.tag_ == "VBG" and len(auxiliaries) == 1 and present and present[0].lemma_ == "be"
    perfect = head.tag_ == "VBN" and len(auxiliaries) == 1 and present and present[0].lemma_ == "have"
    if not (simple or progressive or perfect):
        return False
    # a perfect tells an episode: of an indefinite subject, what it did to something ('Some teams have used eye
    # motion'), not what it began or tried ('Intense lobbying has started to gain momentum')
    objects = ("dobj",) if perfect else ACT_OBJECTS
    acts_on = any(c.dep_ in objects and clause.start <= c.i < clause.end for c in head.children)
    return acts_on and not any(_praises(t) or is_judging_word(t) for t in head.subtree if clause.start <= t.i < clause.end)


DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
# Verbs that link a subject to a comparison of it: 'are less risky', 'will become more frequent'.
COMPARING_LEMMAS = frozenset({"be", "become", "remain", "grow", "get"})
# Words that make an adjective a comparison of degree: 'more frequent', 'less risky', 'fewer options'.
DEGREE_WORDS = frozenset({"more", "less", "fewer"})


def _compares(verb: Token) -> bool:
    """'X is vastly larger than Y', 'were much larger than the government could afford', 'may be better options
    than ...': a comparative complement with its 'than'; or a degree of an adjective, which says how much of a
    measurable property ('less risky for employers', 'will become more frequent'); not a bare 'better' or 'worse',
    which without what it is compared to judges."""
    if verb.lemma_ not in COMPARING_LEMMAS:
        return False
    for complement in (c for c in verb.children if c.dep_ in ("acomp", "attr")):
        comparative = complement.tag_ in ("JJR", "RBR") or any(
            m.dep_ in ("amod", "advmod") and m.tag_ in ("JJR", "RBR") for m in complement.children)
        than = any(t.lower_ == "than" for t in complement.subtree)
        degree = any(m.dep_ == "advmod" and m.lower_ in DEGREE_WORDS for m in complement.children)
        if comparative and (than or degree):
            return True
    return False


def _said_before(verb: Token) -> bool:
    """'"We have warned before that ...," said Ms Sudell': a report of the speakers' own past statement is an event
    the record can check (what they said then), not an opinion ('I thought they would ...' is one)."""
    past = verb.tag_ == "VBD" or verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    return past and verb.lemma_.lower() in SPEECH_LEMMAS - OPINION_LEMMAS and subject_of(verb) is not None \
        and any(c.dep_ == "ccomp" or c.dep_ == "advcl" and any(m.lower_ == "that" for m in c.children if m.dep_ == "mark")
                for c in verb.children)  # the parser may read 'warned before that ...' as an adverbial clause


def _has_a_reputation(verb: Token) -> bool:
    """'was controversial from the moment it kicked off', 'is hugely popular': a complement that tells how others
    regard the subject (subjectivity.REPUTATION_WORDS), which polls, sales and the record can check."""
    return any(c.dep_ in ("acomp", "attr", "oprd") and (c.lower_ in REPUTATION_WORDS or any(
        m.dep_ == "amod" and m.lower_ in REPUTATION_WORDS for m in c.children)) for c in verb.children)


def _counts_the_times(be: Token) -> bool:
    """'It is (not) the first time researchers have had ...', 'It was the third time the club had ...': whether an
    event happened before, which the record can check; the event told in the clause on 'time'."""
    return any(c.dep_ == "attr" and c.lemma_ == "time" and any(m.ent_type_ == "ORDINAL" or m.lower_ in ("first", "last")
                                                               for m in c.children if m.dep_ == "amod")
               and any(r.dep_ == "relcl" and subject_of(r) is not None for r in c.children) for c in be.children)


def _arranged_passive(head: Token) -> Token | None:
    """'The post is to be stripped of its functions': 'be to' with a passive arranges an event, as 'will be
    stripped' does; the passive verb is what happens to the subject."""
    if head.lemma_ != "be":
        return None
    return next((c for c in head.children if c.dep_ == "xcomp" and c.tag_ == "VBN"
                 and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                 and any(a.dep_ == "auxpass" for a in c.children)), None)


def _praises(token: Token) -> bool:
    """An evaluative word, but not the 'well' of 'as well as' ('As well as providing links, the site allowed ...')."""
    if token.lower_ not in EVALUATIVE_WORDS:
        return False
    doc = token.doc
    as_well_as = token.lower_ == "well" and token.i > 0 and doc[token.i - 1].lower_ == "as" \
        and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "as"
    return not as_well_as


EDITORIAL_NOUNS = frozenset({"story", "article", "page", "post", "piece"})


def _is_the_article(subject: Token) -> bool:
    """'This story was updated': an editor's note about the text, not a fact about the world."""
    return subject.lemma_.lower() in EDITORIAL_NOUNS and any(c.dep_ == "det" and c.lower_ == "this" for c in subject.children)


def _is_definite(noun: Token) -> bool:
    return any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in SPECIFIC_DETERMINERS for c in noun.children)


def _is_anchor(token: Token, context: ClaimContext) -> bool:
    """A named thing, a number, a date, or an actor (a pronoun resolved to an entity), unless it is a name
    in the vocative ('Mr. Putin, you can ...')."""
    if token.i in context.actor_tokens:
        return not _is_vocative(token)
    named = token.pos_ == "PROPN" and (token.is_title or token.is_upper and len(token) > 1) \
        and token.dep_ in ("nsubj", "nsubjpass")  # a name NER missed, or an acronym ("the IAAF broke ...")
    if token.ent_type_ not in ANCHOR_LABELS and not (token.like_num and token.ent_type_ != "ORDINAL") and not named:
        return False
    if token.ent_type_ == "DATE" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ in ("'s", "’s"):
        return False  # "today's world" is not a date
    return not _is_vocative(token)


def _is_vocative(token: Token) -> bool:
    """A person addressed by name: in apposition to 'you', or set off by commas in a sentence that says 'you'."""
    if token.pos_ != "PROPN":
        return False
    root = token
    while root.head.i != root.i and root.head.pos_ == "PROPN" and root.dep_ in ("compound", "flat"):
        root = root.head
    if root.dep_ == "appos" and root.head.lower_ == "you":
        return True
    if root.left_edge.i > 0 and token.doc[root.left_edge.i - 1].lower_ == "dear" or root.left_edge.lower_ == "dear":
        return True  # the salutation of a letter
    sentence = token.sent
    says_you = any(t.lower_ in ("you", "your") for t in sentence)
    left, right = root.left_edge.i - 1, root.right_edge.i + 1
    doc = token.doc
    set_off = (left < sentence.start or doc[left].text in (",", "“", '"')) and right < len(doc) and doc[right].text == ","
    return says_you and set_off
