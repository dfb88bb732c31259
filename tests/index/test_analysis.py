"""The words the index stores for ranking, token by token."""

import pytest

from index.analysis import WordField, whole_words, words
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


@pytest.mark.parametrize(("text", "wanted", "found"), [
    ("院长李晓东教授带领关节外科", ["晓东", "李晓东", "教授"], {"李晓东", "教授"}),
    ("晓东说，李晓东来了。晓东走了", ["晓东"], {"晓东"}),  # a later clause has it whole
    ("医院，发展", ["医院发展", "医院", "发展"], {"医院", "发展"}),  # across a comma: no
    ("增长3.5%，sci论文14篇", ["3.5%", "sci", "14", "论文"], {"3.5%", "sci", "14", "论文"}),
    ("", ["医院"], set()),
    ("医院", [], set()),
])
def test_whole_words_are_the_words_of_the_text_among_those_asked(text, wanted, found):
    folded = fold(text)
    assert whole_words(folded, wanted) == found == set(words(folded)) & set(wanted)


def test_whole_words_agree_with_cutting_every_paragraph_of_the_corpus(corpus_engine):
    """Cutting only the clauses where a word occurs finds the words cutting the whole
    paragraph finds: each of its words, and strings that occur in it without being one."""
    checked = 0
    for record in corpus_engine.reports():
        for paragraph in corpus_engine.report(record.path).paragraphs[::3]:
            folded = fold(paragraph.text)
            cut = words(folded)
            others = {folded[i:i + n] for n in (2, 3) for i in range(0, len(folded) - n, 11)}
            assert whole_words(folded, set(cut) | others) == set(cut), paragraph.text
            checked += 1
    assert checked > 8_000
