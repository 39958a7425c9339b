"""An import-linter contract type: each app is entered only through its public modules.

`lint-imports` (run by `make test`) checks it with the contracts in pyproject.toml. An import from outside an
app into one of the app's other modules (its pipeline, its views, its forms) breaks the contract.
"""

from importlinter import Contract, ContractCheck, fields, output
from importlinter.application import contract_utils


class PublicApiContract(Contract):
    """
    Options:
        - apps:            the app packages to guard.
        - public_modules:  module names, relative to each app, that other code may import (e.g. services).
        - exempt_importers: packages outside the product that may import anything (the demo tooling).
        - ignore_imports:  import expressions to leave out, each with a reason in a comment.
    """

    type_name = "public_api"

    apps = fields.ListField(subfield=fields.ModuleField())
    public_modules = fields.ListField(subfield=fields.StringField())
    exempt_importers = fields.ListField(subfield=fields.ModuleField(), required=False)
    ignore_imports = fields.SetField(subfield=fields.ImportExpressionField(), required=False)

    def check(self, graph, verbose: bool) -> ContractCheck:
        contract_utils.remove_ignored_imports_and_report(
            graph=graph,
            ignore_imports=self.ignore_imports,
            unmatched_alerting=contract_utils.AlertLevel.ERROR,
        )
        violations = []
        for app in self.apps:
            violations += self._violations_into(graph, app.name)
        return ContractCheck(kept=not violations, metadata={"violations": sorted(violations)})

    def _violations_into(self, graph, app: str) -> list[tuple[str, str, int]]:
        public = {f"{app}.{name}" for name in self.public_modules}
        found = []
        for imported in graph.find_descendants(app):
            if any(imported == p or imported.startswith(p + ".") for p in public):
                continue
            for importer in graph.find_modules_that_directly_import(imported):
                if self._exempt(importer, app):
                    continue
                details = graph.get_import_details(importer=importer, imported=imported)
                line = details[0]["line_number"] if details else 0
                found.append((importer, imported, line))
        return found

    def _exempt(self, importer: str, app: str) -> bool:
        outside = [m.name for m in (self.exempt_importers or [])]
        return (
            importer == app
            or importer.startswith(app + ".")
            or ".migrations." in importer
            or any(importer == m or importer.startswith(m + ".") for m in outside)
        )

    def render_broken_contract(self, check: ContractCheck) -> None:
        for importer, imported, line in check.metadata["violations"]:
            output.print_error(f"- {importer}:{line} imports {imported}, not one of its app's public modules")
