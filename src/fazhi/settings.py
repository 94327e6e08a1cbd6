"""Django settings for Fazhi — one module, configured only through environment variables.

FAZHI_ENV selects the mode: `development` (default: `make run`, tests) or `production`, which
fails closed on a missing secret key or allowed-hosts list. DATABASE_URL selects the database;
without it Fazhi uses the embedded SQLite file under var/.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from fazhi.core.env import env_bool, env_choice, env_int, env_list, env_str

SRC_DIR = Path(__file__).resolve().parent
BASE_DIR = SRC_DIR.parent.parent
VAR_DIR = Path(env_str("FAZHI_VAR_DIR", str(BASE_DIR / "var")) or BASE_DIR / "var")

FAZHI_ENV = env_choice("FAZHI_ENV", "development", {"development", "production"})
PRODUCTION = FAZHI_ENV == "production"
DEBUG = env_bool("FAZHI_DEBUG", not PRODUCTION)


def _secret_key() -> str:
    key = env_str("FAZHI_SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("生产环境必须设置 FAZHI_SECRET_KEY (or FAZHI_SECRET_KEY_FILE).")
    # Development only: a random key kept per checkout, never a committed fallback.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key_file = VAR_DIR / "dev-secret-key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("FAZHI_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("生产环境必须设置 FAZHI_ALLOWED_HOSTS.")
CSRF_TRUSTED_ORIGINS = env_list("FAZHI_CSRF_TRUSTED_ORIGINS", [])
# Behind a proxy (deploy/nginx-fazhi.conf.template), which sets X-Forwarded-Proto on every request,
# replacing whatever the client sent, and appends the address it saw to X-Forwarded-For: trust both,
# so that request.is_secure() and the CSRF origin check see https and login failures record the
# client's address, not the proxy's (core.client_address). Off by default: without such a proxy a
# client could claim either itself.
FAZHI_BEHIND_PROXY = env_bool("FAZHI_BEHIND_PROXY", False)
if FAZHI_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular_sidecar",
    "drf_spectacular",
    "django_filters",
    "django_htmx",
    "template_partials",
    "fazhi.core",
    "fazhi.core.audit",
    "fazhi.core.outbox",
    "fazhi.core.calendars",
    "fazhi.core.deadlines",
    "fazhi.orgs",
    "fazhi.legal",
    "fazhi.powers",
    "fazhi.enforcement",
    "fazhi.spotchecks",
    "fazhi.reconsideration",
    "fazhi.litigation",
    "fazhi.supervision",
    "fazhi.demo",
    "fazhi.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "fazhi.core.audit.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # after the session and the user: its 400 page shows the signed-in menu
    "fazhi.web.middleware.RefuseNulCharactersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "fazhi.web.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "fazhi.urls"
WSGI_APPLICATION = "fazhi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fazhi.web.context_processors.navigation",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
# SQLite (embedded default): WAL for concurrent readers, IMMEDIATE transactions so writers queue
# on the busy timeout instead of failing with "database is locked" halfway through (STYLE 8.10).
SQLITE_PATH = VAR_DIR / "fazhi.sqlite3"
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    # Persistent connections (60 s, checked before reuse): opening a PostgreSQL connection forks a
    # backend and costs several milliseconds — more than a typical request's queries.
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    }
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": SQLITE_PATH}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "orgs.User"

# --- Auth and sessions (等保 2.0 level-3 expectations) -------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"
SESSION_COOKIE_AGE = env_int("FAZHI_SESSION_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True  # idle timeout: every request extends the session
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
LOGIN_FAILURE_LIMIT = env_int("FAZHI_LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("FAZHI_LOGIN_FAILURE_WINDOW", 15 * 60)

# --- I18n ----------------------------------------------------------------------------------
# Chinese only, whatever the browser asks for: the UI is written in Chinese (no translations), so a
# browser set to English would otherwise get English dates and Django/DRF validation messages
# inside Chinese pages (no LocaleMiddleware for the same reason).
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static files: everything vendored, no CDN (government intranets are often offline) --------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns about a missing root otherwise
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": VAR_DIR / "media"}},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# --- API -----------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "fazhi.core.api.exception_handler.api_exception_handler",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "fazhi.core.api.negotiation.NamedFormatNegotiation",
    "DEFAULT_PAGINATION_CLASS": "fazhi.core.api.pagination.BoundedLimitOffsetPagination",
    "PAGE_SIZE": 50,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Fazhi 法治政府建设平台 API",
    "DESCRIPTION": '所有写操作通过服务层完成并写入审计日志。错误统一为 {"error": {"code", "message", "fields"}}。',
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Government intranets are often offline: Swagger UI and ReDoc come from the vendored sidecar.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several apps have choice fields with the same name (status, stage, outcome, kind, category)
    # but different choice sets; without names drf-spectacular invents hash-suffixed enums
    # (e.g. "Status5faEnum") and warns. Each colliding set gets a stable name here.
    "ENUM_NAME_OVERRIDES": {
        "PenaltyCaseStatusEnum": "fazhi.enforcement.choices.CaseStatus",
        "PenaltyCaseOutcomeEnum": "fazhi.enforcement.choices.CaseOutcome",
        "InspectionOutcomeEnum": "fazhi.enforcement.choices.InspectionOutcome",
        "EvidenceStageEnum": "fazhi.enforcement.choices.EvidenceStage",
        "DecisionChangeKindEnum": "fazhi.enforcement.choices.DecisionChangeKind",
        "PowerCategoryEnum": "fazhi.powers.choices.PowerCategory",
        "PowerItemStatusEnum": "fazhi.powers.choices.ItemStatus",
        "CashCollectionGroundEnum": "fazhi.enforcement.choices.CashCollectionGround",
        "PaymentArrangementEnum": "fazhi.enforcement.choices.PaymentArrangement",
        "EnforcementRouteEnum": "fazhi.enforcement.choices.EnforcementRoute",
        "RecusalSourceEnum": "fazhi.enforcement.choices.RecusalSource",
        "ReconsiderationCategoryEnum": "fazhi.reconsideration.choices.Category",
        "ApplicantKindEnum": "fazhi.reconsideration.choices.ApplicantKind",
    },
}

# --- Fazhi configuration -----------------------------------------------------------------------
# A year without holiday data is an error unless this is set: a silent Mon–Fri guess could move
# a statutory deadline by days (DESIGN §6).
FAZHI_CALENDAR_WEEKDAY_FALLBACK = env_bool("FAZHI_CALENDAR_WEEKDAY_FALLBACK", False)
# Evidence uploads (enforcement): size limits in bytes; the allowed content types per evidence type
# default to fazhi.enforcement.rules.evidence.DEFAULT_ALLOWED_CONTENT_TYPES.
FAZHI_EVIDENCE_MAX_BYTES = env_int("FAZHI_EVIDENCE_MAX_BYTES", 100 * 1024 * 1024)
FAZHI_EVIDENCE_MAX_BYTES_AUDIO_VIDEO = env_int("FAZHI_EVIDENCE_MAX_BYTES_AUDIO_VIDEO", 4 * 1024 * 1024 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("FAZHI_LOG_LEVEL", "WARNING")},
}
