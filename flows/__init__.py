"""Prefect orchestration of the newsfacts stages. Each task is a thin call into the `newsfacts` library."""
