"""The library schema, as an ordered list of migrations applied when a library opens.

Every migration runs in its own transaction together with its record in
``_sqlite_migrations`` (sqlite-utils; its ``executescript`` does not commit
inside a transaction). ``PRAGMA user_version`` mirrors the
number of applied migrations so that an older Reader can recognise a library
written by a newer one and refuse to touch it.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "reader"
migrations = Migrations(MIGRATION_SET)


@migrations(name="0001_articles")
def _articles(db: Database) -> None:
    """Articles, their original files, read-also links, tags and the full-text index."""
    db.executescript(
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            published TEXT,
            source TEXT,
            author TEXT,
            editor TEXT,
            dateline TEXT,
            language TEXT,
            url TEXT,
            title_derived INTEGER NOT NULL DEFAULT 0,
            body TEXT NOT NULL,
            body_hash TEXT NOT NULL,
            word_count INTEGER NOT NULL DEFAULT 0,
            imported_at TEXT NOT NULL,
            parsed_at TEXT NOT NULL,
            parser_version INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX idx_articles_body_hash ON articles(body_hash);
        CREATE INDEX idx_articles_published ON articles(published);
        CREATE INDEX idx_articles_source ON articles(source);

        -- The original file: raw decoded text, so everything can be re-derived.
        CREATE TABLE article_files (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            path TEXT NOT NULL,
            file_name TEXT NOT NULL,
            format TEXT NOT NULL,
            encoding TEXT NOT NULL,
            size INTEGER NOT NULL,
            raw TEXT NOT NULL
        );
        CREATE TABLE read_also (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX idx_read_also_article ON read_also(article_id, position);
        CREATE TABLE tags (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL COLLATE NOCASE UNIQUE
        );
        CREATE TABLE article_tags (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            PRIMARY KEY (article_id, tag_id)
        ) WITHOUT ROWID;
        CREATE INDEX idx_article_tags_tag ON article_tags(tag_id);
        """
    )
    # Title and body, diacritics folded ("cafe" finds "café"), kept in sync by triggers
    # that fire only when indexed columns change.
    db["articles"].enable_fts(
        ["title", "body"], fts_version="FTS5", tokenize="unicode61 remove_diacritics 2"
    )
    db.executescript(
        """
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts (articles_fts, rowid, title, body)
            VALUES ('delete', old.id, old.title, old.body);
        END;
        CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
            INSERT INTO articles_fts (articles_fts, rowid, title, body)
            VALUES ('delete', old.id, old.title, old.body);
            INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
        END;
        """
    )


@migrations(name="0002_article_state")
def _article_state(db: Database) -> None:
    """What the reader did with an article: opened (read), starred, where they stopped."""
    db.executescript(
        """
        CREATE TABLE article_state (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            read_at TEXT,
            starred_at TEXT,
            scroll REAL
        );
        CREATE INDEX idx_article_state_starred ON article_state(starred_at)
            WHERE starred_at IS NOT NULL;
        """
    )


@migrations(name="0003_entities")
def _entities(db: Database) -> None:
    """Entities with canonical names and aliases, their mentions (offsets into the body),
    the extraction version per article, and the user's corrections as their own layer."""
    db.executescript(
        """
        CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            canonical TEXT NOT NULL,
            type TEXT NOT NULL CHECK (type IN ('PERSON', 'ORGANIZATION', 'PLACE', 'DATE')),
            UNIQUE (canonical, type)
        );
        CREATE TABLE entity_aliases (
            alias TEXT NOT NULL COLLATE NOCASE,
            entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            PRIMARY KEY (alias, entity_id)
        ) WITHOUT ROWID;
        CREATE INDEX idx_entity_aliases_entity ON entity_aliases(entity_id);
        CREATE TABLE mentions (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            source TEXT NOT NULL,
            confidence REAL
        );
        CREATE INDEX idx_mentions_article ON mentions(article_id, start);
        CREATE INDEX idx_mentions_entity ON mentions(entity_id, article_id);
        CREATE TABLE extraction_state (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            version TEXT NOT NULL,
            extracted_at TEXT NOT NULL
        );
        CREATE INDEX idx_extraction_state_version ON extraction_state(version);
        CREATE TABLE corrections (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('add', 'remove', 'retype', 'merge', 'rename')),
            article_id INTEGER REFERENCES articles(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            type TEXT,
            new_type TEXT,
            new_name TEXT,
            created_at TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX idx_corrections_article ON corrections(article_id);
        """
    )


@migrations(name="0004_related")
def _related(db: Database) -> None:
    """What related-article navigation reads: resolved read-also links, title keys, keywords
    and MinHash bands per article, entities per article with their article counts (kept by
    triggers), and the reader's pins and dismissals."""
    from reader.titles import title_key

    db.executescript(
        """
        ALTER TABLE read_also ADD COLUMN key TEXT NOT NULL DEFAULT '';
        ALTER TABLE read_also ADD COLUMN target_id INTEGER
            REFERENCES articles(id) ON DELETE SET NULL;
        ALTER TABLE articles ADD COLUMN title_key TEXT NOT NULL DEFAULT '';
        ALTER TABLE entities ADD COLUMN articles INTEGER NOT NULL DEFAULT 0;

        CREATE TABLE article_keywords (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            term TEXT NOT NULL,
            weight REAL NOT NULL,
            PRIMARY KEY (article_id, term)
        ) WITHOUT ROWID;
        CREATE INDEX idx_article_keywords_term ON article_keywords(term, weight DESC);
        CREATE TABLE article_minhash (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            signature BLOB NOT NULL
        );
        CREATE TABLE minhash_bands (
            band INTEGER NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            PRIMARY KEY (band, article_id)
        ) WITHOUT ROWID;
        CREATE INDEX idx_minhash_bands_article ON minhash_bands(article_id);
        CREATE TABLE article_entities (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            mentions INTEGER NOT NULL,
            PRIMARY KEY (article_id, entity_id)
        ) WITHOUT ROWID;
        CREATE INDEX idx_article_entities_entity ON article_entities(entity_id, article_id);
        CREATE TABLE related_feedback (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            other_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            verdict TEXT NOT NULL CHECK (verdict IN ('pin', 'dismiss')),
            created_at TEXT NOT NULL,
            PRIMARY KEY (article_id, other_id)
        ) WITHOUT ROWID;
        CREATE INDEX idx_related_feedback_other ON related_feedback(other_id);

        INSERT INTO article_entities (article_id, entity_id, mentions)
            SELECT article_id, entity_id, count(*) FROM mentions GROUP BY article_id, entity_id;
        UPDATE entities SET articles =
            (SELECT count(*) FROM article_entities WHERE entity_id = entities.id);

        CREATE TRIGGER mentions_count_insert AFTER INSERT ON mentions BEGIN
            INSERT INTO article_entities (article_id, entity_id, mentions)
                VALUES (new.article_id, new.entity_id, 1)
                ON CONFLICT (article_id, entity_id) DO UPDATE SET mentions = mentions + 1;
        END;
        CREATE TRIGGER mentions_count_delete AFTER DELETE ON mentions BEGIN
            UPDATE article_entities SET mentions = mentions - 1
                WHERE article_id = old.article_id AND entity_id = old.entity_id;
            DELETE FROM article_entities
                WHERE article_id = old.article_id AND entity_id = old.entity_id AND mentions <= 0;
        END;
        CREATE TRIGGER mentions_count_update AFTER UPDATE OF article_id, entity_id ON mentions
        BEGIN
            UPDATE article_entities SET mentions = mentions - 1
                WHERE article_id = old.article_id AND entity_id = old.entity_id;
            DELETE FROM article_entities
                WHERE article_id = old.article_id AND entity_id = old.entity_id AND mentions <= 0;
            INSERT INTO article_entities (article_id, entity_id, mentions)
                VALUES (new.article_id, new.entity_id, 1)
                ON CONFLICT (article_id, entity_id) DO UPDATE SET mentions = mentions + 1;
        END;
        CREATE TRIGGER article_entities_insert AFTER INSERT ON article_entities BEGIN
            UPDATE entities SET articles = articles + 1 WHERE id = new.entity_id;
        END;
        CREATE TRIGGER article_entities_delete AFTER DELETE ON article_entities BEGIN
            UPDATE entities SET articles = articles - 1 WHERE id = old.entity_id;
        END;
        """
    )
    conn = db.conn
    conn.executemany(
        "UPDATE articles SET title_key = ? WHERE id = ?",
        [(title_key(t), i) for i, t in conn.execute("SELECT id, title FROM articles")],
    )
    conn.executemany(
        "UPDATE read_also SET key = ? WHERE id = ?",
        [(title_key(t), i) for i, t in conn.execute("SELECT id, text FROM read_also")],
    )
    db.executescript(
        """
        CREATE INDEX idx_articles_title_key ON articles(title_key);
        CREATE INDEX idx_read_also_target ON read_also(target_id) WHERE target_id IS NOT NULL;
        CREATE INDEX idx_read_also_unresolved ON read_also(key) WHERE target_id IS NULL;
        """
    )


@migrations(name="0005_annotations")
def _annotations(db: Database) -> None:
    """The reader's own work: highlights (quote, context, offsets, text hash), article notes and
    named bookmarks, each with a stable id for export/import and a tombstone when deleted;
    tags on annotations; a full-text index of quotes and notes; a trash for articles."""
    db.executescript(
        """
        CREATE TABLE annotations (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('highlight', 'note', 'bookmark')),
            color TEXT,
            quote TEXT NOT NULL DEFAULT '',
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            start INTEGER,
            end INTEGER,
            text_hash TEXT,
            orphan INTEGER NOT NULL DEFAULT 0,
            label TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            modified_at TEXT NOT NULL,
            deleted_at TEXT
        );
        CREATE INDEX idx_annotations_article ON annotations(article_id, start);
        CREATE INDEX idx_annotations_modified ON annotations(modified_at);
        CREATE TABLE annotation_tags (
            annotation_id INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            PRIMARY KEY (annotation_id, tag_id)
        ) WITHOUT ROWID;
        CREATE INDEX idx_annotation_tags_tag ON annotation_tags(tag_id);
        CREATE VIRTUAL TABLE annotations_fts USING fts5(
            quote, note, label, content='annotations', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER annotations_fts_insert AFTER INSERT ON annotations BEGIN
            INSERT INTO annotations_fts (rowid, quote, note, label)
            VALUES (new.id, new.quote, new.note, new.label);
        END;
        CREATE TRIGGER annotations_fts_delete AFTER DELETE ON annotations BEGIN
            INSERT INTO annotations_fts (annotations_fts, rowid, quote, note, label)
            VALUES ('delete', old.id, old.quote, old.note, old.label);
        END;
        CREATE TRIGGER annotations_fts_update AFTER UPDATE OF quote, note, label ON annotations
        BEGIN
            INSERT INTO annotations_fts (annotations_fts, rowid, quote, note, label)
            VALUES ('delete', old.id, old.quote, old.note, old.label);
            INSERT INTO annotations_fts (rowid, quote, note, label)
            VALUES (new.id, new.quote, new.note, new.label);
        END;
        ALTER TABLE articles ADD COLUMN trashed_at TEXT;
        CREATE INDEX idx_articles_trashed ON articles(trashed_at) WHERE trashed_at IS NOT NULL;
        """
    )


@migrations(name="0006_entity_pages")
def _entity_pages(db: Database) -> None:
    """Entity pages and counts that do not grow with the library: each article-entity row
    carries the article's date (kept by triggers), indexed for "newest first" per entity, and
    entities are indexed by how many articles mention them."""
    db.executescript(
        """
        ALTER TABLE article_entities ADD COLUMN published TEXT;
        UPDATE article_entities SET published =
            (SELECT published FROM articles WHERE id = article_entities.article_id);
        CREATE INDEX idx_article_entities_newest
            ON article_entities(entity_id, published DESC, article_id DESC);
        CREATE INDEX idx_entities_articles ON entities(articles DESC);
        DROP TRIGGER mentions_count_insert;
        CREATE TRIGGER mentions_count_insert AFTER INSERT ON mentions BEGIN
            INSERT INTO article_entities (article_id, entity_id, mentions, published)
                VALUES (new.article_id, new.entity_id, 1,
                        (SELECT published FROM articles WHERE id = new.article_id))
                ON CONFLICT (article_id, entity_id) DO UPDATE SET mentions = mentions + 1;
        END;
        DROP TRIGGER mentions_count_update;
        CREATE TRIGGER mentions_count_update AFTER UPDATE OF article_id, entity_id ON mentions
        BEGIN
            UPDATE article_entities SET mentions = mentions - 1
                WHERE article_id = old.article_id AND entity_id = old.entity_id;
            DELETE FROM article_entities
                WHERE article_id = old.article_id AND entity_id = old.entity_id AND mentions <= 0;
            INSERT INTO article_entities (article_id, entity_id, mentions, published)
                VALUES (new.article_id, new.entity_id, 1,
                        (SELECT published FROM articles WHERE id = new.article_id))
                ON CONFLICT (article_id, entity_id) DO UPDATE SET mentions = mentions + 1;
        END;
        CREATE TRIGGER articles_published_update AFTER UPDATE OF published ON articles BEGIN
            UPDATE article_entities SET published = new.published WHERE article_id = new.id;
        END;
        """
    )


@migrations(name="0007_learned_names")
def _learned_names(db: Database) -> None:
    """Names the model found with confidence, in (text, entity, article) order: what the
    recogniser learns from the library is read from this index alone."""
    db.execute(
        "CREATE INDEX idx_mentions_confident ON mentions(text, entity_id, article_id)"
        " WHERE source = 'model' AND confidence >= 0.8"
    )


@migrations(name="0008_read_also_words")
def _read_also_words(db: Database) -> None:
    """Each read-also line indexed by its two rarest title words, so that a newly imported
    article finds the lines that may name it without reading every unresolved line."""
    _rare_words_table(
        db, "read_also_words", "link_id", "read_also", "SELECT id, key FROM read_also"
    )


@migrations(name="0009_title_words")
def _title_words(db: Database) -> None:
    """Each article indexed by the two rarest words of its title, so that a read-also line
    finds the titles it may name without a full-text query over every body."""
    _rare_words_table(
        db, "title_words", "article_id", "articles", "SELECT id, title_key FROM articles"
    )


def _rare_words_table(db: Database, table: str, column: str, parent: str, keys: str) -> None:
    """A (word, id) table of the two rarest words of each title key (``titles.blocking_words``)
    with its index by id, filled from ``keys`` (rows of id and key)."""
    from reader.titles import blocking_words

    db.executescript(
        f"""
        CREATE TABLE {table} (
            word TEXT NOT NULL,
            {column} INTEGER NOT NULL REFERENCES {parent}(id) ON DELETE CASCADE,
            PRIMARY KEY (word, {column})
        ) WITHOUT ROWID;
        CREATE INDEX idx_{table}_{column.removesuffix("_id")} ON {table}({column});
        """
    )
    db.conn.executemany(
        f"INSERT OR IGNORE INTO {table} (word, {column}) VALUES (?, ?)",
        [
            (word, row_id)
            for row_id, key in db.conn.execute(keys).fetchall()
            for word in blocking_words(key)
        ],
    )


@migrations(name="0010_article_count")
def _article_count(db: Database) -> None:
    """The number of articles outside the trash, kept by triggers: counting 100,000 rows took
    a fifth of a second, on every start and after every import batch."""
    db.executescript(
        """
        CREATE TABLE library_counts (
            name TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO library_counts (name, value)
            SELECT 'articles', count(*) FROM articles WHERE trashed_at IS NULL;
        CREATE TRIGGER articles_count_insert AFTER INSERT ON articles
            WHEN new.trashed_at IS NULL BEGIN
            UPDATE library_counts SET value = value + 1 WHERE name = 'articles';
        END;
        CREATE TRIGGER articles_count_delete AFTER DELETE ON articles
            WHEN old.trashed_at IS NULL BEGIN
            UPDATE library_counts SET value = value - 1 WHERE name = 'articles';
        END;
        CREATE TRIGGER articles_count_trash AFTER UPDATE OF trashed_at ON articles
            WHEN (old.trashed_at IS NULL) != (new.trashed_at IS NULL) BEGIN
            UPDATE library_counts
                SET value = value + (CASE WHEN new.trashed_at IS NULL THEN 1 ELSE -1 END)
                WHERE name = 'articles';
        END;
        """
    )


@migrations(name="0011_language_index")
def _language_index(db: Database) -> None:
    """The language filter's choices come from an index, like the source filter's; the
    library list's first page (newest first) is read from one covering index, not from
    200 scattered rows of article bodies."""
    db.execute("CREATE INDEX idx_articles_language ON articles(language)")
    db.execute(
        "CREATE INDEX idx_articles_newest ON articles"
        "(published DESC, id DESC, title, source, language, trashed_at)"
    )


@migrations(name="0012_name_evidence")
def _name_evidence(db: Database) -> None:
    """In how many articles the model found each name confidently, kept by triggers: what the
    recogniser learns from the library is read from a small table at every import, instead
    of grouping every confident mention (a second at 100,000 articles)."""
    confident = "source = 'model' AND confidence >= 0.8"
    new_confident = "new.source = 'model' AND new.confidence >= 0.8"
    old_confident = "old.source = 'model' AND old.confidence >= 0.8"

    def no_other(row: str) -> str:
        """No other confident mention of the row's name in the row's article."""
        other = " AND rowid != new.rowid" if row == "new" else ""
        return (
            f"NOT EXISTS (SELECT 1 FROM mentions WHERE {confident} AND text = {row}.text"
            f" AND entity_id = {row}.entity_id AND article_id = {row}.article_id{other})"
        )

    add_one = """
            INSERT INTO name_evidence (text, entity_id, articles)
                VALUES (new.text, new.entity_id, 1)
                ON CONFLICT (text, entity_id) DO UPDATE SET articles = articles + 1;"""
    take_one = """
            UPDATE name_evidence SET articles = articles - 1
                WHERE text = old.text AND entity_id = old.entity_id;
            DELETE FROM name_evidence
                WHERE text = old.text AND entity_id = old.entity_id AND articles <= 0;"""
    db.executescript(
        f"""
        CREATE TABLE name_evidence (
            text TEXT NOT NULL,
            entity_id INTEGER NOT NULL,
            articles INTEGER NOT NULL,
            PRIMARY KEY (text, entity_id)
        ) WITHOUT ROWID;
        INSERT INTO name_evidence (text, entity_id, articles)
            SELECT text, entity_id, count(DISTINCT article_id) FROM mentions
            WHERE {confident} GROUP BY text, entity_id;

        -- An article counts once per name: only its first confident mention adds one, and
        -- only its last one removed takes one away (the other mentions are found by entity
        -- and article, idx_mentions_entity).
        CREATE TRIGGER name_evidence_insert AFTER INSERT ON mentions
            WHEN {new_confident} AND {no_other("new")}
        BEGIN {add_one}
        END;
        CREATE TRIGGER name_evidence_delete AFTER DELETE ON mentions
            WHEN {old_confident} AND {no_other("old")}
        BEGIN {take_one}
        END;
        -- Mentions are replaced, not edited; should one be edited, it leaves its old name
        -- and joins its new one (when either its name or its confidence changed).
        CREATE TRIGGER name_evidence_update_old AFTER UPDATE ON mentions
            WHEN {old_confident}
            AND (old.text, old.entity_id, old.article_id, {new_confident})
                IS NOT (new.text, new.entity_id, new.article_id, 1)
            AND {no_other("old")}
        BEGIN {take_one}
        END;
        CREATE TRIGGER name_evidence_update_new AFTER UPDATE ON mentions
            WHEN {new_confident}
            AND (old.text, old.entity_id, old.article_id, {old_confident})
                IS NOT (new.text, new.entity_id, new.article_id, 1)
            AND {no_other("new")}
        BEGIN {add_one}
        END;
        """
    )


@migrations(name="0013_drop_confident_mentions_index")
def _drop_confident_mentions_index(db: Database) -> None:
    """Learned names are read from ``name_evidence`` now; the index over confident mentions
    only cost every import ~30 inserts an article in random places of a large index (storing
    into a 100,000-article library ~20 % slower)."""
    db.execute("DROP INDEX IF EXISTS idx_mentions_confident")


@migrations(name="0014_unresolved_read_also_words")
def _unresolved_read_also_words(db: Database) -> None:
    """A new article looks only at the words of read-also lines still unresolved: most lines
    resolve, and a word such as "2017" indexed thousands of resolved ones (14 ms a title at
    100,000 articles). Triggers keep the flag in step with the line's target, also when
    deleting the target sets it back to NULL."""
    db.executescript(
        """
        ALTER TABLE read_also_words ADD COLUMN unresolved INTEGER NOT NULL DEFAULT 1;
        UPDATE read_also_words SET unresolved = 0
            WHERE link_id IN (SELECT id FROM read_also WHERE target_id IS NOT NULL);
        CREATE INDEX idx_read_also_words_unresolved ON read_also_words(word, link_id)
            WHERE unresolved = 1;
        CREATE TRIGGER read_also_words_resolution AFTER UPDATE OF target_id ON read_also
            WHEN (old.target_id IS NULL) != (new.target_id IS NULL) BEGIN
            UPDATE read_also_words SET unresolved = (new.target_id IS NULL)
                WHERE link_id = new.id;
        END;
        """
    )


@migrations(name="0015_mention_counts_by_article")
def _mention_counts_by_article(db: Database) -> None:
    """``storage.entities.store_mentions`` (the one writer of mentions, which replaces an
    article's mentions whole) adds the article's counts to ``article_entities`` and
    ``name_evidence`` in one statement each: per-mention insert triggers cost an import
    ~30 upserts and ~20 look-ups an article. Deleting and updating mentions keep their
    triggers."""
    db.executescript(
        """
        DROP TRIGGER IF EXISTS mentions_count_insert;
        DROP TRIGGER IF EXISTS name_evidence_insert;
        """
    )


def known_names() -> list[str]:
    """Names of every migration this version of Reader knows, in order."""
    return [m.name for m in migrations._migrations]


SCHEMA_VERSION = len(known_names())
