"""pipeline review: a local page to accept, reject or correct extracted records, decisions kept in SQLite and exported as gold."""
