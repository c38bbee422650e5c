import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1764043200000 implements MigrationInterface {
    name = 'Foundation1764043200000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // Lower-case and strip French accents; the twin of fold() in src/common/text-search.ts.
        await queryRunner.query(`CREATE FUNCTION tandem_fold(input text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
            AS $$ SELECT replace(replace(translate(lower(input), 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿ', 'aaaaaaceeeeiiiinooooouuuuyy'), 'œ', 'oe'), 'æ', 'ae') $$`);
        await queryRunner.query(`CREATE TYPE "public"."language" AS ENUM('fr', 'en')`);
        await queryRunner.query(`CREATE TABLE "user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "display_name" text NOT NULL, "preferred_language" "public"."language" NOT NULL DEFAULT 'fr', "password_hash" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_user_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ix_user_email" ON "user" ("email") `);
        await queryRunner.query(`CREATE TYPE "public"."jurisdiction" AS ENUM('FEDERAL', 'PROVINCIAL', 'TERRITORIAL', 'MUNICIPAL', 'INDIGENOUS', 'NON_GOVERNMENTAL')`);
        await queryRunner.query(`CREATE TABLE "organization" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" text NOT NULL, "jurisdiction" "public"."jurisdiction" NOT NULL, "region" text, "email_domains" text array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "name_fr" text NOT NULL, "name_en" text NOT NULL, "acronym_fr" text, "acronym_en" text, CONSTRAINT "pk_organization_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ix_organization_slug" ON "organization" ("slug") `);
        await queryRunner.query(`CREATE INDEX "ix_organization_search" ON "organization" USING gin ((to_tsvector('simple', tandem_fold(slug || ' ' || name_fr || ' ' || name_en || ' ' || coalesce(acronym_fr, '') || ' ' || coalesce(acronym_en, '')))))`);
        await queryRunner.query(`CREATE TYPE "public"."organization_role" AS ENUM('ADMIN', 'MEMBER')`);
        await queryRunner.query(`CREATE TABLE "organization_membership" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" "public"."organization_role" NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_organization_membership_organization_id_user_id" UNIQUE ("organization_id", "user_id"), CONSTRAINT "pk_organization_membership_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_organization_membership_user_id" ON "organization_membership" ("user_id") `);
        await queryRunner.query(`CREATE TABLE "organization_invitation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "email" text NOT NULL, "role" "public"."organization_role" NOT NULL, "token_hash" text NOT NULL, "invited_by_id" uuid NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "accepted_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_organization_invitation_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_organization_invitation_organization_id" ON "organization_invitation" ("organization_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "ix_organization_invitation_token_hash" ON "organization_invitation" ("token_hash") `);
        await queryRunner.query(`CREATE TYPE "public"."join_request_status" AS ENUM('PENDING', 'APPROVED', 'REJECTED')`);
        await queryRunner.query(`CREATE TABLE "join_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "status" "public"."join_request_status" NOT NULL DEFAULT 'PENDING', "decided_by_id" uuid, "decided_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_join_request_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ix_join_request_organization_id_user_id" ON "join_request" ("organization_id", "user_id") WHERE "status" = 'PENDING'`);
        await queryRunner.query(`CREATE TABLE "auth_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "revoked_at" TIMESTAMP(3) WITH TIME ZONE, "revoked_reason" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_auth_session_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_auth_session_user_id" ON "auth_session" ("user_id") `);
        await queryRunner.query(`CREATE TABLE "refresh_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "token_hash" text NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_refresh_token_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_refresh_token_session_id" ON "refresh_token" ("session_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "ix_refresh_token_token_hash" ON "refresh_token" ("token_hash") `);
        await queryRunner.query(`CREATE TABLE "login_throttle" ("key" text NOT NULL, "failures" integer NOT NULL, "window_started_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "locked_until" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "pk_login_throttle_key" PRIMARY KEY ("key"))`);
        await queryRunner.query(`CREATE TABLE "audit_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "actor_id" uuid, "action" text NOT NULL, "resource_type" text NOT NULL, "resource_id" uuid NOT NULL, "workspace_id" uuid, "organization_id" uuid, "details" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_audit_event_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_audit_event_organization_id_created_at_id" ON "audit_event" ("organization_id", "created_at", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_audit_event_workspace_id_created_at_id" ON "audit_event" ("workspace_id", "created_at", "id") `);
        await queryRunner.query(`ALTER TABLE "organization_membership" ADD CONSTRAINT "fk_organization_membership_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "organization_membership" ADD CONSTRAINT "fk_organization_membership_user_id" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "organization_invitation" ADD CONSTRAINT "fk_organization_invitation_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "join_request" ADD CONSTRAINT "fk_join_request_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "join_request" ADD CONSTRAINT "fk_join_request_user_id" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "auth_session" ADD CONSTRAINT "fk_auth_session_user_id" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "refresh_token" ADD CONSTRAINT "fk_refresh_token_session_id" FOREIGN KEY ("session_id") REFERENCES "auth_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "refresh_token" DROP CONSTRAINT "fk_refresh_token_session_id"`);
        await queryRunner.query(`ALTER TABLE "auth_session" DROP CONSTRAINT "fk_auth_session_user_id"`);
        await queryRunner.query(`ALTER TABLE "join_request" DROP CONSTRAINT "fk_join_request_user_id"`);
        await queryRunner.query(`ALTER TABLE "join_request" DROP CONSTRAINT "fk_join_request_organization_id"`);
        await queryRunner.query(`ALTER TABLE "organization_invitation" DROP CONSTRAINT "fk_organization_invitation_organization_id"`);
        await queryRunner.query(`ALTER TABLE "organization_membership" DROP CONSTRAINT "fk_organization_membership_user_id"`);
        await queryRunner.query(`ALTER TABLE "organization_membership" DROP CONSTRAINT "fk_organization_membership_organization_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_audit_event_workspace_id_created_at_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_audit_event_organization_id_created_at_id"`);
        await queryRunner.query(`DROP TABLE "audit_event"`);
        await queryRunner.query(`DROP TABLE "login_throttle"`);
        await queryRunner.query(`DROP INDEX "public"."ix_refresh_token_token_hash"`);
        await queryRunner.query(`DROP INDEX "public"."ix_refresh_token_session_id"`);
        await queryRunner.query(`DROP TABLE "refresh_token"`);
        await queryRunner.query(`DROP INDEX "public"."ix_auth_session_user_id"`);
        await queryRunner.query(`DROP TABLE "auth_session"`);
        await queryRunner.query(`DROP INDEX "public"."ix_join_request_organization_id_user_id"`);
        await queryRunner.query(`DROP TABLE "join_request"`);
        await queryRunner.query(`DROP TYPE "public"."join_request_status"`);
        await queryRunner.query(`DROP INDEX "public"."ix_organization_invitation_token_hash"`);
        await queryRunner.query(`DROP INDEX "public"."ix_organization_invitation_organization_id"`);
        await queryRunner.query(`DROP TABLE "organization_invitation"`);
        await queryRunner.query(`DROP INDEX "public"."ix_organization_membership_user_id"`);
        await queryRunner.query(`DROP TABLE "organization_membership"`);
        await queryRunner.query(`DROP TYPE "public"."organization_role"`);
        await queryRunner.query(`DROP INDEX "public"."ix_organization_search"`);
        await queryRunner.query(`DROP INDEX "public"."ix_organization_slug"`);
        await queryRunner.query(`DROP TABLE "organization"`);
        await queryRunner.query(`DROP TYPE "public"."jurisdiction"`);
        await queryRunner.query(`DROP INDEX "public"."ix_user_email"`);
        await queryRunner.query(`DROP TABLE "user"`);
        await queryRunner.query(`DROP TYPE "public"."language"`);
        await queryRunner.query(`DROP FUNCTION tandem_fold(text)`);
    }
}
