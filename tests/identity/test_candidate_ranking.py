"""Review lists put the candidates whose names agree first: the person is among the first few even when
colleagues at their new employer outscore them on company evidence."""

from tests.identity.conftest import crm

NEW_COLLEAGUES = [
    ("Lisa", "Wilson"),
    ("Joyce", "Wright"),
    ("Kimberly", "Patterson"),
    ("Gary", "Rogers"),
    ("Terry", "Price"),
    ("Anna", "Peterson"),
    ("Maria", "Green"),
    ("Kenneth", "King"),
]


def test_a_job_change_lists_the_person_before_colleagues_at_the_new_company(mirror, resolve):
    mirror(
        *(
            crm(
                f"{index}",
                firstname=first,
                lastname=last,
                email=f"{first}.{last}@newco.com".lower(),
                company="NewCo Inc",
                city="Springfield",
            )
            for index, (first, last) in enumerate(NEW_COLLEAGUES, start=100)
        ),
        crm(
            "900",
            firstname="Maria",
            lastname="Brooks",
            email="maria.brooks@oldco.com",
            company="OldCo Inc",
            city="Springfield",
        ),
    )
    [result] = resolve(
        {
            "external_id": "x1",
            "first_name": "Maria",
            "last_name": "Brooks",
            "email": "maria.brooks@newco.com",
            "company": "NewCo",
            "city": "Springfield",
        }
    )
    assert result.outcome != "matched"
    assert result.candidates[0]["crm_id"] == "900"
    assert [c["rank"] for c in result.candidates] == list(range(1, len(result.candidates) + 1))
    # The colleagues still follow, best score first, for the reviewer to rule out.
    assert len(result.candidates) == 5
