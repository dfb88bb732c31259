"""Finding paragraphs: kinds, sections, and page-break repair on real seed pages."""

from __future__ import annotations

import pytest

from index.model import Kind
from index.paragraphs import find_paragraphs
from index.reading import read_text


@pytest.fixture(scope="module")
def seeds(seed_files):
    return {path.name[:3]: find_paragraphs(read_text(path).text) for path in seed_files}


def _containing(paragraphs, needle):
    return [p for p in paragraphs if needle in p.text]


@pytest.mark.parametrize(
    ("seed", "sentence"),
    [
        # 以预防保健科为基础成 ⏎⏎ 立公共卫生科
        ("000", "以预防保健科为基础成立公共卫生科；"),
        # 等国内 ⏎⏎ 党建引领促提升 (a caption) ⏎⏎ 知名医疗机构进修培训227人
        ("000", "等国内知名医疗机构进修培训227人。"),
        # 将医质质控关口前 ⏎⏎ 移
        ("001", "将医质质控关口前移，完善出院患者费用审核机制。"),
        ("001", "63名骨干前往知名医院进修学习"),
        ("001", "郑民华教授等专家团队的对接合作"),
        ("002", "腹腔镜下“食管裂孔修补+胃底Nissen折叠术”"),
        ("003", "强化人才交流培养，我市选派医护骨干赴京培训进修"),
        ("003", "市中医院内分泌科等7个科室被确定为"),
        ("003", "周边医疗机构开展签约服务。"),
    ],
)
def test_page_breaks_are_rejoined(seeds, seed, sentence):
    found = _containing(seeds[seed], sentence)
    assert len(found) == 1
    assert found[0].kind is Kind.BODY


def test_caption_dropped_into_a_sentence_stays_a_caption(seeds):
    (caption,) = [p for p in seeds["000"] if p.text == "党建引领促提升"]
    assert caption.kind is Kind.CAPTION
    (joined,) = _containing(seeds["000"], "知名医疗机构进修培训227人")
    assert caption.ordinal == joined.ordinal + 1


def test_real_paragraph_ends_are_not_joined(seeds):
    # Every body paragraph of the seeds starts a sentence where the source did.
    texts = [p.text for p in seeds["000"] if p.kind is Kind.BODY]
    assert "坚持以党建凝聚干事合力，以高质量党建引领推动各项工作不断争先进位。" in texts
    assert any(t.startswith("2024年，市二院充分发挥党委核心领导作用") for t in texts)
    # Two long captions at the foot of a page are not one sentence.
    captions = [p.text for p in seeds["001"] if p.kind is Kind.CAPTION]
    assert "引进本地区首台手术机器人，常态化开展胃肠外科、食管外科、心胸外科等手术治疗" in captions


def test_kinds_on_a_seed_page(seeds):
    by_text = {p.text: p for p in seeds["000"]}
    assert by_text["聚焦"].kind is Kind.MASTHEAD
    assert by_text["2025 长治两会"].kind is Kind.MASTHEAD
    assert by_text["两会 专刊"].kind is Kind.MASTHEAD
    assert by_text["实干笃行乘势上 杏林逐梦书锦章"].kind is Kind.TITLE
    assert by_text["——长治市第二人民医院奋力绘就现代化医院高质量发展新画卷"].kind is Kind.TITLE
    assert by_text["长治市第二人民医院屯留医院正式挂牌"].kind is Kind.CAPTION
    assert by_text["提质赋能 持续擦亮党建品牌"].kind is Kind.HEADING
    assert by_text["文字/刘婷婷 版式/马学勤"].kind is Kind.BYLINE
    assert by_text["本版图片由长治市第二人民医院提供"].kind is Kind.BYLINE
    rows = [p for p in seeds["000"] if p.kind is Kind.TABLE]
    assert len(rows) == 10
    assert rows[0].text.split("\t") == ["案例名称", "报送单位", "主要完成人"]


def test_markdown_headings_and_wrapped_lines(seeds):
    by_text = {p.text: p for p in seeds["002"]}
    assert by_text["托举生命之光 守护妇幼健康"].kind is Kind.TITLE  # "## " stripped
    # "坚持党建引领  \n汇聚澎湃动能": a Markdown hard break inside one heading
    assert by_text["坚持党建引领 汇聚澎湃动能"].kind is Kind.HEADING
    assert by_text["托育从业人员实操培训"].kind is Kind.CAPTION
    assert by_text["文字/马翀 黑晓晓 版式/马学勤"].kind is Kind.BYLINE
    # "胃肠外科承办\n2024年中国抗癌协会\n肿瘤胃肠病学年会": one caption over three lines
    assert "胃肠外科承办2024年中国抗癌协会肿瘤胃肠病学年会" in [p.text for p in seeds["001"]]
    masthead = [p.text for p in seeds["004"] if p.kind is Kind.MASTHEAD]
    assert masthead == ["聚焦", "2026", "长治两会", "谋好篇 布好局", "履职尽责为人民", "两会 专刊"]


def test_every_paragraph_knows_its_section(seeds):
    (p,) = _containing(seeds["000"], "一号管三天")
    assert p.section == "质效齐升 学科建设再结硕果"
    assert all(q.section == "" for q in seeds["000"][:12])
    assert [q.ordinal for q in seeds["000"]] == list(range(1, len(seeds["000"]) + 1))


def test_one_paragraph_per_line_with_headings_and_furniture():
    text = "\n".join([
        "下载", "打印", "全屏", "【字号：", "加大", "】",
        "2026年上海市政府工作报告",
        "——2026年2月3日在上海市第十六届人民代表大会第四次会议上",
        "各位代表：",
        "现在，我代表上海市人民政府，向大会报告工作，请予审议。",
        "一、2025年工作回顾",
        "2025年是“十四五”规划冲刺收官之年。全市经济社会发展稳中有进。",
        "（一）全力促进经济平稳健康发展",
        "稳增长政策措施加快落地见效。",
    ])
    paragraphs = find_paragraphs(text)
    kinds = [(p.kind, p.text[:6]) for p in paragraphs]
    assert [k for k, _ in kinds[:6]] == [Kind.FURNITURE] * 6
    by_text = {p.text: p for p in paragraphs}
    assert by_text["2026年上海市政府工作报告"].kind is Kind.TITLE
    assert by_text["各位代表："].kind is Kind.BODY
    assert by_text["一、2025年工作回顾"].kind is Kind.HEADING
    assert by_text["稳增长政策措施加快落地见效。"].section == "（一）全力促进经济平稳健康发展"


def test_sentence_split_around_links_is_joined():
    # Wikisource copies break lines where a hyperlink stood.
    text = (
        "我們第一届全國人民代表大會第一次會議，在聽了劉少奇同志\n關於憲法草案的報告\n"
        "並進行了三天的討論以後，通過了我們國家的根本法——\n中華人民共和國憲法\n，接着，又通過了幾個法律。\n\n"
        "下一段。"
    )
    paragraphs = find_paragraphs(text)
    assert paragraphs[0].text == (
        "我們第一届全國人民代表大會第一次會議，在聽了劉少奇同志關於憲法草案的報告"
        "並進行了三天的討論以後，通過了我們國家的根本法——中華人民共和國憲法，接着，又通過了幾個法律。"
    )
    assert paragraphs[1].text == "下一段。"


@pytest.mark.parametrize("footer", [
    "本作品是中华人民共和国的\n法律\n、\n法规\n，属于公有领域。\n\nPublic domain\nfalse",
    # an anonymous work's licence: its date (1931) is not the report's
    "这部作品在1931年1月1日以前以匿名或別名發表，確實作者身份不明，在美國\n屬於\n公有領域\n。",
])
def test_licence_footer_is_furniture(footer):
    body = "\n\n".join(f"第{i}段正文，内容完整。" for i in range(10))
    paragraphs = find_paragraphs(body + "\n\n" + footer)
    assert all(p.kind is Kind.BODY for p in paragraphs[:10])
    assert all(p.kind is Kind.FURNITURE for p in paragraphs[10:])


def test_huge_paragraph_is_split_at_sentence_ends():
    sentence = "这是一个很长的句子，没有换行。"
    paragraphs = find_paragraphs(sentence * 5000)
    assert len(paragraphs) > 1
    assert all(p.text.endswith("。") for p in paragraphs)
    assert "".join(p.text for p in paragraphs) == sentence * 5000


@pytest.mark.corpus
def test_corpus_paragraphs_are_sane(corpus_dir):
    total = 0
    for path in sorted((corpus_dir / "docs").glob("*.txt")):
        paragraphs = find_paragraphs(read_text(path).text)
        total += len(paragraphs)
        assert paragraphs, path
        body = [p for p in paragraphs if p.kind is Kind.BODY]
        assert body, path
    assert total > 20000
