"""What the engine tells the user about its library and its index, in one place.

A ``model.Notice`` is data: a code and its values. ``text`` renders it in Chinese (the
front ends' default language); a front end that wants another language looks the code
up in its own table and formats the same values. Exceptions raised by the engine carry
their rendered text, taken from the same table.
"""

from __future__ import annotations

TEXTS: dict[str, str] = {
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
    "error.write": "无法写入索引（{error}）：{path}。已提交的报告都在，上一次完整的索引仍可使用；"
    "腾出空间或换一个索引文件夹后重新导入即可。",
    "error.write_folder": "无法写入索引文件夹 {path}（{error}）。",
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
}


def text(code: str, **values) -> str:
    """The Chinese text of message ``code`` with its values filled in."""
    return TEXTS[code].format(**values)

