import { MigrationInterface, QueryRunner } from 'typeorm';

/** The token types of words written with digits ("Montréal2025", "Québec-2030"), which the French and English configurations left unfolded. */
const WITH_DIGITS = 'numword, numhword, hword_numpart';

/** The stored vectors (SearchVectors1764840000000), as SQL over the row, copied here: a migration does not change with the code. */
const STORED: { table: string; vector: string }[] = [
    { table: 'watch_item', vector: `tandem_search_vector(language, title || ' ' || coalesce(summary, '') || ' ' || coalesce(content, ''))` },
    { table: 'article_revision', vector: `tandem_search_vector(language, title || ' ' || summary || ' ' || body)` },
    {
        table: 'comment',
        vector: `tandem_search_vector((SELECT revision.language FROM article_revision revision WHERE revision.id = comment.revision_id), coalesce(quote, '') || ' ' || body)`,
    },
];

/**
 * Accents are folded in words written with digits too, as in words of letters: "montreal2025"
 * finds "Montréal2025". The configurations change, so what was computed with them is computed
 * again: the stored vectors (with their triggers off: the vector trigger keeps a row's vector when
 * its text is unchanged, and the words are collected already) and every expression index.
 */
export class SearchWordsWithDigits1764920000000 implements MigrationInterface {
    name = 'SearchWordsWithDigits1764920000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await this.map(queryRunner, 'unaccent, simple');
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await this.map(queryRunner, 'simple');
    }

    private async map(queryRunner: QueryRunner, dictionaries: string): Promise<void> {
        for (const configuration of ['fr_unaccent', 'en_unaccent']) {
            await queryRunner.query(`ALTER TEXT SEARCH CONFIGURATION public.${configuration} ALTER MAPPING FOR ${WITH_DIGITS} WITH ${dictionaries}`);
        }
        for (const { table, vector } of STORED) {
            await queryRunner.query(`ALTER TABLE "${table}" DISABLE TRIGGER "tr_${table}_search_vector"`);
            await queryRunner.query(`ALTER TABLE "${table}" DISABLE TRIGGER "tr_${table}_search_words"`);
            await queryRunner.query(`UPDATE "${table}" SET "search_vector" = ${vector} WHERE "search_vector" IS DISTINCT FROM ${vector}`);
            await queryRunner.query(`ALTER TABLE "${table}" ENABLE TRIGGER "tr_${table}_search_words"`);
            await queryRunner.query(`ALTER TABLE "${table}" ENABLE TRIGGER "tr_${table}_search_vector"`);
        }
        const indexes: { name: string }[] = await queryRunner.query(
            `SELECT indexrelid::regclass::text AS name FROM pg_index WHERE pg_get_indexdef(indexrelid) LIKE '%tandem_search_vector%'`,
        );
        for (const { name } of indexes) await queryRunner.query(`REINDEX INDEX ${name}`);
    }
}
