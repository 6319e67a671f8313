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
    # reports: "Report a problem" on an answer item in Slack. Who reported what (the item's article,
    # sentence and fact, the desk and action it was shown for), whether the editors' channel was told,
    # and how it was resolved (fixed / hidden by an editor through /desk facts).
    """
    CREATE TABLE reports (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        reporter TEXT,
        channel TEXT,
        desk TEXT,
        action TEXT,
        article_id INTEGER,
        sentence_idx INTEGER,
        fact_id INTEGER,
        item TEXT,
        posted INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'open',
        resolved_by TEXT,
        resolved_at TEXT
    );
    CREATE INDEX reports_at ON reports(at);
    CREATE INDEX reports_fact ON reports(fact_id);
    """,
    # feeds: the sources a desk follows, polled on a schedule. `url` is where it is fetched (a 301/308 moves
    # it); etag / last_modified are sent back exactly as received; every_seconds is the chosen interval
    # (NULL: NEWSBOT_POLL_MINUTES), min_seconds what the feed's ttl or Cache-Control max-age allows; status
    # 'active' or 'gone' (410); failing_since / failures / alerted_at track a failure run and its one alert.
    # feed_entries: one row per entry seen, by GUID or else canonical URL (entry_key); content_hash is the
    # entry's title and text (not its dates), so a changed `updated` alone is not new; data the entry's own
    # fields (title, link, date, summary ...) for retrying its page without the feed; state 'complete',
    # 'partial' (the page failed, the entry's own summary is stored) or 'failed' (nothing stored yet), the
    # last two retried at retry_at; 'copy' (since issue 20): the entry is another article (article_id).
    """
    CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL,
        url_key TEXT NOT NULL UNIQUE,
        title TEXT,
        desk TEXT NOT NULL,
        every_seconds INTEGER,
        min_seconds INTEGER NOT NULL DEFAULT 0,
        etag TEXT,
        last_modified TEXT,
        status TEXT NOT NULL DEFAULT 'active',
        added_at TEXT NOT NULL,
        last_polled_at TEXT,
        last_success_at TEXT,
        last_error TEXT,
        failing_since TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        alerted_at TEXT,
        next_poll_at TEXT NOT NULL
    );
    CREATE INDEX feeds_due ON feeds(status, next_poll_at);

    CREATE TABLE feed_entries (
        feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        entry_key TEXT NOT NULL,
        article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
        link TEXT,
        content_hash TEXT NOT NULL,
        data TEXT NOT NULL DEFAULT '{}',
        state TEXT NOT NULL DEFAULT 'complete',
        attempts INTEGER NOT NULL DEFAULT 0,
        retry_at TEXT,
        first_seen TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY(feed_id, entry_key)
    ) WITHOUT ROWID;
    CREATE INDEX feed_entries_retry ON feed_entries(feed_id, retry_at) WHERE state != 'complete';
    CREATE INDEX feed_entries_article ON feed_entries(article_id);
    """,
    # Subscriptions and digests: a channel's standing order for a desk (and topic words or a person), the
    # delivery ledger of (subscription, article) posted once Slack confirmed, the queue of articles matched
    # and not yet posted, the attempts in flight (a post sent, its ledger write not yet done), and the log of
    # what was posted, skipped or failed and why. start_after: the newest article id when the subscription
    # was made (nothing at or below it is ever posted); checked_through: every article id up to it has been
    # matched (queued) or skipped for this subscription.
    """
    CREATE TABLE subscriptions (
        id INTEGER PRIMARY KEY,
        team TEXT,
        channel TEXT NOT NULL,
        desk TEXT NOT NULL,
        topics TEXT NOT NULL DEFAULT '',
        who TEXT,
        entity_id INTEGER,
        schedule TEXT NOT NULL,
        tz TEXT NOT NULL,
        created_by TEXT,
        created_at TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        start_after INTEGER NOT NULL DEFAULT 0,
        checked_through INTEGER NOT NULL DEFAULT 0,
        next_run_at TEXT,
        last_run_at TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        last_error TEXT
    );
    CREATE INDEX subscriptions_channel ON subscriptions(channel, active);

    CREATE TABLE digest_queue (
        subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
        article_id INTEGER NOT NULL,
        queued_at TEXT NOT NULL,
        PRIMARY KEY(subscription_id, article_id)
    ) WITHOUT ROWID;

    CREATE TABLE deliveries (
        subscription_id INTEGER NOT NULL,
        article_id INTEGER NOT NULL,
        channel TEXT NOT NULL,
        ts TEXT,
        posted_at TEXT NOT NULL,
        PRIMARY KEY(subscription_id, article_id)
    ) WITHOUT ROWID;
    CREATE INDEX deliveries_article ON deliveries(article_id);

    CREATE TABLE delivery_attempts (
        key TEXT PRIMARY KEY,
        subscription_id INTEGER NOT NULL,
        channel TEXT NOT NULL,
        article_ids TEXT NOT NULL,
        started_at REAL NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX delivery_attempts_subscription ON delivery_attempts(subscription_id);

    CREATE TABLE delivery_log (
        id INTEGER PRIMARY KEY,
        subscription_id INTEGER NOT NULL,
        article_id INTEGER,
        status TEXT NOT NULL CHECK (status IN ('posted', 'skipped', 'failed')),
        reason TEXT,
        channel TEXT,
        ts TEXT,
        at TEXT NOT NULL,
        next_retry TEXT
    );
    CREATE INDEX delivery_log_pair ON delivery_log(subscription_id, article_id, id);
    CREATE INDEX delivery_log_at ON delivery_log(at);
    """,
    # ingestfix: extractors that failed on an article (replaced when it is analysed again), and per-source
    # furniture counts: a paragraph or sentence (hash of its normalised text) and how many distinct articles of
    # the source carried it; from a threshold on, it is furniture and no answer uses it.
    """
    CREATE TABLE extract_errors (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        extractor TEXT NOT NULL,
        message TEXT NOT NULL,
        at TEXT NOT NULL
    );
    CREATE INDEX extract_errors_article ON extract_errors(article_id);
    CREATE INDEX extract_errors_at ON extract_errors(at);

    CREATE TABLE furniture (
        source TEXT NOT NULL,
        hash TEXT NOT NULL,
        text TEXT NOT NULL,
        articles INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY(source, hash)
    ) WITHOUT ROWID;
    CREATE INDEX furniture_widespread ON furniture(articles);
    """,
    # dedup: one article however many copies: the GUIDs of stored articles, and each article's MinHash LSH band keys
    # (bot/ingest/similarity.py) so a near-duplicate's candidates come from an index, never an archive scan.
    # dedup_fingerprints.text_hash is the text the keys were computed from: a row missing or differing from
    # articles.text_hash means the article is (re)indexed before the next lookup. article_copies_text: a copy's
    # text arriving again under yet another link is found without scanning the copies.
    """
    CREATE TABLE article_guids (
        guid TEXT PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
    ) WITHOUT ROWID;
    CREATE INDEX article_guids_article ON article_guids(article_id);

    CREATE TABLE dedup_fingerprints (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        text_hash TEXT NOT NULL
    );
    CREATE TABLE dedup_bands (
        key INTEGER NOT NULL,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        PRIMARY KEY(key, article_id)
    ) WITHOUT ROWID;
    CREATE INDEX dedup_bands_article ON dedup_bands(article_id);
    CREATE INDEX article_copies_text ON article_copies(text_hash);
    """,
    # stories: what story linking keeps per article, so a new article is compared with the few earlier
    # ones that share its names or key words inside the time window, never with the whole archive.
    # story_terms: document frequencies (term -> articles containing it; words as "w:word", entities as
    # "e:<entity id>", and "" counts the articles), kept incrementally. story_vectors: an article's term
    # counts (to take them back out of the frequencies when it changes) and its TF-IDF unit vectors (words
    # and entities, the strongest terms only) as of when it was linked; `day` is its published date
    # (or the day it was stored, when it has none). story_keys: the inverted index of its entities and
    # strongest words by day, for the candidate lookup.
    """
    CREATE TABLE story_terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE story_vectors (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        day TEXT NOT NULL,
        counts TEXT NOT NULL,
        vector TEXT NOT NULL
    );
    CREATE TABLE story_keys (
        key TEXT NOT NULL,
        day TEXT NOT NULL,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        PRIMARY KEY(key, day, article_id)
    ) WITHOUT ROWID;
    CREATE INDEX story_keys_article ON story_keys(article_id);
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
    # story merges: an article that matches two stories strongly shows they are fragments of one; the younger
    # story's articles move to the older one and its id is kept here (merged -> story_id), so an id a digest
    # or an answer already showed still resolves (storage.stories.resolve_story).
    """
    CREATE TABLE story_merges (
        merged INTEGER PRIMARY KEY,
        story_id INTEGER NOT NULL,
        at TEXT NOT NULL
    );
    """,
    # entity types across articles: the type each article's analysis gave a stored entity, so the archive's
    # type is not whichever article came first ("Guerrero" a person in one article, the state in ten others).
    # Existing archives start with one vote per article that mentions the entity, for its stored type.
    """
    CREATE TABLE entity_types (
        entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        type TEXT NOT NULL,
        PRIMARY KEY(entity_id, article_id, type)
    ) WITHOUT ROWID;
    CREATE INDEX entity_types_article ON entity_types(article_id);
    INSERT OR IGNORE INTO entity_types (entity_id, article_id, type)
        SELECT DISTINCT m.entity_id, m.article_id, e.type FROM mentions m JOIN entities e ON e.id = m.entity_id;
    """,
    # furniture that grows with what furniture learning needs (issue 24): `seen` is the source's article count
    # when a line last turned up; a candidate not seen again within the source's next 1,000 articles is
    # forgotten (storage/furniture.py). Rows of an older archive count as seen now, except the lines met in only
    # one article of a source that already has more than 1,000: most of the table (every sentence of its
    # reporting), and a line still repeating starts counting again.
    """
    ALTER TABLE furniture ADD COLUMN seen INTEGER NOT NULL DEFAULT 0;
    UPDATE furniture
        SET seen = coalesce((SELECT t.articles FROM furniture t WHERE t.source = furniture.source AND t.hash = '*'), 0);
    DELETE FROM furniture WHERE hash != '*' AND articles = 1
        AND (SELECT t.articles FROM furniture t WHERE t.source = furniture.source AND t.hash = '*') > 1000;
    CREATE INDEX furniture_seen ON furniture(source, seen);
    """,
    # feeds.language: the language of a feed's articles when its editor states it (`feeds add --language es`);
    # NULL: each article's own page or text says (bot/language.py).
    """
    ALTER TABLE feeds ADD COLUMN language TEXT;
    """,
    # story_vectors by day (issue 24): linking reads a story's articles within a window of days along this
    # index (storage.stories._DAYS_FIRST); reading them by story grew with the story, and a long-running story
    # of a large archive holds thousands (3,447 articles in one story of the 10k bench archive).
    """
    CREATE INDEX story_vectors_day ON story_vectors(day, article_id);
    """,
]
