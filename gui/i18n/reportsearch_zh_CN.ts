<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ArchiveDialog</name>
    <message>
        <location filename="../archive_dialog.py" line="48" />
        <source>Connect to a team archive</source>
        <translation>连接团队资料库</translation>
    </message>
    <message>
        <location filename="../archive_dialog.py" line="53" />
        <source>empty: from the password file (~/.pgpass)</source>
        <translation>留空：使用密码文件（~/.pgpass）</translation>
    </message>
    <message>
        <location filename="../archive_dialog.py" line="57" />
        <source>A team archive is a PostgreSQL server your archivist set up. Options such as sslmode=verify-full go in the address. The password is kept only until ReportSearch closes.</source>
        <translation>团队资料库是档案管理员设置的 PostgreSQL 服务器。sslmode=verify-full 等选项写在地址中。密码只保留到关闭报告检索为止。</translation>
    </message>
    <message>
        <location filename="../archive_dialog.py" line="62" />
        <source>Server address:</source>
        <translation>服务器地址：</translation>
    </message>
    <message>
        <location filename="../archive_dialog.py" line="63" />
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../archive_dialog.py" line="65" />
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../archive_dialog.py" line="67" />
        <source>Use the local library</source>
        <translation>使用本机报告库</translation>
    </message>
    <message>
        <location filename="../archive_dialog.py" line="86" />
        <source>The address starts with postgresql://</source>
        <translation>地址应以 postgresql:// 开头</translation>
    </message>
</context>
<context>
    <name>BatchDialog</name>
    <message>
        <location filename="../batch_dialog.py" line="35" />
        <source>Batch search</source>
        <translation>批量检索</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="38" />
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
        <location filename="../batch_dialog.py" line="41" />
        <source>Query</source>
        <translation>查询</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="41" />
        <source>Paragraphs</source>
        <translation>段落数</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="41" />
        <source>Exact</source>
        <translation>完全匹配</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="48" />
        <source>Load list…</source>
        <translation>载入列表…</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="49" />
        <source>Search all</source>
        <translation>全部检索</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="51" />
        <source>Export all hits to CSV…</source>
        <translation>把全部命中导出为 CSV…</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="85" />
        <source>Searching…</source>
        <translation>检索中…</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="103" />
        <source>%1 queries searched. Double-click one to open it.</source>
        <translation>已检索 %1 个查询。双击一行即可打开。</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="118" />
        <source>Load queries</source>
        <translation>载入查询</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="119" />
        <source>Text files (*.txt *.csv);;All files (*)</source>
        <translation>文本文件 (*.txt *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="125" />
        <location filename="../batch_dialog.py" line="128" />
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="129" />
        <source>not a text file</source>
        <translation>不是文本文件</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="132" />
        <source>Export hits</source>
        <translation>导出命中</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="133" />
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="140" />
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="143" />
        <source>%1 rows written to %2</source>
        <translation>已把 %1 行写入 %2</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <location filename="../check_page.py" line="64" />
        <source>Open draft…</source>
        <translation>打开稿件…</translation>
    </message>
    <message>
        <location filename="../check_page.py" line="65" />
        <source>Check</source>
        <translation>核对</translation>
    </message>
    <message>
        <location filename="../check_page.py" line="67" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../check_page.py" line="73" />
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../check_page.py" line="74" />
        <source>Export HTML…</source>
        <translation>导出网页…</translation>
    </message>
    <message>
        <location filename="../check_page.py" line="84" />
        <source>Paste a draft here, or open a .txt or .docx file, then press Check: each statement is looked up in the library and its figures compared.</source>
        <translation>在这里粘贴稿件，或打开 .txt、.docx 文件，然后按“核对”：每句话都会在资料库中查找出处，并核对其中的数字。</translation>
    </message>
    <message>
        <location filename="../check_page.py" line="103" />
        <source>In the draft</source>
        <translation>稿件中</translation>
    </message>
    <message>
        <location filename="../check_page.py" line="104" />
        <source>In the report</source>
        <translation>报告中</translation>
    </message>
    <message>
        <location filename="../check_page.py" line="111" />
        <source>Open the report at this paragraph</source>
        <translation>打开报告并定位到这一段</translation>
    </message>
    <message>
        <location filename="../check_page.py" line="112" />
        <source>Copy citation</source>
        <translation>复制引文</translation>
    </message>
    <message>
        <location filename="../check_page.py" line="169" />
        <source>Open a draft</source>
        <translation>打开稿件</translation>
    </message>
    <message>
        <location filename="../check_page.py" line="180" />
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location filename="../check_page.py" line="190" />
        <source>Paste or open a draft first.</source>
        <translation>请先粘贴或打开一篇稿件。</translation>
    </message>
    <message>
        <location filename="../check_page.py" line="196" />
        <source>Checking…</source>
        <translation>正在核对…</translation>
    </message>
    <message>
        <location filename="../check_page.py" line="204" />
        <source>Check cancelled.</source>
        <translation>已取消核对。</translation>
    </message>
    <message>
        <location filename="../check_page.py" line="235" />
        <source>The check failed; the details are in the log.</source>
        <translation>核对失败，详情见日志。</translation>
    </message>
    <message>
        <location filename="../check_page.py" line="239" />
        <source>Checked %1 statements: %2 supported, %3 with a differing figure, %4 without a source.</source>
        <translation>共核对 %1 句：有出处 %2 句，数字不同 %3 句，未找到出处 %4 句。</translation>
    </message>
    <message>
        <location filename="../check_page.py" line="288" />
        <source>No paragraph in the library says this.</source>
        <translation>资料库中没有段落说过这句话。</translation>
    </message>
    <message>
        <location filename="../check_page.py" line="294" />
        <source>%1 · %2 · %3 · paragraph %4 (%5)</source>
        <translation>%1 · %2 · %3 · 第 %4 段（%5）</translation>
    </message>
    <message>
        <location filename="../check_page.py" line="297" />
        <source>year unknown</source>
        <translation>年份不详</translation>
    </message>
    <message>
        <location filename="../check_page.py" line="323" />
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../check_page.py" line="324" />
        <source>Web pages (*.html)</source>
        <translation>网页 (*.html)</translation>
    </message>
    <message>
        <location filename="../check_page.py" line="325" />
        <source>Export the check</source>
        <translation>导出核对结果</translation>
    </message>
    <message>
        <location filename="../check_page.py" line="335" />
        <source>Draft check</source>
        <translation>稿件核对</translation>
    </message>
    <message>
        <location filename="../check_page.py" line="337" />
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../check_page.py" line="341" />
        <source>Written to %1.</source>
        <translation>已写入 %1。</translation>
    </message>
    <message>
        <location filename="../check_page.py" line="362" />
        <source>Check a draft</source>
        <translation>核对稿件</translation>
    </message>
</context>
<context>
    <name>CheckVerdict</name>
    <message>
        <location filename="../check_models.py" line="98" />
        <source>Supported</source>
        <translation>有出处</translation>
    </message>
    <message>
        <location filename="../check_models.py" line="99" />
        <source>Figure differs</source>
        <translation>数字不同</translation>
    </message>
    <message>
        <location filename="../check_models.py" line="100" />
        <source>No source</source>
        <translation>未找到出处</translation>
    </message>
    <message>
        <location filename="../check_models.py" line="101" />
        <source>Same</source>
        <translation>一致</translation>
    </message>
    <message>
        <location filename="../check_models.py" line="102" />
        <source>Different</source>
        <translation>不同</translation>
    </message>
    <message>
        <location filename="../check_models.py" line="103" />
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <location filename="../check_models.py" line="113" />
        <source>Figure</source>
        <translation>数字</translation>
    </message>
    <message>
        <location filename="../check_models.py" line="114" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../check_models.py" line="115" />
        <source>Person</source>
        <translation>人名</translation>
    </message>
    <message>
        <location filename="../check_models.py" line="116" />
        <source>Institution</source>
        <translation>机构</translation>
    </message>
    <message>
        <location filename="../check_models.py" line="117" />
        <source>Title or quote</source>
        <translation>标题或引语</translation>
    </message>
</context>
<context>
    <name>ComparePage</name>
    <message>
        <location filename="../compare_page.py" line="44" />
        <source>Sync: F3 walks both sides</source>
        <translation>同步：F3 两边一起跳到下一处</translation>
    </message>
    <message>
        <location filename="../compare_page.py" line="45" />
        <source>Click a paragraph on one side to see the related paragraphs on the other.</source>
        <translation>点击一侧的段落，另一侧会标出并滚动到最相关的段落。</translation>
    </message>
</context>
<context>
    <name>FacetList</name>
    <message>
        <location filename="../facets.py" line="54" />
        <source>+%1 apart</source>
        <translation>另 %1 段词语分开</translation>
    </message>
</context>
<context>
    <name>FacetPanel</name>
    <message>
        <location filename="../facets.py" line="108" />
        <source>Institution</source>
        <translation>机构</translation>
    </message>
    <message>
        <location filename="../facets.py" line="110" />
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../facets.py" line="127" />
        <location filename="../facets.py" line="129" />
        <source>(unknown)</source>
        <translation>（不详）</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../history.py" line="87" />
        <source>Recent queries</source>
        <translation>最近的查询</translation>
    </message>
    <message>
        <location filename="../history.py" line="93" />
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../history.py" line="94" />
        <source>Clear all</source>
        <translation>全部清除</translation>
    </message>
</context>
<context>
    <name>ItemsModel</name>
    <message>
        <location filename="../check_models.py" line="169" />
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../check_models.py" line="169" />
        <source>In the draft</source>
        <translation>稿件中</translation>
    </message>
    <message>
        <location filename="../check_models.py" line="169" />
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <location filename="../check_models.py" line="170" />
        <source>In the report</source>
        <translation>报告中</translation>
    </message>
</context>
<context>
    <name>LibraryJobs</name>
    <message>
        <location filename="../library_jobs.py" line="107" />
        <source>Reading reports…</source>
        <translation>正在读取报告…</translation>
    </message>
    <message>
        <location filename="../library_jobs.py" line="116" />
        <source>Add report files</source>
        <translation>加入报告文件</translation>
    </message>
    <message>
        <location filename="../library_jobs.py" line="123" />
        <source>Add a folder of reports</source>
        <translation>加入报告文件夹</translation>
    </message>
    <message>
        <location filename="../library_jobs.py" line="132" />
        <source>Saving the correction…</source>
        <translation>正在保存更正…</translation>
    </message>
    <message>
        <location filename="../library_jobs.py" line="152" />
        <source>Reading reports… %1/%2</source>
        <translation>正在读取报告… %1/%2</translation>
    </message>
    <message>
        <location filename="../library_jobs.py" line="175" />
        <source>Added %1, updated %2, removed %3, unchanged %4, offline %5, skipped %6.</source>
        <translation>新增 %1 份，更新 %2 份，删除 %3 份，未变 %4 份，离线 %5 份，跳过 %6 个文件。</translation>
    </message>
    <message>
        <location filename="../library_jobs.py" line="181" />
        <source>Copies of reports already in the library: %1 (indexed once).</source>
        <translation>%1 个文件与报告库中已有的报告内容相同，记为其副本。</translation>
    </message>
    <message>
        <location filename="../library_jobs.py" line="184" />
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../library_jobs.py" line="200" />
        <source>Some files were skipped</source>
        <translation>有些文件被跳过</translation>
    </message>
    <message>
        <location filename="../library_jobs.py" line="201" />
        <source>Some entries of a metadata file were left out</source>
        <translation>元数据文件中有些条目未被采用</translation>
    </message>
    <message>
        <location filename="../library_jobs.py" line="227" />
        <source>Correction saved.</source>
        <translation>更正已保存。</translation>
    </message>
</context>
<context>
    <name>LibraryPage</name>
    <message>
        <location filename="../library_page.py" line="101" />
        <source>Filter the list (title, institution, year, file)</source>
        <translation>筛选列表（标题、机构、年份、文件名）</translation>
    </message>
    <message>
        <location filename="../library_page.py" line="112" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../library_page.py" line="115" />
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../library_page.py" line="116" />
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location filename="../library_page.py" line="117" />
        <source>Re-scan</source>
        <translation>重新扫描</translation>
    </message>
    <message>
        <location filename="../library_page.py" line="118" />
        <location filename="../library_page.py" line="175" />
        <source>Read new and changed files again; drop deleted ones</source>
        <translation>读取新增和改动的文件，移除已删除的文件</translation>
    </message>
    <message>
        <location filename="../library_page.py" line="119" />
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../library_page.py" line="120" />
        <source>Compare the two selected</source>
        <translation>对照选中的两份</translation>
    </message>
    <message>
        <location filename="../library_page.py" line="165" />
        <source>Double-click an institution, year or title to correct it; the correction is kept when the report is read again.</source>
        <translation>双击机构、年份或标题即可更正；重新读取报告后更正仍然保留。</translation>
    </message>
    <message>
        <location filename="../library_page.py" line="133" />
        <source>File not indexed</source>
        <translation>未索引的文件</translation>
    </message>
    <message>
        <location filename="../library_page.py" line="133" />
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../library_page.py" line="197" />
        <source>Select two reports (Ctrl+click) to compare them.</source>
        <translation>请选中两份报告（按住 Ctrl 点击）再对照。</translation>
    </message>
    <message>
        <location filename="../library_page.py" line="208" />
        <source>Files not indexed: %1</source>
        <translation>未索引的文件：%1 个</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="75" />
        <location filename="../main_window.py" line="586" />
        <source>ReportSearch</source>
        <translation>报告检索</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="96" />
        <source>Search</source>
        <translation>检索</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="97" />
        <source>Read</source>
        <translation>阅读</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="98" />
        <source>Compare</source>
        <translation>对照</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="99" />
        <source>Library</source>
        <translation>报告库</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="136" />
        <location filename="../main_window.py" line="175" />
        <source>Opening the library…</source>
        <translation>正在打开报告库…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="503" />
        <source>Found in more than one place (the same content, indexed once): %1.</source>
        <translation>其中 %1 份在多个位置出现（内容相同，只索引一次）。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="294" />
        <source>%1 rows written to %2</source>
        <translation>已把 %1 行写入 %2</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="192" />
        <source>team archive %1</source>
        <translation>团队资料库 %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="195" />
        <source>local library</source>
        <translation>本机报告库</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="196" />
        <source>ReportSearch — %1</source>
        <translation>报告检索 — %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="206" />
        <source>Cannot open the team archive: %1
Searching the local library instead.</source>
        <translation>无法打开团队资料库：%1
现在检索本机报告库。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="214" />
        <source>Team archive</source>
        <translation>团队资料库</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="215" />
        <source>Password for %1:</source>
        <translation>%1 的密码：</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="230" />
        <source>This account may only search and read the team archive: importing and correcting are for its archivists.</source>
        <translation>这个账号在团队资料库中只能检索和阅读：导入和更正由资料库的档案管理员进行。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="297" />
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="318" />
        <source>Search first, then export the results.</source>
        <translation>请先检索，再导出结果。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="321" />
        <source>Export results</source>
        <translation>导出结果</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="321" />
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="358" />
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="436" />
        <source>Citation copied: the paragraph with its source</source>
        <translation>已复制引文：段落及其出处</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="500" />
        <source>%1 reports, %2 paragraphs.</source>
        <translation>共 %1 份报告、%2 个段落。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="575" />
        <source>Something went wrong. The details are in the log: %1</source>
        <translation>出错了，详情已写入日志：%1</translation>
    </message>
</context>
<context>
    <name>MenusAndLanguage</name>
    <message>
        <location filename="../window_menus.py" line="39" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="42" />
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="44" />
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="45" />
        <source>Re-scan the library</source>
        <translation>重新扫描报告库</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="47" />
        <source>Connect to a team archive…</source>
        <translation>连接团队资料库…</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="49" />
        <source>Export results to CSV…</source>
        <translation>把结果导出为 CSV…</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="50" />
        <source>Batch search…</source>
        <translation>批量检索…</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="52" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="53" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="54" />
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="55" />
        <source>Next match</source>
        <translation>下一处</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="57" />
        <source>Previous match</source>
        <translation>上一处</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="58" />
        <source>Copy citation</source>
        <translation>复制引文</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="59" />
        <source>Back to the results</source>
        <translation>返回检索结果</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="61" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="62" />
        <source>Search</source>
        <translation>检索</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="62" />
        <source>Read</source>
        <translation>阅读</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="62" />
        <source>Compare</source>
        <translation>对照</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="63" />
        <source>Library</source>
        <translation>报告库</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="66" />
        <source>Check a draft</source>
        <translation>核对稿件</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="69" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="78" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="79" />
        <location filename="../window_menus.py" line="121" />
        <source>Query syntax</source>
        <translation>查询语法</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="80" />
        <location filename="../window_menus.py" line="141" />
        <source>About ReportSearch</source>
        <translation>关于报告检索</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="122" />
        <source>Type what you are looking for: every paragraph that contains it is found, across word boundaries, in full-width or half-width, Traditional or Simplified.

李晓东 教授 — both, anywhere in the paragraph
"高质量发展" or “高质量发展” — exactly this (no word-by-word matches)
李晓东 OR 胡文庆 — either
医院 -人才 or 医院 NOT 人才 — without 人才
2.3万家 = 23000家 = 23,000家, 3.6% = 百分之三点六 — a figure however written
山西 营商环境, 2024年政府工作报告 就业 — words that name a place, an institution, a year or a kind of report also find the reports they name
institution:市二院 — one institution (aliases work)
year:2025   year:2024-2026 — one year or a range</source>
        <translation>输入要找的内容：凡是包含它的段落都会找到——不受分词影响，全角半角、繁体简体都能互相匹配。

李晓东 教授 —— 两者都在同一段中（位置不限）
"高质量发展" 或 “高质量发展” —— 只要完全一致的（不按词拆分）
李晓东 OR 胡文庆 —— 任意一个
医院 -人才 或 医院 NOT 人才 —— 排除含“人才”的段落
2.3万家 = 23000家 = 23,000家，3.6% = 百分之三点六 —— 数字无论怎么写都能找到
山西 营商环境、2024年政府工作报告 就业 —— 指地方、机构、年份或报告类别的词，也会找到它所指的报告
institution:市二院 —— 只看某机构（可用别名）
year:2025   year:2024-2026 —— 某一年或某几年</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="142" />
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
        <location filename="../report_view.py" line="56" />
        <source>◀ Previous</source>
        <translation>◀ 上一处</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="57" />
        <source>Previous match (Shift+F3)</source>
        <translation>上一处匹配（Shift+F3）</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="59" />
        <source>Next ▶</source>
        <translation>下一处 ▶</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="60" />
        <source>Next match (F3)</source>
        <translation>下一处匹配（F3）</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="63" />
        <source>Copy citation</source>
        <translation>复制引文</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="64" />
        <source>Copy the current paragraph with its source (Ctrl+Shift+C)</source>
        <translation>复制当前段落及出处（Ctrl+Shift+C）</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="66" />
        <source>Compare with…</source>
        <translation>与…对照</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="87" />
        <source>Similar paragraphs in other reports</source>
        <translation>其他报告中的相似段落</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="116" />
        <source>(unknown institution)</source>
        <translation>（机构不详）</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="117" />
        <source>(unknown year)</source>
        <translation>（年份不详）</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="128" />
        <source>counting matches…</source>
        <translation>正在统计匹配…</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="130" />
        <source>no matches</source>
        <translation>无匹配</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="132" />
        <source>%1 matches</source>
        <translation>共 %1 处</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="134" />
        <source>match %1 of %2</source>
        <translation>第 %1 / %2 处</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="142" />
        <source>Paragraph %1</source>
        <translation>第 %1 段</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="160" />
        <source>paragraph %1</source>
        <translation>第 %1 段</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="167" />
        <source>No similar paragraphs in other reports.</source>
        <translation>其他报告中没有相似段落。</translation>
    </message>
</context>
<context>
    <name>ReportsModel</name>
    <message>
        <location filename="../models.py" line="139" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../models.py" line="139" />
        <source>Institution</source>
        <translation>机构</translation>
    </message>
    <message>
        <location filename="../models.py" line="139" />
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../models.py" line="140" />
        <source>Paragraphs</source>
        <translation>段落数</translation>
    </message>
    <message>
        <location filename="../models.py" line="140" />
        <source>Source file</source>
        <translation>源文件</translation>
    </message>
    <message>
        <location filename="../models.py" line="204" />
        <source>%1 (copies: %2)</source>
        <translation>%1（另有 %2 个副本）</translation>
    </message>
    <message>
        <location filename="../models.py" line="214" />
        <source>Source of this value: %1</source>
        <translation>此值来源：%1</translation>
    </message>
    <message>
        <location filename="../models.py" line="217" />
        <source>The same content is in:</source>
        <translation>相同内容位于：</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <location filename="../models.py" line="64" />
        <source>Paragraph</source>
        <translation>段落</translation>
    </message>
    <message>
        <location filename="../models.py" line="64" />
        <source>Institution</source>
        <translation>机构</translation>
    </message>
    <message>
        <location filename="../models.py" line="64" />
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../models.py" line="65" />
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../models.py" line="65" />
        <source>Section</source>
        <translation>章节</translation>
    </message>
    <message>
        <location filename="../models.py" line="101" />
        <source>paragraph %1</source>
        <translation>第 %1 段</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <location filename="../search_page.py" line="67" />
        <source>Search every paragraph, e.g. 一号管三天  227人  李晓东  "高质量发展" -人才  year:2025</source>
        <translation>检索所有段落，例如：一号管三天  227人  李晓东  "高质量发展" -人才  year:2025</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="71" />
        <source>Recent ▾</source>
        <translation>最近 ▾</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="74" />
        <source>Recent queries (Down arrow in the box)</source>
        <translation>最近的查询（在检索框中按↓）</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="85" />
        <source>Relevance</source>
        <translation>按相关度</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="86" />
        <source>Newest first</source>
        <translation>按年份（新→旧）</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="87" />
        <source>Oldest first</source>
        <translation>按年份（旧→新）</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="88" />
        <source>Institution</source>
        <translation>机构</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="130" />
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="176" />
        <source>Type a few characters to search every paragraph of every report, like Ctrl+F across them all.</source>
        <translation>输入几个字，即可在所有报告的所有段落中查找，就像对全部报告按 Ctrl+F。</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="220" />
        <source>Nothing found with the ticked filters. &lt;a href='clear'&gt;Clear the filters&lt;/a&gt; to search everything.</source>
        <translation>在勾选的筛选条件下没有找到。&lt;a href='clear'&gt;清除筛选&lt;/a&gt;即可在全部报告中查找。</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="223" />
        <source>No paragraph contains this. Check the spelling, or try fewer characters.</source>
        <translation>没有段落包含这段内容。请检查输入，或少输入几个字再试。</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="226" />
        <source>No results</source>
        <translation>没有结果</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="230" />
        <source>%1 paragraphs (green, %2: every word found whole; grey: a word found only in pieces)</source>
        <translation>共 %1 段（绿色 %2 段：每个词都完整出现；灰色：有词只是拆开出现）</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="240" />
        <source>Also searched: %1</source>
        <translation>也搜索了：%1</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="248" />
        <source>reports of %1</source>
        <translation>%1年的报告</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="249" />
        <source>titles with %1</source>
        <translation>标题含“%1”</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="262" />
        <source>Cannot search this</source>
        <translation>无法检索</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="264" />
        <source>The query cannot be used: %1</source>
        <translation>查询无法使用：%1</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="270" />
        <source>No reports yet. Drag report files or folders onto this window, or &lt;a href='add'&gt;add reports…&lt;/a&gt;</source>
        <translation>还没有报告。把报告文件或文件夹拖到本窗口，或&lt;a href='add'&gt;添加报告…&lt;/a&gt;</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="304" />
        <source>No recent queries yet</source>
        <translation>还没有最近的查询</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="306" />
        <source>Edit recent queries…</source>
        <translation>编辑最近的查询…</translation>
    </message>
    <message>
        <location filename="../search_page.py" line="307" />
        <source>Clear recent queries</source>
        <translation>清除最近的查询</translation>
    </message>
</context>
<context>
    <name>StatementsModel</name>
    <message>
        <location filename="../check_models.py" line="137" />
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../check_models.py" line="137" />
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <location filename="../check_models.py" line="137" />
        <source>Statement</source>
        <translation>语句</translation>
    </message>
</context>
<context>
    <name>YearChart</name>
    <message>
        <location filename="../timeline.py" line="132" />
        <source>%1: %2 paragraphs</source>
        <translation>%1 年：%2 段</translation>
    </message>
    <message>
        <location filename="../timeline.py" line="134" />
        <source> (%1 exact)</source>
        <translation>（完全匹配 %1 段）</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../app.py" line="60" />
        <source>ReportSearch</source>
        <translation>报告检索</translation>
    </message>
    <message>
        <location filename="../app.py" line="61" />
        <source>Something went wrong: %1
The details are in the log: %2</source>
        <translation>出错了：%1
详细信息已写入日志：%2</translation>
    </message>
</context>
<context>
    <name>engine</name>
    <message>
        <location filename="../../index/messages.py" line="179" />
        <source>The index was damaged ({what}) and has been moved to {aside}; rebuilding it from {count} report sources (corrections are kept).</source>
        <translation>索引已损坏（{what}），已移到 {aside}；正在从 {count} 个报告来源重建（更正会保留）。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="180" />
        <source>{what}, so the index needs rebuilding; rebuilding it from {count} report sources (corrections are kept).</source>
        <translation>{what}，索引需要重建；正在从 {count} 个报告来源重建（更正会保留）。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="181" />
        <source>The index is gone; rebuilding it from {count} report sources (corrections are kept).</source>
        <translation>索引不见了；正在从 {count} 个报告来源重建（更正会保留）。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="182" />
        <source>The last rebuild did not finish; continuing from {count} report sources (corrections are kept).</source>
        <translation>上次的重建没有完成；继续从 {count} 个报告来源重建（更正会保留）。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="183" />
        <source>The index format has been upgraded</source>
        <translation>索引格式已升级</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="184" />
        <source>The text folding rules (full/half width, case, Traditional/Simplified) have changed</source>
        <translation>文字折叠规则（全半角、大小写、繁简）已改变</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="185" />
        <source>The Traditional/Simplified table has changed</source>
        <translation>繁简对照表已改变</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="186" />
        <source>The word segmenter has changed</source>
        <translation>分词器已改变</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="187" />
        <source>file {name} is missing</source>
        <translation>缺少文件 {name}</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="188" />
        <source>file {name} has the wrong size ({expected} bytes expected, {actual} found)</source>
        <translation>文件 {name} 的大小不对（应为 {expected} 字节，实为 {actual} 字节）</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="189" />
        <source>the content of file {name} has been altered</source>
        <translation>文件 {name} 的内容被改动过</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="190" />
        <source>the index description file {name} is missing or unreadable</source>
        <translation>索引说明文件 {name} 缺失或无法读取</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="191" />
        <source>the index cannot be read ({error})</source>
        <translation>无法读取索引（{error}）</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="192" />
        <source>the index's table of contents is not the last one committed</source>
        <translation>索引目录文件不是最后一次提交的那个</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="193" />
        <source>The index is damaged ({what}): {path}</source>
        <translation>索引已损坏（{what}）：{path}</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="194" />
        <source>The index is being written by another program (another ReportSearch window or a command-line import). Please wait for it to finish and try again.</source>
        <translation>索引正被另一个程序写入（另一个报告检索窗口或命令行导入）。请等它完成后再试。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="195" />
        <source>Cannot create the index folder {path}: {error}</source>
        <translation>无法创建索引文件夹 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="196" />
        <source>The index folder {path} is on a network share ({kind}), and the index's database can only live on a disk of this computer. Choose a folder on this computer; for several PCs to share one set of reports, use a team archive (PostgreSQL).</source>
        <translation>索引文件夹 {path} 在网络共享（{kind}）上，而索引的数据库只能放在本机磁盘上。请换一个本机的文件夹；多台电脑要共用一批报告，请用团队资料库（PostgreSQL）。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="197" />
        <source>Cannot write the index ({error}): {path}. The reports committed so far are there and the last complete index can still be used; free some space or choose another index folder, then import again.</source>
        <translation>无法写入索引（{error}）：{path}。已提交的报告都在，上一次完整的索引仍可使用；腾出空间或换一个索引文件夹后重新导入即可。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="198" />
        <source>Cannot write the index folder {path} ({error}).</source>
        <translation>无法写入索引文件夹 {path}（{error}）。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="199" />
        <source>The process {name} writing the index stopped unexpectedly ({error}); this batch of reports was not committed, the last complete index can still be used, and importing again continues.</source>
        <translation>写入索引的子进程 {name} 意外中止（{error}）；这一批报告没有提交，上一次完整的索引仍可使用，重新导入即可继续。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="200" />
        <source>Cannot save the record of report sources {path} ({error}).</source>
        <translation>无法保存报告来源记录 {path}（{error}）。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="201" />
        <source>Cannot save corrections to {path} ({error}).</source>
        <translation>无法保存更正到 {path}（{error}）。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="202" />
        <source>The corrections file {path} is being saved by another program; please try again in a moment.</source>
        <translation>更正文件 {path} 正被另一个程序保存，请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="203" />
        <source>The corrections file {path} cannot be read ({error}); so as not to overwrite what it holds, this correction was not saved.</source>
        <translation>更正文件 {path} 无法读取（{error}），为免覆盖其中的内容，这次更正没有保存。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="204" />
        <source>Corrections file {file}, line {line}: {problem}; this entry is ignored.</source>
        <translation>更正文件 {file} 第 {line} 行：{problem}；这一项已忽略。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="205" />
        <source>The corrections file {file} cannot be read: {problem}; its corrections are not applied for now.</source>
        <translation>更正文件 {file} 无法读取：{problem}；暂不应用其中的更正。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="206" />
        <source>no value in the path column (the report's path)</source>
        <translation>没有 path 列的值（报告路径）</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="207" />
        <source>the first line should be the column names path,institution,year,title</source>
        <translation>第一行应是列名 path,institution,year,title</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="208" />
        <source>The correction is saved to {file}; the index is in use by an import, which applies it at its next commit.</source>
        <translation>更正已保存到 {file}；索引正被导入程序使用，导入程序会在下一次提交时应用它。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="209" />
        <source>The index is being written by another program (an import or a rebuild); this uses what it last committed.</source>
        <translation>索引正被另一个程序写入（导入或重建中），这次用的是它最后一次提交的内容。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="210" />
        <source>The alias table {path} cannot be read: {error}; the file is ignored.</source>
        <translation>机构别名表 {path} 无法读取：{error}；已忽略此文件</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="211" />
        <source>The alias table {path} is not valid TOML: {error}; the file is ignored.</source>
        <translation>机构别名表 {path} 格式有误：{error}；已忽略此文件</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="212" />
        <source>Alias table {path}: {what}</source>
        <translation>机构别名表 {path}：{what}</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="213" />
        <source>Alias table {path}, line {line}: {what}</source>
        <translation>机构别名表 {path} 第 {line} 行：{what}</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="214" />
        <source>unknown entry “{key}”, ignored (only [aliases] and [places] are read)</source>
        <translation>未知的项 “{key}”，已忽略（只认 [aliases] 和 [places]）</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="215" />
        <source>aliases must be a table: under [aliases] each line is name = ["alias", …]; ignored</source>
        <translation>aliases 必须是一个表：[aliases] 下每行写 名称 = ["别名", …]；已忽略</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="216" />
        <source>the aliases of “{name}” must be a list of strings of at most {limit} characters each; this entry is ignored</source>
        <translation>“{name}” 的别名必须是字符串列表，每个名称不超过 {limit} 字；此条已忽略</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="217" />
        <source>places must be a table (provinces and cities under [places]); ignored</source>
        <translation>places 必须是一个表（[places] 下写 provinces 和 cities）；已忽略</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="218" />
        <source>each item of provinces must be ["full name", "short name"]; {item} is ignored</source>
        <translation>provinces 的每一项必须是 ["全称", "简称"]，{item} 已忽略</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="219" />
        <source>each item of cities must be a city's name; {item} is ignored</source>
        <translation>cities 的每一项必须是城市名称，{item} 已忽略</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="220" />
        <source>The record of report sources {file} cannot be read ({problem}) and was saved aside as {aside}; the sources were recorded again from the reports in the index.</source>
        <translation>报告来源记录 {file} 无法读取（{problem}），已另存为 {aside}；已按索引中的报告重新记录来源。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="221" />
        <source>{count} report sources cannot be reached now: {paths}. Their reports stay in the index, marked offline, and can still be searched; re-scan when the sources are back.</source>
        <translation>{count} 个报告来源现在无法访问：{paths}。其中的报告保留在索引中，标为离线，可以接着检索；来源恢复后重新扫描即可。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="222" />
        <source>The path does not exist: {path}</source>
        <translation>路径不存在：{path}</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="223" />
        <location filename="../../index/messages.py" line="245" />
        <source>Cannot access the file: {error}</source>
        <translation>无法访问文件：{error}</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="224" />
        <location filename="../../index/messages.py" line="246" />
        <source>Cannot read the file: {error}</source>
        <translation>无法读取文件：{error}</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="225" />
        <source>{reason}; its earlier paragraphs were removed from the index</source>
        <translation>{reason}；原来的段落已从索引中移除</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="226" />
        <source>The environment variable {env} points to {path}, which is not a folder. Set {env} to a folder, or remove the variable.</source>
        <translation>环境变量 {env} 指向 {path}，但它不是文件夹。请把 {env} 设为一个文件夹，或删去这个环境变量。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="227" />
        <source>There is no report “{name}” in the index. The reports command lists them all.</source>
        <translation>索引中没有报告 “{name}”。用 reports 命令查看所有报告。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="228" />
        <source>Several reports are called “{name}”: {paths}. Please give the full path.</source>
        <translation>有多个报告叫 “{name}”：{paths}。请写出完整路径。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="229" />
        <source>Report “{name}” has no paragraph {ordinal}.</source>
        <translation>报告 “{name}” 没有第 {ordinal} 段。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="230" />
        <source>The query is too long ({length} characters); at most {limit}.</source>
        <translation>查询太长（{length} 字），最多 {limit} 字。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="231" />
        <source>The query has too many different terms ({terms}); at most {limit}. To find a whole sentence, put it in quotes.</source>
        <translation>查询中的不同检索词太多（{terms} 个），最多 {limit} 个。要查找一整句话，请把它放在引号里。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="232" />
        <source>Only excluded words: please type what to find as well.</source>
        <translation>只有排除的词：请再输入要查找的内容。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="233" />
        <source>Please type what to find.</source>
        <translation>请输入要查找的内容。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="234" />
        <source>The year is not written right: “{value}”. For example year:2025 or year:2024-2026.</source>
        <translation>年份写法不对：“{value}”。例如 year:2025 或 year:2024-2026。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="235" />
        <source>The year is out of range: “{value}”.</source>
        <translation>年份超出范围：“{value}”。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="236" />
        <source>The number of hits and the start cannot be negative (limit={limit}, offset={offset}).</source>
        <translation>条数和起始位置不能是负数（limit={limit}，offset={offset}）。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="237" />
        <source>The query looks for too many strings ({count} with the institutions' other names and the other ways of writing its figures); at most {limit}: use fewer terms.</source>
        <translation>查询要查找的内容太多（连同机构的其他名称和数字的其他写法共 {count} 个），最多 {limit} 个：请减少检索词。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="238" />
        <source>A year must be a number: “{value}”.</source>
        <translation>年份必须是数字：“{value}”。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="239" />
        <source>A year must be four digits: “{value}”</source>
        <translation>年份必须是四位数字：“{value}”</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="240" />
        <source>The year {year} is not between {first} and {last}</source>
        <translation>年份 {year} 不在 {first}–{last} 之间</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="241" />
        <source>{field} is too long ({length} characters, at most {limit})</source>
        <translation>{field} 太长（{length} 字，最多 {limit} 字）</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="242" />
        <source>Unsupported file type {suffix}</source>
        <translation>不支持的文件类型 {suffix}</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="243" />
        <source>(no extension)</source>
        <translation>(无扩展名)</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="244" />
        <source>The file has no text</source>
        <translation>文件中没有文字</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="247" />
        <source>Empty file (0 bytes)</source>
        <translation>空文件（0 字节）</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="248" />
        <source>The file is too big ({size} MB; the limit is {limit} MB)</source>
        <translation>文件过大（{size} MB，上限 {limit} MB）</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="249" />
        <source>The file is too big (the limit is {limit} MB)</source>
        <translation>文件过大（上限 {limit} MB）</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="250" />
        <source>The file changed while it was read; scan again later</source>
        <translation>文件在读取时被改动，请稍后重新扫描</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="251" />
        <source>The file declares the {encoding} encoding, but its content cannot be read in it</source>
        <translation>文件声明为 {encoding} 编码，但内容无法按此编码解读</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="252" />
        <source>This is a binary file, not text</source>
        <translation>这是二进制文件，不是文本</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="253" />
        <source>Unknown encoding (not UTF-8, UTF-16 or GBK/GB18030 text)</source>
        <translation>无法识别文件编码（不是 UTF-8、UTF-16 或 GBK/GB18030 文本）</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="254" />
        <source>Unknown encoding (guessed {encoding}, but it does not decode)</source>
        <translation>无法识别文件编码（猜测为 {encoding}，但无法解码）</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="255" />
        <source>The encoding is garbled (invalid bytes mixed in) and cannot be read reliably</source>
        <translation>文件编码混乱（夹杂无效字节），无法可靠解读</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="256" />
        <source>The Word file is encrypted (password protected)</source>
        <translation>Word 文件已加密（有密码保护）</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="257" />
        <source>Not a valid Word file (word/document.xml is missing)</source>
        <translation>不是有效的 Word 文件（缺少 word/document.xml）</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="258" />
        <source>The Word file unpacks to an enormous size (a suspected zip bomb) and was skipped</source>
        <translation>Word 文件解压后异常巨大（疑似压缩炸弹），已跳过</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="259" />
        <source>The Word file is encrypted (password protected), or in the old .doc format</source>
        <translation>Word 文件已加密（有密码保护），或是旧版 .doc 格式</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="260" />
        <source>The Word file is damaged (not a valid zip package)</source>
        <translation>Word 文件已损坏（不是有效的 zip 包）</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="261" />
        <source>The Word file is damaged: {error}</source>
        <translation>Word 文件已损坏：{error}</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="262" />
        <source>The PDF is encrypted (password protected)</source>
        <translation>PDF 已加密（有密码保护）</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="263" />
        <source>The PDF file is damaged: {error}</source>
        <translation>PDF 文件已损坏：{error}</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="264" />
        <source>The PDF file cannot be parsed: {error}</source>
        <translation>PDF 文件无法解析：{error}</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="265" />
        <source>The PDF has no text to extract (perhaps a scan; text recognition is not supported)</source>
        <translation>PDF 中没有可提取的文字（可能是扫描件，暂不支持文字识别）</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="266" />
        <source>This is a named pipe (FIFO), not a regular file</source>
        <translation>这是命名管道（FIFO），不是普通文件</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="267" />
        <source>This is a device file, not a regular file</source>
        <translation>这是设备文件，不是普通文件</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="268" />
        <source>This is a socket, not a regular file</source>
        <translation>这是套接字，不是普通文件</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="269" />
        <source>Not a regular file</source>
        <translation>不是普通文件</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="270" />
        <source>This is a folder, not a file</source>
        <translation>这是文件夹，不是文件</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="271" />
        <source>Broken or looping link</source>
        <translation>链接无效或循环链接</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="272" />
        <source>Has the same name as {path} (only the file name's encoding differs)</source>
        <translation>与 {path} 同名（只是文件名的编码不同）</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="273" />
        <source>The path does not exist</source>
        <translation>路径不存在</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="274" />
        <source>Cannot open the folder: {error}</source>
        <translation>无法打开文件夹：{error}</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="275" />
        <source>Same content as {path}: recorded as another location of the same report</source>
        <translation>与 {path} 内容相同，作为同一份报告的另一个位置记录</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="276" />
        <source>supported</source>
        <translation>有出处</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="277" />
        <source>figure differs</source>
        <translation>数字不同</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="278" />
        <source>no source found</source>
        <translation>未找到出处</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="279" />
        <source>same</source>
        <translation>一致</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="280" />
        <source>different (the report says {found})</source>
        <translation>不同（报告中为 {found}）</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="281" />
        <source>not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="282" />
        <source>figure</source>
        <translation>数字</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="283" />
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="284" />
        <source>person</source>
        <translation>人名</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="285" />
        <source>institution</source>
        <translation>机构</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="286" />
        <source>title or quote</source>
        <translation>标题或引语</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="287" />
        <source>{checked} statements checked: {supported} supported, {differs} with a differing figure, {unsupported} without a source.</source>
        <translation>共核对 {checked} 句：有出处 {supported} 句，数字不同 {differs} 句，未找到出处 {unsupported} 句。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="288" />
        <source>Cannot connect to the team archive {location}: {reason}</source>
        <translation>无法连接团队资料库 {location}：{reason}</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="289" />
        <source>The team archive {location} has the character type {ctype}, which cannot search Chinese: create the database with a UTF-8 locale such as C.UTF-8 (createdb --locale=C.UTF-8 --template=template0).</source>
        <translation>团队资料库 {location} 的字符类型是 {ctype}，不能检索中文：请用 UTF-8 区域（例如 C.UTF-8）创建数据库（createdb --locale=C.UTF-8 --template=template0）。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="290" />
        <source>The team archive {location} is encoded in {encoding}; it should be UTF8.</source>
        <translation>团队资料库 {location} 的编码是 {encoding}，应为 UTF8。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="291" />
        <source>{location} is not a team archive yet: the database owner should run reportsearch archive init --server …</source>
        <translation>{location} 还不是团队资料库：请数据库所有者运行 reportsearch archive init --server …</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="292" />
        <source>The team archive {location} is older than this program (upgrades {versions} are missing): the database owner should run reportsearch archive init --server …</source>
        <translation>团队资料库 {location} 的结构比这个程序旧（缺少第 {versions} 号升级）：请数据库所有者运行 reportsearch archive init --server …</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="293" />
        <source>The team archive {location} is newer than this program (upgrade {version}): please update ReportSearch.</source>
        <translation>团队资料库 {location} 的结构比这个程序新（第 {version} 号）：请升级报告检索。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="294" />
        <source>Cannot write to the team archive {location} ({error}). The reports committed so far are there; import again to continue.</source>
        <translation>无法写入团队资料库 {location}（{error}）。已提交的报告都在，重新导入即可继续。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="295" />
        <source>Another archivist is importing into the team archive; please try again when they are done.</source>
        <translation>团队资料库正由另一位档案管理员导入，请等它完成后再试。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="296" />
        <source>“{target}” is a set of database connection settings, not a folder: write a team archive as a URL, e.g. postgresql://user@host:5432/database.</source>
        <translation>“{target}”是数据库连接参数，不是文件夹：团队资料库请写成网址，例如 postgresql://用户名@主机:5432/数据库名。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="297" />
        <source>This account can only search and read the team archive (reporter role); it cannot import, correct or delete.</source>
        <translation>这个账号只能检索和阅读团队资料库（记者角色），不能导入、更正或删除。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="298" />
        <source>Cannot create the roles ({error}): archive init must be run by the database owner with an account that has CREATEROLE.</source>
        <translation>无法创建角色（{error}）：archive init 需由数据库所有者以有 CREATEROLE 权限的账号运行。</translation>
    </message>
    <message>
        <location filename="../../index/messages.py" line="299" />
        <source>A user name is lower-case letters, digits and underscores, starting with a letter: "{name}"</source>
        <translation>用户名只能由小写字母、数字和下划线组成，且以字母开头：“{name}”</translation>
    </message>
</context>
<context>
    <name>page</name>
    <message>
        <location filename="../check_page.py" line="392" />
        <source>Check a draft</source>
        <translation>核对稿件</translation>
    </message>
</context>
</TS>
