import { MigrationInterface, QueryRunner } from 'typeorm';

export class FeedSkippedItems1764680000000 implements MigrationInterface {
    name = 'FeedSkippedItems1764680000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "watch_source" ADD "last_fetch_skipped_items" integer NOT NULL DEFAULT '0'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "watch_source" DROP COLUMN "last_fetch_skipped_items"`);
    }
}
