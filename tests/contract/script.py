"""A fixed script of client calls: every step runs (one failure does not hide the next), then the script fails
with the list of the steps that did not pass."""

from collections.abc import Callable


class Script:
    def __init__(self, name: str):
        self.name = name
        self.steps: list[tuple[str, Callable[[], None]]] = []
        self.passed: list[str] = []
        self.failed: list[str] = []

    def step(self, title: str):
        def register(function: Callable[[], None]):
            self.steps.append((title, function))
            return function

        return register

    def run(self) -> None:
        for title, function in self.steps:
            try:
                function()
            except Exception as error:
                self.failed.append(f"{title}: {type(error).__name__}: {str(error)[:300]}")
            else:
                self.passed.append(title)
        print(f"{self.name}: {len(self.passed)}/{len(self.steps)} calls passed")
        assert not self.failed, f"{self.name}: {len(self.failed)} of {len(self.steps)} failed:\n" + "\n".join(
            self.failed
        )
