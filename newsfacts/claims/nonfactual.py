"""Clauses that say something other than what is: a wish, an order, a feeling, a hypothesis, what ought to be, a
guess or a need, a speaker's vow, 'has got to', and rhetoric addressed to the listener or the speakers' own
obligation.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsfacts.claims.grammar import subject_of


# Sentences that state a wish, a feeling or an obligation rather than a fact.
WISH_LEMMAS = frozenset({"hope", "wish", "pray", "thank", "congratulate", "welcome", "love", "dream", "feel"})
OBLIGATION_MODALS = frozenset({"must", "should", "ought", "shall"})
FIRST_OR_SECOND_PERSON = frozenset({"i", "we", "you"})

FEELING_ADJECTIVES = frozenset({"concerned", "worried", "afraid", "fearful", "hopeful", "optimistic", "pessimistic",
                                "happy", "sad", "delighted", "disappointed", "angry", "upset", "pleased", "proud",
                                "sure", "confident", "convinced"})  # 'I am sure we will get the win

# What makes the writer's own sentence a guess: 'X may be ...', 'could make the team', 'are likely to keep rolling',
# 'maybe even Henson', 'looks like a certainty', and what the writer thinks someone needs ('He needs to come up ...').
POSSIBILITY_MODALS = frozenset({"may", "might", "could"})
GUESS_ADVERBS = frozenset({"maybe", "perhaps", "possibly"})


def _speculates(head: Token) -> bool:
    """The clause's main verb is a guess or a need rather than a fact: a modal of possibility, 'be (un)likely to',
    'maybe', 'look like', 'need to'. Not 'is expected to' (an arrangement someone announced)."""
    children = list(head.children)
    if any(c.dep_ == "aux" and c.text in POSSIBILITY_MODALS for c in children):  # as written: 'May said' is a name
        # 'Foxx could not make the ceremony': what someone was unable to do is a fact
        unable = any(c.lower_ == "could" for c in children) and any(c.dep_ == "neg" for c in children)
        return not unable
    before = head.doc[head.left_edge.i : head.i]
    if any(c.dep_ == "advmod" and c.lower_ in GUESS_ADVERBS for c in children) or any(
            c.lower_ in GUESS_ADVERBS and c.dep_ in ("advmod", "cc", "preconj") for c in before):
        return True
    if head.lemma_ == "be" and any(c.dep_ == "acomp" and c.lower_ in ("likely", "unlikely") for c in children):
        # 'It is unlikely that Newcastle would allow ...' weighs a whole proposition, a hedged claim the record can
        # settle; 'the good times are likely to keep rolling' guesses at the subject's future
        return not _weighs_a_proposition(head)
    if head.lemma_ == "look" and any(c.dep_ == "prep" and c.lower_ == "like" for c in children):
        return True
    return _needs(head)


def _weighs_a_proposition(be: Token) -> bool:
    """'It is (un)likely (also) that <a clause with its own subject>'."""
    subject = subject_of(be)
    return subject is not None and subject.lower_ == "it" and any(
        c.dep_ == "ccomp" and any(m.lower_ == "that" for m in c.children if m.dep_ == "mark")
        and any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children) for c in be.children)


def _needs(verb: Token) -> bool:
    """'He needs to add a hard edge to his game': what someone ought to do."""
    return verb.lemma_ == "need" and any(c.dep_ == "xcomp" for c in verb.children)


# The lemmatizer reads 'hoped' as 'hop': the wishes' written forms too.
WISH_FORMS = frozenset(form for w in WISH_LEMMAS for form in (w, w + "s", w + "d", w + "ed", w + "ing", w[:-1] + "ing"))
# Wishes that are also acts: 'Residents welcomed the plan' reports an event; 'We welcome you' is a greeting.
ACT_LEMMAS = frozenset({"thank", "congratulate", "welcome"})


def _is_wish(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    if any(c.dep_ == "auxpass" for c in verb.children):
        return False  # 'The impact ... is being felt ever more strongly': what is felt, not someone's wish or feeling
    if lemma in ACT_LEMMAS and verb.tag_ in ("VBD", "VBN"):
        subject = subject_of(verb)
        return subject is None or subject.lower_ in FIRST_OR_SECOND_PERSON
    return lemma in WISH_LEMMAS or verb.lower_ in WISH_FORMS


def _is_normative(head: Token) -> bool:
    """'The accountability should be in the North East': what ought to be, not what is."""
    return any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in head.children)


def _vows(verb: Token) -> bool:
    """'We will come out fighting', 'I'll keep going': the speakers' own future."""
    subject = subject_of(verb)
    return subject is not None and subject.lower_ in ("i", "we") \
        and any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall") for c in verb.children)


def _has_got_to(verb: Token) -> bool:
    """'has got to take it on the chin', 'have got to win': an obligation told with 'got to'."""
    return verb.lower_ == "got" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children) \
        and any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in verb.children)


def _is_feeling(head: Token) -> bool:
    """'Critics are concerned that ...': a state of mind, not a fact about the world."""
    return any(c.dep_ == "acomp" and c.lower_ in FEELING_ADJECTIVES for c in head.children)


def _is_hypothetical(head: Token) -> bool:
    """'If he had, we wouldn't be here today': a conditional about what did not happen."""
    conditional = any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "if" for m in c.children) for c in head.children)
    return conditional and any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in head.children)


def _is_order(verb: Token) -> bool:
    """An imperative: a bare verb opening its clause with no subject ('Stop the war')."""
    return verb.tag_ == "VB" and subject_of(verb) is None and not any(c.dep_ in ("aux", "auxpass") for c in verb.children) \
        and verb.dep_ == "ROOT"


# What a speaker says of their own mind: 'I predict series two will be even better', 'we think ...'.
OPINION_LEMMAS = frozenset({"believe", "think", "hope", "feel", "predict", "expect", "reckon", "guess", "suspect"})


def _addressed_or_obligation(verb: Token) -> bool:
    """Rhetoric: the reader or listener as subject ('you can restore'), or an obligation of the speakers
    ('we must strive'), unless it comes with something concrete as its object."""
    subject = subject_of(verb)
    if subject is None or subject.lower_ not in FIRST_OR_SECOND_PERSON:
        return False
    if subject.lower_ == "you":
        return True
    modals = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    return bool(modals & OBLIGATION_MODALS) or verb.lemma_.lower() in OPINION_LEMMAS
