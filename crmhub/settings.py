"""Settings, read from the environment (see .env.example).

Secrets are required unless DEBUG is on; a missing one fails at start-up.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _required_secret(name: str, debug_default: str) -> str:
    value = os.environ.get(name, "")
    if value:
        return value
    if DEBUG:
        return debug_default
    raise ImproperlyConfigured(f"{name} must be set when DEBUG is off.")


DEBUG = _env_bool("DEBUG", default=False)

SECRET_KEY = _required_secret("SECRET_KEY", "debug-only-insecure-secret-key-" + "x" * 32)
# A Fernet key (urlsafe base64, 32 bytes). Several comma-separated keys rotate: the first encrypts.
FIELD_ENCRYPTION_KEY = _required_secret(
    "FIELD_ENCRYPTION_KEY", "Y3JtaHViLWRlYnVnLW9ubHktZmVybmV0LWtleS0wMDA="
)

ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS", "localhost,127.0.0.1" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",  # kept for its migration history only; tokens are knox's (hashed)
    "knox",
    "axes",
    "csp",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_rq",
    "simple_history",
    "crmhub",
    "crmhub.sync",
    "crmhub.writeback",
    "crmhub.exports",
    "mappings_app",
    "identity_app",
    "monitoring_app",
]
# Demo tooling (seed_demo, run_demo, the crm_sandbox server) lives with the CRM sandbox, outside the product
# package, and is installed only for development and tests.
if DEBUG or _env_bool("CRMHUB_TESTING"):
    INSTALLED_APPS.append("crm_sandbox.demo")

MIDDLEWARE = [
    "crmhub.middleware.RequestBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "crmhub.middleware.LoginRequiredMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

# django-axes first: a locked-out sign-in never reaches the password check.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Sign-in throttling: after AXES_FAILURE_LIMIT failures for one username from one address, that pair is
# locked out for AXES_COOLOFF_MINUTES (a successful sign-in resets the count).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind N reverse proxies set AXES_IPWARE_PROXY_COUNT=N: the client address is then read from
# X-Forwarded-For; otherwise from the socket only (a client cannot choose it).
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_IPWARE_PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

# Content-Security-Policy (django-csp): scripts only from our own static files or carrying the request's
# nonce; nothing framed, no plugins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        # Plotly.js adds its chart and modebar rules as a <style> element it creates at run time, which no nonce
        # reaches (plotly/plotly.js#7543). Style elements may therefore be inline; style attributes may not,
        # and scripts stay nonce-only.
        "style-src-elem": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

ROOT_URLCONF = "crmhub.urls"
WSGI_APPLICATION = "crmhub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "crmhub.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server, the RQ worker and RQ cron write concurrently: wait for locks and let readers through.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 30, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
RQ_QUEUES = {
    name: {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 900}
    for name in ("default", "sync", "writeback", "monitoring")
}
RQ_SHOW_ADMIN_LINK = True
# RQ's forking worker for every queue but "writeback", whose own worker runs its jobs in process:
# rqworker writeback --worker-class crmhub.writeback.worker.PipelineWorker (crmhub/writeback/worker.py).
# Worker processes keep an in-memory index of each mirror they resolve against, up to this many records
# (about 1.6 KB of memory each; 0 turns it off). See identity_app/mirror_index.py.
IDENTITY_MIRROR_INDEX_MAX_RECORDS = int(os.environ.get("IDENTITY_MIRROR_INDEX_MAX_RECORDS", "1500000"))
# A sync cycle reads through the CRM's bulk interface (Salesforce Bulk API 2.0) when at least this many records
# changed since its start; a watermark younger than SYNC_BULK_COUNT_AFTER_SECONDS skips the count (REST).
SYNC_BULK_THRESHOLD = int(os.environ.get("SYNC_BULK_THRESHOLD", "50000"))
SYNC_BULK_COUNT_AFTER_SECONDS = int(os.environ.get("SYNC_BULK_COUNT_AFTER_SECONDS", "3600"))
# A Salesforce write (or create) of at least this many records goes through Bulk API 2.0 ingest jobs; fewer stay
# on sObject Collections of 200. Write-back sends a flow's backlog of this size as one write (writeback/pipeline.py).
SALESFORCE_BULK_WRITE_THRESHOLD = int(os.environ.get("SALESFORCE_BULK_WRITE_THRESHOLD", "10000"))
# Shared by every web and worker process, so short claims taken through the cache (cache.add) hold across them.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "crmhub",
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and not _env_bool("CRMHUB_TESTING")
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "crmhub.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Per user (token or session) and per address for anonymous calls; rates as DRF reads them (n/period).
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.UserRateThrottle",
        "rest_framework.throttling.AnonRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user": os.environ.get("API_THROTTLE_USER", "1200/minute"),
        "anon": os.environ.get("API_THROTTLE_ANON", "60/minute"),
    },
    "DEFAULT_PERMISSION_CLASSES": ["crmhub.core.permissions.ModelPermissions"],
    "DEFAULT_PARSER_CLASSES": [
        "crmhub.core.api.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "crmhub.core.api.exception_handler",
}
# API tokens (django-rest-knox): stored as SHA-512 digests; each expires after API_TOKEN_TTL_DAYS.
API_TOKEN_TTL_DAYS = int(os.environ.get("API_TOKEN_TTL_DAYS", "90"))
API_TOKEN_MAX_TTL_DAYS = int(os.environ.get("API_TOKEN_MAX_TTL_DAYS", "365"))
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=API_TOKEN_TTL_DAYS),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "CRM Hub API",
    "DESCRIPTION": "Mapping catalog, change requests, identity and write-back for governed CRM data.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "crmhub.core.openapi.error_responses_documented",
    ],
    # Several models have a "status" with different choices; name each enum after its model.
    "ENUM_NAME_OVERRIDES": {
        "ConnectionStatusEnum": "crmhub.models.ConnectionStatus",
        "ChangeRequestStatusEnum": "mappings_app.models.ChangeStatus",
        "ReviewStatusEnum": "identity_app.models.ReviewStatus",
        "ChangeKindEnum": "mappings_app.models.ChangeKind",
        "WritebackEventKindEnum": "crmhub.writeback.models.WritebackEventKind",
        "AlertKindEnum": "monitoring_app.models.AlertKind",
        "SyncRunKindEnum": "crmhub.sync.models.SyncKind",
    },
}

# Production hardening; `manage.py check --deploy` passes with DEBUG off.
SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Outbound webhooks (trigger actions, alert channels) go only to public addresses, unless this list names
# the destination: comma-separated networks (10.1.2.0/24, 127.0.0.1) or host names. See crmhub/core/outbound.py.
OUTBOUND_ALLOWED_NETWORKS = _env_list("OUTBOUND_ALLOWED_NETWORKS")
# Request bodies, by declared Content-Length before anything reads them (413): every request, and the
# webhook receivers on their own lower cap. Django's own limit on form fields read into memory stays too.
MAX_REQUEST_BODY_BYTES = int(os.environ.get("MAX_REQUEST_BODY_BYTES", str(10 * 1024 * 1024)))
WEBHOOK_MAX_BODY_BYTES = int(os.environ.get("WEBHOOK_MAX_BODY_BYTES", str(1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", str(2621440)))

# Absolute links in alert notifications and the weekly report point here.
CRMHUB_BASE_URL = os.environ.get("CRMHUB_BASE_URL", "http://localhost:8000").rstrip("/")

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "crmhub@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "crmhub.logging.RedactSecretsFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"]},
        # runserver's access log (the demo): request lines carry webhook URL tokens, so it is redacted too.
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["redact"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # httpx logs every URL at INFO; query strings can carry identifiers, so keep it to warnings.
        # axes logs every sign-in at INFO (with masked names); failures and lockouts are warnings.
        **{name: {"level": "WARNING"} for name in ("httpx", "httpcore", "axes")},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}

if _env_bool("CRMHUB_TESTING"):
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    SECURE_SSL_REDIRECT = False
    # Suites post thousands of calls a minute; throttling has its own tests, which set their own rates.
    REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {"user": "100000/minute", "anon": "100000/minute"}
