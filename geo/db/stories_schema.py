"""Presenter stories on the shared Base: a named story and its ordered slides.

Created by migration ``0006_stories``. A slide keeps the view it was saved from as JSON in the
shared view's query-string form (``{"area": ["nyc"], "indicator": [...], "at": [...]}``), so a
slide reopens exactly what was on screen; only public choices are stored, never records.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from geo.db.base import Base, UTCDateTime, utc_now


class Story(Base):
    """A named, ordered set of slides for a workshop; archived rather than deleted."""

    __tablename__ = "stories"
    __table_args__ = (sa.CheckConstraint("status IN ('active', 'archived')", name="status"),)

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    status: Mapped[str] = mapped_column(sa.String(16), default="active")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_by: Mapped[str | None] = mapped_column(sa.String(200))
    version: Mapped[int] = mapped_column(sa.Integer, default=1)

    slides: Mapped[list[Slide]] = relationship(
        order_by="Slide.position", cascade="all, delete-orphan", passive_deletes=True
    )


class Slide(Base):
    """One saved view with its caption, at ``position`` (0 = first) in its story."""

    __tablename__ = "slides"
    __table_args__ = (sa.Index("ix_slides_story_position", "story_id", "position"),)

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    story_id: Mapped[int] = mapped_column(
        sa.Integer, sa.ForeignKey("stories.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(sa.Integer, default=0)
    caption: Mapped[str] = mapped_column(sa.Text, default="")
    view: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
