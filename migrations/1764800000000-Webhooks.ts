import { MigrationInterface, QueryRunner } from 'typeorm';

export class Webhooks1764800000000 implements MigrationInterface {
    name = 'Webhooks1764800000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "webhook_endpoint" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "workspace_id" uuid, "url" text NOT NULL, "events" text array NOT NULL, "secret" text NOT NULL, "created_by_id" uuid NOT NULL, "consecutive_failures" integer NOT NULL DEFAULT '0', "disabled_at" TIMESTAMP(3) WITH TIME ZONE, "disabled_reason" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_webhook_endpoint_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_webhook_endpoint_organization_id_created_at_id" ON "webhook_endpoint" ("organization_id", "created_at", "id") `);
        await queryRunner.query(`CREATE TYPE "public"."webhook_delivery_state" AS ENUM('PENDING', 'SENDING', 'DELIVERED', 'FAILED', 'WITHHELD')`);
        await queryRunner.query(`CREATE TABLE "webhook_delivery" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "endpoint_id" uuid NOT NULL, "event_id" bigint NOT NULL, "kind" text NOT NULL, "event" jsonb NOT NULL, "state" "public"."webhook_delivery_state" NOT NULL DEFAULT 'PENDING', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "response_status" integer, "last_error" text, "delivered_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_webhook_delivery_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ix_webhook_delivery_endpoint_id_event_id" ON "webhook_delivery" ("endpoint_id", "event_id") `);
        await queryRunner.query(`CREATE INDEX "ix_webhook_delivery_state_next_attempt_at" ON "webhook_delivery" ("state", "next_attempt_at") `);
        await queryRunner.query(`CREATE INDEX "ix_webhook_delivery_endpoint_id_created_at_id" ON "webhook_delivery" ("endpoint_id", "created_at", "id") `);
        await queryRunner.query(`ALTER TABLE "webhook_endpoint" ADD CONSTRAINT "fk_webhook_endpoint_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "webhook_endpoint" ADD CONSTRAINT "fk_webhook_endpoint_created_by_id" FOREIGN KEY ("created_by_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "webhook_delivery" ADD CONSTRAINT "fk_webhook_delivery_endpoint_id" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoint"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "webhook_delivery"`);
        await queryRunner.query(`DROP TYPE "public"."webhook_delivery_state"`);
        await queryRunner.query(`DROP TABLE "webhook_endpoint"`);
    }
}
