import GRDB

extension Store {
    /// Shipped migrations are never edited and run no app code (SQL only); a change to the schema is a new
    /// migration, and work that needs app code is marked in `pending_upgrade` for `PendingUpgrade`.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE paper (
                    num INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    arxiv_id TEXT UNIQUE,
                    title TEXT NOT NULL,
                    title_key TEXT NOT NULL,
                    abstract TEXT NOT NULL,
                    authors TEXT NOT NULL,
                    published TEXT,
                    updated TEXT,
                    categories TEXT NOT NULL,
                    primary_category TEXT,
                    version TEXT,
                    versions TEXT NOT NULL,
                    abs_url TEXT,
                    pdf_url TEXT,
                    comments TEXT,
                    journal_ref TEXT,
                    doi TEXT,
                    upvotes INTEGER,
                    github_repo TEXT,
                    ai_keywords TEXT NOT NULL,
                    announce_type TEXT,
                    first_source TEXT NOT NULL,
                    first_imported_at TEXT NOT NULL,
                    last_source TEXT NOT NULL,
                    last_imported_at TEXT NOT NULL
                );
                CREATE INDEX paper_title_key ON paper(title_key);
                CREATE INDEX paper_published ON paper(published);
                CREATE TABLE star (
                    paper_id TEXT PRIMARY KEY REFERENCES paper(id) ON UPDATE CASCADE ON DELETE CASCADE,
                    starred_at TEXT NOT NULL
                );
                CREATE TABLE tag (
                    paper_id TEXT NOT NULL REFERENCES paper(id) ON UPDATE CASCADE ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    tagged_at TEXT NOT NULL,
                    PRIMARY KEY (paper_id, name)
                );
                CREATE INDEX tag_name ON tag(name);
                CREATE TABLE read_mark (
                    paper_id TEXT PRIMARY KEY REFERENCES paper(id) ON UPDATE CASCADE ON DELETE CASCADE,
                    read_at TEXT NOT NULL
                );
                CREATE TABLE topic (
                    name TEXT PRIMARY KEY,
                    query TEXT NOT NULL,
                    created_at TEXT NOT NULL
                );
                """)
        }
        // Fetching: per source its last success and problem, per URL the validators of conditional
        // requests, and the reader's sessions for the New marker. Apart from paper data.
        migrator.registerMigration("v2") { db in
            try db.execute(sql: """
                CREATE TABLE fetch_source (
                    name TEXT PRIMARY KEY,
                    last_success_at TEXT,
                    last_success_day TEXT,
                    last_attempt_at TEXT,
                    last_error TEXT
                );
                CREATE TABLE fetch_validator (
                    url TEXT PRIMARY KEY,
                    source TEXT NOT NULL,
                    etag TEXT,
                    last_modified TEXT,
                    stored_at TEXT NOT NULL
                );
                CREATE TABLE reader_session (
                    event TEXT PRIMARY KEY CHECK (event IN ('opened', 'closed')),
                    at TEXT NOT NULL
                );
                CREATE INDEX paper_first_imported_at ON paper(first_imported_at);
                """)
        }
        // The search index (see DECISIONS.md). A library made before it gets its index built after the
        // migrations, by the code of the Folio that opens it (`PendingUpgrade`): a migration runs no app code.
        migrator.registerMigration("v3-search-index") { db in
            try db.execute(sql: """
                CREATE TABLE search_segment (
                    id INTEGER PRIMARY KEY,
                    replaced BLOB NOT NULL
                );
                CREATE TABLE search_postings (
                    segment INTEGER NOT NULL,
                    key TEXT NOT NULL,
                    docs BLOB NOT NULL,
                    PRIMARY KEY (segment, key)
                ) WITHOUT ROWID;
                CREATE TABLE search_order (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    generation INTEGER NOT NULL,
                    nums BLOB NOT NULL,
                    keys BLOB NOT NULL,
                    ranked INTEGER NOT NULL
                );
                CREATE TABLE IF NOT EXISTS pending_upgrade (task TEXT PRIMARY KEY);
                INSERT OR IGNORE INTO pending_upgrade (task) VALUES ('title-keys'), ('rebuild-search-index');
                """)
        }
        // Papers are found by title through a hash of it: an index of 8-byte integers stays in the page
        // cache at a million papers, where the index of folded titles was read from disk at every insert.
        // Dates are answered from the search index's date order, so their index goes (each import
        // rewrote pages all over it). Imports add to the order through `search_order_recent`.
        migrator.registerMigration("v4-title-hash") { db in
            try db.execute(sql: """
                ALTER TABLE paper ADD COLUMN title_hash INTEGER NOT NULL DEFAULT 0;
                CREATE TABLE IF NOT EXISTS pending_upgrade (task TEXT PRIMARY KEY);
                INSERT OR IGNORE INTO pending_upgrade (task) SELECT 'title-hashes' WHERE EXISTS (SELECT 1 FROM paper);
                CREATE INDEX paper_title_hash ON paper(title_hash);
                DROP INDEX paper_title_key;
                DROP INDEX paper_published;
                CREATE TABLE search_order_recent (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    nums BLOB NOT NULL,
                    keys BLOB NOT NULL
                );
                """)
        }
        // Only papers without an arXiv id keep an index on their title hash: imports inserted into the
        // index of every paper's all over (a quarter of a large import's time). Sources without arXiv ids
        // find arXiv papers by their title words in the search index instead (`TitleWordLookup`).
        migrator.registerMigration("v5-orphan-title-index") { db in
            try db.execute(sql: """
                DROP INDEX paper_title_hash;
                CREATE INDEX paper_title_hash_orphan ON paper(title_hash) WHERE arxiv_id IS NULL;
                """)
        }
        // Small posting lists are packed in block rows (`PostingRows`), which a Folio from before
        // would read as lists: marked so that it refuses the library instead.
        migrator.registerMigration("v6-posting-blocks") { _ in }
        // What was entered at the reader's filter and tag prompts, for Up and Down (the newest per kind are kept).
        // Also the table of work left after the migrations, for libraries migrated before v3 and v4 marked it.
        migrator.registerMigration("v7-prompt-history") { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS pending_upgrade (task TEXT PRIMARY KEY);
                CREATE TABLE prompt_history (
                    seq INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL,
                    text TEXT NOT NULL
                );
                CREATE INDEX prompt_history_kind ON prompt_history(kind, seq);
                """)
        }
        // Each index segment's number of papers, for the merge policy's tiers (`SegmentMergePolicy`).
        // Segments written before have none; the first merge after counts them.
        migrator.registerMigration("v8-segment-papers") { db in
            try db.execute(sql: "ALTER TABLE search_segment ADD COLUMN papers INTEGER")
        }
        // The ids a paper had before (a title-derived `t-…` id, once its arXiv record arrived), which
        // keep naming it; they follow the paper's id as it changes again.
        migrator.registerMigration("v9-paper-alias") { db in
            try db.execute(sql: """
                CREATE TABLE paper_alias (
                    alias TEXT PRIMARY KEY,
                    paper_id TEXT NOT NULL REFERENCES paper(id) ON UPDATE CASCADE ON DELETE CASCADE
                ) WITHOUT ROWID;
                CREATE INDEX paper_alias_paper ON paper_alias(paper_id);
                """)
        }
        // Tags ignore case from here on: variants made before (`ML`, `ml`) become one, after the migrations
        // (`TagSpelling.mergeSpellings`: Unicode case folding is the app's, not SQL's).
        migrator.registerMigration("v10-tag-case") { db in
            try db.execute(sql: "INSERT OR IGNORE INTO pending_upgrade (task) VALUES ('merge-tag-spellings')")
        }
        // Affiliations apart from author names, the date a feed announced a paper apart from its publication,
        // and search words folded further (Ł, Ø, Greek letters by name, compatibility forms, TeX read as
        // displayed): title keys are made again and the index rebuilt by the current Folio after the migrations.
        migrator.registerMigration("v11-affiliations-announced") { db in
            try db.execute(sql: """
                ALTER TABLE paper ADD COLUMN affiliations TEXT NOT NULL DEFAULT '[]';
                ALTER TABLE paper ADD COLUMN announced TEXT;
                INSERT OR IGNORE INTO pending_upgrade (task) VALUES ('title-keys'), ('rebuild-search-index');
                """)
        }
        // The journal of user state (`Journal.swift`): an entry per change, and through triggers each row of
        // `star`, `read_mark`, `tag` and `topic` it changed, before and after, while `journal_recording`
        // names the entry being written (it is empty otherwise, so imports and undo record nothing).
        migrator.registerMigration("v12-journal") { db in
            try db.execute(sql: """
                CREATE TABLE journal (
                    seq INTEGER PRIMARY KEY,
                    at TEXT NOT NULL,
                    origin TEXT NOT NULL,
                    summary TEXT NOT NULL,
                    changes INTEGER NOT NULL DEFAULT 0,
                    undone INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE journal_change (
                    entry INTEGER NOT NULL REFERENCES journal(seq) ON DELETE CASCADE,
                    kind TEXT NOT NULL,
                    paper_id TEXT,
                    name TEXT,
                    before TEXT,
                    after TEXT
                );
                CREATE INDEX journal_change_entry ON journal_change(entry);
                CREATE TABLE journal_recording (entry INTEGER NOT NULL);
                CREATE TRIGGER journal_star_insert AFTER INSERT ON star BEGIN
                  INSERT INTO journal_change (entry, kind, paper_id, name, before, after) SELECT entry, 'star', NEW.paper_id, NULL, NULL, NEW.starred_at FROM journal_recording;
                END;
                CREATE TRIGGER journal_star_delete AFTER DELETE ON star BEGIN
                  INSERT INTO journal_change (entry, kind, paper_id, name, before, after) SELECT entry, 'star', OLD.paper_id, NULL, OLD.starred_at, NULL FROM journal_recording;
                END;
                CREATE TRIGGER journal_star_update AFTER UPDATE ON star WHEN OLD.paper_id IS NOT NEW.paper_id OR OLD.starred_at IS NOT NEW.starred_at BEGIN
                  INSERT INTO journal_change (entry, kind, paper_id, name, before, after) SELECT entry, 'star', OLD.paper_id, NULL, OLD.starred_at, NULL FROM journal_recording;
                  INSERT INTO journal_change (entry, kind, paper_id, name, before, after) SELECT entry, 'star', NEW.paper_id, NULL, NULL, NEW.starred_at FROM journal_recording;
                END;
                CREATE TRIGGER journal_read_mark_insert AFTER INSERT ON read_mark BEGIN
                  INSERT INTO journal_change (entry, kind, paper_id, name, before, after) SELECT entry, 'read', NEW.paper_id, NULL, NULL, NEW.read_at FROM journal_recording;
                END;
                CREATE TRIGGER journal_read_mark_delete AFTER DELETE ON read_mark BEGIN
                  INSERT INTO journal_change (entry, kind, paper_id, name, before, after) SELECT entry, 'read', OLD.paper_id, NULL, OLD.read_at, NULL FROM journal_recording;
                END;
                CREATE TRIGGER journal_read_mark_update AFTER UPDATE ON read_mark WHEN OLD.paper_id IS NOT NEW.paper_id OR OLD.read_at IS NOT NEW.read_at BEGIN
                  INSERT INTO journal_change (entry, kind, paper_id, name, before, after) SELECT entry, 'read', OLD.paper_id, NULL, OLD.read_at, NULL FROM journal_recording;
                  INSERT INTO journal_change (entry, kind, paper_id, name, before, after) SELECT entry, 'read', NEW.paper_id, NULL, NULL, NEW.read_at FROM journal_recording;
                END;
                CREATE TRIGGER journal_tag_insert AFTER INSERT ON tag BEGIN
                  INSERT INTO journal_change (entry, kind, paper_id, name, before, after) SELECT entry, 'tag', NEW.paper_id, NEW.name, NULL, NEW.tagged_at FROM journal_recording;
                END;
                CREATE TRIGGER journal_tag_delete AFTER DELETE ON tag BEGIN
                  INSERT INTO journal_change (entry, kind, paper_id, name, before, after) SELECT entry, 'tag', OLD.paper_id, OLD.name, OLD.tagged_at, NULL FROM journal_recording;
                END;
                CREATE TRIGGER journal_tag_update AFTER UPDATE ON tag WHEN OLD.paper_id IS NOT NEW.paper_id OR OLD.name IS NOT NEW.name OR OLD.tagged_at IS NOT NEW.tagged_at BEGIN
                  INSERT INTO journal_change (entry, kind, paper_id, name, before, after) SELECT entry, 'tag', OLD.paper_id, OLD.name, OLD.tagged_at, NULL FROM journal_recording;
                  INSERT INTO journal_change (entry, kind, paper_id, name, before, after) SELECT entry, 'tag', NEW.paper_id, NEW.name, NULL, NEW.tagged_at FROM journal_recording;
                END;
                CREATE TRIGGER journal_topic_insert AFTER INSERT ON topic BEGIN
                  INSERT INTO journal_change (entry, kind, paper_id, name, before, after) SELECT entry, 'topic', NULL, NEW.name, NULL, json_array(NEW.query, NEW.created_at) FROM journal_recording;
                END;
                CREATE TRIGGER journal_topic_delete AFTER DELETE ON topic BEGIN
                  INSERT INTO journal_change (entry, kind, paper_id, name, before, after) SELECT entry, 'topic', NULL, OLD.name, json_array(OLD.query, OLD.created_at), NULL FROM journal_recording;
                END;
                CREATE TRIGGER journal_topic_update AFTER UPDATE ON topic WHEN OLD.name IS NOT NEW.name OR OLD.query IS NOT NEW.query OR OLD.created_at IS NOT NEW.created_at BEGIN
                  INSERT INTO journal_change (entry, kind, paper_id, name, before, after) SELECT entry, 'topic', NULL, OLD.name, json_array(OLD.query, OLD.created_at), NULL FROM journal_recording;
                  INSERT INTO journal_change (entry, kind, paper_id, name, before, after) SELECT entry, 'topic', NULL, NEW.name, NULL, json_array(NEW.query, NEW.created_at) FROM journal_recording;
                END;
                """)
        }
        // Sync through a shared folder (`Sources/FolioCore/Sync`): this device's id and clock, the last
        // change seen per key (registers: star, read, topic, paper, meta), each tag's live adds (dots) and
        // the removed ones, changes waiting to be written, and how far each other device's files were read.
        migrator.registerMigration("v13-sync") { db in
            try db.execute(sql: """
                CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
                CREATE TABLE sync_register (
                    kind TEXT NOT NULL,
                    key TEXT NOT NULL,
                    stamp TEXT NOT NULL,
                    value TEXT,
                    PRIMARY KEY (kind, key)
                ) WITHOUT ROWID;
                CREATE TABLE sync_tag_dot (
                    paper_id TEXT NOT NULL,
                    name TEXT NOT NULL,
                    dot TEXT NOT NULL,
                    at TEXT NOT NULL,
                    PRIMARY KEY (paper_id, name, dot)
                ) WITHOUT ROWID;
                CREATE INDEX sync_tag_dot_dot ON sync_tag_dot(dot);
                CREATE TABLE sync_tag_removed (dot TEXT PRIMARY KEY) WITHOUT ROWID;
                CREATE TABLE sync_outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, op TEXT NOT NULL);
                CREATE TABLE sync_applied (
                    device TEXT NOT NULL,
                    chunk TEXT NOT NULL,
                    lines INTEGER NOT NULL,
                    bytes INTEGER NOT NULL,
                    at TEXT NOT NULL,
                    PRIMARY KEY (device, chunk)
                ) WITHOUT ROWID;
                """)
        }
        // What the community says of a paper, as fields of the query language (`comments>3`, `stars>100`,
        // `has:code`): the two counts the Hugging Face daily papers give besides upvotes, and partial indexes
        // so each field finds its few papers without reading the table (most papers have none of them).
        // Mute rules: queries whose papers every view, count and list leaves out, and their papers as last
        // found (`QueryResolver.muted`). When each digest last ran.
        migrator.registerMigration("v14-fields-mutes-digests") { db in
            try db.execute(sql: """
                ALTER TABLE paper ADD COLUMN comment_count INTEGER;
                ALTER TABLE paper ADD COLUMN github_stars INTEGER;
                CREATE INDEX paper_upvotes ON paper(upvotes) WHERE upvotes IS NOT NULL;
                CREATE INDEX paper_comment_count ON paper(comment_count) WHERE comment_count IS NOT NULL;
                CREATE INDEX paper_github_stars ON paper(github_stars) WHERE github_stars IS NOT NULL;
                CREATE INDEX paper_has_code ON paper(num) WHERE github_repo <> '';
                CREATE INDEX paper_has_doi ON paper(num) WHERE doi <> '';
                CREATE INDEX paper_without_abstract ON paper(num) WHERE abstract = '';
                CREATE INDEX paper_has_keywords ON paper(num) WHERE ai_keywords <> '[]';
                CREATE TABLE mute_rule (name TEXT PRIMARY KEY, query TEXT NOT NULL, created_at TEXT NOT NULL);
                CREATE TABLE digest_run (name TEXT PRIMARY KEY, last_run TEXT NOT NULL);
                CREATE TABLE mute_cache (id INTEGER PRIMARY KEY CHECK (id = 1), key TEXT NOT NULL, nums BLOB NOT NULL);
                """)
        }
        // Notes: the user's own text on a paper. One row per paper, as star and read marks are, so the
        // journal's triggers, undo, redo and sync treat it as they treat those (`Store.markTables`).
        // PDFs downloaded by the reader: where each paper's file is, how large, when; `has:pdf` is a row
        // here. Both follow a paper whose id changes (a merge) and go with a paper removed, as stars do.
        // Where the reader was when it closed (view, filter, order, paper, theme), to open there again.
        migrator.registerMigration("v15-notes-pdfs-reader-memory") { db in
            try db.execute(sql: """
                CREATE TABLE note (
                    paper_id TEXT PRIMARY KEY REFERENCES paper(id) ON UPDATE CASCADE ON DELETE CASCADE,
                    text TEXT NOT NULL
                );
                CREATE TRIGGER journal_note_insert AFTER INSERT ON note BEGIN
                  INSERT INTO journal_change (entry, kind, paper_id, name, before, after) SELECT entry, 'note', NEW.paper_id, NULL, NULL, NEW.text FROM journal_recording;
                END;
                CREATE TRIGGER journal_note_delete AFTER DELETE ON note BEGIN
                  INSERT INTO journal_change (entry, kind, paper_id, name, before, after) SELECT entry, 'note', OLD.paper_id, NULL, OLD.text, NULL FROM journal_recording;
                END;
                CREATE TRIGGER journal_note_update AFTER UPDATE ON note WHEN OLD.paper_id IS NOT NEW.paper_id OR OLD.text IS NOT NEW.text BEGIN
                  INSERT INTO journal_change (entry, kind, paper_id, name, before, after) SELECT entry, 'note', OLD.paper_id, NULL, OLD.text, NULL FROM journal_recording;
                  INSERT INTO journal_change (entry, kind, paper_id, name, before, after) SELECT entry, 'note', NEW.paper_id, NULL, NULL, NEW.text FROM journal_recording;
                END;
                CREATE TABLE pdf_file (
                    paper_id TEXT PRIMARY KEY REFERENCES paper(id) ON UPDATE CASCADE ON DELETE CASCADE,
                    path TEXT NOT NULL,
                    bytes INTEGER NOT NULL,
                    downloaded_at TEXT NOT NULL
                );
                CREATE TABLE reader_memory (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
                """)
        }
        return migrator
    }
}
