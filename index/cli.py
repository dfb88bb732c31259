"""The command line: ``reportsearch SUBCOMMAND …`` and ``python main.py SUBCOMMAND …``.

Exit codes: 0 success, 2 bad usage or a bad query, 1 any other error, always with
one clear line on stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .errors import ReadError, ReportSearchError
from .library import load_report
from .model import to_dict


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reportsearch",
        description="报告检索 ReportSearch：离线检索中文报告的段落。不带参数启动桌面程序。",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    inspect = sub.add_parser(
        "inspect", help="显示一个文件读出的段落及识别出的机构、年份（不写入索引）"
    )
    inspect.add_argument("file", type=Path, help="报告文件（.txt .md .docx .pdf）")
    inspect.add_argument("--json", action="store_true", help="输出 JSON")
    inspect.set_defaults(handler=_inspect)
    return parser


def _inspect(args: argparse.Namespace) -> int:
    report = load_report(args.file)
    if args.json:
        print(json.dumps(to_dict(report), ensure_ascii=False, indent=2))
        return 0
    meta = report.meta
    print(f"标题：{meta.title}")
    print(f"机构：{meta.institution or '（未识别）'}  〔{meta.sources.get('institution')}〕")
    print(f"年份：{meta.year or '（未识别）'}  〔{meta.sources.get('year')}〕")
    print(f"编码：{report.encoding}  段落：{len(report.paragraphs)}")
    for p in report.paragraphs:
        print(f"{p.ordinal:>4} {p.kind.value:<9} {p.text}")
    return 0


def run(argv: list[str]) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    try:
        return args.handler(args)
    except ReadError as exc:
        print(f"reportsearch: 无法读取 {getattr(args, 'file', '')}：{exc}", file=sys.stderr)
        return 1
    except ReportSearchError as exc:
        print(f"reportsearch: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into `head`: stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces the closed pipe
        return 0
    except KeyboardInterrupt:
        print("reportsearch: 已取消", file=sys.stderr)
        return 130
