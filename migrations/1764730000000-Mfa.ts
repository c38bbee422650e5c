import { MigrationInterface, QueryRunner } from 'typeorm';

/** MFA: TOTP enrolments (secrets sealed), recovery codes (keyed hashes), login challenges, and the organizations that require it. */
export class Mfa1764730000000 implements MigrationInterface {
    name = 'Mfa1764730000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "user_mfa" ("user_id" uuid NOT NULL, "sealed_secret" text NOT NULL, "enabled_at" TIMESTAMP(3) WITH TIME ZONE, "last_used_step" integer, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_user_mfa_user_id" PRIMARY KEY ("user_id"))`);
        await queryRunner.query(`CREATE TABLE "mfa_recovery_code" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "code_hash" text NOT NULL, "used_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_mfa_recovery_code_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ix_mfa_recovery_code_user_id_code_hash" ON "mfa_recovery_code" ("user_id", "code_hash") `);
        await queryRunner.query(`CREATE TABLE "mfa_challenge" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" text NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_mfa_challenge_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_mfa_challenge_user_id" ON "mfa_challenge" ("user_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "ix_mfa_challenge_token_hash" ON "mfa_challenge" ("token_hash") `);
        await queryRunner.query(`ALTER TABLE "organization" ADD "mfa_required" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "user_mfa" ADD CONSTRAINT "fk_user_mfa_user_id" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "mfa_recovery_code" ADD CONSTRAINT "fk_mfa_recovery_code_user_id" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "mfa_challenge" ADD CONSTRAINT "fk_mfa_challenge_user_id" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "mfa_challenge" DROP CONSTRAINT "fk_mfa_challenge_user_id"`);
        await queryRunner.query(`ALTER TABLE "mfa_recovery_code" DROP CONSTRAINT "fk_mfa_recovery_code_user_id"`);
        await queryRunner.query(`ALTER TABLE "user_mfa" DROP CONSTRAINT "fk_user_mfa_user_id"`);
        await queryRunner.query(`ALTER TABLE "organization" DROP COLUMN "mfa_required"`);
        await queryRunner.query(`DROP INDEX "public"."ix_mfa_challenge_token_hash"`);
        await queryRunner.query(`DROP INDEX "public"."ix_mfa_challenge_user_id"`);
        await queryRunner.query(`DROP TABLE "mfa_challenge"`);
        await queryRunner.query(`DROP INDEX "public"."ix_mfa_recovery_code_user_id_code_hash"`);
        await queryRunner.query(`DROP TABLE "mfa_recovery_code"`);
        await queryRunner.query(`DROP TABLE "user_mfa"`);
    }

}
