"""Who a verb's subject is, as a speaker: looking through conjunctions, participles, relative clauses and
parser slips, and the author of a document that speaks (`She issued a statement saying ...`)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsfacts.nlp import doc_text
from newsfacts.quotes.clauses import starts_new_report
from newsfacts.quotes.grammar import is_speech_verb
from newsfacts.quotes.vocabulary import (
    AUTHORING_VERBS, DASHES, DOCUMENT_NOUNS, RELATIVE_PERSON_WORDS, SUBJECTS, SUBORDINATE_CLAUSES,
)


def according_to(token: Token) -> Span | None:
    to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
        to = token.doc[token.i + 1]
    obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    return speaker_phrase(obj) if obj is not None else None


def subject_of(verb: Token) -> Span | None:
    """The subject of a speech verb, looking through conjunctions, participles and relative clauses."""
    tagged = _name_before_parenthesis(verb)
    if tagged is not None:  # `Rep. Paul Ryan (R-WI) said`: the parse breaks on the party tag
        return tagged
    described = _subject_described_by_relative_clause(verb)
    if described is not None:
        return described
    node = verb
    if starts_new_report(verb) and verb.head.dep_ == "ccomp" and is_speech_verb(verb.head.head) and verb.head.head.i < verb.head.i:
        # `X said A and said B`: the parser joined the second "said" to A (not `X was unimpressed, telling reporters, "..
        # said .."`, where it hung the sentence on a verb inside the quote after it)
        node = verb.head.head
    node = _participle_clause_owner(node)
    for _ in range(6):
        subject = _nearest_subject(node)
        if subject is not None:
            if subject.tag_ in {"WP", "WDT"} and node.dep_ == "relcl":
                # "..., who said"; `hoisted a sign that read "..."`: a thing ("that", "which") someone put out speaks for them
                thing_of = (_author(node.head) or _actor_of_object(node.head)) if subject.tag_ == "WDT" else None
                if subject.tag_ == "WDT" and thing_of is None and (read := document_read(node)) is not None:
                    thing_of = _author(read) or _actor_of_object(read)
                return thing_of or speaker_phrase(node.head)
            if _in_dateline(subject):  # `PHILADELPHIA (UPI) — The committee released a statement, offering ...`
                return _subject_after_dateline(subject)
            if node != verb and subject.pos_ == "NOUN" and node.dep_ in SUBORDINATE_CLAUSES and (outer := subject_of(node.head)) is not None \
                    and outer.root.pos_ in {"PROPN", "PRON"}:
                # `X denied the notion that a shakeup is coming, explaining ...`: the parser hung the participle on the
                # clause inside; a thing named there does not speak, the main clause's named subject does
                return outer
            return speaker_phrase(subject)
        agent = next((c for c in node.children if c.dep_ == "agent"), None)
        if agent is not None:
            obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return speaker_phrase(obj)
        if node.dep_ == "acl" and node.head.pos_ in {"NOUN", "PROPN"}:
            if (outer := _actor_of_object(node.head) or _addresser(node.head)) is not None:
                return outer
            if (clause := _clause_of_set_off_participle(node)) is not None:
                node = clause
                continue
            return _author(node.head) or speaker_phrase(node.head)  # "a letter ... telling him": the letter speaks
        if node.dep_ in {"conj", "advcl", "xcomp", "ccomp", "relcl", "pcomp", "pobj", "prep", "dobj"} and node.head != node:
            node = node.head
            continue
        if node.dep_ == "dep" and node.pos_ == "VERB" and node.head.pos_ == "VERB":
            node = node.head  # `X gestured, then leaned in and boomed`: a clause the parser left unlabelled
            continue
        break
    return None


def document_read(relative: Token) -> Token | None:
    """`retweeted a message from her adviser, Ann O'Leary, that read: "..."`: what "reads" is a document; the parser
    hung the clause on the person the document is from, the document being the noun that phrase belongs to."""
    person = relative.head
    if relative.lemma_.lower() != "read" or person.lemma_.lower() in DOCUMENT_NOUNS:
        return None
    if person.dep_ != "pobj" or person.head.dep_ != "prep" or person.head.head.lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    return person.head.head


def _nearest_subject(verb: Token) -> Token | None:
    """The verb's subject; where the parser gave it two (`Nothing the president said "...," the senator said`, `The
    rejection signals "...", said X`), the one nearest the verb, which the verb agrees with."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    return min(subjects, key=lambda c: abs(c.i - verb.i)) if subjects else None



def _subject_described_by_relative_clause(verb: Token) -> Span | None:
    """`Sanders, meanwhile, who sits at zero endorsements, said that ...`, `One attendee, who spoke on the condition
    of anonymity, said ...`: the parser often reads the relative clause as what the verb reports and leaves the verb
    with no subject; the subject of that clause, set off by a comma before "who"/"whose", is the speaker."""
    if any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    for clause in (c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i):
        subject = next((c for c in clause.children if c.dep_ == "nsubj" and c.pos_ in {"NOUN", "PROPN"} and c.i < clause.i), None)
        if subject is None:
            continue
        after = verb.doc[subject.i + 1 : min(subject.i + 5, clause.i)]
        if after and after[0].text == "," and any(t.lower_ in RELATIVE_PERSON_WORDS for t in after):
            return speaker_phrase(subject)
    return None


def _name_before_parenthesis(verb: Token) -> Span | None:
    """`Rep. Paul Ryan (R-WI) said`, `Gov. John Kasich (R-OH), said`: a name with a short parenthesis (a party and
    state) right before the verb is its subject; the parser often makes the state the subject, or finds none."""
    doc, index = verb.doc, verb.i - 1
    if index > 0 and doc[index].text == ",":
        index -= 1
    if index < 3 or doc[index].text != ")":
        return None
    opening = next((i for i in range(index - 1, max(0, index - 6), -1) if doc[i].text == "("), None)
    if opening is None or opening < 1 or doc[opening - 1].pos_ != "PROPN" or doc[opening - 1].ent_type_ != "PERSON":
        return None
    return speaker_phrase(doc[opening - 1])


# Acts of passing on a document (a message, an article) whose words become the actor's message: `retweeted a message
# that read "..."`, `emailed a news article reporting "..."`. Not showing one (`held a sign reading "..."`): there the
# gold names the sign as often as the one holding it.
PASSING_ON_VERBS = frozenset("retweet retweete forward email e-mail".split())  # ("retweete": the lemmatizer's for "retweeted")


def _actor_of_object(noun: Token) -> Span | None:
    """`Lycos has shut down the campaign saying it had achieved its aim`: a participle the parser hung on the object
    of an act speaks for whoever acts, when that object is a plain thing (not a document, a name or an entity) and
    the act is not itself one of reporting (`quoted a spokesman saying`)."""
    verb = noun.head
    if noun.pos_ != "NOUN" or noun.dep_ != "dobj" or noun.ent_type_:
        return None
    if noun.lemma_.lower() in DOCUMENT_NOUNS and verb.lemma_.lower() not in PASSING_ON_VERBS:
        return None  # `released a report saying`: the document speaks
    if verb.pos_ not in {"VERB", "AUX"} or is_speech_verb(verb) or verb.lemma_.lower() in {"quote", "cite", "hear", "see"}:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return speaker_phrase(subject) if subject is not None and subject.pos_ in {"PROPN", "PRON"} else None


def _clause_of_set_off_participle(participle: Token) -> Token | None:
    """`X slammed a lawsuit filed by a staffer, calling it "meritless"`, `X battled with Y, at one point calling him
    a "liar"`: a participle set off by a comma after a thing (not a document, a name or an entity) speaks for the
    clause that thing belongs to; the parser hung it on the thing. Without the comma (`ads calling the deal a
    "mistake"`) the thing itself carries the words."""
    doc, noun = participle.doc, participle.head
    if participle.tag_ != "VBG" or noun.pos_ != "NOUN" or noun.ent_type_ or noun.lemma_.lower() in DOCUMENT_NOUNS:
        return None
    set_off = [participle.i - 1]
    if noun.dep_ == "dobj":
        verb = noun.head
    elif noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        verb = noun.head.head
        set_off.append(noun.head.left_edge.i - 1)  # `, at one point calling`
    else:
        return None
    if not any(i > 0 and doc[i].text == "," for i in set_off):
        return None
    return verb if verb.pos_ in {"VERB", "AUX"} and verb.i < participle.i else None


# Verbs whose object (or "to" phrase) is who is addressed: `emailed supporters saying`, `sent a text to supporters saying`.
ADDRESSING_VERBS = frozenset("email e-mail text message send write tell tweet mail address urge remind thank greet warn assure "
                             "ask call phone brief inform".split())


def _addresser(noun: Token) -> Span | None:
    """`The senator emailed supporters saying: "..."`: a participle the parser hung on the people addressed speaks for
    whoever addresses them (the verb's subject), not for them."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "to":
        verb = noun.head.head
    elif noun.dep_ in {"dobj", "dative"}:
        verb = noun.head
    else:
        return None
    if noun.lemma_.lower() in DOCUMENT_NOUNS or verb.pos_ not in {"VERB", "AUX"}:
        return None
    if verb.lemma_.lower() not in ADDRESSING_VERBS and not _sends_document_to(verb, noun):
        return None
    return subject_of(verb)


def _sends_document_to(verb: Token, people: Token) -> bool:
    """`blasted out an email to supporters stating`: any act that takes a document and a "to" phrase sends it to them."""
    return people.dep_ == "pobj" and any(c.dep_ == "dobj" and c.lemma_.lower() in DOCUMENT_NOUNS for c in verb.children)


def _participle_clause_owner(verb: Token) -> Token:
    """`X pushed back, saying the bill was waylaid by mistrust - and arguing ...`, `X said ... after Y won, remarking ...`:
    a participle set off after a clause speaks for that clause's subject, but the parser often hangs it on a verb
    inside what the clause reports, or inside a subordinate clause (after, when, because). Such a participle starts
    from the verb that reports that content, or that the subordinate clause modifies."""
    if verb.tag_ != "VBG" or verb.dep_ not in {"advcl", "conj"} or any(c.dep_ in SUBJECTS for c in verb.children):
        return verb
    node = verb.head
    for _ in range(6):
        if node.head == node:
            return verb
        if node.tag_ == "VBG":
            return verb  # `remember X going on TV, declaring ...`: the participle goes with X's own clause
        if node.dep_ == "ccomp" or node.dep_ == "advcl" and any(c.dep_ == "mark" for c in node.children):
            # (the reporting verb stands before what it reports: not a parse that hangs the sentence on a quote after it)
            return node.head if node.head.pos_ in {"VERB", "AUX"} and node.head.i < node.i else verb
        if node.dep_ not in {"conj", "advcl", "xcomp"}:
            return verb
        node = node.head
    return verb


def _in_dateline(word: Token) -> bool:
    """A place in capitals that opens its paragraph and is followed, within a few words, by a dash:
    `WASHINGTON (AFP) – ...`, `PHILADELPHIA, July 25 (UPI) — ...`. The parser sometimes makes it a subject."""
    phrase = speaker_phrase(word)
    text = doc_text(word.doc)
    if not phrase.text.isupper() or not (phrase.start_char == 0 or text[phrase.start_char - 1] == "\n"):
        return False
    return any(t.text in DASHES for t in word.doc[phrase.end : phrase.end + 8])


def _subject_after_dateline(word: Token) -> Span | None:
    dash = next(t for t in word.doc[word.i : word.i + 12] if t.text in DASHES)
    subject = next((t for t in word.doc[dash.i + 1 : word.sent.end] if t.dep_ in {"nsubj", "nsubjpass"}), None)
    return speaker_phrase(subject) if subject is not None else None


def _author(document: Token) -> Span | None:
    """`She issued a statement saying ...`: a document its sentence says somebody put out speaks for that somebody."""
    verb = document.head
    if document.lemma_.lower() not in DOCUMENT_NOUNS or document.dep_ != "dobj" or verb.lemma_.lower() not in AUTHORING_VERBS | {"put"}:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ not in {"PROPN", "PRON", "NOUN"} or subject.lemma_.lower() in DOCUMENT_NOUNS:
        return None
    return speaker_phrase(subject)


def speaker_phrase(head: Token) -> Span:
    """The speaker's words: the head noun with its compounds, modifiers and possessors, no clauses."""
    doc = head.doc
    keep = {"compound", "amod", "det", "poss", "nmod", "case", "nummod", "quantmod", "punct", "flat"}
    left = head.i
    for child in head.lefts:
        if child.dep_ in keep:
            left = min(left, child.left_edge.i)
    right = head.i
    for child in head.rights:
        if child.dep_ in {"case", "flat", "compound"}:
            right = max(right, child.i)
    while right > left and doc[right].is_punct:
        right -= 1
    while left < right and doc[left].is_punct:
        left += 1
    return doc[left : right + 1]
