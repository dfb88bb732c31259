"""Reading files: encodings, line ends, .docx, PDF, and files that cannot be read."""

from __future__ import annotations

import codecs
import zipfile

import pytest

from index.errors import ReadError
from index.reading import decode_bytes, read_text

TEXT = "长治市第二人民医院\n\n关节外科引进关节手术机器人技术，李晓东教授带领开展首例手术。\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("gb18030"), "gb18030"),
        (("Report 2025\n" + TEXT).encode("utf-16-le"), "utf-16-le"),
    ],
)
def test_encodings_decode_to_the_same_text(data, encoding):
    decoded = decode_bytes(data)
    assert decoded.text == ("Report 2025\n" + TEXT if decoded.text.startswith("Report") else TEXT)
    assert decoded.encoding == encoding


def test_short_gbk_snippet_is_not_garbled():
    # Detectors guess short GBK wrong; strict GB18030 comes before them.
    assert decode_bytes("卫健委".encode("gbk")).text == "卫健委"


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_ends_are_all_read(tmp_path, newline):
    path = tmp_path / "report.txt"
    path.write_bytes(TEXT.replace("\n", newline).encode("utf-8"))
    from index.paragraphs import find_paragraphs

    paragraphs = find_paragraphs(read_text(path).text)
    assert [p.text for p in paragraphs] == [
        "长治市第二人民医院",
        "关节外科引进关节手术机器人技术，李晓东教授带领开展首例手术。",
    ]


def test_seeds_read_as_utf8(seed_files):
    for path in seed_files:
        assert read_text(path).encoding == "utf-8"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "空文件"),
        ("blank.txt", b" \n\n\t \r\n", "没有文字"),
        ("binary.txt", bytes(range(256)) * 40, "二进制"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02\x03" * 500, "二进制"),
        ("broken.docx", b"PK\x03\x04 this is not really a zip", "损坏"),
        ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "加密"),
        ("broken.pdf", b"%PDF-1.4\n garbage without objects", "PDF"),
        ("notes.rtf", b"{\\rtf1 hello}", "不支持"),
    ],
)
def test_unreadable_files_give_a_clear_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReadError, match=reason):
        read_text(path)


def test_docx_paragraphs_headings_and_tables(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("实干笃行乘势上", level=1)
    document.add_paragraph("2024年，市二院深入实施人才强院战略。")
    table = document.add_table(rows=2, cols=3)
    for r, row in enumerate([("案例名称", "报送单位", "主要完成人"), ("MEAR", "市二院", "李刚")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    path = tmp_path / "report.docx"
    document.save(path)

    text = read_text(path).text
    assert text.splitlines()[0] == "# 实干笃行乘势上"
    assert "2024年，市二院深入实施人才强院战略。" in text
    assert "案例名称\t报送单位\t主要完成人\nMEAR\t市二院\t李刚" in text


def test_docx_zip_bomb_is_refused(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<" + b"a" * (60 * 1024 * 1024))
    with pytest.raises(ReadError, match="压缩炸弹"):
        read_text(path)


def _pdf(path, lines, encrypt=None):
    """A one-page PDF with CJK text, written with pypdf only (no extra packages)."""
    from pypdf import PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    font = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type0"),
        NameObject("/BaseFont"): NameObject("/STSong-Light"),
        NameObject("/Encoding"): NameObject("/UniGB-UCS2-H"),
        NameObject("/DescendantFonts"): ArrayObject([DictionaryObject({
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/CIDFontType0"),
            NameObject("/BaseFont"): NameObject("/STSong-Light"),
            NameObject("/CIDSystemInfo"): DictionaryObject({
                NameObject("/Registry"): TextStringObject("Adobe"),
                NameObject("/Ordering"): TextStringObject("GB1"),
                NameObject("/Supplement"): NumberObject(4),
            }),
        })]),
    })
    page[NameObject("/Resources")] = DictionaryObject({
        NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})
    })
    ops = ["BT", "/F1 12 Tf", "14 TL", "50 800 Td"]
    for line in lines:
        ops.append("<" + line.encode("utf-16-be").hex() + "> Tj T*")
    ops.append("ET")
    stream = DecodedStreamObject()
    stream.set_data("\n".join(ops).encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    if encrypt:
        writer.encrypt(encrypt)
    with path.open("wb") as handle:
        writer.write(handle)


def test_text_pdf_is_read(tmp_path):
    path = tmp_path / "report.pdf"
    _pdf(path, ["长治市人民医院", "一号管三天受益患者1000余人次。"])
    text = read_text(path).text
    assert "长治市人民医院" in text
    assert "一号管三天受益患者1000余人次。" in text


def test_encrypted_pdf_is_reported(tmp_path):
    path = tmp_path / "secret.pdf"
    _pdf(path, ["机密"], encrypt="s3cret")
    with pytest.raises(ReadError, match="加密"):
        read_text(path)


@pytest.mark.parametrize("code", range(1, 32))  # a NUL makes it UTF-16 or binary first
def test_text_mostly_of_one_control_character_is_binary_unless_it_is_white_space(code):
    """Each character below U+0020 counts as binary except \\t \\n \\v \\f \\r: 6% of
    one of them in otherwise plain text refuses it, 4% does not."""
    ch = chr(code)
    dense = ("报告正文" * 47 + ch * 12).encode("utf-8")  # 12 of 200 characters
    sparse = ("报告正文" * 48 + ch * 8).encode("utf-8")  # 8 of 200
    assert decode_bytes(sparse).text.endswith(ch * 8)
    if ch in "\t\n\x0b\x0c\r":
        assert decode_bytes(dense).text.endswith(ch * 12)
    else:
        with pytest.raises(ReadError):
            decode_bytes(dense)
