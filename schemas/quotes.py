"""The quotes table: who said what, in which article, exactly where."""

from __future__ import annotations

from typing import Optional

import pandera.polars as pa
import polars as pl

from schemas.checks import span_matches_text

KINDS = ["direct", "partial", "indirect"]


class Quotes(pa.DataFrameModel):
    """One row per quotation: direct (quoted sentences), partial (a quoted phrase inside the writer's sentence) or indirect (reported speech)."""

    quote_id: str = pa.Field(unique=True, str_matches=r"^quo_[0-9a-f]{16}$", description="Stable id, derived from doc_id, start, end and kind.")
    doc_id: str = pa.Field(description="The document (documents.doc_id).")
    text: str = pa.Field(str_length={"min_value": 1}, description="The quoted content without its enclosing marks (for indirect quotes: the reported clause or phrase): documents.text[start:end].")
    start: int = pa.Field(ge=0, description="Start offset of the content in documents.text.")
    end: int = pa.Field(ge=1, description="End offset (exclusive) of the content in documents.text.")
    kind: str = pa.Field(isin=KINDS, description="direct, partial or indirect.")
    speaker: Optional[str] = pa.Field(nullable=True, description="Canonical name of the speaker's entity (entities.name); null when unknown.")
    speaker_entity_id: Optional[str] = pa.Field(nullable=True, description="The speaker (entities.entity_id); null when unknown. A document that speaks ('the letter began') is attributed to its author where the article names one.")
    speaker_text: Optional[str] = pa.Field(nullable=True, description="The speaker as the sentence names it ('she', 'the letter', 'a senior official'): documents.text[speaker_start:speaker_end].")
    speaker_start: Optional[int] = pa.Field(nullable=True, ge=0, description="Start offset of speaker_text.")
    speaker_end: Optional[int] = pa.Field(nullable=True, ge=0, description="End offset of speaker_text.")
    cue: Optional[str] = pa.Field(nullable=True, description="The attribution word or phrase as written (said, told, wrote, began, according to): documents.text[cue_start:cue_end].")
    cue_start: Optional[int] = pa.Field(nullable=True, ge=0, description="Start offset of cue.")
    cue_end: Optional[int] = pa.Field(nullable=True, ge=0, description="End offset of cue.")
    paragraph: int = pa.Field(ge=0, description="Index of the paragraph (documents.paragraphs) where the quote starts.")
    confidence: float = pa.Field(ge=0.0, le=1.0, description="0 to 1: how sure the extractor is of the row (quote and speaker).")
    cluster_id: Optional[str] = pa.Field(nullable=True, description="Quotations of the same words by the same speaker, across articles and within one, fragments included (quote_clusters.cluster_id); set on every row.")

    class Config:
        strict = True
        coerce = False

    @pa.dataframe_check(error="start must be before end and the span as long as text")
    def span_is_consistent(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return span_matches_text(data)

    @pa.dataframe_check(error="speaker and speaker_entity_id are both set or both null")
    def speaker_with_its_entity(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("speaker").is_null() == pl.col("speaker_entity_id").is_null())
