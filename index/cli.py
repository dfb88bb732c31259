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
from .checking import check as check_draft
from .checking.report import (
    as_dict,
    item_text,
    summary_text,
    verdict_text,
    write_html,
)
from .checking.report import write_csv as write_csv_check
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
SERVER_HELP = ("团队资料库，例如 postgresql://记者@服务器/reports?sslmode=verify-full"
               f"（默认：环境变量 {SERVER_ENV}；密码请放在 libpq 的密码文件 ~/.pgpass 中）")
# The language of the engine's messages and of the lines below that carry them: the
# locale's (``messages.language``), read once per run.
LANG = "zh"
UNKNOWN_YEAR_WORDS = ("unknown", "未知", "不详")


class _Parser(argparse.ArgumentParser):
    """argparse, with its usage errors in one line (and where to find help), exit code 2."""

    def error(self, message: str):
        raise _UsageError(f"{message}（用法见 {self.prog} --help）")


class _UsageError(Exception):
    pass


def _filter_year(text: str) -> int | str:
    """A --year filter: a year, or unknown/未知 for the reports with no known year."""
    if text.strip().lower() in UNKNOWN_YEAR_WORDS:
        return UNKNOWN_YEAR
    if not (text.strip().isascii() and text.strip().isdigit()):
        raise argparse.ArgumentTypeError(f"年份应是数字，或 unknown（未知）：“{text}”")
    return int(text)


def _corrected_year(text: str) -> int:
    """A year for ``correct --year``: checked like every year a person writes."""
    try:
        year = parse_year(text)
    except ConfigError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if year is None:
        raise argparse.ArgumentTypeError("请写出年份，例如 --year 2025")
    return year


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reportsearch",
        description="报告检索 ReportSearch：离线检索中文报告的段落。不带参数时启动桌面程序。",
        epilog="查询语法：空格=同时包含；\"…\"=精确；A OR B；-词 或 NOT 词=排除；"
        "institution:市二院；year:2025 或 year:2024-2026。",
    )
    # Global options work before the subcommand and after it: the main parser sets the
    # default, and a subcommand's copy only overrides it when given (SUPPRESS).
    parser.add_argument("--index-dir", type=Path, metavar="DIR", dest="target", default=None,
                        help="索引文件夹（默认：用户数据文件夹中的 index）")
    parser.add_argument("--server", metavar="URL", dest="server_first", help=SERVER_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True,
                                parser_class=_Parser)

    def with_index(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        # ``target`` is what ``open_backend`` opens: None for the user's data folder.
        p.add_argument("--index-dir", type=Path, metavar="DIR", dest="target",
                       default=argparse.SUPPRESS,
                       help="索引文件夹（默认：用户数据文件夹中的 index）")
        p.add_argument("--server", metavar="URL", help=SERVER_HELP)
        return p

    p = with_index(sub.add_parser("index", help="把文件或文件夹加入索引（增量：只读新增和改动的文件）"))
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="报告文件或文件夹；不写则为自带的示例报告 seeds/")
    p.add_argument("--json", action="store_true", help="以 JSON 输出摘要")
    p.set_defaults(handler=_index)

    p = with_index(sub.add_parser("rescan", help="重新扫描所有报告来源（新增、改动、删除的文件；"
                                  "无法访问的来源保留其报告并标为离线）"))
    p.add_argument("--json", action="store_true", help="以 JSON 输出摘要")
    p.set_defaults(handler=_rescan)

    p = with_index(sub.add_parser("sources", help="列出报告来源（加入过的文件夹和文件）"))
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_sources)

    p = with_index(sub.add_parser("remove", help="移除一个报告来源：其报告从索引中删除（文件本身不动）"))
    p.add_argument("path", type=Path, metavar="PATH", help="加入过的文件夹或文件")
    p.set_defaults(handler=_remove)

    p = with_index(sub.add_parser("search", help="检索段落"))
    p.add_argument("query", nargs="*", help="查询，例如 一号管三天 或 \"227人\" year:2025；"
                   "多个词用空格分开；排除词如 -人才 可直接写")
    p.add_argument("--queries-file", type=Path, metavar="FILE",
                   help="批量检索：文件中每行一个查询")
    p.add_argument("--institution", action="append", default=[], metavar="NAME",
                   help="只看某机构（可用别名，可重复）")
    p.add_argument("--year", action="append", default=[], type=_filter_year, metavar="Y",
                   help="只看某年（可重复）；unknown 或 未知：年份不详的报告")
    p.add_argument("--limit", type=int, default=20, metavar="N",
                   help="最多显示多少条（默认 20；0 表示全部）")
    p.add_argument("--sort", choices=SORTS, default=RELEVANCE,
                   help="排序：relevance 相关度（默认）、year 新的在前、institution 机构、"
                        "oldest 早的在前")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true",
                     help="输出 JSON（批量检索时每行一个查询的结果）")
    out.add_argument("--csv", type=Path, metavar="OUT", help="批量检索：把所有命中写入 CSV 文件")
    p.set_defaults(handler=_search)

    p = with_index(sub.add_parser("reports", help="列出索引中的所有报告"))
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_reports)

    p = with_index(sub.add_parser("show", help="显示一份报告的全部段落"))
    p.add_argument("report", help="报告文件名（或完整路径）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_show)

    p = with_index(sub.add_parser("similar", help="其他报告中与某段最相似的段落"))
    p.add_argument("report", help="报告文件名（或完整路径）")
    p.add_argument("paragraph", type=int, help="段落序号（从 1 开始）")
    p.add_argument("--limit", type=int, default=10, metavar="N", help="最多几条（默认 10）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_similar)

    p = with_index(sub.add_parser("correct", help="更正一份报告的机构、年份或标题（重新读取后仍保留）"))
    p.add_argument("report", help="报告文件名（或完整路径）")
    p.add_argument("--institution", metavar="NAME")
    p.add_argument("--year", type=_corrected_year, metavar="Y", help="年份（1900 至明年）")
    p.add_argument("--title", metavar="TEXT")
    p.set_defaults(handler=_correct)

    p = with_index(sub.add_parser(
        "check", help="核对稿件：把稿件分成句子，找出报告中说过它的段落，标出与报告不同的数字",
        description="核对稿件：把稿件分成句子（长句再分成分句），取出每句中的数字（含单位）、日期、人名、"
        "机构和书名号、引号中的标题，在资料库中找出最能支持它的段落。每一项标为 一致（换一种写法的"
        "同一个数字也算一致）、不同（报告中同一单位的相应数字不一样，并给出报告中的数字）或 未找到；"
        "没有出处的句子标为 未找到出处。"))
    p.add_argument("file", metavar="FILE",
                   help="稿件文件（.txt .md .docx .pdf，任意编码）；- 表示从标准输入读取")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="输出 JSON")
    out.add_argument("--csv", type=Path, metavar="OUT",
                     help="把每句的核对结果写入 CSV 文件（每个数字、人名、机构一行）")
    p.add_argument("--html", type=Path, metavar="FILE",
                   help="另存为可打印的网页（含出处引文，不引用任何外部文件）")
    p.set_defaults(handler=_check)

    p = sub.add_parser("archive", help="团队资料库（PostgreSQL 服务器）的设置：init、add-user")
    p.add_argument("--server", metavar="URL", help=SERVER_HELP)
    tasks = p.add_subparsers(dest="task", metavar="TASK", required=True, parser_class=_Parser)
    t = tasks.add_parser("init", help="初始化或升级资料库，创建档案管理员和记者两个角色"
                         "（由数据库所有者运行）")
    t.add_argument("--server", metavar="URL", dest="server_task", help=SERVER_HELP)
    t.set_defaults(handler=_archive_init)
    t = tasks.add_parser("add-user", help="创建一个登录账号（密码在提示时输入，不显示）")
    t.add_argument("name", help="用户名（小写字母、数字、下划线）")
    t.add_argument("--role", choices=("reporter", "archivist"), required=True,
                   help="reporter：只能检索和阅读；archivist：还能导入、更正、删除")
    t.add_argument("--password-stdin", action="store_true",
                   help="从标准输入读一行作为密码（脚本用）")
    t.add_argument("--no-password", action="store_true",
                   help="不设密码（服务器用证书或其他方式认证）")
    t.add_argument("--server", metavar="URL", dest="server_task", help=SERVER_HELP)
    t.set_defaults(handler=_archive_add_user)

    p = with_index(sub.add_parser(
        "inspect", help="显示一个文件读出的段落及识别出的机构、年份；对文件夹，列出会索引和会跳过"
        "（及原因）的文件（都不写入索引）"))
    p.add_argument("file", type=Path, metavar="PATH",
                   help="报告文件（.txt .md .docx .pdf）或文件夹")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_inspect)
    return parser


def _warn_about_data_files() -> None:
    """One line per problem in the alias tables (the rest of them is used)."""
    for problem in institutions().problems:
        print(f"reportsearch: {_say('注意', 'note')}：{_one_line(problem)}", file=sys.stderr)


def _backend(args) -> SearchBackend:
    """Open the library; say once why its index is being rebuilt, if it is; for commands
    that read, finish a pending rebuild (or index the seeds on first use) first."""
    try:
        backend = open_backend(args.target, recover=True)
    except ServerUnavailableError as exc:
        if not (needs_password(exc) and sys.stdin.isatty()):
            raise
        password = getpass.getpass(f"{server_location(args.target)} 的密码：")
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
            print(f"\r索引中 {done}/{total} {name:<40}", end="", file=sys.stderr, flush=True)

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
    if LANG == "en":
        print(f"{'Cancelled. ' if s.cancelled else ''}{len(s.added)} added, "
              f"{len(s.updated)} updated, {len(s.removed)} removed, {s.unchanged} unchanged, "
              f"{len(s.offline)} offline, {len(s.skipped)} files skipped.")
        print(f"The index holds {s.reports} reports, {s.paragraphs} paragraphs. "
              f"{s.seconds:.1f} s.")
    else:
        print(f"{'已取消。' if s.cancelled else ''}新增 {len(s.added)} 份，更新 {len(s.updated)} 份，"
              f"删除 {len(s.removed)} 份，未变 {s.unchanged} 份，"
              f"离线 {len(s.offline)} 份，跳过 {len(s.skipped)} 个文件。")
        print(f"索引中共有 {s.reports} 份报告、{s.paragraphs} 个段落。用时 {s.seconds:.1f} 秒。")
    for skipped in summary.skipped:
        print(f"  {_say('跳过', 'skipped')} {skipped.path}：{skipped.notice.in_language(LANG)}")
    for warning in summary.warnings:
        print(f"  {_say('注意', 'note')} {warning.path}：{warning.notice.in_language(LANG)}")


def _sources(args) -> int:
    paths = _backend(args).sources()
    if args.json:
        _print_json([{"path": p, "reachable": Path(p).exists()} for p in paths])
        return EXIT_OK
    for p in paths:
        print(p if Path(p).exists() else f"{p}  〔无法访问〕")
    print(f"共 {len(paths)} 个报告来源。", file=sys.stderr)
    return EXIT_OK


def _remove(args) -> int:
    backend = _backend(args)
    if str(args.path.expanduser().resolve()) not in backend.sources():
        raise _UsageError(f"{args.path} 不是报告来源；用 sources 命令查看所有来源")
    summary = backend.remove_source(args.path)
    print(f"已移除来源 {args.path}：删除 {len(summary.removed)} 份报告；"
          f"索引中还有 {summary.reports} 份。")
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
        raise _UsageError("请给出一个查询，或用 --queries-file 给出查询文件（二选一）")
    if args.csv and not args.queries_file:
        raise _UsageError("--csv 用于批量检索（--queries-file）")
    if args.limit < 0:
        raise _UsageError("--limit 不能是负数")
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
    shown = len(result.hits)
    print(f"共 {result.total} 段（完全匹配 {result.exact} 段），显示前 {shown} 段。")
    for term, names in result.expansions.items():
        print(f"“{term}” 也搜索了：{'、'.join(names)}")
    for reading in result.readings:
        print(f"“{reading.term}” 也看作报告的{_reading_text(reading)}")
    for rank, hit in enumerate(result.hits, 1):
        tag = "" if hit.match == "exact" else "  〔词语分开出现〕"
        tag += "".join(f"  〔{term} → {form}〕" for term, form in hit.forms.items())
        tag += "".join(f"  〔{term}：本报告〕" for term in hit.via_report)
        print(f"\n{rank}. {hit.title} · {hit.institution} · {hit.year or '年份不详'} · "
              f"第 {hit.paragraph} 段{tag}")
        if hit.section:
            print(f"   〔{hit.section}〕")
        print(f"   {_marked(hit)}")
        print(f"   ({hit.report})")
    if result.total and result.facets.institution:
        facets = result.facets
        print("\n机构：" + _facet_text(facets.institution, facets.exact_institution, "未识别"))
        print("年份：" + _facet_text(facets.year, facets.exact_year, "不详"))
    return EXIT_OK


def _reading_text(reading) -> str:
    parts = []
    if reading.institutions:
        parts.append("机构：" + "、".join(reading.institutions))
    if reading.years:
        parts.append("年份：" + "、".join(str(y) for y in reading.years))
    if reading.titles:
        parts.append("标题含：" + "、".join(reading.titles))
    return "；".join(parts)


def _facet_text(counts: dict[str, int], exact: dict[str, int], unknown: str) -> str:
    """Each value's exact matches, and the matches with words apart beside them."""
    out = []
    for key, count in counts.items():
        whole = exact.get(key, 0)
        apart = f"（另 {count - whole} 段词语分开）" if count > whole else ""
        out.append(f"{key or unknown} {whole}{apart}")
    return "，".join(out)


def _batch(args, run) -> int:
    try:
        lines = args.queries_file.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        print(f"reportsearch: 无法读取查询文件 {args.queries_file}：{exc}", file=sys.stderr)
        return EXIT_ERROR
    queries = [q.strip() for q in lines if q.strip() and not q.lstrip().startswith("#")]
    failed = 0
    results = []
    for query in queries:
        try:
            result = run(query)
        except QueryError as exc:
            failed += 1
            print(f"reportsearch: {_say('查询', 'query')} “{query}” {_say('有误', 'is wrong')}："
                  f"{exc.text(LANG)}", file=sys.stderr)
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
        print(f"已写入 {args.csv}（{len(queries)} 个查询，{rows} 条命中）", file=sys.stderr)
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
        offline = "〔离线〕" if r.offline else ""
        copies = f"  〔{_say('另有副本', 'copies')}：{'、'.join(r.copies)}〕" if r.copies else ""
        print(f"{offline}{r.year or '----'}  {r.institution or '（未识别）'}  {r.title}  "
              f"[{r.paragraphs} 段]  {r.name}{copies}")
    print(f"共 {len(records)} 份报告。", file=sys.stderr)
    return EXIT_OK


def _show(args) -> int:
    view = _backend(args).report(args.report)
    if args.json:
        _print_json({**_record_dict(view.record),
                     "paragraphs": [asdict(p) for p in view.paragraphs]})
        return EXIT_OK
    r = view.record
    print(f"{r.title}\n{r.institution} · {r.year or '年份不详'} · {r.path}\n")
    for p in view.paragraphs:
        print(f"{p.ordinal:>4} {p.kind:<9} {p.text}")
    return EXIT_OK


def _similar(args) -> int:
    hits = _backend(args).similar(args.report, args.paragraph, args.limit)
    if args.json:
        _print_json([_hit_dict(h) for h in hits])
        return EXIT_OK
    if not hits:
        print("其他报告中没有相似的段落。")
    for rank, hit in enumerate(hits, 1):
        print(f"{rank}. {hit.title} · {hit.institution} · {hit.year or '年份不详'} · "
              f"第 {hit.paragraph} 段\n   {_marked(hit)}")
    return EXIT_OK


def _correct(args) -> int:
    if args.institution is None and args.year is None and args.title is None:
        raise _UsageError("请至少给出 --institution、--year 或 --title 之一")
    backend = _backend(args)
    record = backend.set_metadata(args.report, institution=args.institution, year=args.year,
                                 title=args.title)
    print(f"已更正：{record.name} → {record.institution} · {record.year} · {record.title}")
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
    print(f"标题：{meta.title}")
    for name, label in (("institution", "机构"), ("year", "年份")):
        value = getattr(meta, name) or "（未识别）"
        line = f"{label}：{value}  〔{_signal(meta, name)}〕"
        if meta.sources.get(name) in ("manifest", "correction"):
            line += f"（识别结果：{getattr(detected, name) or '未识别'}  〔{_signal(detected, name)}〕）"
        print(line)
    print(f"编码：{report.encoding}  段落：{len(report.paragraphs)}")
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
        print(_say(f"{args.file} 中没有文件。可以加入的文件类型：.txt .md .docx .pdf",
                   f"There are no files in {args.file}. Files that can be added: "
                   ".txt .md .docx .pdf"))
        return EXIT_OK
    print(_say(f"会索引 {len(reports)} 份报告：", f"Would index {len(reports)} reports:"))
    for r in reports:
        print(f"  {r.path}  〔{r.institution or '?'} · {r.year or '?'} · {r.title}〕")
    if skipped:
        print(_say(f"会跳过 {len(skipped)} 个文件：", f"Would skip {len(skipped)} files:"))
    for s in skipped:
        print(f"  {s.path}：{s.notice.in_language(LANG)}")
    return EXIT_OK


def _signal(meta, name: str) -> str:
    """The signal a value came from, with the words it was read from when known."""
    signal = meta.sources.get(name, "")
    evidence = meta.evidence.get(name)
    return f"{signal}：“{evidence}”" if evidence else signal


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
            print(f"\r核对中 {done}/{total}", end="", file=sys.stderr, flush=True)

    checked = check_draft(backend, draft, institutions(), progress=progress)
    _clear_progress(args)
    if args.html:
        write_html(args.html, checked)
        print(f"已写入 {args.html}", file=sys.stderr)
    if args.json:
        _print_json(as_dict(checked))
        return EXIT_OK
    if args.csv:
        rows = write_csv_check(args.csv, checked)
        print(f"已写入 {args.csv}（{rows} 行）", file=sys.stderr)
        print(summary_text(checked))
        return EXIT_OK
    print(summary_text(checked))
    for statement in checked.statements:
        print(f"\n{statement.statement.number}. 〔{verdict_text(statement.verdict)}〕"
              f"{statement.statement.text}")
        best = statement.best
        for item_check in best.checks if best else ():
            print(f"   {text('check.' + item_check.item.kind)} {item_check.item.text}："
                  f"{item_text(item_check)}")
        if best is not None:
            print(f"   出处：{best.title} · {best.institution} · {best.year or '年份不详'} · "
                  f"第 {best.paragraph} 段（{best.report}）")
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
        raise _UsageError(f"请用 --server 或环境变量 {SERVER_ENV} 给出团队资料库的地址")
    return server


def _archive_init(args) -> int:
    from .archive import admin

    report = admin.init(_server(args))
    done = "、".join(report.applied) if report.applied else "无（已是最新）"
    print(f"团队资料库 {report.location} 已就绪。本次升级：{done}。")
    print(f"角色：{report.archivist}（档案管理员：导入、更正、删除），"
          f"{report.reporter}（记者：检索和阅读）。")
    print("创建账号：reportsearch archive add-user 用户名 --role reporter|archivist")
    return EXIT_OK


def _archive_add_user(args) -> int:
    from .archive import admin

    server = _server(args)
    password: str | None = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif not args.no_password:
        password = getpass.getpass(f"{args.name} 的密码：")
        if password != getpass.getpass("再输入一次："):
            return _fail("两次输入的密码不一样", EXIT_USAGE)
    if not args.no_password and not password:
        return _fail("密码不能为空（或用 --no-password）", EXIT_USAGE)
    group = admin.add_user(server, args.name, args.role, password)
    print(f"已创建账号 {args.name}（{group}）。")
    return EXIT_OK


def _resolve_target(args) -> None:
    """``args.target``: the server URL (--server before or after the command, or
    REPORTSEARCH_SERVER) or the index folder; both at once is a usage error."""
    servers = [v for v in (getattr(args, "server_task", None), getattr(args, "server", None),
                           args.server_first) if v]
    folder = getattr(args, "target", None)
    if servers and folder is not None:
        raise _UsageError("--server 和 --index-dir 只能用一个")
    server = servers[0] if servers else (os.environ.get(SERVER_ENV, "").strip() or None)
    if server is not None and not is_server(server):
        raise _UsageError(f"团队资料库的地址应以 postgresql:// 开头：“{server}”")
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


def _say(chinese: str, english: str) -> str:
    """A word of the command line's own in the locale's language."""
    return english if LANG == "en" else chinese


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
        return _fail(f"{_say('查询有误', 'bad query')}：{exc.text(LANG)}", EXIT_USAGE)
    except ReadError as exc:
        return _fail(f"{_say('无法读取', 'cannot read')} {getattr(args, 'file', '')}："
                     f"{exc.text(LANG)}", EXIT_ERROR)
    except ReportSearchError as exc:  # busy, unwritable, not found, bad data files
        log.info("command failed: %s: %s", argv, exc, exc_info=True)
        return _fail(exc.text(LANG), EXIT_ERROR)
    except BrokenPipeError:  # output piped into `head`: stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces the closed pipe
        return EXIT_OK
    except KeyboardInterrupt:
        return _fail("已取消", 130)
    except Exception as exc:  # a bug, or a failure nobody foresaw: one line, details logged
        log.exception("command failed: %s", argv)
        where = f"详情见日志 {log_path}" if log_path else "无法写日志文件"
        return _fail(f"出错了（{exc.__class__.__name__}：{exc}）。{where}", EXIT_ERROR)
