"""Mixed rows: the reported phrase or clause around a partial quote (`called the situation "..."`), as the
gold segments them, and reports joined to the clause that holds them."""

from __future__ import annotations

import re
from itertools import takewhile

from spacy.tokens import Doc, Span, Token

from newsfacts.nlp import doc_text, first_token_from, tokens_starting_in
from newsfacts.quotes.clauses import clause_span, lone_dash, sets_off_the_end, trimmed_end, without_writer_addition
from newsfacts.quotes.grammar import (
    CLOSING_MARKS, COMPLEMENTIZERS, COMPLEMENT_EDGES, QUOTE_OPENERS, closing_mark_at, is_speech_verb, overlaps_direct,
)
from newsfacts.quotes.rows import INDIRECT, PARTIAL, Quote
from newsfacts.quotes.speakers import CALIBRATED_CONFIDENCE, NO_SPEAKER_CONFIDENCE, cue_words
from newsfacts.quotes.subjects import speaker_phrase
from newsfacts.quotes.vocabulary import (
    ABOUT_CUES, ABOUT_PREPOSITIONS, INDIRECT_VERBS, LABELING_VERBS, OBJECT_CUES, SPEECH_VERBS, STANCE_VERBS,
    SUBJECTS,
)


def mixed_quotes(doc: Doc, quotes: list[Quote]) -> list[Quote]:
    """A partial quote inside a phrase its cue verb reports ('called him a "loser"', 'accused her of a "freak out"')
    is one "mixed" attribution: an indirect row for the whole phrase joins the partial row, as a reported clause
    with quoted words does. The partial row keeps the exact quoted words."""
    rows: list[Quote] = []
    covered = [(q.cue_start, q.start, q.end) for q in quotes if q.kind == INDIRECT]
    text = doc_text(doc)
    for quote in quotes:
        if quote.kind != PARTIAL or quote.cue_start is None or quote.attribution not in {"governs", "before", "after", "verb"}:
            continue
        if any(cue == quote.cue_start and _holds(text, start, end, quote) for cue, start, end in covered):
            continue  # already inside a reported clause of the same cue
        cue_index = first_token_from(doc, quote.cue_start)
        if cue_index >= len(doc) or doc[cue_index].pos_ not in {"VERB", "AUX"}:
            continue
        phrase = _reported_phrase(doc[cue_index], quote)
        governor = None if phrase is not None else _verb_before_its_cue(doc[cue_index], quote) or _verb_under_its_cue(
            doc[cue_index], quote)
        if governor is not None and (phrase := _reported_phrase(governor, quote)) is not None:
            # `denounced X as "Y" and warned ...`: the quote's cue is the verb whose phrase holds it, not the next one
            quote.cue, quote.cue_start, quote.cue_end = cue_words(governor, "clause")
        if phrase is None and (aside := _clause_around_aside(doc[cue_index], quote)) is not None:
            phrase = None if overlaps_direct(quotes, *aside) else aside  # (a direct quote's attribution is no aside)
        if phrase is None:
            continue
        start, end = phrase
        same_cue = next((row for row in rows if row.cue_start == quote.cue_start and row.start < end and start < row.end), None)
        if same_cue is not None:  # (`called him "X" and someone who "Y"`: one phrase holds both quotes)
            same_cue.start, same_cue.end = min(start, same_cue.start), max(end, same_cue.end)
            same_cue.text = text[same_cue.start : same_cue.end]
            covered.append((quote.cue_start, same_cue.start, same_cue.end))
            continue
        has_speaker = quote.speaker_text is not None
        state = "entity" if quote.speaker_entity is not None else "text"
        confidence = CALIBRATED_CONFIDENCE.get((INDIRECT, "mixed", state), 0.6) if has_speaker else NO_SPEAKER_CONFIDENCE
        rows.append(Quote(start, end, doc_text(doc)[start:end], INDIRECT, quote.speaker_entity, quote.speaker_text, quote.speaker_start,
                          quote.speaker_end, quote.cue, quote.cue_start, quote.cue_end, quote.paragraph, confidence, "mixed"))
        covered.append((quote.cue_start, start, end))
    return rows


# How a writer sets a report off inside the sentence it reports: `As X reported, ...`, `as he puts it, ...`.
ASIDE_VERBS = INDIRECT_VERBS | SPEECH_VERBS | frozenset({"put"})


def _clause_around_aside(cue: Token, quote: Quote) -> tuple[int, int] | None:
    """`As X reported, the star "gave $5,000" to them`, `Proposals, he added, amount to "tinkering"`: a cue set off
    (an `as` clause or a parenthetical) inside the clause that holds the quote reports that whole clause; the gold
    takes the clause, the aside aside, as the quote's content."""
    head = cue.head
    is_as_clause = cue.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children)
    # (a parenthetical names its own speaker: `, he added,`; a verb joined to the clause with its subject is another act)
    set_off = cue.dep_ == "parataxis" and any(c.dep_ in SUBJECTS for c in cue.children) and cue.left_edge.i > head.left_edge.i
    if not (is_as_clause or set_off) or head == cue or head.pos_ not in {"VERB", "AUX"}:
        return None
    if cue.lemma_.lower() not in ASIDE_VERBS or cue.idx > quote.start:
        return None
    doc = cue.doc
    first = first_token_from(doc, quote.start)
    if first >= len(doc) or doc[first] not in head.subtree or doc[first] in cue.subtree:
        return None
    start, end = clause_span(head)
    opening = tokens_starting_in(doc, start, cue.left_edge.idx)
    if all(t.dep_ == "cc" or t.is_punct or t.is_space for t in opening):  # (`But as X noted, ...`: the aside opens the
        # clause: the content starts after it and its comma or dash)
        after = next((t for t in doc[cue.right_edge.i + 1 :] if not (t.is_punct or t.is_space) or t.text in QUOTE_OPENERS), None)
        start = after.idx if after is not None else start
    text = doc_text(doc)
    if not any(c.isalnum() for c in text[min(end, quote.end) : max(end, quote.end)]):
        end = quote.end  # (the clause ends with the quote's words, without or with its closing mark: as other rows)
    if start > quote.start or end < quote.end or _only_the_quoted_words(start, end, quote):
        return None
    return start, end


def _verb_before_its_cue(cue: Token, quote: Quote) -> Token | None:
    """`called it "shameful" and called on ...`, `remarked upon "X," noting ...`: a cue after the quote joined to a verb
    before it (and, so, its subject) whose words hold the quote."""
    governor = cue.head
    if cue.idx < quote.end or cue.dep_ not in {"conj", "advcl"} or governor.pos_ != "VERB" or governor.idx > quote.start:
        return None
    first = first_token_from(cue.doc, quote.start)
    return governor if first < len(cue.doc) and cue.doc[first] in governor.subtree and cue.doc[first] not in cue.subtree else None


def _verb_under_its_cue(cue: Token, quote: Quote) -> Token | None:
    """`denied the accusations, dismissing X as "Y"`: a verb after the cue, sharing its subject, whose words hold the quote."""
    first = first_token_from(cue.doc, quote.start)
    if first >= len(cue.doc):
        return None
    return next((c for c in cue.children if c.dep_ in {"advcl", "conj", "xcomp"} and c.pos_ == "VERB" and cue.i < c.i
                 and c.idx < quote.start and cue.doc[first] in c.subtree and _same_subject(c, cue)
                 and (c.dep_ == "conj" or not any(g.dep_ in SUBJECTS for g in c.children))
                 and (c.dep_ != "conj" or _reports(c) or _second_act(c, cue, cue.doc[first]))), None)


def _same_subject(verb: Token, cue: Token) -> bool:
    """The verb has no subject of its own, or repeats the cue's (`He voiced a wish ... and he pronounced X "a friend"`;
    a clause of its own, `because he thought it "..."`, is not joined as a second act)."""
    own = [t.lower_ for g in verb.children if g.dep_ in SUBJECTS for t in g.subtree]
    if not own:
        return True
    cues = [t.lower_ for g in cue.children if g.dep_ in SUBJECTS for t in g.subtree]
    return own == cues


def _second_act(verb: Token, cue: Token, quoted: Token) -> bool:
    """`called the merger "a terrible deal" and ranked Fiorina as one of the worst "in the history of business"`: a verb
    joined to the cue in its tense (not one inside the cue's clause: `said he would sit down and tell him "..."`) whose
    own words hold the quote (the first verb above the quoted words)."""
    above = next((t for t in quoted.ancestors if t.pos_ in {"VERB", "AUX"}), None)
    return verb.tag_ == cue.tag_ and above == verb


def _reports(verb: Token) -> bool:
    return verb.lemma_.lower() in SPEECH_VERBS | STANCE_VERBS | LABELING_VERBS


def join_reports_holding_them(doc: Doc, quotes: list[Quote]) -> None:
    """`Rubio said he had begun "to unmask the true nature" of ...`, `Clinton says Americans are hungry for what she calls
    "real solutions"`: a partial quote inside a reported clause whose own cue is a verb of that clause, with the same
    speaker, is part of the clause's attribution: it takes the clause's cue and speaker (in place). A report of its own
    inside the clause (`..., when he told Clinton that "..."`) or another speaker (`Trump said Clinton called him a
    "bigot"`) keeps its own attribution."""
    text = doc_text(doc)
    clauses = [q for q in quotes if q.kind == INDIRECT and q.cue_start is not None and q.speaker_entity is not None]
    for quote in quotes:
        if quote.kind != PARTIAL or quote.cue_start is None or quote.speaker_entity is None:
            continue
        if _reports_a_clause_holding(doc[first_token_from(doc, quote.cue_start)], quote):
            continue  # (a report inside the report: `..., when he told Clinton that "..."`; the gold keeps it apart)
        holder = next((c for c in clauses if c.cue_start != quote.cue_start and c.speaker_entity == quote.speaker_entity
                       and c.start <= quote.cue_start < c.end and _holds(text, c.start, c.end, quote)), None)
        if holder is not None:
            quote.cue, quote.cue_start, quote.cue_end = holder.cue, holder.cue_start, holder.cue_end
            quote.speaker_text, quote.speaker_start = holder.speaker_text, holder.speaker_start
            quote.speaker_end = holder.speaker_end


def clauses_going_on_after_a_quote(doc: Doc, quotes: list[Quote]) -> None:
    """`X said polls could be "way off," and have been unreliable`: a comma inside a partial quote's closing mark makes the
    parse end the reported clause there and hang the rest of the sentence on the cue. The gold's content runs to the
    sentence's end (PolNeAR train: 19 of 20 such rows read). Only for a cue that is the sentence's main verb (in `When
    X said "...," the crowd cheered`, the rest is the writer's), and not across another report (`, and said that ...`,
    `, adding ...`) or a colon. The row is lengthened in place."""
    text = doc_text(doc)
    for row in quotes:
        if row.kind != INDIRECT or row.attribution not in {"clause", "mixed"} or row.cue_start is None or row.cue_start > row.start:
            continue
        tail = _sentence_after_closing_comma(doc, text, row)
        if tail:
            row.end = tail[-1].idx + len(tail[-1].text)
            row.text = text[row.start : row.end]


# After a quote's closing comma, the writer's comment on the words: `called him a "moderate," a subtle dig`.
COMMENT_AFTER_QUOTE = re.compile(r"\s+(?:an?|another|part of)\s", re.IGNORECASE)


def clauses_cut_at_the_writers_words_after_a_quote(doc: Doc, quotes: list[Quote]) -> None:
    """A mixed or clause row holding a partial quote of its cue stops where the writer's words start after its last quote
    mark; the gold's content stops there (PolNeAR train: of the rows a lone dash cuts, 14 come closer to the gold and 6
    go further; of those a noun phrase cuts, 5 of 5 come closer):
    - a lone dash: `Sanders said he was "encouraged" by the plan — a modest boost for Obama since 2009` (a pair of dashes
      sets off an aside inside the clause, `- including Cruz -`, which goes on after it);
    - an indefinite noun phrase after the quote's closing comma, the writer's comment on the words: `called him a
      "moderate," a subtle dig`, `called the remarks "racist," an extraordinary indictment` (a definite one says what
      the quoted words are, `rated "confidential," the lowest level of sensitivity`, and stays).
    The row is shortened in place."""
    text = doc_text(doc)
    for row in quotes:
        if row.kind != INDIRECT or not _holds_a_quote_of_its_cue(row, quotes):
            continue
        last_mark = _last_quote_mark(row.text)
        if last_mark < 0 or row.text[last_mark] == "“":  # (a quote still open runs to the row's end: `"wrong – and ...`)
            continue
        cut = _lone_dash_after(doc, row.start + last_mark, row.end) or _comment_after_closing_comma(
            text, row.start + last_mark, row.end)
        if cut is None:
            continue
        kept = trimmed_end(list(tokens_starting_in(doc, row.start, cut)))
        if kept:
            row.end = kept[-1].idx + len(kept[-1].text)
            row.text = text[row.start : row.end]


def _last_quote_mark(text: str) -> int:
    """Where the last quote mark stands, not counting an apostrophe (`there’s`, `president’s`), which would hide a quote's
    end before the writer's words."""
    marks = [at for at, char in enumerate(text) if any(text.startswith(m, at) for m in CLOSING_MARKS | {"“"})
             and not (char == "’" and text[at + 1 : at + 2].isalpha())]
    return marks[-1] if marks else -1


def _lone_dash_after(doc: Doc, start: int, end: int) -> int | None:
    dashes = [t for t in tokens_starting_in(doc, start, end) if lone_dash(t)]
    return dashes[0].idx if dashes and sets_off_the_end(dashes[0]) else None


def _comment_after_closing_comma(text: str, mark: int, end: int) -> int | None:
    closing = closing_mark_at(text, mark)
    if closing is None or text[mark - 1 : mark] != ",":
        return None
    after = mark + len(closing)
    return after if COMMENT_AFTER_QUOTE.match(text, after, end) else None


def _holds_a_quote_of_its_cue(row: Quote, quotes: list[Quote]) -> bool:
    return any(q.kind == PARTIAL and q.cue_start == row.cue_start and row.start <= q.start < row.end for q in quotes)


def _sentence_after_closing_comma(doc: Doc, text: str, row: Quote) -> list[Token]:
    mark = closing_mark_at(text, row.end + 1)
    if text[row.end : row.end + 1] != "," or mark is None:
        return []
    cue = doc[first_token_from(doc, row.cue_start)]
    if cue.dep_ != "ROOT":
        return []
    tail = trimmed_end(list(tokens_starting_in(doc, row.end + 1 + len(mark), cue.sent.end_char)))
    if not tail or any(t.text in {":", ";"} or t.pos_ in {"VERB", "AUX"} and t.lemma_.lower() in SPEECH_VERBS | INDIRECT_VERBS
                       for t in tail):
        return []
    # (what the parse hung before the tail must be the cue: the rest of the cue's sentence, not of another clause)
    if any(t.head.i < tail[0].i and t.head != cue for t in tail):
        return []
    return tail


def join_quotes_cued_after_their_clause(doc: Doc, quotes: list[Quote]) -> None:
    """`Ms. Khan said Mr. Trump was "ignorant" of Islam and criticized him`, `He says he "loves China," and "people from
    China love me," he also accuses it of ...`: a partial quote inside a reported clause of its speaker, whose cue is a verb
    after that clause (the next act, found after the quote), is part of the clause's attribution: it takes the clause's
    cue (in place), as the gold counts them: one attribution."""
    text = doc_text(doc)
    clauses = [q for q in quotes if q.kind == INDIRECT and q.cue_start is not None and q.speaker_entity is not None]
    for quote in quotes:
        if quote.kind != PARTIAL or quote.attribution != "after" or quote.cue_start is None or quote.speaker_entity is None:
            continue
        holder = next((c for c in clauses if c.speaker_entity == quote.speaker_entity and c.cue_start < c.start
                       and c.end <= quote.cue_start and _holds(text, c.start, c.end, quote)), None)
        if holder is not None:
            quote.cue, quote.cue_start, quote.cue_end = holder.cue, holder.cue_start, holder.cue_end
            quote.speaker_text, quote.speaker_start, quote.speaker_end = holder.speaker_text, holder.speaker_start, holder.speaker_end


def _reports_a_clause_holding(verb: Token, quote: Quote) -> bool:
    """Does the verb report a clause of its own that holds the quote (`told Clinton [that "..."]`, `admitted ["..."]`)?"""
    if any(c.dep_ == "ccomp" and c.left_edge.idx <= quote.start < c.right_edge.idx + len(c.right_edge.text)
           for c in verb.children):
        return True
    # (the parse may hang the clause elsewhere: `told X at a debate [that ...]` as a relative clause of "debate")
    between = takewhile(lambda t: t.idx < quote.start, verb.doc[verb.i + 1 :])
    return is_speech_verb(verb) and verb.idx < quote.start and any(
        t.dep_ == "mark" and t.lower_ in COMPLEMENTIZERS for t in between)


def _holds(text: str, start: int, end: int, quote: Quote) -> bool:
    """The clause [start, end) holds the quote, short of the quote's own closing punctuation at most (a reported
    clause ends before its full stop; the partial quote keeps the one printed inside its marks)."""
    return start <= quote.start and (quote.end <= end or not any(c.isalnum() for c in text[end : quote.end]))


def _reported_phrase(cue: Token, quote: Quote) -> tuple[int, int] | None:
    """From the cue's first complement after it to the end of the complement that holds the quote, when that
    reaches beyond the quoted words."""
    if cue.idx > quote.start:
        return _reported_clause_before(cue, quote)
    complements = [c for c in cue.children if c.i > cue.i and (c.dep_ in COMPLEMENT_EDGES or _listed_complement(c))]
    holder = next((c for c in complements if c.left_edge.idx <= quote.start and quote.start < c.right_edge.idx + len(c.right_edge.text)), None)
    if holder is None:
        return _labeled_phrase(cue, quote)
    # what a clause reports starts with the clause (`told supporters after the vote that "..."`: not the addressee); but
    # what a labeling verb reports starts with what it labels (`called [the situation "run amok"]`, parsed as a clause)
    labels = cue.lemma_.lower() in LABELING_VERBS and complements[0].dep_ in {"dobj", "oprd"}
    first = holder.left_edge if holder.dep_ in {"ccomp", "xcomp"} and not labels else complements[0].left_edge
    if not labels:
        first = _complementizer_before(cue.doc[first_token_from(cue.doc, quote.start)], first) or first
    # the quote may run on into the complements after its holder (`called him "the worst pick [in a generation]"`, the
    # parse hanging the prepositional phrase on the verb): the phrase ends with the last complement the quote reaches
    last = max((c.right_edge for c in complements[complements.index(holder):] if c.left_edge.idx < quote.end),
               key=lambda t: t.i)
    # and it goes on with a prepositional phrase right after the quote that the parse hangs on the verb (`called it a
    # "rough week" [for Trump]`, `crying "fraud" [over delegate selection]`), but not with when the words were said
    text = doc_text(cue.doc)
    following = next((c for c in complements[complements.index(holder) + 1 :] if c.left_edge.idx >= quote.end), None)
    if following is not None and _goes_on_with(following) and not text[quote.end : following.left_edge.idx].strip("\"”’' "):
        last = following.right_edge
    # and with the reason the speaker gives right after it (`calls the project "a mistake" [because few live near it]`)
    reason = next((c for c in cue.children if c.dep_ == "advcl" and c.left_edge.idx >= quote.end and c.left_edge.lower_ == "because"), None)
    if reason is not None and not text[quote.end : reason.left_edge.idx].strip("\"”’' ,"):
        last = reason.right_edge
    while last.i > first.i and last.is_punct and last.text not in {'"', "”", "’", "''"}:
        last = last.doc[last.i - 1]
    kept = without_writer_addition(list(cue.doc[first.i : last.i + 1]))
    if kept and kept[-1].idx + len(kept[-1].text) >= quote.end:
        last = kept[-1]  # (never short of the quote)
    start, end = first.idx, last.idx + len(last.text)
    if end < quote.end:
        end = quote.end  # the parse hung the quote's last words or punctuation elsewhere: the phrase still holds the quote
    if _only_the_quoted_words(start, end, quote):
        return None
    return start, end


def _complementizer_before(quoted: Token, first: Token) -> Token | None:
    """`telling customers at a breakfast spot [that "I need you tomorrow."]`: the parse may hang a reported clause on a
    noun (as a relative clause); its `that` (a subordinator, not a relative pronoun) still opens what the cue reports. A
    clause with a subject and its complement has no gap a relative pronoun would fill (`the values that "most Britons
    hold dear"` has: a relative clause)."""
    clause = next((t for t in quoted.ancestors if t.dep_ == "relcl"), None) if quoted.dep_ != "relcl" else quoted
    mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ in COMPLEMENTIZERS), None) if clause else None
    complete = clause is not None and {c.dep_ for c in clause.children} >= {"nsubj"} and any(
        c.dep_ in {"dobj", "attr", "acomp", "ccomp", "xcomp"} for c in clause.children)
    return mark if mark is not None and complete and first.i < mark.i < quoted.i else None


def _only_the_quoted_words(start: int, end: int, quote: Quote) -> bool:
    """Does [start, end) report nothing beyond the quoted words (their marks and a punctuation mark aside)? Then it is
    no mixed row: the partial row already holds them."""
    return start >= quote.start - 1 and end <= quote.end + 2


# Where or how words were said: `in a statement`, `at a rally`, `in a confrontation outside its offices`.
OCCASION_NOUNS = frozenset(
    """statement interview speech tweet post letter email e-mail book op-ed column editorial article debate rally meeting
    conference confrontation appearance address remarks video memo report hearing event call exchange message""".split())


def _goes_on_with(prep: Token) -> bool:
    """A prepositional phrase that goes on with what is reported: not a time (`over the weekend`, `in 2010`), another
    act (`before predicting ...`) nor the occasion of the words (`in a statement`)."""
    if prep.dep_ != "prep" or prep.lower_ in {"before", "after", "while", "during", "since", "until"}:
        return False
    if any(c.dep_ == "pobj" and c.lemma_.lower() in OCCASION_NOUNS for c in prep.children):
        return False
    return not any(t.ent_type_ in {"DATE", "TIME"} for t in prep.subtree)


def _reported_clause_before(cue: Token, quote: Quote) -> tuple[int, int] | None:
    """`<clause with "quoted words">, X said`: the clause the cue after it reports, when it reaches beyond the quoted words."""
    if not _attribution_closes_sentence(cue, quote):
        return None
    holder = next((c for c in cue.children if c.i < cue.i and c.dep_ == "ccomp"
                   and c.left_edge.idx <= quote.start < c.right_edge.idx + len(c.right_edge.text)), None)
    span = clause_span(holder) if holder is not None else _sentence_before_attribution(cue, quote)
    if span is None:
        return None
    start, end = span
    text = doc_text(cue.doc)
    comma = text.find(",", quote.end - 1, end)
    if comma >= 0:
        end = comma  # (the clause ends at the comma that sets off its attribution: `"...," an aide, who ..., said`)
    if end < quote.end and not any(c.isalnum() for c in text[end : quote.end]):
        end = quote.end  # (the clause stops before the full stop printed inside the marks)
    if _only_the_quoted_words(start, end, quote) or end < quote.end or start > quote.start:
        return None
    return start, end


def _attribution_closes_sentence(cue: Token, quote: Quote) -> bool:
    """`<clause>, X said.` or `<clause>, said X.`: a speaker right before or after the cue, which reports nothing after it."""
    if quote.speaker_start is None or quote.speaker_start < quote.end:
        return False
    cue_end = cue.idx + len(cue.text)
    if not (quote.speaker_end <= cue.idx or not doc_text(cue.doc)[cue_end : quote.speaker_start].strip()):
        return False
    return not any(c.i > cue.i and c.dep_ in {"ccomp", "xcomp", "dobj"} for c in cue.children)


MAX_WORDS_AFTER_QUOTE = 25


def _sentence_before_attribution(cue: Token, quote: Quote) -> tuple[int, int] | None:
    """Where the parse hangs the clause elsewhere: the sentence's words from its start to the comma before the
    attribution after the quote (`<words> "<quote>" <words>, X said`), with no other quote, colon or stop among them."""
    doc, text = cue.doc, doc_text(cue.doc)
    if not is_speech_verb(cue) or quote.text.rstrip(" ,").endswith((".", "!", "?")):
        return None  # (a quote that ends its sentence, or another verb than `X said` after it)
    attribution = min(cue.idx, quote.speaker_start)
    gap = text[quote.end : attribution]
    after = gap.lstrip("\"”'’").strip()  # (the words between the quote's closing mark and the attribution)
    if not (after.endswith(",") or not after.strip(",\"”'’") and quote.text.rstrip().endswith(",")):
        return None  # (no comma before the attribution)
    after = after.rstrip(",\"”'’ ")
    if any(c in after for c in '.!?;:"“”()—\n') or len(after.split()) > MAX_WORDS_AFTER_QUOTE:
        return None
    first = first_token_from(doc, quote.start)
    start = doc[first].sent.start_char if first < len(doc) else quote.start
    before = text[start : quote.start].rstrip("\"“'‘ ")
    reports = any(t.pos_ == "VERB" and t.lemma_.lower() in SPEECH_VERBS | INDIRECT_VERBS
                  for t in tokens_starting_in(doc, start, quote.start))
    if any(c in before for c in '"“”:;\n') or before.endswith(",") or reports:
        return None  # (another quote or report, a colon lead-in, or the writer's words set off before it)
    return start, quote.end + gap.index(after) + len(after) if after else quote.end


MAX_LABELED_WORDS = 6


def _labeled_phrase(cue: Token, quote: Quote) -> tuple[int, int] | None:
    """`called Florida's standards "strong"`, `declaring X's statements as "not Christian"`: a labeling verb (or one
    followed by `... as`) and the quote after a few words with no punctuation between them, where the parse hangs the
    quote elsewhere: what it labels and the label are the phrase."""
    doc, text = cue.doc, doc_text(cue.doc)
    between = list(takewhile(lambda t: t.idx + len(t.text) <= quote.start, doc[cue.i + 1 :]))
    while between and between[-1].text in QUOTE_OPENERS:
        between.pop()  # (the quote's opening mark)
    if not between or len(between) > MAX_LABELED_WORDS or any(
            t.is_punct or t.is_space or t.pos_ in {"VERB", "AUX"} for t in between):
        return None
    if text[between[-1].idx + len(between[-1].text) : quote.start].strip() not in QUOTE_OPENERS:
        return None  # (only the quote's opening mark after the words)
    if cue.lemma_.lower() not in LABELING_VERBS and between[-1].lower_ != "as":
        return None
    return between[0].idx, quote.end


def _listed_complement(child: Token) -> bool:
    """A noun the parser joined to the verb itself: `called him "X" and [someone who "Y"]` lists a second complement."""
    return child.dep_ == "conj" and child.pos_ in {"NOUN", "PROPN", "PRON"}


def reported_object(verb: Token) -> Token | None:
    """What a verb of judging or talking is about, as a noun phrase: 'endorsed [his rival]', 'warned of [a crisis]'."""
    lemma = verb.lemma_.lower()
    if lemma in OBJECT_CUES:
        target = next((c for c in verb.children if c.dep_ == "dobj"), None)
    elif lemma in ABOUT_CUES:
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ABOUT_PREPOSITIONS), None)
        target = next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None) if prep is not None else None
    else:
        return None
    if target is None or target.pos_ not in {"NOUN", "PROPN", "VERB"} or target.ent_type_ in {"DATE", "TIME"}:
        return None  # "written on Friday" is when, not what
    return target


def speaker_after_clause(verb: Token, content: Token | None) -> Span | None:
    """`<clause>, a spokeswoman, Anna White, said.`: the parser hung the speaker on the clause as an apposition and
    left the verb with no subject; the speaker is the first noun after the clause's last comma."""
    if content is None or content.i > verb.i:
        return None
    doc = verb.doc
    commas = [t.i for t in doc[content.i : verb.i] if t.text == ","]
    if not commas:
        return None
    words = [t for t in doc[commas[0] + 1 : verb.i] if t.pos_ in {"PROPN", "NOUN", "PRON"}]
    return speaker_phrase(words[0]) if words else None


def according_clause(token: Token) -> Token | None:
    """In `According to X, <clause>`, the clause is the head the prepositional phrase hangs from."""
    head = token.head if token.dep_ != "ROOT" else token
    if head == token:
        return None
    # A verb's clause, or a verbless sentence ("most Americans - 63 percent, according to ...").
    return head if head.pos_ in {"VERB", "AUX"} or head.dep_ == "ROOT" else None
