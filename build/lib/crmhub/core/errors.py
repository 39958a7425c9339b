"""Domain errors. Views and the API turn them into messages and 4xx responses."""


class ApplicationError(Exception):
    status_code = 400
    code = "invalid"

    def __init__(self, message: str, *, problems: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.problems = problems or []

    def __str__(self) -> str:
        if not self.problems:
            return self.message
        return f"{self.message} " + " ".join(self.problems)


class PermissionDeniedError(ApplicationError):
    status_code = 403
    code = "permission_denied"


def permission_require(user, permission: str, action: str) -> None:
    """A service's own check (views check before, crmhub/core/permissions.py): PermissionDeniedError("You do
    not have permission to <action>.") unless `user` holds `permission`."""
    if not user.has_perm(permission):
        raise PermissionDeniedError(f"You do not have permission to {action}.")


class ConflictError(ApplicationError):
    status_code = 409
    code = "conflict"


class NotFoundError(ApplicationError):
    status_code = 404
    code = "not_found"
