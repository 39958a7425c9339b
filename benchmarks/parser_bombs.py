"""Parser bombs, both sides: what the plain parsers do with a YAML alias bomb and an XML entity bomb (growing
levels, stopped early), and how fast the bounded loaders refuse the full-size bombs.

    .venv/bin/python benchmarks/parser_bombs.py [--max-levels 7]

No database, no network: it parses strings in this process (tracemalloc gives the peak memory of each parse).
"""

import argparse
import itertools
import json
import time
import tracemalloc
import xml.etree.ElementTree as ET

import yaml
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from mappings_app.yaml_loader import bounded_yaml_load


def yaml_bomb(levels: int) -> str:
    names = "abcdefghijklmnop"[:levels]
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]" for prev, name in itertools.pairwise(names)]
    return "\n".join(lines)


def xml_bomb(levels: int) -> str:
    entities = ['<!ENTITY l0 "lol">']
    entities += [f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, levels)]
    return f'<?xml version="1.0"?><!DOCTYPE x [{"".join(entities)}]><x>&l{levels - 1};</x>'


def measured(parse):
    tracemalloc.start()
    started = time.perf_counter()
    try:
        outcome = parse()
    except Exception as exc:  # the point is to show what each parser does
        outcome = f"{type(exc).__name__}: {str(exc).splitlines()[0][:70]}"
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak / 1e6, outcome


def yaml_plain(text):
    # What a consumer of the document does with it: walk (here: serialise) every value.
    return f"{len(json.dumps(yaml.safe_load(text))):,} bytes of JSON"


def xml_plain(text):
    return f"{len(''.join(ET.fromstring(text).itertext())):,} characters of text"  # the "before" side


def xml_safe(text):
    try:
        SafeET.fromstring(text, forbid_dtd=True)
    except DefusedXmlException as exc:
        return f"refused ({type(exc).__name__})"
    return "parsed"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-levels", type=int, default=7, help="largest bomb the plain parsers get")
    args = parser.parse_args()
    print("| input | bytes | parser | seconds | peak MB | outcome |")
    print("| --- | --- | --- | --- | --- | --- |")
    for levels in range(4, args.max_levels + 1):
        text = yaml_bomb(levels)
        seconds, peak, outcome = measured(lambda text=text: yaml_plain(text))
        print(
            f"| YAML alias bomb, {levels} levels | {len(text)} | yaml.safe_load | {seconds:.3f} | {peak:.1f} | {outcome} |"
        )
    full = yaml_bomb(9)
    seconds, peak, outcome = measured(lambda: bounded_yaml_load(full))
    print(
        f"| YAML alias bomb, 9 levels | {len(full)} | bounded loader | {seconds:.4f} | {peak:.2f} | {outcome} |"
    )
    for levels in range(4, args.max_levels + 1):
        text = xml_bomb(levels)
        seconds, peak, outcome = measured(lambda text=text: xml_plain(text))
        print(
            f"| XML entity bomb, {levels} levels | {len(text)} | xml.etree | {seconds:.3f} | {peak:.1f} | {outcome} |"
        )
    full = xml_bomb(10)
    seconds, peak, outcome = measured(lambda: xml_safe(full))
    print(
        f"| XML entity bomb, 10 levels | {len(full)} | defusedxml | {seconds:.4f} | {peak:.2f} | {outcome} |"
    )


if __name__ == "__main__":
    main()
