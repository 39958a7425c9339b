from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from django.http import HttpResponse

# The API authenticates by token inside DRF (401/403 there); webhooks verify their own signatures.
SELF_AUTHENTICATING_PREFIXES = ("/api/", "/webhooks/")


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Every page needs a login, except the login page itself and the token-authenticated API."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(SELF_AUTHENTICATING_PREFIXES):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


WEBHOOK_PREFIX = "/webhooks/"


def body_limit_for(path: str) -> int:
    if path.startswith(WEBHOOK_PREFIX):
        return settings.WEBHOOK_MAX_BODY_BYTES
    return settings.MAX_REQUEST_BODY_BYTES


def declared_body_length(request) -> int | None:
    """The Content-Length as a number, 0 when absent, None when it is not plain ASCII digits."""
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if not (declared.isascii() and declared.isdigit()):
        return None
    return int(declared) if len(declared) <= 15 else 10**15


class RequestBodyLimitMiddleware:
    """413 for a body declared larger than its endpoint's cap, before any view or parser reads it. A body
    without Content-Length is read as empty by Django's WSGI request, so the declared length bounds it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = body_limit_for(request.path)
        declared = declared_body_length(request)
        if declared is None:
            return HttpResponse("Bad Content-Length.", status=400, content_type="text/plain")
        if declared > limit:
            return HttpResponse(
                f"Request body too large: at most {limit} bytes here.", status=413, content_type="text/plain"
            )
        return self.get_response(request)
