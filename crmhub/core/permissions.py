"""Permission checks every app shares: a service refuses an actor without the permission (one message
shape), and an API view lets through only a signed-in caller that holds it."""

from rest_framework.permissions import BasePermission

from crmhub.core.errors import PermissionDeniedError


def permission_require(user, permission: str, action: str) -> None:
    """Raise PermissionDeniedError("You do not have permission to <action>.") unless `user` holds it."""
    if not user.has_perm(permission):
        raise PermissionDeniedError(f"You do not have permission to {action}.")


def has_permission(permission: str) -> type[BasePermission]:
    """A DRF permission class: the caller is signed in and holds `permission`."""

    class HasPermission(BasePermission):
        message = f"You need the {permission} permission."

        def has_permission(self, request, view) -> bool:
            return bool(request.user and request.user.is_authenticated and request.user.has_perm(permission))

    return HasPermission
