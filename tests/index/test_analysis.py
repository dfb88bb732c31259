"""The words the index stores for ranking, token by token."""

from index.analysis import WordField, words
from index.normalize import fold


def test_words_keep_digits_latin_and_stop_words():
    assert words(fold("新增3家医院的SCI论文14篇")) == ["新增", "3", "家", "医院", "的", "sci", "论文", "14", "篇"]


def test_words_drop_punctuation_only_tokens():
    assert words(fold("“一号管三天”，受益！")) == ["一号", "管", "三天", "受益"]


def test_names_are_one_word():
    assert "李晓东" in words(fold("院长李晓东教授带领关节外科"))


def test_institution_aliases_are_words_after_loading(tmp_path):
    from index.store import Store

    Store(tmp_path)  # teaches the segmenter the alias table
    assert words("市二院主办京长高峰论坛")[0] == "市二院"


def test_word_field_counts_each_word_once_with_its_frequency():
    postings = sorted(WordField().index("医院医院发展"))
    assert [(term.decode(), freq) for term, freq, _w, _v in postings] == [("医院", 2), ("发展", 1)]
