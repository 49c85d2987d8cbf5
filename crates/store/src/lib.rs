//! Kansli storage: schema, migrations and queries.
