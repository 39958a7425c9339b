"""The project's standing promises: secure settings, login everywhere, roles from a migration."""

import os
import subprocess
import sys

import pytest
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver

from crmhub.roles import ROLE_PERMISSIONS

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "k" * 20 + "production-secret-with-enough-entropy-1234567890",
    "FIELD_ENCRYPTION_KEY": "dGVzdC1vbmx5LWZlcm5ldC1rZXktMDEyMzQ1Njc4OWE=",
    "ALLOWED_HOSTS": "crmhub.example.com",
    "DJANGO_SETTINGS_MODULE": "crmhub.settings",
}


def run_manage(*args, env_overrides=None, drop=()):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "CRMHUB_TESTING", "SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE", *drop}
    }
    env.update(PRODUCTION_ENV)
    env.update(env_overrides or {})
    for name in drop:
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "manage.py", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_check_deploy_passes_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("secret", ["SECRET_KEY", "FIELD_ENCRYPTION_KEY"])
def test_missing_secret_stops_start_up_unless_debug(secret):
    result = run_manage("check", drop=(secret,))
    assert result.returncode != 0
    assert f"{secret} must be set" in result.stderr


def test_bad_encryption_key_is_reported_by_deploy_checks():
    result = run_manage("check", "--deploy", env_overrides={"FIELD_ENCRYPTION_KEY": "not-a-key"})
    assert result.returncode != 0
    assert "crmhub.E001" in result.stdout + result.stderr


def _all_url_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _all_url_patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def _concrete(route: str) -> str:
    import re

    route = route.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\.", ".")
    route = re.sub(r"<int:\w+>", "1", route)
    route = re.sub(r"<(str:|slug:)?\w+>", "x", route)
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)
    route = re.sub(r"\(\?P<format>[^)]*\)", "", route)
    return "/" + route.lstrip("/")


PUBLIC_ROUTES = {"/accounts/login/", "/admin/login/"}


@pytest.mark.django_db
def test_every_route_refuses_anonymous_visitors(client):
    checked = 0
    for route, _pattern in _all_url_patterns():
        url = _concrete(route)
        if url in PUBLIC_ROUTES or "(?" in url or url.startswith("/static/"):
            continue
        response = client.get(url)
        checked += 1
        if response.status_code in (301, 302):
            assert "login" in response["Location"], f"{url} redirects elsewhere: {response['Location']}"
        else:
            assert response.status_code in (401, 403, 405), (
                f"{url} answered {response.status_code} to anonymous"
            )
    assert checked > 20


@pytest.mark.django_db
def test_login_page_is_the_only_open_page(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert b"Sign in" in response.content


@pytest.mark.django_db
def test_roles_exist_as_groups_after_migrations():
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLE_PERMISSIONS)
    admin = Group.objects.get(name="sales-ops admin")
    assert admin.permissions.filter(codename="approve_changerequest").exists()
    assert not Group.objects.get(name="viewer").permissions.exclude(codename__startswith="view_").exists()


def test_cron_registers_every_apps_periodic_jobs_and_fails_loudly_on_a_broken_module(tmp_path, monkeypatch):
    """Jobs modules are found, not listed: every app's periodic jobs register, and a jobs module whose own
    import is broken stops the scheduler (a ModuleNotFoundError inside it is not taken for "no jobs")."""
    from crmhub import cron

    paths = {path for path, _queue, _interval in cron.registered_jobs()}
    assert any(path.startswith("crmhub.sync.") for path in paths)
    assert any(path.startswith("monitoring_app.") for path in paths)
    assert any(path.startswith("crmhub.writeback.") for path in paths)
    assert "identity_app" in cron.project_app_names()  # an app without a jobs module is passed over
    app = tmp_path / "broken_cron_app"
    app.mkdir()
    (app / "__init__.py").write_text("")
    (app / "jobs.py").write_text("import no_such_dependency\n\nCRON_JOBS = ()\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ModuleNotFoundError, match="no_such_dependency"):
        cron.registered_jobs(["crmhub.sync", "broken_cron_app"])
