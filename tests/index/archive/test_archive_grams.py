"""Short grams: a paragraph's grams are exactly the characters and pairs that start in
its own text, however they are computed; a needle's grams are among them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from index.archive import grams

TEXT = st.text(alphabet=st.sampled_from("医院患者ab1\u8000\uffff𠀀𪚥，"), max_size=80)


def _slow(own: str, scan: str) -> set[int]:
    found = set(own) | {scan[i:i + 2] for i in range(len(own)) if i + 1 < len(scan)}
    return {grams.code(g) for g in found}


def _parsed(literal: str) -> set[int]:
    return {int(v) for v in literal[1:-1].split(",") if v}


@given(own=TEXT, tail=TEXT)
def test_the_grams_of_a_paragraph_are_those_starting_in_its_own_text(own, tail):
    assert _parsed(grams.of_paragraph(own, own + tail)) == _slow(own, own + tail)


@given(own=TEXT, start=st.integers(0, 80), length=st.integers(1, 6))
def test_a_needle_in_a_paragraph_has_all_its_grams_there(own, start, length):
    needle = own[start:start + length]
    if needle:
        assert set(grams.of_needle(needle)) <= _parsed(grams.of_paragraph(own, own))


def test_codes_fit_int4_and_pairs_of_bmp_characters_are_exact():
    assert grams.code("医院") == (ord("医") << 16 | ord("院"))
    assert grams.code("\uffff\uffff") == -1
    for gram in ("a", "医院", "\uffff\u8000", "𠀀", "a𠀀"):
        assert -2**31 <= grams.code(gram) < 2**31


def test_which_needles_the_trigram_index_finds():
    assert grams.has_trigram("医院患") and grams.has_trigram("，227人")
    assert not grams.has_trigram("医院") and not grams.has_trigram("医，院，患")
