"""Rules across tables on small frames: generic over the declarations, list references included."""

import polars as pl

from newsfacts.dataset_validation import ValidationReport, cross_table_findings
from newsfacts.validating import foreign_key_failures

DOCUMENTS = pl.DataFrame({"doc_id": ["d1", "d2"], "text": ["Ann said yes.", "Bob left."]})
ENTITIES = pl.DataFrame({"entity_id": ["e1", "e2"], "n_mentions": [2, 1], "n_docs": [1, 1]})
MENTIONS = pl.DataFrame({"doc_id": ["d1", "d1", "d2"], "entity_id": ["e1", "e1", "e2"], "start": [0, 0, 0], "end": [3, 3, 3], "text": ["Ann", "Ann", "Bob"]})
INDEX = {
    "foreign_keys": [
        {"table": "mentions", "column": "entity_id", "references": "entities", "referenced_column": "entity_id"},
        {"table": "claims", "column": "entity_ids", "references": "entities", "referenced_column": "entity_id"},
        {"table": "claims", "column": "cluster_id", "references": "claim_clusters", "referenced_column": "cluster_id"},
    ],
    "spans": [{"table": "mentions", "start": "start", "end": "end", "text": "text"}],
    "counts": [
        {"table": "entities", "key": "entity_id", "column": "n_mentions", "counted_table": "mentions", "counted_key": "entity_id", "distinct": None},
        {"table": "entities", "key": "entity_id", "column": "n_docs", "counted_table": "mentions", "counted_key": "entity_id", "distinct": "doc_id"},
    ],
}


def findings(**frames):
    report = ValidationReport("test", "0.0.0")
    cross_table_findings(frames, INDEX, report)
    return report


def test_consistent_tables_pass_and_rules_on_absent_tables_are_noted_not_passed():
    report = findings(documents=DOCUMENTS, entities=ENTITIES, mentions=MENTIONS)
    assert report.ok
    assert len(report.checked) == 4
    assert sum("claims" in note for note in report.notes) == 2


def test_each_item_of_a_list_reference_must_resolve():
    claims = pl.DataFrame({"entity_ids": [["e1", "e2"], ["e1", "e9", "e8"], []], "cluster_id": [None, None, None]})
    failures = foreign_key_failures(claims, "entity_ids", ENTITIES, "entities", "entity_id")
    assert failures["index"].to_list() == [1, 1] and failures["failure_case"].to_list() == ["e9", "e8"]
    report = findings(documents=DOCUMENTS, entities=ENTITIES, mentions=MENTIONS, claims=claims)
    [finding] = report.findings
    assert (finding.table, finding.rule, finding.rows) == ("claims", "foreign_key(entity_ids -> entities.entity_id)", 1)


def test_counts_must_match_the_rows_they_count():
    wrong = ENTITIES.with_columns(pl.Series("n_docs", [2, 1]), pl.Series("n_mentions", [2, 3]))
    report = findings(documents=DOCUMENTS, entities=wrong, mentions=MENTIONS)
    assert {(f.rule, f.rows, f.examples[0]) for f in report.findings} == {
        ("count(n_docs == distinct doc_id of mentions rows per entity_id)", 1, "e1: 2 (counted 1)"),
        ("count(n_mentions == mentions rows per entity_id)", 1, "e2: 3 (counted 1)"),
    }


def test_an_entity_whose_mentions_are_all_gone_counts_zero():
    report = findings(documents=DOCUMENTS, entities=ENTITIES, mentions=MENTIONS.filter(pl.col("entity_id") == "e1"))
    assert any(f.examples == ["e2: 1 (counted 0)"] for f in report.findings)


def test_a_span_that_does_not_match_the_text_fails():
    shifted = MENTIONS.with_columns(pl.Series("start", [1, 0, 0]), pl.Series("end", [4, 3, 3]))
    [finding] = findings(documents=DOCUMENTS, entities=ENTITIES, mentions=shifted).findings
    assert finding.rule == "span(text == documents.text[start:end])" and finding.rows == 1
