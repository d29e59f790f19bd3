"""The ``Encoder`` interface: texts in, L2-normalised vectors out.

The aligner and the tests only need this interface, so they run with precomputed or fake
vectors and never import torch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

import numpy as np

#: ``progress(done, total)``: an optional callback that ``encode`` of the encoders in this
#: package calls after each batch (``done`` texts of ``total`` finished). The library never
#: draws progress bars itself; the CLI does.
Progress = Callable[[int, int], None]


@runtime_checkable
class Encoder(Protocol):
    """Anything that embeds texts into unit vectors."""

    @property
    def name(self) -> str:
        """A stable identity of the model (used in cache keys and report signatures)."""
        ...

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """A float32 array of shape ``(len(texts), dim)`` whose rows have unit L2 norm."""
        ...
