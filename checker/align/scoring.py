"""Surface-similarity scores for same-language links (translation vs translation): chrF and BLEU.

sacrebleu does the scoring with the tokenizer right for the language (``zh`` for Chinese,
``ja-mecab`` is not assumed: Japanese and Korean use ``char``); its signatures go into the report
so two runs can be compared honestly.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


def tokenizer_for(lang: str) -> str:
    base = lang.split("-")[0].lower()
    if base == "zh":
        return "zh"
    if base in {"ja", "ko", "th"}:
        return "char"
    return "13a"


@lru_cache(maxsize=8)
def _metrics(lang: str) -> tuple[Any, Any]:
    from sacrebleu.metrics import BLEU, CHRF

    return CHRF(), BLEU(tokenize=tokenizer_for(lang), effective_order=True)


def score_pair(hypothesis: str, reference: str, lang: str) -> dict[str, float]:
    """chrF and BLEU of one rendering against another, both in ``lang``."""
    if not hypothesis or not reference:
        return {}
    chrf, bleu = _metrics(lang)
    return {
        "chrf": round(chrf.sentence_score(hypothesis, [reference]).score, 2),
        "bleu": round(bleu.sentence_score(hypothesis, [reference]).score, 2),
    }


def signatures(lang: str) -> dict[str, str]:
    """sacrebleu's signatures of the chrF and BLEU settings used for ``lang``."""
    chrf, bleu = _metrics(lang)
    return {"chrf": str(chrf.get_signature()), "bleu": str(bleu.get_signature())}
