import { MigrationInterface, QueryRunner } from 'typeorm';

const WORDS_TRIGGER = `"tr_article_revision_search_words"`;
const WORDS_OF_REVISION = `FOR EACH ROW EXECUTE FUNCTION tandem_collect_search_words_of_row('title', 'summary', 'body')`;

/**
 * An article revision says whether a later revision in its language exists, so that "the current
 * text" is a column a search filters on rather than an anti-join over every candidate (a common word
 * is in nearly every article). A BEFORE INSERT trigger marks the revisions a new one supersedes, and
 * the new one if a later one exists: the database keeps it, never the application. A unique index
 * holds one current revision per article and language, so that two inserts the application failed
 * to serialize fail rather than leave two. The words of a revision are collected again only when its
 * text changes, so the mark does not re-parse the old text.
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
        await queryRunner.query(`CREATE UNIQUE INDEX "ix_article_revision_article_id_language" ON "article_revision" ("article_id", "language") WHERE "superseded" = false`);
        await queryRunner.query(`CREATE FUNCTION tandem_article_revision_supersede() RETURNS trigger
            LANGUAGE plpgsql
            AS $$ BEGIN
                UPDATE article_revision SET superseded = true
                 WHERE article_id = NEW.article_id AND language = NEW.language AND number < NEW.number AND NOT superseded;
                NEW.superseded := EXISTS (SELECT 1 FROM article_revision
                                           WHERE article_id = NEW.article_id AND language = NEW.language AND number > NEW.number);
                RETURN NEW;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER "tr_article_revision_supersede" BEFORE INSERT ON "article_revision" FOR EACH ROW EXECUTE FUNCTION tandem_article_revision_supersede()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "tr_article_revision_supersede" ON "article_revision"`);
        await queryRunner.query(`DROP FUNCTION tandem_article_revision_supersede()`);
        // Dropping the column drops its index.
        await queryRunner.query(`ALTER TABLE "article_revision" DROP COLUMN "superseded"`);
        await queryRunner.query(`DROP TRIGGER ${WORDS_TRIGGER} ON "article_revision"`);
        await queryRunner.query(`CREATE TRIGGER ${WORDS_TRIGGER} AFTER INSERT OR UPDATE ON "article_revision" ${WORDS_OF_REVISION}`);
    }
}
