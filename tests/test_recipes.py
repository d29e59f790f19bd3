"""Every CI recipe of the README runs, on a copy of the gate's fixture repository.

- GitHub Actions: the README's workflow uses this repository's composite action; its
  ``runs.steps`` are executed here by a small runner (``run_action``) that substitutes the
  ``${{ }}`` expressions and gives each step the files GitHub gives it (``GITHUB_OUTPUT``,
  ``GITHUB_STEP_SUMMARY``, ``RUNNER_TEMP``). ``uses:`` steps (the SARIF upload) are checked,
  not run.
- pre-commit: ``pre-commit try-repo`` on this checkout, as a user would try the hook.
- GitLab CI: the README job's ``before_script`` and ``script`` lines, in bash.

Installing transcheck is real (``pip install`` of this checkout, as the recipes do), but offline
and without downloading its dependencies again: the Python the recipes run is a fresh virtual
environment that sees the test interpreter's packages through a ``.pth`` file (pre-commit's
hook environment sees them through ``PYTHONPATH``), so pip finds every dependency installed
and builds only transcheck itself.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

from tests.conftest import GATE_REPO

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
WORKFLOW = GATE_REPO / ".github/workflows/translations.yml"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


# ---------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def python_bin(tmp_path_factory) -> Path:
    """The bin folder of a fresh virtual environment that sees this interpreter's packages."""
    venv = tmp_path_factory.mktemp("recipe-venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    code = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    purelib = subprocess.run([str(venv / "bin/python"), "-c", code], check=True, capture_output=True,
                             text=True).stdout.strip()
    Path(purelib, "transcheck-test-deps.pth").write_text(_shared_site_packages() + "\n", encoding="utf-8")
    return venv / "bin"


def _shared_site_packages() -> str:
    return sysconfig.get_paths()["purelib"]


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@e", "-c", "init.defaultBranch=main",
                           *args], cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def pull_request(tmp_path: Path) -> Path:
    """The fixture repository as a pull request sees it: ``origin/main`` is the base, and the
    change adds an English page nobody translated (a missing-translation finding)."""
    origin = tmp_path / "origin.git"
    repo = tmp_path / "repo"
    shutil.copytree(GATE_REPO, repo)
    _git(tmp_path, "init", "-q", "--bare", str(origin))
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "start")
    _git(repo, "remote", "add", "origin", str(origin))
    _git(repo, "push", "-q", "origin", "main")
    _git(repo, "fetch", "-q", "origin")
    (repo / "docs/en/extra.md").write_text("A page nobody translated.\n", encoding="utf-8")
    return repo


def _env(python_bin: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "CI_", "VIRTUAL_ENV"))}
    env["PATH"] = f"{python_bin}{os.pathsep}{env.get('PATH', '')}"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env.update(extra)
    return env


# ---------------------------------------------------------------------------- GitHub Actions


def substitute(text: str, context: dict[str, str]) -> str:
    """``text`` with every ``${{ name }}`` replaced from ``context``; an unknown one fails."""
    def value(match: re.Match) -> str:
        name = match.group(1)
        assert name in context, f"the runner does not know the expression ${{{{ {name} }}}}"
        return context[name]

    return EXPRESSION.sub(value, text)


def run_action(inputs: dict[str, str], repo: Path, python_bin: Path, tmp: Path) -> dict:
    """Run ``action.yml``'s composite steps as GitHub would, in ``repo``: after a failing step,
    only the steps whose ``if`` holds ``always()`` run."""
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    declared = action["inputs"]
    assert set(inputs) <= set(declared), f"unknown inputs {set(inputs) - set(declared)}"
    context = {f"inputs.{name}": str(inputs.get(name, spec.get("default", ""))) for name, spec in declared.items()}
    context.update({"github.action_path": str(ROOT), "github.workspace": str(repo)})
    temp = tmp / "runner-temp"
    temp.mkdir()
    files = {"GITHUB_OUTPUT": tmp / "output", "GITHUB_STEP_SUMMARY": tmp / "summary.md"}
    for path in files.values():
        path.write_text("", encoding="utf-8")
    env = _env(python_bin, GITHUB_ACTIONS="true", CI="true", GITHUB_WORKSPACE=str(repo), RUNNER_TEMP=str(temp),
               **{name: str(path) for name, path in files.items()})
    result = {"steps": [], "uses": []}
    failed = False
    for step in action["runs"]["steps"]:
        if failed and "always()" not in str(step.get("if", "")):
            continue
        if "uses" in step:
            result["uses"].append({"uses": step["uses"], "if": step.get("if", ""),
                                   "with": {k: substitute(str(v), context) for k, v in step.get("with", {}).items()}})
            continue
        assert step.get("shell") == "bash"
        script = tmp / f"step{len(result['steps'])}.sh"
        script.write_text(substitute(step["run"], context), encoding="utf-8")
        step_env = {**env, **{k: substitute(str(v), context) for k, v in step.get("env", {}).items()}}
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=repo,
                              env=step_env, capture_output=True, text=True, timeout=600)
        result["steps"].append({"id": step.get("id"), "code": done.returncode, "stdout": done.stdout,
                                "stderr": done.stderr})
        failed = failed or done.returncode != 0
    written = files["GITHUB_OUTPUT"].read_text(encoding="utf-8").splitlines()
    result["outputs"] = dict(line.split("=", 1) for line in written if "=" in line)
    result["summary"] = files["GITHUB_STEP_SUMMARY"].read_text(encoding="utf-8")
    return result


def test_readme_shows_the_tested_workflow():
    assert WORKFLOW.read_text(encoding="utf-8") in README.read_text(encoding="utf-8")


def _workflow_action_step() -> dict:
    steps = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["transcheck"]["steps"]
    ours = [s for s in steps if re.fullmatch(r"[\w.-]+/transcheck@[\w./-]+", s.get("uses", ""))]
    assert len(ours) == 1, "the workflow uses this repository's action once"
    assert not [s for s in steps if "pip install" in s.get("run", "")], "the action installs transcheck itself"
    return ours[0]


@pytest.mark.model
def test_the_github_action_annotates_the_diff_and_writes_sarif(pull_request: Path, python_bin: Path, tmp_path):
    step = _workflow_action_step()
    inputs = {k: substitute(str(v), {"github.base_ref": "main"}) for k, v in step["with"].items()}
    result = run_action(inputs, pull_request, python_bin, tmp_path)
    install, check = result["steps"]
    assert install["code"] == 0, install["stderr"][-2000:]
    assert "CUDA packages were installed" not in install["stdout"]  # the torch pin kept the CPU build
    assert check["id"] == "check" and check["code"] == 1, check["stderr"][-2000:]
    assert "::error file=docs/en/extra.md,line=1,col=1,title=missing-translation::" in check["stdout"]
    assert all(line.startswith("::") for line in check["stdout"].splitlines())  # annotations only
    assert "release.md" not in check["stdout"]  # unchanged since origin/main
    assert result["outputs"]["exit-code"] == "1"
    assert "missing-translation" in result["summary"]
    sarif = json.loads((pull_request / "transcheck.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    assert (pull_request / "transcheck.xml").is_file()  # the workflow's `args`
    [upload] = result["uses"]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == "transcheck.sarif" and "always()" in upload["if"]


def test_the_runner_refuses_an_expression_it_does_not_know():
    with pytest.raises(AssertionError, match="secrets.TOKEN"):
        substitute("echo ${{ secrets.TOKEN }}", {})


# ---------------------------------------------------------------------------- pre-commit


def _readme_block(marker: str) -> str:
    """The fenced YAML block of the README whose first line is ``marker``."""
    for block in re.findall(r"```yaml\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S):
        if block.startswith(marker):
            return block
    raise AssertionError(f"no README block starting {marker!r}")


def test_the_pre_commit_recipe_names_the_hook_of_this_repository():
    config = yaml.safe_load(_readme_block("# .pre-commit-config.yaml"))
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    assert repo["rev"] and repo["repo"].endswith("/transcheck")
    assert {h["id"] for h in repo["hooks"]} <= {h["id"] for h in hooks}


@pytest.mark.model
def test_pre_commit_try_repo_runs_the_hook(pull_request: Path, tmp_path: Path, python_bin: Path):
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    command = [pre_commit] if pre_commit else [sys.executable, "-m", "pre_commit"]
    env = _env(python_bin, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), PYTHONPATH=_shared_site_packages())
    done = subprocess.run([*command, "try-repo", str(ROOT), "transcheck", "--verbose", "--files",
                           "docs/zh/intro.md", "docs/en/extra.md", "transcheck.toml"],
                          cwd=pull_request, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 1, done.stdout[-3000:] + done.stderr[-3000:]
    assert "docs/en/extra.md:1:1: major missing-translation" in done.stdout
    assert "Failed" in done.stdout


# ---------------------------------------------------------------------------- GitLab CI


@pytest.mark.model
def test_the_gitlab_job_runs(pull_request: Path, python_bin: Path):
    job = yaml.safe_load(_readme_block("# .gitlab-ci.yml"))["transcheck"]
    lines = [*job["before_script"], *job["script"]]
    installs = [line for line in lines if "pip install" in line]
    assert len(installs) == 1 and "git+https://github.com/OWNER/transcheck" in installs[0]
    local = [re.sub(r'"git\+https://github\.com/OWNER/transcheck@[^"]+"', f'"{ROOT}"', line) for line in lines]
    variables = {k: str(v).replace("$CI_PROJECT_DIR", str(pull_request)) for k, v in job["variables"].items()}
    env = _env(python_bin, CI="true", CI_PROJECT_DIR=str(pull_request), CI_PIPELINE_SOURCE="merge_request_event",
               CI_MERGE_REQUEST_TARGET_BRANCH_NAME="main", **variables)
    env.pop("TRANSCHECK_CACHE_DIR")  # the shared cache, not a cold one: the model is converted once per machine
    done = subprocess.run(["bash", "-e", "-c", "\n".join(local)], cwd=pull_request, env=env, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 1, done.stderr[-3000:]
    assert "docs/en/extra.md:1:1: major missing-translation" in done.stdout
    assert "release.md" not in done.stdout
    for report in job["artifacts"]["reports"].values():
        assert (pull_request / report).is_file()
    for path in job["artifacts"]["paths"]:
        assert (pull_request / path).is_file()
