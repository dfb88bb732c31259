"""The Qt models, without widgets."""

from gui.models import ReportsModel, ResultsModel
from index.engine import Engine


def test_results_model_passes_the_model_tester(qtmodeltester, seed_engine):
    model = ResultsModel()
    model.set_result(seed_engine.search("医院", limit=10))
    assert model.rowCount() == 10 and model.total > 10
    assert model.canFetchMore()
    qtmodeltester.check(model)


def test_results_model_pages(qtbot, seed_engine):
    model = ResultsModel()
    first = seed_engine.search("医院", limit=10)
    model.set_result(first)
    with qtbot.waitSignal(model.more_wanted) as wanted:
        model.fetchMore()
    assert wanted.args == [10]
    assert not model.canFetchMore()  # one page in flight at a time
    model.append(seed_engine.search("医院", limit=10, offset=10))
    assert model.rowCount() == 20
    model.append(seed_engine.search("医院", limit=10, offset=10))  # a duplicate page is ignored
    assert model.rowCount() == 20


def test_reports_model_passes_the_model_tester_and_asks_for_corrections(qtmodeltester, qtbot,
                                                                        tmp_path, seeds_dir):
    with Engine(tmp_path / "index") as engine:
        engine.index([seeds_dir])
        model = ReportsModel()
        model.set_records(engine.reports())
    qtmodeltester.check(model)
    index = model.index(0, ReportsModel.YEAR)
    with qtbot.waitSignal(model.correction_wanted) as wanted:
        assert model.setData(index, "2023")
    assert wanted.args[1:] == ["year", 2023]
    assert not model.setData(index, "not a year")
    assert not model.setData(model.index(0, ReportsModel.PARAGRAPHS), "3")
