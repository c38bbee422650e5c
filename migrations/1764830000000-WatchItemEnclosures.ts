import { MigrationInterface, QueryRunner } from 'typeorm';

export class WatchItemEnclosures1764830000000 implements MigrationInterface {
    name = 'WatchItemEnclosures1764830000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "watch_item" ADD "enclosures" text array NOT NULL DEFAULT '{}'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "watch_item" DROP COLUMN "enclosures"`);
    }
}
