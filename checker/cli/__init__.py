"""The command line: thin typer apps over the library (the top stage; nothing imports it).

- ``compare``: the ``transcheck`` app, ``compare`` and ``checks``;
- ``gate``: ``check`` and ``baseline``, the CI gate's commands;
- ``support``: what both build on (output options, exit codes, progress);
- ``docs``: the check documentation generated from the registry.
"""

from checker.cli.compare import app, main

__all__ = ["app", "main"]
