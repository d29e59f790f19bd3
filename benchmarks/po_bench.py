"""The acceptance benchmark of the gettext reader: a 10,000-unit en->zh PO file, checked warm.

It writes ``big.po`` (in a temporary folder) from the Bible en-zh benchmark: each gold verse
link becomes a unit (English verse as ``msgid``, Chinese verse as ``msgstr``), repeated with
``msgctxt`` and varied placeholders (``%s``, ``%(name)s``, ``{count}``, ``{{user}}``, ICU plurals,
inline ``<b>`` tags) until there are 10,000 units; one unit in 50 carries a planted placeholder
or tag error. Then it runs the real CLI twice on one fresh cache:

    transcheck compare big.po --json out.json --quiet

- cold: ``TRANSCHECK_CACHE_DIR`` fresh (the converted model folder copied in when one is found,
  so cold measures reading, embedding and checking, not the one-time model conversion);
- warm: the same cache again (every embedding cached).

It prints both wall times, the number of units and the findings by check.

    python benchmarks/po_bench.py [--units 10000] [--model-dir DIR] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIBLE = Path(os.environ.get("TRANSCHECK_BIBLE", "/work/shared/benchmarks/bible-en-zh"))
sys.path.insert(0, str(ROOT))

from benchmarks.align_score import verse_pairs  # noqa: E402

# (msgid template, msgstr template, planted error or None): {} is the verse text.
_VARIANTS = (
    ("{}", "{}"),
    ("%s: {}", "%s：{}"),
    ("{} (%(book)s %(verse)d)", "{}（%(book)s %(verse)d）"),
    ("{count} readers: {}", "{count} 位读者：{}"),
    ("Hello {{user}}! {}", "{{user}}，你好！{}"),
    ("<b>{}</b>", "<b>{}</b>"),
    ("{n, plural, one {# verse} other {# verses}}: {}", "{n, plural, other {# 节}}：{}"),
    ("%1$s wrote %2$d verses: {}", "%1$s 写了 %2$d 节：{}"),
)
_ERRORS = (
    ("%s: {}", "{}"),                               # placeholder dropped
    ("{count} readers: {}", "{数量} 位读者：{}"),    # placeholder renamed
    ("%s wrote %d verses: {}", "%d 节由 %s 写成：{}"),  # unnumbered reorder
    ("<b>{}</b>", "<b>{}"),                          # tag lost
)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_po(path: Path, units: int) -> int:
    """Write a PO file of ``units`` entries; return how many carry a planted error."""
    pairs = verse_pairs(BIBLE)
    planted = 0
    out = [
        'msgid ""', 'msgstr ""', '"Language: zh_CN\\n"', '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Plural-Forms: nplurals=1; plural=0;\\n"', "",
    ]
    for k in range(units):
        en, zh = pairs[k % len(pairs)]
        if k % 50 == 49:
            src, tgt = _ERRORS[(k // 50) % len(_ERRORS)]
            planted += 1
        else:
            src, tgt = _VARIANTS[k % len(_VARIANTS)]
        out += [f"#: bible.py:{k + 1}", f"msgctxt {_quote(f'unit-{k}')}",
                f"msgid {_quote(src.replace('{}', en, 1))}", f"msgstr {_quote(tgt.replace('{}', zh, 1))}", ""]
    path.write_text("\n".join(out), encoding="utf-8")
    return planted


def default_model_dir() -> Path | None:
    """The converted default model in the user cache, if it was converted before."""
    from platformdirs import user_cache_dir

    models = Path(user_cache_dir("transcheck")) / "models"
    found = sorted(p for p in models.glob("*") if p.is_dir()) if models.is_dir() else []
    return found[0] if found else None


def run_cli(po: Path, out: Path, cache: Path) -> tuple[float, int, str]:
    """Run ``transcheck compare big.po --json out.json --quiet``; (wall time, exit code, stderr)."""
    env = dict(os.environ, TRANSCHECK_CACHE_DIR=str(cache))
    exe = shutil.which("transcheck")
    cmd = [exe] if exe else [sys.executable, "-m", "checker"]
    cmd += ["compare", str(po), "--json", str(out), "--quiet"]
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
    return time.perf_counter() - start, proc.returncode, proc.stderr.strip()


def run_library(po: Path, out: Path, cache: Path) -> tuple[float, int, str]:
    """The same run through ``checker.pipeline.run.compare`` in a fresh interpreter (for a CLI that
    does not yet accept a bilingual SOURCE alone)."""
    code = (
        "import sys, json; from checker.pipeline.run import compare; from checker.reporters import json as j;"
        "r = compare(sys.argv[1], []);"
        "open(sys.argv[2], 'w', encoding='utf-8').write(j.JsonReporter().render(r))"
    )
    env = dict(os.environ, TRANSCHECK_CACHE_DIR=str(cache))
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code, str(po), str(out)], env=env, cwd=ROOT,
                          capture_output=True, text=True)
    return time.perf_counter() - start, proc.returncode, proc.stderr.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--model-dir", type=Path, default=None,
                        help="a converted model folder to copy into the fresh cache (default: the user cache's)")
    parser.add_argument("--keep", type=Path, default=None, help="also copy big.po and out.json here")
    args = parser.parse_args()
    model_dir = args.model_dir or default_model_dir()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        po, out, cache = root / "big.po", root / "out.json", root / "cache"
        planted = write_po(po, args.units)
        (cache / "models").mkdir(parents=True)
        if model_dir is not None:
            shutil.copytree(model_dir, cache / "models" / model_dir.name)
        runner, how = run_cli, "transcheck compare big.po --json out.json --quiet"
        cold, code, err = run_cli(po, out, cache)
        if code == 2 and "TRANSLATION" in err:
            runner, how = run_library, "checker.pipeline.run.compare(big.po, []) (the CLI wants a TRANSLATION)"
            cold, code, err = run_library(po, out, cache)
        if code not in (0, 1):
            raise SystemExit(f"the run failed ({code}): {err[-2000:]}")
        warm, code, err = runner(po, out, cache)
        if code not in (0, 1):
            raise SystemExit(f"the warm run failed ({code}): {err[-2000:]}")
        report = json.loads(out.read_text(encoding="utf-8"))
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(po, args.keep / "big.po")
            shutil.copy(out, args.keep / "out.json")
    units = len(report["documents"][0]["segments"])
    by_check = report["summary"]["by_check"]
    print(f"{how}")
    print(f"{units:,} units ({planted} with a planted placeholder/tag error); "
          f"model folder {'pre-copied' if model_dir else 'converted in the cold run'}")
    print(f"cold {cold:.1f} s, warm {warm:.1f} s (target: warm <= 60 s)")
    print(f"findings by check: {json.dumps(by_check)}")
    timings = report.get("metrics", {}).get("timings")
    if timings:
        print(f"warm run's own timings: {json.dumps(timings)}")


if __name__ == "__main__":
    main()
