from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware

# The API authenticates by token inside DRF (401/403 there); webhooks verify their own signatures.
SELF_AUTHENTICATING_PREFIXES = ("/api/", "/webhooks/")


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Every page needs a login, except the login page itself and the token-authenticated API."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(SELF_AUTHENTICATING_PREFIXES):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
