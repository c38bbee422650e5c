import { MigrationInterface, QueryRunner } from 'typeorm';

export class FeedPolitenessAndWebSub1764700000000 implements MigrationInterface {
    name = 'FeedPolitenessAndWebSub1764700000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TYPE "public"."fetch_outcome" ADD VALUE IF NOT EXISTS 'GONE'`);
        await queryRunner.query(`ALTER TABLE "watch_source" ADD "gone_at" TIMESTAMP(3) WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "watch_source" ADD "fetch_interval_seconds" integer`);
        await queryRunner.query(`CREATE TYPE "public"."websub_state" AS ENUM('PENDING', 'ACTIVE', 'FAILED', 'EXPIRED')`);
        await queryRunner.query(`CREATE TABLE "websub_subscription" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "source_id" uuid NOT NULL, "hub_url" text NOT NULL, "topic_url" text NOT NULL, "secret" text NOT NULL, "state" "public"."websub_state" NOT NULL DEFAULT 'PENDING', "lease_seconds" integer, "lease_expires_at" TIMESTAMP(3) WITH TIME ZONE, "renew_at" TIMESTAMP(3) WITH TIME ZONE, "requested_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "verified_at" TIMESTAMP(3) WITH TIME ZONE, "last_delivery_at" TIMESTAMP(3) WITH TIME ZONE, "last_error" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_websub_subscription_source_id" UNIQUE ("source_id"), CONSTRAINT "pk_websub_subscription_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_websub_subscription_state_renew_at" ON "websub_subscription" ("state", "renew_at") `);
        await queryRunner.query(`ALTER TABLE "websub_subscription" ADD CONSTRAINT "fk_websub_subscription_source_id" FOREIGN KEY ("source_id") REFERENCES "watch_source"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "websub_subscription" DROP CONSTRAINT "fk_websub_subscription_source_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_websub_subscription_state_renew_at"`);
        await queryRunner.query(`DROP TABLE "websub_subscription"`);
        await queryRunner.query(`DROP TYPE "public"."websub_state"`);
        await queryRunner.query(`ALTER TABLE "watch_source" DROP COLUMN "fetch_interval_seconds"`);
        await queryRunner.query(`ALTER TABLE "watch_source" DROP COLUMN "gone_at"`);
        // PostgreSQL cannot drop an enum value: GONE stays in fetch_outcome, unused.
        await queryRunner.query(`UPDATE "watch_source" SET "last_fetch_outcome" = 'FAILED' WHERE "last_fetch_outcome" = 'GONE'`);
    }
}
