"""The resolve stage's column paths give what the per-candidate paths give: the levels `totals` keeps and
reads again (`levels_at`, `names_agree_at`, the resolver's `names_agree_in_levels`), remembered levels of lists and
dates (`memo_key`), and the vetoes' shortcuts (`other_mailbox_at_same_domain`, a name against itself)."""

import datetime as dt
import itertools
import random

from identity_app import legal_forms, locale_words, normalise_emails, organisations, scoring
from identity_app.resolution import names_agree_in_levels, other_mailbox_at_same_domain
from identity_app.scoring import (
    DEFAULT_COMPARISONS,
    MISSING,
    InboundScorer,
    LevelMemo,
    Scorer,
    level_of,
    memo_key,
    similarity,
)
from tests.identity.test_resolver_fast_path import _random_profile

NAMES = ["jon", "john", "smith", "smyth", "doe", "jane", "j", "miller jr", "miller", "van der berg"]


def _mixed_profile(rng: random.Random) -> dict:
    """A random profile whose first and last names come from one pool, so some pairs agree only swapped."""
    profile = _random_profile(rng)
    profile["first_name"] = rng.choice([*NAMES, "", None])
    profile["last_name"] = rng.choice([*NAMES, "", None])
    if rng.random() < 0.2:
        profile["emails"] = []
        profile["phone"] = profile["company_name"] = profile["city"] = None  # little or nothing to compare
    return profile


def test_totals_keep_the_levels_and_name_agreement_of_each_candidate(monkeypatch):
    monkeypatch.setattr(scoring, "LEVELS", LevelMemo())
    scorer = Scorer([dict(comparison) for comparison in DEFAULT_COMPARISONS], 0.01)
    rng = random.Random(11)
    swapped = zero = 0
    for _ in range(80):
        inbound = _mixed_profile(rng)
        candidates = [_mixed_profile(rng) for _ in range(25)]
        rows = [scorer.values(candidate) for candidate in candidates]
        batch = scorer.against(inbound)
        totals = batch.totals(rows)
        alone = scorer.against(inbound)  # asked one candidate at a time, after `totals`
        for position, (candidate, row, total) in enumerate(zip(candidates, rows, totals, strict=True)):
            levels = scorer.levels(inbound, candidate)
            reference = scorer.total(levels)
            assert total == reference and type(total) is type(reference)  # the int 0 of nothing compared too
            zero += type(total) is int
            assert batch.levels_at(position, row) == levels == alone.levels(row)
            agree = alone.names_agree(row)
            assert batch.names_agree_at(position, row) == agree
            assert names_agree_in_levels(levels, scorer.name_pair, scorer.different) == agree
            swapped += alone.is_swapped(row, levels)
    assert swapped and zero  # the mix holds names that agree only swapped, and pairs with nothing compared


def test_lists_and_dates_are_remembered_under_keys_no_text_shares():
    assert memo_key("a@x.com") == "a@x.com"
    assert memo_key(["a@x.com", "b@y.com"]) == ("a@x.com", "b@y.com")
    assert memo_key(dt.date(1980, 2, 3)) == dt.date(1980, 2, 3)
    assert memo_key(dt.datetime(1980, 2, 3)) is None  # equal to no date, but another type
    assert memo_key([1, "a"]) is None and memo_key(1) is None and memo_key(("a",)) is None

    name = {"attribute": "first_name", "method": "name", "thresholds": [0.92, 0.8]}
    memo = LevelMemo()
    known = memo.known(name, "john")
    entry = (0, "john", known, name)
    # A text and a one-text list read differently as names: each keeps its own level.
    for right in ("john", ["john"], "jon", ["jon", "john"]):
        assert InboundScorer._level(entry, right) == level_of(name, "john", right)
    assert set(known) == {"john", ("john",), "jon", ("jon", "john")}
    emails = {"attribute": "emails", "method": "email"}
    assert memo.known(emails, ["a@x.com"]) is memo.known(emails, ["a@x.com"])
    assert memo.known(emails, ["a@x.com"]) is not memo.known(emails, "a@x.com")
    date = {"attribute": "date_of_birth", "method": "date", "thresholds": [31]}
    born = dt.date(1980, 2, 3)
    entry = (0, born, memo.known(date, born), date)
    for right in (born, dt.date(1980, 3, 2), dt.date(1990, 1, 1), "1980-02-03"):
        assert InboundScorer._level(entry, right) == level_of(date, born, right)


def test_the_mailbox_veto_reads_addresses_as_normalise_does():
    addresses = [
        "a@acme.com",
        "b@acme.com",
        "b@mail.acme.com",
        "info@acme.com",
        "a@gmail.com",
        "c@gmail.com",
        "a@other.com",
        "sales@other.com",
        "x@",
        "",
    ]
    sides = [*addresses, [], *map(list, itertools.combinations(addresses, 2))]
    for left, right in itertools.product(sides, repeat=2):
        expected = normalise_emails.other_mailbox_at_same_domain(left, right)
        assert other_mailbox_at_same_domain(left, right) == expected
        assert other_mailbox_at_same_domain(left, right) == expected  # read again from what it remembered


def test_a_name_against_itself_is_what_the_veto_shortcut_says():
    comparisons = [
        {"attribute": "first_name", "method": "name", "thresholds": [0.92, 0.8]},
        {"attribute": "city", "method": "jaro_winkler", "thresholds": [0.9]},
    ]
    for comparison, text in itertools.product(comparisons, [*NAMES, "josé", "o'neil", "anne-marie"]):
        assert similarity(comparison, text, text) == 1.0
        assert scoring.TEXT_SIMILARITIES[comparison["method"]](text, text) == 1.0
        assert not locale_words.generations_differ(text, text)
    scorer = Scorer([dict(comparison) for comparison in DEFAULT_COMPARISONS], 0.01)
    # `totals` reads a missing level through the integer 0 each comparison's weights end with.
    assert all(weights[MISSING] == 0 and type(weights[MISSING]) is int for weights in scorer.weights_or_zero)


def _split_trying_every_form(words: list[str], name_parts: frozenset[str]) -> tuple[list[str], list[str]]:
    """`legal_forms.split` as it was: every trailing form tried in turn, whatever the name's last word."""
    words = [legal_forms._strip_attached(word) for word in words]
    for phrase in legal_forms.LEADING_FORMS:
        if len(words) > len(phrase) and tuple(words[: len(phrase)]) == phrase:
            words = words[len(phrase) :]
            break
    form: list[str] = []
    stripped = True
    while stripped:
        stripped = False
        for phrase in legal_forms.TRAILING_FORMS:
            if len(words) > len(phrase) and tuple(words[-len(phrase) :]) == phrase:
                if name_parts.intersection(phrase):
                    continue
                if phrase in legal_forms._AFTER_TWO_WORDS and len(words) - len(phrase) < 2:
                    continue  # Brazil's "ME" only after two name words
                form[:0] = words[-len(phrase) :]
                del words[-len(phrase) :]
                stripped = True
                break
    return words, form


def test_legal_forms_are_split_off_as_trying_every_form_does():
    rng = random.Random(5)
    phrases = [list(phrase) for phrase in legal_forms.TRAILING_FORMS + legal_forms.LEADING_FORMS]
    names = [["acme"], ["globex", "holdings"], ["group"], [], ["weber", "bau"]]
    for _ in range(3000):
        words = [*rng.choice(phrases)] * rng.randrange(2) + rng.choice(names)
        for _ in range(rng.randrange(4)):
            words += rng.choice([*phrases, ["group"], ["and", "co"]])
        for name_parts in (frozenset(), legal_forms.NOT_A_FORM):
            assert legal_forms.split(words, name_parts=name_parts) == _split_trying_every_form(
                words, name_parts
            )
    for name in (
        "Acme Pty. Limited",
        "ACME, Inc.",
        "Weber Bau GmbH & Co. KG",
        "Globex Holdings Ltd",
        "",
        None,
    ):
        assert organisations.legal_form(name) == organisations._legal_form.__wrapped__(str(name or ""))
