import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1764150000000 implements MigrationInterface {
    name = 'Notifications1764150000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "kind" text NOT NULL, "workspace_id" uuid, "resource_type" text NOT NULL, "resource_id" uuid NOT NULL, "read_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "message_fr" text NOT NULL, "message_en" text NOT NULL, CONSTRAINT "pk_notification_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_notification_user_id_created_at_id" ON "notification" ("user_id", "created_at", "id") `);
        await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "fk_notification_user_id" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "fk_notification_user_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_notification_user_id_created_at_id"`);
        await queryRunner.query(`DROP TABLE "notification"`);
    }
}
