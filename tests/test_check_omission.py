"""The omission and addition checks: lost and invented text, whole or partial, with useful severities."""

from dataclasses import replace
from pathlib import Path

import pytest

from checker.checks import clauses
from checker.checks.omission import AdditionCheck, OmissionCheck
from checker.engine import ModelSpec
from checker.engine.shards import shift_finding, split
from checker.model import Alignment, Corpus, Severity
from checker.pipeline.run import Options, align_documents, read_inputs
from tests.fixtures.corpus import make_corpus
from tests.sharding import assert_shards_agree, findings_whole_and_sharded

CORPORA = Path(__file__).resolve().parent.parent / "corpora"

# Eight faithful en -> zh pairs (from the memo); tests drop, cut or add text around them.
PAIRS = [
    ("I have something to share with you.", "我有件事想和大家分享。"),
    ("After much reflection, I have made the difficult decision to leave OpenAI.",
     "经过深思熟虑，我做出了离开 OpenAI 的艰难决定。"),
    ("My six-and-a-half years with the OpenAI team have been an extraordinary privilege.",
     "我已经在 OpenAI 团队工作了六年半，这是我的荣幸。"),
    ("There's never an ideal time to step away from a place one cherishes, yet this moment feels right.",
     "离开自己珍视的地方永远没有理想的时机，但此时我感觉很合适。"),
    ("We brought safety research from the theoretical realm into practical applications.",
     "我们将安全研究从理论领域带入实际应用。"),
    ("I'm stepping away because I want to create the time and space to do my own exploration.",
     "我之所以要离开是因为想创造时间和空间来进行自己的探索。"),
    ("For now, my primary focus is doing everything in my power to ensure a smooth transition.",
     "目前，我关注的重点是尽己所能确保平稳过渡。"),
    ("I will forever be grateful for the opportunity to build and work alongside this remarkable team.",
     "我将永远感激有机会与这个伟大的团队一起建设和工作。"),
]
EN = [s for s, _ in PAIRS]
ZH = [t for _, t in PAIRS]


def findings(source, target, links=None, check=OmissionCheck, similarities=None):
    corpus = make_corpus(source, target, links=[links] if links else None)
    if similarities is not None:
        (key,) = [k for k in corpus.alignments if k[0] == "d0"]
        old = corpus.alignments[key]
        links = tuple(replace(link, similarity=sim) for link, sim in zip(old.links, similarities))
        corpus = replace(corpus, alignments={key: Alignment(old.source, old.target, links)})
    return list(check().run(corpus))


def one_to_one(n, skip_source=(), skip_target=()):
    """1-1 links over n pairs, with some source or target indices left unlinked."""
    links, t = [], 0
    for s in range(n):
        if s in skip_source:
            links.append(([s], []))
            continue
        links.append(([s], [t]))
        t += 1
    return links


def test_complete_translation_has_no_omission_or_addition():
    assert findings(EN, ZH) == []
    assert findings(EN, ZH, check=AdditionCheck) == []


def test_merged_links_are_not_omissions():
    target = ZH[:2] + [ZH[2] + ZH[3]] + ZH[4:]
    links = [([0], [0]), ([1], [1]), ([2, 3], [2])] + [([i], [i - 1]) for i in range(4, 8)]
    assert findings(EN, target, links) == []


def test_lost_sentence_is_one_major_finding_at_the_source():
    target = ZH[:4] + ZH[5:]
    (finding,) = findings(EN, target, one_to_one(8, skip_source={4}))
    assert finding.check == "omission"
    assert finding.severity == Severity.MAJOR
    (loc,) = finding.locations
    assert (loc.document, loc.segments, loc.text) == ("d0", (4,), EN[4])


def test_consecutive_lost_sentences_are_one_finding():
    """A dropped paragraph: the memo's zh-a never renders its closing sentences."""
    target = ZH[:6]
    (finding,) = findings(EN, target, one_to_one(8, skip_source={6, 7}))
    assert finding.severity == Severity.MAJOR
    assert finding.locations[0].segments == (6, 7)
    assert finding.locations[0].text == f"{EN[6]} {EN[7]}"


def test_separate_gaps_are_separate_findings():
    target = [ZH[0], ZH[2], ZH[3], ZH[5], ZH[6], ZH[7]]
    found = findings(EN, target, one_to_one(8, skip_source={1, 4}))
    assert [f.locations[0].segments for f in found] == [(1,), (4,)]


@pytest.mark.parametrize(
    ("lost", "severity"),
    [("Hi all,", Severity.MINOR), ("Thanks!", Severity.MINOR), ("Best, Sam", Severity.MINOR),
     ("I love you.", Severity.MAJOR),
     ("Thank you for all of your hard work and dedication.", Severity.MAJOR)],
)
def test_a_lost_greeting_is_minor_a_lost_sentence_major(lost, severity):
    (finding,) = findings([lost, *EN], ZH, [([0], [])] + [([i + 1], [i]) for i in range(8)])
    assert finding.severity == severity
    assert finding.locations[0].text == lost


@pytest.mark.parametrize(
    ("cut", "fires"),
    [
        # the translation of a long sentence stops halfway through
        ("离开自己珍视的地方", True),
        ("我之所以要离开", True),
        # a terse but complete rendering, and a short sentence with little to lose
        ("我之所以离开，是想有时间和空间自己探索。", False),
    ],
)
def test_partial_omission(cut, fires):
    index = 3 if cut.startswith("离开") else 5
    target = ZH[:index] + [cut] + ZH[index + 1 :]
    found = findings(EN, target)
    if not fires:
        assert found == []
        return
    (finding,) = found
    source_loc, target_loc = finding.locations
    assert (source_loc.document, source_loc.text) == ("d0", EN[index])
    assert (target_loc.document, target_loc.text) == ("d1", cut)
    assert finding.data["share"] < 0.5


def test_partial_omission_uses_the_pairs_own_length_ratio():
    """French runs longer than English, Chinese far shorter: neither is an omission by itself."""
    fr = [
        "J'ai quelque chose à partager avec vous.",
        "Après mûre réflexion, j'ai pris la difficile décision de quitter OpenAI.",
        "Mes six ans et demi au sein de l'équipe OpenAI ont été un privilège extraordinaire.",
        "Il n'y a jamais de moment idéal pour quitter un endroit que l'on chérit, "
        "mais ce moment semble juste.",
        "Nous avons fait passer la recherche sur la sécurité du domaine théorique aux applications pratiques.",
        "Je pars parce que je veux prendre le temps et l'espace de faire ma propre exploration.",
        "Pour l'instant, je me concentre sur une transition en douceur.",
        "Je serai toujours reconnaissante de l'occasion de travailler avec cette équipe remarquable.",
    ]
    corpus = make_corpus(EN, fr, target_lang="fr")
    assert list(OmissionCheck().run(corpus)) == []
    # a French rendering as short as a (complete) Chinese one is an omission
    cut = fr[:3] + ["Il n'y a jamais de moment idéal."] + fr[4:]
    (finding,) = OmissionCheck().run(make_corpus(EN, cut, target_lang="fr"))
    assert finding.locations[1].text == "Il n'y a jamais de moment idéal."


def test_low_similarity_confirms_a_moderate_shortfall():
    cut = "离开自己珍视的地方永远没有理想的时机。"  # about 60% of the expected length
    target = ZH[:3] + [cut] + ZH[4:]
    normal = [0.88, 0.9, 0.87, 0.89, 0.9, 0.88, 0.87, 0.89]
    assert findings(EN, target, similarities=normal) == []
    outlier = normal[:3] + [0.79] + normal[4:]
    (finding,) = findings(EN, target, similarities=outlier)
    assert finding.severity == Severity.MINOR
    assert finding.data["similarity_z"] < -2.5
    # a low similarity with a full-length rendering is no omission
    assert findings(EN, ZH, similarities=outlier) == []


@pytest.mark.parametrize(
    ("added", "severity"),
    [("Mira", Severity.MINOR), ("大家好，", Severity.MINOR),
     ("随后，他在给全员的公开信中公布了公司的过渡计划。", Severity.MAJOR)],
)
def test_addition(added, severity):
    links = [([i], [i]) for i in range(8)] + [([], [8])]
    (finding,) = findings(EN, ZH + [added], links, check=AdditionCheck)
    assert finding.check == "addition"
    assert finding.severity == severity
    assert finding.locations[0].document == "d1"
    assert finding.locations[0].text == added


def test_consecutive_additions_are_one_finding():
    target = [ZH[0], "这是一句多余的话。", "这也是一句多余的话。", *ZH[1:]]
    links = [([0], [0]), ([], [1]), ([], [2])] + [([i], [i + 2]) for i in range(1, 8)]
    (finding,) = findings(EN, target, links, check=AdditionCheck)
    assert finding.locations[0].segments == (1, 2)
    assert findings(EN, target, links) == []  # and no omission


def _paragraphs(name):
    return [p.strip() for p in (CORPORA / name).read_text("utf-8").splitlines() if p.strip()]


def test_memo_acceptance():
    """Paragraphs aligned by hand: zh-b is complete (its "Mira" signature is a minor addition);
    zh-a never renders the two closing paragraphs (one major omission) nor "Hi all," (minor)."""
    links_a = [([0], []), ([1], [0]), ([2], [1]), ([3, 4], [2, 3]), ([5], [4]), ([6], []), ([7], [])]
    links_b = [([0], [0]), ([1], [1]), ([2], [2]), ([3, 4], [3, 4]), ([5], [5]), ([6, 7], [6]), ([], [7])]
    memo = [_paragraphs(f"memo/{n}.txt") for n in ("en", "zh-a", "zh-b")]
    corpus = make_corpus(*memo, links=[links_a, links_b])
    omissions = list(OmissionCheck().run(corpus))
    assert all(f.data["translation"] == "d1" for f in omissions)
    major = [f for f in omissions if f.severity == Severity.MAJOR]
    (closing,) = major
    assert closing.locations[0].segments == (6, 7)
    assert closing.locations[0].text.startswith("I will forever be grateful")
    assert closing.locations[0].text.endswith("the challenges overcome together.")
    assert [f.locations[0].text for f in omissions if f.severity == Severity.MINOR] == ["Hi all,"]
    (signature,) = AdditionCheck().run(corpus)
    assert (signature.locations[0].document, signature.locations[0].text) == ("d2", "Mira")
    assert signature.severity == Severity.MINOR


# A link joining several source sentences to a short target: which sentences were dropped?
NAMED = [
    "Revenue grew 12% in 2023 at Acme Corporation, the annual report said.",
    "The board thanked Jane Smith and Peter Lee for their many years of service on the audit "
    "committee and wished them well in their retirement.",
]


def _joined_corpus(encoder=None):
    source = EN + NAMED
    target = ZH + ["Acme 公司的收入在 2023 年增长了 12%。"]
    links = [([i], [i]) for i in range(8)] + [([8, 9], [8])]
    corpus = make_corpus(source, target, links=[links])
    return replace(corpus, encoder=encoder)


def test_a_dropped_sentence_inside_a_link_is_found_by_names_and_numbers():
    (finding,) = OmissionCheck().run(_joined_corpus())
    assert finding.severity == Severity.MAJOR
    (loc,) = finding.locations
    assert (loc.segments, loc.text) == ((9,), NAMED[1])
    assert finding.data["inside_links"] == [9]


class FakeEncoder:
    """Vectors chosen per text: the target is close to ``close`` and far from the rest."""

    name = "fake"

    def __init__(self, close):
        self.close = close

    def encode(self, texts):
        import numpy as np

        target = np.array([1.0, 0.0])
        near, far = np.array([0.9, 0.436]), np.array([0.6, 0.8])
        rows = [target if "收入" in t else near if t == self.close else far for t in texts]
        return np.array(rows, dtype=np.float32)


def test_sentence_similarities_decide_which_sentence_was_dropped():
    # the encoder says the target renders the first sentence: the second is dropped
    (finding,) = OmissionCheck().run(_joined_corpus(FakeEncoder(NAMED[0])))
    assert finding.locations[0].segments == (9,)
    # an encoder that finds neither sentence in the target: no split is clear, a partial omission
    (finding,) = OmissionCheck().run(_joined_corpus(FakeEncoder("nothing")))
    assert [loc.segments for loc in finding.locations] == [(8, 9), (8,)]


def test_a_dropped_sentence_next_to_a_lost_one_makes_one_finding():
    source = EN + NAMED + ["We will always remember their dedication to the company and its people."]
    target = ZH + ["Acme 公司的收入在 2023 年增长了 12%。"]
    links = [([i], [i]) for i in range(8)] + [([8, 9], [8]), ([10], [])]
    (finding,) = OmissionCheck().run(make_corpus(source, target, links=[links]))
    assert finding.locations[0].segments == (9, 10)


@pytest.mark.model
def test_memo_with_the_default_model():
    """The whole pipeline: zh-b is complete; zh-a's two closing paragraphs are one omission."""
    from checker.embedding import load_encoder
    from checker.model import Corpus
    from checker.pipeline import run as runner

    encoder = load_encoder(None)
    memo = CORPORA / "memo"
    loaded = runner.read_inputs(memo / "en.txt", [memo / "zh-a.txt", memo / "zh-b.txt"], runner.Options())
    alignments, _ = runner.align_documents(loaded, encoder)
    corpus = Corpus(loaded.source, tuple(loaded.translations), alignments, encoder=encoder)
    found = list(OmissionCheck().run(corpus))
    assert [f for f in found if f.data["translation"] == "d2"] == []
    closing = [f for f in found if "With deep gratitude" in f.locations[0].text]
    (finding,) = closing
    assert finding.severity == Severity.MAJOR
    assert finding.locations[0].text.startswith("I will forever be grateful")


# --- sentences the aligner merged into a neighbour's link (orphans) ---------------------------

GENUINE = (0.89, 0.88, 0.87)  # (target ~ joined sources, ~ first, ~ second): the whole matches best


class TableEncoder:
    """Unit vectors with chosen cosine similarities to each link's target.

    ``table`` maps a text to its similarity to its own link's target (targets map to 1.0); each
    text gets a private second axis, so a text is compared only with its own target. A text the
    table does not name (a clause check's candidate) is as far from everything as the rest.
    """

    name = "table"

    def __init__(self, table):
        self.table = table
        self.calls = 0

    def encode(self, texts):
        import numpy as np

        self.calls += 1
        rows = np.zeros((len(texts), len(texts) + 1), dtype=np.float32)
        for k, text in enumerate(texts):
            sim = self.table.get(text, 0.5)
            rows[k, 0], rows[k, k + 1] = sim, (1 - sim * sim) ** 0.5
        return rows


def _merges(rows, copy_at=None):
    """A corpus of 2-1 links whose similarities (whole, first, second) are ``rows``."""
    source, target, table, links = [], [], {}, []
    for i, (whole, first, second) in enumerate(rows):
        a, b = f"Alpha said thing number {i} today.", f"Beta answered with reply number {i}."
        t = a if i == copy_at else f"甲说了第{i}件事，乙回答了第{i}个答复。"
        links.append(([len(source), len(source) + 1], [len(target)]))
        source += [a, b]
        target.append(t)
        table.update({a: first, b: second, f"{a} {b}": whole, t: 1.0})
    return source, target, table, links


def orphan_findings(rows, copy_at=None, encoder=True):
    source, target, table, links = _merges(rows, copy_at)
    corpus = make_corpus(source, target, links=[links], encoder=TableEncoder(table) if encoder else None)
    return [f for f in OmissionCheck().run(corpus) if "may leave out" in f.message]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # fires: the whole matches worse than its first sentence, far below the document's gains
        ([GENUINE] * 9 + [(0.86, 0.89, 0.83)], [19]),
        # fires: the orphan is the first sentence of the link
        ([(0.86, 0.83, 0.89)] + [GENUINE] * 9, [0]),
        # must not fire: every link is a genuine merge
        ([GENUINE] * 10, []),
        # must not fire: a small dip is no outlier of a document whose gains vary as much
        ([(0.88 + gain, 0.88, 0.86) for gain in (0.01, -0.01, 0.03, 0.0, 0.02, -0.005, 0.025, 0.015, 0.005)]
         + [(0.872, 0.88, 0.86)], []),
        # must not fire: an outlier low gain that is still a gain (the whole matches best)
        ([(0.90, 0.86, 0.85)] * 9 + [(0.881, 0.88, 0.87)], []),
        # must not fire: too few merged links to know what a merge gains in this document
        ([GENUINE] * 3 + [(0.86, 0.89, 0.83)], []),
    ],
)
def test_an_orphan_merged_into_a_neighbours_link(rows, expected):
    found = orphan_findings(rows)
    assert [f.locations[0].segments[0] for f in found] == expected
    assert all(f.severity == Severity.MINOR for f in found)


def test_orphans_need_an_encoder_and_a_real_translation():
    rows = [GENUINE] * 9 + [(0.86, 0.89, 0.83)]
    assert orphan_findings(rows, encoder=False) == []
    # a target that copies one of its sources verbatim is untranslated's to report
    assert orphan_findings(rows[::-1], copy_at=0) == []


def test_orphan_texts_are_embedded_in_one_call():
    source, target, table, links = _merges([GENUINE] * 9 + [(0.86, 0.89, 0.83)])
    encoder = TableEncoder(table)
    list(OmissionCheck().run(make_corpus(source, target, links=[links], encoder=encoder)))
    # one call for all the orphans; the sentences inside links fit the length too well to be
    # voted missing, so they are not embedded at all
    assert encoder.calls == 1


# --- a translator joins two sentences: the second is not lost (FastAPI's middleware page) -----

MIDDLEWARE = ('A "middleware" is a function that works with every **request** before it is processed by any '
              "specific *path operation*.", "And also with every **response** before returning it.")
MIDDLEWARE_ZH = '"中间件"是一个函数,它在每个**请求**被特定的*路径操作*处理之前,以及在每个**响应**返回之前工作.'


@pytest.mark.parametrize(
    ("joined_similarity", "encoder", "severity"),
    [
        # minor: the translation fits both sentences' length and matches them joined as well
        (0.895, True, Severity.MINOR),
        # major: joined, the sentences match the translation much worse (it renders only the first)
        (0.85, True, Severity.MAJOR),
        # major: without an encoder there is no evidence either way
        (0.895, False, Severity.MAJOR),
    ],
)
def test_a_sentence_joined_into_its_neighbours_translation(joined_similarity, encoder, severity):
    source = [*EN[:4], *MIDDLEWARE, *EN[4:]]
    target = [*ZH[:4], MIDDLEWARE_ZH, *ZH[4:]]
    links = [([i], [i]) for i in range(4)] + [([4], [4]), ([5], [])] + [([i + 2], [i + 1]) for i in range(4, 8)]
    table = {MIDDLEWARE[0]: 0.9, " ".join(MIDDLEWARE): joined_similarity, MIDDLEWARE_ZH: 1.0}
    encoding = TableEncoder(table) if encoder else None
    (finding,) = OmissionCheck().run(make_corpus(source, target, links=[links], encoder=encoding))
    assert finding.locations[0].text == MIDDLEWARE[1]
    assert finding.severity == severity


@pytest.mark.parametrize("marker", ["///", "////", "!!!", "---"])
def test_a_lone_block_marker_is_no_omission_or_addition(marker):
    source = [*EN[:4], marker, *EN[4:]]
    links = [([i], [i]) for i in range(4)] + [([4], [])] + [([i + 1], [i]) for i in range(4, 8)]
    assert findings(source, ZH, links) == []
    target = [*ZH[:4], marker, *ZH[4:]]
    links = [([i], [i]) for i in range(4)] + [([], [4])] + [([i], [i + 1]) for i in range(4, 8)]
    assert findings(EN, target, links, check=AdditionCheck) == []


# --- terse but complete Chinese sentences on a page with code (FastAPI's response-model page) --

TERSE = [
    ("Now, whenever a browser is creating a user with a password, the API will return the same password in "
     "the response.", "现在，每当浏览器使用一个密码创建用户时，API 都会在响应中返回相同的密码。"),
    ("In this case, it might not be a problem, because it's the same user sending the password.",
     "在这个案例中，这可能不算是问题，因为用户自己正在发送密码。"),
    ("And both models will be used for the interactive API documentation:",
     "并且两种模型都将在交互式 API 文档中使用："),
    ("and those default values won't be included in the response, only the values actually set.",
     "然后响应中将不会包含那些默认值，而是仅有实际设置的值。"),
]
CODE = [f"{{!> ../../../docs_src/response_model/tutorial{n:03}.py!}}" for n in range(1, 17)]
COMBINATION = "A combination of both containment and mitigation measures may be undertaken at the same time."


def _page(en: str, zh: str, similarity: float):
    """A page of ``PAIRS``, ``TERSE`` and more code blocks than sentences, whose first ``TERSE``
    pair is replaced by ``en`` / ``zh`` with ``similarity`` (the others are 0.87-0.91)."""
    source = [e for e, _ in PAIRS + TERSE] + CODE
    target = [z for _, z in PAIRS + TERSE] + CODE
    source[len(PAIRS)], target[len(PAIRS)] = en, zh
    sims = [0.88, 0.9, 0.87, 0.89, 0.9, 0.88, 0.87, 0.89, similarity, 0.91, 0.88, 0.9] + [0.99] * len(CODE)
    corpus = make_corpus(source, target)
    key = ("d0", "d1")
    old = corpus.alignments[key]
    links = tuple(replace(link, similarity=sim) for link, sim in zip(old.links, sims))
    code = len(PAIRS) + len(TERSE)

    def coded(doc):
        return replace(doc, segments=tuple(replace(s, kind="code") if s.index >= code else s for s in doc.segments))

    return replace(corpus, source=coded(corpus.source), translations=(coded(corpus.translations[0]),),
                   alignments={key: Alignment(old.source, old.target, links)})


@pytest.mark.parametrize(
    ("en", "zh", "similarity", "fires"),
    [
        # must not fire: complete sentences at 40-50% of the English length, on a page whose code
        # blocks (the same on both sides) would make the expected length that of the English
        (*TERSE[0], 0.9, False),
        # must not fire: a complete rendering at 38% of the expected length (TICO-19), as similar
        # to its source as the page's other sentences are
        (COMBINATION, "遏制和缓解措施可同时进行。", 0.89, False),
        # fires: the translation stops halfway and matches its source worse than the others do
        (TERSE[0][0], "现在，每当浏览器创建用户时，", 0.84, True),
    ],
)
def test_terse_complete_sentences_are_not_partial_omissions(en, zh, similarity, fires):
    found = list(OmissionCheck().run(_page(en, zh, similarity)))
    assert bool(found) == fires
    if fires:
        (finding,) = found
        assert finding.locations[1].text == zh


@pytest.mark.parametrize(
    ("neighbour", "severity"),
    [
        # the neighbour's translation has the lost sentence's step and tool: the two were joined
        ("第 30 步使用 Alpha30 工具，第 45 步再用 Alpha45 工具。", Severity.MINOR),
        # as long, but nothing of the lost sentence in it: on a long document, the lexicon learned
        # from it says so, and the sentence is lost
        ("第 30 步使用 Alpha30 工具，然后再把其余的部分也都做完。", Severity.MAJOR),
    ],
)
def test_the_pairs_own_lexicon_decides_whether_a_neighbour_renders_a_sentence(neighbour, severity):
    lost = "Step 45 uses the Alpha45 tool again."
    source = [f"Step {n} uses the Alpha{n} tool." for n in range(60)]
    target = [f"第 {n} 步使用 Alpha{n} 工具。" for n in range(60)]
    target[30] = neighbour
    source.insert(31, lost)
    links = [([i], [i]) for i in range(31)] + [([31], [])] + [([i + 1], [i]) for i in range(31, 60)]
    table = {source[30]: 0.9, f"{source[30]} {lost}": 0.9, neighbour: 1.0}
    corpus = make_corpus(source, target, links=[links], encoder=TableEncoder(table))
    (finding,) = OmissionCheck().run(corpus)
    assert (finding.locations[0].text, finding.severity) == (lost, severity)


# --- a code-only list item whose translation the aligner attached to the next sentence ---------

OAUTH = [("`clientCredentials`", "* `clientCredentials`"), ("`authorizationCode`", "* `authorizationCode`"),
         ('But there is one specific "flow" that can be perfectly used for handling authentication in the same '
          "application directly:", "但是有一个特定的「流程」可以完美地用于直接在同一应用程序中处理身份认证：")]


@pytest.mark.parametrize(
    ("next_target", "lost"),
    [
        # no omission: the next link's translation starts with the item (FastAPI's security page)
        ([OAUTH[1][1], OAUTH[2][1]], False),
        # an omission: the item is nowhere near
        ([OAUTH[2][1]], True),
    ],
)
def test_a_code_only_item_shown_in_a_neighbours_translation(next_target, lost):
    source = [*EN[:4], *(en for en, _ in OAUTH), *EN[4:]]
    target = [*ZH[:4], OAUTH[0][1], *next_target, *ZH[4:]]
    n = len(next_target)
    links = ([([i], [i]) for i in range(4)] + [([4], [4]), ([5], []), ([6], list(range(5, 5 + n)))]
             + [([i + 3], [i + 1 + n]) for i in range(4, 8)])
    found = findings(source, target, links)
    assert [f.locations[0].text for f in found] == (["`authorizationCode`"] if lost else [])


REALWORLD = Path(__file__).resolve().parent / "data" / "realworld"
# Real units of the two files, edited as a translator's slips would edit them: a sentence dropped,
# a sentence of another unit's translation added, a translation cut short (a clause left out);
# and a unit left untranslated (alone in a shard, it has no translation segment).
SLIPS = {
    REALWORLD / "sphinx-po" / "sphinx.po": [
        ("请修改其定义为一个可调用的函数。", ""),
        ("请修改为有效的语言代码。", ""),
        ("主文档必须位于源文件目录及其子目录下。", "主文档必须位于源文件目录及其子目录下。本环境与选择的构建器不兼容，请选择其他的文档树目录。"),
        ("，当前加载版本（%s）无法构建文档。", "。"),
        ("扩展 %r 在其 setup() 函数中返回了一个不支持的对象；该函数应返回 None 或一个元数据字典", "扩展 %r 返回了不支持的对象"),
        ('msgstr "主题路径对应的文件 %r 是一个无效的或不包含主题的 zip 文件"', 'msgstr ""'),
    ],
    REALWORLD / "rclone-xliff" / "messages.zh-CN.xlf": [
        ("因为你使用的是一个远程连接，无法自动认证（OAuth）。", ""),
        ("请确认这个路径的权限</target>", "请确认这个路径的权限。字段以驼峰命名法命名，请以 JSON 格式输入选项。</target>"),
    ],
}


def _slipped(path: Path, folder: Path) -> Path:
    text = path.read_text(encoding="utf-8")
    for old, new in SLIPS[path]:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    out = folder / path.name
    out.write_text(text, encoding="utf-8")
    return out


@pytest.mark.model
@pytest.mark.parametrize("path", list(SLIPS), ids=lambda p: p.name)
@pytest.mark.parametrize("check", [OmissionCheck, AdditionCheck], ids=lambda c: c.id)
def test_shards_of_a_bilingual_file_find_what_the_whole_file_finds(check, path, tmp_path):
    found = assert_shards_agree(check, _slipped(path, tmp_path))
    assert found
    assert all(f["check"] == check.id and f["message"] for f in found)  # the tallies stay inside


@pytest.mark.model
def test_shards_look_at_the_clauses_of_the_links_the_whole_file_looks_at(tmp_path, monkeypatch):
    """Two clauses cut short, of the links ranked first and second for the look-up: with one link
    looked at, the whole file finds the first only, and so do shards whose own first is the second."""
    path = _slipped(REALWORLD / "sphinx-po" / "sphinx.po", tmp_path)
    clause = [f["locations"][0]["text"] for f in assert_shards_agree(OmissionCheck, path) if f["data"].get("clause")]
    assert clause == ["cannot be built with the loaded", "None or a metadata dictionary"]
    monkeypatch.setattr(clauses, "MAX_CANDIDATES", 1)
    found = assert_shards_agree(OmissionCheck, path)
    assert [f["locations"][0]["text"] for f in found if f["data"].get("clause")] == ["None or a metadata dictionary"]


@pytest.mark.model
@pytest.mark.parametrize("check", [OmissionCheck, AdditionCheck], ids=lambda c: c.id)
def test_merge_gives_the_whole_files_findings_in_their_order(check, tmp_path):
    """The check's own findings (before a report sorts them) on the shards of a file, merged, are
    those of ``run`` on the whole file, in order: the kinds of findings of every shard after the
    kinds before them, as the whole run reports them."""
    loaded = read_inputs(_slipped(REALWORLD / "sphinx-po" / "sphinx.po", tmp_path), [], Options())
    encoder = ModelSpec()()
    alignments, _ = align_documents(loaded, encoder)
    (key, alignment), = alignments.items()
    source, target = loaded.source, loaded.translations[0]
    whole = list(check().run(Corpus(source, (target,), alignments, {"glossary": None}, encoder=encoder)))
    first = [f.locations[0].segments[0] for f in whole]
    assert first and (check is AdditionCheck or first != sorted(first))  # sentences first, then clauses
    shards = list(split(source, target, alignment, 40))
    corpora = [Corpus(s.source, (s.target,), {key: s.alignment}, {"glossary": None}, encoder=encoder) for s in shards]
    known = check.combine([check().learn(c) for c in corpora])
    found = [shift_finding(s, f) for s, c in zip(shards, corpora, strict=True) for f in check().findings(c, known)]
    assert check.merge(found) == whole


@pytest.mark.model
@pytest.mark.parametrize("check", [OmissionCheck, AdditionCheck], ids=lambda c: c.id)
def test_shards_look_only_at_links_the_whole_file_may_look_at(check, tmp_path, monkeypatch):
    """Each shard looks for clauses only in links ranked within the whole file's bound: with two
    links looked at, shards of 7 units look at a handful of links in all, not two a shard; and
    they still find what the whole file finds."""
    path = _slipped(REALWORLD / "sphinx-po" / "sphinx.po", tmp_path)
    monkeypatch.setattr(clauses, "MAX_CANDIDATES", 2)
    looked: list[int] = []
    gaps = clauses.gaps

    def counted(encode, length_z, source, ranked, side="source"):
        looked.append(len(ranked))
        return gaps(encode, length_z, source, ranked, side)

    monkeypatch.setattr(clauses, "gaps", counted)
    whole, (sharded,) = findings_whole_and_sharded(check, path, (7,))
    assert sharded == whole
    shards = len(looked) - 1  # the whole file's call first
    assert looked[0] == 2 and shards > 20
    assert sum(looked[1:]) <= 6  # without the bound: up to two in each of the shards
