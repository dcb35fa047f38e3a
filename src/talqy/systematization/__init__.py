"""Systematization runs: the pipeline over a stored consultation, its results and vectors."""
