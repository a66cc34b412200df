"""The entities and mentions tables: who and what each article is about."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from schemas.checks import span_matches_text

ENTITY_TYPES = ["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "LANGUAGE"]
RESOLUTIONS = ["name", "alias", "title", "pronoun"]


class Entities(pa.DataFrameModel):
    """One row per real-world referent (person, organisation, place, group...), shared by every article that mentions it."""

    entity_id: str = pa.Field(unique=True, str_matches=r"^ent_[0-9a-f]{16}$", description="Stable id, derived from the entity's identity key (for a person: first and last name; for a place: its gazetteer name).")
    name: str = pa.Field(str_length={"min_value": 1}, description="Canonical name: the fullest form seen (a place's gazetteer name).")
    type: str = pa.Field(isin=ENTITY_TYPES, description="spaCy entity label: PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, LAW, PRODUCT, WORK_OF_ART or LANGUAGE.")
    aliases: pl.List(pl.Utf8) = pa.Field(description="Every surface form seen in a name, alias or title mention (pronouns excluded), sorted.")
    roles: pl.List(pl.Utf8) = pa.Field(description="Roles written before the person's name, e.g. 'US President', 'Attorney General'.")
    n_docs: int = pa.Field(ge=1, description="Number of documents with at least one mention of the entity.")
    n_mentions: int = pa.Field(ge=1, description="Number of rows in mentions for the entity.")
    n_quotes: int = pa.Field(ge=0, description="Number of rows in quotes whose speaker is the entity.")
    n_claims: int = pa.Field(ge=0, description="Number of rows in claims whose claimant is the entity.")

    class Config:
        strict = True
        coerce = False

    @pa.dataframe_check(error="an entity cannot be in more documents than it has mentions")
    def docs_within_mentions(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("n_docs") <= pl.col("n_mentions"))


class Mentions(pa.DataFrameModel):
    """One row per mention of an entity: named, short form, role description or pronoun."""

    mention_id: str = pa.Field(unique=True, str_matches=r"^men_[0-9a-f]{16}$", description="Stable id, derived from doc_id, start and end.")
    doc_id: str = pa.Field(description="The document (documents.doc_id).")
    entity_id: str = pa.Field(description="The entity mentioned (entities.entity_id).")
    start: int = pa.Field(ge=0, description="Start offset in documents.text.")
    end: int = pa.Field(ge=1, description="End offset (exclusive) in documents.text.")
    text: str = pa.Field(str_length={"min_value": 1}, description="The mention as written: documents.text[start:end].")
    type: str = pa.Field(isin=ENTITY_TYPES, description="The entity's type.")
    resolution: str = pa.Field(isin=RESOLUTIONS, description="name (a full name), alias (a short form such as a surname), title (a description: a role such as 'the First Lady', or 'the company' for the organisation in focus), pronoun.")

    class Config:
        strict = True
        coerce = False

    @pa.dataframe_check(error="start must be before end and the span as long as text")
    def span_is_consistent(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return span_matches_text(data)
