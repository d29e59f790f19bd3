"""Rebuild the binary files of the bad-input corpus: ``python tests/data/bad_inputs/generate.py``.

- ``bomb.docx``: a valid DOCX whose ``word/document.xml`` inflates to 300 MiB (about 300 KB);
- ``corrupt-cache/embeddings.sqlite3``: an embedding cache of 2,000 vectors whose first page is
  intact and every later page garbage (from a fixed seed), as a crash mid-write can leave it.
"""

from __future__ import annotations

import random
import sqlite3
import zipfile
from pathlib import Path

HERE = Path(__file__).parent


def bomb(path: Path, mebibytes: int = 300) -> None:
    """A valid one-paragraph DOCX (python-docx's template) with ``mebibytes`` MiB of spaces in its body."""
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("Hello.")
    plain = io.BytesIO()
    document.save(plain)
    with zipfile.ZipFile(plain) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename != "word/document.xml":
                package.writestr(item.filename, data)
                continue
            head, tail = data.split(b"<w:body>", 1)
            with package.open(item.filename, "w") as part:
                part.write(head + b"<w:body>")
                spaces = b" " * 2**20
                for _ in range(mebibytes):
                    part.write(spaces)
                part.write(tail)


def corrupt_cache(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE embeddings (model TEXT NOT NULL, key BLOB NOT NULL, dim INTEGER NOT NULL, "
                 "vec BLOB NOT NULL, PRIMARY KEY (model, key)) WITHOUT ROWID")
    rng = random.Random(16)
    rows = [("fake", rng.randbytes(32), 4, rng.randbytes(16)) for _ in range(2000)]
    conn.executemany("INSERT INTO embeddings VALUES (?, ?, ?, ?)", rows)
    conn.commit()
    conn.close()
    data = path.read_bytes()
    path.write_bytes(data[:4096] + rng.randbytes(len(data) - 4096))


if __name__ == "__main__":
    bomb(HERE / "bomb.docx")
    corrupt_cache(HERE / "corrupt-cache" / "embeddings.sqlite3")
