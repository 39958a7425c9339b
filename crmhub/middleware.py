from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from django.http import HttpResponse, JsonResponse

# The API authenticates by token inside DRF (401/403 there); webhooks verify their own signatures.
SELF_AUTHENTICATING_PREFIXES = ("/api/", "/webhooks/")


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Every page needs a login, except the login page itself and the token-authenticated API."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(SELF_AUTHENTICATING_PREFIXES):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


WEBHOOK_PREFIX = "/webhooks/"


API_PREFIX = "/api/"


def body_limit_for(path: str, content_type: str = "") -> int:
    if path.startswith(WEBHOOK_PREFIX):
        return settings.WEBHOOK_MAX_BODY_BYTES
    if path.startswith(API_PREFIX) and content_type.startswith("application/json"):
        # A JSON body is read into memory whole, where Django refuses more than DATA_UPLOAD_MAX_MEMORY_SIZE
        # with a bare HTML 400: the same cap here answers a 413 that says so.
        in_memory = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return min(settings.MAX_REQUEST_BODY_BYTES, in_memory if in_memory is not None else 10**15)
    return settings.MAX_REQUEST_BODY_BYTES


def _refusal(request, message: str, status: int) -> HttpResponse:
    """Plain text, or for the API the JSON error object its schema documents."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": message}, status=status)
    return HttpResponse(message, status=status, content_type="text/plain")


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
        limit = body_limit_for(request.path, request.META.get("CONTENT_TYPE") or "")
        declared = declared_body_length(request)
        if declared is None:
            return _refusal(request, "Bad Content-Length.", 400)
        if declared > limit:
            return _refusal(request, f"Request body too large: at most {limit} bytes here.", 413)
        return self.get_response(request)
