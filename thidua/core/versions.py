"""Caching of heavy pages and aggregates, with invalidation that holds across processes.

Each scope of data has a stamp in the database (`DataVersion`: "province:<id>" for everything of a
province — its units, staff, their history, registrations, decisions — and "catalog" for the law
and catalog, which every province reads). Every write replaces the stamps of the scopes it touches,
in the same transaction: models are declared with `track()` (their saves and deletes bump through
Django's signals), and bulk writes, which send no signals, call `bump()` themselves.

A cached value is stored under a key that holds the stamps it was computed from (`cached()`), read
in one query. After a write the stamps differ, the old entry is never read again and ages out.
Because the stamps live in the database, a write in one application process is seen by all the
others at once, even with Django's default per-process local-memory cache (see settings.CACHES and
docs/deployment.md): a shared cache would only save each process computing the value once.

Stamps are random, not counters, so a database restored or re-created under a running process can
never meet an entry cached from the old one.

Within one request the stamps are read once (`reading_once`, around every request by
core.middleware.RequestStampsMiddleware): a page with several cached parts pays one query, not one
per part; a write in the request forgets the stamps it replaced."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.core.cache import cache
from django.db.models import Model, Q
from django.db.models.signals import post_delete, post_save

from .models import DataVersion

CATALOG = "catalog"
TIMEOUT = 24 * 3600  # seconds; entries of an old stamp are never read again, this only frees them

T = TypeVar("T")

# The stamps already read in this request (None outside a request: every read asks the database).
_read: ContextVar[dict[str, str] | None] = ContextVar("thidua_stamps_read", default=None)


@contextmanager
def reading_once() -> Iterator[None]:
    """Read each stamp at most once until the block ends (one request)."""
    token = _read.set({})
    try:
        yield
    finally:
        _read.reset(token)


def province_key(province_id: int | None) -> str:
    """The scope of one province's data; the catalog's when the province is not known (a bump of
    it makes every province's cached pages stale: safe, only slower)."""
    return f"province:{province_id}" if province_id is not None else CATALOG


def work_key(province_id: int | None) -> str:
    """The scope of a province's work in progress that its own stamp does not follow (dossiers and
    their lines, council sessions and ballots, movements launched): these change click by click, and
    bumping the province's stamp each time would redraw every cached page of the province."""
    return f"work:{province_id}" if province_id is not None else CATALOG


def _provinces(keys: Iterable[str]) -> set[str]:
    """The provinces `keys` name ("<kind>:<province id>")."""
    return {tail for tail in (key.partition(":")[2] for key in keys) if tail.isdigit()}


def _new_stamp() -> str:
    return secrets.token_hex(8)


def bump(*keys: str) -> None:
    """Give `keys` new stamps (inside the caller's transaction: they change when its data does)."""
    read = _read.get()
    for key in dict.fromkeys(keys):
        if read is not None:
            read.pop(key, None)
        if not DataVersion.objects.filter(key=key).update(stamp=_new_stamp()):
            # First write of the scope; a concurrent first write is harmless (either stamp is new).
            DataVersion.objects.bulk_create([DataVersion(key=key, stamp=_new_stamp())], ignore_conflicts=True)


def stamps(keys: Iterable[str]) -> tuple[str, ...]:
    """The current stamps of `keys`, in order (one query; two the first time a scope is read)."""
    keys = list(keys)
    read = _read.get()
    if read is not None and all(k in read for k in keys):
        return tuple(read[k] for k in keys)
    if read is None:
        found = dict(DataVersion.objects.filter(key__in=keys).values_list("key", "stamp"))
    else:
        # In a request, the catalog's stamp and every stamp of each province named come along (a few
        # rows): the request's other cached parts are likely to read them too.
        together = Q(key__in=[*keys, CATALOG])
        for province in _provinces(keys):
            together |= Q(key__endswith=f":{province}")
        found = dict(DataVersion.objects.filter(together).values_list("key", "stamp"))
    missing = {k: _new_stamp() for k in keys if k not in found}
    if missing:
        # Should another process create the row at the same moment, its stamp wins and what this
        # request caches under ours is simply never read.
        DataVersion.objects.bulk_create([DataVersion(key=k, stamp=v) for k, v in missing.items()],
                                        ignore_conflicts=True)
        found.update(missing)
    if read is not None:
        read.update(found)
    return tuple(found[k] for k in keys)


def cached(name: str, parts: Iterable[Any], keys: Iterable[str], compute: Callable[[], T]) -> T:
    """`compute()`, cached under `name` and `parts` (what the value is of: ids, a year) for as long
    as the stamps of `keys` (the scopes it reads) do not change."""
    # Every value also hangs on the catalog's stamp, so that one bump of it (after writing to the
    # database by hand, docs/deployment.md) makes every cached value stale.
    key = ":".join(["thidua", name, *map(str, parts), *stamps(dict.fromkeys([*keys, CATALOG]))])
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


def track(model: type[Model], scopes: Callable[[Any], Iterable[str]], *, name: str = "") -> None:
    """Bump the scopes `scopes(instance)` names whenever an instance of `model` is saved or deleted.
    A model tracked for several kinds of scope is tracked once per `name` (connecting twice under
    the same name keeps one connection)."""

    def changed(sender: type[Model], instance: Any, raw: bool = False, **kwargs: Any) -> None:
        if not raw:  # loaddata: fixtures bring their own state
            bump(*scopes(instance))

    uid = f"thidua.core.versions:{model._meta.label}" + (f":{name}" if name else "")
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid)


def cached_for_reach(scope: Any, name: str, parts: Iterable[Any], keys: Callable[[int], Iterable[str]],
                     compute: Callable[[], T]) -> T:
    """A page part drawn once for all the users of one reach of one province (`scope`:
    accounts.scope.Scope; two users of the same `reach` see the same objects), under the stamps
    `keys(province id)`. An administrator's pages span every province, whose stamps do not all fit
    in one key: computed each time (as for a user without a province, or anonymous)."""
    if scope is None or scope.admin or scope.province_id is None:
        return compute()
    return cached(name, (scope.reach, *parts), keys(scope.province_id), compute)

