"""A team hub: a PostgreSQL database that a team's translators sync their glossaries and
translation memory with. Local SQLite stays the working store; the editor never waits on
the hub (see ``sync``)."""
