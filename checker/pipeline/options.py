"""What changes a run's result, declared once: the ``Options``, the choices some of them take,
and the signature that spells them out.

The CLI builds its ``--split``, ``--fuzzy`` and ``--fail-on`` from the ``Choice`` declarations
below, the gate's config checks its keys with them, and the gate keys its result cache with
``result_key``. Nothing here reads a file or loads a model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from checker import __version__
from checker.errors import UsageError
from checker.model import Document, Role, Severity, ToolInfo
from checker.readers.gettext import FUZZY_MODES as GETTEXT_FUZZY_MODES
from checker.text.segment import MODES


@dataclass(frozen=True)
class Choice:
    """An option that takes one of a few values: its command-line name (``--split``; the
    config key is the same without the dashes), its values, its default and its help."""

    option: str
    values: tuple[str, ...]
    default: str
    help: str

    @property
    def key(self) -> str:
        """The name of the setting in the gate's config."""
        return self.option.lstrip("-")

    def problem(self, value: object) -> str | None:
        """What is wrong with ``value`` (``must be one of ..., not 'x'``), or ``None``."""
        return None if value in self.values else f"must be one of {', '.join(self.values)}, not {value!r}"


SPLIT = Choice("--split", MODES, "sentences", "Segment by sentences, paragraphs or non-empty lines.")
FUZZY = Choice("--fuzzy", GETTEXT_FUZZY_MODES, "skip", "gettext fuzzy entries: skip them, or check them too.")
FAIL_ON = Choice("--fail-on", (*(s.value for s in Severity), "none"), Severity.MAJOR.value,
                 "Exit 1 when a finding is at or above this severity.")
SPLIT_MODES = SPLIT.values
FUZZY_MODES = FUZZY.values


def fail_on_of(value: str) -> Severity | None:
    """The exit threshold a ``FAIL_ON`` value names (``none``: never fail)."""
    return None if value == "none" else Severity(value)


Progress = Callable[[str, int, int], None]
"""A run's progress: a stage's label, how much of it is done, of how much."""


@dataclass(frozen=True)
class Options:
    """Everything that changes what a run reports; spelled out in the report's signature."""

    split: str = SPLIT.default
    source_lang: str | None = None
    target_lang: str | None = None
    model: str | None = None
    glossary: str | None = None
    format: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: Severity | None = fail_on_of(FAIL_ON.default)
    """The exit policy: spelled out in the signature, but it changes no finding (see ``result_key``)."""
    fuzzy: str = FUZZY.default
    stale_threshold: float = 0.5

    def __post_init__(self) -> None:
        for choice, value in ((SPLIT, self.split), (FUZZY, self.fuzzy)):
            problem = choice.problem(value)
            if problem:
                raise UsageError(f"{choice.option} {problem}")


def signature(options: Options, model: str, prior: str = "none") -> str:
    """Every setting that changes the result, sacrebleu-style: ``key:value|key:value``.

    ``prior`` names the prior bilingual dictionary the run used (``cedict``; see
    ``checker.text.lexicon.prior.prior_name``), ``none`` when it used none."""
    parts = [
        f"transcheck:{__version__}",
        f"model:{model}",
        f"split:{options.split}",
        f"align:{_align_version()}",
        f"select:{','.join(options.select) or 'all'}",
        f"ignore:{','.join(options.ignore) or 'none'}",
        f"glossary:{Path(options.glossary).name if options.glossary else 'none'}",
        f"fail-on:{options.fail_on.value if options.fail_on else 'none'}",
        f"prior:{prior}",
    ]
    if options.stale_threshold != Options.stale_threshold:
        parts.append(f"stale:{options.stale_threshold:g}")
    return "|".join(parts)


def tool_info(options: Options, model: str, documents: Iterable[Document]) -> ToolInfo:
    """What a report of ``documents`` says of the tool: name, version, model and the signature."""
    return ToolInfo("transcheck", __version__, model, signature(options, model, prior_of(documents)))


def prior_of(documents: Iterable[Document]) -> str:
    """The ``prior`` of the signature of a report of ``documents``: the prior dictionary a run
    from its source into its translations uses (``cedict`` for English with Chinese), or ``none``."""
    from checker.text.lexicon.prior import prior_name  # the dictionary's module: not for --help

    docs = list(documents)
    source = next((doc for doc in docs if doc.role == Role.SOURCE), None)
    if source is None:
        return "none"
    return prior_name(source.lang, [doc.lang for doc in docs if doc.role == Role.TRANSLATION])


def result_key(options: Options) -> str:
    """Every setting of ``options`` that changes the findings, as text (the gate's result cache
    keys each pair with it): all but the exit policy, so that changing ``fail_on`` keeps the cache."""
    findings_only = replace(options, fail_on=None)
    return f"{signature(findings_only, '')}\x1f{findings_only!r}"


def _align_version() -> str:
    from checker import align  # numpy and scipy: not for the CLI's --help, which builds on this module

    return str(getattr(align, "VERSION", "1"))
