import { MigrationInterface, QueryRunner } from 'typeorm';

const WORDS_TRIGGER = `"tr_article_revision_search_words"`;
const WORDS_OF_REVISION = `FOR EACH ROW EXECUTE FUNCTION tandem_collect_search_words_of_row('title', 'summary', 'body')`;

/**
 * An article revision says whether a later revision in its language exists, so that "the current
 * text" is a column a search filters on rather than an anti-join over every candidate (a common word
 * is in nearly every article). An AFTER INSERT trigger marks the revisions a new one supersedes:
 * the database keeps it, never the application. Revisions are numbered upwards and never edited, so
 * the one mark is all it takes. The words of a revision are collected again only when its text changes.
 */
export class SupersededRevisions1764850000000 implements MigrationInterface {
    name = 'SupersededRevisions1764850000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER ${WORDS_TRIGGER} ON "article_revision"`);
        await queryRunner.query(`CREATE TRIGGER ${WORDS_TRIGGER} AFTER INSERT OR UPDATE OF "title", "summary", "body" ON "article_revision" ${WORDS_OF_REVISION}`);
        await queryRunner.query(`ALTER TABLE "article_revision" ADD "superseded" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`UPDATE "article_revision" revision SET "superseded" = true
            WHERE EXISTS (SELECT 1 FROM "article_revision" newer
                           WHERE newer.article_id = revision.article_id AND newer.language = revision.language AND newer.number > revision.number)`);
        await queryRunner.query(`CREATE FUNCTION tandem_article_revision_supersede() RETURNS trigger
            LANGUAGE plpgsql
            AS $$ BEGIN
                UPDATE article_revision SET superseded = true
                 WHERE article_id = NEW.article_id AND language = NEW.language AND number < NEW.number AND NOT superseded;
                RETURN NULL;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER "tr_article_revision_supersede" AFTER INSERT ON "article_revision" FOR EACH ROW EXECUTE FUNCTION tandem_article_revision_supersede()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "tr_article_revision_supersede" ON "article_revision"`);
        await queryRunner.query(`DROP FUNCTION tandem_article_revision_supersede()`);
        await queryRunner.query(`ALTER TABLE "article_revision" DROP COLUMN "superseded"`);
        await queryRunner.query(`DROP TRIGGER ${WORDS_TRIGGER} ON "article_revision"`);
        await queryRunner.query(`CREATE TRIGGER ${WORDS_TRIGGER} AFTER INSERT OR UPDATE ON "article_revision" ${WORDS_OF_REVISION}`);
    }
}
