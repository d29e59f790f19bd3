"""Terminology helpers: finding terms in text, words and phrases, renderings that differ.

``match`` finds a term in a text the way each language writes it (Chinese without relying on
spaces, English with case and plural forms); ``tokens`` splits text into words (jieba for Chinese,
loaded lazily, once) and lists a source sentence's candidate phrases; ``drift`` compares two
renderings of one source passage; ``names`` reads how a translation renders names.
"""

from __future__ import annotations

from checker.text.terms.match import find_term, is_cjk_lang

__all__ = ["find_term", "is_cjk_lang"]
