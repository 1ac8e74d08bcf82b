"""learning: the "Niet begrepen" inbox and how far the tracker events were scanned

Revision ID: 0003_learning
Revises: 0003_content
Create Date: 2026-12-04
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_learning'
down_revision = '0003_content'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'learning_inbox',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('conversation_key', sa.String(length=64), nullable=False),
        sa.Column('message_at', sa.Float(), nullable=False),
        sa.Column('reason', sa.String(length=20), nullable=False),
        sa.Column('user_text', sa.Text(), nullable=False),
        sa.Column('bot_text', sa.Text(), nullable=False),
        sa.Column('intent', sa.String(length=120), nullable=True),
        sa.Column('confidence', sa.Float(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('decision', sa.String(length=20), nullable=True),
        sa.Column('topic', sa.String(length=120), nullable=True),
        sa.Column('decided_by', sa.String(length=80), nullable=True),
        sa.Column('decided_at', sa.DateTime(), nullable=True),
        sa.Column('exported_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('conversation_key', 'message_at', name='uq_learning_inbox_message'),
    )
    with op.batch_alter_table('learning_inbox', schema=None) as batch_op:
        batch_op.create_index('ix_learning_inbox_conversation_key', ['conversation_key'], unique=False)
        batch_op.create_index('ix_learning_inbox_created_at', ['created_at'], unique=False)
        batch_op.create_index('ix_learning_inbox_decision', ['decision'], unique=False)
    op.create_table(
        'learning_scan',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('last_event_id', sa.Integer(), nullable=False),
        sa.Column('scanned_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade() -> None:
    op.drop_table('learning_scan')
    with op.batch_alter_table('learning_inbox', schema=None) as batch_op:
        batch_op.drop_index('ix_learning_inbox_decision')
        batch_op.drop_index('ix_learning_inbox_created_at')
        batch_op.drop_index('ix_learning_inbox_conversation_key')
    op.drop_table('learning_inbox')
