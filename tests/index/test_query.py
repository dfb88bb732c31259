"""The query language, parsed."""

import pytest

from index.errors import QueryError
from index.query import parse, quote


def texts(query):
    return [[a.text for a in g] for g in query.groups]


def test_spaces_mean_and():
    assert texts(parse("李晓东 教授")) == [["李晓东"], ["教授"]]


def test_quotes_force_exact_and_keep_spaces_inside():
    q = parse('"两会 专刊" 长治')
    assert texts(q) == [["两会 专刊"], ["长治"]]
    assert q.groups[0][0].exact and not q.groups[1][0].exact


def test_or_joins_neighbours():
    assert texts(parse("李晓东 OR 胡文庆 教授")) == [["李晓东", "胡文庆"], ["教授"]]


def test_exclusions():
    q = parse("医院 -人才 NOT 党建")
    assert texts(q) == [["医院"]]
    assert [a.text for a in q.excluded] == ["人才", "党建"]


def test_filters():
    q = parse("党建 institution:市二院 year:2024-2026 年份:2020 机构:\"长治市 人民医院\"")
    assert texts(q) == [["党建"]]
    assert q.institutions == ("市二院", "长治市 人民医院")
    assert q.years == ((2024, 2026), (2020, 2020))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"未闭合的引号', [["未闭合的引号"]]),  # an unbalanced quote is left out
        ("OR", [["OR"]]),  # a lone operator is a word
        ("医院 OR", [["医院"], ["OR"]]),
        ("-", [["-"]]),
        ("FOCUS-POCUS", [["FOCUS-POCUS"]]),  # a dash inside a word is text
        ("a:b", [["a:b"]]),  # only known field names filter
        ("😀医院", [["😀医院"]]),
        ("NOT", [["NOT"]]),
    ],
)
def test_odd_input_still_parses(text, expected):
    assert texts(parse(text)) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "请输入"),
        ("   ", "请输入"),
        ('""', "请输入"),
        ("-人才", "只有排除"),
        ("year:20x5 医院", "年份写法"),
        ("year:1200", "超出范围"),
        ("长" * 5000, "太长"),
    ],
)
def test_bad_queries_give_clear_errors(text, message):
    with pytest.raises(QueryError, match=message):
        parse(text)


def test_filters_alone_are_a_query():
    assert parse("year:2025").years == ((2025, 2025),)


def test_quote_round_trips():
    assert texts(parse(quote('他说"好" 的'))) == [['他说"好" 的']]
    assert texts(parse(quote('a"b＂c “d”'))) == [['a"b＂c “d”']]
    # Inside a phrase in "…", every other quote mark is text.
    assert texts(parse(quote("‘一次’「挂号」"))) == [["‘一次’「挂号」"]]


@pytest.mark.parametrize("typed", ["“一号管三天”", "‘一号管三天’", "「一号管三天」", "『一号管三天』",
                                   "＂一号管三天＂", '"一号管三天"', "'一号管三天'"])
def test_every_quote_pair_a_keyboard_types_quotes_a_phrase(typed):
    q = parse(typed)
    assert texts(q) == [["一号管三天"]] and q.groups[0][0].exact


@pytest.mark.parametrize("typed", ['卫健委"', '"卫健委', "卫健委”", "“卫健委", "卫健委」", "'卫健委",
                                   "卫健委’", '卫健"委'])
def test_a_quote_with_no_partner_is_left_out(typed):
    q = parse(typed)
    assert texts(q) == [["卫健委"]] and not q.groups[0][0].exact


def test_a_phrase_inside_a_word_is_a_term_of_its_own():
    q = parse("医院“一次挂号管三天”试点")
    assert texts(q) == [["医院"], ["一次挂号管三天"], ["试点"]]
    assert [g[0].exact for g in q.groups] == [False, True, False]


def test_quoted_phrases_negate_and_filter_with_any_quotes():
    q = parse("-“人才” 医院 机构:「长治市 人民医院」")
    assert texts(q) == [["医院"]] and [a.text for a in q.excluded] == ["人才"]
    assert q.institutions == ("长治市 人民医院",)


def test_an_apostrophe_inside_a_word_is_text_and_ideographic_spaces_separate():
    assert texts(parse("Xi'an")) == [["Xi'an"]]
    assert texts(parse("一号管三天\u3000受益")) == [["一号管三天"], ["受益"]]
