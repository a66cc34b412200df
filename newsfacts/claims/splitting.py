"""Cutting a sentence into assertions (`assertions`): the paragraph's sentences, coordinated independent clauses,
adverbial clauses that are another source's assertion, a closing ', saying ...' cut from its act, and
non-restrictive relative clauses with their antecedent.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsfacts.claims.attribution import DISPUTE_LEMMAS, EVIDENCE_LEMMAS, attribution_of
from newsfacts.claims.grammar import (
    SPEECH_LEMMAS,
    head_of_clause,
    is_finite,
    _own_subject,
    _reason_of_a_speech_act,
    _strip_punct,
)


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
        if conj.dep_ != "conj" or conj.pos_ not in ("VERB", "AUX") or not is_finite(conj):
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
    head = head_of_clause(clause)
    if head is None:
        return [clause]
    doc = clause.doc
    for child in head.children:
        if child.dep_ != "advcl" or _own_subject(child) is None or not is_finite(child):
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
        if reports or reason or (attribution_of(main) is None) != (attribution_of(body) is None):
            return [main, body]  # a contrast is cut only where its two sides have different sources
    return [clause]


def _participle_report(clause: Span) -> list[Span]:
    """Split off a closing ', saying ...' from an act: 'The mayor criticised the plan, saying it would cost
    $40m' holds the writer's report of the act and the mayor's assertion. After a report ('he told the court,
    saying ...') it goes on with the same speaker's words and stays whole."""
    head = head_of_clause(clause)
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


def _participles(head: Token) -> list[Token]:
    """The participles hung on an act: on its verb (', saying ...') or on its object ('shut down the campaign
    saying ...', where the parser reads the object as the one saying)."""
    on_object = [p for o in head.children if o.dep_ == "dobj" for p in o.children if p.dep_ == "acl" and p.i > o.i]
    return [c for c in head.children if c.dep_ == "advcl"] + on_object


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
