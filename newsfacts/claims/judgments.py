"""Clauses that only judge (`only_judges`): praise or blame of the subject ('X was brilliant'), an act told only by
how good it was ('made some great kicks'), or the impression made on the writer ('Jones impressed me'); which
words judge comes from the subjectivity lexicon (newsfacts.subjectivity).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsfacts.claims.grammar import reported_verbs, subject_of
from newsfacts.subjectivity import judges


# Verbs that link a subject to what is said of it: 'X was brilliant', 'Y looked a better bet'.
LINKING_LEMMAS = frozenset({"be", "look", "seem", "appear", "sound", "become", "remain", "prove"})
# Verbs whose object carries the whole of what is said when it is judged: 'made some great kicks', 'showed some
# nice touches', 'had a good game', 'gave good direction', 'played a superb match'.
LIGHT_LEMMAS = frozenset({"make", "have", "show", "give", "play", "produce", "run", "turn"})
# Verbs of the impression someone made on the writer: 'Jones impressed me', 'the forwards surprised me'.
IMPRESSION_LEMMAS = frozenset({"impress", "surprise", "disappoint", "please", "delight", "amaze", "astonish",
                               "excite", "frustrate", "annoy", "stun"})
FUTURE_OR_POSSIBLE = frozenset({"will", "would", "could", "might", "may", "'ll", "'d", "shall", "can"})


def only_judges(head: Token, clause: Span) -> bool:
    """The clause's predicate is a judgment, not a fact: what is said of the subject is praise or blame
    ('X has been brilliant this season', 'it was a poor decision', 'he could be a very good option'), an act
    told only by how good it was ('He made some great kicks', 'showed some nice touches'), or the impression
    it made on the writer ('Jones impressed me'). A report of such a judgment judges too ('He said it was
    irrelevant whether ...'). Which words praise or blame comes from a subjectivity lexicon
    (newsfacts.subjectivity); every verb of the clause's predicate must judge, so 'X won 3-1 and played well'
    is not only a judgment."""
    reported = reported_verbs(head)
    if reported:
        return all(only_judges(verb, clause) for verb in reported)
    verbs = [head] + [c for c in head.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                      and clause.start <= c.i < clause.end]
    return all(_judged_state(v) or _judged_act(v) or _impresses_the_writer(v) for v in verbs)


def _judged_state(verb: Token) -> bool:
    """'X was brilliant', 'It was a poor decision', 'Cusiter looked very lively', 'seems to be a lively character',
    'Jones was another player who impressed me'."""
    if verb.lemma_.lower() not in LINKING_LEMMAS:
        return False
    # the parser sometimes hangs the adjective on the verb as an adverb: 'looked (advmod) lively'
    complements = [c for c in verb.children
                   if c.dep_ in ("acomp", "attr", "oprd") or c.dep_ == "advmod" and c.tag_.startswith("JJ")]
    complements += [a for c in verb.children if c.dep_ == "xcomp" and c.lemma_ == "be"
                    for a in c.children if a.dep_ in ("acomp", "attr")]
    judged_or_subject = [c for c in complements + [subject_of(verb)] if c is not None]
    impressed = any(r.dep_ == "relcl" and _impresses_the_writer(r)  # 'One player who didn't impress me was ...'
                    for c in judged_or_subject for r in c.children)
    return impressed or any(_judged_phrase(c) for c in complements)


def _judged_act(verb: Token) -> bool:
    """'He made some great kicks', 'Hogg made a couple of good runs', 'They played brilliantly': an act of a
    light verb told by its judged object or manner. Not a prediction ('would have great difficulty' can be
    checked later)."""
    if verb.lemma_.lower() not in LIGHT_LEMMAS:
        return False
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_OR_POSSIBLE for c in verb.children):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    # 'a couple of good runs', 'some of his best work': the judged noun is the quantity's own object
    objects += [o for obj in list(objects) for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"
                for o in p.children if o.dep_ == "pobj"]
    manner = [c for c in verb.children if c.dep_ == "advmod" and is_judging_word(c)]
    return bool(manner) or any(_judged_phrase(o, own=False) for o in objects)


def _judged_phrase(word: Token, own: bool = True) -> bool:
    """The word judges (when `own`), or a modifier of it does ('a very good option', 'some nice touches')."""
    if own and is_judging_word(word):
        return True
    return any(c.dep_ in ("amod", "advmod", "compound") and is_judging_word(c) for c in word.children)


def is_judging_word(word: Token) -> bool:
    """A word that praises or blames, unless it is part of a name ('It's a Wonderful Life', 'Great Britain')."""
    tag = "JJ" if word.dep_ == "acomp" else word.tag_  # a complement is an adjective, whatever the tagger says
    return not word.ent_type_ and word.pos_ != "PROPN" and judges(word.text, tag)


def _impresses_the_writer(verb: Token) -> bool:
    """'Wales fly-half Stephen Jones was another player who impressed me', 'the forwards surprised me'."""
    return verb.lemma_.lower() in IMPRESSION_LEMMAS \
        and any(c.dep_ == "dobj" and c.lower_ in ("me", "us") for c in verb.children)
