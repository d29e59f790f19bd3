"""What every check is: a declared unit with a stable id, an MQM category and a default severity.

A check subclasses ``Check``, sets the class attributes, documents itself in its docstring
(*What it does* / *Why is this bad?* / *Example*) and implements ``run``. It is registered by
adding it to ``CHECKS`` in ``checker/checks/__init__.py``; nothing is discovered by introspection.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
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
        raise NotImplementedError

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
