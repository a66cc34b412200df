"""Where a reported clause or phrase begins and ends: the clause of a cue without a second report joined to it,
the writer's additions (`, a charge that X denied`) or a closing participle."""

from __future__ import annotations

from spacy.tokens import Token

from newsfacts.nlp import doc_text
from newsfacts.quotes.grammar import CLOSING_MARKS, is_speech_verb
from newsfacts.quotes.vocabulary import DASHES, INDIRECT_VERBS, OCCASION_NOUNS, SPEECH_VERBS, SUBJECTS


def clause_span(head: Token) -> tuple[int, int]:
    """The content clause without its leading `that` and final punctuation (nor a parenthetical cue)."""
    tokens = [t for t in head.subtree]
    for child in _children_along_conjuncts(head):
        if child.dep_ == "parataxis" and child.lemma_.lower() in INDIRECT_VERBS or starts_new_report(child):
            inner = {t.i for t in child.subtree}
            tokens = [t for t in tokens if t.i not in inner]

    if head.dep_ != "ccomp" and any(t.lower_ == "according" for t in tokens):  # `according to`: the clause minus the according-phrase
        tokens = [t for t in tokens if not any(a.lower_ == "according" for a in [t, *t.ancestors] if a.head == head or a == t)]
        tokens = [t for t in tokens if not _under_according(t, head)]
    # (only the clause's own subordinator: in `that, if it fails, it will ...` the `if` opens part of what was said)
    while tokens and (tokens[0].dep_ == "mark" and tokens[0].head == head or tokens[0].is_punct or tokens[0].is_space
                      or tokens[0].lower_ in {"that"}):
        tokens = tokens[1:]
    # (a paragraph break the parser hung on the final stop is no part of the clause, nor what it hides before it)
    while tokens and (tokens[-1].is_punct and tokens[-1].text not in {'"', "”", "’"} or tokens[-1].is_space or tokens[-1].dep_ == "cc"):
        tokens = tokens[:-1]  # (a cc: the "and" before a report cut off the clause's end)
    tokens = without_writer_addition(tokens)
    tokens = without_narration_after_quote(tokens, head)
    if not tokens:
        return head.idx, head.idx
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1].text)
    return start, end


# Nouns that, set off after a comma at a clause's end, are the writer's label for what was said: `, a charge that X denied`.
COMMENT_NOUNS = frozenset(
    "charge claim accusation allegation assertion assessment statement remark comment reference move argument contention "
    "characterization suggestion criticism view position".split())


def without_writer_addition(tokens: list[Token]) -> list[Token]:
    """The clause without what the writer adds after a comma at its end: a comment on the report (`, a charge that X
    denied`), a non-restrictive `which` clause (`, which reaches millions`), a participle describing the speaker's act
    (`, contrasting herself with Y`). The speaker did not say these words; the gold leaves them out of the content."""
    inside = {t.i for t in tokens}
    for at, comma in enumerate(tokens[1:-1], start=1):
        if comma.text != ",":
            continue
        after = at + 1
        while after < len(tokens) - 1 and tokens[after].text in CLOSING_MARKS:
            after += 1  # (`"a giveaway," a charge that ...`: the quote closes after its comma)
        addition = tokens[after]
        root = next((t for t in [addition, *addition.ancestors] if t.head.i not in inside or t.head == t
                     or t.head.i < comma.i), addition)  # the addition's own head: the first word hung before the comma
        if root.left_edge.i != addition.i or root.right_edge.i != tokens[-1].i:
            continue  # not a phrase that runs from the comma to the clause's end
        if _is_writer_addition(root) or after > at + 1 and _participle_after_quote(root):
            return trimmed_end(tokens[:after])
    return tokens


def without_narration_after_quote(tokens: list[Token], head: Token) -> list[Token]:
    """The clause without the writer's narration after its last quotation, which the parse hangs inside the clause: an
    aside after a lone dash (`"there's nothing wrong with that" — asserting that ...`), the means of saying (`"that
    crap," in an interview with CNN`), a clause of the writer's (`"excited where we stand" as he faces a test`). The
    speaker's words end at the closing mark; the gold's content ends there too (PolNeAR train: 14 rows closer, 2 further)."""
    last = _last_closing_mark(tokens)
    if last is None or last + 1 >= len(tokens) or tokens[last].i < head.i:
        return tokens  # (a quote before the clause's verb is its subject's: what follows is the clause itself)
    if lone_dash(tokens[last + 1]) and sets_off_the_end(tokens[last + 1]):
        return trimmed_end(tokens[: last + 1])
    # (the narration starts at the mark, or after a comma of the writer's sentence after it)
    starts = [last + 1] + [at + 1 for at in range(last + 1, len(tokens) - 1) if tokens[at].text == ","]
    for start in starts:
        if _narrates_the_report(tokens[start:]):
            return trimmed_end(tokens[:start])
    return tokens


def lone_dash(token: Token) -> bool:
    """A dash with a space on either side: one that sets words off (not a hyphen)."""
    text, after = doc_text(token.doc), token.idx + len(token.text)
    return token.text in DASHES and text[token.idx - 1 : token.idx].isspace() and text[after : after + 1].isspace()


def sets_off_the_end(dash: Token) -> bool:
    """A lone dash with no other after it in its sentence sets off the sentence's end (a pair sets off an aside inside
    it, after which the clause goes on: `"spear phishing" - fake emails that ... -`)."""
    return not any(lone_dash(t) for t in dash.sent if t.i > dash.i)


def _last_closing_mark(tokens: list[Token]) -> int | None:
    """Where the clause's last quotation closes: a curly closing mark, or a straight one after an odd count."""
    found, straight = None, 0
    for at, token in enumerate(tokens):
        if token.text in {'"', "''"}:
            straight += 1
            if straight % 2 == 0:
                found = at
        elif token.text == "”":
            found = at
    return found


# Subordinators that open the writer's circumstance of a report, with a subject of their own: `says he's "excited" as
# he faces a test`, `are "about right," though voters are ...` (not `because`, `while`: what was said often goes on;
# an `as` clause only about the speaker: `"go from a positive to a negative" as sanctions ramped up` is said).
NARRATING_MARKS = frozenset("as though although".split())
SPEAKER_PRONOUNS = frozenset("he she they".split())


def _narrates_the_report(tail: list[Token]) -> bool:
    """Phrases after the last quotation, running to the clause's end, that tell the circumstance of the report: a clause
    of the writer's own (`" as he faces ...`), or the means of saying (`" in an interview with CNN`, `" on Twitter`)."""
    first, inside = tail[0], {t.i for t in tail}
    phrases = [t for t in tail if t.head.i not in inside or t.head == t]  # (`" in a statement on Monday`: two phrases)
    root = phrases[0]
    if root.left_edge.i != first.i or any(p.left_edge.i < first.i or p.right_edge.i > tail[-1].i for p in phrases):
        return False
    if root.dep_ == "advcl":  # (not an aside naming who said it: `as X put it`)
        return first.lower_ in NARRATING_MARKS and first.head == root and not is_speech_verb(root) and any(
            c.dep_ in SUBJECTS and (first.lower_ != "as" or c.lower_ in SPEAKER_PRONOUNS) for c in root.children)
    if root.dep_ != "prep":  # (the parse hangs it on the verb or on the quoted noun: `was "a disgrace" on Twitter`)
        return False
    objects = [c for c in root.children if c.dep_ in {"pobj", "pcomp"}]
    return root.lower_ in {"in", "on"} and any(o.lemma_.lower() in OCCASION_NOUNS or o.lower_ in OCCASION_NOUNS for o in objects)


def _is_writer_addition(root: Token) -> bool:
    if root.pos_ == "NOUN":  # (an apposition, which the parser also hangs on the verb as a second attr or oprd)
        return root.dep_ in {"appos", "attr", "oprd", "npadvmod", "dobj"} and root.lemma_.lower() in COMMENT_NOUNS
    if root.dep_ == "relcl":
        return root.left_edge.lower_ == "which"
    return root.dep_ == "advcl" and root.tag_ == "VBG" and root.left_edge == root


def _participle_after_quote(root: Token) -> bool:
    """`called Cruz the "ultimate hypocrite," [linking to a story ...]`: a participle after a quote's closing comma
    and mark tells what the speaker did next, even where the parse hangs it on the quoted noun."""
    return root.dep_ == "acl" and root.tag_ == "VBG" and root.left_edge == root


def trimmed_end(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[-1].is_punct and tokens[-1].text not in CLOSING_MARKS or tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens


def object_span(head: Token) -> tuple[int, int]:
    """A reported noun phrase without a clause set off after a comma: `documented [the grabbing of children in 2022],
    after which the court said ...` (what follows the comma is the article's narration, often another report)."""
    start, end = clause_span(head)
    for token in head.subtree:
        if token.dep_ in {"relcl", "acl", "advcl"} and token.left_edge.i > head.i and token.left_edge.i > 0 \
                and token.doc[token.left_edge.i - 1].text == ",":
            comma = token.doc[token.left_edge.i - 1]
            end = min(end, comma.idx)
    while end > start and doc_text(head.doc)[end - 1].isspace():
        end -= 1
    return start, end


def thought_inside_a_report(verb: Token) -> bool:
    """`X said he does not believe Y`: a thought inside what somebody says is part of that report, not one of its own."""
    lemma = verb.lemma_.lower()
    return lemma in INDIRECT_VERBS and lemma not in SPEECH_VERBS and verb.dep_ == "ccomp" and is_speech_verb(verb.head)


def starts_new_report(child: Token) -> bool:
    """A speech verb joined to a reported clause starts a report of its own: `said A and said that B`, `said A,
    telling them B`. The parser hangs it on A's verb, but it is no part of what A reports."""
    if child.dep_ not in {"conj", "advcl"} or child.pos_ != "VERB" or child.i < child.head.i:
        return False
    if child.lemma_.lower() not in INDIRECT_VERBS | SPEECH_VERBS or any(c.dep_ in SUBJECTS for c in child.children):
        return False
    return child.dep_ == "conj" and not _in_the_clauses_tense(child) or child.tag_ == "VBG"


def _children_along_conjuncts(head: Token) -> list[Token]:
    """The head's children, and those of the verbs joined to it that stay in the clause: in `says [he'd sit Putin down and
    tell him X] and tells the crowd Y` the parser hangs the second report on "tell"."""
    children = []
    for child in head.children:
        children.append(child)
        if child.dep_ == "conj" and child.i > head.i and not starts_new_report(child):
            children += [c for c in _children_along_conjuncts(child) if c.dep_ == "conj"]
    return children


def _in_the_clauses_tense(verb: Token) -> bool:
    """A verb joined to a reported clause that shares the clause's modal or tense, not the cue's, goes on with what is
    reported: `says [he'd sit Putin down and tell him ...]`, `says [he spoke to Trump and asked him to ...]`."""
    clause = verb.head
    cue = clause.head if clause.dep_ == "ccomp" else None
    if verb.tag_ == "VB":  # a base form shares the clause's "would" or "to" (a report of its own is finite)
        # (not `went on to promote X, note that he had bought Y, and boast ...`, nor one with a "did" of its own, which
        # shares no "would": `said he would offer "a prayer" but did not suggest ...`)
        return clause.tag_ == "VB" and not (_has_do_support(verb) and not _has_do_support(clause))
    return cue is not None and verb.tag_ == clause.tag_ != cue.tag_


def _under_according(token: Token, clause_head: Token) -> bool:
    node = token
    while node != clause_head and node.head != node:
        if node.lower_ == "according" and node.head == clause_head:
            return True
        node = node.head
    return token.lower_ == "according"


def _has_do_support(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lemma_.lower() == "do" for c in verb.children)
