"""What every check is: a declared unit with a stable id, an MQM category and a default severity.

A check subclasses ``Check``, sets the class attributes, documents itself in its docstring
(*What it does* / *Why is this bad?* / *Example*) and implements ``run``. It is registered by
adding it to ``CHECKS`` in ``checker/checks/__init__.py``; nothing is discovered by introspection.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from checker.model import Category, Corpus, Finding, Location, Severity


class Check:
    """Base class of all checks. Subclasses set the four class attributes and ``run``."""

    id: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[Category]
    severity: ClassVar[Severity]
    needs_alignment: ClassVar[bool] = True
    """``False`` for a check that reads the documents but never their alignments (spelling,
    punctuation): the runner may run it while the documents are being aligned."""
    in_worker: ClassVar[bool] = False
    """``True`` for a pure-Python check that never calls the encoder: on a long text the runner
    may run it in a forked worker while the parent runs the others."""
    per_unit: ClassVar[bool] = False
    """``True`` for a check that compares each unit of a bilingual file (PO, XLIFF, TMX) with its
    own translation only, never with other units: its findings on the whole file are those on
    consecutive runs of units, so a distributed run (``checker.engine``) checks it shard by shard.
    Checks that compare across units (term-inconsistency, glossary statistics, document medians)
    keep the default and run once over the gathered units."""
    gate: ClassVar[bool] = False
    """``True`` for a check the CI gate makes (from the repository layout, or from a pair's own
    findings: ``stale-translation``); ``transcheck check`` documents it as the gate's."""
    leads_report: ClassVar[bool] = False
    """``True`` for a check whose findings reports show first, before the per-document groups
    (``term-drift``: a term rendered differently across translations)."""

    def run(self, corpus: Corpus) -> Iterable[Finding]:
        """Every finding of this check on ``corpus``.

        A check that compares across units may instead implement the three steps below, which
        ``run`` chains over the whole corpus, and which a distributed run (``checker.engine``)
        spreads over shards of a bilingual file's units: ``learn`` on each shard (map),
        ``combine`` of what they learned (reduce), ``findings`` on each shard knowing that
        (map), and ``merge`` of all the shards' findings (reduce). The findings are those of
        ``run``, in content and order, however the units are cut.
        """
        return self.merge(list(self.findings(corpus, self.combine([self.learn(corpus)]))))

    # ------------------------------------------------------------------ map / reduce over shards

    def learn(self, corpus: Corpus) -> Any:
        """Map: what the whole file must know of these units (document statistics: lengths,
        similarities, word counts). Small and picklable; ``None`` when nothing."""
        return None

    @classmethod
    def combine(cls, parts: Sequence[Any]) -> Any:
        """Reduce: the whole file's knowledge from ``learn``'s parts, one per shard in file order."""
        return None

    def findings(self, corpus: Corpus, known: Any) -> Iterable[Finding]:
        """Map: the findings on these units, given ``known`` (``combine``'s result)."""
        raise NotImplementedError

    @classmethod
    def merge(cls, findings: Sequence[Finding]) -> list[Finding]:
        """Reduce: the shards' findings (in the file's numbering, shard after shard) as the
        whole run reports them: a check whose finding spans units joins its parts here."""
        return list(findings)

    @classmethod
    def shardable(cls) -> bool:
        """Whether the check runs shard by shard (``per_unit``, or ``findings`` implemented)."""
        return cls.per_unit or cls.findings is not Check.findings

    def finding(
        self,
        message: str,
        locations: Iterable[Location],
        *,
        severity: Severity | None = None,
        suggestion: str | None = None,
        **data: Any,
    ) -> Finding:
        """A finding of this check, at its default severity unless ``severity`` says otherwise."""
        return Finding(
            check=self.id,
            category=self.category,
            severity=severity or self.severity,
            message=message,
            locations=tuple(locations),
            suggestion=suggestion,
            data=data,
        )

    @classmethod
    def doc(cls) -> str:
        """The check's documentation, from its docstring."""
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        """The first line of the docstring."""
        return cls.doc().split("\n", 1)[0]
