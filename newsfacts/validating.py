"""Validation against the contract: every failing row is quarantined, none is dropped silently."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import pandera.polars as pa
import polars as pl

log = logging.getLogger(__name__)

ROW_INDEX = "_row"
QUARANTINE_REASON = "quarantine_reason"


class ContractError(RuntimeError):
    """The table as a whole does not fit its model (a missing column, a wrong type): a bug, not bad data."""


@dataclass(frozen=True)
class Validated:
    valid: pl.DataFrame
    quarantined: pl.DataFrame  # the failing rows as they were, plus QUARANTINE_REASON
    failures: pl.DataFrame  # pandera's failure cases: column, check, failure_case, index


FAILURE_COLUMNS = {"failure_case": pl.Utf8, "schema_context": pl.Utf8, "column": pl.Utf8, "check": pl.Utf8, "index": pl.Int64}


def validate_table(
    name: str,
    model: type[pa.DataFrameModel],
    frame: pl.DataFrame,
    references: dict[str, pl.DataFrame] | None = None,
    foreign_keys: list[tuple[str, str, str, str]] = (),
    spans: list[tuple[str, str, str, str]] = (),
) -> Validated:
    """Validate lazily, so one report lists every failure; split the frame into valid and quarantined rows.

    Cross-table rules run too, against `references` (tables already validated): each foreign key
    (table, column, referenced table, referenced column) of this table, and each span
    (table, start, end, text column): text == documents.text[start:end] where set.
    """
    failures = pl.DataFrame(schema=FAILURE_COLUMNS)
    try:
        model.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        failures = exc.failure_cases.select(
            pl.col("failure_case").cast(pl.Utf8), pl.col("schema_context").cast(pl.Utf8), pl.col("column").cast(pl.Utf8),
            pl.col("check").cast(pl.Utf8), pl.col("index").cast(pl.Int64),
        )
    references = references or {}
    for table, column, ref_table, ref_column in foreign_keys:
        if table == name and column in frame.columns:
            failures = pl.concat([failures, foreign_key_failures(frame, column, references[ref_table], ref_table, ref_column)])
    for table, start, end, text in spans:
        if table == name and "documents" in references:
            failures = pl.concat([failures, span_failures(frame, references["documents"], start, end, text)])
    if failures.is_empty():
        return Validated(frame, frame.clear().with_columns(pl.lit(None, pl.Utf8).alias(QUARANTINE_REASON)), failures)
    table_level = failures.filter(pl.col("index").is_null())
    if table_level.height:
        raise ContractError(f"table {name!r} does not fit its model:\n{_describe(table_level)}")
    reasons = (
        failures.group_by("index")
        .agg((pl.col("column") + ": " + pl.col("check")).unique().sort().str.join("; ").alias(QUARANTINE_REASON))
        .rename({"index": ROW_INDEX})
        .with_columns(pl.col(ROW_INDEX).cast(pl.UInt32))
    )
    indexed = frame.with_row_index(ROW_INDEX)
    quarantined = indexed.join(reasons, on=ROW_INDEX, how="inner").sort(ROW_INDEX).drop(ROW_INDEX)
    valid = indexed.join(reasons, on=ROW_INDEX, how="anti").drop(ROW_INDEX)
    log.warning("%s: %d of %d rows quarantined:\n%s", name, quarantined.height, frame.height, _describe(failures))
    return Validated(valid, quarantined, failures)


def foreign_key_failures(frame: pl.DataFrame, column: str, reference: pl.DataFrame, ref_table: str, ref_column: str) -> pl.DataFrame:
    """Rows whose `column` is set but not found in `reference[ref_column]` (for a list column: any of its items)."""
    known = reference[ref_column].unique()
    indexed = frame.select(column).with_row_index("index")
    if isinstance(frame.schema[column], pl.List):
        indexed = indexed.explode(column)
    return (
        indexed
        .filter(pl.col(column).is_not_null() & ~pl.col(column).is_in(known.implode()))
        .select(
            pl.col(column).cast(pl.Utf8).alias("failure_case"),
            pl.lit("CrossTable").alias("schema_context"),
            pl.lit(column).alias("column"),
            pl.lit(f"foreign_key({ref_table}.{ref_column})").alias("check"),
            pl.col("index").cast(pl.Int64),
        )
    )


def span_failures(frame: pl.DataFrame, documents: pl.DataFrame, start: str = "start", end: str = "end", text: str = "text") -> pl.DataFrame:
    """Rows whose `text` is not documents.text[start:end] (or whose span is outside the text, or half set).

    A span with start, end and text all null is not checked.
    """
    joined = frame.with_row_index("index").join(
        documents.select("doc_id", pl.col("text").alias("_doc_text")), on="doc_id", how="left"
    )
    columns = [pl.col(start), pl.col(end), pl.col(text)]
    all_null = pl.all_horizontal([c.is_null() for c in columns])
    any_null = pl.any_horizontal([c.is_null() for c in columns])
    bad = joined.filter(
        ~all_null
        & (
            any_null
            | pl.col("_doc_text").is_null()
            | (pl.col(end) > pl.col("_doc_text").str.len_chars())
            | (pl.col(start) >= pl.col(end))
            | (pl.col("_doc_text").str.slice(pl.col(start), pl.col(end) - pl.col(start)) != pl.col(text))
        )
    )
    return bad.select(
        pl.col(text).cast(pl.Utf8).alias("failure_case"),
        pl.lit("CrossTable").alias("schema_context"),
        pl.lit(text).alias("column"),
        pl.lit(f"span({text} == documents.text[{start}:{end}])").alias("check"),
        pl.col("index").cast(pl.Int64),
    )


def _describe(failures: pl.DataFrame, examples: int = 5) -> str:
    lines = []
    for (column, check), group in failures.group_by(["column", "check"], maintain_order=True):
        sample = ", ".join(str(v)[:80] for v in group["failure_case"].head(examples).to_list())
        lines.append(f"  {column}: {check} ({group.height} rows; e.g. {sample})")
    return "\n".join(lines)
