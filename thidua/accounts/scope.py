"""One scope model: what a signed-in user may reach, derived once from their memberships, and the
queryset method every list, detail, export, report, htmx fragment, CLI `--user` command and service
uses to find objects: ``Model.objects.for_user(user, action)`` (NetBox's
``RestrictedQuerySet.restrict(user, action)``).

A user belongs to one unit with one role (accounts.models). From that:

===================  ==========================================================================
membership           derived from
===================  ==========================================================================
administrator        ``is_superuser`` or role ``admin``: everything
province board       role ``province_officer`` (its unit is a province body): the province
agency officer       role ``agency_officer``: its agency (a department's user: the parent agency),
                     and the units that agency continues (lineage after merges); in practice also
                     the secretary of the agency's council
agency leader        role ``agency_leader``: sees what the agency officer sees, signs and sends
block head           role ``block_officer``: its agency's own scope, plus, for each year in which
                     its agency heads a block, that block-year and its members' registrations
===================  ==========================================================================

Each domain model's queryset subclasses :class:`ScopedQuerySet` and writes its rule once, in
``restrict(scope, action)``; anything it does not grant is denied (an unknown action too).
This module imports no domain app: the rules live beside their models."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Self

from django.db import models

from .models import Role

VIEW = "view"
CHANGE = "change"
ACTIONS = (VIEW, CHANGE)


def is_admin(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and (user.is_superuser or user.role == Role.ADMIN))


@dataclass(frozen=True)
class Scope:
    """A user's reach. ``agency_id`` is the home agency (None: no unit, so nothing but what
    administrators get); ``province_id`` its province."""

    user_id: int | None
    role: str
    admin: bool
    agency_id: int | None
    province_id: int | None
    in_department: bool

    @classmethod
    def of(cls, user: Any) -> Scope | None:
        """The scope of a signed-in user (cached on the user object), None for anonymous."""
        if not getattr(user, "is_authenticated", False):
            return None
        cached = getattr(user, "_thidua_scope", None)
        if cached is not None:
            return cached
        unit = user.unit if user.unit_id else None
        agency = unit.agency if unit is not None else None
        scope = cls(user_id=user.pk, role=user.role, admin=is_admin(user),
                    agency_id=agency.pk if agency is not None else None,
                    province_id=agency.province_id if agency is not None else None,
                    in_department=unit is not None and agency is not None and unit.pk != agency.pk)
        user._thidua_scope = scope
        return scope

    @property
    def reach(self) -> str:
        """What the querysets' `restrict` rules read of a scope, as text: two users with the same
        reach see the same objects (a cache key of a page part computed for one of them)."""
        return f"{self.role}:{int(self.admin)}:{self.agency_id}:{self.province_id}:{int(self.in_department)}"

    @property
    def province_board(self) -> bool:
        return self.role == Role.PROVINCE_OFFICER and self.province_id is not None

    @property
    def agency_officer(self) -> bool:
        return self.role == Role.AGENCY_OFFICER and self.agency_id is not None

    @property
    def agency_member(self) -> bool:
        """Officer, leader or block officer of an agency (its people see the agency's own data)."""
        return self.agency_id is not None and self.role != Role.PROVINCE_OFFICER

    @property
    def block_head(self) -> bool:
        """The officer of an agency that may head blocks (which years: `BlockYear.head`)."""
        return self.role == Role.BLOCK_OFFICER and self.agency_id is not None


class ScopedQuerySet(models.QuerySet):
    """Base of every domain queryset: ``for_user(user, action)`` is the one way to find objects."""

    def for_user(self, user: Any, action: str = VIEW) -> Self:
        scope = Scope.of(user)
        if scope is None:
            return self.none()
        if scope.admin:
            return self
        if scope.agency_id is None:
            return self.none()
        return self.restrict(scope, action)

    def restrict(self, scope: Scope, action: str) -> Self:
        """What `scope` may reach for `action`; subclasses grant, the default denies."""
        return self.none()

    def allows(self, user: Any, action: str, obj: models.Model) -> bool:
        """May `user` do `action` to `obj`? (the same rule, for one object)"""
        return self.for_user(user, action).filter(pk=obj.pk).exists()


def may_view_related(user: Any, obj: models.Model, field: str) -> bool:
    """May `user` see the object that the foreign key `field` of `obj` points to? Asked of the related
    model's own scoped queryset (one query, the object not loaded), so a page can link to an object of
    an app above its own, known to it only by the foreign key, without importing that app."""
    foreign_key = obj._meta.get_field(field)
    pk = getattr(obj, foreign_key.attname)
    if pk is None:
        return False
    return foreign_key.related_model._default_manager.for_user(user, VIEW).filter(pk=pk).exists()
