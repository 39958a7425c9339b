"""One permission style for pages and the API.

A capability is a Django permission ('app_label.codename'); the roles of `crmhub/roles.py` grant them.
- Pages (function views): `@require_capability(*capabilities)`, or `capability_check(user, ...)` inside a
  view when the capability depends on the request (an action chosen in the form). Token-only accounts
  (integrations) get no page, whatever their permissions.
- API: `HasCapability.of(*capabilities)` in `permission_classes`, or `HasCapability(...)` instances from
  `get_permissions()` per action; viewsets without either use `ModelPermissions` (the DRF default of the
  settings): the model's view/add/change/delete permission by HTTP method.
Every check needs all the listed capabilities unless `any_of=True`. Services check again on their own
(`ApplicationError`s), so a view's check only decides who sees the page or endpoint.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission, DjangoModelPermissions

from crmhub.roles import is_token_only


def holds(user, *capabilities: str, any_of: bool = False) -> bool:
    """The user is signed in and holds every capability (one of them, with `any_of`)."""
    if not (user and user.is_authenticated):
        return False
    if any_of:
        return any(user.has_perm(capability) for capability in capabilities)
    return user.has_perms(capabilities)


def capability_check(user, *capabilities: str, any_of: bool = False) -> None:
    """Raise PermissionDenied (a 403 page) unless a person holds the capabilities."""
    if not holds(user, *capabilities, any_of=any_of) or is_token_only(user):
        raise PermissionDenied


def require_capability(*capabilities: str, any_of: bool = False):
    """A page view for people holding the capabilities: anonymous visitors go to the sign-in page,
    others without them (and token-only integration accounts) get a 403."""

    def decorator(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            capability_check(request.user, *capabilities, any_of=any_of)
            return view(request, *args, **kwargs)

        return checked

    return decorator


class HasCapability(BasePermission):
    """An authenticated caller holding the capabilities, checked before the view reads any input."""

    def __init__(self, *capabilities: str, any_of: bool = False, message: str | None = None):
        self.capabilities = capabilities
        self.any_of = any_of
        joined = (" or " if any_of else " and ").join(capabilities)
        self.message = message or f"You need the {joined} permission."

    def has_permission(self, request, view) -> bool:
        return holds(request.user, *self.capabilities, any_of=self.any_of)

    @classmethod
    def of(cls, *capabilities: str, any_of: bool = False, message: str | None = None) -> type:
        """The check as a class, for a view's `permission_classes` (DRF builds it without arguments)."""

        class Check(cls):
            def __init__(self):
                super().__init__(*capabilities, any_of=any_of, message=message)

        Check.__name__ = f"HasCapability({', '.join(capabilities)})"
        return Check


class ModelPermissions(DjangoModelPermissions):
    """The default of every API view without its own check: the model's permission for the HTTP method,
    reads needing the view permission too."""

    perms_map = {
        **DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
    }
