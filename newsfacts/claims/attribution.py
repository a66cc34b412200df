"""A clause's own source (`attribution_of`): the subject of a speech verb with a complement, of a verb disputing its
object, of an evidential verb, or the court that heard it; the cue and the claimant's words and naming word
(`subject_phrase`, `speaker_word`); report verbs used for acts on things; and the marks that let `rows`
continue a report: a clause in reported speech's tense (`_is_backshifted`) and a subject who is about to speak
(`_introduces_speech`).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsfacts.claims.candidate import ClaimCandidate
from newsfacts.claims.grammar import (
    SPEECH_LEMMAS,
    ancestors_within,
    head_of_clause,
    _is_participle_report,
    _own_subject,
    _participles_act,
    _reason_of_a_speech_act,
    subject_of,
)


# Speech verbs whose infinitive is what they report: 'X claims to have found ...', 'admitted to having ...'.
INFINITIVE_REPORTS = frozenset({"claim", "admit", "acknowledge", "deny", "profess", "purport"})
# Phrasal verbs that report as well: "They pointed out that ...".
SPEECH_PHRASES = frozenset({("point", "out")})
# Verbs whose subject disputes what their object says: "X denied the allegations", "rejected claims that ...".
DISPUTE_LEMMAS = frozenset({"deny", "reject", "dispute", "refute", "contest", "rebut", "dismiss", "rubbish"})
# What a dispute verb other than 'deny' disputes when its subject asserts the opposite: 'rejected claims that ...',
# 'dismissed the allegations'; not a request or an offer ('the Lords rejected a plea', 'dismissed the appeal').
ASSERTION_NOUNS = frozenset({"claim", "allegation", "accusation", "charge", "report", "suggestion", "idea", "notion",
                             "criticism", "assertion", "story", "rumour", "rumor", "speculation", "figure", "finding",
                             "argument", "theory", "view", "statement", "evidence", "conclusion", "account"})


# Verbs whose subject vouches for the fact in their object: "the AP documented the grabbing of ...".
EVIDENCE_LEMMAS = frozenset({"document", "report", "reveal", "confirm", "show", "find", "record", "estimate",
                             "calculate", "measure", "survey", "count", "disclose", "uncover", "verify", "forecast"})
# What shows rather than asserts: 'the latest footage showed X' is the writer's report of what is seen, not a claimant
# (unlike data or figures, which someone published).
RECORDINGS = frozenset({"footage", "video", "videos", "image", "images", "photo", "photos", "photograph", "photographs",
                        "picture", "pictures", "recording", "recordings", "clip", "clips", "scan", "scans"})


def _told_with_its_sentence(candidate: ClaimCandidate, clause: Span, sentence: Span, text: str) -> None:
    """A relative clause inside what a closing frame reports ('Witnesses saw them carrying bags, which the men drove
    to a warehouse, the court was told'; '..., police said') is part of what was told: the frame's source."""
    attribution = attribution_of(sentence)
    if attribution is None:
        return
    verb, subject_word = attribution
    subject = subject_phrase(subject_word)
    if verb.i < clause.end or subject.start < clause.end:
        return  # a frame before it ('X said the firm, which ..., would close'): the writer's aside may be meant
    candidate.cue, candidate.cue_start, candidate.cue_end = verb.text, verb.idx, verb.idx + len(verb.text)
    candidate.claimant_text = text[subject.start_char:subject.end_char]
    candidate.claimant_start, candidate.claimant_end = subject.start_char, subject.end_char
    candidate.claimant_head = speaker_word(subject_word).idx


def attribution_of(clause: Span) -> tuple[Token, Span] | None:
    """The clause's own source: the subject of a speech verb with a clausal complement ('Russia demands
    that ...'), of a verb disputing its object ('denied the allegations'), or of an evidential verb with an
    object ('The Associated Press documented ...'). The main verb and its coordinated verbs come first; then,
    for a sentence the parser rooted elsewhere, any speech verb of the clause outside a relative clause."""
    head = head_of_clause(clause)
    if head is None:
        return None
    frame = _court_frame(clause)
    if frame is not None:
        return frame  # '..., the hearing was told': the whole clause is what the court heard
    if head.dep_ == "relcl" and head.head.i < head.i and (subject := _own_subject(head)) is not None \
            and subject.lower_ in ("which", "who", "that") and head.lemma_.lower() in SPEECH_LEMMAS \
            and any(c.dep_ == "ccomp" for c in head.children) and clause.start <= head.head.i:
        return head, head.head  # 'the Napsterization weblog, which said it got the hint ...': the weblog says it
    main = [head] + [c for c in head.children if c.dep_ == "conj" and clause.start <= c.i < clause.end]
    others = [t for t in clause if t.pos_ == "VERB" and t not in main and t.lemma_.lower() in SPEECH_LEMMAS
              and t.dep_ not in ("relcl", "acl", "advcl")  # "an injury he said he suffered", "after he said ..."
              and not any(a.dep_ in ("relcl", "acl", "advcl", "ccomp", "xcomp") for a in ancestors_within(t, head)[1:])]
    for verb in main + others:
        if _attributes(verb, clause):
            return verb, subject_of(verb)
    if (act := _reason_of_a_speech_act(head)) is not None \
            and not clause.start <= act.i < clause.end:
        subject = subject_of(act)  # the reason cut from 'X urged ..., as ...': X gives it
        if subject.lower_ not in ("there", "which", "who"):
            return act, subject
    if _is_participle_report(head, clause):
        subject = actor_of(_participles_act(head))  # ', saying ...' cut from its act: who acts says it
        if subject is not None and subject.lower_ not in ("it", "this", "that", "there", "which", "who"):
            return head, subject
    return None


# What hears evidence: 'the court heard', 'the hearing was told', 'the inquiry was told'. What it hears is attributed to
# it when the article names no speaker (the convention of the claims gold).
COURT_NOUNS = frozenset({"court", "hearing", "tribunal", "inquiry", "inquest", "trial", "jury"})


def _is_court(word: Token | None) -> bool:
    return word is not None and word.lemma_.lower() in COURT_NOUNS


def _court_frame(clause: Span) -> tuple[Token, Token] | None:
    """'Police found the trio ..., the hearing was told': a closing passive of 'tell' whose subject is a court or
    hearing frames the whole clause, whatever the parser made its root; (the verb, the court)."""
    for verb in clause:
        if verb.lemma_ != "tell" or verb.i < clause.start + 3:
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        before = verb.doc[subject.left_edge.i - 1] if subject is not None and subject.left_edge.i > 0 else None
        closing = before is not None and before.text == "," and all(
            t.is_punct for t in verb.doc[verb.i + 1 : clause.end])
        if _is_court(subject) and closing:
            return verb, subject
    return None


def actor_of(verb: Token) -> Token | None:
    """Who does what the verb says: its subject, or for a passive its agent ('X is being sued by his
    ex-partner, claiming ...': the ex-partner claims), else nobody."""
    if not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return subject_of(verb)
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


def _attributes(verb: Token, clause: Span) -> bool:
    lemma = verb.lemma_.lower()
    complements = {c.dep_ for c in verb.children}
    if "nsubjpass" in complements:
        return False  # 'prices were said to be higher': the subject is what is spoken of, not who speaks
    speech = lemma in SPEECH_LEMMAS or any(c.dep_ == "prt" and (lemma, c.lower_) in SPEECH_PHRASES for c in verb.children)
    # an infinitive reports only after a verb of claiming ('claims to have found'); after others it is a purpose or
    # a request ('has written to the minister to offer to buy', 'told them to leave')
    reports = "ccomp" in complements or "xcomp" in complements and lemma in INFINITIVE_REPORTS
    disputes = lemma in DISPUTE_LEMMAS and any(c.dep_ == "dobj" and _disputes(verb, c) for c in verb.children)
    disputes = disputes or _blames_for(verb)
    heard = lemma == "hear" and "ccomp" in complements and _is_court(subject_of(verb))  # 'The court heard how ...'
    says = speech and reports and not _acts_on_object(verb) or disputes or heard
    subject = subject_of(verb)
    vouches = lemma in EVIDENCE_LEMMAS and complements & {"dobj", "ccomp"} and not (subject is not None and subject.lower_ in RECORDINGS) \
        and not _finds_itself(verb) and not _shows_by_doing(verb, subject) and not _publishes(verb)
    return bool(says or vouches) and subject is not None and clause.start <= subject.i < clause.end \
        and subject.lower_ not in ("it", "this", "that", "there", "which", "who")


# Speech verbs whose direct object is the listener, not what is said: 'told the court (that) ...', 'warned MPs ...'.
LISTENER_OBJECT_LEMMAS = frozenset({"tell", "warn", "remind", "assure", "inform", "advise", "brief", "notify", "convince"})
REFLEXIVES = frozenset({"itself", "themselves", "himself", "herself", "ourselves", "myself", "yourself"})


BACKSHIFT_MODALS = frozenset({"would", "should", "could", "might", "'d"})


def _is_backshifted(head: Token | None, clause: Span) -> bool:
    """A verb of the clause takes a past modal ('It would also help drive ...', 'that should lead to ...': the
    parser may hang it anywhere), the tense a report puts what someone said in, or the main verb reports an
    expectation in the past ('were also not expected to continue')."""
    if head is None:
        return False
    expected = head.lemma_ == "expect" and any(c.dep_ == "auxpass" and c.tag_ == "VBD" for c in head.children)
    return expected or any(t.dep_ == "aux" and t.lower_ in BACKSHIFT_MODALS
                           and not any(_describes(v) for v in [t.head, *t.head.ancestors])
                           and not _inside_an_act(t.head, head) for t in clause)


def _inside_an_act(verb: Token, head: Token) -> bool:
    """'Mr Howard declined to say what form the statement should take': the modal sits in the complement of a
    past act with its own subject; the sentence is the writer's report of the act, not a continued report."""
    if verb == head or head.tag_ != "VBD" or _own_subject(head) is None:
        return False
    chain = [verb, *[a for a in verb.ancestors if a.i != head.i and head in a.ancestors]]
    return any(link.dep_ in ("xcomp", "ccomp") for link in chain)


def _describes(verb: Token) -> bool:
    """A relative clause on a noun ('a deal which could cost £1bn', 'critics who say ...'): it describes, and its
    tense says nothing of the sentence's."""
    return verb.dep_ == "relcl" and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("which", "who")
                                        for c in verb.children)


# What someone gives when they speak: 'did offer some good news', 'sounded a warning', 'gave an upbeat assessment'.
SPEECH_NOUNS = frozenset({"news", "warning", "warnings", "assessment", "forecast", "prediction", "predictions",
                          "message", "verdict", "reassurance", "reassurances", "outlook", "remarks", "comments"})


def _introduces_speech(head: Token | None) -> Token | None:
    """The named subject of a verb whose object is something said ('Mr Greenspan did offer some good news for the
    short term'), or None."""
    if head is None or head.pos_ != "VERB":
        return None
    subject = subject_of(head)
    said = any(c.dep_ == "dobj" and c.lower_ in SPEECH_NOUNS for c in head.children)
    return subject if said and subject is not None and subject.pos_ == "PROPN" else None


def _read_as_act(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    return lemma in SPEECH_LEMMAS and _acts_on_object(verb) or lemma in EVIDENCE_LEMMAS and (
        _finds_itself(verb) or _shows_by_doing(verb, subject_of(verb)) or _publishes(verb))


def _acts_on_object(verb: Token) -> bool:
    """A speech verb used for an act on a thing: 'Cairns and Shannon claimed the individual titles', 'added a second
    goal', 'wrote a letter' (the parser may still hang the next sentence on it as a complement). Its direct object is
    a noun that is neither the listener nor an assertion ('claimed the allegations were false' reports)."""
    if verb.lemma_.lower() in LISTENER_OBJECT_LEMMAS | {"say"}:
        return False  # 'said the campaign's decision was ...': the parser's object is the subject of what is said
    if any(c.dep_ in ("ccomp", "xcomp") and c.i > verb.i for c in verb.children):
        return False
    return any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") and c.lemma_.lower() not in ASSERTION_NOUNS
               for c in verb.children)


def _finds_itself(verb: Token) -> bool:
    """'England find themselves striving to ...': where someone is, not what they found out."""
    return verb.lemma_.lower() == "find" and any(
        t.lower_ in REFLEXIVES for c in verb.children if c.dep_ in ("dobj", "ccomp", "xcomp", "oprd")
        for t in [c, *c.children] if t.dep_ in ("dobj", "nsubj", "nsubjpass") or t is c)


# What shows what its authors found: 'the survey showed a rise', 'figures show ...'.
EVIDENCE_HOLDERS = frozenset({"report", "survey", "poll", "study", "research", "figures", "findings", "data", "results",
                              "statistics", "analysis", "evidence", "test", "tests", "testing", "trial", "trials",
                              "experiment", "experiments", "census", "index", "records"})
# What a study's authors report when they publish it, without saying what it found: 'reported their findings in ...'.
WORK_NOUNS = frozenset({"finding", "findings", "result", "results", "work", "research", "study", "data", "paper"})


def _shows_by_doing(verb: Token, subject: Token | None) -> bool:
    """'Gillick showed that he is a genuine contender by claiming ...': a person shows by what they do, which the
    writer reports; a study, figures or a report shows what its authors found ('the survey showed ...'). Only a
    study, figures, a recording or an organisation shows a finding ('the survey showed a rise', 'Acme showed a
    profit'); anyone else shows by what they do, which the writer presents as established ('the teenager showed
    more confidence', 'A team of US researchers has shown that ...', 'The four volunteers also showed that ...')."""
    if verb.lemma_.lower() not in ("show", "prove", "demonstrate") or subject is None:
        return False
    if subject.ent_type_ == "PERSON":
        return True
    holder = subject.lower_ in EVIDENCE_HOLDERS or subject.lemma_.lower() in EVIDENCE_HOLDERS \
        or subject.ent_type_ in ("ORG", "GPE", "NORP") or subject.lower_ in RECORDINGS
    return not holder


def _publishes(verb: Token) -> bool:
    """'The New York team reported their findings in the Proceedings of ...': reporting a work without saying what
    it found is the act of publishing it, which the writer tells; 'Acme reported a loss of $5m', 'reported results
    showing a rise' say what."""
    if verb.lemma_.lower() != "report" or any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return bool(objects) and all(o.lemma_.lower() in WORK_NOUNS and not any(
        c.dep_ in ("acl", "relcl", "nummod", "appos") or c.like_num for c in o.children) for o in objects)


# Verbs of blame whose subject says what the blamed did: 'criticised it for using spamming-type tactics'.
BLAME_LEMMAS = frozenset({"criticise", "criticize", "accuse", "blame", "condemn", "attack", "slam", "fault"})


def _blames_for(verb: Token) -> bool:
    """'many net veterans criticised it for using spamming-type tactics', 'accused the firm of hiding losses': the
    subject asserts the act it blames the object for (told by a gerund after 'for' or 'of')."""
    return verb.lemma_.lower() in BLAME_LEMMAS and any(c.dep_ == "dobj" for c in verb.children) and any(
        p.dep_ == "prep" and p.lower_ in ("for", "of") and any(o.tag_ == "VBG" for o in p.children if o.dep_ in ("pcomp", "pobj"))
        for p in verb.children)


def _disputes(verb: Token, obj: Token) -> bool:
    """'X denied the allegations', 'denied wrongdoing', 'rejected claims that ...': the subject says the object
    is false. Only 'deny' does so of any object; the others only of an assertion."""
    return verb.lemma_.lower() == "deny" or obj.lemma_.lower() in ASSERTION_NOUNS


def subject_phrase(subject: Token) -> Span:
    """The subject's words with its modifiers, coordinated nouns and apposition ('BBC Scotland's political
    correspondent Glenn Campbell'), without clauses hanging off it ('who ...')."""
    clauses = {t.i for child in subject.children if child.dep_ in ("relcl", "acl") and not _name_read_as_clause(child)
               and not _tells_which(child) for t in child.subtree}
    indices = sorted(t.i for t in subject.subtree if t.i not in clauses and not (t.is_punct and t.i != subject.i))
    start, end = indices[0], indices[-1] + 1
    # a quotation resuming after the speaker ('said X, "with many people ..."') is not part of the name
    quote_mark = next((t.i for t in subject.doc[subject.i : end] if t.is_quote), None)
    end = quote_mark if quote_mark is not None else end
    while end - 1 > start and subject.doc[end - 1].is_punct:
        end -= 1
    return subject.doc[start:end]


def _tells_which(child: Token) -> bool:
    """'Experts studying the seas off Scotland's west coast': a participle right after a plural noun with no
    determiner says which of them speak; part of the group's name as written."""
    noun = child.head
    return child.dep_ == "acl" and child.tag_ == "VBG" and child.i == noun.i + 1 and noun.tag_ == "NNS" \
        and not any(c.dep_ == "det" for c in noun.children)


def _name_read_as_clause(child: Token) -> bool:
    """'Chart-topping pop band Busted have confirmed ...': a name right after its title noun that the parser read as a
    participle clause on it ('Busted' as 'bust'); the name, as NER tells, is who the noun is."""
    return child.dep_ == "acl" and child.ent_type_ in ("PERSON", "ORG") and child.left_edge.i == child.head.i + 1 \
        and all(t.ent_type_ == child.ent_type_ for t in child.subtree)


def speaker_word(subject: Token) -> Token:
    """The word that names who the subject is: the name in apposition to a title, else the subject itself."""
    for child in subject.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN" or _name_read_as_clause(child):
            return child
    # the parser may hang the name on the title's last word: "ITV's controller of entertainment, Claudia Rosencrantz,"
    named = [t for t in subject.subtree if t.dep_ == "appos" and t.ent_type_ == "PERSON" and t.head.dep_ == "pobj"
             and t.head.head.head == subject and t.i > 0 and t.doc[t.left_edge.i - 1].text == ","]
    return named[0] if named else subject
