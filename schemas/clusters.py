"""The quote_clusters and claim_clusters tables: the same words, or the same assertion, across articles."""

from __future__ import annotations

import datetime as dt
from typing import Optional

import pandera.polars as pa
import polars as pl

_STORIES = "Number of distinct stories among those documents: a near-duplicate counts as its original (documents.near_duplicate_of)."


def _counts_consistent(data: pa.PolarsData, rows: str) -> pl.LazyFrame:
    return data.lazyframe.select(
        (pl.col("n_stories") <= pl.col("n_docs"))
        & (pl.col("n_docs") <= pl.col(rows))
        & (pl.col("first_published_date").is_null() | (pl.col("first_published_date") <= pl.col("last_published_date")))
    )


class QuoteClusters(pa.DataFrameModel):
    """One row per quotation repeated across or within articles: quotes of the same words by the same speaker, fragments included."""

    cluster_id: str = pa.Field(unique=True, str_matches=r"^qcl_[0-9a-f]{16}$", description="Stable id, derived from the canonical words and the speaker (quotes.cluster_id).")
    text: str = pa.Field(str_length={"min_value": 1}, description="Canonical text: the longest complete form quoted, as one article printed it.")
    indirect: bool = pa.Field(description="True for a cluster of indirect quotes (reported clauses), which never share a cluster with quoted words.")
    speaker: Optional[str] = pa.Field(nullable=True, description="Canonical name of the speaker (entities.name); null when no quote of the cluster has a known speaker.")
    speaker_entity_id: Optional[str] = pa.Field(nullable=True, description="The speaker (entities.entity_id); a cluster has at most one known speaker.")
    n_quotes: int = pa.Field(ge=1, description="Number of rows in quotes with this cluster_id.")
    n_docs: int = pa.Field(ge=1, description="Number of documents those quotes are in.")
    n_stories: int = pa.Field(ge=1, description=_STORIES)
    first_published_date: Optional[dt.date] = pa.Field(nullable=True, description="Earliest published_date of those documents; null if none has a date.")
    last_published_date: Optional[dt.date] = pa.Field(nullable=True, description="Latest published_date of those documents; null if none has a date.")

    class Config:
        strict = True
        coerce = False

    @pa.dataframe_check(error="n_stories <= n_docs <= n_quotes, and the first date is not after the last")
    def counts_are_consistent(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return _counts_consistent(data, "n_quotes")

    @pa.dataframe_check(error="speaker and speaker_entity_id are both set or both null")
    def speaker_with_its_entity(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("speaker").is_null() == pl.col("speaker_entity_id").is_null())


class ClaimClusters(pa.DataFrameModel):
    """One row per assertion made across or within articles: claims that say the same thing in different words."""

    cluster_id: str = pa.Field(unique=True, str_matches=r"^ccl_[0-9a-f]{16}$", description="Stable id (claims.cluster_id).")
    text: str = pa.Field(str_length={"min_value": 1}, description="Canonical text: the longest claim of the cluster.")
    claimant: Optional[str] = pa.Field(nullable=True, description="Canonical name of the commonest known claimant (entities.name); null if none is known.")
    claimant_entity_id: Optional[str] = pa.Field(nullable=True, description="The commonest known claimant (entities.entity_id).")
    n_claims: int = pa.Field(ge=1, description="Number of rows in claims with this cluster_id.")
    n_docs: int = pa.Field(ge=1, description="Number of documents those claims are in.")
    n_stories: int = pa.Field(ge=1, description=_STORIES)
    first_published_date: Optional[dt.date] = pa.Field(nullable=True, description="Earliest published_date of those documents; null if none has a date.")
    last_published_date: Optional[dt.date] = pa.Field(nullable=True, description="Latest published_date of those documents; null if none has a date.")

    class Config:
        strict = True
        coerce = False

    @pa.dataframe_check(error="n_stories <= n_docs <= n_claims, and the first date is not after the last")
    def counts_are_consistent(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return _counts_consistent(data, "n_claims")
