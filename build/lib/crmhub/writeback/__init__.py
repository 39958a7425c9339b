"""Governed write-back: from an integration's output to a verified CRM field.

ingest (services.outputs_ingest) -> resolve identity -> plan (active mappings, coercion, ownership)
-> write (claimed, batched, rate-limited, verified) -> one WriteOutcome per value and target field.
Models live in models.py (the `writeback` app); jobs in jobs.py only fetch ids and call pipeline/services functions.
"""
