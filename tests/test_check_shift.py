"""meaning-shift on a bilingual file cut into shards: the same findings as on the whole file."""

from pathlib import Path

from checker.checks.shift import MeaningShift
from tests.sharding import assert_shards_agree

TICO = Path(__file__).parent / "data" / "realworld" / "tico19-tmx" / "excerpt.tmx"


def test_shards_find_what_the_whole_memory_finds() -> None:
    # 425 units: the coverage sample takes every second link, and a repeated unit (a finding's
    # among them) stands at the other parity: shards of one unit that are the same links must
    # still each look up what their own place asks for.
    found = assert_shards_agree(MeaningShift, TICO, (1, 7, 60, 500))
    assert [f["locations"][0]["segments"] for f in found] == [[89], [300], [353]]
