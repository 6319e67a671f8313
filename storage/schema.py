"""The archive's schema as an ordered list of migrations, applied once each (PRAGMA user_version).

A migration is appended, never edited: an archive created by an older version is brought forward
by running the ones it has not seen, each in its own transaction.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: articles, sentences, entities, facts, topics, FTS5 kept in sync by triggers.
    """
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        url TEXT,
        url_key TEXT UNIQUE,
        text_hash TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        source TEXT,
        author TEXT,
        published TEXT,
        language TEXT,
        tags TEXT NOT NULL DEFAULT '[]',
        text TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '[]',
        origin TEXT,
        ingested_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX articles_published ON articles(published);

    CREATE TABLE sentences (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        topics TEXT NOT NULL DEFAULT '[]',
        UNIQUE(article_id, idx)
    );

    CREATE VIRTUAL TABLE sentences_fts USING fts5(
        text, content='sentences', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
        INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
    END;
    CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
        INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END;
    CREATE TRIGGER sentences_au AFTER UPDATE ON sentences BEGIN
        INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
    END;

    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    END;
    CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END;

    CREATE TABLE entities (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        key TEXT NOT NULL,
        surname_key TEXT,
        UNIQUE(key, type)
    );
    CREATE INDEX entities_surname ON entities(surname_key);

    CREATE TABLE aliases (
        entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        alias TEXT NOT NULL,
        key TEXT NOT NULL,
        PRIMARY KEY(entity_id, key)
    );
    CREATE INDEX aliases_key ON aliases(key);

    CREATE TABLE mentions (
        entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        sentence_idx INTEGER NOT NULL,
        text TEXT NOT NULL
    );
    CREATE INDEX mentions_entity ON mentions(entity_id, article_id);
    CREATE INDEX mentions_article ON mentions(article_id);

    CREATE TABLE article_topics (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        topic TEXT NOT NULL,
        score INTEGER NOT NULL,
        PRIMARY KEY(article_id, topic)
    );
    CREATE INDEX article_topics_topic ON article_topics(topic);

    CREATE TABLE article_desks (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        desk TEXT NOT NULL,
        PRIMARY KEY(desk, article_id)
    );
    CREATE INDEX article_desks_article ON article_desks(article_id);

    CREATE TABLE facts (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        sentence_idx INTEGER NOT NULL,
        kind TEXT NOT NULL,
        entity_id INTEGER REFERENCES entities(id) ON DELETE SET NULL,
        date TEXT,
        value REAL,
        data TEXT NOT NULL,
        text TEXT NOT NULL
    );
    CREATE INDEX facts_article ON facts(article_id, kind);
    CREATE INDEX facts_entity ON facts(entity_id, kind);
    CREATE INDEX facts_kind_date ON facts(kind, date);

    CREATE TABLE fact_corrections (
        key TEXT PRIMARY KEY,
        action TEXT NOT NULL CHECK (action IN ('fix', 'hide')),
        data TEXT NOT NULL DEFAULT '{}',
        note TEXT,
        at TEXT NOT NULL
    );
    """,
    # 2: which sentences are about which topic, for answers that must not scan FTS over the archive.
    """
    CREATE TABLE sentence_topics (
        topic TEXT NOT NULL,
        sentence_id INTEGER NOT NULL,
        article_id INTEGER NOT NULL,
        published TEXT,
        PRIMARY KEY(topic, sentence_id)
    ) WITHOUT ROWID;
    CREATE INDEX sentence_topics_recent ON sentence_topics(topic, published);
    CREATE INDEX sentence_topics_article ON sentence_topics(article_id);
    INSERT OR IGNORE INTO sentence_topics (topic, sentence_id, article_id, published)
        SELECT j.value, s.id, s.article_id, a.published
        FROM sentences s JOIN articles a ON a.id = s.article_id, json_each(s.topics) j
        WHERE s.kind = 'body';
    CREATE INDEX facts_sentence ON facts(article_id, sentence_idx);
    """,
    # 3: a desk's articles by date straight from an index, for "newest first" answers.
    """
    ALTER TABLE article_desks ADD COLUMN published TEXT;
    UPDATE article_desks SET published = (SELECT published FROM articles WHERE id = article_desks.article_id);
    CREATE INDEX article_desks_recent ON article_desks(desk, published, article_id);
    """,
    # 4: who appears with whom, sentence by sentence.
    """
    CREATE INDEX mentions_sentence ON mentions(article_id, sentence_idx);
    DROP INDEX mentions_article;
    """,
    # 5: Slack deliveries and clicks already acted on, so a redelivery after a restart acts once.
    """
    CREATE TABLE handled (key TEXT PRIMARY KEY, at REAL NOT NULL) WITHOUT ROWID;
    CREATE INDEX handled_at ON handled(at);
    """,
    # 6: leases, so two processes never do the same job at once (a feed's poll, a subscription's digest).
    """
    CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        until REAL NOT NULL
    ) WITHOUT ROWID;
    """,
    # 7: one article however many copies, and stories: the tables later features share.
    # articles.story_id: the story (stories.id) the article joined or started; partial: the text is a feed
    # entry's own summary because its page failed (retried later); published_estimated: `published` is the
    # first-seen time, the source gave none. article_copies: the other URLs, GUIDs and headlines of one
    # article (similarity 1.0 for an exact copy, the word-shingle Jaccard for a near one).
    # article_related: a newer article (article_id) and an earlier one of the same story (related_id),
    # with its score and why ({"shared": [names...], "similarity": 0.41}).
    """
    ALTER TABLE articles ADD COLUMN story_id INTEGER;
    ALTER TABLE articles ADD COLUMN partial INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE articles ADD COLUMN published_estimated INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX articles_story ON articles(story_id);

    CREATE TABLE article_copies (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        url TEXT,
        url_key TEXT,
        guid TEXT,
        title TEXT,
        source TEXT,
        text_hash TEXT,
        similarity REAL,
        seen_at TEXT NOT NULL
    );
    CREATE INDEX article_copies_article ON article_copies(article_id);
    CREATE UNIQUE INDEX article_copies_url ON article_copies(url_key) WHERE url_key IS NOT NULL;
    CREATE INDEX article_copies_guid ON article_copies(guid);

    CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        first_article_id INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );

    CREATE TABLE article_related (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        related_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        score REAL NOT NULL,
        reasons TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY(article_id, related_id)
    ) WITHOUT ROWID;
    CREATE INDEX article_related_back ON article_related(related_id);
    """,
    # answers (issue 13): a desk that holds only passages of an article (a roundup's paragraph on Lima) keeps
    # their sentence indexes as a JSON list; NULL: the whole article is the desk's. A sentence that cannot be
    # shown alone in an answer (a fragment, "They …") has alone = 0; shown is how to show it when a pronoun
    # got its person's name in brackets ("[Jerí] has come out swinging"), NULL: as written.
    """
    ALTER TABLE article_desks ADD COLUMN passages TEXT;
    ALTER TABLE sentences ADD COLUMN alone INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE sentences ADD COLUMN shown TEXT;
    """,
]
