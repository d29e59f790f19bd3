"""``url-mismatch`` and ``code-mismatch``: URLs, e-mail addresses, code spans, options and paths
that a translation must carry over unchanged (found by ``checker.checks.entities.technical``).

An item is fine when the translation keeps it verbatim, or a neighbouring sentence does; a near
miss (a changed path, ``GTE`` for ``GET``, a URL to another page) is reported with the source's form.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.checks.base import Check
from checker.checks.entities import Entity, technical, verbatim
from checker.model import Category, Corpus, Document, Finding, Link, Severity


def _code_blocks(source: Document, doc: Document, link: Link) -> bool:
    """Whether a link pairs code blocks, which code-block-mismatch compares line by line, or
    pairs prose with nothing but a code block (an aligner's slip the omission checks report:
    the prose's inline code is not to be looked for in a block)."""
    src = [source.segments[i].kind == "code" for i in link.source]
    tgt = [doc.segments[j].kind == "code" for j in link.target]
    return (any(src) and any(tgt)) or all(src) or all(tgt)


def _same_url(a: str, b: str, langs: tuple[str, ...]) -> bool:
    """Whether two URLs are one link: up to the scheme of a ``www.`` address, and up to a path
    segment, subdomain or query naming either language (``/zh/``, ``zh.``, ``en.``,
    ``?lang=zh-CN``), where a site keeps its localized pages."""
    return _url_key(a, langs) == _url_key(b, langs)


def _url_key(url: str, langs: tuple[str, ...]) -> str:
    url = re.sub(r"^(?:https?://)?(?:www\.)?", "", url.lower()).rstrip("/")
    for lang in langs:
        base = lang.split("-")[0].split("_")[0].lower()
        locale = rf"{re.escape(base)}(?:[-_][a-z]{{2,4}})?"
        url = re.sub(rf"^{locale}\.", "", url)
        url = re.sub(rf"/{locale}(?=/|$|#|\?)", "", url)
        url = re.sub(rf"[?&](?:hl|lang|locale|language)={locale}(?=&|#|$)", "", url)
    return url.rstrip("/")


class _TechnicalMismatch(Check):
    """Shared run of url-mismatch and code-mismatch: each source item must appear verbatim.

    In a document aligned sentence by sentence (not keyed units), an item the translation writes
    in a neighbouring sentence (``NEIGHBOURS`` links either side) is not missing, and two items
    swapped between neighbouring sentences are not changed: the sentences were merged, split or
    moved, which the alignment checks report. Further away, the same URL or code is another
    mention of it, and a changed copy here is still a change.
    Items of a Markdown code block are code-block-mismatch's, which compares the block whole.
    """

    per_unit = True  # keyed units stand alone (no neighbours), and shards are keyed units
    kinds: frozenset[str] = frozenset()

    def run(self, corpus: Corpus) -> Iterator[Finding]:
        source = corpus.source
        for doc in corpus.translations:
            links = corpus.alignment(doc).links
            near_src = _nearby_items(source, [link.source for link in links], doc.keyed)
            near_tgt = _nearby_items(doc, [link.target for link in links], doc.keyed)
            for k, link in enumerate(links):
                if link.source and link.target and not _code_blocks(source, doc, link):
                    yield from self._link(source, doc, link, near_src[k], near_tgt[k])

    def _link(self, source: Document, doc: Document, link: Link, whole_src: set[str],
              whole_tgt: set[str]) -> Iterator[Finding]:
        """The findings of one link; ``whole_src`` and ``whole_tgt`` are the items of the
        neighbouring links, where a merged, split or moved sentence puts them."""
        from rapidfuzz import fuzz

        target_text = "\n".join(doc.segments[j].text for j in link.target)
        target_items = [(j, e) for j in link.target for e in technical(doc.segments[j].text)
                        if e.kind in self.kinds]
        items = [(i, s) for i in link.source if source.segments[i].kind != "code"
                 for s in technical(source.segments[i].text) if s.kind in self.kinds]
        in_source = {s.text.strip() for _, s in items}  # spacing inside a code span is no change
        langs = (doc.lang, source.lang)
        # Items of the translation that the source has nowhere: changed, translated or new.
        new = [(j, e) for j, e in target_items if e.text.strip() not in in_source and e.text.strip() not in whole_src
               and not (e.kind == "url" and any(_same_url(e.text, s.text, langs) for _, s in items))]
        lost = [(i, s) for i, s in items if not _kept(s, target_text, target_items, langs)]
        # One URL of a unit or sentence lost and one new URL in its translation: the link changed.
        new_urls = [(j, e) for j, e in new if e.kind == "url"]
        swapped = len(link.source) == len(link.target) == 1 and len(new_urls) == 1 \
            and [s.kind for _, s in lost].count("url") == 1
        reported: set[str] = set()
        for i, s in lost:
            candidates = [(_resemblance(s.text, e.text), j, e) for j, e in target_items
                          if e.text.strip() not in in_source]
            best = max(candidates, default=None, key=lambda c: c[0])
            if s.kind == "url" and swapped and (not best or best[0] < 75):
                best = (100.0, *new_urls[0])
            sloc = source.locate(i, s.start, s.end)
            if best and best[0] >= 75:
                _, j, e = best
                if e.text.strip() in whole_src:
                    continue  # another item of the source, met here: sentences merged or moved
                if _uncalled(e.text) == _uncalled(s.text):
                    continue  # `Path` for `Path()`: the same name, called or not (call-parens's)
                reported.add(e.text)
                yield self.finding(
                    f"{doc.path} writes {_what(e.kind)} '{e.text}' where the source has '{s.text}'.",
                    [doc.locate(j, e.start, e.end), sloc], suggestion=s.text,
                    kind=s.kind, source_form=s.text, target_form=e.text,
                )
                continue
            if s.text.strip() in whole_tgt:
                continue  # the translation writes it in another sentence
            if s.kind == "identifier":
                # A name outside backticks may be rendered in words (object_type -> 对象类型);
                # only a near miss among the translation's Latin tokens is a changed name.
                slip = _near_token(s.text, target_text, source.segments[i].text)
                if slip is not None:
                    j, start = _token_at(doc, link, slip)
                    yield self.finding(
                        f"{doc.path} writes the code '{slip}' where the source has '{s.text}'.",
                        [doc.locate(j, start, start + len(slip)), sloc], suggestion=s.text,
                        kind=s.kind, source_form=s.text, target_form=slip,
                    )
                continue
            if _NUMBER.fullmatch(s.text.strip()):
                continue  # number-mismatch's
            if _wordlike(s) and not any(e.kind == s.kind and fuzz.ratio(s.text, e.text) >= 50 for _, e in new):
                continue  # the words were translated, and no slip of them stands in their place
            yield self.finding(
                f"The source's {_what(s.kind)} '{s.text}' is missing from {doc.path}.",
                [sloc, doc.locate(link.target[0])],
                # a keyed unit (a UI string, a memory entry) has all of its source's text:
                # a link or code it lost is lost; in a document it may sit in a neighbour
                severity=Severity.MAJOR if doc.keyed else Severity.MINOR,
                kind=s.kind, source_form=s.text, target_form=None,
            )
        # A source item written twice and changed once: the changed copy is new to the source.
        for j, e in new:
            if e.text in reported or _NUMBER.fullmatch(e.text.strip()):
                continue
            reported.add(e.text)
            near = max(((_resemblance(s.text, e.text), i, s) for i, s in items if s.kind == e.kind
                        and s.text not in e.text and e.text not in s.text),  # more or less context
                       default=None, key=lambda c: c[0])
            if near and near[0] >= 75 and _uncalled(near[2].text) != _uncalled(e.text):
                _, i, s = near
                yield self.finding(
                    f"{doc.path} writes {_what(e.kind)} '{e.text}' where the source has '{s.text}'.",
                    [doc.locate(j, e.start, e.end), source.locate(i, s.start, s.end)], suggestion=s.text,
                    kind=s.kind, source_form=s.text, target_form=e.text,
                )


def _uncalled(code: str) -> str:
    """``code`` without a trailing empty call: ``Path()`` and ``Path`` name the same thing."""
    return code.strip().removesuffix("()")


NEIGHBOURS = 3
"""How many links either side a sentence may move to, or be merged into, by the aligner."""


def _nearby_items(doc: Document, sides: list[tuple[int, ...]], keyed: bool) -> list[set[str]]:
    """For each link, the technical items of the links around it (``NEIGHBOURS`` either side).

    A document's sentences may be merged, split or moved by a link or two, so an item met in a
    neighbour is not lost; far away, the same URL or code written again is another mention, and
    a changed copy here is still a change. Keyed units stand alone: nothing is nearby."""
    if keyed:
        return [set() for _ in sides]
    per_link = [{e.text.strip() for i in side for e in technical(doc.segments[i].text)} for side in sides]
    out = []
    for k in range(len(sides)):
        around: set[str] = set()
        for m in range(max(0, k - NEIGHBOURS), min(len(sides), k + NEIGHBOURS + 1)):
            if m != k:
                around |= per_link[m]
        out.append(around)
    return out


_WORDS = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")
_NUMBER = re.compile(r"\d+(?:\.\d+)*")


def _resemblance(a: str, b: str) -> float:
    """How alike two items are, 0-100: their ratio, or 75 for one slip between short ones
    (``GTE`` for ``GET``: one swap in three letters, which the ratio scores 67)."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import OSA

    score = fuzz.ratio(a, b)
    if score < 75 and min(len(a), len(b)) >= 3 and OSA.distance(a, b, score_cutoff=1) <= 1:
        return 75.0
    return score


def _kept(item: Entity, target_text: str, target_items: list[tuple[int, Entity]],
          langs: tuple[str, ...]) -> bool:
    """Whether the translation of a unit keeps ``item``: verbatim, or as the same link in
    another form (a page localized into either language)."""
    if verbatim(item.text.strip(), target_text):
        return True
    return item.kind == "url" and any(_same_url(item.text, e.text, langs) for _, e in target_items)


_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*[A-Za-z0-9](?:\(\))?")


def _near_token(name: str, target_text: str, source_text: str) -> str | None:
    """A Latin token of the translation, absent from the source, one slip from ``name``."""
    from rapidfuzz import fuzz

    tokens = {t for t in _TOKEN.findall(target_text) if not verbatim(t, source_text)}
    best = max(((fuzz.ratio(name, t), t) for t in tokens), default=None)
    return best[1] if best and best[0] >= 75 else None


def _token_at(doc: Document, link: Link, token: str) -> tuple[int, int]:
    """The segment of ``link`` that holds ``token``, and where."""
    for j in link.target:
        at = doc.segments[j].text.find(token)
        if at >= 0:
            return j, at
    return link.target[0], 0


def _wordlike(item: Entity) -> bool:
    """Code that is plain words (```list```, ```A record```): translators write the words in their
    language (列表, “A 记录”)."""
    return item.kind == "code" and _WORDS.fullmatch(item.text.strip()) is not None


def _what(kind: str) -> str:
    return {"url": "the URL", "email": "the e-mail address", "code": "the code", "identifier": "the code",
            "option": "the option", "path": "the path"}[kind]


class UrlMismatch(_TechnicalMismatch):
    """A URL or e-mail address in the source is changed or missing in the translation.

    What it does:
        Checks that every URL and e-mail address of a source sentence appears verbatim in its
        translation; a changed one is reported with the source's form.

    Why is this bad?
        A link that is changed leads readers somewhere else, or nowhere.

    Example:
        Source: "See https://example.com/docs." Translation: "见 https://example.com/doc。"
    """

    id = "url-mismatch"
    name = "Changed URL"
    category = Category.ACCURACY
    severity = Severity.MAJOR
    kinds = frozenset({"url", "email"})


class CodeMismatch(_TechnicalMismatch):
    """Code, a command-line option or a file path is changed in the translation.

    What it does:
        Checks that every code span in backticks, command-line option, file path and snake_case,
        dotted or called name (``html_sidebars``, ``nav.xhtml``, ``add_node()``) of a source
        sentence appears verbatim in its translation; a near miss is reported with the source's
        form. A name or a word in backticks rendered in words (``object_type`` -> 对象类型,
        ``list`` -> 列表) is no finding.
        (Placeholders such as ``{name}`` and ``%s`` are ``placeholder-mismatch``'s.)

    Why is this bad?
        Code is not prose: a changed option (``--dryrun`` for ``--dry-run``) fails when copied.

    Example:
        Source: "Run it with --dry-run first." Translation: "先用 --dryrun 运行。"
    """

    id = "code-mismatch"
    name = "Changed code"
    category = Category.ACCURACY
    severity = Severity.MAJOR
    kinds = frozenset({"code", "option", "path", "identifier"})
