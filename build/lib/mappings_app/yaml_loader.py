"""Loading YAML that anyone with an upload form can write: no anchors or aliases (the "billion laughs" of
YAML, where a few hundred bytes expand into gigabytes), at most MAX_DEPTH levels of nesting, a size cap.

A catalog or schema file never needs an alias, so refusing them costs nothing and stops the bomb while it is
still being parsed, before anything is built from it."""

import yaml

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 20


class AliasRefused(yaml.composer.ComposerError):
    pass


class BoundedSafeLoader(yaml.SafeLoader):
    """PyYAML's safe loader with the composer refusing anchors, aliases and deep nesting."""

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise AliasRefused(
                None, None, "anchors and aliases (&name, *name) are not accepted", event.start_mark
            )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise yaml.composer.ComposerError(
                None, None, f"nested deeper than {MAX_DEPTH} levels", event.start_mark
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class NoAliasSafeDumper(yaml.SafeDumper):
    """Writes an object met twice in full, never as &anchor / *alias: what we export must import again."""

    def ignore_aliases(self, data):
        return True


class YamlTooLarge(ValueError):
    pass


def bounded_yaml_load(text: str | bytes, *, max_bytes: int = MAX_BYTES):
    """The document, or YamlTooLarge / yaml.YAMLError (with its mark) for what is refused."""
    size = len(text.encode() if isinstance(text, str) else text)
    if size > max_bytes:
        raise YamlTooLarge(f"The YAML file is larger than {max_bytes // (1024 * 1024)} MB.")
    return yaml.load(text, Loader=BoundedSafeLoader)  # noqa: S506 - a SafeLoader subclass
