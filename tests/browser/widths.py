"""Screenshots at the three widths sales-ops use (desktop, small laptop, phone), each checked for horizontal
overflow. They go to $SCREENSHOT_DIR when it is set (to look at them), else to the test's tmp dir."""

import os
from pathlib import Path

WIDTHS = (1366, 1024, 390)


def shots_folder(tmp_path) -> Path:
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def shoot_at_widths(page, folder: Path, name: str) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{name} is {overflow}px wider than a {width}px window"
    page.set_viewport_size({"width": 1366, "height": 900})
