"""Runnable navkit examples: ``python -m examples.<name>``."""
