"""The harness hands whole files to its workers, the longest first (tests/conftest.py, tests/file_seconds.py)."""

from types import SimpleNamespace

from tests import conftest
from tests.file_seconds import seconds_by_file


def _items(*nodeids):
    return [SimpleNamespace(nodeid=nodeid) for nodeid in nodeids]


def test_a_long_file_with_few_tests_goes_before_short_files_and_each_file_keeps_its_order(
    monkeypatch, tmp_path
):
    seconds = tmp_path / "file_seconds.json"
    seconds.write_text('{"tests/b.py": 80.0}')
    monkeypatch.setattr(conftest, "FILE_SECONDS", seconds)
    items = _items(
        "tests/a.py::one", "tests/a.py::two", "tests/b.py::slow", "tests/c.py::x[1]", "tests/c.py::x[0]"
    )
    conftest.longest_files_first(items)
    assert [item.nodeid for item in items] == [
        "tests/b.py::slow",
        "tests/a.py::one",
        "tests/a.py::two",
        "tests/c.py::x[1]",
        "tests/c.py::x[0]",
    ]


def test_unmeasured_files_are_costed_by_their_number_of_tests(monkeypatch, tmp_path):
    monkeypatch.setattr(conftest, "FILE_SECONDS", tmp_path / "missing.json")
    items = _items("tests/a.py::one", "tests/b.py::one", "tests/b.py::two")
    conftest.longest_files_first(items)
    assert [item.nodeid for item in items] == ["tests/b.py::one", "tests/b.py::two", "tests/a.py::one"]


def test_the_durations_report_is_summed_by_file_and_short_files_left_out():
    report = [
        "============================== slowest durations ===============================",
        "40.45s setup    tests/writeback/test_move.py::test_rows",
        "31.50s call     tests/writeback/test_move.py::test_rows",
        "1.50s call     tests/api/test_quick.py::test_one[admin]",
        "0.01s teardown tests/api/test_quick.py::test_one[admin]",
    ]
    assert seconds_by_file(report) == {"tests/writeback/test_move.py": 72.0}


def test_a_test_with_subtests_counts_its_whole_call_once():
    report = [
        "12.00s call     tests/security/test_fuzz.py::test_every_operation[admin]",
        "3.00s call     tests/security/test_fuzz.py::test_every_operation[admin]",
        "2.50s call     tests/security/test_fuzz.py::test_every_operation[admin]",
        "1.00s setup    tests/security/test_fuzz.py::test_every_operation[admin]",
        "4.00s call     tests/security/test_fuzz.py::test_every_operation[viewer]",
    ]
    assert seconds_by_file(report) == {"tests/security/test_fuzz.py": 17.0}
