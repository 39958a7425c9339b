"""An ERP or a billing system keeps the CRM account's id beside its customer (the Salesforce Account id, the
HubSpot company id, a UUID where the CRM's own ids are UUIDs): the column is found in the data for
organisations as for people (`crm_references`), its pairs weighed by the company names, legal forms aside."""

import csv
import random
import string
import uuid

from django.core.management import call_command

from identity_app import crm_references, salesforce_ids
from identity_app.attributes import EntityKind

WORDS = ["Harbor", "Lumen", "Cobalt", "Juniper", "Vesta", "Orchid", "Tandem", "Quarry", "Beacon", "Summit"]
TRADES = ["Logistics", "Analytics", "Foods", "Robotics", "Textiles", "Dental", "Freight", "Optics"]
ACCOUNTS = 30


def account_id(rng: random.Random) -> str:
    id15 = "0015g" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(10))
    return id15 + salesforce_ids.checksum(id15)


def crm_accounts(seed: int = 4, ids=account_id) -> list[dict]:
    rng = random.Random(seed)
    return [
        {
            "Id": ids(rng),
            "Name": f"{WORDS[n % len(WORDS)]} {TRADES[(n * 3 + n // len(WORDS)) % len(TRADES)]} Ltd",
            "Website": f"https://www.account{n}.example.com",
        }
        for n in range(ACCOUNTS)
    ]


def random_uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def erp_customers(crm: list[dict], column=lambda account: account["Id"]) -> list[dict]:
    """The ERP's customers: the account's name written with another legal form or in capitals, no website,
    and the CRM account's id; two with another company's name (a customer that took over the account's
    id); two carrying other systems' ids."""
    rows = [
        {
            "customer_no": f"C{n}",
            "Company Name": account["Name"].replace(" Ltd", " Limited") if n % 2 else account["Name"].upper(),
            "crm_account": column(account),
        }
        for n, account in enumerate(crm[:20])
    ]
    rows.append({"customer_no": "S1", "Company Name": "Northgate Plumbing", "crm_account": column(crm[20])})
    rows.append({"customer_no": "S2", "Company Name": "Ridgeway Bakery", "crm_account": column(crm[21])})
    rows.append({"customer_no": "O1", "Company Name": "Pellucid Glass", "crm_account": "CUST-12345"})
    rows.append({"customer_no": "O2", "Company Name": "Amberline Tools", "crm_account": str(uuid.uuid4())})
    return rows


def _detected(crm: list[dict], inbound: list[dict], column: str) -> crm_references.ReferenceColumn:
    found = crm_references.ReferenceColumn(column)
    records = [{"attributes": row} for row in inbound]
    mirror = [{"id": row["Id"], "values": row} for row in crm]
    crm_references.detect([found], iter(records), lambda: iter(mirror), EntityKind.ORGANISATION)
    return found


def test_a_column_of_account_ids_is_found_in_an_organisation_flow():
    crm = crm_accounts()
    found = _detected(crm, erp_customers(crm), "crm_account")
    assert found.used and found.salesforce_held == 22 and found.agreeing == 20
    assert "read as the CRM id" in crm_references.line(found)


def test_a_column_of_other_companies_ids_is_not_read_as_the_records_own():
    """A parent company's or a reseller's account id names CRM records too, but not the record's company."""
    crm = crm_accounts()
    inbound = [
        {
            "customer_no": f"C{n}",
            "Company Name": account["Name"],
            "parent_account": crm[(n + 7) % ACCOUNTS]["Id"],
        }
        for n, account in enumerate(crm[:20])
    ]
    found = _detected(crm, inbound, "parent_account")
    assert not found.used and "the ids of other companies" in found.verdict


def test_uuids_the_crm_export_holds_are_crm_ids():
    crm = crm_accounts(ids=random_uuid)
    found = _detected(crm, erp_customers(crm), "crm_account")
    assert found.used and found.uuid_held == 22


def test_uuids_the_crm_export_does_not_hold_are_not_counted():
    crm = crm_accounts(ids=random_uuid)
    inbound = erp_customers(crm, column=lambda account: str(uuid.uuid4()))
    found = _detected(crm, inbound, "crm_account")
    assert not found.used and found.uuid_held == 0


def test_a_numeric_column_of_hubspot_company_ids_is_read():
    crm = crm_accounts(ids=lambda rng: str(rng.randrange(10**9, 10**10)))
    found = _detected(crm, erp_customers(crm)[:22], "crm_account")
    assert found.used and found.number_held == 22


# -- the offline run -------------------------------------------------------------------------------------


def write(path, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def link(tmp_path, crm, inbound) -> dict[str, dict]:
    out = tmp_path / "results.csv"
    call_command(
        "identity_link",
        str(write(tmp_path / "erp.csv", inbound)),
        provider="salesforce",
        object_name="Account",
        kind="organisation",
        mirror_csv=str(write(tmp_path / "accounts.csv", crm)),
        external_id_column="customer_no",
        out=str(out),
        progress=False,
    )
    return {row["external_id"]: row for row in csv.DictReader(out.open(encoding="utf-8"))}


def test_the_cli_links_customers_by_the_stored_account_id_and_says_so(db, tmp_path, capsys):
    crm = crm_accounts()
    results = link(tmp_path, crm, erp_customers(crm))
    told = capsys.readouterr().err
    assert any(line.startswith("crm_account:") and "read as the CRM id" in line for line in told.splitlines())
    for number, account in enumerate(crm[:20]):
        assert (results[f"C{number}"]["decision"], results[f"C{number}"]["crm_id"]) == (
            "matched",
            account["Id"],
        )


def test_a_customer_of_another_name_is_not_linked_to_the_stored_account_id(db, tmp_path):
    crm = crm_accounts()
    results = link(tmp_path, crm, erp_customers(crm))
    for other, account in (("S1", crm[20]), ("S2", crm[21])):
        assert results[other]["decision"] != "matched"
        assert f"names CRM record {account['Id']}, a record of another company" in results[other]["notes"]
    for other in ("O1", "O2"):
        assert results[other]["decision"] != "matched" and "CRM id" not in results[other]["notes"]


def test_the_cli_links_by_uuids_where_the_crm_ids_are_uuids(db, tmp_path):
    crm = crm_accounts(ids=random_uuid)
    results = link(tmp_path, crm, erp_customers(crm))
    assert (results["C3"]["decision"], results["C3"]["crm_id"]) == ("matched", crm[3]["Id"])
