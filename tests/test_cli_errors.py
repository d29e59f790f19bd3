"""Bad input gets one clear line on stderr and exit code 2: never a traceback, never a written-over input."""

import subprocess
import sys
from pathlib import Path

import pytest

GOOD_EN = "Hello world. This is a test.\n"
GOOD_ZH = "你好，世界。这是一个测试。\n"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "en.txt").write_text(GOOD_EN, encoding="utf-8")
    (tmp_path / "zh.txt").write_text(GOOD_ZH, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "bad.txt").write_bytes("caf\u00e9 ".encode("latin-1") + b"\xff\xfe\x00\x81\x8d\x90" * 3)
    (tmp_path / "folder").mkdir()
    return tmp_path


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["compare", "missing.txt", "zh.txt"], "missing.txt"),
        (["compare", "en.txt", "missing.txt"], "missing.txt"),
        (["compare", "folder", "zh.txt"], "folder"),
        (["compare", "en.txt", "empty.txt"], "empty.txt"),
        (["compare", "en.txt", "binary.txt"], "binary.txt"),
        (["compare", "en.txt", "bad.txt"], "bad.txt"),
        (["compare", "en.txt", "zh.txt", "--split", "words"], "--split"),
        (["compare", "en.txt", "zh.txt", "--fail-on", "fatal"], "--fail-on"),
        (["compare", "en.txt"], "TRANSLATION"),
        (["compare", "en.txt", "zh.txt", "--json", "nofolder/out.json"], "nofolder"),
        (["compare", "en.txt", "zh.txt", "--glossary", "missing.csv"], "missing.csv"),
        (["compare", "en.txt", "zh.txt", "--format", "klingon"], "klingon"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(files, args, needle):
    result = run(*args, cwd=files)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert needle in lines[0]
    assert result.stdout == ""


@pytest.mark.parametrize("flag", ["--json", "--html", "--markdown", "--sarif", "--junit"])
def test_a_report_never_overwrites_an_input(files, flag):
    before = (files / "zh.txt").read_bytes()
    result = run("compare", "en.txt", "zh.txt", flag, "zh.txt", cwd=files)
    assert result.returncode == 2
    assert "overwrite" in result.stderr
    assert (files / "zh.txt").read_bytes() == before


def test_help_does_not_load_torch():
    code = "import sys; from checker.cli import app; import checker.pipeline.run; print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    help_out = subprocess.run([sys.executable, "-m", "checker", "--help"], capture_output=True, text=True)
    assert help_out.returncode == 0 and "compare" in help_out.stdout


def test_an_unrecognised_glossary_layout_is_one_line_exit_2_and_nothing_written(files):
    (files / "terms.csv").write_text("id,english_text,chinese_text\n1,fever,发热\n", encoding="utf-8")
    result = run("compare", "en.txt", "zh.txt", "--glossary", "terms.csv", "--json", "out.json", cwd=files)
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "terms.csv: unrecognised glossary layout: its columns are id, english_text, chinese_text" in line
    assert "source,target" in line
    assert not (files / "out.json").exists()
