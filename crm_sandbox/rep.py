"""A simulated sales rep: edits records through the CRM's UI so that history shows human edits."""

import random

from .account import GENERIC_OBJECTS, Account


class RepSimulator:
    def __init__(self, account: Account, seed: int = 1):
        self.account = account
        self.rng = random.Random(f"{account.seed}:rep:{seed}")  # noqa: S311 - deterministic by design

    def step(self, n: int = 1, *, objects=GENERIC_OBJECTS) -> list[dict]:
        """Make n human edits on random live records; returns what was edited."""
        edits = []
        with self.account.sandbox.lock:
            for _ in range(n):
                object_name = self.rng.choice(list(objects))
                ids = self.account.record_ids(object_name)
                if not ids:
                    continue
                record_id = self.rng.choice(ids)
                values = self.account.provider.rep_edit_values(self.account, object_name, self.rng)
                user_id = self.rng.choice(self.account.rep_user_ids)
                values = {k: v for k, v in values.items() if self.account.field_name(object_name, k)
                          in self.account.schema[object_name]}  # fmt: skip
                if not values:
                    continue
                self.account.rep_edit(object_name, record_id, values, user_id=user_id)
                edits.append({"object": object_name, "id": record_id, "values": values, "user_id": user_id})
        return edits
