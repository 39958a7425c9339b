"""Use cases of the project package: API tokens (stored hashed by django-rest-knox, with an expiry)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from knox.models import AuthToken

from crmhub.core.errors import PermissionDeniedError
from crmhub.roles import is_token_only

MANAGE_TOKENS = "knox.delete_authtoken"


def api_token_issue(*, user, actor, ttl_days: int | None = None) -> tuple[AuthToken, str]:
    """A new token for `user`; the secret is returned once and only its digest is stored. Admins issue
    tokens for anyone (integrations included); people issue their own."""
    if actor != user and not actor.has_perm("knox.add_authtoken"):
        raise PermissionDeniedError("You may issue tokens for your own account only.")
    if actor == user and is_token_only(user):
        raise PermissionDeniedError("An integration's tokens are issued by an admin.")
    days = ttl_days or settings.API_TOKEN_TTL_DAYS
    return AuthToken.objects.create(
        user=user, expiry=timedelta(days=min(days, settings.API_TOKEN_MAX_TTL_DAYS))
    )


@transaction.atomic
def api_token_revoke(*, token: AuthToken, actor) -> None:
    if token.user_id != actor.pk and not actor.has_perm(MANAGE_TOKENS):
        raise PermissionDeniedError("You may revoke your own tokens only.")
    token.delete()


def api_tokens_visible_to(user):
    """Admins see every token; everyone else their own."""
    tokens = AuthToken.objects.select_related("user").order_by("user__username", "-created")
    return tokens if user.has_perm("knox.view_authtoken") else tokens.filter(user=user)
