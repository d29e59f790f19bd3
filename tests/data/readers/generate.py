"""Write the small input files that tests/test_readers.py and tests/test_decode.py read.

Run from anywhere: ``python tests/data/readers/generate.py``. The files are committed; this
script only documents how each was made (their bytes matter, not their text).
"""

from __future__ import annotations

import codecs
from pathlib import Path

HERE = Path(__file__).resolve().parent

ZH = "大家好，\n我有件事想和大家分享。经过深思熟虑，我做出了离开 OpenAI 的艰难决定。\n\n我已经在 OpenAI 团队工作了六年半。\n"
EN = "Hi all,\n\nI have something to share with you. After much reflection, I have made the decision.\n"

FILES: dict[str, bytes] = {
    "utf8.txt": ZH.encode("utf-8"),
    "utf8-bom.txt": codecs.BOM_UTF8 + ZH.encode("utf-8"),
    "utf16le-bom.txt": codecs.BOM_UTF16_LE + ZH.encode("utf-16-le"),
    "utf16be-bom.txt": codecs.BOM_UTF16_BE + ZH.encode("utf-16-be"),
    "utf16le.txt": ZH.encode("utf-16-le"),  # no byte-order mark
    "utf16le-crlf.txt": codecs.BOM_UTF16_LE + ZH.replace("\n", "\r\n").encode("utf-16-le"),
    "gb18030.txt": ZH.encode("gb18030"),
    "crlf.txt": EN.replace("\n", "\r\n").encode("utf-8"),
    "cr.txt": EN.replace("\n", "\r").encode("utf-8"),
    "en.md": b"---\ntitle: Memo\n---\n\n# Leaving\n\n" + EN.encode("utf-8"),
    "notes.srt.unknown": EN.encode("utf-8"),
    "empty.txt": b"",
    "blank.txt": b" \n\t\r\n\xe3\x80\x80\n",  # spaces, a tab, line breaks, an ideographic space
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(64)),
    "control.txt": b"\x1b\x02\x03data\x04\x05\x06\x07\x08" * 20,
    "damaged-utf8.txt": ZH.encode("utf-8").replace("分享".encode(), b"\xe5\x88\xff\xe4\xba\xab"),
    "undecodable.txt": bytes(range(0x80, 0x100)) * 3,
    "bad-utf16.txt": codecs.BOM_UTF16_LE + b"H\x00i\x00\x00\xdc",  # a lone low surrogate
}


def main() -> None:
    for name, data in FILES.items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
