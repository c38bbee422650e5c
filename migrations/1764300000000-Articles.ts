import { MigrationInterface, QueryRunner } from 'typeorm';

export class Articles1764300000000 implements MigrationInterface {
    name = 'Articles1764300000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."article_status" AS ENUM('DRAFT', 'IN_REVIEW', 'APPROVED', 'PUBLISHED', 'ARCHIVED')`);
        await queryRunner.query(`CREATE TYPE "public"."visibility" AS ENUM('WORKSPACE', 'ORGANIZATION', 'PUBLIC')`);
        await queryRunner.query(`CREATE TABLE "article" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "lead_organization_id" uuid NOT NULL, "status" "public"."article_status" NOT NULL DEFAULT 'DRAFT', "visibility" "public"."visibility" NOT NULL, "created_by_id" uuid NOT NULL, "published_at" TIMESTAMP(3) WITH TIME ZONE, "published_revision_fr" integer, "published_revision_en" integer, "unilingual_reason" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_article_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_article_workspace_id_created_at_id" ON "article" ("workspace_id", "created_at", "id") `);
        await queryRunner.query(`CREATE TYPE "public"."author_role" AS ENUM('LEAD', 'CO_AUTHOR', 'CONTRIBUTOR')`);
        await queryRunner.query(`CREATE TABLE "article_author" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "article_id" uuid NOT NULL, "user_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "role" "public"."author_role" NOT NULL, "byline_order" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_article_author_article_id_user_id" UNIQUE ("article_id", "user_id"), CONSTRAINT "pk_article_author_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_article_author_user_id" ON "article_author" ("user_id") `);
        await queryRunner.query(`CREATE TABLE "article_revision" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "article_id" uuid NOT NULL, "language" "public"."language" NOT NULL, "number" integer NOT NULL, "title" text NOT NULL, "summary" text NOT NULL, "body" text NOT NULL, "based_on" integer, "translation_of" integer, "author_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_article_revision_article_id_language_number" UNIQUE ("article_id", "language", "number"), CONSTRAINT "CHK_913a4631c487b803371213888a" CHECK ("number" > 0), CONSTRAINT "pk_article_revision_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TYPE "public"."review_decision" AS ENUM('APPROVE', 'REQUEST_CHANGES')`);
        await queryRunner.query(`CREATE TABLE "approval" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "article_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "decision" "public"."review_decision" NOT NULL, "revision_fr" integer, "revision_en" integer, "comment" text, "decided_by_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_approval_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_approval_article_id_organization_id_created_at" ON "approval" ("article_id", "organization_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "comment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "article_id" uuid NOT NULL, "revision_id" uuid NOT NULL, "quote" text, "body" text NOT NULL, "parent_id" uuid, "author_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "resolved_at" TIMESTAMP(3) WITH TIME ZONE, "resolved_by_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_comment_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_comment_article_id_created_at" ON "comment" ("article_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "republication_grant" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "article_id" uuid NOT NULL, "grantor_organization_id" uuid NOT NULL, "grantee_organization_id" uuid NOT NULL, "conditions" text NOT NULL, "granted_by_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP(3) WITH TIME ZONE, "revoked_by_id" uuid, CONSTRAINT "pk_republication_grant_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_republication_grant_article_id" ON "republication_grant" ("article_id") `);
        await queryRunner.query(`ALTER TABLE "article" ADD CONSTRAINT "fk_article_workspace_id" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "article" ADD CONSTRAINT "fk_article_lead_organization_id" FOREIGN KEY ("lead_organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "article_author" ADD CONSTRAINT "fk_article_author_article_id" FOREIGN KEY ("article_id") REFERENCES "article"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "article_author" ADD CONSTRAINT "fk_article_author_user_id" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "article_author" ADD CONSTRAINT "fk_article_author_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "article_revision" ADD CONSTRAINT "fk_article_revision_article_id" FOREIGN KEY ("article_id") REFERENCES "article"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "article_revision" ADD CONSTRAINT "fk_article_revision_author_id" FOREIGN KEY ("author_id") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "approval" ADD CONSTRAINT "fk_approval_article_id" FOREIGN KEY ("article_id") REFERENCES "article"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "approval" ADD CONSTRAINT "fk_approval_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "comment" ADD CONSTRAINT "fk_comment_article_id" FOREIGN KEY ("article_id") REFERENCES "article"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "comment" ADD CONSTRAINT "fk_comment_revision_id" FOREIGN KEY ("revision_id") REFERENCES "article_revision"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "comment" ADD CONSTRAINT "fk_comment_parent_id" FOREIGN KEY ("parent_id") REFERENCES "comment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "republication_grant" ADD CONSTRAINT "fk_republication_grant_article_id" FOREIGN KEY ("article_id") REFERENCES "article"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "republication_grant" ADD CONSTRAINT "fk_republication_grant_grantor_organization_id" FOREIGN KEY ("grantor_organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "republication_grant" ADD CONSTRAINT "fk_republication_grant_grantee_organization_id" FOREIGN KEY ("grantee_organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "republication_grant" DROP CONSTRAINT "fk_republication_grant_grantee_organization_id"`);
        await queryRunner.query(`ALTER TABLE "republication_grant" DROP CONSTRAINT "fk_republication_grant_grantor_organization_id"`);
        await queryRunner.query(`ALTER TABLE "republication_grant" DROP CONSTRAINT "fk_republication_grant_article_id"`);
        await queryRunner.query(`ALTER TABLE "comment" DROP CONSTRAINT "fk_comment_parent_id"`);
        await queryRunner.query(`ALTER TABLE "comment" DROP CONSTRAINT "fk_comment_revision_id"`);
        await queryRunner.query(`ALTER TABLE "comment" DROP CONSTRAINT "fk_comment_article_id"`);
        await queryRunner.query(`ALTER TABLE "approval" DROP CONSTRAINT "fk_approval_organization_id"`);
        await queryRunner.query(`ALTER TABLE "approval" DROP CONSTRAINT "fk_approval_article_id"`);
        await queryRunner.query(`ALTER TABLE "article_revision" DROP CONSTRAINT "fk_article_revision_author_id"`);
        await queryRunner.query(`ALTER TABLE "article_revision" DROP CONSTRAINT "fk_article_revision_article_id"`);
        await queryRunner.query(`ALTER TABLE "article_author" DROP CONSTRAINT "fk_article_author_organization_id"`);
        await queryRunner.query(`ALTER TABLE "article_author" DROP CONSTRAINT "fk_article_author_user_id"`);
        await queryRunner.query(`ALTER TABLE "article_author" DROP CONSTRAINT "fk_article_author_article_id"`);
        await queryRunner.query(`ALTER TABLE "article" DROP CONSTRAINT "fk_article_lead_organization_id"`);
        await queryRunner.query(`ALTER TABLE "article" DROP CONSTRAINT "fk_article_workspace_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_republication_grant_article_id"`);
        await queryRunner.query(`DROP TABLE "republication_grant"`);
        await queryRunner.query(`DROP INDEX "public"."ix_comment_article_id_created_at"`);
        await queryRunner.query(`DROP TABLE "comment"`);
        await queryRunner.query(`DROP INDEX "public"."ix_approval_article_id_organization_id_created_at"`);
        await queryRunner.query(`DROP TABLE "approval"`);
        await queryRunner.query(`DROP TYPE "public"."review_decision"`);
        await queryRunner.query(`DROP TABLE "article_revision"`);
        await queryRunner.query(`DROP INDEX "public"."ix_article_author_user_id"`);
        await queryRunner.query(`DROP TABLE "article_author"`);
        await queryRunner.query(`DROP TYPE "public"."author_role"`);
        await queryRunner.query(`DROP INDEX "public"."ix_article_workspace_id_created_at_id"`);
        await queryRunner.query(`DROP TABLE "article"`);
        await queryRunner.query(`DROP TYPE "public"."visibility"`);
        await queryRunner.query(`DROP TYPE "public"."article_status"`);
    }
}
