"""The fault storm, reduced: real rqworker processes, Redis, PostgreSQL and the HTTP sandbox; 429 storms, 5xx,
lost answers, 20 % of the score writes silently dropped, 5 x kill -9. Every value ends verified in the CRM or
dead-lettered with a reason, and every outcome agrees with the CRM field by field. The full-size run and its
table: benchmarks/writeback_faults.py. Runs under `python -m tests.harness`."""

import os

import pytest

from tests.writeback.fault_storm import StormConfig, storm_run
from tests.writeback.test_crash_recovery import _servers_available, _worker_env

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


@pytest.fixture
def shared_servers(transactional_db):
    why = _servers_available()
    if why:
        pytest.skip(why)
    import django_rq

    django_rq.get_queue("writeback").connection.flushdb()


def test_a_fault_storm_ends_with_every_value_verified_or_dead_lettered_as_the_crm_shows(shared_servers):
    config = StormConfig(records=100, batch=20, kills=5, kill_window_s=8.0)
    report = storm_run(config, env=_worker_env(), log_path=os.environ.get("CRMHUB_WORKER_LOG", os.devnull))
    print(report.table())
    assert report.kills == 5
    assert report.values == config.records
    assert report.disagreements == [], report.disagreements[:10]
    assert set(report.by_outcome) <= {
        "written_verified",
        "dead_lettered (verification_mismatch)",
        "dead_lettered (transient_exhausted)",
    }
    assert report.calls["(writes of a value silently dropped)"] > 0  # and none is recorded as written
    assert report.calls["verification reads"] < report.calls["write requests"]
