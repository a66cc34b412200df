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


def validate_table(name: str, model: type[pa.DataFrameModel], frame: pl.DataFrame) -> Validated:
    """Validate lazily, so one report lists every failure; split the frame into valid and quarantined rows."""
    try:
        model.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        failures = exc.failure_cases
    else:
        return Validated(frame, frame.clear().with_columns(pl.lit(None, pl.Utf8).alias(QUARANTINE_REASON)), pl.DataFrame())
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


def _describe(failures: pl.DataFrame, examples: int = 5) -> str:
    lines = []
    for (column, check), group in failures.group_by(["column", "check"], maintain_order=True):
        sample = ", ".join(str(v)[:80] for v in group["failure_case"].head(examples).to_list())
        lines.append(f"  {column}: {check} ({group.height} rows; e.g. {sample})")
    return "\n".join(lines)
