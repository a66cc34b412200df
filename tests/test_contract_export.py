"""The exported contract: generated from the models, committed, and versioned."""

import json

import jsonschema
import pytest
from pandera.io import polars_io

from schemas import SCHEMA_VERSION, TABLES
from schemas.arrow import polars_schema
from schemas.export import (
    CONTRACT_DIR,
    VersionNotBumped,
    check_version,
    committed_versions,
    fingerprint,
    required_bump,
    stale_files,
    updated_versions,
)

BASE = {"documents": {"doc_id": "string", "title": "string (nullable)"}, "quotes": {"quote_id": "string", "start": "int64"}}


def _changed(table, **columns):
    new = json.loads(json.dumps(BASE))
    new[table].update(columns)
    return {t: {c: v for c, v in cols.items() if v is not None} for t, cols in new.items()}


def test_committed_contract_files_are_what_the_models_generate():
    stale = stale_files()
    assert not stale, f"the contract drifted from schemas/: run `make contract` (stale: {[p.name for p in stale]})"


def test_the_committed_versions_record_this_schema_version_and_the_models_match_it():
    versions = committed_versions()
    assert SCHEMA_VERSION in versions, "run `make contract` to record this schema version"
    check_version(versions, SCHEMA_VERSION, fingerprint())  # raises with the bump to make


@pytest.mark.parametrize(
    "new, bump",
    [
        (BASE, None),
        (_changed("quotes", cluster_id="string (nullable)"), "minor"),
        ({**BASE, "claims": {"claim_id": "string"}}, "minor"),
        (_changed("documents", title="string"), "minor"),  # no longer nullable: nothing a reader relied on breaks
        (_changed("quotes", start=None), "major"),  # removed
        (_changed("quotes", start="string"), "major"),  # retyped
        (_changed("quotes", start="int64 (nullable)"), "major"),  # may now be null
        ({"documents": BASE["documents"]}, "major"),  # table removed
    ],
)
def test_required_bump_follows_semantic_versioning(new, bump):
    assert required_bump(BASE, new)[0] == bump


def test_a_model_change_without_a_bump_fails_and_names_the_bump_to_make():
    with pytest.raises(VersionNotBumped, match=r"quotes.start removed.*1\.0\.0"):
        check_version({"0.3.0": BASE}, "0.3.0", _changed("quotes", start=None))
    with pytest.raises(VersionNotBumped, match=r"needs a major bump.*1\.0\.0"):
        check_version({"0.3.0": BASE}, "0.4.0", _changed("quotes", start="string"))
    with pytest.raises(VersionNotBumped, match=r"needs a minor bump.*0\.4\.0"):
        check_version({"0.3.0": BASE}, "0.3.1", _changed("quotes", cluster_id="string (nullable)"))
    with pytest.raises(VersionNotBumped, match="not above"):
        check_version({"0.3.0": BASE, "0.4.0": BASE}, "0.3.5", BASE)


def test_a_right_bump_is_recorded_in_version_order():
    added = _changed("quotes", cluster_id="string (nullable)")
    versions = updated_versions({"0.3.0": BASE}, "0.4.0", added)
    assert list(versions) == ["0.3.0", "0.4.0"] and versions["0.4.0"] == added
    assert list(updated_versions({"0.3.0": BASE}, "1.0.0", _changed("quotes", start=None))) == ["0.3.0", "1.0.0"]


@pytest.mark.parametrize("name", list(TABLES))
def test_pandera_files_read_back_to_the_models_columns(name):
    schema = polars_io.from_json(CONTRACT_DIR / f"{name}.pandera.json")
    model = TABLES[name].to_schema()
    assert list(schema.columns) == list(model.columns)
    for column, spec in model.columns.items():
        read = schema.columns[column]
        assert (read.nullable, read.unique) == (spec.nullable, spec.unique), column
        assert sorted(c.name for c in read.checks) == sorted(c.name for c in spec.checks), column
    assert {c: str(schema.columns[c].dtype) for c in schema.columns} == {c: str(t) for c, t in polars_schema(TABLES[name]).items()}


@pytest.mark.parametrize("name", list(TABLES))
def test_row_json_schemas_are_valid_and_reject_a_bad_row(name):
    schema = json.loads((CONTRACT_DIR / f"{name}.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    assert list(schema["properties"]) == list(TABLES[name].to_schema().columns)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"unexpected": 1}, schema)


def test_changing_a_real_model_without_a_bump_is_caught():
    from typing import Optional

    import pandera.polars as pa

    from schemas.quotes import Quotes

    class QuotesWithLanguage(Quotes):
        language: Optional[str] = pa.Field(nullable=True)

    changed = fingerprint({**TABLES, "quotes": QuotesWithLanguage})
    with pytest.raises(VersionNotBumped, match=r"quotes.language added"):
        check_version(committed_versions(), SCHEMA_VERSION, changed)
    major, minor, _ = (int(p) for p in SCHEMA_VERSION.split("."))
    check_version(committed_versions(), f"{major}.{minor + 1}.0", changed)  # the minor bump it needs is accepted
