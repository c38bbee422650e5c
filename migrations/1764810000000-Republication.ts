import { MigrationInterface, QueryRunner } from 'typeorm';

export class Republication1764810000000 implements MigrationInterface {
    name = 'Republication1764810000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "article" ADD "republished_from_id" uuid`);
        await queryRunner.query(`ALTER TABLE "article" ADD "republication_grant_id" uuid`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ix_article_republication_grant_id_workspace_id" ON "article" ("republication_grant_id", "workspace_id") `);
        await queryRunner.query(`ALTER TABLE "article" ADD CONSTRAINT "fk_article_republished_from_id" FOREIGN KEY ("republished_from_id") REFERENCES "article"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "article" ADD CONSTRAINT "fk_article_republication_grant_id" FOREIGN KEY ("republication_grant_id") REFERENCES "republication_grant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "article" DROP CONSTRAINT "fk_article_republication_grant_id"`);
        await queryRunner.query(`ALTER TABLE "article" DROP CONSTRAINT "fk_article_republished_from_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_article_republication_grant_id_workspace_id"`);
        await queryRunner.query(`ALTER TABLE "article" DROP COLUMN "republication_grant_id"`);
        await queryRunner.query(`ALTER TABLE "article" DROP COLUMN "republished_from_id"`);
    }
}
