"""Sites with address parts, services with their sites, taxonomy terms and opening hours.

The old ``services`` table held one row per project category: it becomes ``categories`` (rows
copied as they are). Each organization's one location is already its first site (position 0);
its one-line address is kept and also copied into ``address_1`` so nothing is lost.

Revision ID: 0005_sites_and_services
Revises: 0004_organization_source
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_sites_and_services"
down_revision = "0004_organization_source"
branch_labels = None
depends_on = None

_SITE_COLUMNS = (
    ("address_1", sa.String(300)),
    ("address_2", sa.String(300)),
    ("city", sa.String(200)),
    ("state_province", sa.String(100)),
    ("postal_code", sa.String(32)),
    ("country", sa.String(2)),
    ("description", sa.Text()),
    ("accessibility", sa.Text()),
    ("transportation", sa.Text()),
    ("source_id", sa.String(200)),
)


def _org_id() -> sa.Column[str]:
    return sa.Column(
        "organization_id",
        sa.String(64),
        sa.ForeignKey("organizations.id", ondelete="CASCADE"),
        nullable=False,
    )


def _pk() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True)


def _service_fk() -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["organization_id", "service_position"],
        ["services.organization_id", "services.position"],
        ondelete="CASCADE",
    )


def _categories_from_services() -> None:
    op.create_table(
        "categories",
        _pk(),
        _org_id(),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("name", sa.String(300)),
        sa.UniqueConstraint("organization_id", "category"),
    )
    op.create_index("ix_categories_organization_id", "categories", ["organization_id"])
    op.create_index("ix_categories_category", "categories", ["category"])
    op.execute(
        # Without the ids, so PostgreSQL's sequence stays right; order keeps the listing order.
        "INSERT INTO categories (organization_id, category, name) "
        "SELECT organization_id, category, name FROM services ORDER BY id"
    )
    op.drop_table("services")


def _services() -> None:
    op.create_table(
        "services",
        _pk(),
        _org_id(),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("alternate_name", sa.String(300)),
        sa.Column("description", sa.Text()),
        sa.Column("url", sa.String(500)),
        sa.Column("email", sa.String(320)),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("eligibility", sa.Text()),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("categories", sa.JSON(), nullable=False),
        sa.Column("source_id", sa.String(200)),
        sa.UniqueConstraint("organization_id", "position"),
    )
    op.create_index("ix_services_organization_id", "services", ["organization_id"])
    op.create_table(
        "service_terms",
        _pk(),
        _org_id(),
        sa.Column("service_position", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(100), nullable=False),
        sa.Column("name", sa.String(300)),
        sa.Column("vocabulary", sa.String(200)),
        _service_fk(),
    )
    op.create_index("ix_service_terms_organization_id", "service_terms", ["organization_id"])
    op.create_index("ix_service_terms_code", "service_terms", ["code"])
    op.create_table(
        "service_at_location",
        _pk(),
        _org_id(),
        sa.Column("service_position", sa.Integer(), nullable=False),
        sa.Column("site_position", sa.Integer(), nullable=False),
        sa.UniqueConstraint("organization_id", "service_position", "site_position"),
        _service_fk(),
    )
    op.create_index(
        "ix_service_at_location_organization_id", "service_at_location", ["organization_id"]
    )
    op.create_table(
        "schedules",
        _pk(),
        _org_id(),
        sa.Column("site_position", sa.Integer()),
        sa.Column("service_position", sa.Integer()),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("opens_at", sa.Time()),
        sa.Column("closes_at", sa.Time()),
        sa.Column("description", sa.Text()),
        sa.CheckConstraint("weekday BETWEEN 1 AND 7", name="weekday"),
    )
    op.create_index("ix_schedules_organization_id", "schedules", ["organization_id"])


def upgrade() -> None:
    """Categories move to their own table; sites get address parts; services are HSDS's."""
    _categories_from_services()
    with op.batch_alter_table("locations") as batch:
        for name, type_ in _SITE_COLUMNS:
            batch.add_column(sa.Column(name, type_))
    op.execute("UPDATE locations SET address_1 = SUBSTR(address, 1, 300) WHERE address IS NOT NULL")
    _services()


def downgrade() -> None:
    """Back to one category row per service; the new detail is dropped."""
    for name in ("schedules", "service_at_location", "service_terms", "services"):
        op.drop_table(name)
    with op.batch_alter_table("locations") as batch:
        for name, _ in reversed(_SITE_COLUMNS):
            batch.drop_column(name)
    op.create_table(
        "services",
        _pk(),
        _org_id(),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("name", sa.String(300)),
        sa.UniqueConstraint("organization_id", "category"),
    )
    op.create_index("ix_services_organization_id", "services", ["organization_id"])
    op.create_index("ix_services_category", "services", ["category"])
    op.execute(
        "INSERT INTO services (organization_id, category, name) "
        "SELECT organization_id, category, name FROM categories ORDER BY id"
    )
    op.drop_table("categories")
