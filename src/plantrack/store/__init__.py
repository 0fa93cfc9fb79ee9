"""Storage: SQLAlchemy models, Alembic migrations, repositories. SQLite by default, PostgreSQL by URL."""
