"""Nothing lost, nothing leaked, nothing hangs: the bad-input corpus, run through the real CLI.

Every case of ``tests/data/bad_inputs`` runs ``transcheck`` in a child process (a small fake
encoder stands in for the model, so no case waits for it) on a fresh copy of the corpus, in
which the test also makes what git cannot hold (a FIFO, symlinks out of the repository, a
symlink loop). Each case must end within its time limit with exit 0/1 and a correct report, or
exit 2 and one line on stderr naming the file; and no input file may change.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "data" / "bad_inputs"
ROOT = Path(__file__).resolve().parents[1]
SECRET = "root:x:0:0:the secret text outside the repository"

# The CLI with a fake encoder (a hashed bag of ASCII words, digits and Han characters) behind the
# real embedding cache; with $FAKE_MARKER set it writes that file and then waits to be interrupted.
BOOT = r"""
import hashlib, os, re, sys, time
from pathlib import Path
import numpy as np
import checker.embedding


class Fake:
    name = "fake"
    dim = 64

    def encode(self, texts, progress=None):
        marker = os.environ.get("FAKE_MARKER")
        if marker:
            Path(marker).write_text("embedding")
            # short sleeps: a SIGINT that lands just before a long sleep would wait for its end
            for _ in range(600):
                time.sleep(0.1)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i, 0] = 0.3
            for token in re.findall(r"[a-z_]+|\d+|[\u4e00-\u9fff]", text.lower()):
                out[i, 1 + int(hashlib.sha256(token.encode()).hexdigest(), 16) % 63] += 1.0
            out[i] /= np.linalg.norm(out[i])
        return out


def load_encoder(model=None, **kw):
    from checker.embedding.cache import CachedEncoder, EmbeddingCache

    return CachedEncoder(Fake(), EmbeddingCache(checker.embedding.cache_dir() / "embeddings.sqlite3"))


checker.embedding.load_encoder = load_encoder
if os.environ.get("PEAK_RSS"):  # this process's own peak (ru_maxrss would count the parent's, from fork)
    import atexit

    def peak():
        status = Path("/proc/self/status").read_text()
        Path(os.environ["PEAK_RSS"]).write_text(re.search(r"VmHWM:\s*(\d+)", status).group(1))

    atexit.register(peak)
sys.argv = ["transcheck", *sys.argv[1:]]
from checker.cli import main

main()
"""


def transcheck(*args: str, cwd: Path, cache: Path, timeout: float = 60, peak: Path | None = None,
               **popen) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TRANSCHECK_CACHE_DIR": str(cache), "GITHUB_ACTIONS": "",
           "PEAK_RSS": str(peak or "")}
    return subprocess.run([sys.executable, "-c", BOOT, *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout, **popen)


def hashes(folder: Path) -> dict[str, str]:
    """The SHA-256 of every regular file under ``folder`` (symlinks and FIFOs are not followed)."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        out[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


# ---------------------------------------------------------------------------- what the test makes


def fifo(work: Path) -> None:
    os.mkfifo(work / "fifo.md")


def fifo_baseline(work: Path) -> None:
    (work / "repo/.transcheck-baseline.json").unlink()
    os.mkfifo(work / "repo/.transcheck-baseline.json")
    os.mkfifo(work / "repo/fifo.toml")


def symlink_out(work: Path) -> None:
    (work / "repo/docs/en/leak.md").symlink_to(work / "secret.txt")
    (work / "repo/docs/zh/leak.md").write_text("# 泄露\n\n没有内容。\n", encoding="utf-8")


def glossary_out(work: Path) -> None:
    _config(work, 'glossary = "glossary.csv"', 'glossary = "../secret.csv"')


def baseline_out(work: Path) -> None:
    _config(work, 'glossary = "glossary.csv"', 'glossary = "glossary.csv"\nbaseline = "../stolen.json"')


def symlink_loop(work: Path) -> None:
    (work / "loop.json").symlink_to(work / "loop.json")


def source_loop(work: Path) -> None:
    (work / "repo/docs/en/loop.md").symlink_to(work / "repo/docs/en/loop.md")


def long_line(work: Path) -> None:
    """A 600 KB Markdown file that is one line of words with no sentence end, every tenth word doubled
    (each check, the fingerprints and the line numbers of the findings must be linear in it)."""
    words = "the translation keeps every name and number of its source while the reviewer reads".split()
    text = " ".join(f"{w} {w}" if k % 10 == 0 else w for k, w in enumerate(words * 8000))
    (work / "long.md").write_text(text + "\n", encoding="utf-8")


def _config(work: Path, old: str, new: str) -> None:
    config = work / "repo/transcheck.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


# ---------------------------------------------------------------------------- the cases


@dataclass
class Case:
    id: str
    args: tuple[str, ...]
    codes: tuple[int, ...] = (2,)
    needle: str = ""  # in the one line of stderr (exit 2)
    cwd: str = "."
    setup: object = None
    seconds: float = 30
    megabytes: float = 1000  # peak resident memory of the run
    absent: tuple[str, ...] = ()  # files that must not exist afterwards
    check: object = None  # called with (work, completed process) for a report
    env: dict = field(default_factory=dict)


def _srt_report(work: Path, done) -> None:
    report = json.loads((work / "out.json").read_text(encoding="utf-8"))
    assert [f["check"] for f in report["findings"] if f["check"] == "missing-unit"] == []
    assert len(report["alignments"][0]["links"]) == 3


def _cache_report(work: Path, done) -> None:
    assert "embedding cache" in done.stderr and "moved aside" in done.stderr
    assert done.stderr.count("\n") == 1
    assert list((work / "corrupt-cache").glob("embeddings.sqlite3.corrupt-*"))


def _long_report(work: Path, done) -> None:
    report = json.loads((work / "out.json").read_text(encoding="utf-8"))
    doubled = [f for f in report["findings"] if f.get("data", {}).get("issue") == "doubled-word"]
    # every repeat is counted, in one finding for the one passage (the line is one segment)
    assert len(doubled) == 1 and doubled[0]["data"]["count"] > 10_000


CASES = [
    # hostile XML and archives
    Case("xxe", ("compare", "xxe.xlf"), needle="xxe.xlf"),
    Case("billion-laughs", ("compare", "laughs.tmx"), needle="laughs.tmx"),
    Case("zip-bomb", ("compare", "bomb.docx", "zh.txt"), needle="bomb.docx", seconds=20, megabytes=250),
    # inputs that block or stall
    Case("fifo", ("compare", "fifo.md", "zh.txt"), needle="fifo.md", setup=fifo, seconds=20),
    Case("gate-fifo-config", ("check", "--config", "fifo.toml"), needle="fifo.toml", cwd="repo",
         setup=fifo_baseline, seconds=20),
    Case("gate-fifo-baseline", ("check",), needle=".transcheck-baseline.json", cwd="repo", setup=fifo_baseline,
         seconds=20),
    Case("one-long-line", ("compare", "long.md", "zh.txt", "--json", "out.json"), codes=(0, 1),
         setup=long_line, seconds=60, check=_long_report),
    # misreading
    Case("stray-nul", ("compare", "nul.txt", "zh.txt"), needle="nul.txt"),
    Case("gbk-declared-utf8", ("compare", "gbk-declared-utf8.po"), needle="gbk-declared-utf8.po"),
    Case("unsorted-srt", ("compare", "en.srt", "unsorted-zh.srt", "--json", "out.json"), codes=(0, 1),
         check=_srt_report),
    Case("inverted-srt", ("compare", "en.srt", "inverted-zh.srt"), needle="inverted-zh.srt"),
    Case("deep-json", ("compare", "deep.json", "zh-CN.json"), needle="deep.json"),
    Case("corrupt-cache", ("compare", "en.txt", "zh.txt"), codes=(0, 1), check=_cache_report,
         env={"cache": "corrupt-cache"}),
    # outputs that would lose data
    Case("two-outputs-one-path", ("compare", "en.txt", "zh.txt", "--json", "out.x", "--html", "out.x"),
         needle="out.x", absent=("out.x",)),
    Case("output-symlink-loop", ("compare", "en.txt", "zh.txt", "--json", "loop.json"), needle="loop.json",
         setup=symlink_loop),
    Case("unwritable-output-folder", ("compare", "en.txt", "zh.txt", "--json", "out.json", "--sarif",
                                      "/proc/transcheck.sarif"), needle="/proc/transcheck.sarif",
         absent=("out.json",)),
    Case("gate-sarif-over-config", ("check", "--sarif", "transcheck.toml"), needle="transcheck.toml", cwd="repo"),
    Case("gate-junit-over-baseline", ("check", "--junit", ".transcheck-baseline.json"),
         needle=".transcheck-baseline.json", cwd="repo"),
    Case("gate-json-over-glossary", ("check", "--json", "glossary.csv"), needle="glossary.csv", cwd="repo"),
    Case("gate-json-over-unselected-source", ("check", "docs/en/a.md", "--json", "docs/en/b.md"),
         needle="docs/en/b.md", cwd="repo"),
    Case("gate-baseline-over-config", ("baseline", "--output", "transcheck.toml"), needle="transcheck.toml",
         cwd="repo"),
    # hostile repositories
    Case("gate-symlink-out", ("check",), needle="leak.md", cwd="repo", setup=symlink_out),
    Case("gate-source-symlink-loop", ("check",), needle="loop.md: is a symlink loop", cwd="repo",
         setup=source_loop),
    Case("gate-glossary-out", ("check",), needle="glossary", cwd="repo", setup=glossary_out),
    Case("gate-baseline-out", ("baseline",), needle="baseline", cwd="repo", setup=baseline_out,
         absent=("stolen.json",)),
    Case("gate-path-out", ("check", "../secret.txt"), needle="secret.txt", cwd="repo"),
    Case("gate-parent-folder", ("check", "../"), needle="..", cwd="repo"),
]


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A fresh copy of the corpus, with an outside 'secret' beside the repository."""
    target = tmp_path / "work"
    shutil.copytree(CORPUS, target, ignore=shutil.ignore_patterns("generate.py", "README.md"))
    (target / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    (target / "secret.csv").write_text(f"source,target\nroot,{SECRET}\n", encoding="utf-8")
    return target


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_corpus(case: Case, work: Path, tmp_path: Path) -> None:
    if case.setup is not None:
        case.setup(work)
    cache = work / case.env["cache"] if "cache" in case.env else tmp_path / "cache"
    before = hashes(work)
    started = time.perf_counter()
    done = transcheck(*case.args, cwd=work / case.cwd, cache=cache, timeout=case.seconds + 30,
                      peak=tmp_path / "peak")
    seconds = time.perf_counter() - started
    assert seconds <= case.seconds, f"{case.id} took {seconds:.1f} s"
    megabytes = int((tmp_path / "peak").read_text()) / 1024
    assert megabytes <= case.megabytes, f"{case.id} peaked at {megabytes:.0f} MB"
    assert done.returncode in case.codes, done.stderr + done.stdout[-2000:]
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert SECRET not in done.stdout + done.stderr
    if case.codes == (2,):
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1, done.stderr
        assert case.needle in lines[0], lines[0]
    if case.check is not None:
        case.check(work, done)
    after = hashes(work)
    if "cache" in case.env:  # the damaged cache (not an input) is moved aside, and a new one started
        before.pop(f"{case.env['cache']}/embeddings.sqlite3")
    assert {k: v for k, v in after.items() if k in before} == before, "an input file changed"
    for name in case.absent:
        assert not (work / name).exists() and not (work / case.cwd / name).exists()
    assert not (tmp_path / "stolen.json").exists()


def test_a_repaired_cache_is_used_by_the_next_run(work: Path) -> None:
    cache = work / "corrupt-cache"
    first = transcheck("compare", "en.txt", "zh.txt", "--quiet", cwd=work, cache=cache)
    assert first.returncode in (0, 1) and first.stderr == ""  # --quiet: not even the notice
    second = transcheck("compare", "en.txt", "zh.txt", "--json", "out.json", cwd=work, cache=cache)
    assert second.returncode in (0, 1) and second.stderr == ""
    metrics = json.loads((work / "out.json").read_text(encoding="utf-8"))["metrics"]["embedding"]
    assert metrics["embedded"] == 0 and metrics["from_cache"] > 0 and metrics["cache_errors"] == 0


def test_ctrl_c_says_interrupted_in_one_line_and_leaves_no_file(work: Path, tmp_path: Path) -> None:
    marker = tmp_path / "embedding-started"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TRANSCHECK_CACHE_DIR": str(tmp_path / "cache"),
           "FAKE_MARKER": str(marker)}
    # a shell's background job (``pytest &``, ``nohup``) starts with SIGINT ignored, and a child
    # inherits that: Python then never raises KeyboardInterrupt. Ctrl-C reaches a foreground run.
    child = subprocess.Popen([sys.executable, "-c", BOOT, "compare", "en.txt", "zh.txt", "--json", "out.json"],
                             cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=30)
    finally:
        child.kill()
    assert child.returncode == 130
    assert err == "transcheck: interrupted\n"
    assert not (work / "out.json").exists() and not list(work.glob(".out.json.*"))


def test_the_gate_reads_outside_files_only_when_told(work: Path, tmp_path: Path) -> None:
    symlink_out(work)
    allowed = transcheck("check", "--allow-outside", "--json", str(tmp_path / "out.json"), cwd=work / "repo",
                         cache=tmp_path / "cache")
    assert allowed.returncode in (0, 1), allowed.stderr
    paths = {p["source"] for p in json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["pairs"]}
    assert "docs/en/leak.md" in paths


# ---------------------------------------------------------------------------- the rules, one by one


@pytest.mark.parametrize(("data", "problem"), [
    # one stray NUL in short English: was read as UTF-16 ("周攠捯浭...", language zh)
    (b"The server restarts every night. Open the\x00 settings page to choose a language today!!\n",
     "holds a NUL byte at line 1, column 42"),
    # GBK bytes under a header that says UTF-8: was guessed as cp949 and reported "No findings"
    ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Open file"\nmsgstr "打开文件"\n'
     .encode("gbk"), "declares charset UTF-8 but is not valid UTF-8"),
])
def test_misread_text_is_refused(data: bytes, problem: str) -> None:
    from checker.errors import InputError
    from checker.readers.decode import decode

    with pytest.raises(InputError) as caught:
        decode(data, "in.po")
    assert problem in caught.value.problem


@pytest.mark.parametrize(("data", "text", "encoding"), [
    ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=GBK\\n"\n\nmsgid "Open"\nmsgstr "打开文件"\n'.encode("gbk"),
     "打开文件", "gb18030"),
    ('<?xml version="1.0" encoding="gb2312"?>\n<tmx><seg>打开文件</seg></tmx>\n'.encode("gb2312"), "打开文件", "gb18030"),
    ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx><seg>打开文件</seg></tmx>\n'.encode(), "打开文件", "utf-8"),
    ('"Content-Type: text/plain; charset=CHARSET\\n"\nmsgstr "打开文件"\n'.encode(), "打开文件", "utf-8"),
    ("你好，世界。\n".encode("utf-16-le"), "你好", "utf-16-le"),  # NULs of real UTF-16 are no stray
])
def test_declared_charsets_are_honoured(data: bytes, text: str, encoding: str) -> None:
    from checker.readers.decode import decode

    decoded = decode(data, "in.po")
    assert text in decoded.text and decoded.encoding == encoding


def test_subtitle_cues_are_sorted_by_time_and_inverted_cues_refused() -> None:
    from checker.errors import InputError
    from checker.readers.srt import cues

    text = (CORPUS / "unsorted-zh.srt").read_text(encoding="utf-8")
    assert [(s.index, s.text, s.line) for s in cues(text, "zh.srt")] == [
        (0, "欢迎收看本节目。", 7), (1, "今天我们聊聊翻译。", 11), (2, "还有字幕。", 3)]
    with pytest.raises(InputError, match=r"line 6: the cue ends \(00:00:04,000\) before it starts"):
        cues((CORPUS / "inverted-zh.srt").read_text(encoding="utf-8"), "zh.srt")


@pytest.mark.parametrize(("depth", "ok"), [(100, True), (101, False), (500, False)])
def test_json_nesting_is_capped(tmp_path: Path, depth: int, ok: bool) -> None:
    from checker.errors import InputError
    from checker.model import Role
    from checker.readers.json_i18n import read

    path = tmp_path / "en.json"
    path.write_text('{"a": ' * depth + '"Open file"' + "}" * depth, encoding="utf-8")
    if ok:
        assert read(path, doc_id="d0", role=Role.SOURCE).segments[0].text == "Open file"
    else:
        with pytest.raises(InputError, match="nested deeper than 100 levels"):
            read(path, doc_id="d0", role=Role.SOURCE)


def test_a_giant_text_is_embedded_capped() -> None:
    from checker.embedding.cache import EMBED_CAP, capped

    assert capped("Open the settings page.") == "Open the settings page."
    giant = "word " * 1_000_000
    assert len(capped(giant)) <= EMBED_CAP + 8 and capped(giant) == capped(giant)


def test_positions_in_a_giant_segment_match_the_plain_count() -> None:
    from checker.model import Segment

    text = "a line of words\n" * 1000 + "the last line"
    segment = Segment(0, text, line=3, column=5)
    for offset in (0, 5, 16, 17, 8000, len(text) - 1):
        before = text[:offset]
        expected = (3, 5 + offset) if "\n" not in before else (3 + before.count("\n"), offset - before.rfind("\n"))
        assert segment.position(offset) == expected
