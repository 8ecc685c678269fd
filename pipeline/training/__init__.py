"""Training: spaCy examples from gold folders and review exports (``examples``), from public
NER corpora (``corpora``), and ``pipeline train`` itself (``train``), which fine-tunes the
model's entity recogniser with spaCy's own training and writes a model folder with its card.
Imports ``input``, ``model``, ``evaluation``, ``config`` and ``errors``; nothing imports it but the CLI."""
