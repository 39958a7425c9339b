"""Cells of the CSV files people open in a spreadsheet."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """The value as text, quoted with a leading apostrophe when a spreadsheet would run it as a formula
    (CSV injection: a cell starting with = + - @, a tab or a carriage return)."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text
