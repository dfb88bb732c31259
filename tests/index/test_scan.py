"""The scan text: rare characters kept at two bytes a character, matching unchanged."""

import sys

from index.scan import _has_astral, from_scan, to_scan


def test_astral_detection_for_short_and_long_strings():
    assert not _has_astral("")
    assert not _has_astral("中" * 200)
    assert not _has_astral("é" * 200)
    assert _has_astral("中" * 199 + "𠀀")
    assert _has_astral("𠀀") and _has_astral("x" * 100 + "😀")


def test_surrogate_mapping_round_trips_and_stays_narrow():
    text = "罕见字𠀀𠀁𪚥与表情😀" * 50
    mapped = to_scan(text)
    assert sys.getsizeof(mapped) == sys.getsizeof("中" * len(mapped))
    assert from_scan(mapped) == text
    assert to_scan("𠀁𪚥") in mapped  # a query maps the same way
    assert to_scan("普通文字") == "普通文字" and from_scan("普通文字") == "普通文字"
