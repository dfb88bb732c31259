"""A draft cut into statements: sentences, a long sentence's clauses, offsets kept."""

from __future__ import annotations

from index.checking.statements import MAX_STATEMENT, MIN_CLAUSE, statements


def test_sentences_keep_their_punctuation_and_their_place_in_the_draft():
    draft = "  市二院去年派出237人进修。\n\n2024年7月，屯留医院挂牌！他说：“这样很好，值得推广？”对"
    found = statements(draft)
    assert [s.text for s in found] == ["市二院去年派出237人进修。", "2024年7月，屯留医院挂牌！",
                                      "他说：“这样很好，值得推广？”"]
    for s in found:
        assert draft[s.start:s.end] == s.text
    assert [s.number for s in found] == [1, 2, 3]


def test_a_line_break_ends_a_statement_and_fragments_are_left_out():
    found = statements("标题\n市二院召开院长办公会29次、党委会34次\n——\n")
    assert [s.text for s in found] == ["市二院召开院长办公会29次、党委会34次"]


def test_a_long_sentence_is_cut_at_commas_into_clauses():
    clause = "全年新开工亿元以上重点项目一千个以上并且全部按期投产达效"
    draft = "，".join([clause] * 6) + "。"
    assert len(draft) > MAX_STATEMENT
    found = statements(draft)
    assert len(found) > 1
    assert all(len(s.text) >= MIN_CLAUSE for s in found)
    assert "".join(s.text for s in found) == draft
    for s in found:
        assert draft[s.start:s.end] == s.text


def test_a_sentence_up_to_the_limit_stays_whole():
    draft = "开展新生儿耳聋基因筛查15263人，新生儿多种遗传代谢病筛查15609人，新生儿四病筛查21942人；"
    assert [s.text for s in statements(draft)] == [draft]
