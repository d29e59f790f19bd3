from dataclasses import replace

from checker.findings import fingerprint
from checker.model import Category, Finding, Role, Severity
from tests.fixtures.corpus import make_document


def _doc(texts):
    return make_document(texts, doc_id="d1", role=Role.TRANSLATION, lang="en", path="docs/zh/a.md")


def _spelling(doc, segment, word):
    start = doc.segments[segment].text.index(word)
    loc = doc.locate(segment, start, start + len(word))
    return Finding("spelling", Category.FLUENCY, Severity.MINOR, "typo", (loc,))


def test_fingerprint_survives_a_paragraph_added_above():
    before = _doc(["A diffcult choice."])
    after = _doc(["A new first paragraph.", "A diffcult choice."])
    [a] = fingerprint.assign([_spelling(before, 0, "diffcult")], [before])
    [b] = fingerprint.assign([_spelling(after, 1, "diffcult")], [after])
    assert a.fingerprint == b.fingerprint
    assert a.locations[0].line != b.locations[0].line


def test_fingerprint_changes_with_the_offending_text_or_check():
    doc = _doc(["A diffcult choice and a scientifc one."])
    one = _spelling(doc, 0, "diffcult")
    two = _spelling(doc, 0, "scientifc")
    other_check = replace(one, check="entity-mismatch")
    prints = [f.fingerprint for f in fingerprint.assign([one, two, other_check], [doc])]
    assert len(set(prints)) == 3
    assert all(len(p) == 16 and int(p, 16) >= 0 for p in prints)


def test_colliding_findings_get_distinct_fingerprints():
    doc = _doc(["the the the"])
    same = _spelling(doc, 0, "the")
    prints = [f.fingerprint for f in fingerprint.assign([same, same], [doc])]
    assert prints[0] != prints[1]
    # and the result is deterministic across runs
    assert prints == [f.fingerprint for f in fingerprint.assign([same, same], [doc])]
