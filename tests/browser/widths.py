"""Screenshots at the three widths sales-ops use (desktop, small laptop, phone), each checked for horizontal
overflow. The pictures are taken only when $SCREENSHOT_DIR is set (to look at them): nobody sees them otherwise,
and a full-page PNG costs Chromium more than the overflow check at that width.

`in_cards=True` checks the cards too: a wide table may not scroll sideways inside its card (the page's own
width says nothing of that)."""

import os
from pathlib import Path

WIDTHS = (1366, 1024, 390)
CARD_OVERFLOW = """() => Array.from(document.querySelectorAll('.card'))
    .filter(card => card.offsetParent !== null)
    .map(card => [card.scrollWidth - card.clientWidth, (card.querySelector('h2, h3, table') || card).textContent.trim().slice(0, 40)])
    .filter(([overflow]) => overflow > 1)"""
NEXT_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def shots_folder(tmp_path) -> Path:
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def shoot_at_widths(page, folder: Path, name: str, widths=WIDTHS, *, in_cards: bool = False) -> None:
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        if os.environ.get("SCREENSHOT_DIR"):
            page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)
        else:  # the page's resize handlers run (as they did while a picture was taken) before it is measured
            page.evaluate(NEXT_FRAMES)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{name} is {overflow}px wider than a {width}px window"
        if in_cards:
            scrolling = page.evaluate(CARD_OVERFLOW)
            assert not scrolling, f"{name} at {width}px: cards scroll sideways (px, card): {scrolling}"
    page.set_viewport_size({"width": 1366, "height": 900})
