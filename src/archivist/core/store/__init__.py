"""Storage: the only package that knows SQL. SQLAlchemy models, FTS5, Alembic migrations."""
