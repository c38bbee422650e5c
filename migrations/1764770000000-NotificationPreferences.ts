import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationPreferences1764770000000 implements MigrationInterface {
    name = 'NotificationPreferences1764770000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."notification_delivery" AS ENUM('IMMEDIATE', 'DAILY', 'NONE')`);
        // Notices written before preferences existed were never e-mailed: NONE says so.
        await queryRunner.query(`ALTER TABLE "notification" ADD "delivery" "public"."notification_delivery" NOT NULL DEFAULT 'NONE'`);
        await queryRunner.query(`ALTER TABLE "notification" ADD "digested_on" date`);
        await queryRunner.query(`ALTER TABLE "notification" ADD "once_key" text`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ix_notification_once_key" ON "notification" ("once_key") `);
        await queryRunner.query(`CREATE INDEX "ix_notification_user_id" ON "notification" ("user_id") WHERE delivery = 'DAILY' AND digested_on IS NULL`);
        // A general choice has no workspace: NULLS NOT DISTINCT keeps it one per person and kind (PostgreSQL 15).
        await queryRunner.query(`CREATE TABLE "notification_preference" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "workspace_id" uuid, "kind" text NOT NULL, "delivery" "public"."notification_delivery" NOT NULL, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_notification_preference_user_id_workspace_id_kind" UNIQUE NULLS NOT DISTINCT ("user_id", "workspace_id", "kind"), CONSTRAINT "pk_notification_preference_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`ALTER TABLE "notification_preference" ADD CONSTRAINT "fk_notification_preference_user_id" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "user" ADD "time_zone" text NOT NULL DEFAULT 'America/Toronto'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "user" DROP COLUMN "time_zone"`);
        await queryRunner.query(`ALTER TABLE "notification_preference" DROP CONSTRAINT "fk_notification_preference_user_id"`);
        await queryRunner.query(`DROP TABLE "notification_preference"`);
        await queryRunner.query(`DROP INDEX "public"."ix_notification_user_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_notification_once_key"`);
        await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "once_key"`);
        await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "digested_on"`);
        await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "delivery"`);
        await queryRunner.query(`DROP TYPE "public"."notification_delivery"`);
    }
}
