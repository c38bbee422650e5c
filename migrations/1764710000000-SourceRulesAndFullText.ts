import { MigrationInterface, QueryRunner } from 'typeorm';

export class SourceRulesAndFullText1764710000000 implements MigrationInterface {
    name = 'SourceRulesAndFullText1764710000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."source_rule_action" AS ENUM('KEEP', 'BLOCK', 'TAG', 'SHORTLIST')`);
        await queryRunner.query(`CREATE TYPE "public"."source_rule_field" AS ENUM('TITLE', 'CONTENT', 'AUTHOR', 'LINK')`);
        await queryRunner.query(`CREATE TYPE "public"."source_rule_match" AS ENUM('ANY_WORDS', 'ALL_WORDS', 'REGEX')`);
        await queryRunner.query(`CREATE TABLE "source_rule" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "share_id" uuid NOT NULL, "position" integer NOT NULL, "name" text NOT NULL, "action" "public"."source_rule_action" NOT NULL, "field" "public"."source_rule_field" NOT NULL, "match" "public"."source_rule_match" NOT NULL, "words" text array NOT NULL DEFAULT '{}', "pattern" text, "tags" text array NOT NULL DEFAULT '{}', "updated_by_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_source_rule_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_source_rule_share_id_position" ON "source_rule" ("share_id", "position") `);
        await queryRunner.query(`ALTER TABLE "source_rule" ADD CONSTRAINT "fk_source_rule_share_id" FOREIGN KEY ("share_id") REFERENCES "source_share"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "curation" ADD "matched_rules" jsonb NOT NULL DEFAULT '[]'`);
        await queryRunner.query(`ALTER TABLE "watch_source" ADD "full_text" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "watch_source" ADD "last_fetch_full_text_failures" integer NOT NULL DEFAULT '0'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "watch_source" DROP COLUMN "last_fetch_full_text_failures"`);
        await queryRunner.query(`ALTER TABLE "watch_source" DROP COLUMN "full_text"`);
        await queryRunner.query(`ALTER TABLE "curation" DROP COLUMN "matched_rules"`);
        await queryRunner.query(`ALTER TABLE "source_rule" DROP CONSTRAINT "fk_source_rule_share_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_source_rule_share_id_position"`);
        await queryRunner.query(`DROP TABLE "source_rule"`);
        await queryRunner.query(`DROP TYPE "public"."source_rule_match"`);
        await queryRunner.query(`DROP TYPE "public"."source_rule_field"`);
        await queryRunner.query(`DROP TYPE "public"."source_rule_action"`);
    }
}
