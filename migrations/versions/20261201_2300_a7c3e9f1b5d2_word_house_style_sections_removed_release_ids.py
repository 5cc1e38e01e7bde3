"""Word house style per process, removed sections, release identifiers of export files

Revision ID: a7c3e9f1b5d2
Revises: a7b3c9d1e5f2
Create Date: 2026-12-01 23:00:00.000000

Existing processes get the defaults (Times New Roman, en-GB, the slug as symbol, no line
numbers); existing sections stay in the text; existing export files keep no identifier
(they were not deterministic and carried none).
"""
from alembic import op
import sqlalchemy as sa


revision = 'a7c3e9f1b5d2'
down_revision = 'a7b3c9d1e5f2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('processes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('house_font', sa.String(length=100), nullable=False,
                                      server_default='Times New Roman'))
        batch_op.add_column(sa.Column('language', sa.String(length=35), nullable=False, server_default='en-GB'))
        batch_op.add_column(sa.Column('document_symbol', sa.String(length=100), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('line_numbering', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('sections', schema=None) as batch_op:
        batch_op.add_column(sa.Column('removed_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('export_files', schema=None) as batch_op:
        batch_op.add_column(sa.Column('release_id', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('text_sha256', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('file_format', sa.String(length=10), nullable=False, server_default='docx'))
        batch_op.create_index(batch_op.f('ix_export_files_release_id'), ['release_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_export_files_sha256'), ['sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_export_files_text_sha256'), ['text_sha256'], unique=False)


def downgrade():
    with op.batch_alter_table('export_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_export_files_text_sha256'))
        batch_op.drop_index(batch_op.f('ix_export_files_sha256'))
        batch_op.drop_index(batch_op.f('ix_export_files_release_id'))
        batch_op.drop_column('file_format')
        batch_op.drop_column('text_sha256')
        batch_op.drop_column('release_id')
    with op.batch_alter_table('sections', schema=None) as batch_op:
        batch_op.drop_column('removed_at')
    with op.batch_alter_table('processes', schema=None) as batch_op:
        batch_op.drop_column('line_numbering')
        batch_op.drop_column('document_symbol')
        batch_op.drop_column('language')
        batch_op.drop_column('house_font')
