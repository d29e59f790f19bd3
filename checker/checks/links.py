"""Where links point, for ``tag-mismatch``: heading anchors and one page written two ways.

Two kinds of link target legitimately differ between a source and its translation:

- an anchor of a translated heading. Static site generators make a heading's id from its text,
  so ``[fast](#performance)`` under ``## Performance`` becomes ``[快](#_11)`` under ``## 性能``
  (Python-Markdown, as MkDocs uses it, keeps ASCII only and numbers the empty ids ``_1``,
  ``_2``...; GitHub keeps every letter). ``heading_anchors`` gives the ids each heading may
  have, so an anchor can be followed to its heading and across the alignment;
- a relative link written as the site's absolute URL (``../async.md#in-a-hurry`` as
  ``https://fastapi.tiangolo.com/zh/async/#in-a-hurry``): ``same_page`` tells them apart from
  a link to another page.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from checker.model import Document

ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
_EXPLICIT_ID = re.compile(r"\{:?\s*[^{}]*?#([\w-]+)[^{}]*\}\s*$")
_ATTR_LIST = re.compile(r"\s*\{:?[^{}]*\}\s*$")
_INLINE_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_COUNTED = re.compile(r"^(.*)_([0-9]+)$")
_PAGE_SUFFIX = re.compile(r"\.(?:md|markdown|html?|rst|mdx)$", re.IGNORECASE)
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$")


def heading_text(text: str) -> str:
    """The words of a Markdown heading as a renderer shows them: no attribute list, emphasis,
    code marks, link targets or tags."""
    text = _ATTR_LIST.sub("", text)
    text = _INLINE_LINK.sub(lambda m: m.group(1), text)
    text = _TAG.sub("", text)
    return text.replace("`", "").replace("**", "").replace("*", "").strip()


def _python_markdown_slug(text: str) -> str:
    value = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(r"[-\s]+", "-", value)


def _github_slug(text: str) -> str:
    value = re.sub(r"[^\w\s-]", "", text.lower())
    return re.sub(r"\s", "-", value.strip())


def _unique(slug: str, used: set[str]) -> str:
    """Python-Markdown's ``toc.unique``: ``x``, ``x_1``, ``x_2``; an empty id becomes ``_1``."""
    while slug in used or not slug:
        m = _COUNTED.match(slug)
        slug = f"{m.group(1)}_{int(m.group(2)) + 1}" if m else f"{slug}_1"
    used.add(slug)
    return slug


def heading_anchors(doc: Document) -> dict[int, frozenset[str]]:
    """Segment index -> the ids its heading may have: an explicit ``{ #id }``, the id
    Python-Markdown (MkDocs) makes from the text, and GitHub's."""
    headings: dict[int, list[int]] = {}
    for seg in doc.segments:
        if seg.kind == "heading":
            headings.setdefault(seg.paragraph, []).append(seg.index)
    used: set[str] = set()
    github_used: dict[str, int] = {}
    out: dict[int, frozenset[str]] = {}
    for _, indices in sorted(headings.items()):
        raw = " ".join(doc.segments[i].text for i in indices)
        explicit = _EXPLICIT_ID.search(raw)
        text = heading_text(raw)
        ids = {explicit.group(1)} if explicit else set()
        ids.add(_unique(explicit.group(1) if explicit else _python_markdown_slug(text), used))
        github = _github_slug(text)
        seen = github_used.get(github, 0)
        github_used[github] = seen + 1
        ids.add(f"{github}-{seen}" if seen else github)
        for i in indices:
            out[i] = frozenset(ids)
    return out


def _page(target: str) -> tuple[list[str], str]:
    """(path parts without ``.``/``..``, an ``index`` page or a page suffix; fragment)."""
    parts = urlsplit(target)
    path = [p for p in parts.path.split("/") if p not in ("", ".", "..")]
    if path and path[-1].lower() in ("index.md", "index.html", "index.htm", "readme.md", "index"):
        path = path[:-1]
    if path:
        path[-1] = _PAGE_SUFFIX.sub("", path[-1])
    return path, parts.fragment


def same_page(relative: str, absolute: str) -> bool:
    """Whether an absolute URL names the page (and anchor) a relative link names:
    ``../async.md#in-a-hurry`` and ``https://fastapi.tiangolo.com/zh/async/#in-a-hurry``
    (a language folder of the site aside)."""
    rel_path, rel_fragment = _page(relative)
    abs_path, abs_fragment = _page(absolute)
    if rel_fragment != abs_fragment or not rel_path:
        return False
    if abs_path[-len(rel_path):] != rel_path:
        return False
    rest = abs_path[:-len(rel_path)]
    return all(_LANGUAGE.match(part) for part in rest)
