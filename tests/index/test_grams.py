"""Grams and their postings: extraction, encoding, the SQLite store, merges and their policy."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyroaring import BitMap

from index import grams
from index.errors import IndexDamagedError
from index.grams import (
    SHORT,
    GramStore,
    Segment,
    build_postings,
    decode,
    encode,
    grams_of,
    plan_merges,
)

# Folded-looking text: CJK, digits, Latin, punctuation, and characters beyond the BMP.
folded_text = st.text(
    alphabet=st.one_of(
        st.sampled_from("中文发展高质量医院人民的一二三0123456789abcxyz,.%-()"),
        st.sampled_from("𠀀𠀁𪚥😀"),
        st.characters(exclude_characters="\x00", exclude_categories=["Cs"]),
    ),
    max_size=40,
)


def test_grams_are_characters_and_pairs():
    assert grams_of("") == set()
    assert grams_of("中") == {"中"}
    assert grams_of("高质量") == {"高", "质", "量", "高质", "质量"}
    assert grams_of("𠀀𠀁") == {"𠀀", "𠀁", "𠀀𠀁"}  # code points, not UTF-16 units


@given(st.lists(folded_text, max_size=12), st.integers(0, 2**31))
def test_postings_hold_each_gram_of_each_paragraph(texts, first_pid):
    postings = build_postings(texts, first_pid)
    expected: dict[str, list[int]] = {}
    for pid, text in enumerate(texts, first_pid):
        for gram in grams_of(text):
            expected.setdefault(gram, []).append(pid)
    assert postings == expected


@given(st.sets(st.integers(0, 300_000), max_size=200), st.integers(0, 2**31))
def test_encode_decode_round_trip(relative, base):
    pids = sorted(base + r for r in relative)
    blob = encode(pids, base)
    assert decode(blob, base) == BitMap(pids)
    assert blob[0] == (0 if len(pids) <= SHORT else 1)


def test_short_lists_are_compact_deltas():
    assert encode([1000, 1001, 1130], 1000) == bytes([0, 0, 1, 0x81, 0x01])
    assert len(encode(range(5000, 5000 + SHORT * 9, 9), 5000)) == 1 + SHORT


def test_unknown_postings_format_is_damage():
    with pytest.raises(IndexDamagedError):
        decode(b"\x07abc", 0)


def test_decreasing_pids_are_refused():
    with pytest.raises(ValueError):
        encode([5, 3], 0)


def test_policy_merges_runs_of_one_tier():
    assert plan_merges([100] * 3, fanout=4, floor=1000) == []
    assert plan_merges([100] * 4, fanout=4, floor=1000) == [range(0, 4)]
    assert plan_merges([100] * 9, fanout=4, floor=1000) == [range(0, 4), range(4, 8)]
    # A big segment first is left alone; the small ones after it are merged.
    assert plan_merges([64_000, 10, 10, 10, 10], fanout=4, floor=1000) == [range(1, 5)]
    # Small segments between two of the top tier go along with them.
    assert plan_merges([5000, 10, 5000, 10, 5000], fanout=4, floor=1000) == [range(0, 4)]


def _apply(sizes: list[int], fanout: int, floor: int) -> list[int]:
    while plan := plan_merges(sizes, fanout, floor):
        for run in reversed(plan):
            sizes[run.start : run.stop] = [sum(sizes[run.start : run.stop])]
    return sizes


@settings(max_examples=200)
@given(st.lists(st.integers(1, 50_000), min_size=1, max_size=400), st.sampled_from([2, 4, 8]))
def test_policy_keeps_logarithmically_many_segments(batches, fanout):
    floor = 1000
    sizes: list[int] = []
    for size in batches:
        sizes = _apply([*sizes, size], fanout, floor)
    assert sum(sizes) == sum(batches)
    tiers = 1
    while floor * fanout**tiers <= sum(batches):
        tiers += 1
    assert len(sizes) <= (fanout - 1) * (tiers + 1)


@pytest.fixture
def store() -> GramStore:
    return GramStore(sqlite3.connect(":memory:"))


def _add(store: GramStore, texts: list[str]) -> Segment:
    first = store.next_pid()
    seg = store.new_segment_id()
    with store.conn:
        store.add_segment(seg, first, first + len(texts) - 1, build_postings(texts, first))
    return store.segments()[-1]


def test_empty_store_finds_nothing(store):
    assert store.segments() == [] and store.next_pid() == 0
    assert store.postings("中") == BitMap()
    assert store.candidates("中国人") == BitMap()
    assert store.dead() == BitMap()
    with pytest.raises(ValueError):
        store.candidates("")


def test_postings_are_absolute_across_segments(store):
    _add(store, ["中国", "国家", ""])
    _add(store, ["家中"])
    assert store.segments() == [Segment(0, 0, 2), Segment(1, 3, 3)]
    assert store.postings("中") == BitMap([0, 3])
    assert store.postings("国") == BitMap([0, 1])
    assert store.postings("家中") == BitMap([3])
    assert store.candidates("国家中") == BitMap()  # 国家 and 家中 are in different paragraphs


def test_longer_terms_give_the_intersection_of_their_bigrams(store, monkeypatch):
    monkeypatch.setattr(grams, "ENOUGH", 0)  # no early stop
    _add(store, ["中国人", "人中国", "中国国人", "国人中"])
    _add(store, ["中国", "国人"])  # one bigram each: not candidates
    assert store.candidates("中国人") == BitMap([0, 2])  # 中国国人 has both bigrams
    assert store.candidates("人中国") == BitMap([1])


def test_a_few_candidates_are_verified_rather_than_narrowed(store, monkeypatch):
    _add(store, ["中国人", "中国"] + ["国人"] * 40)
    # 中国 is in two paragraphs: few enough to verify, so 国人's bitmap is not decoded.
    assert store.candidates("中国人") == BitMap([0, 1])
    monkeypatch.setattr(grams, "ENOUGH", 0)
    assert store.candidates("中国人") == BitMap([0])


def test_dead_pids_leave_every_answer(store):
    _add(store, ["发展", "发展", "发展"])
    with store.conn:
        store.add_dead([1])
        store.add_dead(BitMap([2]))
    assert store.dead() == BitMap([1, 2])
    assert store.candidates("发展") == BitMap([0])
    assert store.postings("发展") == BitMap([0, 1, 2])  # raw postings keep them


def test_segments_tile_the_pids(store):
    _add(store, ["一", "二"])
    with pytest.raises(ValueError):
        store.add_segment(5, 1, 3, {})  # overlaps
    with pytest.raises(ValueError):
        store.add_segment(5, 3, 3, {})  # leaves pid 2 out
    with pytest.raises(ValueError):
        store.add_segment(5, 2, 1, {})  # empty


def test_a_rolled_back_segment_leaves_nothing(store):
    with pytest.raises(RuntimeError), store.conn:
        store.add_segment(0, 0, 0, {"中": [0]})
        raise RuntimeError("crash before commit")
    assert store.segments() == [] and store.postings("中") == BitMap()


def test_merge_joins_adjacent_segments_and_drops_dead(store):
    texts = [["中国", "美国"], ["中美"], ["国中", "英国"], ["法国"]]
    for batch in texts:
        _add(store, batch)
    run = store.segments()[1:3]
    with store.conn:
        store.add_dead([3])
        merged = store.merge(run, store.dead())
    assert merged == Segment(4, 2, 4)
    assert store.segments() == [Segment(0, 0, 1), merged, Segment(3, 5, 5)]
    assert store.postings("中") == BitMap([0, 2])  # 3 (国中) dropped by the merge
    assert store.postings("国中") == BitMap()
    assert store.postings("国") == BitMap([0, 1, 4, 5])
    assert store.new_segment_id() == 5  # merged ids are never reused


def test_merge_refuses_segments_that_are_not_adjacent(store):
    for batch in (["一"], ["二"], ["三"]):
        _add(store, batch)
    first, _, third = store.segments()
    with pytest.raises(ValueError):
        store.merge([first, third], BitMap())
    with pytest.raises(ValueError):
        store.merge([Segment(9, 0, 0)], BitMap())


def test_merge_plan_names_segments(store):
    for i in range(4):
        _add(store, [str(i)])
    assert store.merge_plan(fanout=4, floor=10) == [store.segments()]
    assert store.merge_plan(fanout=8, floor=10) == []


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from("中国人甲"), max_size=3), min_size=1, max_size=400),
    st.lists(st.integers(1, 150), min_size=1, max_size=5),
    st.one_of(st.just(set()), st.sets(st.integers(0, 400), max_size=30)),
    st.integers(0, 5000),
)
def test_merge_equals_union_without_dead(texts, cuts, dead, first_pid):
    """Short and long lists, in one segment or several (甲 is renamed per segment, so some
    grams live in one segment only), bases far apart (first values of several varint
    bytes), with and without dead pids in the run."""
    store = GramStore(sqlite3.connect(":memory:"))
    if first_pid:  # paragraphs without grams before the run
        store.add_segment(store.new_segment_id(), 0, first_pid - 1, {})
    start, grams = 0, set()
    for number, cut in enumerate([*cuts, len(texts)]):
        own = chr(ord("甲") + number)
        batch = ["".join(t).replace("甲", own) for t in texts[start : start + cut]]
        if batch:
            pid = first_pid + start
            postings = build_postings(batch, pid)
            grams.update(postings)
            store.add_segment(store.new_segment_id(), pid, pid + len(batch) - 1, postings)
        start += cut
        if start >= len(texts):
            break
    dead_pids = BitMap(first_pid + d for d in dead)
    before = {gram: store.postings(gram) for gram in grams}
    store.merge(store.segments()[1 if first_pid else 0 :], dead_pids)
    for gram, pids in before.items():
        assert store.postings(gram) == pids - dead_pids


def test_merge_rebases_lists_found_in_one_segment_only(store):
    _add(store, ["甲"] * 200)
    _add(store, ["乙"] * 900 + ["丙"] + ["丁"] * 300)  # 丙: relative pid 900, two varint bytes
    store.merge(store.segments(), BitMap())
    assert store.postings("丙") == BitMap([1100])
    assert store.postings("丁") == BitMap(range(1101, 1401))  # a roaring list
    assert store.postings("甲") == BitMap(range(200))
