import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A webhook endpoint hears of the events that happen from its creation, or its last enabling, on.
 * Deliveries are planned by a reader of the activity stream that may lag behind it (a transaction
 * still running holds it back), so "enabled when the event was planned" is not that: the instant is
 * stored and compared with each event's.
 */
export class WebhookEventsSince1764860000000 implements MigrationInterface {
    name = 'WebhookEventsSince1764860000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "webhook_endpoint" ADD "events_since" TIMESTAMP(3) WITH TIME ZONE`);
        await queryRunner.query(`UPDATE "webhook_endpoint" SET "events_since" = "created_at"`);
        await queryRunner.query(`ALTER TABLE "webhook_endpoint" ALTER COLUMN "events_since" SET NOT NULL, ALTER COLUMN "events_since" SET DEFAULT now()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "webhook_endpoint" DROP COLUMN "events_since"`);
    }
}
