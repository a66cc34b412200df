"""newsfacts: turn raw news articles into a curated, schema-validated dataset.

The package holds the pure logic, one module per stage; it never imports Prefect.
`newsfacts.pipeline.curate` runs the whole pipeline as a plain function, and
`flows/curate.py` orchestrates the same stages as Prefect tasks.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsfacts")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"
