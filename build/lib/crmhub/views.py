from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator

from crmhub import services
from crmhub.core.errors import PermissionDeniedError
from crmhub.forms import ApiTokenIssueForm, HubLoginForm


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = HubLoginForm
    redirect_authenticated_user = True


def api_tokens(request):
    """API tokens: admins see and revoke every token and issue them for integrations; everyone else
    manages their own. A new token's secret is shown once; only its digest is stored."""
    form = ApiTokenIssueForm(request.POST or None, actor=request.user)
    new_secret = None
    if request.method == "POST" and form.is_valid():
        owner = form.cleaned_data.get("user") or request.user
        try:
            _, new_secret = services.api_token_issue(
                user=owner, actor=request.user, ttl_days=form.cleaned_data["ttl_days"]
            )
        except PermissionDeniedError as exc:
            form.add_error(None, exc.message)
    context = {
        "tokens": services.api_tokens_visible_to(request.user),
        "form": form,
        "new_secret": new_secret,
        "now": timezone.now(),
    }
    return render(request, "account/api_tokens.html", context)


def api_token_revoke(request, pk: str):
    token = get_object_or_404(services.api_tokens_visible_to(request.user), pk=pk)
    if request.method == "POST":
        services.api_token_revoke(token=token, actor=request.user)
        messages.success(request, f"Token {token.token_key}… of {token.user} revoked.")
    return redirect("api-tokens")
