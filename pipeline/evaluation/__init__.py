"""Evaluation: score outputs against gold (``scoring``) and the libraries used alone
(``baselines``). Imports ``records``, ``outputs``, ``config`` and ``errors``; nothing below imports it."""
