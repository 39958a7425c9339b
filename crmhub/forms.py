from django import forms
from django.contrib.auth.forms import AuthenticationForm

from crmhub.roles import is_token_only


class HubLoginForm(AuthenticationForm):
    """Integration accounts use API tokens; they cannot open a browser session."""

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if is_token_only(user):
            raise forms.ValidationError(
                "This is an integration account: it uses an API token and cannot sign in to the browser.",
                code="token_only",
            )
