import { MigrationInterface, QueryRunner } from 'typeorm';

export class ActivityStream1764740000000 implements MigrationInterface {
    name = 'ActivityStream1764740000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "activity_event" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "transaction_id" bigint NOT NULL, "kind" text NOT NULL, "resource_type" text NOT NULL, "resource_id" uuid NOT NULL, "workspace_id" uuid, "organization_id" uuid, "recipient_id" uuid, "actor_id" uuid, "payload" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_activity_event_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_activity_event_transaction_id_id" ON "activity_event" ("transaction_id", "id")`);
        await queryRunner.query(`CREATE INDEX "ix_activity_event_created_at" ON "activity_event" ("created_at")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "activity_event"`);
    }
}
