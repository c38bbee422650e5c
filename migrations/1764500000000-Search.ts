import { MigrationInterface, QueryRunner } from 'typeorm';

/** The columns of each table whose words "did you mean" may suggest. */
const SEARCHED_COLUMNS: [string, string[]][] = [
    ['watch_item', ['title', 'summary', 'content']],
    ['watch_source', ['title']],
    ['digest', ['introduction_fr', 'introduction_en']],
    ['article_revision', ['title', 'summary', 'body']],
    ['comment', ['quote', 'body']],
    ['event', ['title_fr', 'title_en', 'location']],
    ['event_session', ['title_fr', 'title_en', 'room']],
    ['organization', ['name_fr', 'name_en', 'acronym_fr', 'acronym_en']],
];

/**
 * Full-text search: French and English configurations that fold accents (the unaccent dictionary
 * before the stemmer, as the PostgreSQL manual does it), the two functions every index and every
 * query share, and expression GIN indexes the database keeps up to date on each searched table.
 */
export class Search1764500000000 implements MigrationInterface {
    name = 'Search1764500000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
        await queryRunner.query(`CREATE TEXT SEARCH CONFIGURATION public.fr_unaccent (COPY = pg_catalog.french)`);
        await queryRunner.query(`ALTER TEXT SEARCH CONFIGURATION public.fr_unaccent ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem`);
        await queryRunner.query(`CREATE TEXT SEARCH CONFIGURATION public.en_unaccent (COPY = pg_catalog.english)`);
        await queryRunner.query(`ALTER TEXT SEARCH CONFIGURATION public.en_unaccent ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem`);
        // The searchable text of a document in its language: tags of stored (sanitized) HTML become blanks.
        await queryRunner.query(`CREATE FUNCTION tandem_search_text(body text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
            AS $$ SELECT regexp_replace(coalesce(body, ''), '<[^>]*>', ' ', 'g') $$`);
        await queryRunner.query(`CREATE FUNCTION tandem_search_vector(lang "public"."language", body text) RETURNS tsvector
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
            AS $$ SELECT to_tsvector(CASE WHEN lang = 'en' THEN 'public.en_unaccent'::regconfig ELSE 'public.fr_unaccent'::regconfig END, public.tandem_search_text(body)) $$`);
        // A query typed by people (websearch syntax), or, for search-as-you-type, a prefix query the application built from words only.
        await queryRunner.query(`CREATE FUNCTION tandem_search_query(lang "public"."language", query text, prefix boolean) RETURNS tsquery
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
            AS $$ SELECT CASE WHEN prefix
                THEN to_tsquery(CASE WHEN lang = 'en' THEN 'public.en_unaccent'::regconfig ELSE 'public.fr_unaccent'::regconfig END, query)
                ELSE websearch_to_tsquery(CASE WHEN lang = 'en' THEN 'public.en_unaccent'::regconfig ELSE 'public.fr_unaccent'::regconfig END, query) END $$`);
        // The words of every searchable text, for "did you mean" (pg_trgm): kept by triggers, never by the application.
        await queryRunner.query(`CREATE TABLE "search_word" ("word" text NOT NULL, CONSTRAINT "pk_search_word_word" PRIMARY KEY ("word"))`);
        await queryRunner.query(`CREATE INDEX "ix_search_word_trigram" ON "search_word" USING gin (word gin_trgm_ops)`);
        await queryRunner.query(`CREATE FUNCTION tandem_collect_search_words(body text) RETURNS void
            LANGUAGE sql VOLATILE
            AS $$ INSERT INTO search_word (word)
                  SELECT DISTINCT lower(parsed.token) FROM ts_parse('default', tandem_search_text(body)) parsed
                   WHERE parsed.tokid IN (1, 2) AND length(parsed.token) BETWEEN 3 AND 40
                  ON CONFLICT DO NOTHING $$`);
        // A row trigger: its arguments name the columns whose words are collected.
        await queryRunner.query(`CREATE FUNCTION tandem_collect_search_words_of_row() RETURNS trigger
            LANGUAGE plpgsql
            AS $$ DECLARE body text := ''; col text;
            BEGIN
                FOREACH col IN ARRAY TG_ARGV LOOP body := body || ' ' || coalesce(to_jsonb(NEW) ->> col, ''); END LOOP;
                PERFORM tandem_collect_search_words(body);
                RETURN NULL;
            END $$`);
        for (const [table, columns] of SEARCHED_COLUMNS) {
            await queryRunner.query(`CREATE TRIGGER "tr_${table}_search_words" AFTER INSERT OR UPDATE ON "${table}" FOR EACH ROW EXECUTE FUNCTION tandem_collect_search_words_of_row(${columns.map((column) => `'${column}'`).join(', ')})`);
            await queryRunner.query(`SELECT tandem_collect_search_words(concat_ws(' ', ${columns.map((column) => `"${column}"`).join(', ')})) FROM "${table}"`);
        }
        await queryRunner.query(`CREATE TABLE "saved_search" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "owner_id" uuid NOT NULL, "name" text NOT NULL, "query" text NOT NULL, "language" "public"."language", "feed_token_hash" text, "checked_until" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_saved_search_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ix_saved_search_feed_token_hash" ON "saved_search" ("feed_token_hash") `);
        await queryRunner.query(`CREATE INDEX "ix_saved_search_owner_id_created_at_id" ON "saved_search" ("owner_id", "created_at", "id") `);
        await queryRunner.query(`ALTER TABLE "saved_search" ADD CONSTRAINT "fk_saved_search_workspace_id" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "saved_search" ADD CONSTRAINT "fk_saved_search_owner_id" FOREIGN KEY ("owner_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`CREATE INDEX "ix_watch_item_search" ON "watch_item" USING gin ((tandem_search_vector(language, title || ' ' || coalesce(summary, '') || ' ' || coalesce(content, ''))))`);
        await queryRunner.query(`CREATE INDEX "ix_article_revision_search" ON "article_revision" USING gin ((tandem_search_vector(language, title || ' ' || summary || ' ' || body)))`);
await queryRunner.query(`CREATE INDEX "ix_comment_search_fr" ON "comment" USING gin ((tandem_search_vector('fr', coalesce(quote, '') || ' ' || body)))`);
        await queryRunner.query(`CREATE INDEX "ix_comment_search_en" ON "comment" USING gin ((tandem_search_vector('en', coalesce(quote, '') || ' ' || body)))`);
        await queryRunner.query(`CREATE INDEX "ix_watch_source_search" ON "watch_source" USING gin ((tandem_search_vector(language, coalesce(title, '') || ' ' || url)))`);
        await queryRunner.query(`CREATE INDEX "ix_digest_search_fr" ON "digest" USING gin ((tandem_search_vector('fr', coalesce(introduction_fr, ''))))`);
        await queryRunner.query(`CREATE INDEX "ix_digest_search_en" ON "digest" USING gin ((tandem_search_vector('en', coalesce(introduction_en, ''))))`);
        await queryRunner.query(`CREATE INDEX "ix_event_session_search_fr" ON "event_session" USING gin ((tandem_search_vector('fr', title_fr || ' ' || coalesce(room, ''))))`);
        await queryRunner.query(`CREATE INDEX "ix_event_session_search_en" ON "event_session" USING gin ((tandem_search_vector('en', title_en || ' ' || coalesce(room, ''))))`);
        await queryRunner.query(`CREATE INDEX "ix_event_search_fr" ON "event" USING gin ((tandem_search_vector('fr', title_fr || ' ' || coalesce(location, ''))))`);
        await queryRunner.query(`CREATE INDEX "ix_event_search_en" ON "event" USING gin ((tandem_search_vector('en', title_en || ' ' || coalesce(location, ''))))`);
        await queryRunner.query(`CREATE INDEX "ix_organization_search_fr" ON "organization" USING gin ((tandem_search_vector('fr', name_fr || ' ' || coalesce(acronym_fr, ''))))`);
        await queryRunner.query(`CREATE INDEX "ix_organization_search_en" ON "organization" USING gin ((tandem_search_vector('en', name_en || ' ' || coalesce(acronym_en, ''))))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const index of [
            'ix_organization_search_en', 'ix_organization_search_fr', 'ix_event_search_en', 'ix_event_search_fr', 'ix_event_session_search_en', 'ix_event_session_search_fr',
            'ix_digest_search_en', 'ix_digest_search_fr', 'ix_watch_source_search', 'ix_comment_search_en', 'ix_comment_search_fr', 'ix_article_revision_search', 'ix_watch_item_search',
        ]) {
            await queryRunner.query(`DROP INDEX "public"."${index}"`);
        }
        await queryRunner.query(`DROP TABLE "saved_search"`);
        for (const [table] of SEARCHED_COLUMNS) await queryRunner.query(`DROP TRIGGER "tr_${table}_search_words" ON "${table}"`);
        await queryRunner.query(`DROP FUNCTION tandem_collect_search_words_of_row()`);
        await queryRunner.query(`DROP FUNCTION tandem_collect_search_words(text)`);
        await queryRunner.query(`DROP TABLE "search_word"`);
        await queryRunner.query(`DROP FUNCTION tandem_search_query("public"."language", text, boolean)`);
        await queryRunner.query(`DROP FUNCTION tandem_search_vector("public"."language", text)`);
        await queryRunner.query(`DROP FUNCTION tandem_search_text(text)`);
        await queryRunner.query(`DROP TEXT SEARCH CONFIGURATION public.en_unaccent`);
        await queryRunner.query(`DROP TEXT SEARCH CONFIGURATION public.fr_unaccent`);
    }
}
