"""Messages from the engine are data: a code and values, in Chinese or English."""

from __future__ import annotations

import pickle
import string

import pytest

from index import messages
from index.errors import QueryError, ReadError
from index.model import Notice, Skipped
from index.query import parse


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_code_has_an_english_text_with_the_same_values():
    assert set(messages.TEXTS) == set(messages.ENGLISH)
    for code, chinese in messages.TEXTS.items():
        assert _fields(chinese) == _fields(messages.ENGLISH[code]), code


def test_a_query_error_carries_its_code_and_values_and_both_languages():
    with pytest.raises(QueryError) as caught:
        parse("year:20x5")
    error = caught.value
    assert error.code == "query.bad_year" and error.values == {"value": "20x5"}
    assert "年份写法不对" in str(error)
    assert error.text("en").startswith("The year is not written right: “20x5”")
    again = pickle.loads(pickle.dumps(error))  # a worker hands it over intact
    assert (again.code, again.values, str(again)) == (error.code, error.values, str(error))


def test_a_plain_text_error_still_works():
    error = ReadError("something else")
    assert (error.code, str(error), error.text("en")) == ("", "something else", "something else")


def test_a_skip_reason_nests_another_message_in_the_same_language(tmp_path):
    inner = Notice.from_error(ReadError("read.binary"))
    skipped = Skipped.of(str(tmp_path / "a.txt"), "skipped.removed", reason=inner)
    assert skipped.reason == "这是二进制文件，不是文本；原来的段落已从索引中移除"
    assert skipped.notice.in_language("en") == (
        "This is a binary file, not text; its earlier paragraphs were removed from the index")


@pytest.mark.parametrize(("environ", "lang"), [
    ({}, "zh"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "zh_CN.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "en"),
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "C.UTF-8"}, "zh"),
])
def test_the_command_line_language_follows_the_locale(environ, lang):
    assert messages.language(environ) == lang
