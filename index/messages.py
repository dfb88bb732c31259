"""What the engine tells the user, in one place: notices, errors and skip reasons.

A message is data: a code and its values (``model.Notice``; ``errors.ReportSearchError``
and ``model.Skipped`` carry one too). ``text`` renders it in Chinese, the default for
logs and the command line, or in English (``text(code, "en", …)``); the command line
follows the locale (``language()``). The GUI translates the English text with Qt's
``tr`` machinery: ``trans_late`` marks each English string for lupdate (context
``engine``), and the Chinese translation in the .ts file is the Chinese text below (a
test keeps the two equal). A value may itself be a Notice (the reason inside "the file
no longer reads"): it is rendered in the same language.
"""

from __future__ import annotations

import os


def trans_late(scope: str, source: str) -> str:
    """Mark ``source`` for lupdate in context ``scope`` and return it unchanged (Vorta's
    ``trans_late``): the engine never imports Qt, the GUI translates the string later."""
    return source


TEXTS: dict[str, str] = {
    # A message that has no code (text from outside the engine, shown as it is).
    "text": "{text}",
    # The index was set aside and is being rebuilt from the recorded sources.
    "rebuild.damaged": "索引已损坏（{what}），已移到 {aside}；"
    "正在从 {count} 个报告来源重建（更正会保留）。",
    "rebuild.changed": "{what}，索引需要重建；正在从 {count} 个报告来源重建（更正会保留）。",
    "rebuild.missing": "索引不见了；正在从 {count} 个报告来源重建（更正会保留）。",
    "rebuild.resume": "上次的重建没有完成；继续从 {count} 个报告来源重建（更正会保留）。",
    # Why an index no longer matches the code reading it.
    "changed.schema": "索引格式已升级",
    "changed.fold": "文字折叠规则（全半角、大小写、繁简）已改变",
    "changed.opencc": "繁简对照表已改变",
    "changed.segmenter": "分词器已改变",
    # What is wrong with a damaged index.
    "damage.missing": "缺少文件 {name}",
    "damage.size": "文件 {name} 的大小不对（应为 {expected} 字节，实为 {actual} 字节）",
    "damage.checksum": "文件 {name} 的内容被改动过",
    "damage.meta": "索引说明文件 {name} 缺失或无法读取",
    "damage.unreadable": "无法读取索引（{error}）",
    "damage.generation": "索引目录文件不是最后一次提交的那个",
    # Errors.
    "error.damaged": "索引已损坏（{what}）：{path}",
    "error.busy": "索引正被另一个程序写入（另一个报告检索窗口或命令行导入）。请等它完成后再试。",
    "error.mkdir": "无法创建索引文件夹 {path}：{error}",
    "error.network_folder": "索引文件夹 {path} 在网络共享（{kind}）上，而索引的数据库只能放在本机磁盘上。"
    "请换一个本机的文件夹；多台电脑要共用一批报告，请用团队资料库（PostgreSQL）。",
    "error.write": "无法写入索引（{error}）：{path}。已提交的报告都在，上一次完整的索引仍可使用；"
    "腾出空间或换一个索引文件夹后重新导入即可。",
    "error.write_folder": "无法写入索引文件夹 {path}（{error}）。",
    "error.worker": "写入索引的子进程 {name} 意外中止（{error}）；这一批报告没有提交，"
    "上一次完整的索引仍可使用，重新导入即可继续。",
    "error.library_write": "无法保存报告来源记录 {path}（{error}）。",
    "error.corrections_write": "无法保存更正到 {path}（{error}）。",
    "error.corrections_busy": "更正文件 {path} 正被另一个程序保存，请稍后再试。",
    "error.corrections_read": "更正文件 {path} 无法读取（{error}），为免覆盖其中的内容，这次更正没有保存。",
    # Corrections.
    "corrections.row": "更正文件 {file} 第 {line} 行：{problem}；这一项已忽略。",
    "corrections.unreadable": "更正文件 {file} 无法读取：{problem}；暂不应用其中的更正。",
    "corrections.no_path": "没有 path 列的值（报告路径）",
    "corrections.no_header": "第一行应是列名 path,institution,year,title",
    "corrections.deferred": "更正已保存到 {file}；索引正被导入程序使用，导入程序会在下一次提交时应用它。",
    "notice.busy_read": "索引正被另一个程序写入（导入或重建中），这次用的是它最后一次提交的内容。",
    # The library record.
    "aliases.unreadable": "机构别名表 {path} 无法读取：{error}；已忽略此文件",
    "aliases.bad_toml": "机构别名表 {path} 格式有误：{error}；已忽略此文件",
    "aliases.entry": "机构别名表 {path}：{what}",
    "aliases.entry_line": "机构别名表 {path} 第 {line} 行：{what}",
    "aliases.unknown_key": "未知的项 “{key}”，已忽略（只认 [aliases] 和 [places]）",
    "aliases.not_table": "aliases 必须是一个表：[aliases] 下每行写 名称 = [\"别名\", …]；已忽略",
    "aliases.bad_names": "“{name}” 的别名必须是字符串列表，每个名称不超过 {limit} 字；此条已忽略",
    "aliases.places_not_table": "places 必须是一个表（[places] 下写 provinces 和 cities）；已忽略",
    "aliases.bad_province": "provinces 的每一项必须是 [\"全称\", \"简称\"]，{item} 已忽略",
    "aliases.bad_city": "cities 的每一项必须是城市名称，{item} 已忽略",
    "library.unreadable": "报告来源记录 {file} 无法读取（{problem}），已另存为 {aside}；"
    "已按索引中的报告重新记录来源。",
    # Sources that cannot be reached.
    "offline.sources": "{count} 个报告来源现在无法访问：{paths}。其中的报告保留在索引中，标为离线，"
    "可以接着检索；来源恢复后重新扫描即可。",
    "offline.missing_path": "路径不存在：{path}",
    "skipped.stat": "无法访问文件：{error}",
    "skipped.read": "无法读取文件：{error}",
    # A file that was a report and no longer reads as one.
    "skipped.removed": "{reason}；原来的段落已从索引中移除",
    # Checking a draft (index.checking): verdicts of statements and items, kinds of item.
    "check.supported": "有出处",
    "check.differs": "数字不同",
    "check.unsupported": "未找到出处",
    "check.same": "一致",
    "check.different": "不同（报告中为 {found}）",
    "check.not_found": "未找到",
    "check.figure": "数字",
    "check.date": "日期",
    "check.person": "人名",
    "check.institution": "机构",
    "check.title": "标题或引语",
    "check.summary": "共核对 {checked} 句：有出处 {supported} 句，数字不同 {differs} 句，"
    "未找到出处 {unsupported} 句。",
    # A team archive on a PostgreSQL server (index/archive).
    "archive.unreachable": "无法连接团队资料库 {location}：{reason}",
    "archive.locale": "团队资料库 {location} 的字符类型是 {ctype}，不能检索中文："
    "请用 UTF-8 区域（例如 C.UTF-8）创建数据库（createdb --locale=C.UTF-8 --template=template0）。",
    "archive.encoding": "团队资料库 {location} 的编码是 {encoding}，应为 UTF8。",
    "archive.uninitialised": "{location} 还不是团队资料库：请数据库所有者运行 "
    "reportsearch archive init --server …",
    "archive.outdated": "团队资料库 {location} 的结构比这个程序旧（缺少第 {versions} 号升级）："
    "请数据库所有者运行 reportsearch archive init --server …",
    "archive.newer": "团队资料库 {location} 的结构比这个程序新（第 {version} 号）：请升级报告检索。",
    "archive.write": "无法写入团队资料库 {location}（{error}）。已提交的报告都在，重新导入即可继续。",
    "archive.busy": "团队资料库正由另一位档案管理员导入，请等它完成后再试。",
    "archive.conninfo": "“{target}”是数据库连接参数，不是文件夹：团队资料库请写成网址，"
    "例如 postgresql://用户名@主机:5432/数据库名。",
    "archive.read_only": "这个账号只能检索和阅读团队资料库（记者角色），不能导入、更正或删除。",
    "archive.no_roles": "无法创建角色（{error}）：archive init 需由数据库所有者以有 CREATEROLE 权限的账号运行。",
    "archive.bad_user": "用户名只能由小写字母、数字和下划线组成，且以字母开头：“{name}”",

    "error.home": "环境变量 {env} 指向 {path}，但它不是文件夹。请把 {env} 设为一个文件夹，或删去这个环境变量。",
    # Reports asked for by name.
    "error.no_report": "索引中没有报告 “{name}”。用 reports 命令查看所有报告。",
    "error.many_reports": "有多个报告叫 “{name}”：{paths}。请写出完整路径。",
    "error.no_paragraph": "报告 “{name}” 没有第 {ordinal} 段。",
    # Queries.
    "query.too_long": "查询太长（{length} 字），最多 {limit} 字。",
    "query.too_many_terms": "查询中的不同检索词太多（{terms} 个），最多 {limit} 个。要查找一整句话，请把它放在引号里。",
    "query.only_excluded": "只有排除的词：请再输入要查找的内容。",
    "query.empty": "请输入要查找的内容。",
    "query.bad_year": "年份写法不对：“{value}”。例如 year:2025 或 year:2024-2026。",
    "query.year_range": "年份超出范围：“{value}”。",
    "query.negative": "条数和起始位置不能是负数（limit={limit}，offset={offset}）。",
    "query.too_many_needles": "查询要查找的内容太多（连同机构的其他名称和数字的其他写法共 {count} 个），最多 {limit} 个：请减少检索词。",
    "query.year_not_number": "年份必须是数字：“{value}”。",
    # Years and data files a person wrote.
    "year.digits": "年份必须是四位数字：“{value}”",
    "year.range": "年份 {year} 不在 {first}–{last} 之间",
    "manifest.too_long": "{field} 太长（{length} 字，最多 {limit} 字）",
    # Why a file was not read.
    "read.unsupported": "不支持的文件类型 {suffix}",
    "read.no_suffix": "(无扩展名)",
    "read.no_text": "文件中没有文字",
    "read.access": "无法访问文件：{error}",
    "read.failed": "无法读取文件：{error}",
    "read.empty": "空文件（0 字节）",
    "read.too_big": "文件过大（{size} MB，上限 {limit} MB）",
    "read.grew": "文件过大（上限 {limit} MB）",
    "read.changed": "文件在读取时被改动，请稍后重新扫描",
    "read.bad_bom": "文件声明为 {encoding} 编码，但内容无法按此编码解读",
    "read.binary": "这是二进制文件，不是文本",
    "read.encoding": "无法识别文件编码（不是 UTF-8、UTF-16 或 GBK/GB18030 文本）",
    "read.encoding_guess": "无法识别文件编码（猜测为 {encoding}，但无法解码）",
    "read.garbled": "文件编码混乱（夹杂无效字节），无法可靠解读",
    "read.docx_encrypted": "Word 文件已加密（有密码保护）",
    "read.docx_invalid": "不是有效的 Word 文件（缺少 word/document.xml）",
    "read.docx_bomb": "Word 文件解压后异常巨大（疑似压缩炸弹），已跳过",
    "read.docx_old": "Word 文件已加密（有密码保护），或是旧版 .doc 格式",
    "read.docx_zip": "Word 文件已损坏（不是有效的 zip 包）",
    "read.docx_damaged": "Word 文件已损坏：{error}",
    "read.pdf_encrypted": "PDF 已加密（有密码保护）",
    "read.pdf_damaged": "PDF 文件已损坏：{error}",
    "read.pdf_unparsable": "PDF 文件无法解析：{error}",
    "read.pdf_no_text": "PDF 中没有可提取的文字（可能是扫描件，暂不支持文字识别）",
    "read.fifo": "这是命名管道（FIFO），不是普通文件",
    "read.device": "这是设备文件，不是普通文件",
    "read.socket": "这是套接字，不是普通文件",
    "read.special": "不是普通文件",
    "read.folder": "这是文件夹，不是文件",
    "skipped.link": "链接无效或循环链接",
    "skipped.same_name": "与 {path} 同名（只是文件名的编码不同）",
    "skipped.no_path": "路径不存在",
    "skipped.folder": "无法打开文件夹：{error}",
    "skipped.duplicate": "与 {path} 内容相同，作为同一份报告的另一个位置记录",
}


ENGLISH: dict[str, str] = {
    "text": "{text}",
    "rebuild.damaged": trans_late("engine", "The index was damaged ({what}) and has been moved to {aside}; rebuilding it from {count} report sources (corrections are kept)."),
    "rebuild.changed": trans_late("engine", "{what}, so the index needs rebuilding; rebuilding it from {count} report sources (corrections are kept)."),
    "rebuild.missing": trans_late("engine", "The index is gone; rebuilding it from {count} report sources (corrections are kept)."),
    "rebuild.resume": trans_late("engine", "The last rebuild did not finish; continuing from {count} report sources (corrections are kept)."),
    "changed.schema": trans_late("engine", "The index format has been upgraded"),
    "changed.fold": trans_late("engine", "The text folding rules (full/half width, case, Traditional/Simplified) have changed"),
    "changed.opencc": trans_late("engine", "The Traditional/Simplified table has changed"),
    "changed.segmenter": trans_late("engine", "The word segmenter has changed"),
    "damage.missing": trans_late("engine", "file {name} is missing"),
    "damage.size": trans_late("engine", "file {name} has the wrong size ({expected} bytes expected, {actual} found)"),
    "damage.checksum": trans_late("engine", "the content of file {name} has been altered"),
    "damage.meta": trans_late("engine", "the index description file {name} is missing or unreadable"),
    "damage.unreadable": trans_late("engine", "the index cannot be read ({error})"),
    "damage.generation": trans_late("engine", "the index's table of contents is not the last one committed"),
    "error.damaged": trans_late("engine", "The index is damaged ({what}): {path}"),
    "error.busy": trans_late("engine", "The index is being written by another program (another ReportSearch window or a command-line import). Please wait for it to finish and try again."),
    "error.mkdir": trans_late("engine", "Cannot create the index folder {path}: {error}"),
    "error.network_folder": trans_late("engine", "The index folder {path} is on a network share ({kind}), and the index's database can only live on a disk of this computer. Choose a folder on this computer; for several PCs to share one set of reports, use a team archive (PostgreSQL)."),
    "error.write": trans_late("engine", "Cannot write the index ({error}): {path}. The reports committed so far are there and the last complete index can still be used; free some space or choose another index folder, then import again."),
    "error.write_folder": trans_late("engine", "Cannot write the index folder {path} ({error})."),
    "error.worker": trans_late("engine", "The process {name} writing the index stopped unexpectedly ({error}); this batch of reports was not committed, the last complete index can still be used, and importing again continues."),
    "error.library_write": trans_late("engine", "Cannot save the record of report sources {path} ({error})."),
    "error.corrections_write": trans_late("engine", "Cannot save corrections to {path} ({error})."),
    "error.corrections_busy": trans_late("engine", "The corrections file {path} is being saved by another program; please try again in a moment."),
    "error.corrections_read": trans_late("engine", "The corrections file {path} cannot be read ({error}); so as not to overwrite what it holds, this correction was not saved."),
    "corrections.row": trans_late("engine", "Corrections file {file}, line {line}: {problem}; this entry is ignored."),
    "corrections.unreadable": trans_late("engine", "The corrections file {file} cannot be read: {problem}; its corrections are not applied for now."),
    "corrections.no_path": trans_late("engine", "no value in the path column (the report's path)"),
    "corrections.no_header": trans_late("engine", "the first line should be the column names path,institution,year,title"),
    "corrections.deferred": trans_late("engine", "The correction is saved to {file}; the index is in use by an import, which applies it at its next commit."),
    "notice.busy_read": trans_late("engine", "The index is being written by another program (an import or a rebuild); this uses what it last committed."),
    "aliases.unreadable": trans_late("engine", "The alias table {path} cannot be read: {error}; the file is ignored."),
    "aliases.bad_toml": trans_late("engine", "The alias table {path} is not valid TOML: {error}; the file is ignored."),
    "aliases.entry": trans_late("engine", "Alias table {path}: {what}"),
    "aliases.entry_line": trans_late("engine", "Alias table {path}, line {line}: {what}"),
    "aliases.unknown_key": trans_late("engine", "unknown entry \u201c{key}\u201d, ignored (only [aliases] and [places] are read)"),
    "aliases.not_table": trans_late("engine", "aliases must be a table: under [aliases] each line is name = [\"alias\", …]; ignored"),
    "aliases.bad_names": trans_late("engine", "the aliases of \u201c{name}\u201d must be a list of strings of at most {limit} characters each; this entry is ignored"),
    "aliases.places_not_table": trans_late("engine", "places must be a table (provinces and cities under [places]); ignored"),
    "aliases.bad_province": trans_late("engine", "each item of provinces must be [\"full name\", \"short name\"]; {item} is ignored"),
    "aliases.bad_city": trans_late("engine", "each item of cities must be a city's name; {item} is ignored"),
    "library.unreadable": trans_late("engine", "The record of report sources {file} cannot be read ({problem}) and was saved aside as {aside}; the sources were recorded again from the reports in the index."),
    "offline.sources": trans_late("engine", "{count} report sources cannot be reached now: {paths}. Their reports stay in the index, marked offline, and can still be searched; re-scan when the sources are back."),
    "offline.missing_path": trans_late("engine", "The path does not exist: {path}"),
    "skipped.stat": trans_late("engine", "Cannot access the file: {error}"),
    "skipped.read": trans_late("engine", "Cannot read the file: {error}"),
    "skipped.removed": trans_late("engine", "{reason}; its earlier paragraphs were removed from the index"),
    "error.home": trans_late("engine", "The environment variable {env} points to {path}, which is not a folder. Set {env} to a folder, or remove the variable."),
    "error.no_report": trans_late("engine", "There is no report “{name}” in the index. The reports command lists them all."),
    "error.many_reports": trans_late("engine", "Several reports are called “{name}”: {paths}. Please give the full path."),
    "error.no_paragraph": trans_late("engine", "Report “{name}” has no paragraph {ordinal}."),
    "query.too_long": trans_late("engine", "The query is too long ({length} characters); at most {limit}."),
    "query.too_many_terms": trans_late("engine", "The query has too many different terms ({terms}); at most {limit}. To find a whole sentence, put it in quotes."),
    "query.only_excluded": trans_late("engine", "Only excluded words: please type what to find as well."),
    "query.empty": trans_late("engine", "Please type what to find."),
    "query.bad_year": trans_late("engine", "The year is not written right: “{value}”. For example year:2025 or year:2024-2026."),
    "query.year_range": trans_late("engine", "The year is out of range: “{value}”."),
    "query.negative": trans_late("engine", "The number of hits and the start cannot be negative (limit={limit}, offset={offset})."),
    "query.too_many_needles": trans_late("engine", "The query looks for too many strings ({count} with the institutions' other names and the other ways of writing its figures); at most {limit}: use fewer terms."),
    "query.year_not_number": trans_late("engine", "A year must be a number: “{value}”."),
    "year.digits": trans_late("engine", "A year must be four digits: “{value}”"),
    "year.range": trans_late("engine", "The year {year} is not between {first} and {last}"),
    "manifest.too_long": trans_late("engine", "{field} is too long ({length} characters, at most {limit})"),
    "read.unsupported": trans_late("engine", "Unsupported file type {suffix}"),
    "read.no_suffix": trans_late("engine", "(no extension)"),
    "read.no_text": trans_late("engine", "The file has no text"),
    "read.access": trans_late("engine", "Cannot access the file: {error}"),
    "read.failed": trans_late("engine", "Cannot read the file: {error}"),
    "read.empty": trans_late("engine", "Empty file (0 bytes)"),
    "read.too_big": trans_late("engine", "The file is too big ({size} MB; the limit is {limit} MB)"),
    "read.grew": trans_late("engine", "The file is too big (the limit is {limit} MB)"),
    "read.changed": trans_late("engine", "The file changed while it was read; scan again later"),
    "read.bad_bom": trans_late("engine", "The file declares the {encoding} encoding, but its content cannot be read in it"),
    "read.binary": trans_late("engine", "This is a binary file, not text"),
    "read.encoding": trans_late("engine", "Unknown encoding (not UTF-8, UTF-16 or GBK/GB18030 text)"),
    "read.encoding_guess": trans_late("engine", "Unknown encoding (guessed {encoding}, but it does not decode)"),
    "read.garbled": trans_late("engine", "The encoding is garbled (invalid bytes mixed in) and cannot be read reliably"),
    "read.docx_encrypted": trans_late("engine", "The Word file is encrypted (password protected)"),
    "read.docx_invalid": trans_late("engine", "Not a valid Word file (word/document.xml is missing)"),
    "read.docx_bomb": trans_late("engine", "The Word file unpacks to an enormous size (a suspected zip bomb) and was skipped"),
    "read.docx_old": trans_late("engine", "The Word file is encrypted (password protected), or in the old .doc format"),
    "read.docx_zip": trans_late("engine", "The Word file is damaged (not a valid zip package)"),
    "read.docx_damaged": trans_late("engine", "The Word file is damaged: {error}"),
    "read.pdf_encrypted": trans_late("engine", "The PDF is encrypted (password protected)"),
    "read.pdf_damaged": trans_late("engine", "The PDF file is damaged: {error}"),
    "read.pdf_unparsable": trans_late("engine", "The PDF file cannot be parsed: {error}"),
    "read.pdf_no_text": trans_late("engine", "The PDF has no text to extract (perhaps a scan; text recognition is not supported)"),
    "read.fifo": trans_late("engine", "This is a named pipe (FIFO), not a regular file"),
    "read.device": trans_late("engine", "This is a device file, not a regular file"),
    "read.socket": trans_late("engine", "This is a socket, not a regular file"),
    "read.special": trans_late("engine", "Not a regular file"),
    "read.folder": trans_late("engine", "This is a folder, not a file"),
    "skipped.link": trans_late("engine", "Broken or looping link"),
    "skipped.same_name": trans_late("engine", "Has the same name as {path} (only the file name's encoding differs)"),
    "skipped.no_path": trans_late("engine", "The path does not exist"),
    "skipped.folder": trans_late("engine", "Cannot open the folder: {error}"),
    "skipped.duplicate": trans_late("engine", "Same content as {path}: recorded as another location of the same report"),
    "check.supported": trans_late("engine", "supported"),
    "check.differs": trans_late("engine", "figure differs"),
    "check.unsupported": trans_late("engine", "no source found"),
    "check.same": trans_late("engine", "same"),
    "check.different": trans_late("engine", "different (the report says {found})"),
    "check.not_found": trans_late("engine", "not found"),
    "check.figure": trans_late("engine", "figure"),
    "check.date": trans_late("engine", "date"),
    "check.person": trans_late("engine", "person"),
    "check.institution": trans_late("engine", "institution"),
    "check.title": trans_late("engine", "title or quote"),
    "check.summary": trans_late("engine", "{checked} statements checked: {supported} supported, {differs} with a differing figure, {unsupported} without a source."),
    "archive.unreachable": trans_late("engine", "Cannot connect to the team archive {location}: {reason}"),
    "archive.locale": trans_late("engine", "The team archive {location} has the character type {ctype}, which cannot search Chinese: create the database with a UTF-8 locale such as C.UTF-8 (createdb --locale=C.UTF-8 --template=template0)."),
    "archive.encoding": trans_late("engine", "The team archive {location} is encoded in {encoding}; it should be UTF8."),
    "archive.uninitialised": trans_late("engine", "{location} is not a team archive yet: the database owner should run reportsearch archive init --server …"),
    "archive.outdated": trans_late("engine", "The team archive {location} is older than this program (upgrades {versions} are missing): the database owner should run reportsearch archive init --server …"),
    "archive.newer": trans_late("engine", "The team archive {location} is newer than this program (upgrade {version}): please update ReportSearch."),
    "archive.write": trans_late("engine", "Cannot write to the team archive {location} ({error}). The reports committed so far are there; import again to continue."),
    "archive.busy": trans_late("engine", "Another archivist is importing into the team archive; please try again when they are done."),
    "archive.conninfo": trans_late("engine", "\u201c{target}\u201d is a set of database connection settings, not a folder: write a team archive as a URL, e.g. postgresql://user@host:5432/database."),
    "archive.read_only": trans_late("engine", "This account can only search and read the team archive (reporter role); it cannot import, correct or delete."),
    "archive.no_roles": trans_late("engine", "Cannot create the roles ({error}): archive init must be run by the database owner with an account that has CREATEROLE."),
    "archive.bad_user": trans_late("engine", "A user name is lower-case letters, digits and underscores, starting with a letter: \"{name}\""),
}

LANGUAGES = ("zh", "en")


def language(environ: dict | None = None) -> str:
    """The language of the command line's messages: "en" when the locale (LC_ALL, then
    LC_MESSAGES, then LANG, as gettext reads them) says English, "zh" otherwise."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def text(code: str, lang: str = "zh", /, **values) -> str:
    """The text of message ``code`` in ``lang`` ("zh" or "en") with its values filled in;
    values that are Notices themselves are rendered in the same language."""
    table = ENGLISH if lang == "en" else TEXTS
    return table[code].format(**{k: render(v, lang) for k, v in values.items()})


def render(value, lang: str = "zh") -> object:
    """A message value as shown: a Notice (anything with ``code`` and ``values``) as its
    text in ``lang``, anything else as it is."""
    code = getattr(value, "code", None)
    if code and code in TEXTS and isinstance(getattr(value, "values", None), dict):
        return text(code, lang, **value.values)
    return value
