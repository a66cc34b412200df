"""Checks shared by several table models."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl


def span_matches_text(data: pa.PolarsData) -> pl.LazyFrame:
    """start < end, and the span is exactly as long as `text` (its content is checked against the documents)."""
    return data.lazyframe.select(
        (pl.col("start") < pl.col("end")) & (pl.col("end") - pl.col("start") == pl.col("text").str.len_chars())
    )
