"""Seeding: determinism, realistic mess, scale; the store's modified-time index; the rep simulator."""

import re
import time
from collections import Counter

from crm_sandbox import ManualClock, Sandbox

from .conftest import START


def snapshot(seed: int):
    sandbox = Sandbox(seed=seed, clock=ManualClock(START))
    account = sandbox.add_account("hubspot", name="acme", contacts=300, companies=40)
    return [
        account.get_record("contacts", rid) for rid in account.record_ids("contacts")
    ], account.credentials


def test_same_seed_same_data_and_credentials():
    assert snapshot(7) == snapshot(7)
    assert snapshot(7)[0] != snapshot(8)[0]


def test_seed_is_messy_like_a_real_crm(sandbox):
    account = sandbox.add_account("hubspot", name="messy", contacts=2000, companies=300)
    people = [account.get_record("contacts", rid) for rid in account.record_ids("contacts")]
    emails = [p.get("email") for p in people if p.get("email")]
    normalized = Counter(e.strip().lower() for e in emails)
    assert any(count > 1 for count in normalized.values())  # duplicates with case/space variants
    assert any(e != e.strip() or e != e.lower() for e in emails)
    assert any(re.match(r"^(info|sales|contact|hello|office)@", e) for e in emails)  # shared role mailboxes
    assert any(p.get("hs_additional_emails") for p in people)  # personal next to work address
    phones = [p.get("phone") or "" for p in people]
    assert any(ph.startswith("+44") for ph in phones) and any(ph.startswith("0044") for ph in phones)
    names_at_company = Counter((p["firstname"], p["lastname"], p.get("associatedcompanyid")) for p in people)
    assert any(count > 1 for count in names_at_company.values())
    companies = [account.get_record("companies", rid) for rid in account.record_ids("companies")]
    domains = Counter(c["domain"] for c in companies)
    assert any(count > 1 for count in domains.values())  # subsidiaries share the parent's domain
    assert any(c.get("hs_parent_company_id") for c in companies)
    assert any(p.get("ai_score") for p in people)


def test_twenty_thousand_contacts_seed_in_seconds(sandbox):
    started = time.perf_counter()
    account = sandbox.add_account("salesforce", name="big", contacts=20_000, companies=3_000)
    assert time.perf_counter() - started < 15
    assert len(account.record_ids("Contact")) == 20_000
    assert len(account.record_ids("Account")) == 3_000
    assert len(account.record_ids("Opportunity")) >= 2_500


def test_index_stays_sorted_under_writes(sandbox, hubspot, clock):
    store = hubspot.store("contacts")
    for step, record_id in enumerate(hubspot.record_ids("contacts")[:20]):
        clock.advance(ms=step % 3)
        hubspot.rep_edit("contacts", record_id, {"jobtitle": f"T{step}"})
    assert store.live.keys == sorted(store.live.keys)
    assert len(store.live) == len(hubspot.record_ids("contacts"))
    assert {key for _, key in store.live.keys} == {int(rid) for rid in hubspot.record_ids("contacts")}
    hubspot.delete("contacts", hubspot.record_ids("contacts")[0])
    assert len(store.dead) == 1 and len(store.live) == 59


def test_rep_simulator_makes_human_edits_visible_in_history(sandbox, salesforce, clock):
    simulator = sandbox.rep_simulator(salesforce, seed=4)
    edits = []
    for _ in range(10):
        clock.advance(1)
        edits += simulator.step(3)
    assert len(edits) == 30
    actors = [entry.actor for e in edits for entry in salesforce.history(e["object"], e["id"])[-1:]]
    assert all(actor.kind == "rep" and actor.user_id in salesforce.rep_user_ids for actor in actors)
    assert (
        sandbox.rep_simulator(salesforce, seed=4).rng.random()
        == __import__("random").Random(f"{salesforce.seed}:rep:4").random()
    )


def test_generic_aliases_map_to_native_names(sandbox, salesforce, pipedrive, hubspot):
    assert salesforce.field_name("contacts", "ai_score") == "AI_Score__c"
    assert hubspot.field_name("contacts", "ai_score") == "ai_score"
    assert len(pipedrive.field_key("ai_score")) == 40
    assert salesforce.object_name("Opportunity") == "deals" and pipedrive.object_name("persons") == "contacts"
