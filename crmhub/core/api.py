"""API plumbing: domain errors become clear 4xx responses; request input validated the same way."""

import codecs

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import parsers, status
from rest_framework.exceptions import ParseError
from rest_framework.response import Response
from rest_framework.utils import json
from rest_framework.views import exception_handler as drf_exception_handler

from crmhub.core.errors import ApplicationError


def exception_handler(exc, context):
    if isinstance(exc, ApplicationError):
        body = {"detail": exc.message, "code": exc.code}
        if exc.problems:
            body["problems"] = exc.problems
        return Response(body, status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        return Response(
            {"detail": "Invalid input.", "problems": exc.messages}, status=status.HTTP_400_BAD_REQUEST
        )
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, list):
        # A ValidationError raised outside a serializer (DRF's SearchFilter on a NUL in ?search=) comes as a
        # bare list; every error answer is an object (the schema's ErrorResponse).
        problems = [str(problem) for problem in response.data]
        response.data = {"detail": " ".join(problems) or "Invalid input.", "problems": problems}
    return response


def _without_repeated_keys(pairs: list[tuple[str, object]]) -> dict:
    """A JSON object whose keys are all different: {"crm_id": "A", "crm_id": "B"} names two records, and a
    proxy or log reading the first would see another request than the view reading the last."""
    obj = dict(pairs)
    if len(obj) < len(pairs):
        keys = [key for key, _ in pairs]
        repeated = next(key for position, key in enumerate(keys) if key in keys[:position])
        raise ValueError(f"the key {repeated!r} is repeated in one object")
    return obj


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, with a body nested past Python's recursion limit, or an object with a key twice,
    refused as a 400."""

    def parse(self, stream, media_type=None, parser_context=None):
        decoded = codecs.getreader(parsers.get_encoding(parser_context or {}))(stream)
        try:
            return json.load(
                decoded,
                parse_constant=json.strict_constant if self.strict else None,
                object_pairs_hook=_without_repeated_keys,
            )
        except RecursionError:
            raise ParseError("JSON parse error - nested too deeply.") from None
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}") from None


def _flatten_errors(errors, prefix: str = "") -> list[str]:
    """DRF's nested error structure as readable lines, e.g. 'operations[0].kind: ... not a valid choice.'"""
    if isinstance(errors, dict):
        lines = []
        for name, value in errors.items():
            if isinstance(name, int):  # a list item's errors, keyed by position
                path = f"{prefix}[{name}]"
            else:
                label = name if name != "non_field_errors" else ""
                path = f"{prefix}.{label}" if prefix and label else (label or prefix)
            lines.extend(_flatten_errors(value, path))
        return lines
    if isinstance(errors, list):
        if all(isinstance(error, str) for error in errors):
            return [f"{prefix}: {error}" if prefix else str(error) for error in errors]
        lines = []
        for position, value in enumerate(errors):
            lines.extend(_flatten_errors(value, f"{prefix}[{position}]"))
        return lines
    return [f"{prefix}: {errors}" if prefix else str(errors)]


def validated_input(serializer_class, data) -> dict:
    """Validate request input, failing the way domain errors fail: {"detail", "code", "problems"}."""
    serializer = serializer_class(data=data)
    if not serializer.is_valid():
        problems = _flatten_errors(serializer.errors)
        raise ApplicationError(f"Invalid input: {problems[0]}", problems=problems)
    return serializer.validated_data
