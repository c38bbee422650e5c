import { MigrationInterface, QueryRunner } from 'typeorm';

export class Mail1764750000000 implements MigrationInterface {
    name = 'Mail1764750000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."outbound_message_state" AS ENUM('queued', 'sending', 'sent', 'failed', 'cancelled')`);
        await queryRunner.query(`CREATE TABLE "outbound_message" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid, "address" text, "language" text, "template" text NOT NULL, "params" jsonb NOT NULL, "idempotency_key" text NOT NULL, "state" "public"."outbound_message_state" NOT NULL DEFAULT 'queued', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "last_error" text, "message_id" text NOT NULL, "sent_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_outbound_message_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ix_outbound_message_idempotency_key" ON "outbound_message" ("idempotency_key") `);
        await queryRunner.query(`CREATE INDEX "ix_outbound_message_next_attempt_at" ON "outbound_message" ("next_attempt_at") WHERE "state" IN ('queued', 'sending')`);
        // A person's messages go with their account: nothing is left to send to them.
        await queryRunner.query(`ALTER TABLE "outbound_message" ADD CONSTRAINT "fk_outbound_message_user_id" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "outbound_message" DROP CONSTRAINT "fk_outbound_message_user_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_outbound_message_next_attempt_at"`);
        await queryRunner.query(`DROP INDEX "public"."ix_outbound_message_idempotency_key"`);
        await queryRunner.query(`DROP TABLE "outbound_message"`);
        await queryRunner.query(`DROP TYPE "public"."outbound_message_state"`);
    }

}
