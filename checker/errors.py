"""Errors that transcheck reports to the user.

Every error a user can cause (a missing file, an undecodable file, a bad option, a model that
cannot be loaded) is a ``TranscheckError``. The CLI turns it into one line on stderr and exit
code 2; library code never prints and never calls ``sys.exit``.
"""

from __future__ import annotations


class TranscheckError(Exception):
    """Base class of all user-facing errors: one clear sentence, no traceback."""

    exit_code = 2


class InputError(TranscheckError):
    """An input file is missing, unreadable, empty, binary, undecodable or malformed."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class UsageError(TranscheckError):
    """An option or argument is out of range or inconsistent."""


class ConfigError(TranscheckError):
    """A configuration file has an unknown key or a bad value."""


class ModelError(TranscheckError):
    """The embedding model could not be loaded or converted."""
