"""API plumbing: domain errors become clear 4xx responses."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from crmhub.errors import ApplicationError


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
    return drf_exception_handler(exc, context)
