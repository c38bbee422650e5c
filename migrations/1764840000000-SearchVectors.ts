import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each table's language and searchable text, as SQL over the row named `row` (NEW in the trigger, the table in the backfill). */
const VECTORS: { table: string; language: (row: string) => string; text: (row: string) => string; changed: string[] }[] = [
    {
        table: 'watch_item',
        language: (row) => `${row}.language`,
        text: (row) => `${row}.title || ' ' || coalesce(${row}.summary, '') || ' ' || coalesce(${row}.content, '')`,
        changed: ['language', 'title', 'summary', 'content'],
    },
    {
        table: 'article_revision',
        language: (row) => `${row}.language`,
        text: (row) => `${row}.title || ' ' || ${row}.summary || ' ' || ${row}.body`,
        changed: ['language', 'title', 'summary', 'body'],
    },
    {
        // A comment is stemmed in the language of the revision it is anchored to (a revision's language never changes).
        table: 'comment',
        language: (row) => `(SELECT revision.language FROM article_revision revision WHERE revision.id = ${row}.revision_id)`,
        text: (row) => `coalesce(${row}.quote, '') || ' ' || ${row}.body`,
        changed: ['revision_id', 'quote', 'body'],
    },
];

/** The expression indexes of Search1764500000000 the stored vectors replace. */
const EXPRESSION_INDEXES: Record<string, string> = {
    ix_watch_item_search: `"watch_item" USING gin ((tandem_search_vector(language, title || ' ' || coalesce(summary, '') || ' ' || coalesce(content, ''))))`,
    ix_article_revision_search: `"article_revision" USING gin ((tandem_search_vector(language, title || ' ' || summary || ' ' || body)))`,
    ix_comment_search_fr: `"comment" USING gin ((tandem_search_vector('fr', coalesce(quote, '') || ' ' || body)))`,
    ix_comment_search_en: `"comment" USING gin ((tandem_search_vector('en', coalesce(quote, '') || ' ' || body)))`,
};

/**
 * The big searched tables keep their tsvector in a column, so that matching reads the GIN index and
 * ranking reads the stored vector instead of re-parsing every candidate's text. A BEFORE trigger
 * computes it on every insert and on every update of the text (an update that writes the column
 * itself gets the text's vector back): the database maintains it, never the application. Not a generated
 * column: TypeORM records a generated column's expression in typeorm_metadata under the database's
 * name (typeorm/typeorm#9776), so any copy of the database (the test templates, a restore under
 * another name) would show the entities drifting from the schema.
 */
export class SearchVectors1764840000000 implements MigrationInterface {
    name = 'SearchVectors1764840000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        for (const { table, language, text, changed } of VECTORS) {
            const vector = (row: string) => `tandem_search_vector(${language(row)}, ${text(row)})`;
            await queryRunner.query(`ALTER TABLE "${table}" ADD "search_vector" tsvector`);
            // Re-collecting the words of unchanged text for "did you mean" would be wasted work.
            await queryRunner.query(`ALTER TABLE "${table}" DISABLE TRIGGER "tr_${table}_search_words"`);
            await queryRunner.query(`UPDATE "${table}" SET "search_vector" = ${vector(`"${table}"`)}`);
            await queryRunner.query(`ALTER TABLE "${table}" ENABLE TRIGGER "tr_${table}_search_words"`);
            await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "search_vector" SET NOT NULL`);
            // More tracked lexemes than the default 100-target: a rare word is then estimated near its
            // real count, and the planner joins its few documents by index instead of hashing whole tables.
            await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "search_vector" SET STATISTICS 1000`);
            const unchanged = `(${changed.map((column) => `NEW.${column}`).join(', ')}) IS NOT DISTINCT FROM (${changed.map((column) => `OLD.${column}`).join(', ')})`;
            await queryRunner.query(`CREATE FUNCTION tandem_${table}_search_vector() RETURNS trigger
                LANGUAGE plpgsql
                AS $$ BEGIN
                    IF TG_OP = 'UPDATE' AND ${unchanged} THEN NEW.search_vector := OLD.search_vector;
                    ELSE NEW.search_vector := ${vector('NEW')};
                    END IF;
                    RETURN NEW;
                END $$`);
            await queryRunner.query(`CREATE TRIGGER "tr_${table}_search_vector" BEFORE INSERT OR UPDATE ON "${table}" FOR EACH ROW EXECUTE FUNCTION tandem_${table}_search_vector()`);
            await queryRunner.query(`CREATE INDEX "ix_${table}_search_vector" ON "${table}" USING gin ("search_vector")`);
        }
        for (const index of Object.keys(EXPRESSION_INDEXES)) await queryRunner.query(`DROP INDEX "public"."${index}"`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const [index, definition] of Object.entries(EXPRESSION_INDEXES)) await queryRunner.query(`CREATE INDEX "${index}" ON ${definition}`);
        for (const { table } of [...VECTORS].reverse()) {
            await queryRunner.query(`DROP TRIGGER "tr_${table}_search_vector" ON "${table}"`);
            await queryRunner.query(`DROP FUNCTION tandem_${table}_search_vector()`);
            // Dropping the column drops its index.
            await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "search_vector"`);
        }
    }
}
