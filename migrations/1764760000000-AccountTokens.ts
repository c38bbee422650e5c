import { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountTokens1764760000000 implements MigrationInterface {
    name = 'AccountTokens1764760000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // Accounts made before addresses were verified start unverified: nobody proved them.
        await queryRunner.query(`ALTER TABLE "user" ADD "email_verified_at" TIMESTAMP(3) WITH TIME ZONE`);
        await queryRunner.query(`CREATE TYPE "public"."account_token_purpose" AS ENUM('VERIFY_EMAIL', 'RESET_PASSWORD')`);
        await queryRunner.query(`CREATE TABLE "account_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "purpose" "public"."account_token_purpose" NOT NULL, "email" text NOT NULL, "token_hash" text NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP(3) WITH TIME ZONE, "revoked_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_account_token_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_account_token_user_id" ON "account_token" ("user_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "ix_account_token_token_hash" ON "account_token" ("token_hash") `);
        await queryRunner.query(`ALTER TABLE "account_token" ADD CONSTRAINT "fk_account_token_user_id" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "account_token" DROP CONSTRAINT "fk_account_token_user_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_account_token_token_hash"`);
        await queryRunner.query(`DROP INDEX "public"."ix_account_token_user_id"`);
        await queryRunner.query(`DROP TABLE "account_token"`);
        await queryRunner.query(`DROP TYPE "public"."account_token_purpose"`);
        await queryRunner.query(`ALTER TABLE "user" DROP COLUMN "email_verified_at"`);
    }

}
