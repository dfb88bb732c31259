"""Reports from files: manifests, corrections that survive re-reading, folder walks."""

from __future__ import annotations

import shutil

from index.library import Corrections, iter_report_files, load_report
from index.model import Skipped


def test_load_report_labels_a_seed(seed_files):
    report = load_report(seed_files[0])
    assert report.name == "000_bd9af7df280a18e9.txt"
    assert report.institution == "长治市第二人民医院"
    assert report.year == 2025
    assert len(report.sha256) == 64
    assert report.paragraphs[0].ordinal == 1


def test_manifest_overrides_detection(tmp_path, seed_files):
    folder = tmp_path / "reports" / "2025"
    folder.mkdir(parents=True)
    shutil.copy(seed_files[0], folder / "a.txt")
    shutil.copy(seed_files[1], folder / "b.txt")
    (tmp_path / "reports" / "metadata.csv").write_text(
        "file,institution,year,title,notes\n2025/a.txt,某某医院,2023,自定标题,x\nb.txt,,2020,,\n",
        encoding="utf-8-sig",
    )
    a = load_report(folder / "a.txt")
    assert (a.institution, a.year, a.title) == ("某某医院", 2023, "自定标题")
    assert a.meta.sources["institution"] == "manifest"
    b = load_report(folder / "b.txt")  # a bare file name matches too; empty cells keep detection
    assert (b.institution, b.year) == ("长治市人民医院", 2020)


def test_corrections_survive_rereading(tmp_path, seed_files):
    store = tmp_path / "corrections.csv"
    corrections = Corrections(store)
    corrections.set(seed_files[3].resolve(), institution="长治市卫健委", year=2025)
    again = Corrections(store)  # a new process reads the file
    report = load_report(seed_files[3], corrections=again)
    assert (report.institution, report.year) == ("长治市卫健委", 2025)
    assert report.meta.sources["year"] == "correction"
    again.set(seed_files[3].resolve(), year=None)
    report = load_report(seed_files[3], corrections=Corrections(store))
    assert report.year == 2024  # cleared: back to detection


def test_folder_walk_skips_hidden_links_and_reports_bad_paths(tmp_path, seed_files):
    (tmp_path / "sub").mkdir()
    shutil.copy(seed_files[0], tmp_path / "sub" / "a.txt")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "loop").symlink_to(tmp_path)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    items = list(iter_report_files([tmp_path, tmp_path / "missing", tmp_path / "photo.jpg"]))
    files = [i for i in items if not isinstance(i, Skipped)]
    skipped = {i.path: i.reason for i in items if isinstance(i, Skipped)}
    assert [f.name for f in files] == ["a.txt"]
    assert skipped[str(tmp_path / "dangling.txt")].startswith("链接无效")
    assert skipped[str(tmp_path / "missing")] == "路径不存在"
    assert "不支持" in skipped[str(tmp_path / "photo.jpg")]
