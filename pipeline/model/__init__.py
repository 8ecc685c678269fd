"""The spaCy model: loading it with the organisation span ruler (``nlp``, ``ruler``) and the
tokenizer's guard against long runs without a space (``guard``), reading its meta without
spaCy (``meta``), and the one door to token attributes (``attributes``).
Imports ``config``, ``errors`` and ``knowledge`` only."""
