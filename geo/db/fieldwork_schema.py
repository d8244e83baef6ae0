"""Field-work tables on the shared Base: walkabouts, engagement log, action plan, staff.

Created by migration ``0002_fieldwork``. Every record has the stamps and ``version`` of
:mod:`geo.db.schema` (optimistic concurrency) and an ``archived`` flag (soft delete, undone
by a restore); every change is written to ``change_log`` by :mod:`geo.db.tracked`.
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from geo.db.base import Base, UTCDateTime, utc_now


class _Tracked:
    """Columns every field-work record shares."""

    archived: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_by: Mapped[str | None] = mapped_column(sa.String(200))
    version: Mapped[int] = mapped_column(sa.Integer, default=1)


class Walkabout(_Tracked, Base):
    """A planned neighbourhood walk from a branch; ``area`` is an AreaDefinition as JSON."""

    __tablename__ = "walkabouts"

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    branch_id: Mapped[str | None] = mapped_column(
        sa.String(64), sa.ForeignKey("branches.id", ondelete="SET NULL")
    )
    area: Mapped[dict[str, object]] = mapped_column(sa.JSON, default=dict)
    planned_on: Mapped[date | None] = mapped_column(sa.Date)
    team: Mapped[str | None] = mapped_column(sa.String(200))
    questions: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    speed_kmh: Mapped[float] = mapped_column(sa.Float, default=4.8)
    status: Mapped[str] = mapped_column(sa.String(16), default="planned")
    distance_m: Mapped[float | None] = mapped_column(sa.Float)


class WalkaboutStop(Base):
    """A stop of a walk in walking order: an organization, a free point, or a place found."""

    __tablename__ = "walkabout_stops"
    __table_args__ = (sa.UniqueConstraint("walkabout_id", "position"),)

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    walkabout_id: Mapped[str] = mapped_column(
        sa.String(64), sa.ForeignKey("walkabouts.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(sa.Integer)
    kind: Mapped[str] = mapped_column(sa.String(16))  # organization | point | found
    organization_id: Mapped[str | None] = mapped_column(
        sa.String(64), sa.ForeignKey("organizations.id", ondelete="SET NULL")
    )
    label: Mapped[str] = mapped_column(sa.String(300))
    address: Mapped[str | None] = mapped_column(sa.Text)
    lat: Mapped[float] = mapped_column(sa.Float)
    lon: Mapped[float] = mapped_column(sa.Float)
    visited: Mapped[bool | None] = mapped_column(sa.Boolean)
    met: Mapped[str | None] = mapped_column(sa.Text)
    learned: Mapped[str | None] = mapped_column(sa.Text)


class EngagementEntry(_Tracked, Base):
    """One contact with a provider or community group, placed on the involvement continuum."""

    __tablename__ = "engagement_entries"

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    contact_on: Mapped[date] = mapped_column(sa.Date, index=True)
    staff: Mapped[str] = mapped_column(sa.String(300))
    branch_id: Mapped[str | None] = mapped_column(
        sa.String(64), sa.ForeignKey("branches.id", ondelete="SET NULL")
    )
    team: Mapped[str | None] = mapped_column(sa.String(100))
    technique: Mapped[str] = mapped_column(sa.String(32))
    continuum: Mapped[str] = mapped_column(sa.String(32))
    summary: Mapped[str | None] = mapped_column(sa.Text)
    needs: Mapped[str | None] = mapped_column(sa.Text)
    aspirations: Mapped[str | None] = mapped_column(sa.Text)
    assets_heard: Mapped[str | None] = mapped_column(sa.Text)
    challenges: Mapped[str | None] = mapped_column(sa.Text)
    follow_up_on: Mapped[date | None] = mapped_column(sa.Date)


class EngagementOrganization(Base):
    """An organization involved in a log entry."""

    __tablename__ = "engagement_organizations"
    __table_args__ = (sa.UniqueConstraint("entry_id", "organization_id"),)

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    entry_id: Mapped[str] = mapped_column(
        sa.String(64), sa.ForeignKey("engagement_entries.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[str] = mapped_column(
        sa.String(64), sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )


class EngagementCommunity(Base):
    """A community (country or region of origin, or a group's own name) involved in an entry."""

    __tablename__ = "engagement_communities"
    __table_args__ = (sa.UniqueConstraint("entry_id", "community"),)

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    entry_id: Mapped[str] = mapped_column(
        sa.String(64), sa.ForeignKey("engagement_entries.id", ondelete="CASCADE"), index=True
    )
    community: Mapped[str] = mapped_column(sa.String(200))


class ActionStep(_Tracked, Base):
    """A next step of the action plan: what, who, when, status."""

    __tablename__ = "action_steps"

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(500))
    who: Mapped[str | None] = mapped_column(sa.String(300))
    due_on: Mapped[date | None] = mapped_column(sa.Date, index=True)
    status: Mapped[str] = mapped_column(sa.String(16), default="open")
    branch_id: Mapped[str | None] = mapped_column(
        sa.String(64), sa.ForeignKey("branches.id", ondelete="SET NULL")
    )
    notes: Mapped[str | None] = mapped_column(sa.Text)
    completed_on: Mapped[date | None] = mapped_column(sa.Date)


class ActionStepLink(Base):
    """What a step rests on: an asset, community, tract, log entry or walk (``kind``, ``ref``)."""

    __tablename__ = "action_step_links"
    __table_args__ = (sa.UniqueConstraint("step_id", "kind", "ref"),)

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    step_id: Mapped[str] = mapped_column(
        sa.String(64), sa.ForeignKey("action_steps.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(sa.String(16))
    ref: Mapped[str] = mapped_column(sa.String(200))


class StaffMember(_Tracked, Base):
    """A person involved in the field work (sign-in accounts come later and are separate)."""

    __tablename__ = "staff"

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    branch_id: Mapped[str | None] = mapped_column(
        sa.String(64), sa.ForeignKey("branches.id", ondelete="SET NULL")
    )
    team: Mapped[str | None] = mapped_column(sa.String(100))


class StaffTraining(Base):
    """A training a staff member has done (key of geo.fieldwork.action_plan.TRAININGS)."""

    __tablename__ = "staff_training"
    __table_args__ = (sa.UniqueConstraint("staff_id", "training"),)

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    staff_id: Mapped[str] = mapped_column(
        sa.String(64), sa.ForeignKey("staff.id", ondelete="CASCADE"), index=True
    )
    training: Mapped[str] = mapped_column(sa.String(32))
    completed_on: Mapped[date | None] = mapped_column(sa.Date)
