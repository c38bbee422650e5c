import { MigrationInterface, QueryRunner } from 'typeorm';

export class ApiTokens1764600000000 implements MigrationInterface {
    name = 'ApiTokens1764600000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "api_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "created_by_id" uuid NOT NULL, "name" text NOT NULL, "scopes" text array NOT NULL, "token_hash" text NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP(3) WITH TIME ZONE, "last_used_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_api_token_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ix_api_token_token_hash" ON "api_token" ("token_hash") `);
        await queryRunner.query(`CREATE INDEX "ix_api_token_organization_id_created_at_id" ON "api_token" ("organization_id", "created_at", "id") `);
        await queryRunner.query(`ALTER TABLE "api_token" ADD CONSTRAINT "fk_api_token_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "api_token" ADD CONSTRAINT "fk_api_token_created_by_id" FOREIGN KEY ("created_by_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "api_token" DROP CONSTRAINT "fk_api_token_created_by_id"`);
        await queryRunner.query(`ALTER TABLE "api_token" DROP CONSTRAINT "fk_api_token_organization_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_api_token_organization_id_created_at_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_api_token_token_hash"`);
        await queryRunner.query(`DROP TABLE "api_token"`);
    }

}
