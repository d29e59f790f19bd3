"""stale-translation: a translation made from an older source is one finding, its gaps grouped under it.

The sentences are FastAPI's "Response Model" page and its Chinese translation, which predates the
page's section "Return Type and Data Filtering" (the ``NEW`` sentences below).
"""

from __future__ import annotations

import pytest

from checker.model import Severity
from checker.pipeline.run import Options, run_checks
from tests.fixtures.corpus import make_corpus

PAIRS = [
    ("Now, whenever a browser is creating a user with a password, the API will return the same password in "
     "the response.", "现在，每当浏览器使用一个密码创建用户时，API 都会在响应中返回相同的密码。"),
    ("In this case, it might not be a problem, because it's the same user sending the password.",
     "在这个案例中，这可能不算是问题，因为用户自己正在发送密码。"),
    ("But if we use the same model for another *path operation*, we could be sending our user's passwords to "
     "every client.", "但是，如果我们在其他的*路径操作*中使用相同的模型，则可能会将用户的密码发送给每个客户端。"),
    ("Your response model could have default values, like:", "你的响应模型可以具有默认值，例如："),
    ("but you might want to omit them from the result if they were not actually stored.",
     "但如果它们并没有存储实际的值，你可能想从结果中忽略它们的默认值。"),
    ("For example, if you have models with many optional attributes in a NoSQL database, but you don't want "
     "to send very long JSON responses full of default values.",
     "举个例子，当你在 NoSQL 数据库中保存了具有许多可选属性的模型，但你又不想发送充满默认值的很长的 JSON 响应。"),
    ("You can set the *path operation decorator* parameter `response_model_exclude_unset=True`:",
     "你可以设置*路径操作装饰器*的 `response_model_exclude_unset=True` 参数："),
    ("and those default values won't be included in the response, only the values actually set.",
     "然后响应中将不会包含那些默认值，而是仅有实际设置的值。"),
]
NEW = [
    "Let's continue from the previous example.",
    "In the previous example, because the classes were different, we had to use the `response_model` parameter.",
    "But in most of the cases where we need to do something like this, we want the model just to "
    "**filter/remove** some of the data as in this example.",
    "We want FastAPI to keep filtering the data using the response model.",
]


def _run(new_after: list[int], options: Options | None = None, tail: bool = False):
    """Run every check on the page whose source gained ``NEW[k]`` after ``PAIRS[new_after[k]]``
    (or, with ``tail``, whose translation stops after the first half)."""
    source, target, links = [], [], []
    for i, (en, zh) in enumerate(PAIRS):
        if tail and i >= len(PAIRS) // 2:
            links.append(([len(source)], []))
            source.append(en)
            continue
        links.append(([len(source)], [len(target)]))
        source.append(en)
        target.append(zh)
        for k in (k for k, after in enumerate(new_after) if after == i):
            links.append(([len(source)], []))
            source.append(NEW[k])
    corpus = make_corpus(source, target, links=[links])
    return [f for f in run_checks(corpus, options or Options()) if f.check in ("omission", "stale-translation")]


@pytest.mark.parametrize(
    ("new_after", "tail", "stale"),
    [
        # fires: the source gained four sentences in four places since the page was translated
        ([0, 2, 4, 6], False, True),
        # fires: the translation stops halfway through the page (most of it untranslated)
        ([], True, True),
        # must not fire: one or two dropped sentences are omissions, not a stale page
        ([3], False, False),
        ([1, 5], False, False),
        # must not fire: four sentences, but one passage (a new paragraph) is an omission
        ([7, 7, 7, 7], False, False),
    ],
)
def test_a_stale_page_is_one_finding(new_after, tail, stale):
    found = _run(new_after, tail=tail)
    stales = [f for f in found if f.check == "stale-translation"]
    omissions = [f for f in found if f.check == "omission"]
    if not stale:
        assert stales == [] and omissions and all(f.severity == Severity.MAJOR for f in omissions)
        return
    (finding,) = stales
    assert finding.severity == Severity.MAJOR
    assert finding.message.startswith("zh-a.txt is stale:")
    assert (finding.locations[0].document, finding.locations[0].line) == ("d1", 1)
    # the omissions stay, as info, so each passage to bring up to date can still be found
    assert omissions and all(f.severity == Severity.INFO and f.data["stale"] for f in omissions)
    assert finding.data["omissions"] == len(omissions)


def test_stale_obeys_ignore_severity_and_its_threshold():
    scattered = [0, 2, 4, 6]
    found = _run(scattered, Options(ignore=("stale",)))
    assert {f.check for f in found} == {"omission"} and all(f.severity == Severity.MAJOR for f in found)
    (minor,) = [f for f in _run(scattered, Options(severity={"stale-translation": Severity.MINOR}))
                if f.check == "stale-translation"]
    assert minor.severity == Severity.MINOR
    # a threshold only decides the "mostly untranslated" route
    assert [f.check for f in _run([], Options(stale_threshold=0.9), tail=True)] == ["omission"]
