import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search-as-you-type finds the words a prefix starts: the lexicon read by its words folded
 * (tandem_fold: lower-cased, accents removed), whose completions of a prefix are stemmed as words; and a
 * configuration that folds without stemming or stopwords, so that a prefix is also matched as
 * typed ("qué" on the way to "Québec" is not the French stopword "que").
 */
export class SearchAsYouType1764910000000 implements MigrationInterface {
    name = 'SearchAsYouType1764910000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "ix_search_word_folded" ON "search_word" (tandem_fold(word) text_pattern_ops)`);
        await queryRunner.query(`CREATE TEXT SEARCH CONFIGURATION public.simple_unaccent (COPY = pg_catalog.simple)`);
        await queryRunner.query(`ALTER TEXT SEARCH CONFIGURATION public.simple_unaccent ALTER MAPPING FOR hword, hword_part, word, numword, numhword, hword_numpart WITH unaccent, simple`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TEXT SEARCH CONFIGURATION public.simple_unaccent`);
        await queryRunner.query(`DROP INDEX "public"."ix_search_word_folded"`);
    }
}
