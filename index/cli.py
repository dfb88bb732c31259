"""The command line: ``reportsearch SUBCOMMAND …`` and ``python main.py SUBCOMMAND …``.

Exit codes: 0 success, 2 bad usage or a bad query, 1 any other error, always with
one clear line on stderr (and a hint for the fix where there is one).

Every command that opens a library takes ``--index-dir DIR`` (a local library) or
``--server postgresql://…`` (a team archive), before or after the subcommand;
``REPORTSEARCH_SERVER`` is the server when neither is given. ``archive init`` and
``archive add-user`` set up an archive on a server. Details, such
as a traceback, go to the log file (``logfile``), never to the terminal.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from dataclasses import asdict
from pathlib import Path

from .backend import (
    SearchBackend,
    is_server,
    needs_password,
    open_backend,
    server_location,
    with_password,
)
from .checking.report import (
    as_dict,
    item_text,
    summary_text,
    verdict_text,
    write_html,
)
from .checking.report import write_csv as write_csv_check
from .cli_text import say
from .errors import (
    ConfigError,
    IndexBusyError,
    QueryError,
    ReadError,
    ReportSearchError,
    ServerUnavailableError,
)
from .export import write_csv
from .institutions import institutions
from .library import load_report, survey
from .logfile import setup_logging
from .messages import language, text
from .metadata import detect
from .model import RELEVANCE, SORTS, UNKNOWN_YEAR, to_dict
from .paths import seeds_dir
from .reading import decode_bytes, read_text
from .years import parse_year

log = logging.getLogger(__name__)

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
SERVER_ENV = "REPORTSEARCH_SERVER"
# The language of the engine's messages and of the lines below that carry them: the
# locale's (``messages.language``), read once per run.
LANG = "zh"
UNKNOWN_YEAR_WORDS = ("unknown", "未知", "不详")


class _Parser(argparse.ArgumentParser):
    """argparse, with its usage errors in one line (and where to find help), exit code 2."""

    def error(self, message: str):
        raise _UsageError(_t("usage_error", message=message, prog=self.prog))


class _UsageError(Exception):
    pass


def _filter_year(text: str) -> int | str:
    """A --year filter: a year, or unknown/未知 for the reports with no known year."""
    if text.strip().lower() in UNKNOWN_YEAR_WORDS:
        return UNKNOWN_YEAR
    if not (text.strip().isascii() and text.strip().isdigit()):
        raise argparse.ArgumentTypeError(_t("bad_filter_year", text=text))
    return int(text)


def _corrected_year(text: str) -> int:
    """A year for ``correct --year``: checked like every year a person writes."""
    try:
        year = parse_year(text)
    except ConfigError as exc:
        raise argparse.ArgumentTypeError(exc.text(LANG)) from None
    if year is None:
        raise argparse.ArgumentTypeError(_t("no_year"))
    return year


def _parser() -> argparse.ArgumentParser:
    """The parser, its help in the run's language (``LANG`` is set before it is built)."""
    parser = _Parser(prog="reportsearch", description=_t("description"), epilog=_t("epilog"))
    server_help = _t("help.server", env=SERVER_ENV)
    # Global options work before the subcommand and after it: the main parser sets the
    # default, and a subcommand's copy only overrides it when given (SUPPRESS).
    parser.add_argument("--index-dir", type=Path, metavar="DIR", dest="target", default=None,
                        help=_t("help.index_dir"))
    parser.add_argument("--server", metavar="URL", dest="server_first", help=server_help)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True,
                                parser_class=_Parser)

    def with_index(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        # ``target`` is what ``open_backend`` opens: None for the user's data folder.
        p.add_argument("--index-dir", type=Path, metavar="DIR", dest="target",
                       default=argparse.SUPPRESS, help=_t("help.index_dir"))
        p.add_argument("--server", metavar="URL", help=server_help)
        return p

    p = with_index(sub.add_parser("index", help=_t("cmd.index")))
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help=_t("help.index_paths"))
    p.add_argument("--json", action="store_true", help=_t("help.json_summary"))
    p.set_defaults(handler=_index)

    p = with_index(sub.add_parser("rescan", help=_t("cmd.rescan")))
    p.add_argument("--json", action="store_true", help=_t("help.json_summary"))
    p.set_defaults(handler=_rescan)

    p = with_index(sub.add_parser("sources", help=_t("cmd.sources")))
    p.add_argument("--json", action="store_true", help=_t("help.json"))
    p.set_defaults(handler=_sources)

    p = with_index(sub.add_parser("remove", help=_t("cmd.remove")))
    p.add_argument("path", type=Path, metavar="PATH", help=_t("help.remove_path"))
    p.set_defaults(handler=_remove)

    p = with_index(sub.add_parser("search", help=_t("cmd.search")))
    p.add_argument("query", nargs="*", help=_t("help.query"))
    p.add_argument("--queries-file", type=Path, metavar="FILE", help=_t("help.queries_file"))
    p.add_argument("--institution", action="append", default=[], metavar="NAME",
                   help=_t("help.institution"))
    p.add_argument("--year", action="append", default=[], type=_filter_year, metavar="Y",
                   help=_t("help.year"))
    p.add_argument("--limit", type=int, default=20, metavar="N", help=_t("help.limit"))
    p.add_argument("--sort", choices=SORTS, default=RELEVANCE, help=_t("help.sort"))
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help=_t("help.search_json"))
    out.add_argument("--csv", type=Path, metavar="OUT", help=_t("help.search_csv"))
    p.set_defaults(handler=_search)

    p = with_index(sub.add_parser("reports", help=_t("cmd.reports")))
    p.add_argument("--json", action="store_true", help=_t("help.json"))
    p.set_defaults(handler=_reports)

    p = with_index(sub.add_parser("show", help=_t("cmd.show")))
    p.add_argument("report", help=_t("help.report"))
    p.add_argument("--json", action="store_true", help=_t("help.json"))
    p.set_defaults(handler=_show)

    p = with_index(sub.add_parser("similar", help=_t("cmd.similar")))
    p.add_argument("report", help=_t("help.report"))
    p.add_argument("paragraph", type=int, help=_t("help.paragraph"))
    p.add_argument("--limit", type=int, default=10, metavar="N", help=_t("help.similar_limit"))
    p.add_argument("--json", action="store_true", help=_t("help.json"))
    p.set_defaults(handler=_similar)

    p = with_index(sub.add_parser("correct", help=_t("cmd.correct")))
    p.add_argument("report", help=_t("help.report"))
    p.add_argument("--institution", metavar="NAME")
    p.add_argument("--year", type=_corrected_year, metavar="Y", help=_t("help.correct_year"))
    p.add_argument("--title", metavar="TEXT")
    p.set_defaults(handler=_correct)

    p = with_index(sub.add_parser("check", help=_t("cmd.check"),
                                  description=_t("check.description")))
    p.add_argument("file", metavar="FILE", help=_t("help.check_file"))
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help=_t("help.json"))
    out.add_argument("--csv", type=Path, metavar="OUT", help=_t("help.check_csv"))
    p.add_argument("--html", type=Path, metavar="FILE", help=_t("help.check_html"))
    p.set_defaults(handler=_check)

    p = sub.add_parser("archive", help=_t("cmd.archive"))
    p.add_argument("--server", metavar="URL", help=server_help)
    tasks = p.add_subparsers(dest="task", metavar="TASK", required=True, parser_class=_Parser)
    t = tasks.add_parser("init", help=_t("cmd.archive_init"))
    t.add_argument("--server", metavar="URL", dest="server_task", help=server_help)
    t.set_defaults(handler=_archive_init)
    t = tasks.add_parser("add-user", help=_t("cmd.add_user"))
    t.add_argument("name", help=_t("help.user_name"))
    t.add_argument("--role", choices=("reporter", "archivist"), required=True,
                   help=_t("help.role"))
    t.add_argument("--password-stdin", action="store_true", help=_t("help.password_stdin"))
    t.add_argument("--no-password", action="store_true", help=_t("help.no_password"))
    t.add_argument("--server", metavar="URL", dest="server_task", help=server_help)
    t.set_defaults(handler=_archive_add_user)

    p = with_index(sub.add_parser("inspect", help=_t("cmd.inspect")))
    p.add_argument("file", type=Path, metavar="PATH", help=_t("help.inspect_file"))
    p.add_argument("--json", action="store_true", help=_t("help.json"))
    p.set_defaults(handler=_inspect)
    return parser


def _warn_about_data_files() -> None:
    """One line per problem in the alias tables (the rest of them is used)."""
    for problem in institutions().problems:
        print(f"reportsearch: {_t('note')}: {_one_line(_in_language(problem))}", file=sys.stderr)


def _backend(args) -> SearchBackend:
    """Open the library; say once why its index is being rebuilt, if it is; for commands
    that read, finish a pending rebuild (or index the seeds on first use) first."""
    try:
        backend = open_backend(args.target, recover=True)
    except ServerUnavailableError as exc:
        if not (needs_password(exc) and sys.stdin.isatty()):
            raise
        password = getpass.getpass(_t("password_for", who=server_location(args.target)))
        backend = open_backend(with_password(args.target, password), recover=True)
    args.opened = backend  # closed by run() (a server connection is not left to the GC)
    if is_server(args.target):  # a local engine says them in its notices
        _warn_about_data_files()
    if backend.recovery:
        print(f"reportsearch: {_one_line(backend.recovery.in_language(LANG))}", file=sys.stderr)
    if args.command not in ("index", "rescan", "remove"):
        try:
            backend.ensure_ready(progress=_progress(args))
        except IndexBusyError:
            print(f"reportsearch: {text('notice.busy_read', LANG)}", file=sys.stderr)
        _clear_progress(args)
    _print_notices(backend)
    return backend


def _print_notices(backend: SearchBackend) -> None:
    for notice in backend.take_notices():
        print(f"reportsearch: {_one_line(notice.in_language(LANG))}", file=sys.stderr)


def _progress(args):
    show = sys.stderr.isatty() and not getattr(args, "json", False)

    def progress(done: int, total: int, path: str) -> None:
        if show and total:
            name = Path(path).name[:40] if path else ""
            line = _t("progress", done=done, total=total, name=f"{name:<40}")
            print(f"\r{line}", end="", file=sys.stderr, flush=True)

    return progress


def _clear_progress(args) -> None:
    if sys.stderr.isatty() and not getattr(args, "json", False):
        print("\r" + " " * 60 + "\r", end="", file=sys.stderr)


def _print_json(value) -> None:
    print(json.dumps(value, ensure_ascii=False))


# ---------------------------------------------------------------- index


def _index(args) -> int:
    paths = args.paths or [seeds_dir()]
    backend = _backend(args)
    summary = backend.index(paths, progress=_progress(args))
    _clear_progress(args)
    missing = [p for p in args.paths if not p.exists()]
    if len(missing) < len(paths):  # something was indexed: say what
        _print_summary(args, backend, summary)
    else:
        _print_notices(backend)
    for path in missing:
        print(f"reportsearch: {text('offline.missing_path', LANG, path=path)}", file=sys.stderr)
    return EXIT_ERROR if missing else EXIT_OK


def _rescan(args) -> int:
    backend = _backend(args)
    summary = backend.rescan(progress=_progress(args))
    _clear_progress(args)
    _print_summary(args, backend, summary)
    return EXIT_OK


def _print_summary(args, backend: SearchBackend, summary) -> None:
    _print_notices(backend)
    if args.json:
        _print_json(asdict(summary))
        return
    s = summary
    print(_t("summary", cancelled=_t("summary_cancelled") if s.cancelled else "",
             added=len(s.added), updated=len(s.updated), removed=len(s.removed),
             unchanged=s.unchanged, offline=len(s.offline), skipped=len(s.skipped)))
    print(_t("summary_total", reports=s.reports, paragraphs=s.paragraphs, seconds=s.seconds))
    for skipped in summary.skipped:
        print(f"  {_t('skipped')} {skipped.path}{_colon()}{skipped.notice.in_language(LANG)}")
    for warning in summary.warnings:
        print(f"  {_t('note')} {warning.path}{_colon()}{warning.notice.in_language(LANG)}")


def _sources(args) -> int:
    paths = _backend(args).sources()
    if args.json:
        _print_json([{"path": p, "reachable": Path(p).exists()} for p in paths])
        return EXIT_OK
    for p in paths:
        print(p if Path(p).exists() else f"{p}  {_t('unreachable')}")
    print(_t("sources_total", count=len(paths)), file=sys.stderr)
    return EXIT_OK


def _remove(args) -> int:
    backend = _backend(args)
    if str(args.path.expanduser().resolve()) not in backend.sources():
        raise _UsageError(_t("not_a_source", path=args.path))
    summary = backend.remove_source(args.path)
    print(_t("removed", path=args.path, removed=len(summary.removed), reports=summary.reports))
    return EXIT_OK


# ---------------------------------------------------------------- search


def _hit_dict(hit) -> dict:
    return {
        "report": hit.report, "title": hit.title, "institution": hit.institution,
        "year": hit.year, "paragraph": hit.paragraph, "section": hit.section,
        "text": hit.text, "highlights": [list(s) for s in hit.highlights],
        "score": hit.score, "match": hit.match, "kind": hit.kind,
        "forms": hit.forms, "via_report": list(hit.via_report),
    }


def _result_dict(result) -> dict:
    return {
        "query": result.query,
        "total": result.total,
        "exact": result.exact,
        "facets": {"institution": result.facets.institution, "year": result.facets.year},
        "exact_facets": {"institution": result.facets.exact_institution,
                         "year": result.facets.exact_year},
        "expansions": {k: list(v) for k, v in result.expansions.items()},
        "readings": [{"term": r.term, "institutions": list(r.institutions),
                      "years": list(r.years), "titles": list(r.titles)}
                     for r in result.readings],
        "hits": [_hit_dict(h) for h in result.hits],
    }


def _marked(hit) -> str:
    """The paragraph with its matches in 【】 (terminals cannot be trusted with colour)."""
    text, out, last = hit.text, [], 0
    for start, end in hit.highlights:
        out += [text[last:start], "【", text[start:end], "】"]
        last = end
    out.append(text[last:])
    return "".join(out)


def _search(args) -> int:
    args.query = " ".join(args.query)
    if bool(args.query) == bool(args.queries_file):
        raise _UsageError(_t("query_or_file"))
    if args.csv and not args.queries_file:
        raise _UsageError(_t("csv_batch"))
    if args.limit < 0:
        raise _UsageError(_t("negative_limit"))
    backend = _backend(args)

    def run(query: str):
        return backend.search(query, institutions=args.institution, years=args.year,
                             limit=args.limit, sort=args.sort)

    if args.queries_file:
        return _batch(args, run)
    result = run(args.query)
    if args.json:
        _print_json(_result_dict(result))
        return EXIT_OK
    print(_t("total", total=result.total, exact=result.exact, shown=len(result.hits)))
    for term, names in result.expansions.items():
        print(_t("expanded", term=term, names=_t("list").join(names)))
    for reading in result.readings:
        print(_t("read_as", term=reading.term, reading=_reading_text(reading)))
    for rank, hit in enumerate(result.hits, 1):
        tags = "" if hit.match == "exact" else f"  {_t('words_apart')}"
        tags += "".join(f"  {_t('form', term=term, form=form)}" for term, form in hit.forms.items())
        tags += "".join(f"  {_t('via_report', term=term)}" for term in hit.via_report)
        print()
        print(_t("hit_line", rank=rank, title=hit.title, institution=hit.institution,
                 year=hit.year or _t("year_unknown"), paragraph=hit.paragraph, tags=tags))
        if hit.section:
            print(f"   〔{hit.section}〕")
        print(f"   {_marked(hit)}")
        print(f"   ({hit.report})")
    if result.total and result.facets.institution:
        facets = result.facets
        print()
        print(_t("facet.institution", counts=_facet_text(
            facets.institution, facets.exact_institution, _t("facet.no_institution"))))
        print(_t("facet.year", counts=_facet_text(facets.year, facets.exact_year,
                                                  _t("facet.no_year"))))
    return EXIT_OK


def _reading_text(reading) -> str:
    """How a word was read as the report's record: ``机构：山西省人民政府；年份：2024``."""
    parts = []
    for key, values in (("reading.institution", reading.institutions),
                        ("reading.year", [str(y) for y in reading.years]),
                        ("reading.title", reading.titles)):
        if values:
            parts.append(_t(key, names=_t("list").join(values)))
    return _t("list.reading").join(parts)


def _facet_text(counts: dict[str, int], exact: dict[str, int], unknown: str) -> str:
    """Each value's exact matches, and the matches with words apart beside them."""
    out = []
    for key, count in counts.items():
        whole = exact.get(key, 0)
        apart = _t("facet.apart", count=count - whole) if count > whole else ""
        out.append(f"{key or unknown} {whole}{apart}")
    return _t("list.facets").join(out)


def _batch(args, run) -> int:
    try:
        lines = args.queries_file.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        print(f"reportsearch: {_t('queries_unreadable', file=args.queries_file, error=exc)}",
              file=sys.stderr)
        return EXIT_ERROR
    queries = [q.strip() for q in lines if q.strip() and not q.lstrip().startswith("#")]
    failed = 0
    results = []
    for query in queries:
        try:
            result = run(query)
        except QueryError as exc:
            failed += 1
            print(f"reportsearch: {_t('query_wrong', query=query, error=exc.text(LANG))}",
                  file=sys.stderr)
            if args.json:
                _print_json({"query": query, "error": exc.text(LANG), "code": exc.code})
            continue
        if args.json:
            _print_json(_result_dict(result))
        elif args.csv:
            results.append(result)
        else:
            print(f"{result.total}\t{query}")
    if args.csv:
        rows = write_csv(args.csv, results)
        print(_t("batch_written", path=args.csv, queries=len(queries), rows=rows),
              file=sys.stderr)
    return EXIT_USAGE if failed and failed == len(queries) else EXIT_OK


# ---------------------------------------------------------------- reports


def _record_dict(record) -> dict:
    return {
        "report": record.name, "path": record.path, "title": record.title,
        "institution": record.institution, "year": record.year,
        "paragraphs": record.paragraphs, "sources": record.sources, "offline": record.offline,
        "paths": list(record.paths),
    }


def _reports(args) -> int:
    records = _backend(args).reports()
    if args.json:
        _print_json([_record_dict(r) for r in records])
        return EXIT_OK
    for r in records:
        copies = _t("copies", names=_t("list").join(r.copies)) if r.copies else ""
        print(_t("report_line", offline=_t("offline") if r.offline else "",
                 year=r.year or "----", institution=r.institution or _t("not_recognised"),
                 title=r.title, paragraphs=r.paragraphs, name=r.name, copies=copies))
    print(_t("reports_total", count=len(records)), file=sys.stderr)
    return EXIT_OK


def _show(args) -> int:
    view = _backend(args).report(args.report)
    if args.json:
        _print_json({**_record_dict(view.record),
                     "paragraphs": [asdict(p) for p in view.paragraphs]})
        return EXIT_OK
    r = view.record
    print(f"{r.title}\n{r.institution} · {r.year or _t('year_unknown')} · {r.path}\n")
    for p in view.paragraphs:
        print(f"{p.ordinal:>4} {p.kind:<9} {p.text}")
    return EXIT_OK


def _similar(args) -> int:
    hits = _backend(args).similar(args.report, args.paragraph, args.limit)
    if args.json:
        _print_json([_hit_dict(h) for h in hits])
        return EXIT_OK
    if not hits:
        print(_t("nothing_similar"))
    for rank, hit in enumerate(hits, 1):
        print(_t("similar_line", rank=rank, title=hit.title, institution=hit.institution,
                 year=hit.year or _t("year_unknown"), paragraph=hit.paragraph))
        print(f"   {_marked(hit)}")
    return EXIT_OK


def _correct(args) -> int:
    if args.institution is None and args.year is None and args.title is None:
        raise _UsageError(_t("correct_what"))
    backend = _backend(args)
    record = backend.set_metadata(args.report, institution=args.institution, year=args.year,
                                 title=args.title)
    print(_t("corrected", name=record.name, institution=record.institution, year=record.year,
             title=record.title))
    _print_notices(backend)
    return EXIT_OK


def _inspect(args) -> int:
    _warn_about_data_files()
    if args.file.is_dir():
        return _inspect_folder(args)
    report = load_report(args.file)
    # What detection alone reads, also when a manifest or a correction overrides it.
    detected = detect(list(report.paragraphs), institutions(), Path(report.path).stem)
    if args.json:
        _print_json({**to_dict(report), "detected": to_dict(detected)})
        return EXIT_OK
    meta = report.meta
    print(_t("inspect.title", title=meta.title))
    for name in ("institution", "year"):
        value = getattr(meta, name) or _t("not_recognised")
        line = _t(f"inspect.{name}", value=value, signal=_signal(meta, name))
        if meta.sources.get(name) in ("manifest", "correction"):
            line += _t("inspect.detected", value=getattr(detected, name) or _t("not_recognised"),
                       signal=_signal(detected, name))
        print(line)
    print(_t("inspect.encoding", encoding=report.encoding, count=len(report.paragraphs)))
    for p in report.paragraphs:
        print(f"{p.ordinal:>4} {p.kind.value:<9} {p.text}")
    return EXIT_OK


def _inspect_folder(args) -> int:
    """What an import of a folder would do: each report it would read (with the
    institution, year and title detected) and each file it would skip, with why."""
    reports, skipped = survey(args.file)
    if args.json:
        _print_json({
            "folder": str(args.file.resolve()),
            "reports": [{"path": r.path, "title": r.title, "institution": r.institution,
                         "year": r.year, "paragraphs": len(r.paragraphs)} for r in reports],
            "skipped": [{"path": s.path, "reason": s.notice.in_language(LANG), "code": s.code}
                        for s in skipped],
        })
        return EXIT_OK
    if not reports and not skipped:
        print(_t("inspect.empty", folder=args.file))
        return EXIT_OK
    print(_t("inspect.would_index", count=len(reports)))
    for r in reports:
        print(f"  {r.path}  〔{r.institution or '?'} · {r.year or '?'} · {r.title}〕")
    if skipped:
        print(_t("inspect.would_skip", count=len(skipped)))
    for s in skipped:
        print(f"  {s.path}{_colon()}{s.notice.in_language(LANG)}")
    return EXIT_OK


def _signal(meta, name: str) -> str:
    """The signal a value came from, with the words it was read from when known."""
    signal = meta.sources.get(name, "")
    evidence = meta.evidence.get(name)
    return _t("inspect.evidence", signal=signal, evidence=evidence) if evidence else signal


# ---------------------------------------------------------------- check


def _read_draft(name: str) -> str:
    """The draft's text: a file in any format and encoding the importer reads, or
    standard input (``-``) in any encoding."""
    decoded = decode_bytes(sys.stdin.buffer.read()) if name == "-" else read_text(Path(name))
    if not decoded.text.strip():
        raise ReadError("read.no_text")
    return decoded.text


def _check(args) -> int:
    draft = _read_draft(args.file)
    backend = _backend(args)
    show = sys.stderr.isatty() and not args.json

    def progress(done: int, total: int) -> None:
        if show:
            print(f"\r{_t('checking', done=done, total=total)}", end="", file=sys.stderr,
                  flush=True)

    from .checking import check as check_draft  # the pipeline: only to check a draft

    checked = check_draft(backend, draft, institutions(), progress=progress)
    _clear_progress(args)
    if args.html:
        write_html(args.html, checked)
        print(_t("written", path=args.html), file=sys.stderr)
    if args.json:
        _print_json(as_dict(checked))
        return EXIT_OK
    if args.csv:
        rows = write_csv_check(args.csv, checked)
        print(_t("written_rows", path=args.csv, rows=rows), file=sys.stderr)
        print(summary_text(checked, LANG))
        return EXIT_OK
    print(summary_text(checked, LANG))
    for statement in checked.statements:
        print(f"\n{statement.statement.number}. 〔{verdict_text(statement.verdict, LANG)}〕"
              f"{statement.statement.text}")
        best = statement.best
        for item_check in best.checks if best else ():
            print(f"   {text('check.' + item_check.item.kind, LANG)} {item_check.item.text}"
                  f"{_colon()}{item_text(item_check, LANG)}")
        if best is not None:
            print(_t("source_line", title=best.title, institution=best.institution,
                     year=best.year or _t("year_unknown"), paragraph=best.paragraph,
                     report=best.report))
            spans = tuple((c.start, c.end) for c in best.checks if c.start >= 0)
            print(f"   {_brackets(best.text, spans)}")
    return EXIT_OK


def _brackets(value: str, spans) -> str:
    """``value`` with each span in 【】."""
    out, last = [], 0
    for start, end in sorted(spans):
        if start >= last:
            out += [value[last:start], "【", value[start:end], "】"]
            last = end
    out.append(value[last:])
    return "".join(out)

# ---------------------------------------------------------------- a team archive


def _server(args) -> str:
    server = args.target
    if not is_server(server):
        raise _UsageError(_t("need_server", env=SERVER_ENV))
    return server


def _archive_init(args) -> int:
    from .archive import admin

    report = admin.init(_server(args))
    done = _t("list").join(report.applied) if report.applied else _t("archive.up_to_date")
    print(_t("archive.ready", location=report.location, done=done))
    print(_t("archive.roles", archivist=report.archivist, reporter=report.reporter))
    print(_t("archive.next"))
    return EXIT_OK


def _archive_add_user(args) -> int:
    from .archive import admin

    server = _server(args)
    password: str | None = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif not args.no_password:
        password = getpass.getpass(_t("password_for", who=args.name))
        if password != getpass.getpass(_t("password_again")):
            return _fail(_t("passwords_differ"), EXIT_USAGE)
    if not args.no_password and not password:
        return _fail(_t("empty_password"), EXIT_USAGE)
    group = admin.add_user(server, args.name, args.role, password)
    print(_t("archive.user_added", name=args.name, group=group))
    return EXIT_OK


def _resolve_target(args) -> None:
    """``args.target``: the server URL (--server before or after the command, or
    REPORTSEARCH_SERVER) or the index folder; both at once is a usage error."""
    servers = [v for v in (getattr(args, "server_task", None), getattr(args, "server", None),
                           args.server_first) if v]
    folder = getattr(args, "target", None)
    if servers and folder is not None:
        raise _UsageError(_t("server_and_folder"))
    server = servers[0] if servers else (os.environ.get(SERVER_ENV, "").strip() or None)
    if server is not None and not is_server(server):
        raise _UsageError(_t("bad_server", server=server))
    args.target = server if folder is None and server else folder


# ---------------------------------------------------------------- main


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _fail(message: str, code: int) -> int:
    print(f"reportsearch: {_one_line(message)}", file=sys.stderr)
    return code


def _is_exclusion(arg: str) -> bool:
    """A query word like -人才 that argparse would take for an option."""
    return len(arg) > 1 and arg[0] == "-" and not arg[1].isascii()


def _t(key: str, **values) -> str:
    """The command line's own words (``cli_text``) in the run's language."""
    return say(key, LANG, **values)


def _colon() -> str:
    """What separates a name from what is said about it: "：" in Chinese, ": " in English."""
    return ": " if LANG == "en" else "："


def _in_language(problem) -> str:
    """A problem from the data files (a Notice, or text from outside) in the run's language."""
    return problem.in_language(LANG) if hasattr(problem, "in_language") else str(problem)


def run(argv: list[str]) -> int:
    global LANG
    LANG = language()
    log_path = setup_logging()
    parser = _parser()
    try:
        args, extra = parser.parse_known_args(argv)
        if extra and args.command == "search" and all(_is_exclusion(a) for a in extra):
            args.query = [*args.query, *extra]  # "-人才" is a query term, not an option
        elif extra:
            parser.error("unrecognized arguments: " + " ".join(extra))
        _resolve_target(args)
        try:
            return args.handler(args)
        finally:
            opened = getattr(args, "opened", None)
            if opened is not None:
                opened.close()
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    except _UsageError as exc:
        return _fail(str(exc), EXIT_USAGE)
    except QueryError as exc:
        return _fail(_t("bad_query", error=exc.text(LANG)), EXIT_USAGE)
    except ReadError as exc:
        return _fail(_t("cannot_read", file=getattr(args, "file", ""), error=exc.text(LANG)),
                     EXIT_ERROR)
    except ReportSearchError as exc:  # busy, unwritable, not found, bad data files
        log.info("command failed: %s: %s", argv, exc, exc_info=True)
        return _fail(exc.text(LANG), EXIT_ERROR)
    except BrokenPipeError:  # output piped into `head`: stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces the closed pipe
        return EXIT_OK
    except KeyboardInterrupt:
        return _fail(_t("cancelled"), 130)
    except Exception as exc:  # a bug, or a failure nobody foresaw: one line, details logged
        log.exception("command failed: %s", argv)
        where = _t("see_log", path=log_path) if log_path else _t("no_log")
        return _fail(_t("crashed", kind=exc.__class__.__name__, error=exc, where=where),
                     EXIT_ERROR)
