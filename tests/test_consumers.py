"""The published Parquet as other teams' tools see it: DuckDB, Polars, pandas (pyarrow) and pyarrow.dataset.

Every tool must see the contract's types (lists as lists, dates as dates, timestamps in UTC, numbers
as numbers) and nulls as nulls, for every table the contract declares.
"""

import datetime as dt
import json

import duckdb
import pandas as pd
import polars as pl
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from newsfacts.dataset_validation import load_contract
from schemas.export import CONTRACT_DIR, type_signature

pytestmark = pytest.mark.slow  # the session's seed dataset loads spaCy once

CONTRACT = load_contract()
TABLES = list(CONTRACT.tables)


def declared(table: str) -> dict[str, str]:
    return {column: spec["type"] for column, spec in CONTRACT.tables[table]["columns"].items()}


def duckdb_type(signature: str) -> str:
    """The DuckDB type a contract type signature must load as."""
    simple = {"string": "VARCHAR", "int64": "BIGINT", "double": "DOUBLE", "bool": "BOOLEAN", "date32[day]": "DATE",
              "timestamp[us, tz=UTC]": "TIMESTAMP WITH TIME ZONE"}
    if signature in simple:
        return simple[signature]
    if signature.startswith("list<"):
        return duckdb_type(signature[5:-1]) + "[]"
    if signature.startswith("struct<"):
        fields = [part.split(": ", 1) for part in _split_top_level(signature[7:-1])]
        return "STRUCT(" + ", ".join(f"{name} {duckdb_type(t)}" for name, t in fields) + ")"
    raise AssertionError(f"no DuckDB mapping for {signature}")


def _split_top_level(text: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in text:
        depth += char == "<"
        depth -= char == ">"
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    return parts + [current.strip()]


def arrow_nulls(path) -> dict[str, int]:
    table = pq.read_table(path)
    return {name: table.column(name).null_count for name in table.column_names}


@pytest.mark.parametrize("table", TABLES)
def test_pyarrow_dataset_sees_the_declared_types(seed_dataset, table):
    schema = ds.dataset(seed_dataset / f"{table}.parquet", format="parquet").schema
    assert {f.name: type_signature(f.type) for f in schema} == declared(table)


@pytest.mark.parametrize("table", TABLES)
def test_polars_sees_the_declared_types_and_nulls(seed_dataset, table):
    path = seed_dataset / f"{table}.parquet"
    frame = pl.read_parquet(path)
    arrow_types = {f.name: type_signature(f.type) for f in frame.to_arrow().schema}
    assert arrow_types == declared(table)
    assert {name: frame[name].null_count() for name in frame.columns} == arrow_nulls(path)


@pytest.mark.parametrize("table", TABLES)
def test_duckdb_sees_the_declared_types_and_nulls(seed_dataset, table):
    path = seed_dataset / f"{table}.parquet"
    described = duckdb.sql(f"DESCRIBE SELECT * FROM '{path}'").fetchall()
    # DuckDB quotes only the field names that are keywords ("start", "end"): compare without quotes.
    assert {name: kind.replace('"', "") for name, kind, *_ in described} == {c: duckdb_type(t) for c, t in declared(table).items()}
    nulls = duckdb.sql("SELECT " + ", ".join(f'count(*) - count("{c}")' for c in declared(table)) + f" FROM '{path}'").fetchall()[0]
    assert dict(zip(declared(table), nulls)) == arrow_nulls(path)


@pytest.mark.parametrize("table", TABLES)
def test_pandas_with_arrow_types_sees_the_declared_types_and_nulls(seed_dataset, table):
    path = seed_dataset / f"{table}.parquet"
    frame = pd.read_parquet(path, engine="pyarrow", dtype_backend="pyarrow")
    assert {c: type_signature(frame[c].dtype.pyarrow_dtype) for c in frame.columns} == declared(table)
    assert {c: int(frame[c].isna().sum()) for c in frame.columns} == arrow_nulls(path)


@pytest.mark.parametrize("table", TABLES)
def test_pandas_default_types_keep_numbers_dates_lists_and_nulls(seed_dataset, table):
    path = seed_dataset / f"{table}.parquet"
    frame = pd.read_parquet(path, engine="pyarrow")
    assert {c: int(frame[c].isna().sum()) for c in frame.columns} == arrow_nulls(path)
    for column, signature in declared(table).items():
        values = frame[column]
        if signature in ("int64", "double"):
            assert pd.api.types.is_numeric_dtype(values), column  # int64, or float64 where there are nulls
        elif signature.startswith("timestamp"):
            assert isinstance(values.dtype, pd.DatetimeTZDtype) and str(values.dtype.tz) == "UTC", column
        elif signature.startswith("date32"):
            assert all(isinstance(v, dt.date) for v in values.dropna()), column
        elif signature.startswith("list<"):
            assert all(hasattr(v, "__len__") and not isinstance(v, str) for v in values), column


def test_timestamps_are_utc_instants(seed_dataset):
    ingested = pl.read_parquet(seed_dataset / "documents.parquet")["ingested_at"]
    manifest = json.loads((seed_dataset / "manifest.json").read_text())
    assert ingested.dtype == pl.Datetime("us", "UTC")
    assert ingested.to_list()[0] == dt.datetime.fromisoformat(manifest["started_at"])


@pytest.mark.parametrize("table", TABLES)
def test_rows_fit_the_json_schema_of_a_row(seed_dataset, table):
    import jsonschema

    schema = json.loads((CONTRACT_DIR / CONTRACT.tables[table]["json_schema"]).read_text())
    rows = json.loads(pl.read_parquet(seed_dataset / f"{table}.parquet").write_json())
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = [error.message for row in rows for error in validator.iter_errors(row)]
    assert not errors, errors[:3]


# --- joins a consumer writes, on the seeds ---------------------------------------------------------


def test_duckdb_joins_every_quote_to_its_document_and_speaker(seed_dataset):
    con = duckdb.connect()
    for table in ("documents", "entities", "quotes"):
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM '{seed_dataset / (table + '.parquet')}'")
    total, joined, with_speaker, speaker_joined, names_agree, spans_agree = con.execute("""
        SELECT count(*), count(d.doc_id), count(q.speaker_entity_id), count(e.entity_id),
               count(*) FILTER (WHERE e.name = q.speaker),
               count(*) FILTER (WHERE substring(d.text, q.start + 1, q."end" - q.start) = q.text)
        FROM quotes q LEFT JOIN documents d USING (doc_id) LEFT JOIN entities e ON q.speaker_entity_id = e.entity_id
    """).fetchone()
    assert total > 0 and joined == total and spans_agree == total
    assert with_speaker > 0 and speaker_joined == with_speaker and names_agree == with_speaker


def test_duckdb_finds_melania_trumps_letter_in_both_seed_articles(seed_dataset):
    # The seeds are two outlets' reports of one event: Melania Trump's letter to Vladimir Putin.
    rows = duckdb.sql(f"""
        SELECT d.source_path, e.type, count(*) AS quotes
        FROM '{seed_dataset / "quotes.parquet"}' q
        JOIN '{seed_dataset / "documents.parquet"}' d USING (doc_id)
        JOIN '{seed_dataset / "entities.parquet"}' e ON q.speaker_entity_id = e.entity_id
        WHERE e.name = 'Melania Trump'
        GROUP BY ALL ORDER BY d.source_path
    """).fetchall()
    documents = pl.read_parquet(seed_dataset / "documents.parquet")["source_path"].sort().to_list()
    assert [path for path, _, _ in rows] == documents
    assert all(kind == "PERSON" and n >= 1 for _, kind, n in rows)

