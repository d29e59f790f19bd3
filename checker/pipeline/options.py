"""What changes a run's result, declared once: the ``Options`` and the signature that spells them out.

The CLI, the gate's config and the pipeline all build on these; the gate keys its result cache
with them. Nothing here reads a file or loads a model.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from checker import __version__, align
from checker.errors import UsageError
from checker.model import Severity
from checker.readers.gettext import FUZZY_MODES as GETTEXT_FUZZY_MODES
from checker.text.segment import MODES

SPLIT_MODES = MODES
FUZZY_MODES = GETTEXT_FUZZY_MODES
Progress = Callable[[str, int, int], None]
"""A run's progress: a stage's label, how much of it is done, of how much."""


@dataclass(frozen=True)
class Options:
    """Everything that changes what a run reports; spelled out in the report's signature."""

    split: str = "sentences"
    source_lang: str | None = None
    target_lang: str | None = None
    model: str | None = None
    glossary: str | None = None
    format: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: Severity | None = Severity.MAJOR
    fuzzy: str = "skip"
    stale_threshold: float = 0.5

    def __post_init__(self) -> None:
        if self.split not in SPLIT_MODES:
            raise UsageError(f"--split must be one of {', '.join(SPLIT_MODES)}, not {self.split!r}")
        if self.fuzzy not in FUZZY_MODES:
            raise UsageError(f"--fuzzy must be one of {', '.join(FUZZY_MODES)}, not {self.fuzzy!r}")


def signature(options: Options, model: str) -> str:
    """Every setting that changes the result, sacrebleu-style: ``key:value|key:value``."""
    parts = [
        f"transcheck:{__version__}",
        f"model:{model}",
        f"split:{options.split}",
        f"align:{_align_version()}",
        f"select:{','.join(options.select) or 'all'}",
        f"ignore:{','.join(options.ignore) or 'none'}",
        f"glossary:{Path(options.glossary).name if options.glossary else 'none'}",
        f"fail-on:{options.fail_on.value if options.fail_on else 'none'}",
    ]
    if options.stale_threshold != Options.stale_threshold:
        parts.append(f"stale:{options.stale_threshold:g}")
    return "|".join(parts)


def _align_version() -> str:
    return str(getattr(align, "VERSION", "1"))
