"""Arrow schemas derived from the Pandera models, for writing Parquet."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl
import pyarrow as pa_arrow


def polars_schema(model: type[pa.DataFrameModel]) -> pl.Schema:
    """Column name to polars dtype, in the model's order."""
    return pl.Schema({name: column.dtype.type for name, column in model.to_schema().columns.items()})


def arrow_schema(model: type[pa.DataFrameModel]) -> pa_arrow.Schema:
    """The model's columns as Arrow fields, with nullability and descriptions as field metadata.

    Strings and lists use the plain (32-bit offset) Arrow types rather than polars' large ones,
    which every Parquet reader (Spark, older pandas and DuckDB) handles.
    """
    columns = model.to_schema().columns
    empty = pl.DataFrame(schema=polars_schema(model)).to_arrow()
    fields = []
    for arrow_field in empty.schema:
        column = columns[arrow_field.name]
        metadata = {"description": column.description} if column.description else None
        fields.append(pa_arrow.field(arrow_field.name, _plain(arrow_field.type), nullable=column.nullable, metadata=metadata))
    return pa_arrow.schema(fields)


def _plain(arrow_type: pa_arrow.DataType) -> pa_arrow.DataType:
    if pa_arrow.types.is_large_string(arrow_type) or pa_arrow.types.is_string_view(arrow_type):
        return pa_arrow.string()
    if pa_arrow.types.is_large_list(arrow_type) or pa_arrow.types.is_list_view(arrow_type) or pa_arrow.types.is_large_list_view(arrow_type):
        return pa_arrow.list_(_plain_field(arrow_type.value_field))
    if pa_arrow.types.is_list(arrow_type):
        return pa_arrow.list_(_plain_field(arrow_type.value_field))
    if pa_arrow.types.is_struct(arrow_type):
        return pa_arrow.struct([_plain_field(arrow_type.field(i)) for i in range(arrow_type.num_fields)])
    return arrow_type


def _plain_field(field: pa_arrow.Field) -> pa_arrow.Field:
    return field.with_type(_plain(field.type))
