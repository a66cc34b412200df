"""The claims table's rows, across the corpus after entity linking (`claim_rows`): each claim's claimant (the
speaker of the quotation it sits in or reports, else the subject of its own attribution; a pronoun or missing
source takes the nearest compatible one named before it in the paragraph, and a sentence in reported tense goes
on with the report before it), the quotation it belongs to, and the entities it is about, as ids.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict

from newsfacts.claims.candidate import ClaimCandidate
from newsfacts.claims.grammar import THIRD_PERSON
from newsfacts.claims.naming import COORDINATION
from newsfacts.quotes import MEMBER_NOUNS


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
    if not before and earlier and earlier[-1]["paragraph"] == row["paragraph"] - 1 and earlier[-1]["cue"] is not None:
        # a pronoun opening a paragraph ('They predicted that ...') refers back to the source that closed the one
        # before ('Experts studying the seas ... have already forecast ...'): news paragraphs are a sentence or two
        last = earlier[-1]
        before = [(last["start"], last["claimant"], last["claimant_entity_id"], "own")]
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


# Prepositions that attach a name to the naming word as a place or an owner, not as the source ('by' names an author),
# and a participle saying what the speakers do ('analysts covering Acme': Acme is what they study).
PLACE_OR_WHOSE = re.compile(r"\b(in|of|for|at|from|on|with|within|inside|outside|across|near|to|\w+ing)\b",
                            re.IGNORECASE)


# The members who speak for their institution, and how they are tied to it: 'researchers from/at X', 'the team at X'
# (the quotes stage's word list, so a quote's speaker and a claim's claimant follow one rule).
INSTITUTION_MEMBER = re.compile(rf"({'|'.join(sorted(MEMBER_NOUNS))})s?\s+(from|at)(\s+the)?", re.IGNORECASE)


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
