"""Sources a clause's own words do not give (`credit_the_source`): a poll's finding is its author's, not the
respondents' (`study_authors` finds the names the article gives as authors of a report, poll or survey); a study
that speaks ('the report said') is its author's; 'According to X' opening a sentence attributes each of its
clauses to X.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsfacts.claims.attribution import attribution_of, speaker_word, subject_phrase
from newsfacts.claims.candidate import ClaimCandidate
from newsfacts.claims.context import QUOTED_CLAUSE_SHARE, ClaimContext
from newsfacts.claims.grammar import ancestors_within, head_of_clause, subject_of


# Nouns for a study that speaks through its author: 'the report said', 'figures gathered by the Pew researchers'.
STUDY_NOUNS = frozenset({"report", "survey", "poll", "study", "research", "researchers", "figures", "findings",
                         "questionnaire", "census", "index", "statement"})  # 'The statement issued by Lycos said
# Verbs of putting questions to people: 'those questioned', 'people surveyed', 'Datamonitor polled 1,000 teenagers'.
ASKING_LEMMAS = frozenset({"question", "survey", "poll", "ask", "interview", "sample", "canvass", "quiz"})
RESPONDENT_NOUNS = frozenset({"respondent", "respondents", "interviewee", "interviewees"})
# Words for a share of a group: 'half of those polled', 'the majority', 'two-thirds of those questioned'.
SHARE_WORDS = frozenset({"half", "majority", "minority", "most", "third", "thirds", "quarter", "quarters", "fifth",
                         "fifths", "proportion", "share", "percent"})
AUTHOR_LABELS = frozenset({"ORG", "PERSON"})


def study_authors(doc: Doc) -> list[Span]:
    """The names the article gives as the authors of a report, poll or survey, in text order: 'the Datamonitor
    report', 'Pew's survey', 'the report by the US Pew Research Center', 'figures gathered by the Pew researchers',
    'Datamonitor questioned 1,000 teenagers', 'a survey of 280 schemes by X'."""
    authors = {}
    for ent in doc.ents:
        if ent.label_ not in AUTHOR_LABELS:
            continue
        after = ent.end + (1 if ent.end < len(doc) and doc[ent.end].lower_ in ("'s", "’s") else 0)
        names_a_study = after < len(doc) and doc[after].lower_ in STUDY_NOUNS  # the parser may call it a verb
        does_the_asking = ent.root.dep_ == "nsubj" and ent.root.head.lemma_.lower() in ASKING_LEMMAS
        if names_a_study or does_the_asking or _writes_the_study(ent):
            authors[ent.start] = ent
    return [authors[start] for start in sorted(authors)]


def _writes_the_study(ent: Span) -> bool:
    """'the report by X', 'figures gathered by (the X researchers)': the name is the agent of a study noun."""
    word = ent[-1]  # the name's last word: its root may be a determiner the entity took in ('the BBC News')
    while word.dep_ == "compound" and word.head.i != word.i:
        word = word.head  # 'the Pew researchers': Pew -> researchers
    by = word.head if word.dep_ == "pobj" else None
    if by is None or by.lower_ != "by" or by.dep_ not in ("prep", "agent"):
        return False
    noun = by.head
    if noun.dep_ == "acl" and noun.lemma_.lower() in ASKING_LEMMAS:
        return True  # 'the 1,000 adults quizzed by ICM', 'those surveyed by the BBC News website'
    if noun.dep_ == "acl":  # 'figures gathered by ...': the participle hangs on the study noun
        noun = noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        noun = noun.head.head  # 'a survey of 280 schemes by X': the parser may hang 'by' on what was surveyed
    return noun.lower_ in STUDY_NOUNS


def credit_the_source(candidate: ClaimCandidate, clause: Span, context: ClaimContext, authors: list[Span]) -> None:
    """Sources the clause's own words do not give: a poll's finding is its author's, not the respondents'
    ('Almost 50% of those questioned said ...': whoever ran the poll, where the article names them, else nobody);
    a study that speaks ('the report said', 'a report suggests') is its author's; a sentence opening with
    'According to X' is X's in each of its clauses. Inside a quotation the speaker stays."""
    quoted = sum(t.i in context.quoted_tokens for t in clause)
    if candidate.voice != "own" or quoted >= QUOTED_CLAUSE_SHARE * len(clause):
        return
    head = head_of_clause(clause)
    attribution = attribution_of(clause)
    subject = attribution[1] if attribution is not None else (subject_of(head) if head is not None else None)
    if _answers_of_respondents(clause, head, subject, attribution is not None):
        candidate.voice = "survey"
        candidate.cue = candidate.cue_start = candidate.cue_end = None
        _set_claimant(candidate, _author_for(clause, authors))
    elif attribution is not None and subject.lower_ in STUDY_NOUNS:
        author = _study_author(subject, clause, authors)
        if author is not None:
            _set_claimant(candidate, author)
    elif attribution is None and (according := _according_to(clause)) is not None:
        cue, source = according  # 'According to X, A, B and C': X is the source of each
        author = _study_author(source.root, clause, authors) if source.root.lower_ in STUDY_NOUNS else None
        to = cue.doc[cue.i + 1]  # the cue is 'According to', as the quotes stage writes it
        candidate.cue_start, candidate.cue_end = cue.idx, to.idx + len(to.text)
        candidate.cue = cue.doc.text[candidate.cue_start : candidate.cue_end]
        if author is not None:
            _set_claimant(candidate, author)
        else:
            candidate.claimant_text = source.text
            candidate.claimant_start, candidate.claimant_end = source.start_char, source.end_char
            candidate.claimant_head = speaker_word(source.root).idx


def _according_to(clause: Span) -> tuple[Token, Span] | None:
    """The 'According to X' that opens the clause's sentence, with X's words ('According to Pew Research, 44% use
    one search engine, 48% use two and ...'): opening the sentence, it attributes every clause of it."""
    sentence = clause.sent
    opening = [t for t in sentence[:3] if not (t.is_punct or t.dep_ == "cc")]  # 'But according to ...'
    token = opening[0] if opening else None
    if token is None or token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    return (token, subject_phrase(source)) if source is not None and to.i == token.i + 1 else None


def _study_author(noun: Token, clause: Span, authors: list[Span]) -> Span | None:
    """Whose study speaks: for a bare 'the report' the article's named author (_author_for); for one whose words
    name its author only in part ('figures gathered by the Pew researchers') the author with that name; else
    nobody, and the words stay ('A survey by Hostway')."""
    if _is_bare(noun):
        return _author_for(clause, authors)
    names = {t.text for t in noun.subtree if t.is_title and not t.is_stop and t.i != noun.sent.start}
    named = [a for a in authors if names & {t.text for t in a}]
    return _author_for(clause, named) if named else None


def _is_bare(noun: Token) -> bool:
    """'the report', 'a new survey', 'its research': nothing in the words says whose ('A survey by Hostway', 'A US
    report issued on behalf of a panel' do)."""
    return all(c.dep_ in ("det", "amod", "poss", "punct") and c.pos_ not in ("PROPN", "NOUN") for c in noun.children)


def _answers_of_respondents(clause: Span, head: Token | None, subject: Token | None, reported: bool) -> bool:
    """The clause gives what the people asked in a poll answered: a share of them as the subject of what they
    said or thought ('Almost 50% of those questioned said', 'The remaining 33% said', 'three out of four girls
    said', 'Only 18% of all searchers say'), or any finding about 'those questioned/asked/surveyed' or
    'respondents' ('29% of those asked only look ...', 'Of those asked, 62% were unaware ...'). Not a count of
    people who said something ('Two officials said ...')."""
    if head is None:
        return False
    in_frame = [t for t in clause if not any(a.dep_ in ("ccomp", "relcl", "advcl") and a.i != head.i
                                             for a in ancestors_within(t, head))]
    asked = any(t.lower_ in RESPONDENT_NOUNS or t.dep_ == "acl" and t.tag_ == "VBN" and t.lemma_.lower() in ASKING_LEMMAS
                for t in in_frame)
    if asked:
        return True
    return reported and subject is not None and _is_a_share(subject)


def _is_a_share(noun: Token) -> bool:
    """'50%', 'half', 'two-thirds', 'A small number, 17%,', 'three out of four girls'."""
    if noun.ent_type_ == "PERCENT" or noun.lower_ in SHARE_WORDS:
        return True
    for child in noun.children:
        if child.dep_ == "appos" and child.ent_type_ == "PERCENT":
            return True
        if child.dep_ == "nummod" and any(q.dep_ == "quantmod" and q.lower_ in ("out", "in") for q in child.children):
            return True  # 'three out of four girls', 'one in five adults'
    return False


def _author_for(clause: Span, authors: list[Span]) -> Span | None:
    """The study's author for a clause: one named in the clause itself, else the nearest named before it, else
    the first named after it (a lead paragraph's 'a report suggests' before 'the Datamonitor report')."""
    inside = [a for a in authors if clause.start <= a.start < clause.end]
    before = [a for a in authors if a.start < clause.start]
    after = [a for a in authors if a.start >= clause.end]
    return (inside or before[-1:] or after[:1] or [None])[0]


def _set_claimant(candidate: ClaimCandidate, author: Span | None) -> None:
    if author is None:
        candidate.claimant_text = candidate.claimant_start = candidate.claimant_end = candidate.claimant_head = None
        return
    candidate.claimant_text = author.text
    candidate.claimant_start, candidate.claimant_end = author.start_char, author.end_char
    candidate.claimant_head = author.root.idx
