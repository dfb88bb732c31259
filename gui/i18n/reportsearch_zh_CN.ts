<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BatchDialog</name>
    <message>
        <location filename="../batch_dialog.py" line="34"/>
        <source>Batch search</source>
        <translation>批量检索</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="37"/>
        <source>One query per line, e.g.
一号管三天
227人
李晓东</source>
        <translation>每行一个查询，例如：
一号管三天
227人
李晓东</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="40"/>
        <source>Query</source>
        <translation>查询</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="40"/>
        <source>Paragraphs</source>
        <translation>段落数</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="40"/>
        <source>Exact</source>
        <translation>各词完整</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="47"/>
        <source>Load list…</source>
        <translation>载入列表…</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="48"/>
        <source>Search all</source>
        <translation>全部检索</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="50"/>
        <source>Export all hits to CSV…</source>
        <translation>把全部命中导出为 CSV…</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="84"/>
        <source>Searching…</source>
        <translation>检索中…</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="102"/>
        <source>%1 queries searched. Double-click one to open it.</source>
        <translation>已检索 %1 个查询。双击一行即可打开。</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="110"/>
        <source>Load queries</source>
        <translation>载入查询</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="111"/>
        <source>Text files (*.txt *.csv);;All files (*)</source>
        <translation>文本文件 (*.txt *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="116"/>
        <location filename="../batch_dialog.py" line="119"/>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="120"/>
        <source>not a text file</source>
        <translation>不是文本文件</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="123"/>
        <source>Export hits</source>
        <translation>导出命中</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="124"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="130"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="133"/>
        <source>%1 rows written to %2</source>
        <translation>已把 %1 行写入 %2</translation>
    </message>
</context>
<context>
    <name>ComparePage</name>
    <message>
        <location filename="../compare_page.py" line="44"/>
        <source>Sync: F3 walks both sides</source>
        <translation>同步：F3 两边一起跳到下一处</translation>
    </message>
    <message>
        <location filename="../compare_page.py" line="45"/>
        <source>Click a paragraph on one side to see the related paragraphs on the other.</source>
        <translation>点击一侧的段落，另一侧会标出并滚动到最相关的段落。</translation>
    </message>
</context>
<context>
    <name>FacetList</name>
    <message>
        <location filename="../facets.py" line="51"/>
        <source>+%1 apart</source>
        <translation>另 %1 段词语分开</translation>
    </message>
</context>
<context>
    <name>FacetPanel</name>
    <message>
        <location filename="../facets.py" line="90"/>
        <source>Institution</source>
        <translation>机构</translation>
    </message>
    <message>
        <location filename="../facets.py" line="92"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../facets.py" line="104"/>
        <location filename="../facets.py" line="106"/>
        <source>(unknown)</source>
        <translation>（不详）</translation>
    </message>
</context>
<context>
    <name>LibraryPage</name>
    <message>
        <location filename="../library_page.py" line="56"/>
        <source>Filter the list (title, institution, year, file)</source>
        <translation>筛选列表（标题、机构、年份、文件名）</translation>
    </message>
    <message>
        <location filename="../library_page.py" line="67"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../library_page.py" line="70"/>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../library_page.py" line="71"/>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location filename="../library_page.py" line="72"/>
        <source>Re-scan</source>
        <translation>重新扫描</translation>
    </message>
    <message>
        <location filename="../library_page.py" line="73"/>
        <source>Read new and changed files again; drop deleted ones</source>
        <translation>读取新增和改动的文件，移除已删除的文件</translation>
    </message>
    <message>
        <location filename="../library_page.py" line="74"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../library_page.py" line="75"/>
        <source>Compare the two selected</source>
        <translation>对照选中的两份</translation>
    </message>
    <message>
        <location filename="../library_page.py" line="81"/>
        <source>Double-click an institution, year or title to correct it; the correction is kept when the report is read again.</source>
        <translation>双击机构、年份或标题即可更正；重新读取报告后更正仍然保留。</translation>
    </message>
    <message>
        <location filename="../library_page.py" line="121"/>
        <source>Select two reports (Ctrl+click) to compare them.</source>
        <translation>请选中两份报告（按住 Ctrl 点击）再对照。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="65"/>
        <location filename="../main_window.py" line="625"/>
        <source>ReportSearch</source>
        <translation>报告检索</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="83"/>
        <location filename="../main_window.py" line="179"/>
        <source>Search</source>
        <translation>检索</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="84"/>
        <location filename="../main_window.py" line="179"/>
        <source>Read</source>
        <translation>阅读</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="85"/>
        <location filename="../main_window.py" line="179"/>
        <source>Compare</source>
        <translation>对照</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="86"/>
        <location filename="../main_window.py" line="180"/>
        <source>Library</source>
        <translation>报告库</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="141"/>
        <source>Opening the library…</source>
        <translation>正在打开报告库…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="161"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="162"/>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="163"/>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="164"/>
        <source>Re-scan the library</source>
        <translation>重新扫描报告库</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="166"/>
        <source>Export results to CSV…</source>
        <translation>把结果导出为 CSV…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="167"/>
        <source>Batch search…</source>
        <translation>批量检索…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="169"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="170"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="171"/>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="172"/>
        <source>Next match</source>
        <translation>下一处</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="174"/>
        <source>Previous match</source>
        <translation>上一处</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="175"/>
        <source>Copy citation</source>
        <translation>复制引文</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="176"/>
        <source>Back to the results</source>
        <translation>返回检索结果</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="178"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="184"/>
        <location filename="../main_window.py" line="608"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="187"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="188"/>
        <location filename="../main_window.py" line="628"/>
        <source>Query syntax</source>
        <translation>查询语法</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="189"/>
        <location filename="../main_window.py" line="645"/>
        <source>About ReportSearch</source>
        <translation>关于报告检索</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="223"/>
        <source>The index was damaged (%1) and was moved to %2. It is being rebuilt from your %3 report sources; your corrections are kept.</source>
        <translation>索引已损坏（%1），已移到 %2；正在从 %3 个报告来源重建，您的更正会保留。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="228"/>
        <source>The index must be rebuilt (%1). It is being rebuilt from your %2 report sources; your corrections are kept.</source>
        <translation>索引需要重建（%1）；正在从 %2 个报告来源重建，您的更正会保留。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="232"/>
        <source>The index is missing. It is being rebuilt from your %1 report sources; your corrections are kept.</source>
        <translation>索引不见了；正在从 %1 个报告来源重建，您的更正会保留。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="235"/>
        <source>The last rebuild of the index did not finish. It goes on from your %1 report sources; your corrections are kept.</source>
        <translation>上次的索引重建没有完成；继续从 %1 个报告来源重建，您的更正会保留。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="269"/>
        <source>%1 rows written to %2</source>
        <translation>已把 %1 行写入 %2</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="272"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="293"/>
        <source>Search first, then export the results.</source>
        <translation>请先检索，再导出结果。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="295"/>
        <source>Export results</source>
        <translation>导出结果</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="296"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="331"/>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="409"/>
        <source>Citation copied: the paragraph with its source</source>
        <translation>已复制引文：段落及其出处</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="464"/>
        <source>%1 reports, %2 paragraphs.</source>
        <translation>共 %1 份报告、%2 个段落。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="471"/>
        <source>Reading reports…</source>
        <translation>正在读取报告…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="482"/>
        <source>Add report files</source>
        <translation>添加报告文件</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="488"/>
        <source>Add a folder of reports</source>
        <translation>添加报告文件夹</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="506"/>
        <source>Reading reports… %1/%2</source>
        <translation>正在读取报告… %1/%2</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="527"/>
        <source>Added %1, updated %2, removed %3, unchanged %4, skipped %5.</source>
        <translation>新增 %1 份，更新 %2 份，移除 %3 份，未变 %4 份，跳过 %5 个文件。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="532"/>
        <source>Cancelled. </source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="540"/>
        <source>Some files were skipped</source>
        <translation>部分文件被跳过</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="554"/>
        <source>Saving the correction…</source>
        <translation>正在保存更正…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="559"/>
        <source>Correction saved.</source>
        <translation>更正已保存。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="609"/>
        <source>The language changes the next time ReportSearch starts.</source>
        <translation>下次启动报告检索时切换语言。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="614"/>
        <source>Something went wrong. The details are in the log: %1</source>
        <translation>出错了，详情已写入日志：%1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="629"/>
        <source>Type what you are looking for: every paragraph that contains it is found, across word boundaries, in full-width or half-width, Traditional or Simplified.

李晓东 教授 — both, anywhere in the paragraph
&quot;高质量发展&quot; — exactly this (no word-by-word matches)
李晓东 OR 胡文庆 — either
医院 -人才 or 医院 NOT 人才 — without 人才
institution:市二院 — one institution (aliases work)
year:2025   year:2024-2026 — one year or a range</source>
        <translation>输入要找的内容：凡是包含它的段落都会找到——不受分词影响，全角半角、繁体简体都能互相匹配。

李晓东 教授 —— 两者都在同一段中（位置不限）
&quot;高质量发展&quot; —— 只要完全一致的（不按词拆分）
李晓东 OR 胡文庆 —— 任意一个
医院 -人才 或 医院 NOT 人才 —— 排除含“人才”的段落
institution:市二院 —— 只看某机构（可用别名）
year:2025   year:2024-2026 —— 某一年或某几年</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="646"/>
        <source>ReportSearch 0.1 — offline search for Chinese reports.

Index and corrections: %1
Log: %2</source>
        <translation>报告检索 0.1 —— 离线检索中文报告。

索引与更正：%1
日志：%2</translation>
    </message>
</context>
<context>
    <name>ReportPane</name>
    <message>
        <location filename="../report_view.py" line="55"/>
        <source>◀ Previous</source>
        <translation>◀ 上一处</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="56"/>
        <source>Previous match (Shift+F3)</source>
        <translation>上一处匹配（Shift+F3）</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="58"/>
        <source>Next ▶</source>
        <translation>下一处 ▶</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="59"/>
        <source>Next match (F3)</source>
        <translation>下一处匹配（F3）</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="62"/>
        <source>Copy citation</source>
        <translation>复制引文</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="63"/>
        <source>Copy the current paragraph with its source (Ctrl+Shift+C)</source>
        <translation>复制当前段落及出处（Ctrl+Shift+C）</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="65"/>
        <source>Compare with…</source>
        <translation>与…对照</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="86"/>
        <source>Similar paragraphs in other reports</source>
        <translation>其他报告中的相似段落</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="114"/>
        <source>(unknown institution)</source>
        <translation>（机构不详）</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="115"/>
        <source>(unknown year)</source>
        <translation>（年份不详）</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="126"/>
        <source>counting matches…</source>
        <translation>正在统计匹配…</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="128"/>
        <source>no matches</source>
        <translation>无匹配</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="130"/>
        <source>%1 matches</source>
        <translation>共 %1 处</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="132"/>
        <source>match %1 of %2</source>
        <translation>第 %1 / %2 处</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="140"/>
        <source>Paragraph %1</source>
        <translation>第 %1 段</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="158"/>
        <source>paragraph %1</source>
        <translation>第 %1 段</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="165"/>
        <source>No similar paragraphs in other reports.</source>
        <translation>其他报告中没有相似段落。</translation>
    </message>
</context>
<context>
    <name>ReportsModel</name>
    <message>
        <location filename="../models.py" line="138"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../models.py" line="138"/>
        <source>Institution</source>
        <translation>机构</translation>
    </message>
    <message>
        <location filename="../models.py" line="138"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../models.py" line="139"/>
        <source>Paragraphs</source>
        <translation>段落数</translation>
    </message>
    <message>
        <location filename="../models.py" line="139"/>
        <source>Source file</source>
        <translation>源文件</translation>
    </message>
    <message>
        <location filename="../models.py" line="209"/>
        <source>Source of this value: %1</source>
        <translation>此值来源：%1</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <location filename="../models.py" line="64"/>
        <source>Paragraph</source>
        <translation>段落</translation>
    </message>
    <message>
        <location filename="../models.py" line="64"/>
        <source>Institution</source>
        <translation>机构</translation>
    </message>
    <message>
        <location filename="../models.py" line="64"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../models.py" line="65"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../models.py" line="65"/>
        <source>Section</source>
        <translation>章节</translation>
    </message>
    <message>
        <location filename="../models.py" line="101"/>
        <source>paragraph %1</source>
        <translation>第 %1 段</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <location filename="../search_page.py" line="57"/>
        <source>Search every paragraph, e.g. 一号管三天  227人  李晓东  &quot;高质量发展&quot; -人才  year:2025</source>
        <translation>检索所有段落，例如：一号管三天  227人  李晓东  &quot;高质量发展&quot; -人才  year:2025</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="64"/>
        <source>Relevance</source>
        <translation>按相关度</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="65"/>
        <source>Newest first</source>
        <translation>按年份（新→旧）</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="66"/>
        <source>Oldest first</source>
        <translation>按年份（旧→新）</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="67"/>
        <source>Institution</source>
        <translation>机构</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="108"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="154"/>
        <source>Type a few characters to search every paragraph of every report, like Ctrl+F across them all.</source>
        <translation>输入几个字，即可在所有报告的所有段落中查找，就像对全部报告按 Ctrl+F。</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="197"/>
        <source>Nothing found with the ticked filters. &lt;a href=&apos;clear&apos;&gt;Clear the filters&lt;/a&gt; to search everything.</source>
        <translation>在勾选的筛选条件下没有找到。&lt;a href=&apos;clear&apos;&gt;清除筛选&lt;/a&gt;即可在全部报告中查找。</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="200"/>
        <source>No paragraph contains this. Check the spelling, or try fewer characters.</source>
        <translation>没有段落包含这段内容。请检查输入，或少输入几个字再试。</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="203"/>
        <source>No results</source>
        <translation>没有结果</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="207"/>
        <source>%1 paragraphs (green, %2: every word found whole; grey: a word found only in pieces)</source>
        <translation>共 %1 段（绿色 %2 段：每个词都完整出现；灰色：有词只是拆开出现）</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="217"/>
        <source>Also searched: %1</source>
        <translation>也搜索了：%1</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="225"/>
        <source>reports of %1</source>
        <translation>%1年的报告</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="226"/>
        <source>titles with %1</source>
        <translation>标题含“%1”</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="234"/>
        <source>Cannot search this</source>
        <translation>无法检索</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="236"/>
        <source>The query cannot be used: %1</source>
        <translation>查询无法使用：%1</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="242"/>
        <source>No reports yet. Drag report files or folders onto this window, or &lt;a href=&apos;add&apos;&gt;add reports…&lt;/a&gt;</source>
        <translation>还没有报告。把报告文件或文件夹拖到本窗口，或&lt;a href=&apos;add&apos;&gt;添加报告…&lt;/a&gt;</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../app.py" line="57"/>
        <source>ReportSearch</source>
        <translation>报告检索</translation>
    </message>
    <message>
        <location filename="../app.py" line="58"/>
        <source>Something went wrong: %1
The details are in the log: %2</source>
        <translation>出错了：%1
详细信息已写入日志：%2</translation>
    </message>
</context>
</TS>
