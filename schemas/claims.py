"""The claims table: checkable factual assertions, with who asserts them and how firmly."""

from __future__ import annotations

from typing import Optional

import pandera.polars as pa
import polars as pl

from schemas.checks import span_matches_text

QUANTITY = pl.Struct({"text": pl.Utf8, "start": pl.Int64, "end": pl.Int64, "value": pl.Float64, "unit": pl.Utf8})
DATE = pl.Struct({"text": pl.Utf8, "start": pl.Int64, "end": pl.Int64, "value": pl.Utf8, "granularity": pl.Utf8})


class Claims(pa.DataFrameModel):
    """One row per checkable assertion: a sentence, or a clause of it that asserts something on its own."""

    claim_id: str = pa.Field(unique=True, str_matches=r"^clm_[0-9a-f]{16}$", description="Stable id, derived from doc_id, start and end.")
    doc_id: str = pa.Field(description="The document (documents.doc_id).")
    text: str = pa.Field(str_length={"min_value": 1}, description="The assertion as written: documents.text[start:end].")
    start: int = pa.Field(ge=0, description="Start offset of the assertion in documents.text.")
    end: int = pa.Field(ge=1, description="End offset (exclusive) of the assertion in documents.text.")
    paragraph: int = pa.Field(ge=0, description="Index of the paragraph (documents.paragraphs) where the claim starts.")
    claimant: Optional[str] = pa.Field(nullable=True, description="Who asserts it: the claimant entity's canonical name, else the words that name the source ('a senior official'); null when the article asserts it in its own voice.")
    claimant_entity_id: Optional[str] = pa.Field(nullable=True, description="The claimant (entities.entity_id); null when unresolved or the article's own voice.")
    cue: Optional[str] = pa.Field(nullable=True, description="The attribution word as written (said, according to, demands, insists, documented); null in the article's own voice.")
    quote_id: Optional[str] = pa.Field(nullable=True, description="The quotation the claim sits in or reports (quotes.quote_id).")
    entity_ids: pl.List(pl.Utf8) = pa.Field(description="The entities named in the claim (entities.entity_id), in order of first mention.")
    negated: bool = pa.Field(description="The assertion is negative ('did not specifically name Ukraine').")
    hedged: Optional[str] = pa.Field(nullable=True, description="The hedge word as written (may, reportedly, allegedly, could, appears to); null when stated firmly.")
    quantities: pl.List(QUANTITY) = pa.Field(description="Numbers, amounts and percentages as written (text, offsets), with value (null where it cannot be read) and unit (currency code, 'percent' or null).")
    dates: pl.List(DATE) = pa.Field(description="Date phrases as written (text, offsets), with value: an ISO date at the precision the text gives ('2025-08-15', '2021-06', '2022', '2025-W33'), resolved against documents.published_date; null where the phrase is vague or needs a publication date the article lacks. granularity: day, week, month or year.")
    checkworthiness: float = pa.Field(ge=0.0, le=1.0, description="0 to 1: how much a fact-checker would want to check it (newsfacts.claims.checkworthiness).")
    cluster_id: Optional[str] = pa.Field(nullable=True, description="Claims asserting the same thing, across articles and within one (claim_clusters.cluster_id); set on every row.")

    class Config:
        strict = True
        coerce = False

    @pa.dataframe_check(error="start must be before end and the span as long as text")
    def span_is_consistent(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return span_matches_text(data)

    @pa.dataframe_check(error="a claimant entity comes with its name")
    def claimant_with_its_entity(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("claimant_entity_id").is_null() | pl.col("claimant").is_not_null())
