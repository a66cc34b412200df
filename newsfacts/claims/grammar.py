"""The parse of a clause that every part of claim finding reads: its main verb (`head_of_clause`), whether a verb
is finite, its subject, what a speech verb reports, and the clause cut from a speech act (', saying ...', a reason
given 'as ...'); with the word lists those need (`SPEECH_LEMMAS`, `THIRD_PERSON`).
"""

from __future__ import annotations

from spacy.tokens import Span, Token


# Verbs whose subject is the source of a clausal complement: "X said/demands/insists that ...".
SPEECH_LEMMAS = frozenset({
    "say", "tell", "state", "claim", "demand", "insist", "maintain", "argue", "warn", "announce", "add",
    "allege", "assert", "contend", "deny", "declare", "write", "note", "explain", "suggest", "predict",
    "acknowledge", "admit", "testify", "believe", "think", "conclude", "indicate", "understand",
    "speculate",
})  # not urge, promise, vow, threaten: what they introduce is a demand or a commitment, not a fact

THIRD_PERSON = frozenset({"he", "she", "it", "they"})


def reported_verbs(head: Token) -> list[Token]:
    """The verbs of what a speech verb reports: '"... you serve humanity itself," she wrote' gives 'serve'."""
    if head.lemma_.lower() not in SPEECH_LEMMAS:
        return []
    return [c for c in head.children if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX")]


# Subordinators of a reason: 'He called on Congress to cut benefits, as the benefits were larger than ...'.
REASON_MARKS = frozenset({"as", "because", "since"})
# Verbs of asking someone to act: what they ask is no fact, but the reason they give is their claim.
REQUEST_LEMMAS = frozenset({"urge", "call", "ask", "appeal", "press", "demand", "plead", "implore"})


def _reason_of_a_speech_act(clause_head: Token) -> Token | None:
    """The speech act whose speaker gives this adverbial clause as a reason ('He urged Congress to act, because
    the deficit was growing': the speaker's reason, so the speaker's claim), or None."""
    marks = [m for m in clause_head.children if m.dep_ == "mark"]
    act = clause_head.head
    if clause_head.dep_ != "advcl" or not marks or marks[0].lower_ not in REASON_MARKS or act.i == clause_head.i:
        return None
    if act.lemma_.lower() not in SPEECH_LEMMAS | REQUEST_LEMMAS or subject_of(act) is None:
        return None
    if act.lemma_.lower() in SPEECH_LEMMAS and not any(c.dep_ in ("ccomp", "xcomp") for c in act.children) \
            and act.lemma_.lower() not in REQUEST_LEMMAS:
        return None
    return act if clause_head.i > act.i else None  # after the act: 'as he left, he said' is a time, before it


def _participles_act(participle: Token) -> Token:
    return participle.head.head if participle.dep_ == "acl" else participle.head


def _is_participle_report(head: Token, clause: Span) -> bool:
    """'saying it would cost $40m' cut from its act: its finite verb is what is said."""
    act = head.head if head.dep_ == "advcl" else head.head.head if head.dep_ == "acl" and head.head.dep_ == "dobj" else None
    return head.i == clause.start and act is not None and head.tag_ == "VBG" \
        and head.lemma_.lower() in SPEECH_LEMMAS and any(is_finite(v) for v in reported_verbs(head))


def _strip_punct(span: Span) -> Span | None:
    tokens = list(span)
    while tokens and (tokens[-1].is_punct and tokens[-1].text not in ".!)" or tokens[-1].is_space or tokens[-1].dep_ == "cc"):
        tokens.pop()
    while tokens and (tokens[0].is_punct and tokens[0].text not in "(" or tokens[0].is_space):
        tokens.pop(0)
    return span.doc[tokens[0].i : tokens[-1].i + 1] if tokens else None


def head_of_clause(clause: Span) -> Token | None:
    """The clause's main verb: the root of its tokens' tree, or a verb whose head lies outside it."""
    heads = clause.doc.user_data.setdefault("newsfacts_clause_heads", {})  # asked several times per clause
    key = (clause.start, clause.end)
    if key not in heads:
        heads[key] = _find_clause_head(clause)
    return heads[key]


def _find_clause_head(clause: Span) -> Token | None:
    inside = set(range(clause.start, clause.end))
    heads = [t for t in clause if t.head.i not in inside or t.head.i == t.i]
    verbs = [t for t in heads if t.pos_ in ("VERB", "AUX")]
    if verbs and verbs[0].lower_ == "according" and verbs[0].dep_ == "ROOT":
        # the parser may root 'According to X, some sites were knocked offline' on 'According': the clause is
        # what follows its comma
        comma = next((t.i for t in clause if t.text == "," and t.i > verbs[0].i), None)
        finite = [t for t in clause if comma is not None and t.i > comma and t.pos_ in ("VERB", "AUX") and is_finite(t)
                  and t.dep_ not in ("aux", "auxpass", "relcl", "ccomp")]
        if finite:
            return finite[0]
    if verbs:
        return verbs[0]
    misread = [t for t in heads if _is_misread_verb(t)]
    if misread:
        return misread[0]
    # an antecedent with its relative clause: "Ukraine, which Putin's forces invaded in 2022"
    relative = [c for h in heads for c in h.children if c.dep_ in ("relcl", "acl") and c.i in inside]
    return relative[0] if relative else None


def _is_misread_verb(token: Token) -> bool:
    """A verb the tagger read as a noun, as the parser's dependents tell: a noun with a direct object ('The
    62-year-old sang (NN) Hey Jude ...') or with a subject and a clause ('..., BBC Sport understands (NNS)')."""
    if token.pos_ != "NOUN":
        return False
    deps = {c.dep_ for c in token.children}
    return "dobj" in deps or "nsubj" in deps and "ccomp" in deps


def is_finite(verb: Token) -> bool:
    """A verb with tense (or a finite auxiliary): 'invaded', 'has resulted', 'is'; not 'to restore'."""
    if "Fin" in verb.morph.get("VerbForm") or verb.tag_ in ("VBD", "VBZ", "VBP", "MD") or _is_misread_verb(verb):
        return True
    if verb.tag_ == "VBN" and any(c.dep_ == "nsubj" for c in verb.children):
        return True  # a past tense the tagger read as a participle: "which Putin's forces invaded"
    if verb.tag_ == "VB" and verb.dep_ == "ROOT" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children) \
            and any(c.dep_ == "nsubj" and (c.pos_ in ("NOUN", "PROPN") or c.lower_ in ("they", "we", "i"))
                    for c in verb.children):
        return True  # a present the tagger read as a base form: 'The men deny collecting votes fraudulently'
    return any(child.dep_ in ("aux", "auxpass") and ("Fin" in child.morph.get("VerbForm") or child.tag_ in ("VBD", "VBZ", "VBP", "MD"))
               for child in verb.children)


def _own_subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "expl", "csubj"):
            return child
    return None


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, or the one it shares with the verb it is coordinated with."""
    subject = _own_subject(verb)
    if subject is not None:
        # 'media watchdog Ofcom said': the parser may read a title and the name after it as two subjects; the name is who
        name = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "PROPN" and c.i > subject.i
                     and c.left_edge.i == subject.right_edge.i + 1), None)
        subject = name or subject
    if subject is None and verb.dep_ == "conj":
        return _own_subject(verb.head)
    if subject is None and verb.lemma_.lower() in SPEECH_LEMMAS and verb.i > 0:
        # a name the parser hung on a fronted phrase: 'On top of the deal with Acme Mr Jones said ...'
        before = verb.doc[verb.i - 1]
        if before.pos_ == "PROPN" and before.dep_ == "pobj" and before.i < verb.i and verb.tag_ in ("VBD", "VBZ"):
            return before
    return subject


def ancestors_within(token: Token, head: Token) -> list[Token]:
    """The token and its ancestors up to (not including) the clause head."""
    chain = [token]
    for ancestor in token.ancestors:
        if ancestor.i == head.i:
            break
        chain.append(ancestor)
    return chain
