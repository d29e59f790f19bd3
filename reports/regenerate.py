"""Regenerate reports/ from corpora/: the memo and note reports (HTML, Markdown, JSON) and a screenshot.

    python reports/regenerate.py

Runs ``transcheck compare`` on each corpus (English source, zh-a, zh-b) exactly as a user would, then
opens reports/memo.html in headless Chromium (apt-get install chromium chromium-driver) and saves
reports/memo.png with the first finding selected.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "reports"


def compare(name: str) -> int:
    corpus = Path("corpora") / name
    command = [
        sys.executable, "-m", "checker", "compare",
        str(corpus / "en.txt"), str(corpus / "zh-a.txt"), str(corpus / "zh-b.txt"),
        "--html", f"reports/{name}.html", "--markdown", f"reports/{name}.md", "--json", f"reports/{name}.json",
        "--quiet",
    ]
    return subprocess.run(command, cwd=ROOT).returncode


def screenshot(page: Path, out: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from benchmarks.html_bench import NEXT_FRAME, chromium

    with chromium(1500, 1000) as driver:
        driver.get(page.as_uri())
        driver.execute_script("document.querySelector('#findings li.finding')?.click(); window.scrollTo(0, 0);")
        driver.execute_async_script(NEXT_FRAME)
        driver.save_screenshot(str(out))


def main() -> None:
    for name in ("memo", "note"):
        code = compare(name)
        if code not in (0, 1):
            raise SystemExit(f"transcheck compare failed on corpora/{name} (exit {code})")
        print(f"reports/{name}.html, .md, .json (exit {code})")
    screenshot(REPORTS / "memo.html", REPORTS / "memo.png")
    print("reports/memo.png")


if __name__ == "__main__":
    main()
