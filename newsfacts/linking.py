"""Across articles: one entity id for the same referent everywhere.

Input is each article's local entities, mentions and unresolved role
descriptions (from `newsfacts.entities`); output is the `entities` and
`mentions` tables. Rules:

- A person named in full is keyed by first and last name ("Melania Trump" is
  one entity in every article).
- A person an article only calls by surname ("President Trump") links to the
  one person in the corpus with that surname whose roles and gender agree; if
  there is not exactly one, it stays an entity of its own.
- Places are keyed by the gazetteer's canonical name, groups (NORP) by the
  country they name, everything else by its folded name; an all-capitals
  organisation name links to the one organisation whose initials it spells.
- A role description an article could not resolve alone ("the first lady")
  resolves against the roles all articles give the people it mentions.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsfacts.quotes import Quote
from newsfacts.entities import (
    ALIAS,
    NAME,
    PRONOUN,
    TITLE,
    LocalEntity,
    Mention,
    PendingDescription,
    acronym_of,
    is_acronym_form,
    role_heads,
    spelled_out,
    unique_role_holder,
)


@dataclass
class ArticleEntities:
    doc_id: str
    entities: list[LocalEntity]
    mentions: list[Mention]
    pending: list[PendingDescription] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list = field(default_factory=list)  # newsfacts.claims.ClaimCandidate
    error: str | None = None  # why extraction failed for this article, if it did


@dataclass
class _Global:
    key: str
    type_counts: Counter = field(default_factory=Counter)
    names: Counter = field(default_factory=Counter)  # named forms, for the canonical name
    surface: set = field(default_factory=set)  # every name, alias and title form seen
    roles: set = field(default_factory=set)
    full_names: Counter = field(default_factory=Counter)
    place: str | None = None
    docs: set = field(default_factory=set)
    n_mentions: int = 0


def entity_id_for(key: str) -> str:
    return "ent_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def mention_id_for(doc_id: str, start: int, end: int) -> str:
    return "men_" + hashlib.sha256(f"{doc_id}:{start}:{end}".encode()).hexdigest()[:16]


def link(articles: Iterable[ArticleEntities]) -> tuple[list[dict], list[dict], list[dict]]:
    """The entities, mentions and quotes tables' rows for a whole corpus."""
    articles = list(articles)
    people = _by_surname(_people_named_in_full(articles))
    acronyms = _organisation_acronyms(articles)
    global_key: dict[tuple[str, int], str] = {}
    for article in articles:
        for entity in article.entities:
            global_key[(article.doc_id, entity.index)] = _global_key(entity, people, acronyms)
    records: dict[str, _Global] = {}
    mention_rows: list[dict] = []
    for article in articles:
        for mention in article.mentions:
            key = global_key[(article.doc_id, mention.entity)]
            _count(records, key, article.entities[mention.entity], mention, article.doc_id)
            mention_rows.append(_mention_row(article.doc_id, mention, key))
    by_id = {entity_id_for(key): record for key, record in records.items()}
    mentions_by_doc: dict[str, list[dict]] = defaultdict(list)
    for row in mention_rows:
        mentions_by_doc[row["doc_id"]].append(row)
    for article in articles:
        if article.pending:
            mention_rows += _resolve_pending(article, mentions_by_doc[article.doc_id], by_id)
    entity_rows = [_entity_row(record) for record in records.values()]
    types = {row["entity_id"]: row["type"] for row in entity_rows}
    for row in mention_rows:
        row["type"] = types[row["entity_id"]]
    mention_rows.sort(key=lambda r: (r["doc_id"], r["start"], r["end"]))
    entity_rows.sort(key=lambda r: r["entity_id"])
    names = {row["entity_id"]: row["name"] for row in entity_rows}
    quote_rows = _quote_rows(articles, global_key, mention_rows, names)
    return entity_rows, mention_rows, quote_rows


def quote_id_for(doc_id: str, start: int, end: int, kind: str) -> str:
    return "quo_" + hashlib.sha256(f"{doc_id}:{start}:{end}:{kind}".encode()).hexdigest()[:16]


def _quote_rows(articles, global_key, mention_rows, names) -> list[dict]:
    """Quotes with their speakers as corpus entities. A speaker the article could not resolve alone
    ("the American first lady") takes the entity of a mention linking resolved at the same words."""
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for row in mention_rows:
        by_doc[row["doc_id"]].append(row)
    rows = []
    for article in articles:
        for quote in article.quotes:
            entity_id = None
            if quote.speaker_entity is not None:
                entity_id = entity_id_for(global_key[(article.doc_id, quote.speaker_entity)])
            elif quote.speaker_start is not None:
                at_speaker = [m for m in by_doc[article.doc_id]
                              if quote.speaker_start <= m["start"] and m["end"] == quote.speaker_end and m["type"] != "NORP"]
                entity_id = at_speaker[0]["entity_id"] if at_speaker else None
            rows.append({
                "quote_id": quote_id_for(article.doc_id, quote.start, quote.end, quote.kind),
                "doc_id": article.doc_id,
                "text": quote.text,
                "start": quote.start,
                "end": quote.end,
                "kind": quote.kind,
                "speaker": names.get(entity_id) if entity_id else None,
                "speaker_entity_id": entity_id,
                "speaker_text": quote.speaker_text,
                "speaker_start": quote.speaker_start,
                "speaker_end": quote.speaker_end,
                "cue": quote.cue,
                "cue_start": quote.cue_start,
                "cue_end": quote.cue_end,
                "paragraph": quote.paragraph,
                "confidence": quote.confidence,
                "cluster_id": None,
                "attribution": quote.attribution,  # internal: how the speaker was found (not a table column)
            })
    rows.sort(key=lambda r: (r["doc_id"], r["start"], r["end"]))
    return _one_row_per_quote(rows)


def _one_row_per_quote(rows: list[dict]) -> list[dict]:
    """One row per quote_id: the same reported words under two cues ('..., he says, ...' inside 'X claims
    ...') keep the more confident attribution (the first on a tie), so ids stay unique."""
    best: dict[str, dict] = {}
    for row in rows:
        kept = best.get(row["quote_id"])
        if kept is None or row["confidence"] > kept["confidence"]:
            best[row["quote_id"]] = row
    return [row for row in rows if best[row["quote_id"]] is row]


@dataclass
class _Person:
    key: str
    first: str
    last: str
    roles: set[str]
    genders: set[str]


def _people_named_in_full(articles: list[ArticleEntities]) -> dict[str, _Person]:
    people: dict[str, _Person] = {}
    for article in articles:
        for entity in article.entities:
            if entity.type == "PERSON" and entity.full_name:
                words = entity.full_name.split()
                person = people.setdefault(entity.key, _Person(entity.key, words[0], words[-1], set(), set()))
                person.roles.update(entity.roles)
                if entity.gender:
                    person.genders.add(entity.gender)
    return people


def _organisation_acronyms(articles: list[ArticleEntities]) -> dict[str, str]:
    """Initials -> the one organisation key they spell ("ICC" -> the International Criminal Court's key)."""
    spelled: dict[str, set[str]] = defaultdict(set)
    for article in articles:
        for entity in article.entities:
            if entity.type == "ORG":
                for name in entity.names:
                    if initials := acronym_of(name):
                        spelled[initials].add(entity.key)
    return {initials: next(iter(keys)) for initials, keys in spelled.items() if len(keys) == 1}


def _by_surname(people: dict[str, _Person]) -> dict[str, list[_Person]]:
    """The people named in full, by surname, in their order: a surname's candidates without a scan of everyone."""
    by_surname: dict[str, list[_Person]] = defaultdict(list)
    for person in people.values():
        by_surname[person.last].append(person)
    return by_surname


def _global_key(entity: LocalEntity, people: dict[str, list[_Person]], acronyms: dict[str, str]) -> str:
    if entity.type == "PERSON" and not entity.full_name and entity.names:
        word = entity.names[0]
        heads = {h for role in entity.roles for h in role_heads(role)}
        candidates = list(people.get(word, ()))  # across articles, surnames only
        if heads:  # prefer people whose roles agree; people with no known role only when none does
            agreeing = [p for p in candidates if heads & {h for role in p.roles for h in role_heads(role)}]
            candidates = agreeing or [p for p in candidates if not p.roles]
        if entity.gender:
            candidates = [p for p in candidates if not p.genders or entity.gender in p.genders]
        if len(candidates) == 1:
            return candidates[0].key
        return f"PERSON:{word.lower()}"
    if entity.type == "ORG" and entity.names:
        name = Counter(entity.names).most_common(1)[0][0]
        if is_acronym_form(name) and name.upper() in acronyms and acronyms[name.upper()] != entity.key:
            return acronyms[name.upper()]
    return entity.key


def _count(records: dict[str, _Global], key: str, entity: LocalEntity, mention: Mention, doc_id: str) -> None:
    record = records.setdefault(key, _Global(key))
    record.type_counts[entity.type] += 1
    record.docs.add(doc_id)
    record.n_mentions += 1
    record.roles.update(entity.roles)
    record.place = record.place or entity.place
    if entity.full_name:
        record.full_names[entity.full_name] += 1
    if mention.resolution == NAME or (mention.resolution == ALIAS and entity.type == "PERSON"):
        record.names[mention.text] += 1  # an organisation's short form ("Pew" for "Pew Research Center") is not its name
    if mention.resolution != PRONOUN:
        record.surface.add(mention.text)


def _mention_row(doc_id: str, mention: Mention, key: str) -> dict:
    return {
        "mention_id": mention_id_for(doc_id, mention.start, mention.end),
        "doc_id": doc_id,
        "entity_id": entity_id_for(key),
        "start": mention.start,
        "end": mention.end,
        "text": mention.text,
        "type": mention.type,
        "resolution": mention.resolution,
    }


def _resolve_pending(article: ArticleEntities, mentioned: list[dict], by_id: dict[str, _Global]) -> list[dict]:
    """Role descriptions of one article, resolved against corpus-wide roles of the people it mentions."""
    rows = []
    for pending in article.pending:
        before = {r["entity_id"] for r in mentioned if r["start"] < pending.start}
        candidates = [(eid, sorted(by_id[eid].roles)) for eid in sorted(before) if by_id[eid].type_counts.get("PERSON")]
        target = unique_role_holder(candidates, set(pending.heads), set(pending.countries))
        if target is None:
            continue
        record = by_id[target]
        record.n_mentions += 1
        record.surface.add(pending.text)
        rows.append({
            "mention_id": mention_id_for(article.doc_id, pending.start, pending.end),
            "doc_id": article.doc_id,
            "entity_id": target,
            "start": pending.start,
            "end": pending.end,
            "text": pending.text,
            "type": "PERSON",
            "resolution": TITLE,
        })
    return rows


def _entity_row(record: _Global) -> dict:
    type_ = record.type_counts.most_common(1)[0][0]
    return {
        "entity_id": entity_id_for(record.key),
        "name": _canonical_name(record),
        "type": type_,
        "aliases": sorted(record.surface),
        "roles": sorted(record.roles),
        "n_docs": len(record.docs),
        "n_mentions": record.n_mentions,
    }


def _canonical_name(record: _Global) -> str:
    """The fullest form seen: a full name with the most words, a gazetteer name, else the most frequent name."""
    if record.full_names:
        return max(record.full_names.items(), key=lambda item: (len(item[0].split()), item[1], item[0]))[0]
    if record.place:
        return record.place
    if record.names:
        name = max(record.names.items(), key=lambda item: (item[1], len(item[0]), item[0]))[0]
        # an article that spells out its acronym ("Incomes Data Services (IDS)", then "IDS" throughout) names it
        return spelled_out(record.names).get(name, name)
    return min(record.surface, key=len) if record.surface else record.key.split(":", 1)[-1]
