import datetime as dt

import polars as pl
import pytest

from newsfacts.documents import build_document
from newsfacts.validating import QUARANTINE_REASON, ContractError, validate_table
from schemas import Documents
from schemas.arrow import polars_schema
from tests.conftest import SEED_000, SEED_004

NOW = dt.datetime(2025, 8, 18, tzinfo=dt.timezone.utc)


def _documents() -> list[dict]:
    return [build_document(p.read_text(encoding="utf-8"), p.name, NOW) for p in (SEED_000, SEED_004)]


def _frame(rows):
    return pl.DataFrame(rows, schema=polars_schema(Documents))


def test_real_documents_pass():
    checked = validate_table("documents", Documents, _frame(_documents()))
    assert checked.valid.height == 2 and checked.quarantined.height == 0


def test_failing_rows_are_quarantined_with_every_failed_check_and_the_rest_kept():
    good, bad = _documents()
    bad = {**bad, "n_words": bad["n_words"] + 1, "doc_id": "doc_not-a-hash"}
    checked = validate_table("documents", Documents, _frame([good, bad]))
    assert checked.valid["source_path"].to_list() == [good["source_path"]]
    assert checked.quarantined["source_path"].to_list() == [bad["source_path"]]
    reason = checked.quarantined[QUARANTINE_REASON][0]
    assert "n_words must equal" in reason and "doc_id: str_matches" in reason and "derived from content_sha256" in reason


def test_duplicate_ids_quarantine_both_rows():
    good, _ = _documents()
    twin = {**good, "source_path": "copy.txt"}
    checked = validate_table("documents", Documents, _frame([good, twin]))
    assert checked.valid.height == 0 and checked.quarantined.height == 2


def test_a_table_that_does_not_fit_its_model_is_a_contract_error():
    frame = _frame(_documents()).drop("n_words")
    with pytest.raises(ContractError, match="n_words"):
        validate_table("documents", Documents, frame)
