"""Indirect quotes by a learned model: candidates from the parse, their features, and the shipped weights.

Hand-written cue lists hit a long tail (each obvious cue added cost precision), so every clause the parse
offers as reported content becomes a candidate, and a logistic regression trained on PolNeAR's train
split (`newsfacts.attribution_training`) says which ones are reported speech:

- a verb's content clause or infinitive: `X said (that) ...`, `X told them that ...`, `X vowed to ...`
  (any verb: the lemma is a feature, not a gate);
- an aside: `X, he said, did Y`;
- `according to X, ...`;
- a noun's that-clause: `his claim that ...`, `made the argument that ...`;
- what a verb is about, for any subject: `endorsed his rival`, `warned of a crisis`, `lashed out at the deal`;
- what a stance or report noun is about: `her support for the bill`, `attacks on the press`, `plans to run`.

Scoring needs no library beyond the standard one: the model is a dict of feature weights in
`newsfacts/data/attribution_model.json.gz`, and a candidate's probability is the logistic of the sum of its
features' weights (the training checks this reproduces scikit-learn's probabilities).
"""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from newsfacts.nlp import doc_text, tokens_starting_in
from newsfacts.quotes.clauses import thought_inside_a_report
from newsfacts.quotes.grammar import is_infinitive, is_speech_verb
from newsfacts.quotes.mixed import according_clause, reported_object, speaker_after_clause
from newsfacts.quotes.speakers import NO_SPEAKER_CONFIDENCE
from newsfacts.quotes.subjects import according_to, speaker_phrase, subject_of
from newsfacts.quotes.vocabulary import (
    ABOUT_CUES, ABOUT_PREPOSITIONS, ATTRIBUTION_NOUNS, DOCUMENT_NOUNS, INDIRECT_VERBS, INFINITIVE_CUES, OBJECT_CUES,
    SPEECH_VERBS, SUBJECTS,
)

MODEL_RESOURCE = Path(__file__).parent / "data" / "attribution_model.json.gz"  # gzipped JSON, as checkworthiness's
MODEL_FORMAT = 1
FIRST_PERSON = frozenset("i we me us".split())
THIRD_PERSON = frozenset("he she they him her them".split())
IMPERSONAL = frozenset("it this that there which who what".split())
THOUGHT_VERBS = INDIRECT_VERBS - SPEECH_VERBS


@dataclass
class Candidate:
    cue: Token
    content: Token  # the head of the reported clause or phrase
    how: str  # clause, infinitive, aside, according, noun, object
    speaker: Span | None


def indirect_candidates(doc: Doc) -> list[Candidate]:
    """Every reported clause or phrase the parse offers, at most one per cue word, in text order."""
    found = []
    for token in doc:
        candidate = None
        if token.lower_ == "according" and (source := according_to(token)) is not None:
            content = according_clause(token)
            candidate = Candidate(token, content, "according", source) if content is not None else None
        elif token.pos_ in {"VERB", "AUX"}:
            candidate = _verb_candidate(token)
        if candidate is None and token.pos_ == "NOUN":
            candidate = _noun_candidate(token) or _stance_noun_candidate(token)
        if candidate is not None:
            found.append(candidate)
    return _without_objects_holding_reports(found)


def _without_objects_holding_reports(found: list[Candidate]) -> list[Candidate]:
    """A noun phrase whose participle reports is not what is reported: in `quoted [a spokesman saying X]` the
    spokesman's X is."""
    clause_cues = {c.cue.i for c in found if c.how != "object"}
    return [c for c in found if c.how != "object" or not any(t.i in clause_cues and t.dep_ == "acl" for t in c.content.children)]


def _verb_candidate(verb: Token) -> Candidate | None:
    content = next((c for c in verb.children if c.dep_ == "ccomp" and not _is_adverbial(c)), None)
    how = "clause"
    if content is None:
        content, how = next((c for c in verb.children if c.dep_ == "xcomp" and is_infinitive(c)), None), "infinitive"
    if content is None and verb.dep_ == "parataxis" and verb.head.pos_ in {"VERB", "AUX"} and not _that_said(verb):
        content, how = verb.head, "aside"  # "In three years, Barden says, far too many lives have been lost"
    if content is not None:
        return Candidate(verb, content, how, subject_of(verb) or speaker_after_clause(verb, content))
    if verb.pos_ == "VERB" and (target := reported_object(verb) or _any_object(verb)) is not None:
        subject = subject_of(verb)  # (a phrase is reported content only for a speaker the article names)
        return Candidate(verb, target, "object", subject) if subject is not None else None
    return None


def _that_said(verb: Token) -> bool:
    """`That said, Cruz cannot win`: the writer's "nevertheless", whose subject is the sentence before, not a speaker."""
    subject = subject_of(verb)
    return subject is not None and len(subject) == 1 and subject.root.lower_ in {"that", "this"}


# Subordinators that open a clause of time, cause or concession, never a report: the parser sometimes hangs `In a
# statement released shortly [after the senator suspended his campaign], Cruz said he's certain ...` on the verb as a
# second ccomp, the first one it finds.
ADVERBIAL_MARKS = frozenset("after before because since while when although though until unless once".split())


def _is_adverbial(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in ADVERBIAL_MARKS for c in clause.children)


def _any_object(verb: Token) -> Token | None:
    """What any verb is about, as a noun phrase: its direct object, else the object of its about/of/for/on/against,
    else of its first preposition after it ("backed [Jeb Bush]", "called for [a ban]", "lashed out at [what he
    called ...]", "referring to [the seats]"); most are no attribution, the model tells which."""
    target = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if target is None:
        preps = [c for c in verb.children if c.dep_ == "prep" and c.i > verb.i]
        prep = next((c for c in preps if c.lower_ in ABOUT_PREPOSITIONS), preps[0] if preps else None)
        target = next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None) if prep is not None else None
    if target is None or target.ent_type_ in {"DATE", "TIME"} or _noun_candidate(target) is not None:
        return None  # (a noun with its own that-clause, "repeated [his claim that X]": the noun's candidate reports X)
    if target.pos_ in {"NOUN", "PROPN"} or target.dep_ == "pcomp" and target.pos_ == "VERB":  # "delved into [how ...]"
        return target
    return None


def _noun_candidate(noun: Token) -> Candidate | None:
    """`his claim that ...`, `the president's warning that ...`, `made the argument that ...`."""
    clause = next((c for c in noun.children if c.dep_ in {"acl", "ccomp"} and c.i > noun.i
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if clause is None:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:  # `the claim by X that`, `a denial from X that` (not a place: `reports from Iraq that`)
        by = next((c for c in noun.children if c.lower_ in {"by", "from"} and c.dep_ == "prep"), None)
        owner = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
        if owner is not None and by.lower_ == "from" and owner.ent_type_ in {"GPE", "LOC", "FAC"}:
            owner = None
    speaker = speaker_phrase(owner) if owner is not None else None
    if speaker is None and noun.dep_ in {"dobj", "attr", "nsubjpass"} and noun.head.pos_ in {"VERB", "AUX"}:
        speaker = subject_of(noun.head)  # "X made the argument that ..."
        if speaker is not None and speaker.root.dep_ == "expl":
            speaker = None  # `There were reports that ...`: nobody
    return Candidate(noun, clause, "noun", speaker)


# Nouns of a stance or a report whose object or infinitive is what somebody holds or says: "her support for [X]",
# "attacks on [Y]", "plans [to Z]" (PolNeAR train: the nouns of missed gold attributions that take a preposition).
STANCE_NOUNS = ATTRIBUTION_NOUNS | frozenset(
    """support supporter opposition opponent criticism endorsement attack plan proposal call demand push praise view
    position stance goal decision concern doubt request refusal question accusation denunciation defense defence
    backing condemnation rejection advocacy bid vote talk commitment intention desire hope fear belief
    account assessment portrayal takedown dig""".split()
)
NOUN_OBJECT_PREPOSITIONS = frozenset("of for on against to about over with in".split())


def _stance_noun_candidate(noun: Token) -> Candidate | None:
    """`his support for [X]`, `attacks on [Y]`, `plans [to Z]`: a stance or report noun's object or infinitive, with
    its owner (possessor or by-phrase) or, for a noun a verb takes, that verb's subject as the source."""
    if noun.lemma_.lower() not in STANCE_NOUNS:
        return None
    content = next((c for c in noun.children if c.dep_ == "acl" and c.i > noun.i and is_infinitive(c)), None)
    if content is None:
        prep = next((c for c in noun.children if c.dep_ == "prep" and c.i > noun.i and c.lower_ in NOUN_OBJECT_PREPOSITIONS), None)
        content = next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None) if prep is not None else None
    if content is None or content.ent_type_ in {"DATE", "TIME"}:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    speaker = speaker_phrase(owner) if owner is not None else None
    if speaker is None and noun.dep_ in {"dobj", "attr", "pobj"} and noun.head.pos_ in {"VERB", "AUX"}:
        speaker = subject_of(noun.head)  # "X voiced support for Y"
    return Candidate(noun, content, "object", speaker)  # (the claims stage treats it as any reported phrase)


def features(candidate: Candidate, start: int, end: int, speaker_resolved: bool) -> dict[str, float]:
    """The candidate's features, by name (binary unless named as a count), from the parse only."""
    cue, content, speaker = candidate.cue, candidate.content, candidate.speaker
    lemma = cue.lemma_.lower()
    how = candidate.how
    kind = _speaker_kind(speaker)
    inside = tokens_starting_in(cue.doc, start, end)
    words = sum(1 for t in inside if not t.is_punct)
    first = inside[0] if len(inside) else None
    particle = next((c for c in cue.children if c.dep_ == "prt"), None)
    sentence = cue.sent  # (spaCy finds a token's sentence anew on each access)
    f = {
        f"how={how}": 1.0,
        f"lemma={lemma}": 1.0,
        f"how_lemma={how}:{lemma}": 1.0,
        f"cue_tag={cue.tag_}": 1.0,
        f"cue_dep={cue.dep_}": 1.0,
        f"how_cue_dep={how}:{cue.dep_}": 1.0,
        f"content_pos={content.pos_}": 1.0,
        f"content_tag={content.tag_}": 1.0,
        f"speaker={kind}": 1.0,
        f"how_speaker={how}:{kind}": 1.0,
        f"speaker_ent={speaker.root.ent_type_ or '-'}" if speaker is not None else "speaker_ent=none": 1.0,
        "speaker_resolved": float(speaker_resolved),
        "speech_verb": float(lemma in SPEECH_VERBS),
        "indirect_verb": float(lemma in INDIRECT_VERBS),
        "thought_verb": float(lemma in THOUGHT_VERBS),
        "infinitive_cue": float(lemma in INFINITIVE_CUES),
        "attribution_noun": float(lemma in ATTRIBUTION_NOUNS),
        "object_cue": float(lemma in OBJECT_CUES or lemma in ABOUT_CUES),
        f"object_dep={content.dep_}" if how == "object" else "object_dep=-": 1.0,
        "document_speaker": float(speaker is not None and speaker.root.lemma_.lower() in DOCUMENT_NOUNS),
        "that": float(any(c.dep_ == "mark" and c.lower_ == "that" for c in content.children)),
        "content_modal": float(any(c.dep_ == "aux" and c.tag_ == "MD" for c in content.children)),
        "content_negated": float(any(c.dep_ == "neg" for c in content.children)),
        "content_has_subject": float(any(c.dep_ in SUBJECTS for c in content.children)),
        "cue_negated": float(any(c.dep_ == "neg" for c in cue.children)),
        "cue_modal": float(any(c.dep_ == "aux" and c.tag_ == "MD" for c in cue.children)),
        "cue_passive": float(any(c.dep_ in {"nsubjpass", "auxpass"} for c in cue.children)),
        "cue_object": float(any(c.dep_ in {"dobj", "dative"} for c in cue.children)),
        "cue_after_content": float(cue.idx >= end),
        "inside_quote_report": float(thought_inside_a_report(cue)),
        "under_speech_verb": float(_under_speech_verb(cue)),
        "question": float(doc_text(cue.doc)[sentence.start_char : sentence.end_char].rstrip().rstrip("\"”’'").endswith("?")),
        "sentence_start": float(cue.i - sentence.start <= 1),
        "log_words": math.log1p(words),
        "short": float(words < 4),
        f"content_lemma={content.lemma_.lower()}": 1.0,
        f"content_first={first.lower_ if first is not None else '-'}": 1.0,
        f"lemma_speaker={lemma}:{kind}": 1.0,
        f"lemma_tag={lemma}:{cue.tag_}": 1.0,
        # the complement's form with its verb: "said he will" reports, "having him deliver" does not
        f"lemma_content_tag={lemma}:{content.tag_}": 1.0,
        f"how_content_tag={how}:{content.tag_}": 1.0,
        f"speech_ent={lemma in SPEECH_VERBS}:{speaker.root.ent_type_ if speaker is not None else 'none'}": 1.0,
        f"gap={_bucket(abs(content.i - cue.i))}": 1.0,
        f"particle={particle.lower_ if particle is not None else '-'}": 1.0,
        f"object_prep={content.head.lower_}" if how == "object" and content.dep_ == "pobj" else "object_prep=-": 1.0,
        f"how_pos={how}:{cue.pos_}": 1.0,  # a verb's object or a noun's ("supported X", "support for X")
        # the cue with its preposition: "called for X" reports, "called on X" rarely
        f"lemma_prep={lemma}:{content.head.lower_}" if how == "object" and content.dep_ in {"pobj", "pcomp"} else "lemma_prep=-": 1.0,
        # who speaks by its head word: "poll shows", "officials said", "the deal includes"
        f"speaker_lemma={speaker.root.lemma_.lower()}" if speaker is not None else "speaker_lemma=none": 1.0,
        f"how_speaker_ent={how}:{speaker.root.ent_type_ or '-'}" if speaker is not None else f"how_speaker_ent={how}:none": 1.0,
        "content_sentence_start": float(first is not None and (first.is_sent_start or first.i > 0 and first.nbor(-1).is_sent_start)),
    }
    if VECTOR_BLOCKS:
        f.update(vector_features(candidate, inside, VECTOR_BLOCKS))
    return f


# The rows of the pipeline's contextual token vectors (`doc.tensor`, the shared tok2vec's output, which the parse computes
# anyway) that `benchmarks.attribution_vectors` tries as dense features: the cue word's, the content head's, the speaker
# head's (zeros without a speaker), the mean over the content's words, its first and last word's. None is shipped: on
# PolNeAR train, held out, they added no recall at precision 0.86 (see `newsfacts.attribution_training`), so `features`
# reads VECTOR_BLOCKS, empty, and the benchmark sets it.
VECTOR_BLOCKS: tuple[str, ...] = ()
ALL_VECTOR_BLOCKS = ("cue", "head", "speaker", "span", "first", "last")
VECTOR_PREFIX = "vec:"


def vector_features(candidate: Candidate, inside: Span, blocks: tuple[str, ...]) -> dict[str, float]:
    """`vec:<block>:<k>` -> the k-th value of each block's token vector, for a Doc whose tensor has one row per token
    (none for another Doc: a transformer pipeline keeps its vectors elsewhere, a Doc built by hand has none)."""
    doc = candidate.cue.doc
    tensor = doc.tensor
    if not blocks or getattr(tensor, "ndim", 0) != 2 or len(tensor) != len(doc) or not len(doc):
        return {}
    zeros = tensor[0] * 0.0
    speaker = candidate.speaker
    rows = {
        "cue": lambda: tensor[candidate.cue.i],
        "head": lambda: tensor[candidate.content.i],
        "speaker": lambda: tensor[speaker.root.i] if speaker is not None else zeros,
        "span": lambda: tensor[inside.start : inside.end].mean(axis=0) if len(inside) else zeros,
        "first": lambda: tensor[inside.start] if len(inside) else zeros,
        "last": lambda: tensor[inside.end - 1] if len(inside) else zeros,
    }
    return {f"{VECTOR_PREFIX}{block}:{k}": value for block in blocks for k, value in enumerate(rows[block]().tolist())}


def _bucket(n: int) -> str:
    return "1" if n <= 1 else "2-3" if n <= 3 else "4-7" if n <= 7 else "8+"


def with_context(rows: list[tuple]) -> list[tuple]:
    """Features of a candidate among the others of its article (in place): is its cue inside another candidate's
    content (`X said Y wants to Z`), does its content hold another candidate's cue."""
    spans = [(row.start, row.end, row.cue_start, named) for row, named in rows]
    for row, named in rows:
        outer = [n for start, end, _, n in spans if start <= row.cue_start < end and n is not named]
        for n in outer[:1]:
            named["inside=" + next((k[4:] for k in n if k.startswith("how=")), "-")] = 1.0
            named["inside_speech_verb"] = n.get("speech_verb", 0.0)
        if any(row.start <= cue < row.end for _, _, cue, n in spans if n is not named):
            named["holds_candidate"] = 1.0
    return rows


def _speaker_kind(speaker: Span | None) -> str:
    if speaker is None:
        return "none"
    root = speaker.root
    lower = root.lower_
    if root.pos_ == "PRON":
        return "first" if lower in FIRST_PERSON else "third" if lower in THIRD_PERSON else "you" if lower == "you" else "impersonal"
    if lower in IMPERSONAL:
        return "impersonal"
    return "propn" if root.pos_ == "PROPN" else "noun" if root.pos_ == "NOUN" else "other"


def _under_speech_verb(cue: Token) -> bool:
    """Is the cue inside what a speech verb reports (`X said Y believes Z`)?"""
    node = cue
    for _ in range(6):
        if node.head == node:
            return False
        if node.dep_ in {"ccomp", "xcomp"} and is_speech_verb(node.head):
            return True
        node = node.head
    return False


@dataclass(frozen=True)
class AttributionModel:
    intercept: float
    weights: dict[str, float]  # a feature the training never saw weighs nothing
    threshold: float  # keep a candidate at or above this probability

    def probability(self, named: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(name, 0.0) * value for name, value in named.items())
        return 1.0 / (1.0 + math.exp(-z))


def read_model_file(path: Path) -> dict:
    return json.loads(gzip.decompress(path.read_bytes()))


def write_model_file(path: Path, model: dict) -> None:
    """Compact, gzipped and byte-stable (no timestamp), so a retrain with the same result changes nothing."""
    payload = json.dumps(model, sort_keys=True, separators=(",", ":")).encode("utf-8")
    path.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))


def model_from_dict(data: dict) -> AttributionModel:
    if data.get("format") != MODEL_FORMAT:
        raise ValueError(f"attribution model format {data.get('format')!r}, expected {MODEL_FORMAT}")
    return AttributionModel(float(data["intercept"]), {k: float(v) for k, v in data["weights"].items()}, float(data["threshold"]))


@lru_cache(maxsize=1)
def shipped_model() -> AttributionModel:
    return model_from_dict(read_model_file(MODEL_RESOURCE))


def choose(rows: list[tuple], model: AttributionModel) -> list:
    """The candidate rows (Quote, features) the model keeps, each with its probability as confidence (a row
    with no speaker answers no "who": at most NO_SPEAKER_CONFIDENCE, as for the other kinds)."""
    probabilities = [model.probability(named) for _, named in rows]
    kept = []
    for i in keep([(row.start, row.end) for row, _ in rows], probabilities, model.threshold):
        row, probability = rows[i][0], probabilities[i]
        row.confidence = round(probability if row.speaker_text is not None else min(probability, NO_SPEAKER_CONFIDENCE), 3)
        kept.append(row)
    return sorted(kept, key=lambda row: (row.start, row.end))


def keep(spans: list[tuple[int, int]], probabilities, threshold: float) -> list[int]:
    """Indexes of the candidates at or above the threshold, most probable first, leaving out one whose content
    mostly repeats a likelier one's (Dice of their character spans >= MAX_SHARED): the scorer, like a reader,
    takes one attribution per content (on train, held out: +1.5 points of recall at the same precision)."""
    chosen: list[int] = []
    for i in sorted(range(len(spans)), key=lambda i: -probabilities[i]):
        if probabilities[i] < threshold:
            break
        if not any(_dice(spans[i], spans[j]) >= MAX_SHARED for j in chosen):
            chosen.append(i)
    return chosen


MAX_SHARED = 0.5


def _dice(a: tuple[int, int], b: tuple[int, int]) -> float:
    shared = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return 2 * shared / max(1, (a[1] - a[0]) + (b[1] - b[0]))
