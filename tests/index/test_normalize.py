"""Folding for search: width, case, Traditional -> Simplified, white space."""

from index.normalize import fold, fold_with_offsets, is_dropped, simplify


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


def test_offsets_point_back_into_the_original():
    text = "Ａ 两会\u3000专刊"
    folded, offsets = fold_with_offsets(text)
    assert folded == "a两会专刊"
    assert [text[i] for i in offsets] == ["Ａ", "两", "会", "专", "刊"]
    assert fold(text) == folded
