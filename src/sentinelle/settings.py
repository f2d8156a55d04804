"""Django settings, read from SENTINELLE_* environment variables (and an optional .env file)."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from dotenv import load_dotenv

from sentinelle.core.config import env_bool, env_list, env_str

load_dotenv(Path.cwd() / ".env", override=False)

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env_str("VAR_DIR", str(Path.cwd() / "var"))).resolve()

DEFAULT_SECRET_KEY = "sentinelle-insecure-development-key-do-not-use-in-production"  # noqa: S105
ENVIRONMENT = env_str("ENV", "development").lower()
if ENVIRONMENT not in {"development", "production", "test"}:
    raise ImproperlyConfigured(
        f"SENTINELLE_ENV={ENVIRONMENT!r} is not valid: use development, production or test."
    )
PRODUCTION = ENVIRONMENT == "production"

SECRET_KEY = env_str("SECRET_KEY", DEFAULT_SECRET_KEY)
DEBUG = env_bool("DEBUG", default=not PRODUCTION)

if PRODUCTION:
    problems = []
    if SECRET_KEY == DEFAULT_SECRET_KEY or len(SECRET_KEY) < 32:
        problems.append(
            "SENTINELLE_SECRET_KEY must be set to a long random value (at least 32 characters), "
            'for example: python -c "import secrets; print(secrets.token_urlsafe(50))"'
        )
    if DEBUG:
        problems.append("SENTINELLE_DEBUG must be off (false) in production")
    if problems:
        raise ImproperlyConfigured(
            "Sentinelle refuses to start in production mode:\n  - " + "\n  - ".join(problems)
        )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "sentinelle.core",
    "sentinelle.brands",
    "sentinelle.listening",
    "sentinelle.stories",
    "sentinelle.cases",
    "sentinelle.replies",
    "sentinelle.privacy",
    "sentinelle.portal",
    "sentinelle.insights",
    "sentinelle.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "sentinelle.web.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sentinelle.urls"
WSGI_APPLICATION = "sentinelle.wsgi.application"
ASGI_APPLICATION = "sentinelle.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "sentinelle.web.context_processors.brands",
            ],
        },
    },
]


def _database() -> dict:
    url = env_str("DATABASE_URL", "")
    if not url:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{VAR_DIR / 'sentinelle.sqlite3'}"
    if not url.startswith(("sqlite:", "postgres:", "postgresql:")):
        raise ImproperlyConfigured(
            "SENTINELLE_DATABASE_URL must start with sqlite:// or postgresql:// "
            f"(got {url.split(':', 1)[0]!r})."
        )
    config = dj_database_url.parse(url, conn_max_age=0)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets the web process read while the ingest loop writes; IMMEDIATE avoids
        # "database is locked" on lock upgrades inside write transactions.
        config["OPTIONS"] = {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: lock a (username, address) pair after repeated failures.
AXES_FAILURE_LIMIT = int(env_str("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env_str("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = int(env_str("PROXY_COUNT", "0")) or None

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
CSRF_COOKIE_SAMESITE = "Lax"
HTTPS = env_bool("HTTPS", default=PRODUCTION)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if HTTPS and PRODUCTION:
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 30
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LANGUAGE_CODE = env_str("LANGUAGE", "fr")
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
NODE_MODULES = Path(env_str("NODE_MODULES", str(BASE_DIR.parent.parent / "node_modules")))
# Only the front-end packages the pages use are served, each under its own prefix.
STATICFILES_DIRS = [
    (prefix, NODE_MODULES / prefix)
    for prefix in ["htmx.org/dist"]
    if (NODE_MODULES / prefix).is_dir()
]
PORTAL_MAX_PER_ADDRESS_PER_HOUR = int(env_str("PORTAL_MAX_PER_ADDRESS_PER_HOUR", "5"))
PORTAL_MAX_PER_EMAIL_PER_HOUR = int(env_str("PORTAL_MAX_PER_EMAIL_PER_HOUR", "3"))
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = VAR_DIR / "media"

# Outgoing mail: SMTP when SENTINELLE_SMTP_HOST is set, else printed on the console.
EMAIL_HOST = env_str("SMTP_HOST", "")
EMAIL_PORT = int(env_str("SMTP_PORT", "587"))
EMAIL_HOST_USER = env_str("SMTP_USER", "")
EMAIL_HOST_PASSWORD = env_str("SMTP_PASSWORD", "")
EMAIL_USE_TLS = env_bool("SMTP_STARTTLS", default=EMAIL_PORT == 587)
EMAIL_TIMEOUT = 20
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("FROM_EMAIL", "sentinelle@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# The analysis pipeline (sentinelle.analysis.settings.AnalysisSettings fields).
SENTINELLE_ANALYSIS: dict = (
    {"artifacts_dir": env_str("ANALYSIS_ARTIFACTS", "")}
    if env_str("ANALYSIS_ARTIFACTS", "")
    else {}
)
SENTINELLE_ANALYSIS_ENABLED = env_bool("ANALYSIS", default=True)
# Run in this order on every batch of newly stored mentions (each in its own savepoint).
SENTINELLE_AFTER_STORE = [
    "sentinelle.listening.analyze.analyze_mentions",
    "sentinelle.cases.rules.apply_case_rules",
    "sentinelle.stories.links.resolve_short_links",
    "sentinelle.stories.engine.track_stories",
]
# How long a worker keeps grouping a brand's stories after its last batch of that brand.
SENTINELLE_STORY_LEASE_S = float(env_str("STORY_LEASE_S", "30"))
# Link shorteners whose links are followed (through the guarded client) for story grouping.
SENTINELLE_SHORTENERS = env_list(
    "SHORTENERS",
    [
        "bit.ly",
        "bitly.com",
        "t.co",
        "tinyurl.com",
        "goo.gl",
        "ow.ly",
        "buff.ly",
        "is.gd",
        "lnkd.in",
        "dlvr.it",
        "fb.me",
        "rebrand.ly",
        "cutt.ly",
        "shorturl.at",
        "s.id",
        "tiny.cc",
        "trib.al",
        "urlz.fr",
    ],
)

# The dashboard's public address, for links in alerts (e.g. https://sentinelle.example.com).
SENTINELLE_BASE_URL = env_str("BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# Tests only (never from the environment): outbound webhooks may reach 127.0.0.1.
SENTINELLE_OUTBOUND_ALLOW_PRIVATE = False
# Volume-burst alarms a brand may get in a week, shared by all its series (brand, topics).
SENTINELLE_ALARMS_PER_WEEK = float(env_str("ALARMS_PER_WEEK", "3"))
# A story does not alert again at the same or a lower level within this many hours.
SENTINELLE_ALERT_COOLDOWN_H = float(env_str("ALERT_COOLDOWN_H", "6"))

# The bus between connectors and workers (docs/operations.md): "db", a durable log in the
# database (one process, the default), or "redis", Redis Streams for `sentinelle worker`s.
SENTINELLE_BUS = env_str("BUS", "db").lower()
if SENTINELLE_BUS not in {"db", "redis"}:
    raise ImproperlyConfigured(f"SENTINELLE_BUS={SENTINELLE_BUS!r} is not valid: use db or redis.")
SENTINELLE_REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0")
SENTINELLE_REDIS_STREAM = env_str("REDIS_STREAM", "sentinelle:items")
SENTINELLE_BUS_BATCH = int(env_str("BUS_BATCH", "500"))
# A worker's unacknowledged items are taken over by the others after this long (Redis).
SENTINELLE_BUS_CLAIM_IDLE_S = float(env_str("BUS_CLAIM_IDLE_S", "60"))
# Failed fetches wait base × 2^failures (with jitter) up to the cap; unhealthy after N.
SENTINELLE_FETCH_BACKOFF_S = float(env_str("FETCH_BACKOFF_S", "30"))
SENTINELLE_FETCH_BACKOFF_MAX_S = float(env_str("FETCH_BACKOFF_MAX_S", "3600"))
SENTINELLE_UNHEALTHY_AFTER = int(env_str("UNHEALTHY_AFTER", "5"))
# The same text again within this window (another account, another platform) is a repost.
SENTINELLE_REPOST_WINDOW_HOURS = float(env_str("REPOST_WINDOW_HOURS", "72"))

SENTINELLE_DEMO_PASSWORD = os.environ.get("SENTINELLE_DEMO_PASSWORD", "demo-sentinelle-2026")
