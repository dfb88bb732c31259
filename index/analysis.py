"""The words of a paragraph, as the index stores them for ranking.

Recall does not depend on words: every search is an exact scan of the folded text
(see ``scan``), so strings across jieba's word boundaries, digits, Latin and stop
words are all found. Words decide how results rank and what "more like this" means.

jieba (its Rust port, rjieba) segments in precise mode with HMM for unknown words
(names such as 李晓东). jieba's stock ``ChineseAnalyzer`` is not used: it drops digits
and stop words and records character offsets as positions (see RESEARCH.md). The
field skips Whoosh's token objects and counts words with ``Counter``, because
indexing is bound by Whoosh's per-posting Python work.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator
from types import ModuleType

from . import whoosh_fixes  # noqa: F401  (Whoosh is imported through it, patched)

# isort: split
from whoosh import fields, formats

# A jieba token is kept as a word when it has a letter, digit or CJK character.
_WORDLIKE = re.compile(r"[0-9a-z\u3400-\u9fff\U00020000-\U0002ffff]")


_LOADING = threading.Lock()  # loading the dictionary, and teaching it words
_SEGMENTER: ModuleType | None = None  # rjieba, once its dictionary is loaded and taught
_TAUGHT: dict[str, None] = {}  # every word taught, in order, for worker processes


def segmenter() -> ModuleType:
    """rjieba (its default segmenter), loaded on first use: importing it builds jieba's
    dictionary (~0.13 s of CPU, holding the GIL), which neither a window nor a command
    that cuts nothing needs. The words taught before (``add_words``) are taught to it
    then, in the order they were taught, so it cuts as if it had been loaded first."""
    loaded = _SEGMENTER
    return loaded if loaded is not None else _load()


def _load() -> ModuleType:
    global _SEGMENTER
    with _LOADING:
        if _SEGMENTER is None:
            import rjieba

            for name in _TAUGHT:
                rjieba.add_word(name, None, None)
            _SEGMENTER = rjieba
        return _SEGMENTER


def words(folded: str) -> list[str]:
    """jieba's words of folded text (precise mode), punctuation dropped."""
    return [w for w in segmenter().cut(folded, True) if _WORDLIKE.search(w)]


# Characters jieba never makes part of a word: it cuts a text into runs of CJK characters,
# letters, digits and ``+#&._%-``, each run on its own, and any other character is a
# token by itself. A text split at these is therefore cut into the same words, piece by
# piece (``tests/index/test_analysis.py`` checks it on the corpus).
_BREAK_CHARS = ",;:!?()\u3001\u3002\u300a\u300b\u201c\u201d\u2018\u2019\u3010\u3011"
_BREAKS = re.compile(f"[{re.escape(_BREAK_CHARS)}]")


def whole_words(folded: str, wanted: Iterable[str]) -> set[str]:
    """Which of ``wanted`` (words as :func:`words` gives them) are words of ``folded``.
    Only the pieces of it between punctuation where one of them occurs are cut (a
    clause or two, not the whole paragraph), each once, and only until every word is
    found; the whole paragraph in one call when every piece of it holds one (the words
    are the same: see _BREAK_CHARS)."""
    wanted = [w for w in wanted if w in folded and _WORDLIKE.search(w)]
    if not wanted:
        return set()
    breaks = [m.start() for m in _BREAKS.finditer(folded)]
    clauses: dict[int, int] = {}  # start -> end of each piece holding an occurrence
    for word in wanted:
        at = folded.find(word)
        while at >= 0:
            i = bisect_left(breaks, at)
            start = breaks[i - 1] + 1 if i else 0
            end = breaks[i] if i < len(breaks) else len(folded)
            if at + len(word) <= end:  # else it runs across punctuation: not a word
                clauses[start] = end
            at = folded.find(word, end if at + len(word) <= end else at + 1)
    if len(clauses) > len(breaks):  # every piece
        cut = set(segmenter().cut(folded, True))
        return {w for w in wanted if w in cut}
    found: set[str] = set()
    jieba = segmenter()
    for start, end in clauses.items():
        cut = jieba.cut(folded[start:end], True)
        found.update(w for w in wanted if w in cut)
        if len(found) == len(wanted):
            break
    return found


def add_words(names: list[str]) -> None:
    """Teach the segmenter words it must not split (institution names and aliases); one
    not loaded yet is taught them when it loads."""
    with _LOADING:
        for name in names:
            if name not in _TAUGHT:
                if _SEGMENTER is not None:
                    _SEGMENTER.add_word(name, None, None)
                _TAUGHT[name] = None


def taught_words() -> list[str]:
    """The words taught so far in this process (``add_words``): a worker process that
    cuts paragraphs is taught the same, so it cuts them as this process would."""
    return list(_TAUGHT)


class WordField(fields.FieldType):
    """jieba words of already-folded text, with frequencies, scorable (BM25).

    A posting's frequency is its weight, which is what Whoosh's BM25 reads ("more like
    this"); Whoosh's ``Frequency`` format would store it a second time as the posting's
    value, which nothing reads. With ``Existence`` (values-less) postings the words'
    postings and terms are 25% smaller and cheaper to write (measured on 12,000
    paragraphs of the corpus: 9.1 → 6.2 MB with ``store.make_codec``)."""

    scorable = True
    stored = False
    unique = False
    spelling = False
    vector = None
    analyzer = None

    def __init__(self):
        self.format = formats.Existence()

    def index(self, value, **kwargs) -> Iterator[tuple[bytes, int, float, bytes]]:
        if not isinstance(value, str):
            raise ValueError(f"{value!r} is not text")
        for term, freq in Counter(words(value)).items():
            yield term.encode("utf-8"), freq, float(freq), b""

    def tokenize(self, value, **kwargs):
        raise NotImplementedError("queries on this field are built by index.search")

    def self_parsing(self) -> bool:
        return True
