"""The documents table: one row per distinct article."""

from __future__ import annotations

import datetime as dt
from typing import Optional

import pandera.polars as pa
import polars as pl

PARAGRAPH = pl.Struct({"start": pl.Int64, "end": pl.Int64, "heading": pl.Boolean})


class Documents(pa.DataFrameModel):
    """One row per distinct article: its metadata and the normalized text that every offset points into."""

    doc_id: str = pa.Field(
        unique=True,
        str_matches=r"^doc_[0-9a-f]{16}$",
        description="Stable id: 'doc_' and the first 16 hex digits of content_sha256.",
    )
    source_path: str = pa.Field(
        unique=True,
        str_length={"min_value": 1},
        description="Path of the file the article was read from, relative to the raw folder (POSIX separators). "
        "Other files with the same content are listed as duplicates in manifest.json.",
    )
    title: Optional[str] = pa.Field(nullable=True, description="Headline, from a title header or a short first line; null if none.")
    published_date: Optional[dt.date] = pa.Field(nullable=True, description="Publication date from the article's header; null if none.")
    author: Optional[str] = pa.Field(nullable=True, description="Author from an 'Author:' or 'By:' header; null if none.")
    url: Optional[str] = pa.Field(nullable=True, description="URL from a 'URL:' header; null if none.")
    text: str = pa.Field(
        str_length={"min_value": 1},
        description="Normalized body text (NFC, paragraphs separated by one blank line, quote marks and dashes as printed). "
        "Every start/end offset in the dataset is a Python string index into this column.",
    )
    paragraphs: pl.List(PARAGRAPH) = pa.Field(
        description="Paragraph spans [start, end) in text, in order; heading is true for headings inside the body.",
    )
    n_words: int = pa.Field(ge=1, description="Number of whitespace-separated tokens in text.")
    content_sha256: str = pa.Field(
        unique=True,
        str_matches=r"^[0-9a-f]{64}$",
        description="SHA-256 of the normalized title, published_date (ISO) and text, joined by newlines (unset fields empty).",
    )
    ingested_at: pl.Datetime(time_unit="us", time_zone="UTC") = pa.Field(description="When the run that read the article started (UTC).")
    near_duplicate_of: Optional[str] = pa.Field(
        nullable=True,
        description="The original (documents.doc_id) this article re-publishes with small changes (headline, byline, a paragraph): "
        "the earliest article whose text is at least the near-duplicate threshold similar; null for an original.",
    )
    near_duplicate_similarity: Optional[float] = pa.Field(
        nullable=True, ge=0.0, le=1.0,
        description="Jaccard similarity of the word 4-gram shingles of this text and its original's; null for an original.",
    )

    class Config:
        strict = True
        coerce = False
        description = "One row per distinct article."

    @pa.dataframe_check(error="n_words must equal the number of whitespace-separated tokens in text")
    def n_words_matches_text(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("n_words") == pl.col("text").str.count_matches(r"\S+"))

    @pa.dataframe_check(error="doc_id must be derived from content_sha256")
    def doc_id_matches_hash(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("doc_id") == pl.lit("doc_") + pl.col("content_sha256").str.slice(0, 16))

    @pa.dataframe_check(error="near_duplicate_of and near_duplicate_similarity are both set or both null, and never the document itself")
    def near_duplicate_is_consistent(cls, data: pa.PolarsData) -> pl.LazyFrame:
        of = pl.col("near_duplicate_of")
        return data.lazyframe.select((of.is_null() == pl.col("near_duplicate_similarity").is_null()) & (of.is_null() | (of != pl.col("doc_id"))))

    @pa.dataframe_check(error="paragraph spans must lie inside text, in order, without overlap")
    def paragraphs_inside_text(cls, data: pa.PolarsData) -> pl.LazyFrame:
        spans = pl.col("paragraphs")
        starts = spans.list.eval(pl.element().struct.field("start"))
        ends = spans.list.eval(pl.element().struct.field("end"))
        return data.lazyframe.select(
            (spans.list.len() >= 1)
            & (starts.list.first() == 0)
            & (ends.list.last() == pl.col("text").str.len_chars())
            & spans.list.eval(
                (pl.element().struct.field("start") < pl.element().struct.field("end"))
                & (pl.element().struct.field("start") >= pl.element().struct.field("end").shift(1).fill_null(0))
            ).list.all()
        )
