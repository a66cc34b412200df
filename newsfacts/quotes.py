"""Quotations in one article: direct, partial and indirect, each with its speaker.

Reads the article's spaCy parse and its entity mentions (from
`newsfacts.entities`), so that a speaker resolves through the same
coreference: "she wrote" is whoever "she" is.

- Direct and partial quotes come from quote marks (`newsfacts.quotemarks`).
  The cue is the speech verb next to the quote (`"...," X said`, `X said: "..."`)
  or the verb that governs it (`described the talks as "extremely productive"`);
  the speaker is that verb's subject. A quote with no cue of its own takes the
  speaker of the quote it continues: the other half of a quote split around its
  attribution (a quoted title inside that attribution does not break it), or the
  previous paragraph of a long quotation; a quote-only paragraph with no speaker
  takes the attribution of the quote that opens the next paragraph, or the name that
  signs it in the next paragraph (`- Sanders.`). Any main verb right before `, "` or
  after `"...,"` frames the quote (`X shot back, "..."`, `"...," exhorted X`), and a
  verb right after a quote that runs on (`"...," said X, half joking`) reports it. A
  speaker never comes from inside a quote, and a participle set off after a clause
  (`X pushed back, saying A - and arguing B`) speaks for that clause's subject.
- A short quoted noun phrase that is not what somebody says (a "peace letter",
  the word "ceasefire") is a scare quote or a title, not a quotation.
- Indirect quotes are content clauses of speech verbs (`X said (that) ...`,
  `according to X, ...`, `..., saying it is not interested in ...`): every clause the
  parse offers is a candidate (`indirect_candidate_rows`), and the learned attribution
  model (`newsfacts.attribution_model`) keeps the likely ones. A second report
  joined to a clause (`said A and said that B`, `said A, telling them B`) is cut off
  it, and a thought inside what somebody says (`X said he does not believe Y`) is
  part of that report, not one of its own.
- A document that speaks ("the letter began") is attributed to its author
  where the article says who wrote it; `speaker_text` keeps the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import takewhile

from spacy.tokens import Doc, Span, Token

from newsfacts.entities import Mention
from newsfacts.nlp import doc_text, first_token_from, tokens_starting_in
from newsfacts.quotemarks import QuoteSpan, find_quotes_in_paragraphs

DIRECT, PARTIAL, INDIRECT = "direct", "partial", "indirect"

SPEECH_VERBS = frozenset(
    """say tell write add state explain insist warn deny claim argue note begin continue conclude read ask reply
    respond declare announce suggest describe call admit acknowledge recall tweet post testify report confirm
    predict promise vow urge demand accuse complain joke quip concede stress emphasize emphasise observe remark
    shout yell scream whisper mutter exclaim cry tout boast brag contend maintain assert allege charge lament
    muse wonder agree counter retort reiterate repeat caution pledge threaten criticize criticise praise blast
    slam mock recount characterize label dub term quote cite inform assure remind reveal disclose indicate
    signal hint question proclaim chant sing plead beg implore beseech thank apologize apologise estimate
    forecast project conclude find rule order direct recommend propose offer express voice extend""".split()
)
# Cues of indirect speech: verbs that take a reported content clause.
INDIRECT_VERBS = frozenset(
    """say tell insist warn deny claim argue add state explain note announce suggest report confirm predict
    promise vow demand accuse complain concede stress emphasize emphasise observe maintain assert allege
    contend acknowledge admit reveal disclose indicate signal hint declare testify write tweet post reiterate
    repeat caution pledge threaten estimate conclude find rule recommend propose agree recall
    believe think feel hope fear expect know worry suspect doubt assume understand realize realise reckon
    guess imagine bet recognize recognise learn hear predict show prove allege complain charge order""".split()
)
# Cues whose reported content is an infinitive: "vowed to build", "urged Congress to act".
INFINITIVE_CUES = frozenset("promise vow pledge threaten urge ask demand call plan refuse offer encourage warn tell order".split())
DOCUMENT_NOUNS = frozenset(
    """letter statement document memo memorandum report note email e-mail post tweet message release filing
    complaint lawsuit indictment ruling order proposal plan bill text transcript speech op-ed editorial article
    book ad advertisement video sign poster card survey poll study press communique communiqué""".split()
)
# Verbs whose subject wrote the document (delivering or reading it does not make one its author).
AUTHORING_VERBS = frozenset("write send pen issue release author draft sign post tweet publish craft compose prepare submit".split())
# Words that introduce a quoted term only mentioned or a title ("the word 'ceasefire'", a show titled "...").
MENTIONED_WORD_CUES = frozenset("word words term phrase slogan so-called titled headlined hashtag".split())
# Verbs that attach a quoted label to something: with a subject they are quotes ("he dubbed him "the little senator"").
LABELING_VERBS = frozenset("call dub label term brand nickname describe characterize deem refer".split())
# Nouns that carry somebody's words: "her remark that "...", "Trump's statement: "..."".
ATTRIBUTION_NOUNS = frozenset(
    """remark remarks comment comments statement claim claims warning assertion words promise pledge vow
    insistence argument suggestion message tweet post response reply answer plea question accusation charge
    criticism observation declaration announcement admission boast prediction threat apology slogan""".split()
)
# Nouns of what somebody holds or keeps saying, which carry words only as the subject of "be" (`his view was that "..."`).
THINKING_NOUNS = frozenset("assumption belief view position phrase dictum mantra line refrain motto theme conclusion point".split())
# Verbs whose object is what somebody said or stood for ("announced his endorsement", "criticized the deal"), and
# verbs of talking whose topic follows a preposition ("warned of a crisis", "spoke about the plan").
OBJECT_CUES = frozenset(
    """endorse criticize criticise praise announce defend propose confirm attack deny reject condemn
    denounce dismiss discuss mention question welcome blame applaud decry""".split()
)  # not "support", "back", "oppose": stances, more often reported by the writer than said (half wrong on train)
# Acts of stance whose object is a quoted phrase: their subject (a person, a group, an ad) holds the words
# (`The Treasury secretary lauded the "needed reforms"`), unlike a thing doing a plain verb (`the balloons cascaded`).
STANCE_VERBS = OBJECT_CUES | frozenset("laud hail gush target tout embrace decry slam blast mock promise vow pledge".split())
ABOUT_CUES = frozenset("talk warn complain write ask joke comment call argue testify boast brag worry".split())
ABOUT_PREPOSITIONS = frozenset("about of for on against".split())
# Verbs that describe their subject ("he is now "host of the show""): the quote is a label, not the subject's words.
COPULAS = frozenset("be become remain seem appear".split())
SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
SUBORDINATE_CLAUSES = {"acl", "relcl", "ccomp", "advcl"}
CLAUSE_EDGES = {"ccomp", "xcomp", "advcl", "conj", "parataxis", "acl", "relcl", "pcomp", "pobj", "prep"}
# Capitalized words that after a quote's question or exclamation mark open a new sentence rather than its attribution.
SENTENCE_OPENERS = frozenset("He She They It We I You The This That These Those A An But And So Then His Her Their Its There".split())
MAX_SCARE_QUOTE_WORDS = 3
MAX_TITLE_WORDS = 6
ATTRIBUTION_WINDOW_TOKENS = 8  # how far from a quote's marks a speech verb may stand
# After a quote the speaker's words may run longer ("X, founder of the Y Institute for Z, said"): only speaker words
# may stand between, so a longer window reaches no other clause.
AFTER_WINDOW_TOKENS = 16


@dataclass
class Quote:
    start: int
    end: int
    text: str
    kind: str
    speaker_entity: int | None  # index of the article's local entity
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    paragraph: int
    confidence: float
    # how the speaker was found: after, before, according, governs, inherited, previous, forward, signature (a `- Name.`
    # paragraph under the quote), verb (the subject of a verb that does not report speech), outer (the subject of the
    # clause above an unreported partial quote's own), clause, mixed (a reported
    # phrase around a partial quote), object (a reported noun phrase), lead-in (the start of a sentence its attribution
    # splits), none
    attribution: str = "none"


@dataclass
class _Attribution:
    cue: Token | None
    speaker: Span | None  # the speaker's words
    how: str  # "after", "before", "governs", "according", "inherited", "none"


def extract_quotes(doc: Doc, paragraphs: list[tuple[int, int, bool]], mentions: list[Mention]) -> list[Quote]:
    """Every direct, partial and indirect quotation in one article, in text order."""
    text = doc_text(doc)
    spans = [(p[0], p[1]) for p in paragraphs]
    headings = {i for i, p in enumerate(paragraphs) if p[2]}
    marks = find_quotes_in_paragraphs(text, spans)
    mention_at = _mention_index(mentions)
    quotes: list[Quote] = []
    previous: tuple[QuoteSpan, _Attribution, Quote | None] | None = None
    found: list[tuple[QuoteSpan, Quote]] = []
    for span in marks:
        paragraph = _paragraph_of(spans, span.start)
        if paragraph in headings:
            continue
        attribution = _attribute(doc, span, marks)
        inherited = attribution.cue is None and previous is not None and _continues(text, spans, previous[0], span, previous[1])
        # `"A," X said, "B."`: B found the same verb before it; it keeps the speaker A found for it
        same_cue = (attribution.how == "before" and previous is not None and previous[1].how == "after"
                    and attribution.cue.i == previous[1].cue.i and previous[1].speaker is not None)
        if inherited or same_cue:
            attribution = _Attribution(previous[1].cue, previous[1].speaker, "inherited")
        elif attribution.cue is None and not _embedded(text, span):
            attribution = _speaker_of_previous_sentence(doc, span) or attribution
        elif attribution.cue is None:  # `Trump told CNN, his policy would merely be "to go after them"`: the parse hung it elsewhere
            attribution = _speech_verb_earlier_in_sentence(doc, span, marks) or _reporter_before_embedded(doc, span) or attribution
        kind = _kind(doc, text, span, attribution)
        if kind is None:
            continue  # a title or scare quote between the halves of a quote does not break them apart
        quote = _quote_row(doc, text, span, kind, attribution, paragraph, mention_at, quotes)
        quotes.append(quote)
        found.append((span, quote))
        # A quoted phrase inside the attribution of a split quote (`"A," said X of the "thing". "B."`) does not
        # break the split quote apart: B goes on from A.
        if kind == DIRECT or previous is None or _paragraph_of(spans, previous[0].start) != paragraph:
            previous = (span, attribution, quote)
    _attribute_forward(text, spans, found)
    _attribute_to_signature(doc, spans, found, mention_at)
    quotes = [q for span, q in found if not _unattributed_paragraph(text, spans, span, q)]
    quotes += _indirect_quotes(doc, spans, marks, headings, mention_at, quotes)
    _join_reports_holding_them(doc, quotes)
    quotes += _mixed_quotes(doc, quotes)
    quotes += _lead_in_rows(doc, quotes)
    quotes.sort(key=lambda q: (q.start, q.end))
    return quotes


# --- direct and partial -----------------------------------------------------------------------------


def _attribute_forward(text: str, paragraphs: list[tuple[int, int]], found: list[tuple[QuoteSpan, Quote]]) -> None:
    """`"A."` (paragraph break) `"B," X said.`: a paragraph that is only a quote, with no speaker of its own, is the
    start of the quotation that the next paragraph opens and attributes; it takes that attribution (in place)."""
    for (span, quote), (next_span, following) in reversed(list(zip(found, found[1:]))):
        if quote.speaker_text is not None or following.speaker_text is None or following.attribution not in {"after", "forward"}:
            continue
        if not (_whole_paragraph(text, paragraphs, span) and following.paragraph == quote.paragraph + 1):
            continue
        start = paragraphs[following.paragraph][0]
        if text[start : next_span.open_mark].strip():
            continue  # the next paragraph does not open with its quote
        quote.kind, quote.attribution = DIRECT, "forward"
        quote.speaker_entity, quote.speaker_text = following.speaker_entity, following.speaker_text
        quote.speaker_start, quote.speaker_end = following.speaker_start, following.speaker_end
        quote.cue, quote.cue_start, quote.cue_end = following.cue, following.cue_start, following.cue_end
        state = "entity" if quote.speaker_entity is not None else "text"
        quote.confidence = CALIBRATED_CONFIDENCE.get((DIRECT, "forward", state), 0.8 if state == "entity" else 0.6)


# A signature paragraph under a quote: `- Sanders.`, `-President Obama, tweeting after the speech.`
_SIGNATURE = re.compile(r"[-—–]\s*((?:[A-Z][\w.'’-]*\s?){1,5})(?=[,.]|$)")


def _attribute_to_signature(doc: Doc, paragraphs: list[tuple[int, int]], found: list[tuple[QuoteSpan, Quote]], mention_at) -> None:
    """`"..."` (paragraph break) `- Sanders.`: a paragraph that is only a quote, signed by the next paragraph (a dash
    and a name, as fact checks and quote lists print them), is that name's (in place)."""
    text = doc_text(doc)
    for span, quote in found:
        if quote.speaker_text is not None or not _whole_paragraph(text, paragraphs, span):
            continue
        index = _paragraph_of(paragraphs, span.start) + 1
        if index >= len(paragraphs):
            continue
        start, end = paragraphs[index]
        signed = _SIGNATURE.match(text, start, end)
        if signed is None:
            continue
        name_text = signed.group(1).rstrip()
        if name_text.endswith(".") and len(name_text.split()[-1]) > 3 and name_text.split()[-1] not in {"Jr.", "Sr."}:
            name_text = name_text[:-1]  # the sentence's full stop, not an initial's
        name_start, name_end = signed.start(1), signed.start(1) + len(name_text)
        name = doc.char_span(name_start, name_end, alignment_mode="expand")
        if name is None:
            continue
        quote.kind, quote.attribution = DIRECT, "signature"
        quote.speaker_entity = _entity_in(mention_at, name_start, name_end, name.root)
        quote.speaker_text, quote.speaker_start, quote.speaker_end = text[name_start:name_end], name_start, name_end
        state = "entity" if quote.speaker_entity is not None else "text"
        quote.confidence = CALIBRATED_CONFIDENCE.get((DIRECT, "signature", state), 0.8 if state == "entity" else 0.6)


def _unattributed_paragraph(text: str, paragraphs: list[tuple[int, int]], span: QuoteSpan, quote: Quote) -> bool:
    """A paragraph that is only a quote, with no attribution at all (none of its own, none it goes on from, none in the
    paragraphs around it): an epigraph, a pulled quote, a slogan or a transcript, which the gold does not count as
    anybody's quotation (PolNeAR train: 4 of 20 such rows matched a gold quote)."""
    return quote.attribution == "none" and quote.speaker_text is None and _whole_paragraph(text, paragraphs, span)


def _whole_paragraph(text: str, paragraphs: list[tuple[int, int]], span: QuoteSpan) -> bool:
    """Is the quote all its paragraph holds (marks and final punctuation aside)?"""
    start, end = paragraphs[_paragraph_of(paragraphs, span.start)]
    close = span.close_mark + 1 if span.close_mark is not None else span.end
    return not text[start : span.open_mark].strip() and not text[close:end].strip(" .,!?\"”’'\n")


def _attribute(doc: Doc, span: QuoteSpan, marks: list[QuoteSpan]) -> _Attribution:
    """The speech verb and speaker of a quote: after it, before it, or governing it."""
    inside = list(tokens_starting_in(doc, span.start, span.end))
    if not inside:
        return _Attribution(None, None, "none")
    text = doc_text(doc)
    close = span.close_mark if span.close_mark is not None else span.end
    next_open = min((m.open_mark for m in marks if m.open_mark > close), default=len(text))
    paragraph_end = text.find("\n", close)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    quoted = [(m.open_mark, (m.close_mark if m.close_mark is not None else m.end) + 1) for m in marks]
    # `X, exasperated, responded: "What difference does it make?" Her critics cited it ...`: a speech verb and a colon
    # right before a quote that ends its sentence introduce it; a verb of the next sentence does not
    quote_runs_on = _runs_on(text, span)
    introduced = not quote_runs_on and _speech_verb_and_colon_before(doc, span)
    # After: `"...," the letter began` / `"...," said X`: only the speaker's words may stand between.
    after = [] if introduced else doc[inside[-1].i + 1 : inside[-1].i + 1 + AFTER_WINDOW_TOKENS]
    relative = None  # a relative clause skipped on the way (it describes the speaker)
    for token in after:
        if not (close < token.idx < min(next_open, paragraph_end)):
            continue
        # `"...," said X, half joking`: a verb right after a quote that runs on into it reports that quote
        runs_on = quote_runs_on and token.tag_ != "VBG"  # (`"A," adding, "B."` is two reports)
        inverted = runs_on and not text[close + 1 : token.idx].strip(" \"”’'")
        if token.pos_ == "CCONJ" and not text[close + 1 : token.idx].strip(" \"”’',") and _opens_clause_with_subject(token):
            break  # `describes the party as "a six-lane highway," and Johnson talks about ...`: a clause of its own
        if runs_on and (describing := _describes_noun_after(token, close)) is not None:
            # `"...," Miller, a retired worker, said`, `"...," X, the guru who founded Y, tweeted`: the speaker's words
            relative = describing if describing.dep_ == "relcl" else relative
            continue
        if _is_speech_verb(token) and not quote_runs_on and (_aside_of_later_clause(token) or _relative_clause_verb(token, close)):
            # `"B." Perhaps, he said, the voters will agree.`: that "said" reports the sentence it stands in; `"B." The
            # mayor, who vowed to ...`: that verb describes somebody of the next sentence
            break
        if _is_speech_verb(token):
            # (`"A," X said, "B."`: B is no content of its own; after `"A." X added, "B."` it is)
            other_half = quoted if runs_on else ()
            if not inverted and (_has_own_content(token, span, other_half) or _ends_sentence(text, span) and _has_object(token)):
                break  # `"...soft." He says referees are ...`, `"...unacceptable." X wrote a letter`: that verb reports something else
            speaker = _outside_relative_clause(_subject_outside(token, span, quoted), relative)
            return _Attribution(token, _after_close(speaker, close), "after")
        if token.lower_ == "according" and _according_to(token) is not None:
            return _Attribution(token, _according_to(token), "according")
        if _frames_quote_after(token, span, text, quoted):
            return _Attribution(token, _subject_outside(token, span, quoted), "after")
        if inverted and (speaker := _inverted_framing_speaker(token)) is not None:
            return _Attribution(token, speaker, "after")
        if runs_on and (speaker := _speaker_of_verb_tagged_noun(token, close)) is not None:
            return _Attribution(token, speaker, "after")
        speaker_word = token.pos_ in _SPEAKER_WORDS or token.lower_ == "as" or _name_read_as_verb(token)  # (`"...," as Cruz said`)
        if not speaker_word or (token.is_punct and token.text in ".!?;"):
            break
    # Before: `X said: "..."`, `X told reporters on Monday that "..."`, `According to X, "..."`.
    previous_close = max((m.close_mark or m.end for m in marks if (m.close_mark or m.end) < span.open_mark), default=-1)
    paragraph_start = text.rfind("\n", 0, span.open_mark) + 1
    start_token = max(0, inside[0].i - ATTRIBUTION_WINDOW_TOKENS - 1)
    before_tokens = [t for t in doc[start_token : inside[0].i] if max(previous_close, paragraph_start - 1) < t.idx < span.open_mark]
    named = _colon_speaker(before_tokens)
    if named is not None:  # `Trump: "..."`, as in transcripts; `Continued Stone: "..."`
        inverted = _inverted_speech_verb(before_tokens, len(named))
        return _Attribution(before_tokens[-len(named) - 2] if inverted else before_tokens[-1], named, "before")
    for token in reversed(before_tokens):
        if token.lower_ == "according" and _according_to(token):
            return _Attribution(token, _according_to(token), "according")
        if token.dep_ == "amod" and not any(c.dep_ == "nsubj" for c in token.children):
            continue  # a participle describing a noun ("the proposed tax credit") reports nothing; one with a subject
            # is a verb the parse misread (`-- complete with teleprompter -- Trump told supporters that "..."`)
        if _is_speech_verb(token):
            return _Attribution(token, _subject_outside(token, span, quoted), "before")
        if token.pos_ in {"VERB", "AUX"} or token.text in {".", "!", "?", ";"}:
            break
    framing = _frames_quote_before(before_tokens, span)
    if framing is not None:  # `X shot back, "..."`, `X boomed: "..."`
        return framing
    governor = _governing_verb(inside, span)
    if governor is not None and _is_speech_verb(governor):
        speaker = _not_inside(_subject(governor), span)
        if speaker is None and governor.tag_ != "VBG":
            # `Alarmed by ... in Nevada, Senator X, the minority leader, said that ...`: parsed as `Nevada and X`
            speaker = _not_inside(_name_read_as_modifier(governor) or _person_before(governor, quoted), span)
        return _Attribution(governor, speaker, "governs")
    quote_root = next((t for t in inside if t.head == t or not (span.start <= t.head.idx < span.end)), None)
    aside = _parenthetical_cue(governor, span) or _parenthetical_cue(quote_root, span)
    if aside is not None:  # `Trump, Sexton said, has created a "strange ... zone"`
        return _Attribution(aside, _subject_outside(aside, span, quoted), "governs")
    if governor is not None and governor.lemma_.lower() in LABELING_VERBS and governor.dep_ not in {"acl", "amod"}:
        speaker = _subject(governor) or _name_read_as_modifier(governor)
        return _Attribution(governor, _not_inside(speaker, span), "governs")  # not "a group called "X"", which is a name
    introduced = _introduced_by_colon(before_tokens) or _introduced_by_previous_paragraph(doc, span, marks)
    if introduced is not None:  # `Bush told the newspaper: "..."`, `From the report: "..."`
        return introduced
    carrier = _attribution_noun(inside, span)
    if carrier is not None:  # `her remark that "..."`
        return carrier
    predicated = _possessed_saying_before_copula(governor, span)
    if predicated is not None:  # `His assumption was that "..."`
        return predicated
    according = _according_to_in_sentence(doc, span, quoted)
    if according is not None:  # `Over the long term, according to the budget office, the rise in debt "is mainly ..."`
        return according
    if governor is not None and governor.lemma_.lower() in STANCE_VERBS and (subject := _not_inside(_subject(governor), span)) is not None \
            and subject.root.pos_ in {"NOUN", "PROPN", "PRON"} and subject.root.lower_ not in {"it", "this", "that", "there", "which"}:
        return _Attribution(governor, subject, "governs")  # `The rally denounced Trump's call for "a total shutdown"`
    # (after the stance verb: the rally that denounced "Trump's call for ..." holds it, in the gold)
    owned = _owned_words(doc, span)
    if owned is not None:  # `Obama's "if you like your plan, you can keep it" promise`, `his call for "a total ban"`
        return owned
    if governor is not None and governor.lemma_.lower() not in COPULAS and (subject := _subject(governor)) is not None \
            and subject.root.pos_ in {"PROPN", "PRON"} and subject.root.lower_ not in {"it", "this", "that", "there"}:
        return _Attribution(governor, subject, "verb")  # `Rubio bemoaned a climate where people "literally hate each other"`
    return _Attribution(None, None, "none")


def _speech_verb_earlier_in_sentence(doc: Doc, span: QuoteSpan, marks: list[QuoteSpan]) -> _Attribution | None:
    """A quoted phrase in the writer's sentence with no cue of its own: the last speech verb before it in its sentence (in
    no other quote), when that verb's subject is a name or a person's pronoun."""
    quoted = [(m.open_mark, (m.close_mark if m.close_mark is not None else m.end) + 1) for m in marks]
    first = first_token_from(doc, span.open_mark)
    if first >= len(doc):
        return None
    for token in reversed(doc[doc[first].sent.start : first]):
        if _is_speech_verb(token) and token.dep_ not in {"amod", "acl"} and not _inside(quoted, token.idx):
            subject = _subject_outside(token, span, quoted)
            if subject is not None and subject.root.pos_ in {"PROPN", "PRON"} and subject.root.lower_ not in {"it", "this", "that", "there", "which", "who"}:
                return _Attribution(token, subject, "sentence")
            return None
    return None


def _according_to_in_sentence(doc: Doc, span: QuoteSpan, quoted: list[tuple[int, int]]) -> _Attribution | None:
    """`According to X, ...` earlier in the quote's sentence than the words next to it (and in no other quote)."""
    first = first_token_from(doc, span.open_mark)
    if first >= len(doc):
        return None
    for token in doc[doc[first].sent.start : first]:
        if token.lower_ == "according" and not _inside(quoted, token.idx) and (source := _according_to(token)) is not None:
            return _Attribution(token, source, "according")
    # `But as the Global Times noted in an op-ed, the candidate "has earned himself a few fans"`
    return _as_reported_by([t for t in doc[doc[first].sent.start : first] if not _inside(quoted, t.idx)])


def _attribution_noun(inside: list[Token], span: QuoteSpan) -> _Attribution | None:
    """A quote governed by a noun of saying whose owner is named: `her remark that "..."`."""
    for token in inside:
        node = token
        for _ in range(6):
            if node.head == node:
                break
            node = node.head
            if not (span.start <= node.idx < span.end) and node.pos_ == "NOUN" and node.lemma_.lower() in ATTRIBUTION_NOUNS:
                owner = next((c for c in node.children if c.dep_ == "poss"), None)
                if owner is None:
                    by = next((c for c in node.children if c.lower_ == "by"), None)
                    owner = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
                return _Attribution(node, _phrase(owner), "governs") if owner is not None else None
    return None


def _possessed_saying_before_copula(governor: Token | None, span: QuoteSpan) -> _Attribution | None:
    """`Rubio's catch phrase was that X "would say anything"`, `His assumption was that "..."`: a copula whose subject is
    a possessed noun of saying or thinking; the possessor, a person or a group, holds the words."""
    copula = governor
    for _ in range(3):  # `was that "as voters learn," they would leave`: the quote may sit in a clause of the clause
        if copula is None or copula.lemma_.lower() == "be" or copula.dep_ not in {"ccomp", "advcl"}:
            break
        copula = copula.head
    if copula is None or copula.lemma_.lower() != "be":
        return None
    noun = next((c for c in copula.children if c.dep_ == "nsubj"), None)
    if noun is None or noun.pos_ != "NOUN" or noun.lemma_.lower() not in ATTRIBUTION_NOUNS | THINKING_NOUNS:
        return None
    owner = _possessor_of(noun)
    if owner is None or span.start <= owner.start_char < span.end:
        return None
    return _Attribution(noun, owner, "governs")


def _owned_words(doc: Doc, span: QuoteSpan) -> _Attribution | None:
    """A quote between a possessor and a noun of saying (`Obama's "if you like your plan ..." promise`), or after a
    possessed "call for" (`his call for "a total ban"`): the possessor's words, however the parser hung the quote."""
    first = first_token_from(doc, span.open_mark)
    close = span.close_mark if span.close_mark is not None else span.end
    after = first_token_from(doc, close + 1)
    before = [t for t in doc[max(0, first - 3) : first] if t.idx < span.open_mark and not t.is_space and t.text not in QUOTE_OPENERS]
    if not before:
        return None
    noun = doc[after] if after < len(doc) else None
    if noun is not None and noun.pos_ == "NOUN" and noun.lemma_.lower() in ATTRIBUTION_NOUNS:
        owner = _possessor(before[-1])
        if owner is not None:
            return _Attribution(noun, owner, "governs")
    if before[-1].lower_ in {"a", "an", "the"}:
        before = before[:-1]  # `his call for a "revolution"`
    if len(before) >= 2 and before[-1].lower_ == "for" and before[-2].lemma_.lower() == "call" and before[-2].pos_ == "NOUN":
        owner = _possessor_of(before[-2])
        if owner is not None:
            return _Attribution(before[-2], owner, "governs")
    return None


def _possessor_of(noun: Token) -> Span | None:
    """Who owns a noun of saying, as a speaker: `his`/`her`/`their` (not `its`: a thing's "answer" is the writer's figure
    of speech), a name (`Rubio's catch phrase`) or a group (`the party's line`); None for anything else."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        return None
    if owner.tag_ == "PRP$":
        return owner.doc[owner.i : owner.i + 1] if owner.lower_ in SPEAKING_POSSESSIVES else None
    if owner.pos_ == "PROPN" or owner.pos_ == "NOUN" and owner.ent_type_ in {"", "ORG", "NORP", "PERSON"}:
        return _phrase(owner)
    return None


QUOTE_OPENERS = frozenset({'"', "“", "‘", "'", "``", "''"})


SPEAKING_POSSESSIVES = frozenset({"his", "her", "their"})


def _possessor(word: Token) -> Span | None:
    """The possessor a word closes: `his` itself, or the name before `'s` (`Barack Obama's`)."""
    doc = word.doc
    if word.tag_ == "PRP$" and word.lower_ in SPEAKING_POSSESSIVES:
        return doc[word.i : word.i + 1]
    if word.tag_ == "POS" and word.i > 0:
        word = doc[word.i - 1]
    if word.pos_ != "PROPN":
        return None
    start = word.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].sent == word.sent:
        start -= 1
    return doc[start : word.i + 1]


# Words that may stand between a quote and its speech verb: the speaker's name, an apposition
# ("Murphy, the head of Right to Rise USA,") and adverbs.
_SPEAKER_WORDS = {"DET", "PROPN", "NOUN", "PRON", "ADJ", "ADV", "PUNCT", "PART", "NUM", "CCONJ", "ADP"}


def _speech_verb_and_colon_before(doc: Doc, span: QuoteSpan) -> bool:
    index = first_token_from(doc, span.open_mark) - 1
    while index > 0 and doc[index].is_space:
        index -= 1
    if index < 1 or doc[index].text != ":":
        return False
    verb = doc[index - 1]
    return _is_speech_verb(verb) and verb.sent == doc[index].sent


def _runs_on(text: str, span: QuoteSpan) -> bool:
    """Does the quote's sentence go on after it: it ends on a comma, or on a question or exclamation mark not followed by
    a word that opens a sentence (`"Why?" he asked`, `"Why?" Hannity pressed`, not `"Why?" He answered`)?"""
    last = text[span.start : span.end].rstrip()[-1:]
    close = span.close_mark if span.close_mark is not None else span.end
    following = text[close + 1 :].lstrip(" \"”’'").split(maxsplit=1)[:1]
    return last == "," or last in {"?", "!"} and bool(following) and following[0] not in SENTENCE_OPENERS


def _describes_noun_after(token: Token, close: int) -> Token | None:
    """The participle or relative clause holding the token that describes a noun between the quote and it (`a retired
    worker`, `the guru who founded X`): part of the speaker's words, not a clause of its own. None if it is not one."""
    if token.dep_ == "amod" and token.head.i > token.i and not _is_speech_verb(token):
        return token  # (`"...," tweeted Rubio spokesman Alex Conant`: a speech verb the parse read as a modifier still reports)
    clause = next((a for a in [token, *token.ancestors] if a.dep_ == "relcl"), None)
    if clause is not None and close < clause.head.idx < token.idx and clause.head.pos_ in {"NOUN", "PROPN"}:
        return clause
    return None


def _after_close(speaker: Span | None, close: int) -> Span | None:
    """The speaker's words after the quote's closing mark: the parse may hang the opening mark on the name after the quote
    (`"...," Nate Silver, the guru who ..., tweeted`), and a speaker's phrase never holds the quote."""
    if speaker is None or speaker.start_char > close or speaker.root.idx <= close:
        return speaker
    doc = speaker.doc
    start = first_token_from(doc, close + 1)
    while start < speaker.root.i and doc[start].is_punct:
        start += 1
    return doc[start : speaker.end]


def _outside_relative_clause(speaker: Span | None, clause: Token | None) -> Span | None:
    """`"...," a source, who was not authorized to speak on the record, told X`: a speaker found inside the relative clause
    that describes it ("who", "the record") is the noun the clause describes."""
    if speaker is None or clause is None or not clause.left_edge.i <= speaker.root.i <= clause.right_edge.i:
        return speaker
    described = clause.head
    # (`Nate Silver, the polling guru who founded X`: the name the described words stand beside)
    return _phrase(described.head if described.dep_ == "appos" and described.head.pos_ == "PROPN" else described)


def _aside_of_later_clause(verb: Token) -> bool:
    """A speech verb set off inside a clause that goes on after it: `Perhaps, he said, the voters will agree`, `But, Mr.
    Ryan said, "democracy is ..."` (the clause may be the next quote: PolNeAR train 2 right, 1 wrong)."""
    return verb.dep_ == "parataxis" and verb.head.i > verb.i and verb.head.pos_ in {"VERB", "AUX"}


def _opens_clause_with_subject(conjunction: Token) -> bool:
    """`..., and Johnson talks`: the conjunction opens a clause with a subject of its own (not `and warned`, which goes
    on with the same subject as the quote's own verb)."""
    following = conjunction.doc[conjunction.i + 1 : conjunction.i + 2]
    return bool(following) and following[0].pos_ not in {"VERB", "AUX", "ADV"}


def _relative_clause_verb(verb: Token, close: int) -> bool:
    """`The mayor, who vowed to ...`, `- at which point the crowd chanted`: a relative clause's verb, with its relative
    word between the quote and the verb (not `"...," Eric Trump wrote`, which the parser sometimes makes one)."""
    doc = verb.doc
    return verb.dep_ == "relcl" and any(t.tag_ in {"WP", "WDT", "WP$"} for t in doc[first_token_from(doc, close + 1) : verb.i])


def _frames_quote_after(verb: Token, span: QuoteSpan, text: str, quoted: list[tuple[int, int]]) -> bool:
    """`"Go back home," Smith barked.`: a quote that ends on a comma, question or exclamation mark, followed only by a
    subject and a verb, is what that verb reports, whatever the verb ("barked", "confessed", "shot back")."""
    if verb.pos_ != "VERB" or verb.dep_ not in {"ROOT", "parataxis", "ccomp", "conj"} or not _runs_on(text, span):
        return False
    if not _opens_its_sentence(verb.doc, span):
        return False  # `He says no one is "on pace to win," the number needed to ...`: words inside a sentence, not its frame
    close = span.close_mark if span.close_mark is not None else span.end
    subject = _subject(verb) or _name_before(verb, close)
    return (subject is not None and close < subject.start_char < verb.idx
            and (subject.root.pos_ in {"PROPN", "PRON", "NOUN"} or _name_read_as_verb(subject.root))
            and not _has_own_content(verb, span, quoted) and not any(c.dep_ == "dobj" and c.idx > verb.idx for c in verb.children))


def _opens_its_sentence(doc: Doc, span: QuoteSpan) -> bool:
    """Does the quote open its sentence: no word of the sentence before its opening mark (punctuation aside)?"""
    first = first_token_from(doc, span.open_mark)
    if first >= len(doc):
        return True
    sentence = doc[first].sent
    return not any(t.is_alpha or t.is_digit for t in doc[sentence.start : first] if t.idx < span.open_mark)


def _name_read_as_verb(token: Token) -> bool:
    """`"...," Trump shot back`: the tagger sometimes reads a name as a verb (trump, bush, rush); a capitalized "verb"
    that the parser made a subject is the name."""
    return token.pos_ == "VERB" and token.dep_ in SUBJECTS and token.text[:1].isupper()


def _name_before(verb: Token, close: int) -> Span | None:
    """`"...," Trump barked`: the parser sometimes hangs the name on the verb as a compound; a name (or he/she) and
    nothing else between the quote and the verb is its subject all the same."""
    doc = verb.doc
    words = [t for t in doc[first_token_from(doc, close + 1) : verb.i] if not t.is_punct and not t.is_space]
    if words and (all(t.pos_ == "PROPN" for t in words) or len(words) == 1 and words[0].lower_ in {"he", "she"}):
        return doc[words[0].i : words[-1].i + 1]
    return None


# Speech verbs the tagger often reads as nouns after a quote (`"...," the email read.`, `"...," the ad states.`).
VERBS_TAGGED_AS_NOUNS = frozenset("read reads states says writes notes adds state write".split())


def _speaker_of_verb_tagged_noun(token: Token, close: int) -> Span | None:
    """`"Friend, let me be blunt," the email read.`: a word of VERBS_TAGGED_AS_NOUNS that ends the sentence right after a
    quote that runs on, with only a noun phrase between, is its verb; that noun phrase speaks."""
    doc = token.doc
    if token.pos_ != "NOUN" or token.lower_ not in VERBS_TAGGED_AS_NOUNS:
        return None
    if token.i + 1 < len(doc) and not (doc[token.i + 1].is_punct or doc[token.i + 1].is_space or doc[token.i + 1].pos_ == "ADP"):
        return None  # (`the Saudis state in the white paper`: where it says it may follow)
    words = [t for t in doc[first_token_from(doc, close + 1) : token.i] if not t.is_punct and not t.is_space]
    # a noun phrase (`the two write`; `a voice-over in the ad states`: a place inside it, after its noun)
    # (`the editorial read`: the tagger may read the noun as an adjective, once it took the verb for the noun)
    if not words or not (words[-1].pos_ in {"NOUN", "PROPN"} or words[-1].pos_ in {"NUM", "ADJ"} and words[0].lower_ == "the") \
            or any(t.pos_ in {"VERB", "AUX"} for t in words) or words[0].pos_ == "ADP" \
            or any(t.pos_ == "ADP" and t.lower_ not in {"in", "of", "for", "from", "at"} for t in words):
        return None
    head = next((t for t in words if t.pos_ == "ADP"), None)
    return doc[words[0].i : (head.i if head is not None else words[-1].i + 1)]


def _inverted_framing_speaker(verb: Token) -> Span | None:
    """`"It's about time," exhorted Clinton's introducer.`: a verb in the past or present tense right after a quote that
    runs on, followed by a noun phrase and the end of the sentence, is said by that noun phrase, whatever the verb."""
    if verb.pos_ != "VERB" or verb.tag_ not in {"VBD", "VBZ"}:
        return None
    doc = verb.doc
    end = verb.i + 1
    while end < len(doc) and doc[end].sent == verb.sent and not (doc[end].is_punct or doc[end].is_space):
        end += 1
    words = doc[verb.i + 1 : end]
    if not words or words[-1].pos_ not in {"PROPN", "NOUN"} or any(t.pos_ in {"VERB", "AUX", "ADP", "SCONJ", "PRON"} and t.tag_ != "PRP$"
                                                                   for t in words):
        return None  # not "...," meant nothing to him
    if end < len(doc) and doc[end].text not in {".", ",", "!", "?", ";"}:
        return None
    return words


def _frames_quote_before(before: list[Token], span: QuoteSpan) -> _Attribution | None:
    """`Smith shot back, "..."`: a clause's main verb right before the comma or colon that opens a quote, with only
    particles between ("back", "out"), reports that quote, whatever the verb, when its subject is named or a pronoun."""
    if len(before) < 2 or before[-1].text not in {",", ":"}:
        return None
    index = len(before) - 2
    while index > 0 and before[index].pos_ in {"ADV", "ADP", "PART"} and before[index].dep_ in {"advmod", "prt"}:
        index -= 1
    verb = before[index]
    # (the parser often makes the quote the root and hangs the framing verb on it)
    main = verb.dep_ in {"ROOT", "conj"} or verb.dep_ in {"ccomp", "parataxis"} and span.start <= verb.head.idx < span.end
    if verb.pos_ != "VERB" or not main or any(c.dep_ == "dobj" for c in verb.children):
        return None
    subject = _subject(verb)
    if subject is None or subject.root.pos_ not in {"PROPN", "PRON"} or subject.root.lower_ in {"it", "this", "that", "there"} \
            or span.start <= subject.root.idx < span.end:
        return None
    return _Attribution(verb, subject, "before")


def _not_inside(speaker: Span | None, span: QuoteSpan) -> Span | None:
    """A quote never names its own speaker: `"Good reporter, this guy," Trump, the front-runner by a wide margin,
    said` parses with the quote's first words as the subject."""
    return None if speaker is not None and span.start <= speaker.root.idx < span.end else speaker


def _subject_outside(verb: Token, span: QuoteSpan, quoted: list[tuple[int, int]] = ()) -> Span | None:
    """The verb's subject, but never words inside the quote itself (a parser slip on `"Dear X," the letter began`) nor
    inside another quote (`"A, I praise Sen. X," Trump said, "and B."`: the parse made X the subject)."""
    subject = _subject(verb)
    if subject is not None and not (span.start <= subject.root.idx < span.end) and not _inside(quoted, subject.root.idx) \
            and not _names_a_time(subject.root):
        return subject
    # `"My bosses, ...," Mr. Conant said`: the parse gave the verb two subjects, the quote's first words and the speaker
    outside = next((c for c in verb.children if c.dep_ in SUBJECTS and c.pos_ in {"PROPN", "NOUN", "PRON"} and not _names_a_time(c)
                    and not span.start <= c.idx < span.end and not _inside(quoted, c.idx)), None)
    if outside is not None:
        return _phrase(outside)
    doc = verb.doc
    close = span.close_mark if span.close_mark is not None else span.end
    between = [t for t in doc[first_token_from(doc, close + 1) : verb.i] if t.pos_ in {"PROPN", "NOUN", "PRON"}]
    if between:
        return _phrase(between[-1])
    # `As Akhil Amar, a law professor, put it, "..."`: the parser made the name the object of "as"
    as_word = next((c for c in verb.children if c.lower_ == "as" and c.i < verb.i), None)
    named = next((c for c in as_word.children if c.dep_ == "pobj" and c.pos_ == "PROPN"), None) if as_word is not None else None
    if named is not None:
        return _phrase(named)
    following = next((t for t in doc[verb.i + 1 : verb.i + 6] if t.pos_ in {"PROPN", "NOUN", "PRON"} and t.tag_ not in {"WDT", "WP"}
                      and not _addressed(t, verb, span) and not span.start <= t.idx < span.end), None)
    while following is not None and following.dep_ in {"compound", "flat"} and following.head.i > following.i:
        following = following.head  # `said Robin Maynard`: the name, not its first word
    if following is not None:
        return _phrase(following)
    if verb.tag_ == "VBG" and verb.is_sent_start and (previous := _reporter_of_previous_sentence(verb)) is not None:
        return previous.speaker  # `X stated that the report "wasn't good." Adding, "..."`: a participle with no clause of its own
    return _name_read_as_modifier(verb) or _person_before(verb, quoted)


def _name_read_as_modifier(verb: Token) -> Span | None:
    """`Will described Trump as a "caricature"`, `Early described it as "news to me"`: the tagger reads a name that is
    also a modal or an adverb (Will, Early) as one and leaves the verb with no subject. A capitalized modal right before
    a past or present-tense verb (no modal takes one), or a capitalized adverb right before it that does not open its
    sentence, is the verb's subject."""
    if verb.i == 0 or any(c.dep_ in SUBJECTS for c in verb.children) or verb.tag_ not in {"VBD", "VBN", "VBZ"}:
        return None
    word = verb.doc[verb.i - 1]
    if word.head != verb or not word.text[:1].isupper() or word.text.isupper():
        return None
    if word.tag_ == "MD" or word.tag_ == "RB" and not word.is_sent_start:
        return verb.doc[word.i : word.i + 1]
    return None


OBJECT_PRONOUNS = frozenset("him them me us whom".split())


def _addressed(word: Token, verb: Token, span: QuoteSpan) -> bool:
    """A word after the verb that is not who speaks: the "it" of "as X put it", an object pronoun, and the one told or
    named before the quote (`telling the crowd, "..."`, `calling him "a feminist"`)."""
    if word.head == verb and word.dep_ == "dobj" and word.lower_ == "it" or word.lower_ in OBJECT_PRONOUNS:
        return True
    return word.head == verb and word.dep_ in {"dobj", "dative"} and verb.idx < span.open_mark


def _person_before(verb: Token, quoted: list[tuple[int, int]]) -> Span | None:
    """`In a call on Dec. 2, Col. Jane Wu, a military spokeswoman, said, "..."`: where the parser hung the speaker on
    something else (the date, "the Observer") and left the verb with no subject, the last person named before the verb
    in its sentence speaks, unless that name is a possessor, the object of a preposition or verb, inside what the verb
    reports, or one of a list."""
    people = [e for e in verb.doc.ents if e.label_ == "PERSON" and verb.sent.start <= e.start and e.end <= verb.i
              and e.root.dep_ not in {"poss", "pobj", "dobj", "dative"} and not _inside(quoted, e.start_char)
              and not (e.end < len(verb.doc) and verb.doc[e.end].tag_ == "POS")
              and not _reported_by(e.root, verb, quoted) and not _listed(e.root)]
    return people[-1] if people else None


def _listed(word: Token) -> bool:
    """A name in a list (`with hosts X and Y, the candidate said`) or modifying a noun (`"Morning Joe" hosts`): no
    speaker of its own."""
    if word.dep_ == "compound" or word.dep_ == "conj" and any(c.dep_ == "cc" for c in word.head.children):
        return True
    return any(c.dep_ == "conj" for c in word.children) and any(c.dep_ == "cc" for c in word.children)


def _reported_by(word: Token, verb: Token, quoted: list[tuple[int, int]] = ()) -> bool:
    """Is the word inside what the verb reports (`alleging that Obama wanted ..., said`: Obama is no speaker of "said")?
    Not a name outside the quote marks that the parser hung on the quoted words (`"...," Texas delegate Bill Hale,
    wearing a cowboy hat, said`)."""
    clause = next((a for a in [word, *word.ancestors] if a.head == verb and a.dep_ in {"ccomp", "xcomp"}), None)
    return clause is not None and not (_inside(quoted, clause.idx) and not _inside(quoted, word.idx))


def _speaker_of_previous_sentence(doc: Doc, span: QuoteSpan) -> _Attribution | None:
    """`Smith said the plan was flawed. "It will not work."`: a quote that opens a sentence with no cue
    of its own goes on for the speaker of the sentence just before it, in the same or the previous paragraph."""
    index = first_token_from(doc, span.open_mark)
    opening = doc[index] if index < len(doc) else None
    if opening is None or opening.sent.start == 0:
        return None
    return _reporter_of_previous_sentence(opening)


def _reporter_before_embedded(doc: Doc, span: QuoteSpan) -> _Attribution | None:
    """`"...," he said. Good information drives out bad only when "the truth is sexier than the lie."`: a quoted clause
    inside a sentence with no cue of its own goes on for the named reporter of the sentence just before it in the same
    paragraph. Not a short phrase or a title (scare quotes, names of shows), nor an aside in parentheses."""
    index = first_token_from(doc, span.open_mark)
    if index >= len(doc):
        return None
    text = doc_text(doc)
    opening = doc[index].sent[0]
    content = text[span.start : span.end]
    if opening.sent.start == 0 or "\n" in text[doc[opening.sent.start - 1].sent.start_char : opening.idx]:
        return None
    if len(content.split()) <= MAX_SCARE_QUOTE_WORDS or content[:1].isupper() and len(content.split()) <= MAX_TITLE_WORDS:
        return None
    lead = text[opening.idx : span.open_mark]
    if lead.count("(") > lead.count(")") or any(_is_speech_verb(t) for t in doc[opening.i : index]):
        return None  # (a sentence with a report of its own, `Her office insists ... "..."`, is no longer the last speaker's)
    found = _reporter_of_previous_sentence(opening)
    if found is None or found.speaker.root.pos_ not in {"PROPN", "PRON"}:
        return None
    return found


def _reporter_of_previous_sentence(opening: Token) -> _Attribution | None:
    """The speech verb and its subject in the sentence before the one `opening` starts (in the same or the previous
    paragraph)."""
    doc = opening.doc
    if opening.sent.start == 0:
        return None
    previous = doc[opening.sent.start - 1].sent
    if doc_text(doc).count("\n\n", previous.start_char, opening.idx) > 1:
        return None
    cues = [t for t in previous if t.pos_ in {"VERB", "AUX"} and t.lemma_.lower() in SPEECH_VERBS | INDIRECT_VERBS]
    # not a verb inside what another one reports (`Carter said that critics had been predicting ...`: Carter speaks)
    cues = [t for t in cues if not any(a in cues for a in t.ancestors)]
    for cue in reversed(cues):
        subject = _subject(cue)
        if subject is not None and subject.root.pos_ in {"PROPN", "NOUN", "PRON"} and subject.root.lower_ not in {"it", "this", "that"}:
            return _Attribution(cue, subject, "previous")
    return None


def _names_a_time(word: Token) -> bool:
    """`X said Wednesday, "..."`: the parser sometimes makes the day the verb's subject; a time never speaks."""
    return word.ent_type_ in {"DATE", "TIME"}


def _ends_sentence(text: str, span: QuoteSpan) -> bool:
    return text[span.start : span.end].rstrip()[-1:] == "."


def _has_object(verb: Token) -> bool:
    """`wrote a letter`: a direct object other than the "it" of "as X put it"."""
    return any(c.dep_ == "dobj" and c.lower_ != "it" for c in verb.children)


def _has_own_content(verb: Token, span: QuoteSpan, quoted: list[tuple[int, int]] = ()) -> bool:
    """Does the verb report a clause of its own, outside the quote (and outside the other half of a split quote)?"""
    return any(c.dep_ == "ccomp" and not (span.start <= c.idx < span.end) and not _inside(quoted, c.idx) for c in verb.children)


def _colon_speaker(before: list[Token]) -> Span | None:
    """`Sanders: "..."`: a name (one to four proper nouns, or two names joined by "and") and a colon right before
    the quote. A capitalized speech verb opening the sentence is no part of the name, even where the tagger read it
    as one (`Stated Stone:`)."""
    if len(before) < 2 or before[-1].text != ":":
        return None
    names = []
    for token in reversed(before[:-1]):
        joins_names = token.lower_ == "and" and names and names[-1].pos_ == "PROPN"
        if not (token.pos_ == "PROPN" or joins_names) or len(names) == 7 or _capitalized_speech_verb(token):
            break
        names.append(token)
    while names and names[-1].pos_ != "PROPN":
        names.pop()  # (an "and" with no name before it)
    if not names:
        return None
    if len(before) > len(names) + 1 and before[-len(names) - 2].pos_ not in {"PUNCT", "SPACE"} \
            and not _inverted_speech_verb(before, len(names)) and not _titled_at_paragraph_start(before[: -len(names) - 1]):
        return None
    return before[-1].doc[names[-1].i : names[0].i + 1]


ROLE_WORDS = {"ADJ", "NOUN", "ADP", "DET", "PROPN"}


def _titled_at_paragraph_start(role: list[Token]) -> bool:
    """`Former secretary of state Hillary Clinton: "..."`, as transcripts print a speaker: the words before the name are a
    title (no verb) that opens the paragraph."""
    doc = role[0].doc if role else None
    return bool(role) and all(t.pos_ in ROLE_WORDS for t in role) and (role[0].i == 0 or doc[role[0].i - 1].is_space
                                                                        or "\n" in doc[role[0].i - 1].whitespace_)


def _inverted_speech_verb(before: list[Token], names: int) -> bool:
    """`Continued Stone: "..."`: a speech verb opening its sentence, then the name and the colon."""
    if len(before) < names + 2:
        return False
    verb = before[-names - 2]
    opens = verb.is_sent_start or len(before) == names + 2 or before[-names - 3].is_space
    return (_is_speech_verb(verb) or _capitalized_speech_verb(verb)) and opens


def _capitalized_speech_verb(token: Token) -> bool:
    """A capitalized past or present form of a speech verb that the tagger took for part of a name (`Stated Stone:`);
    read from the word itself, since its lemma is then the word."""
    word = token.lower_
    if token.pos_ != "PROPN" or not token.text[:1].isupper():
        return False
    return word in {"said", "says", "wrote", "told"} or any(word.endswith(end) and word[: -len(end)] in SPEECH_VERBS
                                                           for end in ("d", "ed", "s"))


def _introduced_by_colon(before: list[Token]) -> _Attribution | None:
    """A quote after a colon belongs to the clause that introduces it: its subject, or X in `From X:`."""
    if not before or before[-1].text != ":":
        return None
    colon = before[-1]
    clause = [t for t in before[:-1] if t.sent == colon.sent]
    reporter = _as_reported_by([t for t in colon.sent if t.i < colon.i])  # (the aside may stand far from the colon)
    if reporter is not None:
        return reporter
    source = next((t for t in clause if t.lower_ == "from" and any(c.dep_ == "pobj" for c in t.children)), None)
    # (the parser often reads the quote's sentence as the root and hangs the introduction on it: `From the report: "..."`)
    if source is not None and (source.head.pos_ not in {"VERB", "AUX"} or source.head.i > colon.i):
        obj = next(c for c in source.children if c.dep_ == "pobj")
        return _Attribution(colon, _phrase(obj), "before")
    verbs = [t for t in clause if _leads_in(t, colon)]
    if not verbs:  # `Mr. Amar said that if viewed through the lens of negotiating strategy, a deal might be possible: "..."`
        verbs = [t for t in _writers_words_before(colon) if _leads_in(t, colon)]
    if verbs:
        subject = _subject(verbs[-1])
        if subject is not None and subject.root.pos_ in {"PROPN", "NOUN", "PRON"}:
            return _Attribution(verbs[-1], None if _says_nothing(verbs[-1], subject) else subject, "before")
    return None


PERSONAL_PRONOUNS = frozenset("i we they he she his her my our their".split())


def _says_nothing(verb: Token, subject: Span) -> bool:
    """`Estimates are: "..."`, `Wait, it gets better: "..."`: a clause that only says what the quote is (a copula or
    "get") introduces the quote but names no speaker, unless its subject is a name or a person's words (`Trump's
    reply was: "..."`)."""
    if verb.lemma_.lower() not in {"be", "get"}:
        return False
    return not any(t.pos_ == "PROPN" or t.ent_type_ in {"PERSON", "ORG", "NORP"} or t.lower_ in PERSONAL_PRONOUNS for t in subject)


def _leads_in(verb: Token, colon: Token) -> bool:
    """A main verb of the clause before the colon (the parser often hangs it on the quote's sentence after the colon)."""
    return verb.pos_ in {"VERB", "AUX"} and (verb.dep_ in {"ROOT", "conj"} or verb.dep_ == "ccomp" and verb.head.i > colon.i)


def _writers_words_before(colon: Token) -> list[Token]:
    """The colon's sentence up to the colon, after the last quote mark in it (the words of the writer that lead in)."""
    words = [t for t in colon.sent if t.i < colon.i]
    marks = [k for k, t in enumerate(words) if t.text in CLOSING_MARKS or t.text in {"“", "``", "«", "»"}]
    return words[marks[-1] + 1 :] if marks else words


def _as_reported_by(clause: list[Token]) -> _Attribution | None:
    """`Of course, as X observed, the biggest victor was not on the stage:`: the writer's clause before a colon that
    says whose words follow in an "as X said" aside introduces X's words, whatever its own subject ("the victor")."""
    for verb in clause:
        if _is_speech_verb(verb) and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
            subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is not None and subject.pos_ in {"PROPN", "NOUN"}:
                return _Attribution(verb, _phrase(subject), "before")
    return None


def _introduced_by_previous_paragraph(doc: Doc, span: QuoteSpan, marks: list[QuoteSpan]) -> _Attribution | None:
    """`Dr. Ward stated:` (paragraph break) `"..."`: a paragraph that opens with a quote, after a paragraph of the
    writer's that ends with a colon, is what that paragraph's last clause introduces."""
    text = doc_text(doc)
    paragraph_start = text.rfind("\n", 0, span.open_mark) + 1
    if text[paragraph_start : span.open_mark].strip() or paragraph_start == 0:
        return None
    previous_text = text[:paragraph_start].rstrip()
    colon_at = len(previous_text) - 1
    if not previous_text.endswith(":") or any(m.open_mark < colon_at < (m.close_mark or m.end) for m in marks):
        return None  # no colon, or the colon is inside a quotation (a long quote goes on by inheritance instead)
    colon_index = first_token_from(doc, colon_at)
    if colon_index >= len(doc) or doc[colon_index].text != ":":
        return None
    colon = doc[colon_index]
    reporter = _as_reported_by([t for t in colon.sent if t.i < colon.i])
    if reporter is not None:  # `As X observed, the winner was not on the stage:` (paragraph break) `"..."`
        return reporter
    verb = colon.head  # the parser often reads the quote's sentence as the root, so the introducing verb is no ROOT
    subject = _subject(verb) if verb.pos_ in {"VERB", "AUX"} and verb.i < colon.i else None
    if subject is not None and subject.root.pos_ in {"PROPN", "NOUN", "PRON"} and subject.end_char <= colon.idx:
        return _Attribution(verb, None if _says_nothing(verb, subject) else subject, "before")
    clause = [t for t in colon.sent if t.i <= colon.i]
    named = _colon_speaker(clause)  # `Stated Stone:` (paragraph break) `"..."`
    if named is not None and _inverted_speech_verb(clause, len(named)):
        return _Attribution(clause[-len(named) - 2], named, "before")
    return _introduced_by_colon(clause)


def _parenthetical_cue(governor: Token | None, span: QuoteSpan) -> Token | None:
    """A speech verb set off as an aside in the quote's clause: `X, Y said, did "..."`."""
    node = governor
    for _ in range(4):
        if node is None:
            return None
        for child in node.children:
            if child.dep_ == "parataxis" and _is_speech_verb(child) and not (span.start <= child.idx < span.end):
                return child
        if node.head == node:
            return None
        node = node.head
    return None


def _is_speech_verb(token: Token) -> bool:
    if token.pos_ not in {"VERB", "AUX"}:
        return False
    lemma = token.lemma_.lower()
    # "as X put it"
    return lemma in SPEECH_VERBS or lemma == "put" and any(c.lower_ == "it" and c.dep_ == "dobj" for c in token.children)


def _governing_verb(inside: list[Token], span: QuoteSpan) -> Token | None:
    """Up the parse from the quote: the nearest speech verb outside it, else the nearest verb."""
    heads = [t for t in inside if not (span.start <= t.head.idx < span.end) or t.head == t]
    first_verb = None
    for token in heads:
        node = token.head
        for _ in range(12):
            if not (span.start <= node.idx < span.end) and node.pos_ in {"VERB", "AUX"}:
                if _is_speech_verb(node):
                    return node
                first_verb = first_verb or node
            if node.head == node:
                break
            node = node.head
    return first_verb


def _according_to(token: Token) -> Span | None:
    to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
        to = token.doc[token.i + 1]
    obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    return _phrase(obj) if obj is not None else None


def _subject(verb: Token) -> Span | None:
    """The subject of a speech verb, looking through conjunctions, participles and relative clauses."""
    tagged = _name_before_parenthesis(verb)
    if tagged is not None:  # `Rep. Paul Ryan (R-WI) said`: the parse breaks on the party tag
        return tagged
    described = _subject_described_by_relative_clause(verb)
    if described is not None:
        return described
    node = verb
    if _starts_new_report(verb) and verb.head.dep_ == "ccomp" and _is_speech_verb(verb.head.head) and verb.head.head.i < verb.head.i:
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
                if subject.tag_ == "WDT" and thing_of is None and (read := _document_read(node)) is not None:
                    thing_of = _author(read) or _actor_of_object(read)
                return thing_of or _phrase(node.head)
            if _in_dateline(subject):  # `PHILADELPHIA (UPI) — The committee released a statement, offering ...`
                return _subject_after_dateline(subject)
            if node != verb and subject.pos_ == "NOUN" and node.dep_ in SUBORDINATE_CLAUSES and (outer := _subject(node.head)) is not None \
                    and outer.root.pos_ in {"PROPN", "PRON"}:
                # `X denied the notion that a shakeup is coming, explaining ...`: the parser hung the participle on the
                # clause inside; a thing named there does not speak, the main clause's named subject does
                return outer
            return _phrase(subject)
        agent = next((c for c in node.children if c.dep_ == "agent"), None)
        if agent is not None:
            obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return _phrase(obj)
        if node.dep_ == "acl" and node.head.pos_ in {"NOUN", "PROPN"}:
            if (outer := _actor_of_object(node.head) or _addresser(node.head)) is not None:
                return outer
            if (clause := _clause_of_set_off_participle(node)) is not None:
                node = clause
                continue
            return _author(node.head) or _phrase(node.head)  # "a letter ... telling him": the letter speaks
        if node.dep_ in {"conj", "advcl", "xcomp", "ccomp", "relcl", "pcomp", "pobj", "prep", "dobj"} and node.head != node:
            node = node.head
            continue
        if node.dep_ == "dep" and node.pos_ == "VERB" and node.head.pos_ == "VERB":
            node = node.head  # `X gestured, then leaned in and boomed`: a clause the parser left unlabelled
            continue
        break
    return None


def _document_read(relative: Token) -> Token | None:
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


RELATIVE_PERSON_WORDS = {"who", "whose"}


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
            return _phrase(subject)
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
    return _phrase(doc[opening - 1])


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
    if verb.pos_ not in {"VERB", "AUX"} or _is_speech_verb(verb) or verb.lemma_.lower() in {"quote", "cite", "hear", "see"}:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return _phrase(subject) if subject is not None and subject.pos_ in {"PROPN", "PRON"} else None


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
    return _subject(verb)


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


DATELINE_DASHES = {"—", "–", "-", "--"}


def _in_dateline(word: Token) -> bool:
    """A place in capitals that opens its paragraph and is followed, within a few words, by a dash:
    `WASHINGTON (AFP) – ...`, `PHILADELPHIA, July 25 (UPI) — ...`. The parser sometimes makes it a subject."""
    phrase = _phrase(word)
    text = doc_text(word.doc)
    if not phrase.text.isupper() or not (phrase.start_char == 0 or text[phrase.start_char - 1] == "\n"):
        return False
    return any(t.text in DATELINE_DASHES for t in word.doc[phrase.end : phrase.end + 8])


def _subject_after_dateline(word: Token) -> Span | None:
    dash = next(t for t in word.doc[word.i : word.i + 12] if t.text in DATELINE_DASHES)
    subject = next((t for t in word.doc[dash.i + 1 : word.sent.end] if t.dep_ in {"nsubj", "nsubjpass"}), None)
    return _phrase(subject) if subject is not None else None


def _author(document: Token) -> Span | None:
    """`She issued a statement saying ...`: a document its sentence says somebody put out speaks for that somebody."""
    verb = document.head
    if document.lemma_.lower() not in DOCUMENT_NOUNS or document.dep_ != "dobj" or verb.lemma_.lower() not in AUTHORING_VERBS | {"put"}:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ not in {"PROPN", "PRON", "NOUN"} or subject.lemma_.lower() in DOCUMENT_NOUNS:
        return None
    return _phrase(subject)


def _phrase(head: Token) -> Span:
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


def _continues(text: str, paragraphs: list[tuple[int, int]], previous: QuoteSpan, span: QuoteSpan, attribution: _Attribution) -> bool:
    """Does this unattributed quote continue the previous one (split around its attribution, or a long quotation)?"""
    if attribution.cue is None:
        return False
    same_paragraph = _paragraph_of(paragraphs, previous.start) == _paragraph_of(paragraphs, span.start)
    if same_paragraph:
        # `"A," the letter began. "B."`: the attribution stands between the two halves, and B starts a sentence.
        previous_close = previous.close_mark if previous.close_mark is not None else previous.end
        between = previous_close < attribution.cue.idx < span.open_mark
        # (the sentence may end inside a quoted title: `said on NBC's "Meet the Press." "B."`)
        return between and text[previous_close:span.open_mark].rstrip().rstrip("'\"”’").rstrip()[-1:] in {".", ":", ","}
    if previous.continues:
        return True
    # "...," he said.  (next paragraph)  "More words." : a paragraph that is only a quote goes on.
    paragraph = paragraphs[_paragraph_of(paragraphs, span.start)]
    between_previous = _paragraph_of(paragraphs, span.start) - _paragraph_of(paragraphs, previous.start) == 1
    return between_previous and not text[paragraph[0] : span.open_mark].strip()


def _kind(doc: Doc, text: str, span: QuoteSpan, attribution: _Attribution) -> str | None:
    """direct, partial, or None for a scare quote, a title or a mentioned word."""
    content = text[span.start : span.end]
    words = content.split()
    before = text[max(0, span.open_mark - 40) : span.open_mark].split()
    if before and before[-1].lower().strip(",:") in MENTIONED_WORD_CUES and len(words) <= 5:
        return None
    embedded = _embedded(text, span)
    # A speaker found through a verb that does not report speech ("verb") does not make a quote of a scare quote.
    uncued = attribution.cue is None or attribution.how in {"verb", "sentence"}
    # (American style puts the sentence's comma inside the marks: `author of "The Fixers," said`)
    if _is_title(content) and uncued or len(words) <= 6 and _names_a_work(text, span) and _is_title(content.rstrip().rstrip(",")):
        return None  # "Make Mexico Great Again"; CNN's "State of the Union": a title, not speech
    if _cited_with_author(text, span):
        return None  # `"Museum names a new director," by the Journal's Jane Doe`: a headline or a book, not speech
    if len(words) <= MAX_SCARE_QUOTE_WORDS:
        if uncued or _is_named_thing(doc, span, attribution):
            return None
        return PARTIAL if embedded else DIRECT
    # A short capitalized phrase in the writer's sentence that nobody is said to say names a show, a book, a slogan
    # or a headline (`host of "The Nightly Show with Larry Wilmore."`): PolNeAR train, 3 of 13 such rows were quotes.
    if (attribution.cue is None or attribution.how == "sentence") and embedded and len(words) <= MAX_TITLE_WORDS and content[:1].isupper():
        return None
    if attribution.how in {"after", "before", "according", "inherited", "previous"} and not embedded:
        return DIRECT
    return PARTIAL


WORK_NOUNS = frozenset("movie film show book series program documentary novel memoir album song".split())


def _names_a_work(text: str, span: QuoteSpan) -> bool:
    """Preceded by a possessive, an article, a preposition or a kind of work: `on CNN’s "State of the Union"`, `an
    interview with "The View"`, `the movie "Spotlight"`."""
    before = text[max(0, span.open_mark - 30) : span.open_mark].split()
    last = before[-1].lower() if before else ""
    return last.endswith(("’s", "'s")) or last in WORK_NOUNS or last in {
        "the", "a", "an", "on", "in", "of", "at", "from", "with", "titled", "called"}


# After a quote's closing mark: `," by` and a name (`by Times' Ben Sisario`, `by the Pulitzer Prize-winning ...`).
_BYLINE = re.compile(r"(?:''|[\"”’'])\s+by\s+(?:the\s+)?[A-Z]")


def _cited_with_author(text: str, span: QuoteSpan) -> bool:
    """A capitalized quote ending on a comma, then `by` and a name: a headline or a book cited with its author, as news
    digests list them (`—"Museum names a new director," by the Journal's Jane Doe: http://...`)."""
    content = text[span.start : span.end].rstrip()
    return span.close_mark is not None and content[:1].isupper() and content.endswith(",") \
        and _BYLINE.match(text, span.close_mark) is not None


def _is_title(content: str) -> bool:
    words = [w for w in content.split() if w[:1].isalpha()]
    minor = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with", "vs"}
    major = [w for w in words if w.lower() not in minor]
    return bool(major) and content.rstrip()[-1:] not in {".", "!", "?", ","} and all(w[0].isupper() for w in major)


def _embedded(text: str, span: QuoteSpan) -> bool:
    """Is the quote a piece of the writer's sentence, rather than a sentence of its own?"""
    prefix = text[: span.open_mark]
    before = prefix.rstrip()
    opens_sentence = (
        not before
        or prefix.endswith("\n")  # the paragraph starts with the quote
        or before[-1] in ".:!?"
        or before[-2:-1] in {".", "!", "?"} and before[-1] in "\"”’'"  # right after a quoted sentence
        or before.endswith(("said", "says", "wrote", "asked", ","))
    )
    close = span.close_mark if span.close_mark is not None else span.end
    content = text[span.start : span.end].rstrip().rstrip("'’").rstrip()  # (a quote inside that ends it: `...‘a civil person,’”`)
    ends_clause = content[-1:] in {",", ".", "!", "?", "…", "—", "-"} or close >= len(text) - 1 or text[close + 1 : close + 2] in {"", "\n"}
    return not (opens_sentence and ends_clause)


def _is_named_thing(doc: Doc, span: QuoteSpan, attribution: _Attribution) -> bool:
    """A quoted noun phrase that names a thing (a "peace letter") rather than words somebody says."""
    first = first_token_from(doc, span.open_mark)
    before = list(doc[max(0, first - 1) : first])
    inside = list(tokens_starting_in(doc, span.start, span.end))
    if not before or not inside:
        return False
    determiner = before[0].dep_ in {"det", "poss"} or before[0].lower_ in {"a", "an", "the", "its", "her", "his", "their"} or before[0].tag_ == "POS"
    nominal = inside[-1].pos_ in {"NOUN", "PROPN"}
    if not (determiner and nominal):
        return False
    if attribution.cue is not None and attribution.cue.lemma_.lower() in LABELING_VERBS and attribution.how in {"governs", "before"}:
        return False  # "described the talks as "productive"", "dubbed him "the little senator""
    # Still words somebody said when the noun phrase sits inside what a speech verb reports.
    node, path = inside[-1], []
    for _ in range(8):
        if node.head == node:
            break
        path.append(node.dep_)
        node = node.head
        if node == attribution.cue:
            return not any(dep in {"ccomp", "xcomp", "advcl"} for dep in path)
    return True


def _quote_row(doc, text, span, kind, attribution, paragraph, mention_at, quotes) -> Quote:
    speaker_entity, speaker_text, speaker_start, speaker_end = _speaker(doc, attribution, mention_at, quotes)
    if attribution.how in {"previous", "verb"} and speaker_entity is None:
        # Attributed by context only, and to nobody the article names: too often wrong (9% on train).
        attribution = _Attribution(None, None, "none")
        speaker_text = speaker_start = speaker_end = None
    if speaker_text is None and kind == PARTIAL and (outer := _subject_of_outer_clause(doc, span)) is not None:
        attribution = outer
        speaker_entity, speaker_text, speaker_start, speaker_end = _speaker(doc, attribution, mention_at, quotes)
    cue = attribution.cue
    confidence = _confidence(kind, attribution, speaker_entity)
    cue_text, cue_start, cue_end = _cue_words(cue, attribution.how)
    return Quote(span.start, span.end, text[span.start : span.end], kind, speaker_entity, speaker_text, speaker_start, speaker_end,
                 cue_text, cue_start, cue_end, paragraph, confidence, attribution.how)


NOT_A_SPEAKER = frozenset("it this that there which who what these those".split())


def _subject_of_outer_clause(doc: Doc, span: QuoteSpan) -> _Attribution | None:
    """`The GOP candidate sent out an email inviting them to enter the contest, to "win my engraved shotgun!"`: a partial
    quote that nothing reports, in a clause under a verb that does not report speech either, goes on for the subject of
    the clause above its own (the first verb up the parse, past the quote's own verb, that has a subject). Not when that
    verb is a copula (`He seemed ...`: no deed of saying). PolNeAR train: 21 of 35 such rows right (7 of 10 with an entity)."""
    inside = list(tokens_starting_in(doc, span.start, span.end))
    governor = _governing_verb(inside, span) if inside else None
    if governor is None:
        return None
    for verb in governor.ancestors:
        if span.start <= verb.idx < span.end or verb.pos_ not in {"VERB", "AUX"}:
            continue
        subject = _not_inside(_subject(verb), span)
        if subject is None:
            continue
        if verb.lemma_.lower() in COPULAS or subject.root.pos_ not in {"NOUN", "PROPN", "PRON"} or subject.root.lower_ in NOT_A_SPEAKER:
            return None
        return _Attribution(verb, subject, "outer")
    return None


def _cue_words(cue: Token | None, how: str) -> tuple[str | None, int | None, int | None]:
    # (a quote attributed by the report of the sentence before it, "previous", has that report's verb as its cue: the gold
    # counts `X promised that A. "B."` as one attribution)
    if cue is None:
        return None, None, None
    if how == "according":
        end_token = cue.doc[cue.i + 1] if cue.i + 1 < len(cue.doc) and cue.doc[cue.i + 1].lower_ == "to" else cue
        return doc_text(cue.doc)[cue.idx : end_token.idx + len(end_token.text)], cue.idx, end_token.idx + len(end_token.text)
    return cue.text, cue.idx, cue.idx + len(cue.text)


def _speaker(doc, attribution, mention_at, quotes) -> tuple[int | None, str | None, int | None, int | None]:
    speaker = attribution.speaker
    if speaker is None:
        return None, None, None, None
    start, end = speaker.start_char, speaker.end_char
    entity = _entity_in(mention_at, start, end, speaker.root)
    if entity is None and _is_document(speaker, quotes):
        entity = _author_of(doc, speaker, mention_at, quotes)
    if entity is None and speaker.root.lemma_.lower() in MEMBER_NOUNS:
        entity = _institution(speaker.root, {"from", "at"}, mention_at)
    if entity is None and speaker.root.lower_ in {"he", "she"}:
        entity = _last_speaker(doc, quotes, start, speaker.root.lower_, mention_at)
    return entity, speaker.text, start, end


# People who speak for the institution they are from: "researchers from Leeds University", "the team at MIT".
MEMBER_NOUNS = frozenset("team researcher scientist academic expert economist analyst".split())


def _named_by(noun: Token, preposition: str) -> Token | None:
    """The object of `preposition` on the noun, or on the object of its "of" ("a survey of 280 schemes by X")."""
    heads = [noun] + [o for c in noun.children if c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
    return next((o for head in heads for c in head.children if c.lower_ == preposition
                 for o in c.children if o.dep_ == "pobj"), None)


def _institution(noun: Token, prepositions: set[str], mention_at) -> int | None:
    """The organisation or person named in a "from"/"at" phrase on the noun (never a place: "a report from Baghdad"
    says where, not who)."""
    for preposition in prepositions:
        source = _named_by(noun, preposition)
        if source is None:
            continue
        start, end = source.left_edge.idx, source.right_edge.idx + len(source.right_edge.text)
        named = [m for m in mention_at if start <= m.start and m.end <= end and m.type in {"ORG", "PERSON"}]
        if named:
            return named[0].entity
    return None


PRONOUN_GENDERS = {"he": "male", "him": "male", "his": "male", "himself": "male",
                   "she": "female", "her": "female", "hers": "female", "herself": "female"}
TITLE_GENDERS = {"mr.": "male", "mr": "male", "mrs.": "female", "mrs": "female", "ms.": "female", "ms": "female"}


def _last_speaker(doc: Doc, quotes: list[Quote], position: int, pronoun: str, mentions: list[Mention]) -> int | None:
    """A "he said" the coreference left open: in news it goes on with whoever was quoted just before, if that was
    within the last two paragraphs and the article gives that person no other gender (a title, Mr. or Ms., or a
    pronoun the coreference resolved to them); else with the one before."""
    text = doc_text(doc)
    earlier = sorted((q for q in quotes if q.start < position and q.speaker_entity is not None), key=lambda q: -q.start)
    for quote in earlier:
        if text.count("\n\n", quote.start, position) > 2:
            return None
        genders = _genders_of(quote.speaker_entity, mentions)
        if not genders or genders == {PRONOUN_GENDERS[pronoun]}:
            return quote.speaker_entity
    return None


def speaker_pronoun_mentions(quotes: list[Quote], mentions: list[Mention]) -> list[Mention]:
    """The mentions plus each "he said"/"she said" of a quote that the coreference left open and this stage resolved
    (to whoever was quoted just before, `_last_speaker`): the pronoun names that person too. In text order."""
    people = {m.entity for m in mentions if m.type == "PERSON"}
    added = {}
    for quote in quotes:
        start, end = quote.speaker_start, quote.speaker_end
        if quote.speaker_entity in people and (quote.speaker_text or "").lower() in {"he", "she"} \
                and not any(m.start < end and start < m.end for m in mentions):
            added[start] = Mention(start, end, quote.speaker_text, "PERSON", "pronoun", quote.speaker_entity)
    return sorted([*mentions, *added.values()], key=lambda m: m.start) if added else mentions


def _genders_of(entity: int, mentions: list[Mention]) -> set[str]:
    """The genders an article's titles and resolved pronouns give one of its entities."""
    genders = set()
    for mention in mentions:
        if mention.entity != entity:
            continue
        words = mention.text.lower().split()
        gender = PRONOUN_GENDERS.get(words[0]) if len(words) == 1 else TITLE_GENDERS.get(words[0])
        if gender:
            genders.add(gender)
    return genders


def _is_document(speaker: Span, quotes: list[Quote]) -> bool:
    root = speaker.root
    if root.lemma_.lower() in DOCUMENT_NOUNS:
        return True
    # "it further read": "it" goes on for the document that spoke last.
    return root.lower_ == "it" and _last_document_quote(quotes) is not None


def _last_document_quote(quotes: list[Quote]) -> Quote | None:
    for quote in reversed(quotes):
        words = (quote.speaker_text or "").split()
        if words and words[-1].lower() in DOCUMENT_NOUNS:
            return quote
    return None


def _author_of(doc: Doc, speaker: Span, mention_at, quotes: list[Quote]) -> int | None:
    """Who the article says wrote the document: `X wrote a letter`, `X's letter`."""
    noun = speaker.root.lemma_.lower()
    if noun == "it":
        document = _last_document_quote(quotes)
        return document.speaker_entity if document else None
    by = _named_by(speaker.root, "by")
    if by is not None:  # "a report by Fox News Digital", "a survey of 280 schemes by Incomes Data Services"
        return _entity_in(mention_at, by.left_edge.idx, by.right_edge.idx + len(by.right_edge.text), by)
    if (source := _institution(speaker.root, {"from"}, mention_at)) is not None:
        return source  # "a statement from the band's record company Universal"
    for token in doc:
        if token.lemma_.lower() != noun:
            continue
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is not None and (entity := _entity_in(mention_at, owner.left_edge.idx, owner.idx + len(owner.text), owner)) is not None:
            return entity
        verb = token.head
        if token.dep_ in {"dobj", "nsubjpass"} and verb.lemma_.lower() in AUTHORING_VERBS:
            author = _subject(verb) if token.dep_ == "dobj" else next(
                (_phrase(o) for a in verb.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"), None)
            if author is not None and (entity := _entity_in(mention_at, author.start_char, author.end_char, author.root)) is not None:
                return entity
    return None


def _mention_index(mentions: list[Mention]) -> list[Mention]:
    return sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))


def _entity_in(mentions: list[Mention], start: int, end: int, head: Token) -> int | None:
    """The entity of the mention at the speaker's head word, else of any mention inside the speaker's words."""
    at_head = [m for m in mentions if m.start <= head.idx < m.end]
    if at_head:
        return at_head[0].entity
    # A name at the end of the speaker's words ("Ukrainian President Volodymyr Zelenskyy"), never a
    # modifier inside them ("the [American] first lady").
    ending = [m for m in mentions if start <= m.start and m.end == end and m.type != "NORP"]
    return ending[0].entity if ending else None


# Share of rows whose content and speaker were both right, per (kind, how the speaker was found, speaker
# state), measured on all 838 PolNeAR train articles with `newsfacts score quotes --split train` (groups of
# at least 20 rows; smaller ones fall back to 0.8 with an entity, 0.6 with words only).
# A row with no speaker at all gets 0.4: its words are usually a real quote, but it answers no "who".
CALIBRATED_CONFIDENCE = {
    ("direct", "after", "entity"): 0.98, ("direct", "after", "text"): 0.95,
    ("direct", "before", "entity"): 0.95, ("direct", "before", "text"): 0.71,
    ("direct", "inherited", "entity"): 0.94, ("direct", "inherited", "text"): 0.87,
    ("direct", "previous", "entity"): 0.64,
    ("partial", "governs", "entity"): 0.93, ("partial", "governs", "text"): 0.7,
    ("partial", "before", "entity"): 0.87, ("partial", "before", "text"): 0.59,
    ("partial", "after", "entity"): 0.83, ("partial", "after", "text"): 0.43,
    ("partial", "verb", "entity"): 0.72,
    # (groups under 20 rows, set from their measured share: the subject of the clause above an unreported partial quote)
    ("partial", "outer", "entity"): 0.7, ("partial", "outer", "text"): 0.56,
    ("indirect", "mixed", "entity"): 0.89, ("indirect", "mixed", "text"): 0.64,  # (other indirect rows: the model's probability)
}
NO_SPEAKER_CONFIDENCE = 0.4


def _confidence(kind: str, attribution: _Attribution, speaker_entity: int | None) -> float:
    if attribution.speaker is None:
        return NO_SPEAKER_CONFIDENCE
    state = "entity" if speaker_entity is not None else "text"
    return CALIBRATED_CONFIDENCE.get((kind, attribution.how, state), 0.8 if state == "entity" else 0.6)


def _paragraph_of(paragraphs: list[tuple[int, int]], offset: int) -> int:
    for index, (start, end) in enumerate(paragraphs):
        if start <= offset <= end:
            return index
    return max(0, len(paragraphs) - 1)


# --- the start of a sentence split by its attribution -----------------------------------------------

def _lead_in_rows(doc: Doc, quotes: list[Quote]) -> list[Quote]:
    """`No name change, he said, "hides what it really is."`: a quote that goes on with a sentence its attribution split
    (it opens in lower case after `, X said,`, or after the writer's `<words>,` with its attribution after it) says the words
    before the attribution too. They join it as an indirect row of the same cue and speaker, as the gold counts them: one
    attribution."""
    rows = []
    for quote in quotes:
        lead = _lead_in(doc, quote)
        if lead is not None:
            start, end = lead
            rows.append(Quote(start, end, doc_text(doc)[start:end], INDIRECT, quote.speaker_entity, quote.speaker_text,
                              quote.speaker_start, quote.speaker_end, quote.cue, quote.cue_start, quote.cue_end, quote.paragraph,
                              quote.confidence, "lead-in"))
    return rows


def _lead_in(doc: Doc, quote: Quote) -> tuple[int, int] | None:
    """The words from the start of the sentence to the comma before the speaker of `<words>, X said, "<quote>"`, or before
    the quote of `<words>, "<quote>," X said`."""
    if quote.kind not in {DIRECT, PARTIAL} or quote.speaker_start is None or quote.cue_start is None or not quote.text[:1].islower():
        return None
    text = doc_text(doc)
    if quote.attribution == "after" and quote.end < quote.cue_start:
        # `<words>, "<quote>," X said.`: the quote goes on with the sentence the words before it start
        lead_end = anchor = len(text[: quote.start].rstrip("\"“'‘ "))
        anchor -= 1  # (the comma)
    elif quote.attribution == "before" and quote.speaker_start < quote.cue_start < quote.start:
        between = text[quote.cue_end : quote.start].rstrip("\"“”'‘ ")  # (`X said, "`, `X told reporters, "`)
        if not between.endswith(",") or any(c in between for c in '.!?;:"“”\n') or len(between.split()) > 4:
            return None
        lead_end = anchor = quote.speaker_start
    else:
        return None
    first = first_token_from(doc, anchor)
    sentence_start = doc[first].sent.start_char if first < len(doc) else lead_end
    lead = text[sentence_start:lead_end].rstrip()
    if not lead.endswith(",") or any(c in lead for c in '"“”\n'):
        return None
    end = sentence_start + len(lead[:-1].rstrip())
    words = list(tokens_starting_in(doc, sentence_start, end))
    if len(words) < 2 or doc[first_token_from(doc, quote.cue_start)].tag_ == "VBG" or _says_when_or_how(words):
        return None
    return sentence_start, end


def _says_when_or_how(words: list[Token]) -> bool:
    """`On Monday`, `Speaking to reporters`: when or how the saying happened, not what was said."""
    return words[0].tag_ in {"VBG", "VBN"} or all(w.ent_type_ in {"DATE", "TIME"} or w.pos_ in {"ADP", "DET", "PUNCT"} for w in words)


# --- indirect ---------------------------------------------------------------------------------------


def _indirect_quotes(doc, paragraphs, marks, headings, mention_at, direct: list[Quote]) -> list[Quote]:
    """The reported clauses that the attribution model (`newsfacts.attribution_model`) takes for reported speech."""
    from newsfacts.attribution_model import choose, shipped_model  # (it builds on this module's parse helpers)

    return choose(indirect_candidate_rows(doc, paragraphs, marks, headings, mention_at, direct), shipped_model())


def indirect_candidate_rows(doc, paragraphs, marks, headings, mention_at, direct: list[Quote]) -> list[tuple[Quote, dict]]:
    """Every reported clause the parse offers as an indirect quote, with its speaker and the model's features."""
    from newsfacts.attribution_model import features, indirect_candidates, with_context

    quoted = [(m.open_mark, (m.close_mark or m.end) + 1) for m in marks]
    rows: list[tuple[Quote, dict]] = []
    for candidate in indirect_candidates(doc):
        if candidate.speaker is None and candidate.how == "clause" and _is_speech_verb(candidate.cue) and candidate.cue.tag_ != "VBG":
            # as for a quote the verb governs: `Alarmed by ..., former president X said his wife ...`, parsed with no subject
            candidate = replace(candidate, speaker=_person_before(candidate.cue, quoted))
        token, content = candidate.cue, candidate.content
        attribution = _Attribution(token, candidate.speaker, candidate.how)
        if _paragraph_of(paragraphs, token.idx) in headings or _inside(quoted, token.idx):
            continue
        start, end = _clause_span(content) if candidate.how != "object" else _object_span(content)
        # A clause that is all one direct quote is already a row; a clause with quoted words inside is a
        # "mixed" quote: the partial rows keep the exact words, this row the reported content.
        if end - start < 2 or _mostly_quoted(quoted, start, end, share=0.9) or _overlaps_direct(direct, start, end):
            continue
        speaker = attribution.speaker
        if speaker is not None and speaker.start_char >= start and speaker.end_char <= end and not (
                candidate.how == "aside" and speaker.root.head == token):
            continue  # the speaker is part of the clause; but "X, he said, did Y" sets its speaker off inside it
        entity, speaker_text, speaker_start, speaker_end = _speaker(doc, attribution, mention_at, direct)
        if candidate.how == "object" and _mostly_quoted(quoted, start, end, share=0.01):
            continue  # a reported noun phrase is never a mixed quote (whose speaker is unnamed or a document, the model weighs)
        cue_text, cue_start, cue_end = _cue_words(token, "according" if candidate.how == "according" else "clause")
        # (the model reads the clause without its complementizer; the row holds it)
        first = _with_complementizer(content, start) if candidate.how != "object" else start
        row = Quote(first, end, doc_text(doc)[first:end], INDIRECT, entity, speaker_text, speaker_start, speaker_end, cue_text,
                    cue_start, cue_end, _paragraph_of(paragraphs, first), NO_SPEAKER_CONFIDENCE, candidate.how)
        rows.append((row, features(candidate, start, end, entity is not None)))
    return with_context(rows)


# The words that open a reported clause as part of it: `said [that X]`, `asked [whether X]`, `asked [if X]`.
COMPLEMENTIZERS = frozenset({"that", "whether", "if"})


def _with_complementizer(head: Token, start: int) -> int:
    """Where the reported clause starts with its own `that`, `whether` or `if`: the clause as a whole is what is reported
    (PolNeAR's contents include the word in 98% of the 2,323 train contents it opens: 2,293 `that`, 130 of 137 `whether`,
    87 of 97 `if`)."""
    mark = next((c for c in head.children if c.dep_ == "mark" and c.lower_ in COMPLEMENTIZERS and c.idx < start), None)
    if mark is None or any(ch.isalnum() for ch in doc_text(head.doc)[mark.idx + len(mark.text) : start]):
        return start
    return mark.idx


# Complements of a cue verb that carry what it reports: "called [him] [a "loser"]", "accused him [of ...]".
COMPLEMENT_EDGES = {"dobj", "dative", "oprd", "prep", "ccomp", "xcomp", "attr", "acomp"}


def _mixed_quotes(doc: Doc, quotes: list[Quote]) -> list[Quote]:
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
            quote.cue, quote.cue_start, quote.cue_end = _cue_words(governor, "clause")
        if phrase is None and (aside := _clause_around_aside(doc[cue_index], quote)) is not None:
            phrase = None if _overlaps_direct(quotes, *aside) else aside  # (a direct quote's attribution is no aside)
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
    start, end = _clause_span(head)
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
    # (a verb the parser joined to the cue from inside its clause is not)


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


def _join_reports_holding_them(doc: Doc, quotes: list[Quote]) -> None:
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


def _reports_a_clause_holding(verb: Token, quote: Quote) -> bool:
    """Does the verb report a clause of its own that holds the quote (`told Clinton [that "..."]`, `admitted ["..."]`)?"""
    if any(c.dep_ == "ccomp" and c.left_edge.idx <= quote.start < c.right_edge.idx + len(c.right_edge.text)
           for c in verb.children):
        return True
    # (the parse may hang the clause elsewhere: `told X at a debate [that ...]` as a relative clause of "debate")
    between = takewhile(lambda t: t.idx < quote.start, verb.doc[verb.i + 1 :])
    return _is_speech_verb(verb) and verb.idx < quote.start and any(
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
    kept = _without_writer_addition(list(cue.doc[first.i : last.i + 1]))
    if kept and kept[-1].idx + len(kept[-1].text) >= quote.end:
        last = kept[-1]  # (never short of the quote)
    start, end = first.idx, last.idx + len(last.text)
    if end < quote.end:
        end = quote.end  # the parse hung the quote's last words or punctuation elsewhere: the phrase still holds the quote
    if _only_the_quoted_words(start, end, quote):
        return None
    return start, end


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
    span = _clause_span(holder) if holder is not None else _sentence_before_attribution(cue, quote)
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
    if not _is_speech_verb(cue) or quote.text.rstrip(" ,").endswith((".", "!", "?")):
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


def _reported_object(verb: Token) -> Token | None:
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


def _speaker_after_clause(verb: Token, content: Token | None) -> Span | None:
    """`<clause>, a spokeswoman, Anna White, said.`: the parser hung the speaker on the clause as an apposition and
    left the verb with no subject; the speaker is the first noun after the clause's last comma."""
    if content is None or content.i > verb.i:
        return None
    doc = verb.doc
    commas = [t.i for t in doc[content.i : verb.i] if t.text == ","]
    if not commas:
        return None
    words = [t for t in doc[commas[0] + 1 : verb.i] if t.pos_ in {"PROPN", "NOUN", "PRON"}]
    return _phrase(words[0]) if words else None


def _according_clause(token: Token) -> Token | None:
    """In `According to X, <clause>`, the clause is the head the prepositional phrase hangs from."""
    head = token.head if token.dep_ != "ROOT" else token
    if head == token:
        return None
    # A verb's clause, or a verbless sentence ("most Americans - 63 percent, according to ...").
    return head if head.pos_ in {"VERB", "AUX"} or head.dep_ == "ROOT" else None


def _clause_span(head: Token) -> tuple[int, int]:
    """The content clause without its leading `that` and final punctuation (nor a parenthetical cue)."""
    tokens = [t for t in head.subtree]
    for child in _children_along_conjuncts(head):
        if child.dep_ == "parataxis" and child.lemma_.lower() in INDIRECT_VERBS or _starts_new_report(child):
            inner = {t.i for t in child.subtree}
            tokens = [t for t in tokens if t.i not in inner]

    if head.dep_ != "ccomp" and any(t.lower_ == "according" for t in tokens):  # `according to`: the clause minus the according-phrase
        tokens = [t for t in tokens if not any(a.lower_ == "according" for a in [t, *t.ancestors] if a.head == head or a == t)]
        tokens = [t for t in tokens if not _under_according(t, head)]
    while tokens and (tokens[0].dep_ == "mark" or tokens[0].is_punct or tokens[0].is_space or tokens[0].lower_ in {"that"}):
        tokens = tokens[1:]
    # (a paragraph break the parser hung on the final stop is no part of the clause, nor what it hides before it)
    while tokens and (tokens[-1].is_punct and tokens[-1].text not in {'"', "”", "’"} or tokens[-1].is_space or tokens[-1].dep_ == "cc"):
        tokens = tokens[:-1]  # (a cc: the "and" before a report cut off the clause's end)
    tokens = _without_writer_addition(tokens)
    if not tokens:
        return head.idx, head.idx
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1].text)
    return start, end


# Nouns that, set off after a comma at a clause's end, are the writer's label for what was said: `, a charge that X denied`.
COMMENT_NOUNS = frozenset(
    "charge claim accusation allegation assertion assessment statement remark comment reference move argument contention "
    "characterization suggestion criticism view position".split())


def _without_writer_addition(tokens: list[Token]) -> list[Token]:
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
            return _trimmed_end(tokens[:after])
    return tokens


def _is_writer_addition(root: Token) -> bool:
    if root.pos_ == "NOUN":  # (an apposition, which the parser also hangs on the verb as a second attr or oprd)
        return root.dep_ in {"appos", "attr", "oprd", "npadvmod", "dobj"} and root.lemma_.lower() in COMMENT_NOUNS
    if root.dep_ == "relcl":
        return root.left_edge.lower_ == "which"
    return root.dep_ == "advcl" and root.tag_ == "VBG" and root.left_edge == root


CLOSING_MARKS = frozenset({'"', "”", "’", "''"})


def _participle_after_quote(root: Token) -> bool:
    """`called Cruz the "ultimate hypocrite," [linking to a story ...]`: a participle after a quote's closing comma
    and mark tells what the speaker did next, even where the parse hangs it on the quoted noun."""
    return root.dep_ == "acl" and root.tag_ == "VBG" and root.left_edge == root


def _trimmed_end(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[-1].is_punct and tokens[-1].text not in CLOSING_MARKS or tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens


def _object_span(head: Token) -> tuple[int, int]:
    """A reported noun phrase without a clause set off after a comma: `documented [the grabbing of children in 2022],
    after which the court said ...` (what follows the comma is the article's narration, often another report)."""
    start, end = _clause_span(head)
    for token in head.subtree:
        if token.dep_ in {"relcl", "acl", "advcl"} and token.left_edge.i > head.i and token.left_edge.i > 0 \
                and token.doc[token.left_edge.i - 1].text == ",":
            comma = token.doc[token.left_edge.i - 1]
            end = min(end, comma.idx)
    while end > start and doc_text(head.doc)[end - 1].isspace():
        end -= 1
    return start, end


def _thought_inside_a_report(verb: Token) -> bool:
    """`X said he does not believe Y`: a thought inside what somebody says is part of that report, not one of its own."""
    lemma = verb.lemma_.lower()
    return lemma in INDIRECT_VERBS and lemma not in SPEECH_VERBS and verb.dep_ == "ccomp" and _is_speech_verb(verb.head)


def _starts_new_report(child: Token) -> bool:
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
        if child.dep_ == "conj" and child.i > head.i and not _starts_new_report(child):
            children += [c for c in _children_along_conjuncts(child) if c.dep_ == "conj"]
    return children


def _in_the_clauses_tense(verb: Token) -> bool:
    """A verb joined to a reported clause that shares the clause's modal or tense, not the cue's, goes on with what is
    reported: `says [he'd sit Putin down and tell him ...]`, `says [he spoke to Trump and asked him to ...]`."""
    clause = verb.head
    cue = clause.head if clause.dep_ == "ccomp" else None
    if verb.tag_ == "VB":  # a base form shares the clause's "would" or "to" (a report of its own is finite)
        return clause.tag_ == "VB"  # (not `went on to promote X, note that he had bought Y, and boast ...`)
    return cue is not None and verb.tag_ == clause.tag_ != cue.tag_


def _under_according(token: Token, clause_head: Token) -> bool:
    node = token
    while node != clause_head and node.head != node:
        if node.lower_ == "according" and node.head == clause_head:
            return True
        node = node.head
    return token.lower_ == "according"


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    return any(start <= offset < end for start, end in spans)


def _mostly_quoted(spans: list[tuple[int, int]], start: int, end: int, share: float) -> bool:
    covered = sum(max(0, min(e, end) - max(s, start)) for s, e in spans)
    return covered >= share * (end - start)


def _is_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _overlaps_direct(quotes: list[Quote], start: int, end: int) -> bool:
    return any(q.start < end and start < q.end and q.kind == DIRECT for q in quotes)
