"""Input: find article files, decode them, read each format into ``Article``s, give ids,
and repair layout damage (``clean``). Imports ``config``, ``errors`` and ``records`` only."""
