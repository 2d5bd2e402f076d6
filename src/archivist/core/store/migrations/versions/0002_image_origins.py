"""image origins

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26

Remembers where each stored image of an article came from, so re-cleaning works offline and
keeps the article's images.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "image_origins",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("image_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"],
                                name=op.f("fk_image_origins_article_id_articles"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["image_id"], ["images.id"],
                                name=op.f("fk_image_origins_image_id_images"), ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("article_id", "origin", name=op.f("pk_image_origins")),
    )
    with op.batch_alter_table("image_origins", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_image_origins_image_id"), ["image_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("image_origins", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_image_origins_image_id"))
    op.drop_table("image_origins")
