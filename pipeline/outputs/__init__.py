"""Outputs: atomic writes to a folder or an fsspec URL (``files``, ``location``) and the index
files built from the per-article outputs (``index``). Imports ``errors`` only."""
