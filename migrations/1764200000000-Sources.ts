import { MigrationInterface, QueryRunner } from 'typeorm';

export class Sources1764200000000 implements MigrationInterface {
    name = 'Sources1764200000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."source_kind" AS ENUM('RSS', 'ATOM', 'JSON_FEED', 'WEBSITE', 'SOCIAL_ACCOUNT', 'NEWSLETTER', 'VIDEO_CHANNEL')`);
        await queryRunner.query(`CREATE TYPE "public"."fetch_outcome" AS ENUM('FETCHED', 'NOT_MODIFIED', 'UNCHANGED', 'FAILED', 'REFUSED')`);
        await queryRunner.query(`CREATE TABLE "watch_source" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "url" text NOT NULL, "feed_url" text, "kind" "public"."source_kind" NOT NULL, "language" "public"."language", "topics" text array NOT NULL DEFAULT '{}', "title" text, "etag" text, "last_modified" text, "next_fetch_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "body_hash" text, "fetch_lease_until" TIMESTAMP(3) WITH TIME ZONE, "last_fetched_at" TIMESTAMP(3) WITH TIME ZONE, "last_fetch_outcome" "public"."fetch_outcome", "consecutive_failures" integer NOT NULL DEFAULT '0', "last_error" text, "refused_reason" text, "created_by_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_watch_source_organization_id_url" UNIQUE ("organization_id", "url"), CONSTRAINT "pk_watch_source_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_watch_source_next_fetch_at" ON "watch_source" ("next_fetch_at") `);
        await queryRunner.query(`CREATE TABLE "source_share" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "source_id" uuid NOT NULL, "workspace_id" uuid NOT NULL, "note" text, "shared_by_id" uuid, "shared_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP(3) WITH TIME ZONE, "revoked_by_id" uuid, CONSTRAINT "pk_source_share_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_source_share_workspace_id" ON "source_share" ("workspace_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "ix_source_share_source_id_workspace_id" ON "source_share" ("source_id", "workspace_id") WHERE "revoked_at" IS NULL`);
        await queryRunner.query(`CREATE TABLE "watch_item" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "source_id" uuid NOT NULL, "guid" text NOT NULL, "url" text, "title" text NOT NULL, "summary" text, "content" text, "author" text, "language" "public"."language", "published_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "fetched_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "content_hash" text NOT NULL, CONSTRAINT "uq_watch_item_source_id_guid" UNIQUE ("source_id", "guid"), CONSTRAINT "pk_watch_item_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_watch_item_published_at_id" ON "watch_item" ("published_at", "id") `);
        await queryRunner.query(`CREATE TYPE "public"."curation_status" AS ENUM('NEW', 'SHORTLISTED', 'FEATURED', 'DISMISSED')`);
        await queryRunner.query(`CREATE TABLE "curation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "item_id" uuid NOT NULL, "status" "public"."curation_status" NOT NULL, "annotation" text, "tags" text array NOT NULL DEFAULT '{}', "curated_by_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_curation_workspace_id_item_id" UNIQUE ("workspace_id", "item_id"), CONSTRAINT "pk_curation_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_curation_item_id" ON "curation" ("item_id") `);
        await queryRunner.query(`CREATE TYPE "public"."digest_status" AS ENUM('DRAFT', 'PUBLISHED')`);
        await queryRunner.query(`CREATE TABLE "digest" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "period_start" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "period_end" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "status" "public"."digest_status" NOT NULL DEFAULT 'DRAFT', "published_at" TIMESTAMP(3) WITH TIME ZONE, "published_by_id" uuid, "entries_at_publication" jsonb, "created_by_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "introduction_fr" text, "introduction_en" text, CONSTRAINT "pk_digest_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_digest_workspace_id_published_at" ON "digest" ("workspace_id", "published_at") `);
        await queryRunner.query(`CREATE INDEX "ix_digest_workspace_id_created_at_id" ON "digest" ("workspace_id", "created_at", "id") `);
        await queryRunner.query(`ALTER TABLE "watch_source" ADD CONSTRAINT "fk_watch_source_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "source_share" ADD CONSTRAINT "fk_source_share_source_id" FOREIGN KEY ("source_id") REFERENCES "watch_source"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "source_share" ADD CONSTRAINT "fk_source_share_workspace_id" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "watch_item" ADD CONSTRAINT "fk_watch_item_source_id" FOREIGN KEY ("source_id") REFERENCES "watch_source"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "curation" ADD CONSTRAINT "fk_curation_workspace_id" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "curation" ADD CONSTRAINT "fk_curation_item_id" FOREIGN KEY ("item_id") REFERENCES "watch_item"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "digest" ADD CONSTRAINT "fk_digest_workspace_id" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "digest" DROP CONSTRAINT "fk_digest_workspace_id"`);
        await queryRunner.query(`ALTER TABLE "curation" DROP CONSTRAINT "fk_curation_item_id"`);
        await queryRunner.query(`ALTER TABLE "curation" DROP CONSTRAINT "fk_curation_workspace_id"`);
        await queryRunner.query(`ALTER TABLE "watch_item" DROP CONSTRAINT "fk_watch_item_source_id"`);
        await queryRunner.query(`ALTER TABLE "source_share" DROP CONSTRAINT "fk_source_share_workspace_id"`);
        await queryRunner.query(`ALTER TABLE "source_share" DROP CONSTRAINT "fk_source_share_source_id"`);
        await queryRunner.query(`ALTER TABLE "watch_source" DROP CONSTRAINT "fk_watch_source_organization_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_digest_workspace_id_created_at_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_digest_workspace_id_published_at"`);
        await queryRunner.query(`DROP TABLE "digest"`);
        await queryRunner.query(`DROP TYPE "public"."digest_status"`);
        await queryRunner.query(`DROP INDEX "public"."ix_curation_item_id"`);
        await queryRunner.query(`DROP TABLE "curation"`);
        await queryRunner.query(`DROP TYPE "public"."curation_status"`);
        await queryRunner.query(`DROP INDEX "public"."ix_watch_item_published_at_id"`);
        await queryRunner.query(`DROP TABLE "watch_item"`);
        await queryRunner.query(`DROP INDEX "public"."ix_source_share_source_id_workspace_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_source_share_workspace_id"`);
        await queryRunner.query(`DROP TABLE "source_share"`);
        await queryRunner.query(`DROP INDEX "public"."ix_watch_source_next_fetch_at"`);
        await queryRunner.query(`DROP TABLE "watch_source"`);
        await queryRunner.query(`DROP TYPE "public"."fetch_outcome"`);
        await queryRunner.query(`DROP TYPE "public"."source_kind"`);
    }
}

