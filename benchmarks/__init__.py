"""Benchmarks: `python -m benchmarks.<name>` prints figures; none is run by the test suite."""
