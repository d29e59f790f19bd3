"""The CI gate: find every source/translation file pair a config names, and check them all.

    config -> discover pairs -> read -> embed everything once -> align + check each pair
           -> gate findings (missing, orphan) -> inline suppressions -> one Report per pair

- ``discover``: which pairs the config's mappings name, and which changed since a git revision;
- ``config``: ``[tool.transcheck]`` or transcheck.toml, every key checked;
- ``checks``: the reports of the layout checks (``missing-translation``, ``orphan-translation``);
  those checks and ``stale-translation`` are in the one registry, ``GATE_CHECKS`` names them;
- ``run``: ``run_gate``, which loads the model at most once and checks the pairs in threads;
- ``cache``: whole pair reports kept on disk, so an unchanged pair is not even read again;
- ``report``: all pair reports as one, and the gate's JSON output.

Nothing here prints.
"""

from checker.gate.checks import GATE_CHECKS
from checker.gate.discover import Pair, changed_files, discover, glob_regex, select_pairs
from checker.gate.report import CHECK_SCHEMA_ID, check_to_dict, merge_reports
from checker.gate.run import GateResult, run_gate

__all__ = [
    "CHECK_SCHEMA_ID", "GATE_CHECKS", "GateResult", "Pair", "changed_files", "check_to_dict", "discover",
    "glob_regex", "merge_reports", "run_gate", "select_pairs",
]
