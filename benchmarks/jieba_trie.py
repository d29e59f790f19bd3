"""The trie-backed jieba tokenizer (``checker.text.lexicon.jieba_dict``) against jieba's own.

Every line with a Chinese character in the given files and folders (by default every file of
``shared/realworld`` and the Bible's ``zh.txt``) is cut by both, with jieba's HMM and without; the
lines whose (word, start, end) differ are counted (and the first few printed). Then: the time each
takes over the Bible's lines, each tokenizer's load time, the first build of the trie into an empty
cache folder and the size of what it writes.

    python benchmarks/jieba_trie.py [PATH ...]
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEFAULTS = (SHARED / "realworld", SHARED / "benchmarks" / "bible-en-zh" / "zh.txt")
BIBLE = SHARED / "benchmarks" / "bible-en-zh" / "zh.txt"


def chinese_lines(paths: list[Path]) -> list[str]:
    lines = []
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            try:
                text = file.read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue
            lines += [line for line in text.splitlines() if any("\u4e00" <= ch <= "\u9fff" for ch in line)]
    return lines


def differences(old, new, lines: list[str], hmm: bool) -> int:  # type: ignore[no-untyped-def]
    count = 0
    for line in lines:
        a, b = list(old.tokenize(line, HMM=hmm)), list(new.tokenize(line, HMM=hmm))
        if a != b:
            count += 1
            if count <= 3:
                print(f"  differs (HMM={hmm}): {line[:60]!r}\n    jieba: {a[:12]}\n    trie:  {b[:12]}")
    return count


def seconds(tokenizer, lines: list[str], hmm: bool) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    for line in lines:
        for _ in tokenizer.tokenize(line, HMM=hmm):
            pass
    return time.perf_counter() - start


def first_build() -> tuple[float, int]:
    """Seconds to build the trie into an empty cache folder, and the bytes written there."""
    from checker.text.lexicon import jieba_dict

    with tempfile.TemporaryDirectory() as folder:
        os.environ["TRANSCHECK_CACHE_DIR"] = folder
        try:
            jieba_dict.tokenizer.cache_clear()
            start = time.perf_counter()
            built = jieba_dict.tokenizer()
            took = time.perf_counter() - start
            assert isinstance(built, jieba_dict.TrieTokenizer), "the trie could not be built"
            size = sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())
        finally:
            del os.environ["TRANSCHECK_CACHE_DIR"]
            jieba_dict.tokenizer.cache_clear()
    return took, size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, default=list(DEFAULTS))
    args = parser.parse_args()

    import jieba

    from checker.text.lexicon.jieba_dict import TrieTokenizer, tokenizer

    jieba.setLogLevel(logging.WARNING)
    start = time.perf_counter()
    old = jieba.Tokenizer()
    old.initialize()
    print(f"jieba's own load: {time.perf_counter() - start:.3f} s")
    start = time.perf_counter()
    new = tokenizer()
    print(f"trie load (built earlier): {time.perf_counter() - start:.3f} s ({type(new).__name__})")
    if not isinstance(new, TrieTokenizer):
        print("the trie could not be built: jieba's own tokenizer is in use", file=sys.stderr)
        return 1

    lines = chinese_lines(args.paths)
    failed = 0
    for hmm in (False, True):
        count = differences(old, new, lines, hmm)
        failed += count
        print(f"HMM={hmm}: {len(lines)} Chinese lines, {count} differ")

    bible = chinese_lines([BIBLE]) if BIBLE.exists() else lines
    for hmm in (False, True):
        print(
            f"Bible ({len(bible)} lines), HMM={hmm}: jieba {seconds(old, bible, hmm):.2f} s, "
            f"trie {seconds(new, bible, hmm):.2f} s"
        )

    took, size = first_build()
    print(f"first build into an empty cache: {took:.2f} s, {size / 1e6:.2f} MB written")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
