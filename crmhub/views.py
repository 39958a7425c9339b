from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.decorators import method_decorator

from crmhub.forms import HubLoginForm
from crmhub.selectors import attention_tiles
from mappings_app.selectors import connection_overview, pending_change_requests


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = HubLoginForm
    redirect_authenticated_user = True


def home(request):
    """The landing page: what needs attention, connections with their catalog size, what waits for a decision."""
    can_see_catalog = request.user.has_perm("mappings_app.view_crmfield")
    context = {
        "attention": attention_tiles(user=request.user, now=timezone.now()),
        "connections": connection_overview() if can_see_catalog else [],
        "pending_changes": pending_change_requests()[:10]
        if request.user.has_perm("mappings_app.view_changerequest")
        else [],
    }
    return render(request, "home.html", context)
