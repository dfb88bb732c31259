"""Folding for search: width, case, Traditional -> Simplified, white space; and the
display text given back from the folded text and its diff."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.normalize import (
    _EXTRA_SPACE,
    _SPACE,
    _simplify_table,
    _simplifying,
    _table,
    fold,
    fold_diff,
    fold_with_offsets,
    is_dropped,
    simplify,
    unfold,
)
from index.paragraphs import find_paragraphs
from index.reading import read_text


def test_width_and_case_fold():
    assert fold("ＤｅｅｐＳｅｅｋ") == "deepseek"
    assert fold("２２７人") == "227人"
    assert fold("SCI论文14篇") == "sci论文14篇"


def test_traditional_folds_to_simplified():
    assert fold("中華人民共和國憲法") == "中华人民共和国宪法"
    assert simplify("國務院 ２０２４年") == "国务院 2024年"


def test_white_space_is_dropped_everywhere():
    assert fold("两会 专刊\u3000\n长治\u200b两会") == "两会专刊长治两会"
    every_space = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    assert all(is_dropped(ch) for ch in every_space)


def test_nul_is_dropped_like_white_space():
    """A text file may hold U+0000; the stored folded text uses it between paragraphs."""
    assert fold("有\x00空字符") == "有空字符"
    assert is_dropped("\x00")
    assert unfold(fold("有\x00空字符"), fold_diff("有\x00空字符")) == "有\x00空字符"


def test_offsets_point_back_into_the_original():
    text = "Ａ 两会\u3000专刊"
    folded, offsets = fold_with_offsets(text)
    assert folded == "a两会专刊"
    assert [text[i] for i in offsets] == ["Ａ", "两", "会", "专", "刊"]
    assert fold(text) == folded


def test_unfold_gives_back_each_kind_of_change():
    for text in ["", "中文", "ＤｅｅｐＳｅｅｋ ２２７人，（好）", "GDP增长5.2%", "ÀΣЯ Ｚ",
                 "醫院 國家\u3000\u3000衛生", " 前后 ", "\u200b\ufeff隐形", "罕见字𠀀𠀁😀"]:
        assert unfold(fold(text), fold_diff(text)) == text


def test_unchanged_text_has_an_empty_diff():
    assert fold_diff("中文gdp增长5.2%") == b""
    assert unfold("中文", b"") == "中文"


def test_common_changes_take_one_byte():
    assert len(fold_diff("今年，明年，后年。")) == 2  # full-width commas
    assert len(fold_diff("GDP")) == 3  # upper case
    assert len(fold_diff("國")) > 1  # Traditional: the code point difference


# Random text that exercises folding: spaces of every kind, full-width and upper-case
# forms, Traditional characters, characters beyond the BMP, and anything else.
_FOLDING = (
    _SPACE + _EXTRA_SPACE + "ＡＺａｚ０９，（）％．＋" + "ABCXYZÀÉΣΩАЯ" + "醫國業發髮乾麵臺灣"
    + "𠀀𠀁𪚥😀" + "中文发展abc123"
)


@settings(max_examples=500)
@given(st.text(st.one_of(st.sampled_from(_FOLDING), st.characters()), max_size=80))
def test_unfold_round_trips_any_text(text):
    assert unfold(fold(text), fold_diff(text)) == text


def _round_trips(paths) -> tuple[int, int, int]:
    """Check every paragraph of ``paths``; return (paragraphs, text bytes, diff bytes)."""
    count = text_bytes = diff_bytes = 0
    for path in paths:
        for paragraph in find_paragraphs(read_text(path).text):
            diff = fold_diff(paragraph.text)
            assert unfold(fold(paragraph.text), diff) == paragraph.text, path
            count += 1
            text_bytes += len(paragraph.text.encode("utf-8"))
            diff_bytes += len(diff)
    return count, text_bytes, diff_bytes


def test_unfold_round_trips_every_paragraph_of_the_seeds(seed_files):
    count, _, _ = _round_trips(seed_files)
    assert count > 100


@pytest.mark.corpus
def test_unfold_round_trips_every_paragraph_of_the_corpus(corpus_dir):
    count, text_bytes, diff_bytes = _round_trips(sorted((corpus_dir / "docs").glob("*.txt")))
    assert count > 20000
    assert diff_bytes < text_bytes / 10  # the point of storing a diff (2.0% measured)


def test_fold_translates_every_character_as_its_table_says():
    """The characters mapped to themselves for speed (``_SAME_RANGES``) never hide an
    entry of the table (what ``fold_digest`` fingerprints): every code point."""
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert fold(every) == every.translate(_table())
    assert fold("ＤｅｅｐＳｅｅｋ\u3000醫院") == "deepseek医院"


def test_simplify_translates_every_character_as_its_table_says():
    """``simplify`` (metadata is read from every paragraph of a report through it) maps
    the characters of ``_SAME_RANGES`` to themselves for speed, as ``fold`` does: the
    same output for every code point as its table alone."""
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert simplify(every) == every.translate(_simplify_table())
    assert len(_simplifying()) > 30_000  # the common characters, mapped to themselves
    assert simplify("國務院\u3000ＡＢ２０２４年") == "国务院 AB2024年"
