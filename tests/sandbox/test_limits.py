"""The documented bounds per CRM (opt-in): Salesforce's rolling daily allocation, Pipedrive token windows and
daily token budget, HubSpot tiers with search at 5 per second."""

from crm_sandbox.limits import RollingWindow, hubspot_tier, pipedrive_token_bounds, salesforce_bounds
from tests.sandbox.conftest import client_for


def test_rolling_window_frees_what_was_spent_a_window_ago():
    window = RollingWindow(10_000, steps=10)
    window.spend(0, 3)
    window.spend(4_000, 2)
    assert window.used(9_999) == 5 and window.wait_ms(9_999, 1, 5) > 0
    assert window.used(10_000) == 2
    assert window.wait_ms(10_000, 1, 5) == 0 and window.used(14_000) == 0


def test_salesforce_daily_allocation_rolls_over_a_day(sandbox, salesforce, clock):
    salesforce_bounds(salesforce, enforce_api_requests=True, daily_api_requests=3, day_s=100)
    with client_for(sandbox, salesforce) as sf:
        answers = [sf.get("/services/data/v67.0/limits") for _ in range(4)]
        assert [a.status_code for a in answers] == [200, 200, 200, 403]
        assert answers[3].json() == [
            {"message": "TotalRequests Limit exceeded.", "errorCode": "REQUEST_LIMIT_EXCEEDED"}
        ]
        assert answers[2].headers["Sforce-Limit-Info"] == "api-usage=3/3"
        assert answers[2].json()["DailyApiRequests"] == {"Max": 3, "Remaining": 0}
        clock.advance(101)
        assert sf.get("/services/data/v67.0/limits").status_code == 200


def test_pipedrive_spends_token_costs_per_two_second_window(sandbox, pipedrive, clock):
    pipedrive_token_bounds(pipedrive, tokens_per_window=12, daily_tokens=1_000)
    person = pipedrive.record_ids("persons")[0]
    with client_for(sandbox, pipedrive) as pd:
        first = pd.patch(f"/api/v2/persons/{person}", json={"name": "A"})  # 5 tokens
        assert first.status_code == 200 and first.headers["x-ratelimit-remaining"] == "7"
        assert pd.patch(f"/api/v2/persons/{person}", json={"name": "B"}).status_code == 200
        listed = pd.get("/api/v2/persons")  # 10 tokens: over the window
        assert listed.status_code == 429 and int(listed.headers["retry-after"]) >= 1
        assert pd.get(f"/api/v2/persons/{person}").status_code == 200  # 1 token still fits
        clock.advance(2)
        again = pd.get("/api/v2/persons")
        assert again.status_code == 200 and again.headers["x-ratelimit-remaining"] == "2"
        assert again.headers["x-daily-requests-left"] == str(1_000 - 21)


def test_pipedrive_daily_token_budget_resets_at_midnight(sandbox, pipedrive, clock):
    pipedrive_token_bounds(pipedrive, tokens_per_window=1_000, daily_tokens=15, day_s=60)
    person = pipedrive.record_ids("persons")[0]
    with client_for(sandbox, pipedrive) as pd:
        statuses = [pd.patch(f"/api/v2/persons/{person}", json={"name": "A"}).status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        clock.advance(60)
        assert pd.patch(f"/api/v2/persons/{person}", json={"name": "A"}).status_code == 200


def test_hubspot_professional_tier_allows_190_per_ten_seconds_and_search_five_per_second(
    sandbox, hubspot, clock
):
    hubspot_tier(hubspot, "professional")
    with client_for(sandbox, hubspot) as hs:
        statuses = [hs.get("/crm/v3/objects/contacts", params={"limit": 1}).status_code for _ in range(191)]
        assert statuses.count(200) == 190 and statuses[-1] == 429
        clock.advance(10)
        last = hs.get("/crm/v3/objects/contacts", params={"limit": 1})
        assert last.headers["x-hubspot-ratelimit-max"] == "190"
        assert last.headers["x-hubspot-ratelimit-daily"] == "650000"
        searches = [
            hs.post("/crm/v3/objects/contacts/search", json={"limit": 1}).status_code for _ in range(6)
        ]
        assert searches == [200] * 5 + [429]


def test_hubspot_daily_limit_answers_the_daily_policy(sandbox, hubspot, clock):
    hubspot_tier(hubspot, "free", daily=2, day_s=60)
    with client_for(sandbox, hubspot) as hs:
        answers = [hs.get("/crm/v3/objects/contacts", params={"limit": 1}) for _ in range(3)]
        assert [a.status_code for a in answers] == [200, 200, 429]
        assert answers[2].json()["policyName"] == "DAILY"
        clock.advance(60)
        assert hs.get("/crm/v3/objects/contacts", params={"limit": 1}).status_code == 200
