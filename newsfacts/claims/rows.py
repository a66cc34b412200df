"""Claims: the checkable factual assertions of an article, with who asserts them and how firmly.

Per article (reading the shared spaCy Doc), `extract_claims` cuts each sentence
outside headings into assertions (the sentence, its independent coordinated
clauses, and non-restrictive relative clauses that carry their own fact, such
as "Ukraine, which Putin's forces invaded in 2022") and keeps those that can be
checked: a finite verb and something concrete to check (a named actor, a
number, a date, or a specific past event of something the article spoke of:
"the fire was caused by ..."), and not a question, a wish, an order or
rhetoric addressed to someone. A clause reporting another source ("after he
said ...", "and said ...") is an assertion of its own. Each keeps its own
attribution ("Russia demands that ...", "the AP documented ..."), negation,
hedge, quantities and resolved dates.

Across the corpus (after entity linking), `claim_rows` gives each claim its
claimant: the speaker of the quotation it sits in or reports, else the subject
of its own attribution verb; a pronoun or missing source takes the nearest
compatible one named before it in the paragraph; else nobody (the article's
own voice).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newsfacts.checkworthiness import checkworthiness
from newsfacts.entities import Mention
from newsfacts.nlp import doc_text, ents_within
from newsfacts.quantities import parse_quantity
from newsfacts.subjectivity import judges

__all__ = ["ClaimCandidate", "extract_claims", "claim_rows", "checkworthiness", "resolve_date"]

# What makes an assertion checkable: a named actor or thing, a number, a date.
ANCHOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW", "PRODUCT",
                           "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL"})
QUANTITY_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL"})
# Verbs whose subject is the source of a clausal complement: "X said/demands/insists that ...".
SPEECH_LEMMAS = frozenset({
    "say", "tell", "state", "claim", "demand", "insist", "maintain", "argue", "warn", "announce", "add",
    "allege", "assert", "contend", "deny", "declare", "write", "note", "explain", "suggest", "predict",
    "acknowledge", "admit", "testify", "believe", "think", "conclude", "indicate",
})  # not urge, promise, vow, threaten: what they introduce is a demand or a commitment, not a fact
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
                             "calculate", "measure", "survey", "count", "disclose", "uncover", "verify"})
# What shows rather than asserts: 'the latest footage showed X' is the writer's report of what is seen, not a claimant
# (unlike data or figures, which someone published).
RECORDINGS = frozenset({"footage", "video", "videos", "image", "images", "photo", "photos", "photograph", "photographs",
                        "picture", "pictures", "recording", "recordings", "clip", "clips", "scan", "scans"})
# Sentences that state a wish, a feeling or an obligation rather than a fact.
WISH_LEMMAS = frozenset({"hope", "wish", "pray", "thank", "congratulate", "welcome", "love", "dream", "feel"})
OBLIGATION_MODALS = frozenset({"must", "should", "ought", "shall"})
FIRST_OR_SECOND_PERSON = frozenset({"i", "we", "you"})
HEDGE_WORDS = ("reportedly", "allegedly", "apparently", "purportedly", "supposedly", "possibly", "probably",
               "likely", "may", "might", "could", "appears to", "appear to", "appeared to", "seems to",
               "seem to", "seemed to", "is believed to", "are believed to", "is expected to", "are expected to",
               "is said to", "are said to", "suggests", "suggested")
HEDGE_PATTERN = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(HEDGE_WORDS, key=len, reverse=True)) + r")\b",
                           re.IGNORECASE)
NEGATION_WORDS = frozenset({"not", "n't", "never", "no", "nor", "neither", "none", "nobody", "nothing"})
MIN_CLAIM_WORDS = 4
# A date phrase is resolved only when it names a calendar point; "recent months" or "the 1990s" are kept as text.
CALENDAR_WORDS = re.compile(
    r"\b(\d{1,4}|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|"
    r"august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"today|yesterday|tomorrow|tonight)\b", re.IGNORECASE)
YEAR = re.compile(r"\b(1[5-9]|20)\d{2}\b")
DECADE = re.compile(r"\b\d{2,4}'?s\b")
FUTURE_AUX = frozenset({"will", "shall", "'ll", "going"})


@dataclass
class ClaimCandidate:
    """One assertion found in one article, before corpus-wide linking gives it a claimant entity."""

    start: int
    end: int
    text: str
    paragraph: int
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    claimant_text: str | None = None
    claimant_start: int | None = None
    claimant_end: int | None = None
    claimant_head: int | None = None  # offset of the word naming the claimant, to pick its entity among the subject's
    negated: bool = False
    hedged: str | None = None
    quantities: list[dict] = field(default_factory=list)
    dates: list[dict] = field(default_factory=list)
    checkworthiness: float = 0.0
    in_open_quote: bool = False  # it lies inside quotation marks opened before it in its paragraph
    introducer: tuple[int, int, int] | None = None  # who it says is about to speak ('X did offer some good news'):
    # offsets of their words and naming word, for the sentences in reported tense that follow
    backshifted: bool = False  # its verb is in reported speech's tense ('It would also help ...') with no cue of its own
    acts: list[int] = field(default_factory=list)  # offsets of report verbs read as acts ('claimed the titles'):
    # no quotation the quotes stage hung on them says who asserts the claim
    voice: str = "own"  # "own": the clause carries its attribution; "article": a relative clause the writer adds;
    # "survey": a poll's finding, asserted by the poll's author (claimant_*) where the article names one, else by nobody


# --- per article ------------------------------------------------------------------------------------


def extract_claims(doc: Doc, paragraphs: list[tuple[int, int, bool]], published_date: dt.date | None,
                   mentions: list[Mention] = (), quotes: list = ()) -> list[ClaimCandidate]:
    """Every checkable assertion of one article, in text order. `mentions` (the article's entity mentions,
    pronouns resolved) and `quotes` (its direct and partial quotations) tell who and what is concrete."""
    text = doc_text(doc)
    context = _Context.of(doc, mentions, quotes)
    authors = study_authors(doc)
    candidates = []
    for index, (p_start, p_end, heading) in enumerate(paragraphs):
        if heading:
            continue
        for sentence in paragraph_sentences(doc, p_start, p_end):
            for clause, voice in assertions(sentence):
                if is_checkable(clause, context):
                    candidate = _candidate(text, clause, voice, index, published_date)
                    _credit_the_source(candidate, clause, context, authors)
                    if voice == "article":
                        _told_with_its_sentence(candidate, clause, sentence, text)
                    _name_the_role(candidate, doc, mentions)
                    _name_the_group(candidate, text, mentions)
                    candidate.in_open_quote = _quote_left_open(text[p_start : candidate.start])
                    candidates.append(candidate)
    scores = checkworthiness([c.text for c in candidates]) if candidates else []
    for candidate, score in zip(candidates, scores):
        candidate.checkworthiness = float(score)
    return sorted(_unique(candidates), key=lambda c: (c.start, c.end))


# Descriptions the article gives of a court or of a judge, and the word the name carries ('Deputy High Court Judge
# Richard Mawrey', 'an Election Court'): 'the hearing' and 'the trial' are the court's.
ROLE_NAME_WORDS = {"judge": ("Judge", "PERSON"), "coroner": ("Coroner", "PERSON"), "magistrate": ("Magistrate", "PERSON"),
                   "court": ("Court", "ORG"), "hearing": ("Court", "ORG"), "trial": ("Court", "ORG"),
                   "tribunal": ("Tribunal", "ORG"), "inquiry": ("Inquiry", "ORG"), "inquest": ("Inquest", "ORG")}


def _quote_left_open(text: str) -> bool:
    """Whether the text ends inside quotation marks. A straight mark after a space opens one and after a word or
    punctuation closes it, so that a speech going on in a new sentence ('on that. "But we are ...') stays open."""
    inside = False
    for i, char in enumerate(text):
        if char == "“" or char == '"' and (i == 0 or text[i - 1].isspace()):
            inside = True
        elif char in ('"', "”"):
            inside = False
    return inside


def _told_with_its_sentence(candidate: ClaimCandidate, clause: Span, sentence: Span, text: str) -> None:
    """A relative clause inside what a closing frame reports ('Witnesses saw them carrying bags, which the men drove
    to a warehouse, the court was told'; '..., police said') is part of what was told: the frame's source."""
    attribution = _attribution(sentence)
    if attribution is None:
        return
    verb, subject_word = attribution
    subject = _subject_phrase(subject_word)
    if verb.i < clause.end or subject.start < clause.end:
        return  # a frame before it ('X said the firm, which ..., would close'): the writer's aside may be meant
    candidate.cue, candidate.cue_start, candidate.cue_end = verb.text, verb.idx, verb.idx + len(verb.text)
    candidate.claimant_text = text[subject.start_char:subject.end_char]
    candidate.claimant_start, candidate.claimant_end = subject.start_char, subject.end_char
    candidate.claimant_head = _speaker_word(subject_word).idx


# A group of people described by what they are: 'the men', 'the three men', 'the trio', 'the defendants'.
GROUP_DESCRIPTION = re.compile(r"the\s+((two|three|four|five|six)\s+)?(men|women|trio|pair|couple|brothers|sisters|"
                               r"defendants|accused|councillors)", re.IGNORECASE)


def _name_the_group(candidate: ClaimCandidate, text: str, mentions) -> None:
    """'The men ... deny collecting votes' where the article names one group of people together ('Muhammad Afzal,
    Mohammed Islam and Mohammed Kazi'): that group, whose names claim_rows joins in full."""
    if candidate.claimant_text is None or not GROUP_DESCRIPTION.fullmatch(candidate.claimant_text.strip()):
        return
    groups = _named_groups(text, [m for m in mentions if m.type == "PERSON"])
    if len({tuple(sorted({m.entity for m in g})) for g in groups}) == 1:
        first, last = groups[0][0], groups[0][-1]
        candidate.claimant_text = text[first.start : last.end]
        candidate.claimant_start, candidate.claimant_end, candidate.claimant_head = first.start, last.end, first.start


def _named_groups(text: str, people) -> list[list]:
    """Runs of two or more people named together with only commas, 'and' and titles between ('A, B and C')."""
    people = sorted(people, key=lambda m: m.start)
    groups, run = [], people[:1]
    for previous, mention in zip(people, people[1:]):
        if COORDINATION.fullmatch(text[previous.end : mention.start]) and mention.entity != previous.entity:
            run.append(mention)
            continue
        groups.append(run)
        run = [mention]
    groups.append(run)
    return [g for g in groups if len({m.entity for m in g}) >= 2]


def _name_the_role(candidate: ClaimCandidate, doc: Doc, mentions) -> None:
    """A claimant described by its role ('The judge presiding', 'the court', 'the hearing') is the one the article
    names with that title ('Judge Richard Mawrey', 'an Election Court') when it names exactly one."""
    words = (candidate.claimant_text or "").split()
    if len(words) < 2 or words[0].lower() != "the" or any(w[:1].isupper() for w in words[1:]):
        return
    noun = next((w.lower() for w in words[1:] if w.lower() in ROLE_NAME_WORDS), None)
    holder = _role_holder(doc_text(doc), mentions, noun) if noun is not None else None
    if holder is not None:
        candidate.claimant_text = holder.text
        candidate.claimant_start, candidate.claimant_end, candidate.claimant_head = holder.start, holder.end, holder.start


def _role_holder(text: str, mentions, noun: str):
    """The mention of the one entity the article names with the role's title, or None."""
    title, type_ = ROLE_NAME_WORDS[noun]
    if type_ == "PERSON":  # the title just before the name: 'Judge Richard Mawrey'
        named = [m for m in mentions if m.type == "PERSON" and text[max(0, m.start - len(title) - 1) : m.start].strip() == title]
    else:  # the title as the name's last word: 'Election Court'
        named = [m for m in mentions if m.type in ("ORG", "FAC") and m.text.split()[-1:] == [title]]
    return named[0] if len({m.entity for m in named}) == 1 else None


def paragraph_sentences(doc: Doc, start: int, end: int) -> list[Span]:
    """The paragraph's sentences, cut at its bounds: spaCy's sentences can run across a paragraph break
    (a heading glued to the next line, a quote that closes a paragraph)."""
    paragraph = doc.char_span(start, end, alignment_mode="contract")
    if paragraph is None or len(paragraph) == 0:
        return []
    sentences = []
    for sentence in paragraph.sents:
        clipped = doc[max(sentence.start, paragraph.start) : min(sentence.end, paragraph.end)]
        if len(clipped):
            sentences.append(clipped)
    return sentences


def assertions(sentence: Span) -> list[tuple[Span, str]]:
    """The sentence cut into separable assertions: coordinated independent clauses each on their own,
    plus each non-restrictive relative clause that carries a fact ("Ukraine, which ... invaded in 2022")."""
    sentence = _trim(sentence)
    if sentence is None:
        return []
    pieces = [(part, "own") for clause in _coordinated_clauses(sentence) for part in _adverbial_clauses(clause)
              for part in _participle_report(part)]
    pieces += [(clause, "article") for clause in _relative_clauses(sentence)]
    return [(p, voice) for p, voice in pieces if p is not None]


@dataclass
class _Context:
    """What the article's other extractors found, by token: which words name an actor (a named entity or
    a pronoun resolved to one) and which lie inside direct quotation marks."""

    actor_tokens: set[int] = field(default_factory=set)
    quoted_tokens: set[int] = field(default_factory=set)
    speaker_tokens: set[int] = field(default_factory=set)  # who a quotation is attributed to: its frame, not its content

    @classmethod
    def of(cls, doc: Doc, mentions, quotes) -> "_Context":
        context = cls()
        for mention in mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None and mention.type != "NORP":
                context.actor_tokens.update(range(span.start, span.end))
        text = doc_text(doc)
        for token in doc:  # 'the judge', 'the court': an actor where the article names the one it means
            if token.lower_ in ROLE_NAME_WORDS and token.i > 0 and doc[token.i - 1].lower_ == "the" \
                    and _role_holder(text, mentions, token.lower_) is not None:
                context.actor_tokens.update((token.i - 1, token.i))
        for quote in quotes:
            if quote.kind == "direct":  # a partial quote sits in the writer's paraphrase, whose words count
                span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
                if span is not None:
                    context.quoted_tokens.update(range(span.start, span.end))
            if quote.speaker_start is not None:
                span = doc.char_span(quote.speaker_start, quote.speaker_end, alignment_mode="expand")
                if span is not None:
                    context.speaker_tokens.update(range(span.start, span.end))
        return context


# A direct quotation is checkable on what it says, not on who says it: the speaker's name in '"We made some
# headway," Trump said' does not make the quote a claim. This share of quoted words makes a clause a quotation.
QUOTED_CLAUSE_SHARE = 0.5
FEELING_ADJECTIVES = frozenset({"concerned", "worried", "afraid", "fearful", "hopeful", "optimistic", "pessimistic",
                                "happy", "sad", "delighted", "disappointed", "angry", "upset", "pleased", "proud",
                                "sure", "confident", "convinced"})  # 'I am sure we will get the win


def is_checkable(clause: Span, context: _Context | None = None) -> bool:
    """A finite statement about something concrete, not a question, wish, order, feeling, hypothesis or
    address to someone."""
    context = context or _Context()
    words = [t for t in clause if not t.is_punct]
    if len(words) < MIN_CLAIM_WORDS or clause.text.rstrip(" ”\"'’").endswith("?"):
        return False
    head = _clause_head(clause)
    if head is None or not (_is_finite(head) or _is_participle_report(head, clause)):
        return False
    if _is_order(head) or _is_wish(head) or _is_feeling(head) or _is_hypothetical(head) or _is_normative(head):
        return False
    if any(_is_wish(verb) for verb in _reported_verbs(head)):
        return False  # "X said he hoped for ...": a hope, reported
    if _addressed_or_obligation(head) or any(_addressed_or_obligation(c) for c in _reported_verbs(head)):
        return False
    quoted = [t for t in clause if t.i in context.quoted_tokens]
    quotation = len(quoted) >= QUOTED_CLAUSE_SHARE * len(clause)
    tokens = quoted if quotation else list(clause)
    if only_judges(head, clause) and not any(_is_number(t) for t in tokens):
        return False  # 'Cusiter looked very lively', 'He made some great kicks': a name or a date does not save it
    if not quotation and _speculates(head) and _attribution(clause) is None and not any(_is_number(t) for t in tokens):
        return False  # 'Henson could make the Lions team': the writer's guess, with no source and no figure
    if any(_vows(v) for v in [head, *_reported_verbs(head)]) and not any(_is_number(t) for t in tokens):
        return False  # 'We will come out fighting this week': a speaker's vow, with no figure to hold them to
    if any(_has_got_to(v) for v in [head, *_reported_verbs(head)]):
        return False  # 'Mathew has just got to take it on the chin': what someone must do
    said = [v for v in [head, *_reported_verbs(head)] if v.i in context.quoted_tokens]
    if quotation and any(_is_normative(v) or _needs(v) for v in said):
        return False  # '"The prime minister should be able to ...," he said': what ought to be, in the speaker's words
    if _is_participle_report(head, clause) and (subject := _actor(_participles_act(head))) is not None:
        tokens += list(subject.subtree)  # cut from 'X rejected it, saying ...': X still says it, as in 'X said ...'

    if any(_is_anchor(t, context) for t in tokens):
        return True
    # in a quotation, what it says must be the event: not the frame ('"...," the letter continued')
    return (not quotation or head.i in context.quoted_tokens) and _is_specific_event(head, clause)


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
    reported = _reported_verbs(head)
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
    judged_or_subject = [c for c in complements + [_subject(verb)] if c is not None]
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
    manner = [c for c in verb.children if c.dep_ == "advmod" and _judging(c)]
    return bool(manner) or any(_judged_phrase(o, own=False) for o in objects)


def _judged_phrase(word: Token, own: bool = True) -> bool:
    """The word judges (when `own`), or a modifier of it does ('a very good option', 'some nice touches')."""
    if own and _judging(word):
        return True
    return any(c.dep_ in ("amod", "advmod", "compound") and _judging(c) for c in word.children)


def _judging(word: Token) -> bool:
    """A word that praises or blames, unless it is part of a name ('It's a Wonderful Life', 'Great Britain')."""
    tag = "JJ" if word.dep_ == "acomp" else word.tag_  # a complement is an adjective, whatever the tagger says
    return not word.ent_type_ and word.pos_ != "PROPN" and judges(word.text, tag)


def _impresses_the_writer(verb: Token) -> bool:
    """'Wales fly-half Stephen Jones was another player who impressed me', 'the forwards surprised me'."""
    return verb.lemma_.lower() in IMPRESSION_LEMMAS \
        and any(c.dep_ == "dobj" and c.lower_ in ("me", "us") for c in verb.children)


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
        return True
    if head.lemma_ == "look" and any(c.dep_ == "prep" and c.lower_ == "like" for c in children):
        return True
    return _needs(head)


def _needs(verb: Token) -> bool:
    """'He needs to add a hard edge to his game': what someone ought to do."""
    return verb.lemma_ == "need" and any(c.dep_ == "xcomp" for c in verb.children)


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
THIRD_PERSON = frozenset({"he", "she", "it", "they"})
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
    reported = _reported_verbs(head)
    if reported:
        return any(_is_specific_event(verb, clause) for verb in reported)
    subject = _subject(head)
    if subject is None or subject.dep_ == "expl" or _is_the_article(subject):
        return False
    head = _arranged_passive(head) or head
    said = [c for c in head.children if clause.start <= c.i < clause.end and not c.is_punct
            and c.dep_ not in ("nsubj", "nsubjpass", "aux", "auxpass", "neg", "cc", "mark")]
    auxiliaries = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    passive = any(a.dep_ == "auxpass" for a in auxiliaries)
    if not said and not passive:
        return False  # nothing said of the subject but that it happened: 'Word of the merger arrived'
    if head.lemma_ == "be" and _compares(head) and _is_definite(subject) and not any(t.lower_ in ("you", "your") for t in clause):
        return True  # a comparison of something the article spoke of: 'the benefits were much larger than ...'
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
    episode = head.tag_ == "VBD" or passive or perfect
    # a present fact about something the article spoke of, told by what it does to an object: 'Both technologies
    # use a blue laser', 'It has a shorter wavelength' (not what a generality does: 'Every child deserves ...')
    progressive = head.tag_ == "VBG" and any(a.dep_ == "aux" and a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP")
                                             for a in auxiliaries)  # 'the government is now expanding the crackdown'
    state = (head.tag_ in ("VBZ", "VBP") or progressive) and any(c.dep_ == "dobj" for c in head.children) \
        and not any(_judging(t) for t in head.subtree)  # 'he brings tremendous penetration' praises
    episode = episode or state
    # an indefinite subject is checkable when something was done to it ('A trial date has not been set',
    # 'little polling has been carried out'); what it did, or what is done to it, may be a generality ('Fans
    # wanted more', 'Children are forced to ...', 'Lobbying has started to gain momentum')
    done_to = subject.pos_ == "NOUN" and head.tag_ == "VBN" and any(
        a.dep_ == "auxpass" and (a.tag_ == "VBD" or a.lower_ == "been") for a in auxiliaries)
    return episode and (specific or done_to)


def _compares(verb: Token) -> bool:
    """'X is vastly larger than Y', 'were much larger than the government could afford': a comparative
    complement with its 'than'."""
    return any(c.dep_ in ("acomp", "attr") and c.tag_ in ("JJR", "RBR")
               and any(t.lower_ == "than" for t in c.subtree) for c in verb.children)


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


# The lemmatizer reads 'hoped' as 'hop': the wishes' written forms too.
WISH_FORMS = frozenset(form for w in WISH_LEMMAS for form in (w, w + "s", w + "d", w + "ed", w + "ing", w[:-1] + "ing"))
# Wishes that are also acts: 'Residents welcomed the plan' reports an event; 'We welcome you' is a greeting.
ACT_LEMMAS = frozenset({"thank", "congratulate", "welcome"})


def _is_definite(noun: Token) -> bool:
    return any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in SPECIFIC_DETERMINERS for c in noun.children)


def _is_wish(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    if lemma in ACT_LEMMAS and verb.tag_ in ("VBD", "VBN"):
        subject = _subject(verb)
        return subject is None or subject.lower_ in FIRST_OR_SECOND_PERSON
    return lemma in WISH_LEMMAS or verb.lower_ in WISH_FORMS


def _is_normative(head: Token) -> bool:
    """'The accountability should be in the North East': what ought to be, not what is."""
    return any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in head.children)


def _vows(verb: Token) -> bool:
    """'We will come out fighting', 'I'll keep going': the speakers' own future."""
    subject = _subject(verb)
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


def _reported_verbs(head: Token) -> list[Token]:
    """The verbs of what a speech verb reports: '"... you serve humanity itself," she wrote' gives 'serve'."""
    if head.lemma_.lower() not in SPEECH_LEMMAS:
        return []
    return [c for c in head.children if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX")]


def _is_anchor(token: Token, context: _Context) -> bool:
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


def _candidate(text: str, clause: Span, voice: str, paragraph: int, published: dt.date | None) -> ClaimCandidate:
    start, end = clause.start_char, clause.end_char
    candidate = ClaimCandidate(start, end, text[start:end], paragraph, voice=voice)
    attribution = _attribution(clause)
    if attribution is not None:
        verb, subject_word = attribution
        subject = _subject_phrase(subject_word)
        candidate.cue, candidate.cue_start, candidate.cue_end = verb.text, verb.idx, verb.idx + len(verb.text)
        candidate.claimant_text = text[subject.start_char:subject.end_char]
        candidate.claimant_start, candidate.claimant_end = subject.start_char, subject.end_char
        candidate.claimant_head = _speaker_word(subject_word).idx
    candidate.acts = [t.idx for t in clause if _read_as_act(t)]
    candidate.backshifted = attribution is None and voice == "own" and _is_backshifted(_clause_head(clause), clause)
    if attribution is None and (speaker := _introduces_speech(_clause_head(clause))) is not None:
        candidate.introducer = (speaker.left_edge.idx, speaker.idx + len(speaker.text), speaker.idx)
    candidate.negated = _is_negated(clause)
    hedge = HEDGE_PATTERN.search(candidate.text)
    candidate.hedged = hedge.group(0) if hedge else None
    ents = ents_within(clause)
    candidate.quantities = [q for q in (_quantity(ent) for ent in ents if ent.label_ in QUANTITY_LABELS) if q]
    candidate.dates = [_date(ent, published) for ent in ents if ent.label_ == "DATE"]
    return candidate


# --- polls, surveys and reports: who ran them ---------------------------------------------------------

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
    'Datamonitor questioned 1,000 teenagers'."""
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
    return noun.lower_ in STUDY_NOUNS


def _credit_the_source(candidate: ClaimCandidate, clause: Span, context: _Context, authors: list[Span]) -> None:
    """Sources the clause's own words do not give: a poll's finding is its author's, not the respondents'
    ('Almost 50% of those questioned said ...': whoever ran the poll, where the article names them, else nobody);
    a study that speaks ('the report said', 'a report suggests') is its author's; a sentence opening with
    'According to X' is X's in each of its clauses. Inside a quotation the speaker stays."""
    quoted = sum(t.i in context.quoted_tokens for t in clause)
    if candidate.voice != "own" or quoted >= QUOTED_CLAUSE_SHARE * len(clause):
        return
    head = _clause_head(clause)
    attribution = _attribution(clause)
    subject = attribution[1] if attribution is not None else (_subject(head) if head is not None else None)
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
            candidate.claimant_head = _speaker_word(source.root).idx


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
    return (token, _subject_phrase(source)) if source is not None and to.i == token.i + 1 else None


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
                                             for a in _ancestors_within(t, head))]
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


# --- cutting sentences into assertions ---------------------------------------------------------------


def _trim(span: Span) -> Span | None:
    """The span without leading/trailing whitespace and quote marks that open or close around it."""
    tokens = [t for t in span if not t.is_space]
    if not tokens:
        return None
    doc = span.doc
    return doc[tokens[0].i : tokens[-1].i + 1]


def _coordinated_clauses(sentence: Span) -> list[Span]:
    """Split at a coordinating conjunction between two clauses that each have their own subject
    ("X happened, and Y said ..."); otherwise the sentence whole."""
    root = sentence.root
    speech = root.lemma_.lower() in SPEECH_LEMMAS
    cuts = []
    for conj in root.children:
        if conj.dep_ != "conj" or conj.pos_ not in ("VERB", "AUX") or not _is_finite(conj):
            continue
        if speech:
            # "X said A, and B": B may still be what X said; keep the report whole, unless B is X's own act
            # sharing X as subject after the verbs' own 'but' ('Acme says it will ..., but has not ruled out ...')
            if _own_subject(conj) is not None or conj.lemma_.lower() in SPEECH_LEMMAS | DISPUTE_LEMMAS | EVIDENCE_LEMMAS \
                    or any(c.dep_ in ("ccomp", "xcomp") for c in conj.children) \
                    or not any(c.dep_ == "cc" and c.lower_ == "but" and root.i < c.i < conj.i for c in root.children):
                continue
            left = conj.left_edge.i
            while left - 1 > sentence.start and (sentence.doc[left - 1].dep_ == "cc" or sentence.doc[left - 1].is_punct):
                left -= 1
            cuts.append((left, left))  # the 'but' stays with its clause: it says the act is X's own
            continue
        # a clause with its own subject, or a report sharing the subject of an act ('He was advised to ... and
        # said he had done nothing wrong'): the act is the article's to tell, the report the subject's
        reports = conj.lemma_.lower() in SPEECH_LEMMAS and any(c.dep_ == "ccomp" for c in conj.children) \
            and any(c.dep_ == "cc" and root.i < c.i < conj.i for c in root.children)  # the verbs' own 'and'
        if _own_subject(conj) is not None or reports:
            left = conj.left_edge.i
            # the cut goes before the conjunction and comma that join the clauses
            while left - 1 > sentence.start and (sentence.doc[left - 1].dep_ == "cc" or sentence.doc[left - 1].is_punct):
                left -= 1
            cuts.append((left, conj.left_edge.i))
    if not cuts:
        return [sentence]
    doc = sentence.doc
    pieces, start = [], sentence.start
    for cut_end, next_start in sorted(cuts):
        if cut_end > start:
            pieces.append(doc[start:cut_end])
        start = next_start
    pieces.append(doc[start : sentence.end])
    return [p for p in (_strip_punct(p) for p in pieces) if p is not None]


# Subordinators whose clause is an assertion of its own, not a circumstance of the main one: "X won gold, while Y
# won silver", "although little polling has been done".
CONTRAST_MARKS = frozenset({"while", "whilst", "although", "though", "whereas"})


def _adverbial_clauses(clause: Span) -> list[Span]:
    """Split off an adverbial clause with its own subject and tense that is another source's assertion: a
    report ('Acme is seeking damages after it said the steel was faulty') or a contrast whose sides have
    different sources ('While Acme does not seek damages, the lawsuit noted ...'). Circumstances ('when
    Norway rejected it', 'because ...') and contrasts in one voice ('X won gold, while Y won silver') stay
    whole."""
    head = _clause_head(clause)
    if head is None:
        return [clause]
    doc = clause.doc
    for child in head.children:
        if child.dep_ != "advcl" or _own_subject(child) is None or not _is_finite(child):
            continue
        marks = [m for m in child.children if m.dep_ == "mark"]
        if not marks:
            continue  # 'where half of those asked said ...' describes its antecedent
        reports = child.lemma_.lower() in SPEECH_LEMMAS and any(c.dep_ == "ccomp" for c in child.children)
        reason = _reason_of_a_speech_act(child)
        if not (marks[0].lower_ in CONTRAST_MARKS or reports or reason):
            continue
        start, end = child.left_edge.i, child.right_edge.i + 1
        if start < clause.start or end > clause.end:
            continue
        body = doc[marks[0].i + 1 if marks[0].i == start else start : end]
        if start == clause.start:
            main = doc[end : clause.end]
        elif all(t.is_punct for t in doc[end : clause.end]):
            main = doc[clause.start : start]
        else:
            continue  # a clause in the middle: the main one is not contiguous
        main, body = _strip_punct(main), _strip_punct(body)
        if main is None or body is None:
            continue
        if reports or reason or (_attribution(main) is None) != (_attribution(body) is None):
            return [main, body]  # a contrast is cut only where its two sides have different sources
    return [clause]


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
    if act.lemma_.lower() not in SPEECH_LEMMAS | REQUEST_LEMMAS or _subject(act) is None:
        return None
    if act.lemma_.lower() in SPEECH_LEMMAS and not any(c.dep_ in ("ccomp", "xcomp") for c in act.children) \
            and act.lemma_.lower() not in REQUEST_LEMMAS:
        return None
    return act if clause_head.i > act.i else None  # after the act: 'as he left, he said' is a time, before it


def _participle_report(clause: Span) -> list[Span]:
    """Split off a closing ', saying ...' from an act: 'The mayor criticised the plan, saying it would cost
    $40m' holds the writer's report of the act and the mayor's assertion. After a report ('he told the court,
    saying ...') it goes on with the same speaker's words and stays whole."""
    head = _clause_head(clause)
    if head is None or head.lemma_.lower() in SPEECH_LEMMAS:
        return [clause]
    doc = clause.doc
    for child in _participles(head):
        if child.tag_ != "VBG" or child.lemma_.lower() not in SPEECH_LEMMAS \
                or not any(c.dep_ == "ccomp" for c in child.children) or _own_subject(child) is not None:
            continue
        start = child.left_edge.i
        # 'Lycos has shut down the campaign saying ...': the parser may hang it, with no comma, on the object
        comma = doc[start - 1].text == "," or child.dep_ == "acl"
        if start != child.i or start - 1 <= clause.start or not comma \
                or not all(t.is_punct for t in doc[child.right_edge.i + 1 : clause.end]):
            continue
        main, body = _strip_punct(doc[clause.start : start]), _strip_punct(doc[start : clause.end])
        if main is not None and body is not None:
            return [main, body]
    return [clause]


def _participles_act(participle: Token) -> Token:
    return participle.head.head if participle.dep_ == "acl" else participle.head


def _participles(head: Token) -> list[Token]:
    """The participles hung on an act: on its verb (', saying ...') or on its object ('shut down the campaign
    saying ...', where the parser reads the object as the one saying)."""
    on_object = [p for o in head.children if o.dep_ == "dobj" for p in o.children if p.dep_ == "acl" and p.i > o.i]
    return [c for c in head.children if c.dep_ == "advcl"] + on_object


def _is_participle_report(head: Token, clause: Span) -> bool:
    """'saying it would cost $40m' cut from its act: its finite verb is what is said."""
    act = head.head if head.dep_ == "advcl" else head.head.head if head.dep_ == "acl" and head.head.dep_ == "dobj" else None
    return head.i == clause.start and act is not None and head.tag_ == "VBG" \
        and head.lemma_.lower() in SPEECH_LEMMAS and any(_is_finite(v) for v in _reported_verbs(head))


def _relative_clauses(sentence: Span) -> list[Span]:
    """Non-restrictive relative clauses (after a comma) with their antecedent: 'Ukraine, which ... in 2022'."""
    clauses = []
    for token in sentence:
        if token.dep_ != "relcl" or _own_subject(token) is None:
            continue
        antecedent = token.head
        opener = token.left_edge.i
        named = antecedent.pos_ == "PROPN" or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in antecedent.children)
        says = token.lemma_.lower() in SPEECH_LEMMAS and any(c.dep_ == "ccomp" for c in token.children)
        if (opener - 1 < sentence.start or sentence.doc[opener - 1].text != ",") and not (named and says):
            continue  # restrictive ("regions it only partly controls"): part of its noun phrase, not a claim; but
            # 'the Napsterization weblog which said ...' tells what a named source said
        clause = _strip_punct(sentence.doc[_antecedent_start(antecedent) : token.right_edge.i + 1])
        if clause is not None:
            clauses.append(clause)
    return clauses


def _antecedent_start(noun: Token) -> int:
    """Where the antecedent's own phrase starts (its determiners and modifiers, not its clauses)."""
    start = noun.i
    for child in noun.lefts:
        start = min(start, child.left_edge.i)
    return start


def _strip_punct(span: Span) -> Span | None:
    tokens = list(span)
    while tokens and (tokens[-1].is_punct and tokens[-1].text not in ".!)" or tokens[-1].is_space or tokens[-1].dep_ == "cc"):
        tokens.pop()
    while tokens and (tokens[0].is_punct and tokens[0].text not in "(" or tokens[0].is_space):
        tokens.pop(0)
    return span.doc[tokens[0].i : tokens[-1].i + 1] if tokens else None


# --- what a clause says ------------------------------------------------------------------------------


def _clause_head(clause: Span) -> Token | None:
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
        finite = [t for t in clause if comma is not None and t.i > comma and t.pos_ in ("VERB", "AUX") and _is_finite(t)
                  and t.dep_ not in ("aux", "auxpass", "relcl", "ccomp")]
        if finite:
            return finite[0]
    if verbs:
        return verbs[0]
    # an antecedent with its relative clause: "Ukraine, which Putin's forces invaded in 2022"
    relative = [c for h in heads for c in h.children if c.dep_ in ("relcl", "acl") and c.i in inside]
    return relative[0] if relative else None


def _is_finite(verb: Token) -> bool:
    """A verb with tense (or a finite auxiliary): 'invaded', 'has resulted', 'is'; not 'to restore'."""
    if "Fin" in verb.morph.get("VerbForm") or verb.tag_ in ("VBD", "VBZ", "VBP", "MD"):
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


def _subject(verb: Token) -> Token | None:
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


def _is_order(verb: Token) -> bool:
    """An imperative: a bare verb opening its clause with no subject ('Stop the war')."""
    return verb.tag_ == "VB" and _subject(verb) is None and not any(c.dep_ in ("aux", "auxpass") for c in verb.children) \
        and verb.dep_ == "ROOT"


# What a speaker says of their own mind: 'I predict series two will be even better', 'we think ...'.
OPINION_LEMMAS = frozenset({"believe", "think", "hope", "feel", "predict", "expect", "reckon", "guess", "suspect"})


def _addressed_or_obligation(verb: Token) -> bool:
    """Rhetoric: the reader or listener as subject ('you can restore'), or an obligation of the speakers
    ('we must strive'), unless it comes with something concrete as its object."""
    subject = _subject(verb)
    if subject is None or subject.lower_ not in FIRST_OR_SECOND_PERSON:
        return False
    if subject.lower_ == "you":
        return True
    modals = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    return bool(modals & OBLIGATION_MODALS) or verb.lemma_.lower() in OPINION_LEMMAS


def _attribution(clause: Span) -> tuple[Token, Span] | None:
    """The clause's own source: the subject of a speech verb with a clausal complement ('Russia demands
    that ...'), of a verb disputing its object ('denied the allegations'), or of an evidential verb with an
    object ('The Associated Press documented ...'). The main verb and its coordinated verbs come first; then,
    for a sentence the parser rooted elsewhere, any speech verb of the clause outside a relative clause."""
    head = _clause_head(clause)
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
              and not any(a.dep_ in ("relcl", "acl", "advcl", "ccomp", "xcomp") for a in _ancestors_within(t, head)[1:])]
    for verb in main + others:
        if _attributes(verb, clause):
            return verb, _subject(verb)
    if (act := _reason_of_a_speech_act(head)) is not None \
            and not clause.start <= act.i < clause.end:
        subject = _subject(act)  # the reason cut from 'X urged ..., as ...': X gives it
        if subject.lower_ not in ("there", "which", "who"):
            return act, subject
    if _is_participle_report(head, clause):
        subject = _actor(_participles_act(head))  # ', saying ...' cut from its act: who acts says it
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


def _actor(verb: Token) -> Token | None:
    """Who does what the verb says: its subject, or for a passive its agent ('X is being sued by his
    ex-partner, claiming ...': the ex-partner claims), else nobody."""
    if not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return _subject(verb)
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


def _ancestors_within(token: Token, head: Token) -> list[Token]:
    """The token and its ancestors up to (not including) the clause head."""
    chain = [token]
    for ancestor in token.ancestors:
        if ancestor.i == head.i:
            break
        chain.append(ancestor)
    return chain


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
    heard = lemma == "hear" and "ccomp" in complements and _is_court(_subject(verb))  # 'The court heard how ...'
    says = speech and reports and not _acts_on_object(verb) or disputes or heard
    subject = _subject(verb)
    vouches = lemma in EVIDENCE_LEMMAS and complements & {"dobj", "ccomp"} and not (subject is not None and subject.lower_ in RECORDINGS) \
        and not _finds_itself(verb) and not _shows_by_doing(verb, subject)
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
    subject = _subject(head)
    said = any(c.dep_ == "dobj" and c.lower_ in SPEECH_NOUNS for c in head.children)
    return subject if said and subject is not None and subject.pos_ == "PROPN" else None


def _read_as_act(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    return lemma in SPEECH_LEMMAS and _acts_on_object(verb) or lemma in EVIDENCE_LEMMAS and (
        _finds_itself(verb) or _shows_by_doing(verb, _subject(verb)))


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


def _shows_by_doing(verb: Token, subject: Token | None) -> bool:
    """'Gillick showed that he is a genuine contender by claiming ...': a person shows by what they do, which the
    writer reports; a study, figures or a report shows what its authors found ('the survey showed ...')."""
    return verb.lemma_.lower() in ("show", "prove", "demonstrate") and subject is not None \
        and subject.ent_type_ == "PERSON"


def _disputes(verb: Token, obj: Token) -> bool:
    """'X denied the allegations', 'denied wrongdoing', 'rejected claims that ...': the subject says the object
    is false. Only 'deny' does so of any object; the others only of an assertion."""
    return verb.lemma_.lower() == "deny" or obj.lemma_.lower() in ASSERTION_NOUNS


def _subject_phrase(subject: Token) -> Span:
    """The subject's words with its modifiers, coordinated nouns and apposition ('BBC Scotland's political
    correspondent Glenn Campbell'), without clauses hanging off it ('who ...')."""
    clauses = {t.i for child in subject.children if child.dep_ in ("relcl", "acl") for t in child.subtree}
    indices = sorted(t.i for t in subject.subtree if t.i not in clauses and not (t.is_punct and t.i != subject.i))
    start, end = indices[0], indices[-1] + 1
    # a quotation resuming after the speaker ('said X, "with many people ..."') is not part of the name
    quote_mark = next((t.i for t in subject.doc[subject.i : end] if t.is_quote), None)
    end = quote_mark if quote_mark is not None else end
    while end - 1 > start and subject.doc[end - 1].is_punct:
        end -= 1
    return subject.doc[start:end]


def _speaker_word(subject: Token) -> Token:
    """The word that names who the subject is: the name in apposition to a title, else the subject itself."""
    for child in subject.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            return child
    # the parser may hang the name on the title's last word: "ITV's controller of entertainment, Claudia Rosencrantz,"
    named = [t for t in subject.subtree if t.dep_ == "appos" and t.ent_type_ == "PERSON" and t.head.dep_ == "pobj"
             and t.head.head.head == subject and t.i > 0 and t.doc[t.left_edge.i - 1].text == ","]
    return named[0] if named else subject


def _is_negated(clause: Span) -> bool:
    """The main assertion is negative: a negation on the clause's verb ('did not name'), 'Nor did ...',
    or a negative subject ('nobody was hurt')."""
    head = _clause_head(clause)
    if head is None:
        return False
    verbs = [head] + [c for c in head.children if c.dep_ == "conj"]
    if any(c.dep_ == "neg" for verb in verbs for c in verb.children):
        return True
    subject = _subject(head)
    negative_subject = subject is not None and (subject.lower_ in NEGATION_WORDS or any(
        c.dep_ == "det" and c.lower_ == "no" for c in subject.children))
    return clause[0].lower_ in ("nor", "neither") or negative_subject


# --- numbers and dates -------------------------------------------------------------------------------


def _quantity(ent: Span) -> dict | None:
    value, unit = parse_quantity(ent.text)
    return {"text": ent.text, "start": ent.start_char, "end": ent.end_char, "value": value, "unit": unit}


def _date(ent: Span, published: dt.date | None) -> dict:
    value, granularity = resolve_date(ent.text, published, prefer_future=_in_future_tense(ent.root))
    return {"text": ent.text, "start": ent.start_char, "end": ent.end_char, "value": value, "granularity": granularity}


def _in_future_tense(token: Token) -> bool:
    """Whether the verb governing the token speaks of the future ('will travel ... on Monday')."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in ancestor.children):
                return True
            if _is_finite(ancestor):
                return False
    return False


@lru_cache(maxsize=4096)  # the same phrases come back ('2004', 'last year'); dateparser takes milliseconds a call
def resolve_date(phrase: str, published: dt.date | None, prefer_future: bool = False) -> tuple[str | None, str | None]:
    """An ISO date for a date phrase, at the precision the phrase gives, resolved against the article's
    publication date: 'Friday, August 15' published 2025-08-17 is ('2025-08-15', 'day'); '2022' stays
    ('2022', 'year'); 'June 2021' is ('2021-06', 'month'). Vague phrases ('recent months') give (None, None)."""
    if not CALENDAR_WORDS.search(phrase) or DECADE.search(phrase):
        return None, None
    if published is None and not YEAR.search(phrase):
        return None, None  # "Friday" means nothing without the day the article was published
    parsed = _date_parser(published, prefer_future).get_date_data(phrase)
    if parsed is None or parsed.date_obj is None:
        return None, None
    when, period = parsed.date_obj.date(), parsed.period
    if period == "year":
        return f"{when.year:04d}", "year"
    if period == "month":
        return f"{when.year:04d}-{when.month:02d}", "month"
    if period == "week":
        year, week, _ = when.isocalendar()
        return f"{year:04d}-W{week:02d}", "week"
    return when.isoformat(), "day"


@lru_cache(maxsize=64)
def _date_parser(published: dt.date | None, prefer_future: bool):
    from dateparser.date import DateDataParser  # imported on first use: it takes a second to load

    base = dt.datetime.combine(published, dt.time()) if published else None
    settings = {"PREFER_DATES_FROM": "future" if prefer_future else "past", "RETURN_TIME_AS_PERIOD": True,
                "STRICT_PARSING": False, "PREFER_DAY_OF_MONTH": "first"}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    return DateDataParser(languages=["en"], settings=settings)


def _unique(candidates: list[ClaimCandidate]) -> list[ClaimCandidate]:
    seen, unique = set(), []
    for candidate in candidates:
        if (candidate.start, candidate.end) not in seen:
            seen.add((candidate.start, candidate.end))
            unique.append(candidate)
    return unique


# --- across the corpus: claimants, quotes and entities as ids -----------------------------------------


def claim_id_for(doc_id: str, start: int, end: int) -> str:
    return "clm_" + hashlib.sha256(f"{doc_id}:{start}:{end}".encode()).hexdigest()[:16]


# A claim sits in a quotation when at least this share of its characters are quoted words.
INSIDE_QUOTE_SHARE = 0.5
# Reported speech hanging off the sentence ("..., saying it is ...") carries the claim when its content is most of it.
REPORTED_SHARE = 0.5


def claim_rows(candidates: dict[str, list[ClaimCandidate]], mention_rows: list[dict], quote_rows: list[dict],
               names: dict[str, str]) -> list[dict]:
    """The claims table's rows: each candidate with its claimant resolved to an entity where there is one,
    the quote it sits in or reports, and the entities it is about."""
    mentions_by_doc: dict[str, list[dict]] = defaultdict(list)
    for row in mention_rows:
        mentions_by_doc[row["doc_id"]].append(row)
    quotes_by_doc: dict[str, list[dict]] = defaultdict(list)
    for row in quote_rows:
        quotes_by_doc[row["doc_id"]].append(row)
    rows = []
    for doc_id, claims in candidates.items():
        mentions, quotes = mentions_by_doc[doc_id], quotes_by_doc[doc_id]
        types = {m["entity_id"]: m["type"] for m in mentions}
        doc_rows, unresolved, reports = [], set(), {}
        for claim in sorted(claims, key=lambda c: (c.start, c.end)):
            row = _claim_row(doc_id, claim, mentions, quotes, names)
            if row["claimant"] is None and (pronoun := _unnamed_source(claim, quotes)) is not None:
                _take_previous_source(row, pronoun, doc_rows, unresolved, quotes, types)
                unresolved.add(row["start"])
            elif row["claimant"] is None and claim.backshifted and row["quote_id"] is None:
                _continue_the_report(row, doc_rows, reports)
            if row["claimant"] is not None and (claim.cue is not None or claim.backshifted):
                reports[row["start"]] = (row["claimant"], row["claimant_entity_id"])
            elif claim.introducer is not None:  # 'Mr Greenspan did offer some good news': what follows is his
                start, end, head = claim.introducer
                entity = _entity_at(mentions, start, end, head)
                if entity is not None:
                    reports[row["start"]] = (names[entity], entity)
            doc_rows.append(row)
        rows += doc_rows
    rows.sort(key=lambda r: (r["doc_id"], r["start"], r["end"]))
    return rows


OPENING_QUOTE_MARKS = ('"', "“", "‘")


def _unnamed_source(claim: ClaimCandidate, quotes: list[dict]) -> str | None:
    """Why a claim with no claimant may still have one the text names just before it: its own source is a
    pronoun nobody resolved ('It stated the fee was ...': 'it'), it sits in or reports a quotation whose
    speaker is such a pronoun or missing ('"The plan has failed," he said': 'he'), or it opens a quoted
    sentence no quotation row covers, as when a speech goes on after its attribution ('she said: "We shut
    it. "But the town ...': 'quote'). None when the claim is the article's own voice."""
    if claim.voice != "own":
        return None
    if claim.claimant_text is not None:
        words = claim.claimant_text.strip().lower()
        return words if words in THIRD_PERSON else None
    quote = _quote_of(claim, quotes)
    if quote is not None:
        words = (quote["speaker_text"] or "").strip().lower()
        return words if words in THIRD_PERSON else ("quote" if not words and quote["kind"] == "direct" else None)
    covered = any(q["start"] < claim.end and claim.start < q["end"] for q in quotes)
    # a quoted speech going on past its attribution: '"I still believe in him. He is ... but we have gone for Olly'
    opens = claim.text.startswith(OPENING_QUOTE_MARKS) or claim.in_open_quote
    return "quote" if opens and not covered else None


def _continue_the_report(row: dict, earlier: list[dict], reports: dict[int, tuple]) -> None:
    """A sentence in reported speech's tense with no cue of its own, right after a report in its paragraph, goes on
    with what was reported ('Mr Lanzone said the deal would sit well with ... . It would also help drive ...'): the
    reporter's. After a sentence in the article's own voice it is the article's."""
    before = [r for r in earlier if r["paragraph"] == row["paragraph"] and r["end"] <= row["start"]]
    if before and before[-1]["start"] in reports:
        row["claimant"], row["claimant_entity_id"] = reports[before[-1]["start"]]


def _take_previous_source(row: dict, pronoun: str | None, earlier: list[dict], unresolved: set[int],
                          quotes: list[dict], types: dict) -> None:
    """Give the claim the nearest source named before it in its paragraph that the pronoun can refer to
    ('he'/'she' a person, 'it' anything but a person, 'they' or an unattributed quotation anyone), looking
    back no further than a claim in the article's own voice: past it, the pronoun may be anyone."""
    if pronoun is None:
        return
    before = [(r["start"], r["claimant"], r["claimant_entity_id"], "own" if r["start"] not in unresolved else "unresolved")
              for r in earlier if r["paragraph"] == row["paragraph"]]
    before += [(q["start"], q["speaker"] or _named_source(q["speaker_text"]), q["speaker_entity_id"], "quote")
               for q in quotes if q["paragraph"] == row["paragraph"] and q["start"] < row["start"]]
    for _, name, entity_id, kind in sorted(before, key=lambda item: item[0], reverse=True):
        if name is None:
            if kind == "own":
                return
            continue
        person = types.get(entity_id) == "PERSON"
        if pronoun in ("he", "she") and not person or pronoun == "it" and person:
            continue
        row["claimant"], row["claimant_entity_id"] = name, entity_id
        return


def _claim_row(doc_id: str, claim: ClaimCandidate, mentions: list[dict], quotes: list[dict], names: dict[str, str]) -> dict:
    quote = _quote_of(claim, quotes)
    claimant = claimant_id = None
    cue = claim.cue
    own_id = None
    if claim.claimant_start is not None:
        own_id = _entity_at(mentions, claim.claimant_start, claim.claimant_end, claim.claimant_head,
                            claim.claimant_text, claim.claimant_start)  # the words may lie before the claim (', saying')
    group = _names_several(mentions, claim) if claim.claimant_start is not None else []
    if claim.voice == "survey":  # a poll's finding: its author's where named (not the respondents the quotes found)
        if claim.claimant_start is not None:
            claimant_id = own_id
            claimant = names[own_id] if own_id else claim.claimant_text
    elif group and (quote is None or quote["cue_start"] == claim.cue_start):
        whole = _whole_group(mentions, claim, group)
        claimant = whole and _group_name([names.get(e) for e in group]) or claim.claimant_text  # 'Acme, Globex and Initech
        # said': all of them, no one entity; named in full ('Mr Afzal, Mr Islam and Mr Kazi' -> their full names)
    elif quote is not None and (quote["speaker_entity_id"] is not None or own_id is None) \
            and not (claim.claimant_start is not None and claim.cue_start == claim.start) \
            and not _fuller_words(claim, quote):  # ', saying ...': its actor is known
        claimant_id = quote["speaker_entity_id"]
        claimant = quote["speaker"] or _named_source(quote["speaker_text"])
        cue = quote["cue"] if quote["kind"] == "indirect" or claim.cue is None else claim.cue
    elif claim.claimant_start is not None:
        claimant_id = own_id
        claimant = names[claimant_id] if claimant_id else _named_source(claim.claimant_text)
    about = []
    for mention in mentions:
        if claim.start <= mention["start"] and mention["end"] <= claim.end and mention["entity_id"] not in about:
            about.append(mention["entity_id"])
    return {
        "claim_id": claim_id_for(doc_id, claim.start, claim.end),
        "doc_id": doc_id,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "paragraph": claim.paragraph,
        "claimant": claimant,
        "claimant_entity_id": claimant_id,
        "cue": cue,
        "quote_id": quote["quote_id"] if quote is not None else None,
        "entity_ids": about,
        "negated": claim.negated,
        "hedged": claim.hedged,
        "quantities": claim.quantities,
        "dates": claim.dates,
        "checkworthiness": claim.checkworthiness,
        "cluster_id": None,
    }


def _fuller_words(claim: ClaimCandidate, quote: dict) -> bool:
    """Neither names an entity, and the claim's own subject says more of the same source than the quote's
    speaker words ('Creditors of the city's largest bank have said ...' against 'Creditors')."""
    words = _named_source(claim.claimant_text)
    return quote["speaker_entity_id"] is None and quote["cue_start"] == claim.cue_start and words is not None \
        and len(words) > len(quote["speaker_text"] or "") and (quote["speaker_text"] or "").strip() in words


COORDINATION = re.compile(r"\s*(,|,?\s*and|&)\s*((Mr|Mrs|Ms|Miss|Dr)\.?\s+)?")  # 'Mr Afzal, Mr Islam and Mr Kazi'


def _group_name(names: list[str | None]) -> str | None:
    """'A, B and C' from the canonical names of a group, when each has one."""
    if len(names) < 2 or any(n is None for n in names):
        return None
    return ", ".join(names[:-1]) + " and " + names[-1]


def _names_several(mentions: list[dict], claim: ClaimCandidate) -> list[str]:
    """The entities of the claimant's words when they are names coordinated ('Acme, Globex and Initech'): two
    or more, with only commas and 'and' between them ('Ukraine and its allies' names one; 'its' is a possessor);
    else none."""
    text, offset = claim.claimant_text, claim.claimant_start
    inside = sorted((m for m in mentions if claim.claimant_start <= m["start"] and m["end"] <= claim.claimant_end
                     and m["type"] != "NORP" and not _is_possessor(m, text, offset)), key=lambda m: m["start"])
    if len({m["entity_id"] for m in inside}) < 2:
        return []
    gaps = [text[a["end"] - offset : b["start"] - offset] for a, b in zip(inside, inside[1:])]
    if not all(COORDINATION.fullmatch(gap) for gap in gaps):
        return []
    return list(dict.fromkeys(m["entity_id"] for m in inside))


def _whole_group(mentions: list[dict], claim: ClaimCandidate, group: list[str]) -> bool:
    """The group's names are all the claimant's words ('Mr Afzal, Mr Islam and Mr Kazi'), not part of a longer
    phrase ('A spokesman for the Department for Culture, Media and Sport')."""
    inside = [m for m in mentions if m["entity_id"] in group and claim.claimant_start <= m["start"]
              and m["end"] <= claim.claimant_end]
    before = claim.claimant_text[: min(m["start"] for m in inside) - claim.claimant_start].split()
    after = claim.claimant_text[max(m["end"] for m in inside) - claim.claimant_start :].strip()
    return not after and all(w.rstrip(".") in ("Mr", "Mrs", "Ms", "Miss", "Dr") for w in before)


def _quote_of(claim: ClaimCandidate, quotes: list[dict]) -> dict | None:
    """The quotation that says who asserts the claim, if any:
    - a quotation the claim sits in (most of its characters are quoted words);
    - the reported speech of the claim's own attribution verb (same cue), which the quotes stage has
      resolved (pronouns, descriptions);
    - reported speech inside the claim whose content is most of it ('the Kremlin has rejected the idea,
      saying it is not interested in ...'). A relative clause the writer adds is never reported speech."""
    length = max(1, claim.end - claim.start)
    inside, same_cue, reported = [], [], []
    for quote in quotes:
        overlap = min(claim.end, quote["end"]) - max(claim.start, quote["start"])
        if overlap <= 0:
            continue
        share = overlap / length
        if quote["kind"] in ("direct", "partial") and share >= INSIDE_QUOTE_SHARE:
            inside.append((share, quote))
        elif quote["kind"] == "indirect" and quote["cue_start"] is not None and not quote["text"].startswith("to ") \
                and quote["cue_start"] not in claim.acts \
                and quote.get("attribution") != "object":  # 'appealed for the release of X': what X did, not a claim
            # 'pledged to pay ...', 'asked them to ...': a commitment or a request, not a report of a fact
            if claim.cue_start is not None and quote["cue_start"] == claim.cue_start:
                same_cue.append((share, quote))
            elif claim.voice == "own" and claim.cue_start is None and claim.start <= quote["cue_start"] < claim.end \
                    and share >= REPORTED_SHARE and _reports_alongside(claim, quote):
                reported.append((share, quote))
    for found in (inside, same_cue, reported):
        if found:
            return max(found, key=lambda pair: pair[0])[1]
    return None


def _reports_alongside(claim: ClaimCandidate, quote: dict) -> bool:
    """Reported speech inside the claim names its claimant unless its cue is an infinitive ('did not discuss
    the fighting other than to say ...'), which does not assert that anything was said, or is in a relative
    clause ('critics who say ...'), which says who someone is."""
    before = claim.text[: max(0, quote["cue_start"] - claim.start)].rstrip()
    infinitive = before.endswith((" to", " To")) or before.lower() == "to"
    # 'It has many critics who say ...': a relative clause describes who they are; the claim is the writer's
    relative = before.endswith((" who", " which", " that"))  # as written: 'the WHO said' is a name
    return not (infinitive or relative)


PRONOUNS = frozenset({"i", "you", "he", "she", "it", "we", "they", "this", "that", "these", "those", "him", "her", "them"})


def _named_source(words: str | None) -> str | None:
    """Words naming an unresolved source ('a senior official', 'the lawsuit'); a bare pronoun names nobody."""
    return None if words is None or words.strip().lower() in PRONOUNS else words


POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their", "my", "our", "your"})


def _is_possessor(mention: dict, text: str, offset: int) -> bool:
    after = text[mention["end"] - offset : mention["end"] - offset + 2]
    return after in ("'s", "’s") or mention["text"].lower() in POSSESSIVE_PRONOUNS


# Prepositions that attach a name to the naming word as a place or an owner, not as the source ('by' names an author).
PLACE_OR_WHOSE = re.compile(r"\b(in|of|for|at|from|on|with|within|inside|outside|across|near|to)\b", re.IGNORECASE)


# The members who speak for their institution, and how they are tied to it: 'researchers from/at X', 'scientists at X'.
INSTITUTION_MEMBER = re.compile(r"(researchers?|scientists?|academics?|experts?|economists?)\s+(from|at)(\s+the)?",
                                re.IGNORECASE)


def _entity_at(mentions: list[dict], start: int, end: int, head: int | None = None, text: str | None = None,
               offset: int = 0) -> str | None:
    """The entity named at the claimant's words: the mention at its naming word, else the longest (not a
    nationality) that is not a possessor of the naming word (`text` is the claimant's words, starting at `offset`)."""
    inside = [m for m in mentions if start <= m["start"] and m["end"] <= end and m["type"] != "NORP"]
    at_head = [m for m in inside if head is not None and m["start"] <= head < m["end"]]
    if at_head:
        return at_head[0]["entity_id"]
    if head is not None and text is not None:
        # a possessor says whose the source is; it is not the source: "the city's largest bank", "his lawyer"
        inside = [m for m in inside if not _is_possessor(m, text, offset)]
        # nor does a name in a phrase after the naming word say who: 'bosses in Norway', 'a spokesman for the ministry';
        # but researchers speak for their institution: 'researchers from Leeds University' is the university
        between = lambda m: text[head - offset : m["start"] - offset]
        inside = [m for m in inside if m["start"] <= head or not PLACE_OR_WHOSE.search(between(m))
                  or INSTITUTION_MEMBER.fullmatch(between(m).strip()) and m["type"] == "ORG"]
    if not inside:
        return None
    return max(inside, key=lambda m: (m["end"] - m["start"], -m["start"]))["entity_id"]
