"""console: account roles, two-factor secrets, handoff first response and phone note

Revision ID: 0002_console
Revises: 0001
Create Date: 2026-12-04
"""
from alembic import op
import sqlalchemy as sa


revision = '0002_console'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('therapists', schema=None) as batch_op:
        batch_op.add_column(sa.Column('role', sa.String(length=20), nullable=False, server_default='therapist'))
        batch_op.add_column(sa.Column('totp_secret', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('totp_last_step', sa.Integer(), nullable=True))
    with op.batch_alter_table('handoffs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('first_response_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('called_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('call_note', sa.Text(), nullable=True))
        batch_op.create_index('ix_handoffs_closed_at', ['closed_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('handoffs', schema=None) as batch_op:
        batch_op.drop_index('ix_handoffs_closed_at')
        batch_op.drop_column('call_note')
        batch_op.drop_column('called_at')
        batch_op.drop_column('first_response_at')
    with op.batch_alter_table('therapists', schema=None) as batch_op:
        batch_op.drop_column('totp_last_step')
        batch_op.drop_column('totp_secret')
        batch_op.drop_column('role')
