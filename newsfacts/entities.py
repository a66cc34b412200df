"""Entities and mentions within one article: named mentions, surnames, roles and pronouns.

From one spaCy Doc, find every mention of a person, organisation or place and
cluster the mentions into one local entity per real-world referent:

1. Named mentions come from NER, cleaned: titles leave person names and become
   roles ("President Vladimir Putin" -> "Vladimir Putin", role "President"),
   possessives and leading articles are trimmed, and the small model's type
   errors are fixed (a known person's surname tagged ORG, a city tagged PERSON,
   a demonym tagged GPE).
2. Every further occurrence of a known name is a mention too, which recovers
   what NER missed.
3. A surname or first name resolves to the person the text supports: role words
   must agree ("President Trump" is not Melania Trump), then a person already
   called by the short form, then the latest full name before it.
4. Role descriptions ("the First Lady", "the Russian leader", "her husband X")
   and pronouns resolve only where one candidate fits; otherwise they get no row.

Cross-article linking (one entity id for the same referent everywhere) is in
`newsfacts.linking`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsfacts.gazetteer import canonical_place, country_of, demonym_country, jurisdiction_of
from newsfacts.given_names import FEMALE, MALE, gender_of_given_name
from newsfacts.nlp import doc_text
from newsfacts.quotemarks import find_quotes_in_paragraphs, quoted_spans

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "LANGUAGE")
NAME, ALIAS, TITLE, PRONOUN = "name", "alias", "title", "pronoun"

# Words that make up a role written before a name ("US First Lady", "former President").
ROLE_WORDS = frozenset(
    """president vice first lady prime minister attorney general secretary senator sen. governor gov.
    representative rep. congressman congresswoman speaker leader chancellor king queen prince princess
    pope judge justice chief executive ceo chairman chairwoman chair director ambassador spokesman
    spokeswoman spokesperson mayor deputy foreign defence defense state commander candidate nominee
    premier emperor sheikh general gen. lt. colonel col. captain capt. sergeant sgt. officer lawmaker
    minister commissioner envoy adviser advisor aide head founder chairperson treasurer
    democrat republican democratic senior former then late acting interim""".split()
)
HONORIFICS = {"mr": MALE, "mr.": MALE, "sir": MALE, "lord": MALE, "mrs": FEMALE, "mrs.": FEMALE, "ms": FEMALE,
              "ms.": FEMALE, "miss": FEMALE, "dame": FEMALE, "dr": None, "dr.": None,
              "dear": None, "prof.": None, "professor": None}
GENDERED_ROLES = {
    "first lady": FEMALE, "queen": FEMALE, "princess": FEMALE, "congresswoman": FEMALE, "spokeswoman": FEMALE,
    "chairwoman": FEMALE, "wife": FEMALE, "mother": FEMALE, "daughter": FEMALE, "sister": FEMALE, "widow": FEMALE,
    "king": MALE, "prince": MALE, "congressman": MALE, "spokesman": MALE, "chairman": MALE, "husband": MALE,
    "father": MALE, "son": MALE, "brother": MALE, "widower": MALE, "pope": MALE,
}
# Heads of descriptions that stand for a role ("the Russian leader", "the First Lady").
ROLE_HEADS = {
    "president": {"president"}, "first lady": {"first lady"}, "prime minister": {"prime minister", "premier"},
    "premier": {"prime minister", "premier"}, "chancellor": {"chancellor"}, "attorney general": {"attorney general"},
    "secretary of state": {"secretary of state"}, "king": {"king"}, "queen": {"queen"}, "pope": {"pope"},
    "governor": {"governor"}, "senator": {"senator"}, "mayor": {"mayor"}, "speaker": {"speaker"},
    "leader": {"president", "prime minister", "premier", "chancellor", "king", "queen", "leader", "emperor"},
}
ROLE_ABBREVIATIONS = {"sen.": "senator", "gov.": "governor", "rep.": "representative", "gen.": "general"}
KINSHIP = frozenset({"husband", "wife", "son", "daughter", "father", "mother", "brother", "sister", "widow"})
PRONOUN_GENDER = {"he": MALE, "him": MALE, "his": MALE, "himself": MALE,
                  "she": FEMALE, "her": FEMALE, "hers": FEMALE, "herself": FEMALE}
DESCRIPTION_DETERMINERS = frozenset({"the", "her", "his", "their", "its"})
DESCRIPTION_MODIFIERS = frozenset({"former", "then", "new", "outgoing", "incoming", "current", "american", "us", "u.s."})
# Generational suffixes written after a surname.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
POSSESSIVE_ENDINGS = ("'s", "’s", "'", "’")
PRONOUN_WINDOW_SENTENCES = 3
# One word for a party or its members, which the small model sometimes tags PERSON.
PARTY_WORDS = frozenset(
    """labour tory tories conservative conservatives democrat democrats republican republicans liberal liberals
    socialist socialists greens ukip snp""".split()  # (not "Green": a surname too)
)
# Common nouns for a person, beyond the role words: a sentence whose subject is one of them, unnamed (`the Cardinal will
# ask ...`), is about that person, whom a pronoun in the next sentence means; no named person further back.
PERSON_NOUNS = frozenset(
    """official cardinal archbishop bishop priest mp minister coach manager boss analyst economist lawyer campaigner
    critic player striker midfielder defender goalkeeper keeper star singer actor actress writer author expert doctor
    professor teacher man woman boy girl victim witness officer source chief executive international youngster
    veteran winger forward frontman presenter host rapper""".split()
)
# Words that may open a PERSON span without being a given name (the name lists hold `Lawyer`, `Judge`, `Major`).
NOT_GIVEN_NAMES = ROLE_WORDS | PERSON_NOUNS | frozenset(HONORIFICS) | frozenset(GENDERED_ROLES) | frozenset(
    "admiral bishop captain doctor judge justice king major pastor reverend rev. saint st. sir".split())
# Head nouns of a description that stands for an organisation the article has named ("the company said",
# "the group", "the news and financial data seller"). Not "party", "network", "business", "watchdog": as often
# something else, or another body than the one in focus.
ORGANISATION_HEADS = frozenset(
    """company firm group corporation conglomerate multinational bank lender insurer carrier airline retailer
    supermarket maker manufacturer carmaker automaker producer giant broadcaster publisher studio operator provider
    supplier seller vendor developer club organisation organization charity""".split())
# "the central bank" is a country's, "the biggest firm" a comparison: neither refers back to the organisation in focus.
NOT_ANAPHORIC_MODIFIERS = frozenset({"central", "other", "same", "new", "rival", "parent", "former", "private", "public", "state"})
ORGANISATION_WINDOW_SENTENCES = 3


@dataclass
class Mention:
    start: int
    end: int
    text: str
    type: str
    resolution: str
    entity: int  # index into the article's local entities


@dataclass
class PendingDescription:
    """A role description ("the first lady") that this article alone cannot resolve."""

    start: int
    end: int
    text: str
    heads: list[str]
    countries: list[str]


@dataclass
class LocalEntity:
    """One referent within one article."""

    index: int
    type: str
    key: str  # identity within the article; linking turns it into a corpus-wide id
    names: list[str] = field(default_factory=list)  # named forms, fullest last-in-preference
    roles: list[str] = field(default_factory=list)
    gender: str | None = None
    full_name: str | None = None  # persons: a name of two or more words, if the article gives one
    place: str | None = None  # places: the gazetteer's canonical name
    short_form_used: bool = False  # persons: referred to by surname or first name alone

    @property
    def surname(self) -> str | None:
        return name_words(self.full_name)[-1] if self.full_name else (self.names[0] if self.type == "PERSON" and self.names else None)

    def role_heads(self) -> set[str]:
        return {head for role in self.roles for head in role_heads(role)}

    def countries(self) -> set[str]:
        return countries_of_roles(self.roles)


def role_heads(role: str) -> set[str]:
    """The role nouns a role contains: "US First Lady" -> {"first lady"}; "Russian President" -> {"president"}."""
    lowered = " " + role.lower() + " "
    for short, full in ROLE_ABBREVIATIONS.items():
        lowered = lowered.replace(f" {short} ", f" {full} ")
    return {head for head in ROLE_HEADS if head != "leader" and f" {head} " in lowered} | (
        {"leader"} if " leader " in lowered else set()
    )


def roles_compatible(heads: set[str], roles: Iterable[str]) -> bool:
    """Does a description's head ("leader", "president") fit a person's known roles?"""
    entity_heads = {h for role in roles for h in role_heads(role)}
    return any(ROLE_HEADS.get(head, {head}) & entity_heads for head in heads)


def countries_of_roles(roles: Iterable[str]) -> set[str]:
    """The countries and US states a person's roles name ("Florida Sen." -> Florida)."""
    return {c for role in roles for word in role.split() if (c := jurisdiction_of(word))}


# --- step 1: named mentions from NER, cleaned ------------------------------------------------------


@dataclass
class _Named:
    start_token: int
    end_token: int  # exclusive
    type: str
    title_tokens: list[Token]


def _clean_span(span: Span, person_words: set[str] | None = None) -> _Named | None:
    """Trim articles, possessives, punctuation and (for people) titles from an entity span."""
    doc, start, end = span.doc, span.start, span.end
    while end > start and (doc[end - 1].text in POSSESSIVE_ENDINGS or doc[end - 1].is_punct and doc[end - 1].text != "."):
        end -= 1
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct):
        start += 1
    if start >= end:
        return None
    label = span.label_
    titles: list[Token] = []
    if label in {"PERSON", "WORK_OF_ART", "ORG"}:
        # "Lady Melania Trump", "Dear President Putin", "President Vladimir Putin": the title is a role.
        first_name_token = start
        while first_name_token < end - 1 and (
            doc[first_name_token].lower_ in ROLE_WORDS or doc[first_name_token].lower_ in HONORIFICS
        ):
            first_name_token += 1
        rest = doc[first_name_token:end].text
        if first_name_token > start and (label == "PERSON" or (person_words and rest in person_words)):
            titles = list(doc[start:first_name_token])
            start = first_name_token
            label = "PERSON"
    text = doc[start:end].text
    text_end = doc[end - 1].idx + len(doc[end - 1].text)
    if text.endswith(POSSESSIVE_ENDINGS[:2]):  # "Trump's" kept as one token by the tokenizer
        return _Named(start, end, label, titles) if len(text) > 2 else None
    if not any(ch.isupper() or ch.isdigit() for ch in doc_text(doc)[doc[start].idx : text_end]):
        return None  # "n’t", "the" tagged as entities
    if start >= 2 and f"{doc[start - 2].lower_} {doc[start - 1].lower_} {doc[start].lower_}" in ROLE_HEADS:
        return None  # "State" in "secretary of State" is part of a role
    return _Named(start, end, label, titles)


def _span_chars(doc: Doc, start_token: int, end_token: int) -> tuple[int, int]:
    start = doc[start_token].idx
    last = doc[end_token - 1]
    end = last.idx + len(last.text)
    text = doc_text(doc)[start:end]
    for ending in POSSESSIVE_ENDINGS[:2]:
        if text.endswith(ending) and len(text) > len(ending):
            end -= len(ending)
    return start, end


def _fixed_type(label: str, text: str, person_words: set[str]) -> str | None:
    """Correct the small model's common type errors; None drops the span (not an entity type we keep)."""
    if demonym_country(text) and label in {"GPE", "NORP", "PERSON", "ORG", "LOC"}:
        return "NORP"
    if label == "PERSON" and text.lower() in PARTY_WORDS:
        return "ORG"  # "Labour", "Tories" tagged PERSON: a party, which speaks ("Labour says"), but no "he" or "she" means
    if label == "PERSON" and " " not in text and text not in person_words and canonical_place(text):
        return "GPE"  # "Kyiv" tagged PERSON
    if label in {"ORG", "GPE", "WORK_OF_ART", "PRODUCT", "FAC", "NORP"} and text in person_words:
        return "PERSON"  # "Trump" tagged ORG
    return label if label in ENTITY_TYPES else None


# --- the article -----------------------------------------------------------------------------------


class _Article:
    """Working state while clustering one article's mentions."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.entities: list[LocalEntity] = []
        self.mentions: list[Mention] = []
        self.by_key: dict[str, LocalEntity] = {}
        self.taken: list[tuple[int, int, str]] = []  # character spans already mentioned, with their type
        self.pending: list[PendingDescription] = []
        self.gendered_by_name: set[int] = set()  # entities whose gender only their given name gives

    def entity(self, type_: str, key: str) -> LocalEntity:
        if key not in self.by_key:
            entity = LocalEntity(len(self.entities), type_, key)
            self.entities.append(entity)
            self.by_key[key] = entity
        return self.by_key[key]

    def overlaps(self, start: int, end: int, people_only: bool = False) -> bool:
        return any(s < end and start < e for s, e, type_ in self.taken if not people_only or type_ == "PERSON")

    def add(self, start: int, end: int, type_: str, resolution: str, entity: LocalEntity, nested: bool = False) -> Mention | None:
        """Add a mention unless it overlaps one already made; `nested` lets a description contain a
        place or group ("the [Russian] leader") but never another person."""
        if start >= end or self.overlaps(start, end, people_only=nested):
            return None
        mention = Mention(start, end, doc_text(self.doc)[start:end], type_, resolution, entity.index)
        self.mentions.append(mention)
        self.taken.append((start, end, type_))
        return mention


def extract_entities(doc: Doc) -> tuple[list[LocalEntity], list[Mention], list[PendingDescription]]:
    """The local entities and their mentions in one parsed article (in text order), and the role
    descriptions left for linking to resolve."""
    article = _Article(doc)
    people_first = [n for n in (_clean_span(span) for span in doc.ents if span.label_ == "PERSON") if n]
    person_words = _person_words(doc, people_first)
    named = [n for n in (_clean_span(span, person_words) for span in doc.ents) if n]
    people = _named_people(article, named, person_words)
    _other_named(article, named, person_words)
    _organisation_short_forms(article)
    _propagate_names(article, people)
    _descriptions(article)
    _organisation_descriptions(article)
    _gender_from_context(article)
    _pronouns(article)
    article.mentions.sort(key=lambda m: (m.start, m.end))
    return article.entities, article.mentions, article.pending


def _person_words(doc: Doc, named: list[_Named]) -> set[str]:
    """Words that name a person here: the surname of each multi-word person name (unless a place that NER tags as
    something else here, twice or more and more often than as a person), and each one-word person mention that NER
    tags PERSON at least as often as anything else in this article.

    ("Trump" tagged ORG twice and PERSON five times is a person; "Labour" inside one odd PERSON span is not.)
    """
    votes: Counter = Counter()
    for span in doc.ents:
        votes[(span.text, span.label_ == "PERSON")] += 1
    words: set[str] = set()
    for n in named:
        start, end = _span_chars(doc, n.start_token, n.end_token)
        text = doc_text(doc)[start:end]
        if " " in text:
            surname = name_words(text)[-1]
            # (not a place the article names as such, twice or more and more often than as a person: "France" after an
            # odd PERSON "Stade de France"; one "Washington" tagged GPE is no reason to doubt "Kerry Washington")
            place_votes = votes[(surname, False)]
            if not (canonical_place(surname) and place_votes >= 2 and place_votes > votes[(surname, True)]):
                words.add(surname)
            words.add(text)
        elif not canonical_place(text) and votes[(text, True)] >= votes[(text, False)]:
            words.add(text)
    return words


def _role_before(doc: Doc, token_index: int) -> tuple[str | None, str | None]:
    """The role written right before a name ("US First Lady", "Russian President") and the gender it implies."""
    start = token_index
    while start > 0:
        token = doc[start - 1]
        word = token.lower_
        if word in ROLE_WORDS or word in HONORIFICS or (token.text[:1].isupper() and jurisdiction_of(token.text)):
            start -= 1
            continue
        break
    if start == token_index:
        return None, None
    words = [t.text for t in doc[start:token_index]]
    gender = next((HONORIFICS[w.lower()] for w in words if HONORIFICS.get(w.lower())), None)
    role_words = [w for w in words if w.lower() not in HONORIFICS]
    while role_words and jurisdiction_of(role_words[-1]):  # "President Trump's Russian ..." never ends in a country
        role_words.pop()
    role = " ".join(role_words) or None
    if role and not gender:
        gender = next((g for r, g in GENDERED_ROLES.items() if f" {r} " in f" {role.lower()} "), None)
    if role and not role_heads(role) and not any(w.lower() in ROLE_WORDS - {"former", "senior", "then", "late", "u.s."} for w in role_words):
        role = None
    return role, gender


def _named_people(article: _Article, named: list[_Named], person_words: set[str]) -> list[LocalEntity]:
    doc = article.doc
    people_spans = []
    for n in named:
        start, end = _span_chars(doc, n.start_token, n.end_token)
        text = doc_text(doc)[start:end]
        if _fixed_type(n.type, text, person_words) == "PERSON":
            people_spans.append((n, start, end, text))
    # Full names first, so that short forms can find them.
    for n, start, end, text in people_spans:
        if len(text.split()) >= 2:
            person = article.entity("PERSON", _person_key(text))
            person.full_name = _fuller(person.full_name, text)
            person.names.append(text)
            _note_role(person, doc, n)
    for n, start, end, text in sorted(people_spans, key=lambda p: p[1]):
        if len(text.split()) >= 2:
            article.add(start, end, "PERSON", NAME, article.by_key[_person_key(text)])
        else:
            role, gender = _role_before(doc, n.start_token)
            person = _resolve_short_name(article, text, start, role, gender)
            if article.add(start, end, "PERSON", ALIAS, person):
                person.short_form_used = True
                person.names.append(text)
                if role and role not in person.roles:
                    person.roles.append(role)
                person.gender = person.gender or gender
    return [e for e in article.entities if e.type == "PERSON"]


def name_words(full_name: str) -> list[str]:
    """A full name's words without a generational suffix (`Harry B. Harris Jr.`): the first is the given name, the
    last the surname."""
    words = full_name.split()
    while len(words) > 2 and words[-1].lower().rstrip(".") in NAME_SUFFIXES:
        words.pop()
    return words


def gender_of_name(full_name: str | None) -> str | None:
    """The gender a person's given name gives (`given_names`): the first word of a name of two or more words, after any
    role, honorific or common noun the NER took into the name (`Lawyer Louise Christian`: Louise)."""
    words = (full_name or "").split()
    while words and words[0].lower().rstrip(",") in NOT_GIVEN_NAMES:
        words.pop(0)
    return gender_of_given_name(words[0]) if len(words) >= 2 else None


def _person_key(full_name: str) -> str:
    """First name and surname, and a generational suffix: Donald Trump Jr. is not his father."""
    words, all_words = name_words(full_name), full_name.split()
    suffix = f" {all_words[-1].lower().rstrip('.')}" if len(all_words) > len(words) else ""
    return f"PERSON:{words[0].lower()} {words[-1].lower()}{suffix}"


def _fuller(current: str | None, candidate: str) -> str:
    return candidate if current is None or len(candidate.split()) > len(current.split()) else current


def _note_role(person: LocalEntity, doc: Doc, named: _Named) -> None:
    role, gender = _role_before(doc, named.start_token)
    if role and role not in person.roles:
        person.roles.append(role)
    person.gender = person.gender or gender


def _resolve_short_name(article: _Article, word: str, position: int, role: str | None, gender: str | None) -> LocalEntity:
    """Which person a surname or first name means here (see the module docstring, step 3)."""
    people = [e for e in article.entities if e.type == "PERSON"]
    # A first name alone can stand for a person ("Melania"); with a title it is a surname or a
    # regnal name ("Prince Charles" is not Charles Kennedy).
    parts = (-1,) if role or gender else (-1, 0)
    candidates = [p for p in people if p.full_name and any(word == name_words(p.full_name)[i] for i in parts)]
    candidates += [p for p in people if not p.full_name and p.names and p.names[0] == word]
    heads = role_heads(role) if role else set()
    if heads:  # "President Trump" is not the Trump whose known roles are all different
        candidates = [p for p in candidates if p.role_heads() & heads or not p.roles]
    if gender:
        candidates = [p for p in candidates if p.gender in (None, gender)]
    if len(candidates) > 1:
        called_so = [p for p in candidates if p.short_form_used]
        if len(called_so) == 1:
            return called_so[0]
        before = [(m.start, article.entities[m.entity]) for m in article.mentions
                  if m.start < position and article.entities[m.entity] in candidates]
        if before:
            return max(before, key=lambda b: b[0])[1]
    if candidates:
        return candidates[0]
    return article.entity("PERSON", f"PERSON:{word.lower()}" + (f"|{'/'.join(sorted(heads))}" if heads else ""))


def _other_named(article: _Article, named: list[_Named], person_words: set[str]) -> None:
    doc = article.doc
    acronyms: dict[str, LocalEntity] = {}
    for n in named:
        start, end = _span_chars(doc, n.start_token, n.end_token)
        text = doc_text(doc)[start:end]
        type_ = _fixed_type(n.type, text, person_words)
        if type_ is None or type_ == "PERSON":
            continue
        entity = _named_entity(article, type_, text, acronyms)
        if article.add(start, end, type_, NAME, entity):
            entity.names.append(text)


def _organisation_short_forms(article: _Article) -> None:
    """"the US Pew Research Center", then "Pew Research" and "Pew": one organisation. A country word opening the
    name is left out where the article itself names the organisation without it (the tagger often takes "US" or
    "British" into the name); the shorter forms are aliases of the full one."""
    organisations = [e for e in article.entities if e.type == "ORG"]
    for entity in organisations:
        for mention in [m for m in article.mentions if m.entity == entity.index and m.resolution == NAME]:
            words = mention.text.split()
            if len(words) < 3 or not country_of(words[0]) or words[0].lower() in {"european", "europe"}:
                continue
            rest = words[1:]
            shorter = [o for o in organisations if o is not entity and o.names
                       and all(n.split() == rest[: len(n.split())] for n in o.names)]
            if not any(len(n.split()) > 1 for o in shorter for n in o.names):
                continue  # a single word is weak evidence ("Roma" after "European Roma Rights Centre" is the people)
            mention.start += mention.text.index(rest[0], len(words[0]))
            mention.text = doc_text(article.doc)[mention.start : mention.end]
            entity.names = [mention.text if n == " ".join(words) else n for n in entity.names]
            entity.key = f"ORG:{fold_name(mention.text)}"
            for other in shorter:
                for alias in (m for m in article.mentions if m.entity == other.index):
                    alias.entity, alias.resolution = entity.index, ALIAS
                other.names = []


def _named_entity(article: _Article, type_: str, text: str, acronyms: dict[str, LocalEntity]) -> LocalEntity:
    if type_ in {"GPE", "LOC", "FAC"} and (place := canonical_place(text)):
        entity = article.entity("GPE" if type_ == "GPE" else type_, f"PLACE:{place}")
        entity.place = place
        return entity
    if type_ == "NORP" and (country := demonym_country(text)):
        return article.entity("NORP", f"NORP:{country}")
    key = f"{type_}:{fold_name(text)}"
    if type_ == "ORG":
        initials = acronym_of(text)
        if is_acronym_form(text) and text.upper() in acronyms:
            return acronyms[text.upper()]
        if " " not in text and (longer := _organisation_ending_in(article, text)):
            return longer  # "the Post" after "the Washington Post"
        entity = article.entity(type_, key)
        if initials:
            acronyms.setdefault(initials, entity)
        return entity
    return article.entity(type_, key)


def _organisation_ending_in(article: _Article, word: str) -> LocalEntity | None:
    owners = [e for e in article.entities if e.type == "ORG" and any(n.split()[-1] == word and " " in n for n in e.names)]
    return owners[0] if len(owners) == 1 else None


def fold_name(text: str) -> str:
    text = re.sub(r"^(the)\s+", "", text.strip(), flags=re.IGNORECASE)
    text = re.sub(r"['’]s$", "", text)
    return " ".join(text.replace("’", "'").split()).casefold()


_ACRONYM_STOPWORDS = {"of", "the", "and", "for", "&", "on", "in"}


def acronym_of(name: str) -> str | None:
    """"International Criminal Court" -> "ICC"; None for one-word names."""
    words = [w for w in name.split() if w.lower() not in _ACRONYM_STOPWORDS]
    if len(words) < 2:
        return None
    return "".join(w[0] for w in words).upper()


def is_acronym_form(word: str) -> bool:
    """A word that can be an organisation's initials: "IDS", or as BBC style writes the pronounceable ones, "Sepa",
    "Nato" (one capital, then lower case)."""
    if " " in word or not word.isalpha() or not 2 <= len(word) <= 6:
        return False
    return word.isupper() or (len(word) >= 3 and word[0].isupper() and word[1:].islower())


def spelled_out(names: Iterable[str]) -> dict[str, str]:
    """Acronym form -> the name among `names` it abbreviates ("IDS" -> "Incomes Data Services")."""
    spelled = {initials: name for name in names if (initials := acronym_of(name))}
    return {name: spelled[name.upper()] for name in names if is_acronym_form(name) and name.upper() in spelled}


def _propagate_names(article: _Article, people: list[LocalEntity]) -> None:
    """Every other occurrence of a known name is a mention too: NER misses many."""
    text = doc_text(article.doc)
    forms: list[tuple[str, LocalEntity, str]] = []
    for entity in article.entities:
        for name in set(entity.names):
            if len(name) > 2 and name[:1].isupper():
                forms.append((name, entity, NAME if entity.type != "PERSON" or " " in name else ALIAS))
    # Surnames of everyone named in full; which person each occurrence means is decided per occurrence.
    surnames = {p.surname: p for p in people if p.full_name}
    forms += [(surname, person, ALIAS) for surname, person in surnames.items()]
    unique = {(name, entity.index): (name, entity, resolution) for name, entity, resolution in forms}.values()
    for name, entity, resolution in sorted(unique, key=lambda f: (-len(f[0]), f[0], f[1].index)):
        for start, end in occurrences(name, text):
            if article.overlaps(start, end):
                continue
            owner = entity
            if entity.type == "PERSON" and resolution == ALIAS:
                role, gender = _role_before(article.doc, _token_at(article.doc, start))
                owner = _resolve_short_name(article, name, start, role, gender)
            if article.add(start, end, entity.type, resolution, owner) and resolution == ALIAS:
                owner.short_form_used = True


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what the re module's \w matches in a str pattern


def occurrences(name: str, text: str) -> Iterator[tuple[int, int]]:
    r"""Where `name` stands as a whole word in `text`, left to right without overlap: the matches of
    (?<![\w.-])name(?![\w-]). Found with str.find: a regex per name was compiled again in every article."""
    position = text.find(name)
    while position >= 0:
        end = position + len(name)
        before = text[position - 1] if position else ""
        after = text[end] if end < len(text) else ""
        if (not before or not (_is_word_char(before) or before in ".-")) and (not after or not (_is_word_char(after) or after == "-")):
            yield position, end
            position = text.find(name, end)
        else:
            position = text.find(name, position + 1)


def _token_at(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else 0


def _descriptions(article: _Article) -> None:
    """Role descriptions: "the First Lady", "the Russian leader", "the U.S. president", "her husband X"."""
    doc = article.doc
    people = [e for e in article.entities if e.type == "PERSON"]
    for token in doc:
        if token.lower_ not in DESCRIPTION_DETERMINERS:
            continue
        parsed = _description_at(doc, token.i)
        if not parsed:
            continue
        end_token, heads, countries, kinship = parsed
        start, end = token.idx, doc[end_token - 1].idx + len(doc[end_token - 1].text)
        if article.overlaps(start, end, people_only=True):
            continue
        target = _apposed_person(article, end_token)
        if kinship and token.lower_ in PRONOUN_GENDER:
            _note_possessor_gender(article, token)
        if target is None and not kinship:
            target = _unique_role_holder(article, people, heads, countries, start)
            if target is None:
                # Decided in linking, where the roles every article gives a person are known.
                article.pending.append(PendingDescription(start, end, doc_text(doc)[start:end], sorted(heads), sorted(countries)))
                continue
        if target is not None:
            article.add(start, end, "PERSON", TITLE, target, nested=True)
            for head in heads:
                if head in GENDERED_ROLES:
                    target.gender = target.gender or GENDERED_ROLES[head]


def _organisation_descriptions(article: _Article) -> None:
    """"the company said", "the group's profits": the organisation the article is about at that point (named
    most often so far, and in the last few sentences), or none when two are as prominent."""
    doc = article.doc
    sentences = list(doc.sents)
    for index, sentence in enumerate(sentences):
        for token in sentence:
            head = _organisation_head(token)
            if head is None:
                continue
            start, end = token.idx, head.idx + len(head.text)
            if article.overlaps(start, end):
                continue
            recent = sentences[max(0, index - ORGANISATION_WINDOW_SENTENCES)].start_char
            target = _organisation_in_focus(article, recent, start)
            if target is not None and _other_organisation_between(article, target, sentence.start_char, start):
                target = None  # "an executive at Euronext said the group would bid": the nearer one may be meant
            if target is not None:
                article.add(start, end, "ORG", TITLE, target)


def _organisation_head(determiner: Token) -> Token | None:
    """The head noun of `the [modifiers] company` when `determiner` opens a subject or possessor that names nothing
    itself; other uses (`the biggest firm in the world`, `left the club`) are too often not a reference back."""
    head = determiner.head
    if determiner.lower_ != "the" or determiner.dep_ != "det" or head.i <= determiner.i or head.tag_ != "NN":
        return None
    if head.lower_ not in ORGANISATION_HEADS or head.dep_ not in {"nsubj", "nsubjpass", "poss"}:
        return None
    words = determiner.doc[determiner.i : head.i + 1]
    if any(t.pos_ == "PROPN" or t.ent_type_ or t.tag_ in {"JJS", "RBS"} or t.lower_ in NOT_ANAPHORIC_MODIFIERS for t in words):
        return None
    if any(c.dep_ in {"appos", "prep", "relcl", "acl"} for c in head.children):
        return None  # "the firm, Acme,", "the group of investors", "the company that makes ...": not a reference back
    return head


def _other_organisation_between(article: _Article, target: LocalEntity, start: int, end: int) -> bool:
    return any(m.type == "ORG" and m.entity != target.index and start <= m.start < end for m in article.mentions)


def _organisation_in_focus(article: _Article, recent: int, position: int) -> LocalEntity | None:
    """The organisation named most often before `position`, if it is also named since `recent` and no other is
    named as often."""
    counts: dict[int, int] = {}
    named_recently: set[int] = set()
    for mention in article.mentions:
        if mention.type == "ORG" and mention.resolution != TITLE and mention.start < position:
            counts[mention.entity] = counts.get(mention.entity, 0) + 1
            if mention.start >= recent:
                named_recently.add(mention.entity)
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]) or ranked[0][0] not in named_recently:
        return None
    return article.entities[ranked[0][0]]


def _note_possessor_gender(article: _Article, determiner: Token) -> None:
    """"her husband": whoever "her" is, is female; if one person fits, note it."""
    gender = PRONOUN_GENDER[determiner.lower_]
    sentence = determiner.sent
    before = [article.entities[m.entity] for m in article.mentions
              if m.type == "PERSON" and sentence.start_char <= m.start < determiner.idx]
    fitting = {id(p): p for p in before if p.gender in (None, gender)}
    if len(fitting) == 1:
        person = next(iter(fitting.values()))
        person.gender = person.gender or gender


def _description_at(doc: Doc, i: int) -> tuple[int, set[str], set[str], bool] | None:
    """Parse `determiner modifiers* role-head` starting at token i."""
    j = i + 1
    countries: set[str] = set()
    while j < len(doc) and (doc[j].lower_ in DESCRIPTION_MODIFIERS or (doc[j].text[:1].isupper() and jurisdiction_of(doc[j].text))):
        if country := jurisdiction_of(doc[j].text):
            countries.add(country)
        j += 1
    if j >= len(doc):
        return None
    two = f"{doc[j].lower_} {doc[j + 1].lower_}" if j + 1 < len(doc) else ""
    three = f"{two} {doc[j + 2].lower_}" if j + 2 < len(doc) else ""
    for phrase, width in ((three, 3), (two, 2), (doc[j].lower_, 1)):
        if phrase in ROLE_HEADS:
            return j + width, {phrase}, countries, False
    if doc[j].lower_ in KINSHIP and doc[i].lower_ != "the":
        return j + 1, {doc[j].lower_}, countries, True
    return None


def _apposed_person(article: _Article, token_index: int) -> LocalEntity | None:
    """The person named right after a description ("her husband US President Donald Trump")."""
    doc = article.doc
    j = token_index
    while j < len(doc) and (doc[j].lower_ in ROLE_WORDS or doc[j].text == "," or jurisdiction_of(doc[j].text)):
        j += 1
    if j >= len(doc) or j - token_index > 5:
        return None
    for mention in article.mentions:
        if mention.start == doc[j].idx and mention.type == "PERSON":
            return article.entities[mention.entity]
    return None


def _unique_role_holder(article, people, heads, countries, position) -> LocalEntity | None:
    mentioned_before = {m.entity for m in article.mentions if m.start < position}
    candidates = [(p, p.roles) for p in people if p.index in mentioned_before]
    return unique_role_holder(candidates, set(heads), set(countries))


def unique_role_holder(candidates: list[tuple[object, list[str]]], heads: set[str], countries: set[str]):
    """The one candidate whose roles fit a description's head and country, preferring a country match."""
    fits = [(c, roles) for c, roles in candidates if roles and roles_compatible(heads, roles)]
    if countries:
        same_country = [(c, r) for c, r in fits if countries & countries_of_roles(r)]
        fits = same_country or [(c, r) for c, r in fits if not countries_of_roles(r)]
    return fits[0][0] if len(fits) == 1 else None


def _gender_from_context(article: _Article) -> None:
    """Honorifics and gendered roles anywhere in the article tell a person's gender; without them, a given name that
    only one sex bears does (`given_names`)."""
    for person in (e for e in article.entities if e.type == "PERSON" and e.gender is None):
        for role in person.roles:
            gender = next((g for r, g in GENDERED_ROLES.items() if f" {r} " in f" {role.lower()} "), None)
            if gender:
                person.gender = gender
                break
        else:
            person.gender = gender_of_name(person.full_name)
            if person.gender:
                article.gendered_by_name.add(person.index)


def _pronouns(article: _Article) -> None:
    """He/she and their forms resolve to the one compatible person nearby, or not at all."""
    doc = article.doc
    sentences = list(doc.sents)
    person_mentions = sorted((m for m in article.mentions if m.type == "PERSON"), key=lambda m: m.start)
    quoted = _quotations(doc_text(doc))
    for index, sentence in enumerate(sentences):
        for token in sentence:
            gender = PRONOUN_GENDER.get(token.lower_)
            # (a pronoun inside a quotation speaks from the quoted speaker's view: left to the quotes stage)
            if gender is None or token.pos_ not in {"PRON", "DET"} or _inside(quoted, token.idx):
                continue
            target = _pronoun_antecedent(article, sentences, index, token, gender, person_mentions, quoted)
            if target is not None and article.add(token.idx, token.idx + len(token.text), "PERSON", PRONOUN, target):
                target.gender = target.gender or gender  # "him" tells us the person is male


def _pronoun_antecedent(article, sentences, index, token, gender, person_mentions, quoted) -> LocalEntity | None:
    doc = article.doc
    reported = _reported_by(token)
    ruled_out_by_name = False
    for back in range(PRONOUN_WINDOW_SENTENCES + 1):
        if index - back < 0:
            break
        sentence = sentences[index - back]
        limit = token.idx if back == 0 else sentence.end_char
        candidates: list[LocalEntity] = []
        subjects: dict[int, int] = {}  # entity -> where, as the subject of a main clause, it last is
        for mention in person_mentions:
            if not (sentence.start_char <= mention.start < limit) or mention.resolution == PRONOUN:
                continue
            # Not a name inside a quotation (`"It was Becky Sharp who ...," she said`: the quote speaks of her) nor
            # inside what the pronoun's own verb reports (`Mr Blair had been "hurt", he added`: somebody else adds it).
            if _inside(quoted, mention.start) or reported is not None and reported[0] <= mention.start < reported[1]:
                continue
            entity = article.entities[mention.entity]
            if entity not in candidates:
                candidates.append(entity)
            if _is_main_subject(doc, mention):
                subjects[entity.index] = mention.start
        # (only a person named here can be ruled out by a given name: one a pronoun names has that pronoun's gender)
        ruled_out_by_name |= any(c.gender not in (gender, None) and c.index in article.gendered_by_name for c in candidates)
        for mention in _subject_pronouns(article, sentence.start_char, limit):
            entity = article.entities[mention.entity]
            candidates += [] if entity in candidates else [entity]
            subjects[entity.index] = mention.start
        fitting = [c for c in candidates if c.gender in (gender, None)]
        subject = sorted((c for c in fitting if c.index in subjects), key=lambda c: subjects[c.index])
        if subject:
            # the one the sentence is about (`X called on Mr Y to ... "..." he said`: X); of the subjects of its joined
            # main clauses, the last (`X said ..., but Y rejected his comments. "...," he said`: Y)
            return subject[-1]
        if not subject and _unnamed_person_subject(sentence, limit, gender):
            return None  # `The midfielder claims he lacks the backing of boss X. "...," he said`: the midfielder, unnamed
        known = [c for c in candidates if c.gender == gender]
        unknown = [c for c in candidates if c.gender is None]
        if len(known) == 1 and not unknown:
            return known[0]
        if not known and len(unknown) == 1:
            # The one person of unknown gender left once a given name ruled the others out is a guess by elimination:
            # often the one meant was never tagged a person (`Attallah Shabazz ... she said`, not Spike Lee).
            return None if ruled_out_by_name else unknown[0]
        if known or unknown:
            return None  # more than one person fits: leave it unresolved rather than guess
        # nobody here fits (or nobody is here): look one sentence further back
    return None


def _subject_pronouns(article: _Article, start: int, limit: int) -> list[Mention]:
    """The pronouns already resolved between `start` and `limit` that are their sentence's main subject: the person the
    sentence goes on about (`She will then link up with Daniela Hantuchova ... "...," she added`: not Hantuchova)."""
    return [m for m in article.mentions if m.resolution == PRONOUN and start <= m.start < limit
            and _is_main_subject(article.doc, m)]


def _reported_by(pronoun: Token) -> tuple[int, int] | None:
    """The character span of the clause a subject pronoun's verb reports (`X was hurt, he added`), if any."""
    if pronoun.dep_ != "nsubj":
        return None
    clause = next((c for c in pronoun.head.children if c.dep_ == "ccomp"), None)
    if clause is None:
        return None
    return clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge.text)


def _is_main_subject(doc: Doc, mention: Mention) -> bool:
    """Is the mention the subject of its sentence's main verb?"""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or any(c.dep_ == "conj" for c in span.root.children):
        return False  # (`X and Y sparred`: neither alone)
    root = span.root.head if span.root.dep_ == "appos" else span.root  # (`The shadow foreign secretary, X, welcomed`)
    return root.dep_ in {"nsubj", "nsubjpass"} and root.head in _main_verbs(root.sent)


def _main_verbs(sentence: Span) -> list[Token]:
    """The sentence's root and the verbs of the main clauses joined to it (`X said ..., but Y rejected ...`)."""
    verbs = [sentence.root]
    for verb in verbs:
        verbs += [c for c in verb.children if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}]
    return verbs


def _unnamed_person_subject(sentence: Span, limit: int, gender: str) -> bool:
    """Is the sentence's main subject (before `limit`) a common noun for a person of a fitting gender, unnamed?"""
    subject = next((c for c in sentence.root.children if c.dep_ in {"nsubj", "nsubjpass"} and c.idx < limit), None)
    if subject is None or subject.pos_ != "NOUN" or subject.ent_type_ or any(c.dep_ == "appos" for c in subject.children):
        return False  # (a role with the name set off after it is named)
    if role_heads(subject.doc[subject.left_edge.i : subject.i + 1].text):
        return False  # (`the first lady`, `the president`: a role the linking stage names, whom the pronoun may follow)
    word = subject.lower_
    fits = GENDERED_ROLES.get(word, gender) == gender
    return fits and (word in ROLE_WORDS or word in GENDERED_ROLES or word in PERSON_NOUNS)


def _quotations(text: str) -> list[tuple[int, int]]:
    """The article's quotations, marks included, as the quote-mark scanner reads them paragraph by paragraph (a long
    quotation whose paragraphs a source joined ends each part at the next opening mark, where counting marks fails)."""
    paragraphs, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            paragraphs.append((start, start + len(line)))
        start += len(line) + 1
    return quoted_spans(find_quotes_in_paragraphs(text, paragraphs))


def _inside(quoted: list[tuple[int, int]], offset: int) -> bool:
    return any(start < offset < end for start, end in quoted)
