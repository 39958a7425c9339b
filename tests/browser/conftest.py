"""Browser tests use the Playwright fixtures of tests/conftest.py (browser, page, sign_in)."""
