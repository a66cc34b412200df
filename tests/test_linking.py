"""Cross-article linking rules, on hand-made local entities (no spaCy)."""

import pytest

from newsfacts.entities import ALIAS, NAME, LocalEntity, Mention, PendingDescription
from newsfacts.linking import ArticleEntities, link


def _person(index, key, full_name=None, roles=(), names=None, gender=None):
    names = names or [full_name or key.split(":")[1].split("|")[0].title()]
    return LocalEntity(index, "PERSON", key, list(names), list(roles), gender, full_name)


def _mention(entity, start, text, resolution):
    return Mention(start, start + len(text), text, "PERSON", resolution, entity)


def _names_by_doc(entities, mentions):
    names = {e["entity_id"]: e["name"] for e in entities}
    return {(m["doc_id"], m["text"]): names[m["entity_id"]] for m in mentions}


def test_a_titled_surname_links_to_the_one_person_whose_role_agrees():
    a = ArticleEntities("doc_a", [
        _person(0, "PERSON:melania trump", "Melania Trump", ["US First Lady"], gender="female"),
        _person(1, "PERSON:donald trump", "Donald Trump", ["US President"]),
    ], [_mention(0, 0, "Melania Trump", NAME), _mention(1, 20, "Donald Trump", NAME)])
    b = ArticleEntities("doc_b", [_person(0, "PERSON:trump|president", None, ["President"], ["Trump"])],
                        [_mention(0, 5, "Trump", ALIAS)])
    entities, mentions, _ = link([a, b])
    assert _names_by_doc(entities, mentions)[("doc_b", "Trump")] == "Donald Trump"
    donald = next(e for e in entities if e["name"] == "Donald Trump")
    assert donald["n_docs"] == 2 and donald["n_mentions"] == 2


def test_an_ambiguous_bare_surname_stays_its_own_entity():
    a = ArticleEntities("doc_a", [
        _person(0, "PERSON:melania trump", "Melania Trump"), _person(1, "PERSON:donald trump", "Donald Trump"),
    ], [_mention(0, 0, "Melania Trump", NAME), _mention(1, 20, "Donald Trump", NAME)])
    b = ArticleEntities("doc_b", [_person(0, "PERSON:trump", None, [], ["Trump"])], [_mention(0, 5, "Trump", ALIAS)])
    entities, mentions, _ = link([a, b])
    assert _names_by_doc(entities, mentions)[("doc_b", "Trump")] == "Trump"
    assert len(entities) == 3


@pytest.mark.parametrize("name, initials", [
    ("International Criminal Court", "ICC"),
    ("Scottish Environment Protection Agency", "Sepa"),  # BBC style writes pronounceable initials in title case
])
def test_initials_link_to_the_one_organisation_they_spell(name, initials):
    full = LocalEntity(0, "ORG", f"ORG:{name.lower()}", [name])
    short = LocalEntity(0, "ORG", f"ORG:{initials.lower()}", [initials])
    a = ArticleEntities("doc_a", [full], [Mention(0, len(name), name, "ORG", NAME, 0)])
    b = ArticleEntities("doc_b", [short], [Mention(3, 3 + len(initials), initials, "ORG", NAME, 0)])
    entities, mentions, _ = link([a, b])
    assert len(entities) == 1 and entities[0]["name"] == name
    assert sorted(entities[0]["aliases"]) == sorted([initials, name])


def test_a_description_resolves_with_roles_from_other_articles():
    a = ArticleEntities("doc_a", [_person(0, "PERSON:melania trump", "Melania Trump", ["US First Lady"])],
                        [_mention(0, 0, "Melania Trump", NAME)])
    b = ArticleEntities(
        "doc_b",
        [_person(0, "PERSON:melania trump", "Melania Trump"), _person(1, "PERSON:vladimir putin", "Vladimir Putin", ["Russian President"])],
        [_mention(0, 0, "Melania Trump", NAME), _mention(1, 20, "Vladimir Putin", NAME)],
        [PendingDescription(40, 54, "The first lady", ["first lady"], [])],
    )
    entities, mentions, _ = link([a, b])
    assert _names_by_doc(entities, mentions)[("doc_b", "The first lady")] == "Melania Trump"


def test_the_same_reported_words_under_two_cues_are_one_quote_row():
    """BBC: 'which, they claim, would ensure tax increases' was reported under 'accused' and 'claim'."""
    from newsfacts.linking import _one_row_per_quote

    rows = [{"quote_id": "quo_a", "confidence": 0.6, "cue": "accused"}, {"quote_id": "quo_a", "confidence": 0.8, "cue": "claim"},
            {"quote_id": "quo_b", "confidence": 0.5, "cue": "said"}, {"quote_id": "quo_b", "confidence": 0.5, "cue": "know"}]
    assert [(r["quote_id"], r["cue"]) for r in _one_row_per_quote(rows)] == [("quo_a", "claim"), ("quo_b", "said")]


def test_an_organisation_named_mostly_by_its_acronym_keeps_the_spelled_out_name():
    # "Incomes Data Services (IDS)", then "IDS" four times: the canonical name is the one the article spells out.
    ids = LocalEntity(0, "ORG", "ORG:incomes data services", ["Incomes Data Services", "IDS", "IDS", "IDS"])
    article = ArticleEntities("doc_a", [ids], [Mention(0, 21, "Incomes Data Services", "ORG", NAME, 0)]
                              + [Mention(start, start + 3, "IDS", "ORG", NAME, 0) for start in (30, 60, 90)])
    entities, _, _ = link([article])
    assert entities[0]["name"] == "Incomes Data Services"

