"""Which paragraphs of the library support a statement, and what each says of its items.

Only ``SearchBackend.search`` is used, so a draft is checked the same way on the local
engine and on a shared archive. For each statement:

1. **Candidates.** A search for the statement's most telling terms in two pairs,
   ``(t1 OR t2) (t3 OR t4)``: its figures with their units (found however written),
   names, titles, institutions (by any of their names), then its longest words. One
   altered figure or one word put another way does not lose the source, and four terms
   keep the search cheap (each is a scan of the library). When no candidate supports
   the statement, a second search takes any one of the four. The best ``CANDIDATES``
   paragraphs by the backend's ranking are scored.
2. **Score.** Each candidate is scored by what it shares with the statement: the
   share of the statement's words it holds (each word weighing its length in
   characters, so 医疗机构 counts more than 推进) and the share of its items the
   paragraph has (a figure written another way is the same figure; a differing figure
   counts half: the paragraph speaks of the same thing). ``score = WORDS_WEIGHT ×
   words + (1 − WORDS_WEIGHT) × items``; a statement without items is scored on words.
3. **Items.** Against a source, a figure or date is **same** when the paragraph has
   one of equal value and unit; **different** when it has none but has one of the
   same unit with another value in a similar context (the words around it share a
   two-character piece with the words around the draft's figure: "派出237人" and
   "派出227人"), the source's figure reported; otherwise **not found**. A person,
   institution (any of its names) or title is same or not found.
4. **Verdict.** No candidate scoring ``SUPPORT_MIN`` or more: unsupported. Otherwise
   the best sources are kept; the statement *differs* when its best source has a
   differing figure, and is *supported* when not.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..analysis import words as jieba_words
from ..backend import SearchBackend, never
from ..errors import QueryError
from ..institutions import InstitutionTable
from ..model import Hit
from ..normalize import fold, fold_with_offsets
from ..query import quote
from .frequent import FREQUENT
from .items import (
    DATE,
    FIGURE,
    INSTITUTION,
    PERSON,
    TITLE,
    Item,
    figures_in,
    institution_names,
    items,
)
from .results import (
    DIFFERENT,
    DIFFERS,
    NOT_FOUND,
    SAME,
    SUPPORTED,
    UNSUPPORTED,
    DraftCheck,
    ItemCheck,
    Source,
    StatementCheck,
)
from .statements import Statement, statements

CANDIDATES = 20  # paragraphs scored per statement
SOURCES = 3  # best sources kept per statement
MAX_ITEM_TERMS = 2  # items searched for per statement (the rest are judged on the candidates)
MAX_SEARCH_TERMS = 4  # terms in all, two pairs: each is a scan of the library
SUPPORT_MIN = 0.5  # score a paragraph needs to count as a source
WORDS_WEIGHT = 0.7
DIFFERENT_WEIGHT = 0.5  # a differing figure counts half an item
# Characters before and after a figure that say what it counts (Chinese says it
# before the figure: 派出237人, 增长6.5%; the figures nearby count too).
CONTEXT_BEFORE, CONTEXT_AFTER = 12, 6
MIN_WORD = 2  # characters; shorter words carry no meaning alone
# Words too common in reports to say what a statement is about.
COMMON = frozenset("""
我们 我国 我市 全市 全区 全省 全国 进一步 一批 一些 以及 通过 进行 开展 推进 推动 加强 加快 实现 坚持 提高 提升 工作 发展 建设
全面 重点 持续 不断 积极 取得 完成 今年 去年 其中 同时 以上 其他 有关 主要 方面 相关 继续 深入 大力 着力 切实 更加 一个 这个 已经
""".split())  # noqa: SIM905 - a word list reads best as text
KIND_ORDER = (FIGURE, PERSON, TITLE, DATE, INSTITUTION)
_WORDLIKE = re.compile(r"[0-9a-z\u3400-\u9fff]")
_DIGITS = re.compile(r"[0-9〇零一二两三四五六七八九十百千万亿点.,%]")


def check(backend: SearchBackend, draft: str, table: InstitutionTable,
          progress: Callable[[int, int], None] | None = None,
          cancelled: Callable[[], bool] = never) -> DraftCheck:
    """Check every statement of ``draft`` against the library of ``backend``.
    ``progress(done, total)`` after each statement; when ``cancelled()`` turns true
    the check stops and returns the statements checked so far."""
    found = statements(draft)
    out = []
    for done, statement in enumerate(found, 1):
        if cancelled():
            break
        out.append(check_statement(backend, statement, table))
        if progress is not None:
            progress(done, len(found))
    return DraftCheck(draft, tuple(out))


def check_statement(backend: SearchBackend, statement: Statement,
                    table: InstitutionTable) -> StatementCheck:
    """One statement: its items, its best sources and its verdict."""
    found = tuple(items(statement.text, table))
    words = key_words(statement.text, found)
    sources: list[Source] = []
    for loose in (False, True):
        hits = candidates(backend, found, words, loose)
        sources = sorted((score(hit, statement.text, found, words, table) for hit in hits),
                         key=lambda s: -s.score)
        sources = [s for s in sources if s.score >= SUPPORT_MIN][:SOURCES]
        if sources:
            break
    if not sources:
        return StatementCheck(statement, found, UNSUPPORTED, ())
    verdict = DIFFERS if sources[0].differing else SUPPORTED
    return StatementCheck(statement, found, verdict, tuple(sources))


def key_words(text: str, found: tuple[Item, ...] = ()) -> tuple[str, ...]:
    """The statement's words that say what it is about: jieba's words of two characters
    or more, outside its items (a figure's digits and unit are the item's), not
    figures, not the most common words of reports; in order, once."""
    blanked = list(text)
    for item in found:
        blanked[item.start:item.end] = "，" * (item.end - item.start)
    out = []
    for word in jieba_words(fold("".join(blanked))):
        if len(word) >= MIN_WORD and word not in COMMON and _DIGITS.sub("", word):
            out.append(word)
    return tuple(dict.fromkeys(out))


def candidates(backend: SearchBackend, found: tuple[Item, ...],
               words: tuple[str, ...], loose: bool = False) -> tuple[Hit, ...]:
    """Paragraphs that may support a statement, best first (the backend's ranking).

    A paragraph must hold one term of each pair, ``(t1 OR t2) (t3 OR t4)``, of the
    statement's most telling terms (``search_terms``); ``loose``: any one of them (the
    second try, when the pairs find no source)."""
    terms = search_terms(found, words)
    if not terms:
        return ()
    count = min(len(terms), MAX_SEARCH_TERMS)
    while count:
        chosen = [t if _WORDLIKE.sub("", t) == "" else quote(t) for t in terms[:count]]
        if loose or count <= 2:
            query = " OR ".join(chosen)
        else:
            query = " ".join(" OR ".join(chosen[i:i + 2]) for i in range(0, count, 2))
        try:
            return backend.search(query, limit=CANDIDATES).hits
        except QueryError:
            count //= 2
    return ()


def search_terms(found: tuple[Item, ...], words: tuple[str, ...]) -> list[str]:
    """What to search for, most telling first: figures with a unit, people, titles,
    institutions, then the key words, longest first, the words most reports use last
    (``frequent``). A bare number or a year says little on its own and is left out."""
    telling = [i for i in found if i.kind != FIGURE or i.unit]
    telling = [i for i in telling if i.kind != DATE or len(i.value) > 1]
    telling.sort(key=lambda i: KIND_ORDER.index(i.kind))
    terms = [_term(i) for i in telling][:MAX_ITEM_TERMS]
    terms += sorted(words, key=lambda w: (w in FREQUENT, -len(w)))
    return [t for t in dict.fromkeys(terms) if len(t) >= MIN_WORD
            and t.lower() not in ("or", "not")]


def _term(item: Item) -> str:
    """What to search for an item: a figure or date as written (the backend finds its
    other forms), a title without its quotes, a name as written."""
    if item.kind in (FIGURE, DATE, INSTITUTION):
        return fold(item.text)
    return item.key


def score(hit: Hit, text: str, found: tuple[Item, ...], words: tuple[str, ...],
          table: InstitutionTable) -> Source:
    """How well the paragraph of ``hit`` supports the statement ``text``."""
    folded = fold(hit.text)
    shared = tuple(w for w in words if w in folded)
    total = sum(len(w) for w in words)
    word_share = sum(len(w) for w in shared) / total if total else 0.0
    checks = tuple(check_items(text, found, hit.text, table, hit.institution))
    if checks:
        weights = {SAME: 1.0, DIFFERENT: DIFFERENT_WEIGHT, NOT_FOUND: 0.0}
        item_share = sum(weights[c.verdict] for c in checks) / len(checks)
        value = WORDS_WEIGHT * word_share + (1 - WORDS_WEIGHT) * item_share
    else:
        value = word_share
    return Source(hit.report, hit.path, hit.title, hit.institution, hit.year, hit.paragraph,
                  hit.text, round(value, 4), shared, checks)


def check_items(text: str, found: tuple[Item, ...], paragraph: str,
                table: InstitutionTable, institution: str = "") -> list[ItemCheck]:
    """Each item of the statement ``text`` against ``paragraph``, a paragraph of a
    report by ``institution``."""
    folded, offsets = _folded(paragraph)
    numbers = figures_in(paragraph, folded, offsets)
    out = []
    for item in found:
        if item.kind in (FIGURE, DATE):
            out.append(_check_figure(item, text, numbers, paragraph))
        else:
            out.append(_check_name(item, paragraph, folded, offsets, table, institution))
    return out


def _folded(text: str) -> tuple[str, list[int] | range]:
    """Folded text and each folded character's offset in ``text`` (most paragraphs
    have no white space to drop: then the offsets are the positions themselves)."""
    folded = fold(text)
    if len(folded) == len(text):
        return folded, range(len(text))
    return fold_with_offsets(text)


def _check_figure(item: Item, text: str, numbers: list[Item], paragraph: str) -> ItemCheck:
    same = [n for n in numbers if n.kind == item.kind and n.unit == item.unit
            and n.value == item.value]
    if same:
        return ItemCheck(item, SAME, same[0].text, same[0].start, same[0].end)
    others = [n for n in numbers if n.kind == item.kind and n.unit == item.unit]
    mine = _context(text, item.start, item.end)
    best, best_shared = None, 0
    for other in others:
        shared = len(mine & _context(paragraph, other.start, other.end))
        if shared > best_shared:
            best, best_shared = other, shared
    if best is None:
        return ItemCheck(item, NOT_FOUND)
    return ItemCheck(item, DIFFERENT, best.text, best.start, best.end)


def _context(text: str, start: int, end: int) -> set[str]:
    """The two-character pieces of the text around a figure, punctuation left out."""
    out = set()
    for side in (text[max(0, start - CONTEXT_BEFORE):start], text[end:end + CONTEXT_AFTER]):
        side = "".join(c for c in fold(side) if _WORDLIKE.match(c))
        out.update(side[i:i + 2] for i in range(len(side) - 1))
    return out


def _check_name(item: Item, paragraph: str, folded: str, offsets: list[int] | range,
                table: InstitutionTable, institution: str) -> ItemCheck:
    """A name is the same when the paragraph has it (an institution by any of its
    names), or when the institution is the one whose report the paragraph is in (its
    own report says "we" where the draft names it)."""
    names = institution_names(table, item.key) if item.kind == INSTITUTION else (item.key,)
    for name in names:
        at = folded.find(name) if name else -1
        if at >= 0:
            first, last = offsets[at], offsets[at + len(name) - 1] + 1
            return ItemCheck(item, SAME, paragraph[first:last], first, last)
    if item.kind == INSTITUTION and institution and table.canonical(institution) == item.key:
        return ItemCheck(item, SAME, institution)
    return ItemCheck(item, NOT_FOUND)
