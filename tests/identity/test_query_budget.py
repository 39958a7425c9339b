from identity_app import services
from tests.identity.conftest import crm


def test_resolving_500_records_costs_a_fixed_number_of_queries(
    connection, flow, mirror, django_assert_max_num_queries
):
    mirror(
        *[
            crm(
                str(i),
                email=f"p{i}@acme{i % 50}.com",
                firstname=f"F{i}",
                lastname=f"L{i % 80}",
                postcode=f"{i % 9}",
            )
            for i in range(1500)
        ]
    )
    mirror(*[{"id": str(i), "merged_into": str(i + 1)} for i in range(0, 40, 2)])
    inbound = []
    for i in range(500):
        if i % 3 == 0:
            inbound.append({"external_id": f"k{i}", "email": f"p{i}@acme{i % 50}.com"})
        else:
            inbound.append(
                {
                    "external_id": f"n{i}",
                    "first_name": f"F{i}",
                    "last_name": f"L{i % 80}",
                    "postcode": f"{i % 9}",
                }
            )
    services.identity_rules_for_flow(flow=flow)
    with django_assert_max_num_queries(40):
        results = services.identity_resolve(flow=flow, records=inbound, batch_size=500)
    assert len(results) == 500
    assert sum(r.matched for r in results) >= 160
