"""Language detection: the corpora, short strings in many languages, and mixed text."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from checker.text.langid import detect

ROOT = Path(__file__).resolve().parents[1]


CORPORA = sorted((ROOT / "corpora").glob("*/*.txt"))


@pytest.mark.parametrize("path", CORPORA, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpora(path: Path) -> None:
    expected = "zh" if path.name.startswith("zh") else "en"
    assert detect(path.read_text(encoding="utf-8")) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Hi all,", "en"),
        ("Thank you for all of your hard work.", "en"),
        ("The cat sat on the mat.", "en"),
        ("Leadership changes are natural.", "en"),
        ("Guten Morgen, wie geht es dir?", "de"),
        ("Wir fahren morgen nach Berlin.", "de"),
        ("Merci beaucoup.", "fr"),
        ("C'est la vie.", "fr"),
        ("Hola, ¿qué tal?", "es"),
        ("¿Dónde está el baño?", "es"),
        ("Sono molto felice.", "it"),
        ("Muito obrigado.", "pt"),
        ("Dank je wel", "nl"),
        ("Dziękuję bardzo za pomoc.", "pl"),
        ("Привет, как дела?", "ru"),
        ("Дякую, як справи?", "uk"),
        ("Καλημέρα σας", "el"),
        ("שלום עולם", "he"),
        ("你好，世界。", "zh"),
        ("OpenAI 的进展", "zh"),
        ("乔希·阿奇亚姆(Josh Achiam)将担任任务协调主管", "zh"),
        ("Mira Murati今日说,经过深思熟虑,做出离开OpenAl的艰难决定。(After much reflection.)", "zh"),
        ("こんにちは、世界。", "ja"),
        ("東京に行きます。", "ja"),
        ("안녕하세요, 세계.", "ko"),
        ("See https://openai.com/index/ 和 https://example.org/zh/ 的说明。", "zh"),
        ("I learned the word 任务 (mission) in Chinese class today.", "en"),
    ],
)
def test_short_strings(text: str, lang: str) -> None:
    assert detect(text) == lang


@pytest.mark.parametrize(
    "text", ["", "   ", "123 456", "!!! ???", "https://example.com/a/b", "42.", "mira@example.com"]
)
def test_no_letters_is_undetermined(text: str) -> None:
    assert detect(text) == "und"


def test_detection_is_fast_after_the_first_call() -> None:
    detect("Warm up the detector.")
    text = (ROOT / "corpora/note/en.txt").read_text(encoding="utf-8")
    start = time.perf_counter()
    for _ in range(20):
        detect(text)
        detect("Good morning")
    assert time.perf_counter() - start < 1.0
