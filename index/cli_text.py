"""The command line's own words, in Chinese and in English.

The engine's messages (errors, notices, skip reasons) are in ``messages``; these are
the lines only the command line prints: its help, its result lines, its usage errors.
Each entry is a pair (Chinese, English) with ``str.format`` fields; ``say(key, lang)``
picks one. The command line picks the language from the locale (``messages.language``),
as it does for the engine's messages, so one run speaks one language.
"""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # The parser.
    "description": ("报告检索 ReportSearch：离线检索中文报告的段落。不带参数时启动桌面程序。",
                    "ReportSearch (报告检索): search the paragraphs of Chinese reports offline. "
                    "Without arguments it starts the desktop app."),
    "epilog": ("查询语法：空格=同时包含；\"…\"=精确；A OR B；-词 或 NOT 词=排除；"
               "institution:市二院；year:2025 或 year:2024-2026。",
               "Query syntax: space = all of; \"…\" = exactly; A OR B; -word or NOT word = "
               "leave out; institution:市二院; year:2025 or year:2024-2026."),
    "usage_error": ("{message}（用法见 {prog} --help）", "{message} (see {prog} --help)"),
    "help.index_dir": ("索引文件夹（默认：用户数据文件夹中的 index）",
                       "the index folder (default: index in the user's data folder)"),
    "help.server": ("团队资料库，例如 postgresql://记者@服务器/reports?sslmode=verify-full"
                    "（默认：环境变量 {env}；密码请放在 libpq 的密码文件 ~/.pgpass 中）",
                    "a team archive, e.g. postgresql://reporter@server/reports?sslmode=verify-full "
                    "(default: the environment variable {env}; keep the password in libpq's "
                    "password file ~/.pgpass)"),
    "help.json": ("输出 JSON", "print JSON"),
    "help.json_summary": ("以 JSON 输出摘要", "print the summary as JSON"),
    "help.report": ("报告文件名（或完整路径）", "the report's file name (or full path)"),
    "cmd.index": ("把文件或文件夹加入索引（增量：只读新增和改动的文件）",
                  "add files or folders to the index (incremental: reads only new and changed "
                  "files)"),
    "help.index_paths": ("报告文件或文件夹；不写则为自带的示例报告 seeds/",
                         "report files or folders; none: the bundled sample reports in seeds/"),
    "cmd.rescan": ("重新扫描所有报告来源（新增、改动、删除的文件；无法访问的来源保留其报告并标为离线）",
                   "scan every report source again (new, changed, deleted files; a source that "
                   "cannot be reached keeps its reports, marked offline)"),
    "cmd.sources": ("列出报告来源（加入过的文件夹和文件）",
                    "list the report sources (the folders and files added)"),
    "cmd.remove": ("移除一个报告来源：其报告从索引中删除（文件本身不动）",
                   "remove a report source: its reports leave the index (the files stay)"),
    "help.remove_path": ("加入过的文件夹或文件", "a folder or file that was added"),
    "cmd.search": ("检索段落", "search paragraphs"),
    "help.query": ("查询，例如 一号管三天 或 \"227人\" year:2025；多个词用空格分开；排除词如 -人才 可直接写",
                   "the query, e.g. 一号管三天 or \"227人\" year:2025; words separated by spaces; "
                   "a word to leave out such as -人才 can be written as it is"),
    "help.queries_file": ("批量检索：文件中每行一个查询", "batch search: one query per line of FILE"),
    "help.institution": ("只看某机构（可用别名，可重复）",
                         "only this institution (an alias works; may be repeated)"),
    "help.year": ("只看某年（可重复）；unknown 或 未知：年份不详的报告",
                  "only this year (may be repeated); unknown or 未知: reports whose year is "
                  "not known"),
    "help.limit": ("最多显示多少条（默认 20；0 表示全部）",
                   "how many hits to show at most (default 20; 0 for all)"),
    "help.sort": ("排序：relevance 相关度（默认）、year 新的在前、institution 机构、oldest 早的在前",
                  "order: relevance (default), year (newest first), institution, oldest "
                  "(oldest first)"),
    "help.search_json": ("输出 JSON（批量检索时每行一个查询的结果）",
                         "print JSON (in a batch search, one line per query)"),
    "help.search_csv": ("批量检索：把所有命中写入 CSV 文件", "batch search: write every hit to a CSV file"),
    "cmd.reports": ("列出索引中的所有报告", "list every report in the index"),
    "cmd.show": ("显示一份报告的全部段落", "print every paragraph of a report"),
    "cmd.similar": ("其他报告中与某段最相似的段落",
                    "the paragraphs of other reports most like a given paragraph"),
    "help.paragraph": ("段落序号（从 1 开始）", "the paragraph's number (from 1)"),
    "help.similar_limit": ("最多几条（默认 10）", "how many at most (default 10)"),
    "cmd.correct": ("更正一份报告的机构、年份或标题（重新读取后仍保留）",
                    "correct a report's institution, year or title (kept when it is read again)"),
    "help.correct_year": ("年份（1900 至明年）", "the year (1900 to next year)"),
    "cmd.check": ("核对稿件：把稿件分成句子，找出报告中说过它的段落，标出与报告不同的数字",
                  "check a draft: split it into statements, find the paragraphs of reports that "
                  "said them, mark the figures that differ"),
    "check.description": ("核对稿件：把稿件分成句子（长句再分成分句），取出每句中的数字（含单位）、日期、人名、"
                          "机构和书名号、引号中的标题，在资料库中找出最能支持它的段落。每一项标为 一致（换一种"
                          "写法的同一个数字也算一致）、不同（报告中同一单位的相应数字不一样，并给出报告中的数字）"
                          "或 未找到；没有出处的句子标为 未找到出处。",
                          "Check a draft: split it into statements (long sentences into clauses), "
                          "take each one's figures (with units), dates, names of people and "
                          "institutions and titles in 《》 or quotes, and find the paragraph of the "
                          "library that best supports it. Each item is marked the same (the same "
                          "figure written another way counts), different (the report's figure in "
                          "the same unit differs; it is given) or not found; a statement with no "
                          "source is marked without a source."),
    "help.check_file": ("稿件文件（.txt .md .docx .pdf，任意编码）；- 表示从标准输入读取",
                        "the draft (.txt .md .docx .pdf, any encoding); - reads standard input"),
    "help.check_csv": ("把每句的核对结果写入 CSV 文件（每个数字、人名、机构一行）",
                       "write each statement's check to a CSV file (a row per figure, person, "
                       "institution)"),
    "help.check_html": ("另存为可打印的网页（含出处引文，不引用任何外部文件）",
                        "save as a printable web page (with the quoted sources; it loads no "
                        "outside file)"),
    "cmd.archive": ("团队资料库（PostgreSQL 服务器）的设置：init、add-user",
                    "set up a team archive (a PostgreSQL server): init, add-user"),
    "cmd.archive_init": ("初始化或升级资料库，创建档案管理员和记者两个角色（由数据库所有者运行）",
                         "create or upgrade the archive and its archivist and reporter roles "
                         "(run by the database owner)"),
    "cmd.add_user": ("创建一个登录账号（密码在提示时输入，不显示）",
                     "create a login (the password is typed at a prompt, not shown)"),
    "help.user_name": ("用户名（小写字母、数字、下划线）",
                       "the user name (lower-case letters, digits, underscores)"),
    "help.role": ("reporter：只能检索和阅读；archivist：还能导入、更正、删除",
                  "reporter: search and read only; archivist: also import, correct, delete"),
    "help.password_stdin": ("从标准输入读一行作为密码（脚本用）",
                            "read the password from a line of standard input (for scripts)"),
    "help.no_password": ("不设密码（服务器用证书或其他方式认证）",
                         "no password (the server authenticates by certificate or otherwise)"),
    "cmd.inspect": ("显示一个文件读出的段落及识别出的机构、年份；对文件夹，列出会索引和会跳过（及原因）的文件"
                    "（都不写入索引）",
                    "print the paragraphs read from a file and the institution and year "
                    "detected; for a folder, the files an import would index and skip (and "
                    "why); nothing is written to the index"),
    "help.inspect_file": ("报告文件（.txt .md .docx .pdf）或文件夹",
                          "a report file (.txt .md .docx .pdf) or a folder"),
    # Usage errors.
    "bad_filter_year": ("年份应是数字，或 unknown（未知）：“{text}”",
                        "A year is a number, or unknown: “{text}”"),
    "no_year": ("请写出年份，例如 --year 2025", "Write the year, e.g. --year 2025"),
    "query_or_file": ("请给出一个查询，或用 --queries-file 给出查询文件（二选一）",
                      "Give one query, or a file of queries with --queries-file (one of the two)"),
    "csv_batch": ("--csv 用于批量检索（--queries-file）", "--csv is for a batch search (--queries-file)"),
    "negative_limit": ("--limit 不能是负数", "--limit cannot be negative"),
    "not_a_source": ("{path} 不是报告来源；用 sources 命令查看所有来源",
                     "{path} is not a report source; the sources command lists them"),
    "correct_what": ("请至少给出 --institution、--year 或 --title 之一",
                     "Give at least one of --institution, --year or --title"),
    "need_server": ("请用 --server 或环境变量 {env} 给出团队资料库的地址",
                    "Give the team archive's address with --server or the environment "
                    "variable {env}"),
    "server_and_folder": ("--server 和 --index-dir 只能用一个", "Use --server or --index-dir, not both"),
    "bad_server": ("团队资料库的地址应以 postgresql:// 开头：“{server}”",
                   "A team archive's address starts with postgresql://: “{server}”"),
    "passwords_differ": ("两次输入的密码不一样", "The two passwords differ"),
    "empty_password": ("密码不能为空（或用 --no-password）",
                       "The password cannot be empty (or use --no-password)"),
    # Failures.
    "note": ("注意", "note"),
    "skipped": ("跳过", "skipped"),
    "bad_query": ("查询有误：{error}", "bad query: {error}"),
    "query_wrong": ("查询 “{query}” 有误：{error}", "query “{query}” is wrong: {error}"),
    "cannot_read": ("无法读取 {file}：{error}", "cannot read {file}: {error}"),
    "queries_unreadable": ("无法读取查询文件 {file}：{error}", "cannot read the query file {file}: {error}"),
    "cancelled": ("已取消", "cancelled"),
    "crashed": ("出错了（{kind}：{error}）。{where}", "Something went wrong ({kind}: {error}). {where}"),
    "see_log": ("详情见日志 {path}", "Details are in the log {path}"),
    "no_log": ("无法写日志文件", "The log file could not be written"),
    "password_for": ("{who} 的密码：", "Password for {who}: "),
    "password_again": ("再输入一次：", "Again: "),
    # Importing.
    "progress": ("索引中 {done}/{total} {name}", "indexing {done}/{total} {name}"),
    "summary": ("{cancelled}新增 {added} 份，更新 {updated} 份，删除 {removed} 份，未变 {unchanged} 份，"
                "离线 {offline} 份，跳过 {skipped} 个文件。",
                "{cancelled}Reports added: {added}, updated: {updated}, removed: {removed}, "
                "unchanged: {unchanged}, offline: {offline}; files skipped: {skipped}."),
    "summary_cancelled": ("已取消。", "Cancelled. "),
    "summary_total": ("索引中共有 {reports} 份报告、{paragraphs} 个段落。用时 {seconds:.1f} 秒。",
                      "In the index: reports {reports}, paragraphs {paragraphs}. Took "
                      "{seconds:.1f} s."),
    "unreachable": ("〔无法访问〕", "[cannot be reached]"),
    "sources_total": ("共 {count} 个报告来源。", "Report sources: {count}."),
    "removed": ("已移除来源 {path}：删除 {removed} 份报告；索引中还有 {reports} 份。",
                "Removed the source {path}: reports deleted: {removed}; reports left in the "
                "index: {reports}."),
    # Searching.
    "total": ("共 {total} 段（完全匹配 {exact} 段），显示前 {shown} 段。",
              "Paragraphs found: {total} (exact matches: {exact}); shown: {shown}."),
    "expanded": ("“{term}” 也搜索了：{names}", "“{term}” also searched: {names}"),
    "read_as": ("“{term}” 也看作报告的{reading}", "“{term}” also read as the report's {reading}"),
    "reading.institution": ("机构：{names}", "institution: {names}"),
    "reading.year": ("年份：{names}", "year: {names}"),
    "reading.title": ("标题含：{names}", "title contains: {names}"),
    "words_apart": ("〔词语分开出现〕", "[words apart]"),
    "via_report": ("〔{term}：本报告〕", "[{term}: this report]"),
    "form": ("〔{term} → {form}〕", "[{term} → {form}]"),
    "hit_line": ("{rank}. {title} · {institution} · {year} · 第 {paragraph} 段{tags}",
                 "{rank}. {title} · {institution} · {year} · paragraph {paragraph}{tags}"),
    "year_unknown": ("年份不详", "year unknown"),
    "facet.institution": ("机构：{counts}", "Institutions: {counts}"),
    "facet.year": ("年份：{counts}", "Years: {counts}"),
    "facet.no_institution": ("未识别", "not recognised"),
    "facet.no_year": ("不详", "unknown"),
    "facet.apart": ("（另 {count} 段词语分开）", " (+{count} with words apart)"),
    "list": ("、", ", "),
    "list.facets": ("，", "; "),
    "list.reading": ("；", "; "),
    "batch_written": ("已写入 {path}（{queries} 个查询，{rows} 条命中）",
                      "Wrote {path} (queries: {queries}; hits: {rows})"),
    # Reports.
    "offline": ("〔离线〕", "[offline] "),
    "not_recognised": ("（未识别）", "(not recognised)"),
    "report_line": ("{offline}{year}  {institution}  {title}  [{paragraphs} 段]  {name}{copies}",
                    "{offline}{year}  {institution}  {title}  [paragraphs: {paragraphs}]  "
                    "{name}{copies}"),
    "copies": ("  〔另有副本：{names}〕", "  [copies: {names}]"),
    "reports_total": ("共 {count} 份报告。", "Reports: {count}."),
    "nothing_similar": ("其他报告中没有相似的段落。", "No paragraph of another report is like it."),
    "similar_line": ("{rank}. {title} · {institution} · {year} · 第 {paragraph} 段",
                     "{rank}. {title} · {institution} · {year} · paragraph {paragraph}"),
    "corrected": ("已更正：{name} → {institution} · {year} · {title}",
                  "Corrected: {name} → {institution} · {year} · {title}"),
    # Inspecting.
    "inspect.title": ("标题：{title}", "Title: {title}"),
    "inspect.institution": ("机构：{value}  〔{signal}〕", "Institution: {value}  [{signal}]"),
    "inspect.year": ("年份：{value}  〔{signal}〕", "Year: {value}  [{signal}]"),
    "inspect.detected": ("（识别结果：{value}  〔{signal}〕）", " (detected: {value}  [{signal}])"),
    "inspect.encoding": ("编码：{encoding}  段落：{count}", "Encoding: {encoding}  paragraphs: {count}"),
    "inspect.evidence": ("{signal}：“{evidence}”", "{signal}: “{evidence}”"),
    "inspect.empty": ("{folder} 中没有文件。可以加入的文件类型：.txt .md .docx .pdf",
                      "There are no files in {folder}. Files that can be added: .txt .md .docx .pdf"),
    "inspect.would_index": ("会索引 {count} 份报告：", "Reports an import would index: {count}"),
    "inspect.would_skip": ("会跳过 {count} 个文件：", "Files it would skip: {count}"),
    # Checking a draft.
    "checking": ("核对中 {done}/{total}", "checking {done}/{total}"),
    "written": ("已写入 {path}", "Wrote {path}"),
    "written_rows": ("已写入 {path}（{rows} 行）", "Wrote {path} (rows: {rows})"),
    "source_line": ("   出处：{title} · {institution} · {year} · 第 {paragraph} 段（{report}）",
                    "   Source: {title} · {institution} · {year} · paragraph {paragraph} "
                    "({report})"),
    # A team archive.
    "archive.ready": ("团队资料库 {location} 已就绪。本次升级：{done}。",
                      "The team archive {location} is ready. Upgrades applied: {done}."),
    "archive.up_to_date": ("无（已是最新）", "none (up to date)"),
    "archive.roles": ("角色：{archivist}（档案管理员：导入、更正、删除），{reporter}（记者：检索和阅读）。",
                      "Roles: {archivist} (archivists: import, correct, delete), {reporter} "
                      "(reporters: search and read)."),
    "archive.next": ("创建账号：reportsearch archive add-user 用户名 --role reporter|archivist",
                     "To create a login: reportsearch archive add-user NAME --role "
                     "reporter|archivist"),
    "archive.user_added": ("已创建账号 {name}（{group}）。", "Created the login {name} ({group})."),
}


def say(key: str, lang: str = "zh", /, **values) -> str:
    """The command line's words for ``key`` in ``lang`` ("zh" or "en"), filled in."""
    chinese, english = WORDS[key]
    return (english if lang == "en" else chinese).format(**values)
