"""Talkhis: offline Arabic to English bilingual summarisation."""

__version__ = "0.1.0"
