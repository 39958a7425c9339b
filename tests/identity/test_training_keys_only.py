"""Fitting reads which records a key decided; it resolves with `keys_only`, which skips scoring the rest
and must label exactly what a full resolution labels."""

from identity_app.resolver import Resolver, Rules
from identity_app.training import KEY_METHODS


def test_keys_only_decides_every_key_as_the_full_resolution_does(connection, rules, generated):
    resolver = Resolver(connection_id=connection.pk, object_name="contacts", rules=Rules.from_rule_set(rules))
    full = resolver.resolve_batch(generated)
    quick = resolver.resolve_batch(generated, keys_only=True)
    by_key = [(a, b) for a, b in zip(full, quick, strict=True) if a.matched and a.method in KEY_METHODS]
    assert by_key and all(a.as_dict() == b.as_dict() for a, b in by_key)
    others = [b for a, b in zip(full, quick, strict=True) if not (a.matched and a.method in KEY_METHODS)]
    assert not any(b.matched and b.method in KEY_METHODS for b in others)
    assert any(b.notes == ["Not scored."] and not b.candidates for b in others)
