"""E-mail queued in the database with the action it reports, and sent later by the scheduler."""
