import { MigrationInterface, QueryRunner } from 'typeorm';

export class ActivityConsumers1764745000000 implements MigrationInterface {
    name = 'ActivityConsumers1764745000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "activity_consumer" ("name" text NOT NULL, "transaction_id" bigint NOT NULL, "event_id" bigint NOT NULL, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_activity_consumer_name" PRIMARY KEY ("name"))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "activity_consumer"`);
    }
}
