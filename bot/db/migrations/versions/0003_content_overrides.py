"""content: practice details and answer texts edited in the console, with their versions

Revision ID: 0003_content
Revises: 0002_console
Create Date: 2026-12-04
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_content'
down_revision = '0002_console'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'content_versions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('key', sa.String(length=120), nullable=False),
        sa.Column('old_value', sa.Text(), nullable=True),
        sa.Column('new_value', sa.Text(), nullable=True),
        sa.Column('changed_by', sa.String(length=80), nullable=False),
        sa.Column('changed_at', sa.DateTime(), nullable=False),
        sa.Column('restored_from', sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_content_versions_changed_at', 'content_versions', ['changed_at'], unique=False)
    op.create_index('ix_content_versions_kind_key', 'content_versions', ['kind', 'key'], unique=False)
    op.create_table(
        'content_overrides',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('key', sa.String(length=120), nullable=False),
        sa.Column('value', sa.Text(), nullable=False),
        sa.Column('version_id', sa.Integer(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('kind', 'key', name='uq_content_overrides_kind_key'),
    )


def downgrade() -> None:
    op.drop_table('content_overrides')
    op.drop_index('ix_content_versions_kind_key', table_name='content_versions')
    op.drop_index('ix_content_versions_changed_at', table_name='content_versions')
    op.drop_table('content_versions')
