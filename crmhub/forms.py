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


class ApiTokenIssueForm(forms.Form):
    """Issue a token: admins pick any active account (integrations included), others get their own."""

    user = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Account",
        empty_label="Your own account",
        help_text="An integration's account for the tokens it posts with.",
    )
    ttl_days = forms.IntegerField(min_value=1, max_value=365, initial=90, label="Valid for (days)")

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        if actor.has_perm("knox.add_authtoken"):
            self.fields["user"].queryset = (
                get_user_model().objects.filter(is_active=True).order_by("username")
            )
        else:
            del self.fields["user"]
