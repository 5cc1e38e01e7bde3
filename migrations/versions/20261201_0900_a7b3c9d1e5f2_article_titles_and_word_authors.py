"""article titles on clause versions; Word authors on internal notes

A clause version may have a title ("Use of terms"): part of its wording, so versioned
with it. Existing versions have none and keep their text unchanged. An internal note
imported from a Word comment names the Word author it came from.

Revision ID: a7b3c9d1e5f2
Revises: e1f3a5c7d9b2
Create Date: 2026-12-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7b3c9d1e5f2'
down_revision = 'e1f3a5c7d9b2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('clause_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('title', sa.String(length=300), nullable=True))
    with op.batch_alter_table('internal_notes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('word_author', sa.String(length=200), nullable=True))


def downgrade():
    with op.batch_alter_table('internal_notes', schema=None) as batch_op:
        batch_op.drop_column('word_author')
    with op.batch_alter_table('clause_versions', schema=None) as batch_op:
        batch_op.drop_column('title')
