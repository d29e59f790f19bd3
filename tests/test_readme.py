"""The README points inside the repository, and its quick start leaves committed files alone."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_relative_links_point_at_files_of_the_repository():
    links = [target.split("#")[0] for target in re.findall(r"\]\(([^)\s]+)\)", README)
             if not target.startswith(("http://", "https://", "#", "mailto:"))]
    assert "docs/report-contract.md" in links
    for target in links:
        path = (ROOT / target).resolve()
        assert path.is_relative_to(ROOT) and path.exists(), target


def test_the_documentation_named_is_inside_the_repository():
    assert "../shared/docs" not in README  # benchmark data may live beside the repository; docs may not


def test_the_report_contract_in_docs_is_the_one_the_json_reporter_names():
    text = (ROOT / "docs/report-contract.md").read_text(encoding="utf-8")
    assert "transcheck-report/1" in text


def test_the_quick_start_writes_no_committed_file():
    block = re.search(r"## Set up and run.*?```sh\n(.*?)```", README, flags=re.S).group(1)
    compare = next(line for line in block.splitlines() if line.startswith("transcheck compare"))
    words = shlex.split(compare)
    outputs = [words[i + 1] for i, word in enumerate(words) if word in ("--json", "--html", "--markdown",
                                                                        "--sarif", "--junit")]
    assert outputs
    tracked = subprocess.run(["git", "ls-files", "--", *outputs], cwd=ROOT, capture_output=True, text=True)
    assert tracked.returncode == 0 and tracked.stdout == ""
    ignored = subprocess.run(["git", "check-ignore", *outputs], cwd=ROOT, capture_output=True, text=True)
    assert sorted(ignored.stdout.split()) == sorted(outputs)


def test_browser_test_needs_are_in_the_readme():
    tests = README[README.index("### Tests"):]
    for package in ("chromium", "chromium-driver", "fonts-wqy-microhei"):
        assert package in tests[:2000]
