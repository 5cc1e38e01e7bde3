"""Working groups, drafters' scope grants, and deadlines (late items, time zones,
confirmation of positions ad referendum) (issue #23)

Revision ID: h23groups01
Revises: h23queue02
"""
import sqlalchemy as sa
from alembic import op

from app.models_base import UTCDateTime

revision = "h23groups01"
down_revision = "h23queue02"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "working_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("mandate", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["process_id"], ["processes.id"], name=op.f("fk_working_groups_process_id_processes"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_working_groups")),
        sa.UniqueConstraint("process_id", "name", name=op.f("uq_working_groups_process_id_name")),
    )
    with op.batch_alter_table("working_groups") as batch:
        batch.create_index(batch.f("ix_working_groups_process_id"), ["process_id"], unique=False)
    op.create_table(
        "working_group_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["group_id"], ["working_groups.id"],
                                name=op.f("fk_working_group_members_group_id_working_groups"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_working_group_members_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_working_group_members")),
        sa.UniqueConstraint("group_id", "user_id", name=op.f("uq_working_group_members_group_id_user_id")),
    )
    with op.batch_alter_table("working_group_members") as batch:
        batch.create_index(batch.f("ix_working_group_members_user_id"), ["user_id"], unique=False)
    op.create_table(
        "working_group_sections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["group_id"], ["working_groups.id"],
                                name=op.f("fk_working_group_sections_group_id_working_groups"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["section_id"], ["sections.id"],
                                name=op.f("fk_working_group_sections_section_id_sections"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_working_group_sections")),
        sa.UniqueConstraint("group_id", "section_id", name=op.f("uq_working_group_sections_group_id_section_id")),
    )
    with op.batch_alter_table("working_group_sections") as batch:
        batch.create_index(batch.f("ix_working_group_sections_section_id"), ["section_id"], unique=False)
    op.create_table(
        "edit_scope_grants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=False),
        sa.Column("granted_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["process_id"], ["processes.id"], name=op.f("fk_edit_scope_grants_process_id_processes"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_edit_scope_grants_user_id_users"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["section_id"], ["sections.id"], name=op.f("fk_edit_scope_grants_section_id_sections"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["granted_by_id"], ["users.id"], name=op.f("fk_edit_scope_grants_granted_by_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_edit_scope_grants")),
        sa.UniqueConstraint("user_id", "section_id", name=op.f("uq_edit_scope_grants_user_id_section_id")),
    )
    with op.batch_alter_table("edit_scope_grants") as batch:
        batch.create_index(batch.f("ix_edit_scope_grants_process_id"), ["process_id"], unique=False)
    with op.batch_alter_table("processes") as batch:
        batch.add_column(sa.Column("late_submissions", sa.String(length=10), server_default="refuse", nullable=False))
        batch.add_column(sa.Column("time_zone", sa.String(length=64), server_default="UTC", nullable=False))
        batch.add_column(sa.Column("ad_referendum_days", sa.Integer(), nullable=True))
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("time_zone", sa.String(length=64), nullable=True))
    with op.batch_alter_table("submissions") as batch:
        batch.add_column(sa.Column("late", sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table("positions") as batch:
        batch.add_column(sa.Column("confirmed_at", UTCDateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("positions") as batch:
        batch.drop_column("confirmed_at")
    with op.batch_alter_table("submissions") as batch:
        batch.drop_column("late")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("time_zone")
    with op.batch_alter_table("processes") as batch:
        batch.drop_column("ad_referendum_days")
        batch.drop_column("time_zone")
        batch.drop_column("late_submissions")
    with op.batch_alter_table("edit_scope_grants") as batch:
        batch.drop_index(batch.f("ix_edit_scope_grants_process_id"))
    op.drop_table("edit_scope_grants")
    with op.batch_alter_table("working_group_sections") as batch:
        batch.drop_index(batch.f("ix_working_group_sections_section_id"))
    op.drop_table("working_group_sections")
    with op.batch_alter_table("working_group_members") as batch:
        batch.drop_index(batch.f("ix_working_group_members_user_id"))
    op.drop_table("working_group_members")
    with op.batch_alter_table("working_groups") as batch:
        batch.drop_index(batch.f("ix_working_groups_process_id"))
    op.drop_table("working_groups")
