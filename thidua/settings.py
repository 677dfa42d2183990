"""Settings, all from the environment (see CONTRACT: DATABASE_URL, THIDUA_SECRET_KEY, THIDUA_DEBUG,
THIDUA_ALLOWED_HOSTS). With nothing set, a developer gets a working SQLite setup under var/."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("THIDUA_VAR_DIR", PROJECT_DIR / "var"))


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {value!r}") from None


DEBUG = _env_bool("THIDUA_DEBUG", "THIDUA_SECRET_KEY" not in os.environ)
SECRET_KEY = os.environ.get("THIDUA_SECRET_KEY", "dev-only-insecure-key-change-me-in-production")
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("THIDUA_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("THIDUA_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    "axes",
    "thidua.core",
    "thidua.accounts",
    "thidua.organizations",
    "thidua.catalog",
    "thidua.emulation",
    "thidua.evaluation",
    "thidua.blocks",
    "thidua.notifications",
    "thidua.councils",
    "thidua.decisions",
    "thidua.yearend",
    "thidua.reports",
    "thidua.documents",
    "thidua.audit",
    "thidua.jobs",
    "django_tasks",
    "django_tasks_db",
    "thidua.api",
    "thidua.demodata",  # the `thidua demo` command only
    "ninja",  # only for its vendored Swagger UI files (static/ninja/): the docs page loads nothing from a CDN
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Fields carrying NUL: the 400 page, before any view passes them to PostgreSQL (a 500 there).
    "thidua.core.middleware.NullCharacterMiddleware",
    "thidua.core.middleware.RequestStampsMiddleware",  # each data stamp read once per request
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "thidua.accounts.middleware.LoginRequiredMiddleware",
    "thidua.accounts.middleware.RefusalAuditMiddleware",
    "thidua.core.years.RememberYearMiddleware",  # ?nam= becomes the user's default year
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "thidua.urls"
WSGI_APPLICATION = "thidua.wsgi.application"

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
            ],
        },
    },
]

# SQLite by default: a file, WAL journal, IMMEDIATE transactions and a busy timeout so that two
# writers queue instead of failing. PostgreSQL (or anything else) through DATABASE_URL.
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'thidua.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        }
    )
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("THIDUA_TEST_SQLITE", "")} if os.environ.get(
        "THIDUA_TEST_SQLITE"
    ) else {}

# Cache of heavy pages and aggregates (thidua.core.versions): each process's own memory. Entries are
# keyed by data stamps kept in the database, so a write in any process makes them stale everywhere
# (docs/deployment.md §9); a shared cache backend is not needed for correctness.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("THIDUA_CACHE_MAX_ENTRIES", "1000"))},
    }
}

# Background jobs (thidua.jobs): django-tasks with its database queue, so one machine needs no
# other server; `thidua db_worker` runs them (docs/deployment.md). THIDUA_TASKS_BACKEND may name
# another django-tasks backend when a deployment grows (e.g. one on a real broker).
TASKS = {"default": {"BACKEND": os.environ.get("THIDUA_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Accounts: login throttling (django-axes), session lifetime. A login is locked for a cool-off time
# after THIDUA_LOGIN_FAILURE_LIMIT failures of the same user name from the same address (by the
# pair, so one office's shared address does not lock every colleague, and nobody can lock a user
# out from elsewhere); every failure is kept (axes' failure log and the audit trail).
AUTHENTICATION_BACKENDS = [
    "thidua.accounts.backends.ThrottledLoginBackend",
    # Django's ModelBackend, loading the user with their unit (sessions name the backend: a session
    # made before this backend was named here is signed out once).
    "thidua.accounts.backends.UserBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("THIDUA_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("THIDUA_LOGIN_COOLOFF_MINUTES", "15")) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "thidua.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False
# THIDUA_SESSION_HOURS: how long a login lasts from signing in (default a working day; not renewed by
# each request, which would cost a database write per page); THIDUA_SESSION_AT_BROWSER_CLOSE=1 also
# ends it when the browser closes.
SESSION_COOKIE_AGE = int(float(os.environ.get("THIDUA_SESSION_HOURS", "8")) * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = _env_bool("THIDUA_SESSION_AT_BROWSER_CLOSE", False)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Years print as 2022, not 2.022: amounts use the explicit `vnd` filter (1.234.567) instead.
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["thidua.formats"]

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"

EMAIL_BACKEND = os.environ.get("THIDUA_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# Production hardening: on whenever DEBUG is off, so `thidua check --deploy` passes.
if not DEBUG:
    SECURE_SSL_REDIRECT = _env_bool("THIDUA_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("THIDUA_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# A stale form or a browser without cookies gets a Vietnamese page, not Django's English one.
CSRF_FAILURE_VIEW = "thidua.core.views.csrf_failure"

# Content-Security-Policy (django-csp), in development too so that a page that breaks it shows up
# in the browser tests. Every script and stylesheet is a vendored or project static file: no inline
# <script>/<style>, no event-handler attributes (static/js/app.js reads data- attributes instead),
# nothing from another origin. The one allowance is style="" attributes (style-src-attr), used for
# computed widths and colours; they cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Request body limits (the web server's own limit, nginx's client_max_body_size, comes first: see
# docs/deployment.md). Over a limit, Django answers 400 with thidua's Vietnamese page.
# - the body except uploaded files (form fields): 2.5 MB;
DATA_UPLOAD_MAX_MEMORY_SIZE = _env_int("THIDUA_REQUEST_BODY_MAX_BYTES", 2_621_440)
# - the number of form fields in one request;
DATA_UPLOAD_MAX_NUMBER_FIELDS = _env_int("THIDUA_REQUEST_MAX_FIELDS", 1000)
# - uploaded files above this size are spooled to a temporary file instead of memory (not a limit:
#   the size limit of imported files is the imports' own setting).
FILE_UPLOAD_MAX_MEMORY_SIZE = _env_int("THIDUA_UPLOAD_MEMORY_BYTES", 2_621_440)
# - every file the product reads (thidua.core.uploads): its size (a file over it is skipped while it
#   streams in, never stored whole), what it may unpack to, and the rows and columns of a table.
THIDUA_UPLOAD_MAX_BYTES = _env_int("THIDUA_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
THIDUA_UPLOAD_MAX_UNZIPPED_BYTES = _env_int("THIDUA_UPLOAD_MAX_UNZIPPED_BYTES", 20 * 1024 * 1024)
THIDUA_IMPORT_MAX_ROWS = _env_int("THIDUA_IMPORT_MAX_ROWS", 20_000)
THIDUA_IMPORT_MAX_COLUMNS = _env_int("THIDUA_IMPORT_MAX_COLUMNS", 50)
# A staff list with more rows than this is previewed and applied by the background worker
# (thidua.jobs), its upload kept in media: checking thousands of rows does not hold a request.
THIDUA_IMPORT_ROWS_IN_REQUEST = _env_int("THIDUA_IMPORT_ROWS_IN_REQUEST", 500)
FILE_UPLOAD_HANDLERS = [
    "thidua.core.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Where LibreOffice lives for PDF conversion; absent means PDF export says so clearly.
THIDUA_SOFFICE = os.environ.get("THIDUA_SOFFICE", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("THIDUA_LOG_LEVEL", "WARNING")},
}

# API pages (django-ninja): at most 1000 rows per page, 100 when not asked.
NINJA_PAGINATION_PER_PAGE = 100
NINJA_PAGINATION_MAX_LIMIT = 1000
