import { MigrationInterface, QueryRunner } from 'typeorm';

export class Coverage1764400000000 implements MigrationInterface {
    name = 'Coverage1764400000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."event_kind" AS ENUM('CONFERENCE', 'WEBINAR', 'LEARNING_SESSION', 'MEETUP', 'ANNOUNCEMENT')`);
        await queryRunner.query(`CREATE TYPE "public"."event_status" AS ENUM('TENTATIVE', 'CONFIRMED', 'CANCELLED')`);
        await queryRunner.query(`CREATE TABLE "event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "kind" "public"."event_kind" NOT NULL, "starts_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "time_zone" text NOT NULL, "location" text, "url" text, "organizer_organization_id" uuid, "status" "public"."event_status" NOT NULL DEFAULT 'TENTATIVE', "sequence" integer NOT NULL DEFAULT '0', "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "title_fr" text NOT NULL, "title_en" text NOT NULL, CONSTRAINT "CHK_bd59b1d902c6cbf9e9fa202e47" CHECK ("ends_at" > "starts_at"), CONSTRAINT "pk_event_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_event_workspace_id_starts_at_id" ON "event" ("workspace_id", "starts_at", "id") `);
        await queryRunner.query(`CREATE TABLE "event_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "starts_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "room" text, "sequence" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "title_fr" text NOT NULL, "title_en" text NOT NULL, CONSTRAINT "CHK_043d28ff7dd77b1797d5d735ea" CHECK ("ends_at" > "starts_at"), CONSTRAINT "pk_event_session_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_event_session_event_id_starts_at" ON "event_session" ("event_id", "starts_at") `);
        await queryRunner.query(`CREATE TYPE "public"."coverage_channel" AS ENUM('LIVE_SOCIAL', 'BLOG_RECAP', 'VIDEO', 'PHOTO', 'NEWSLETTER', 'INTERVIEW')`);
        await queryRunner.query(`CREATE TYPE "public"."coverage_status" AS ENUM('UNASSIGNED', 'ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'FILED', 'PUBLISHED', 'CANCELLED')`);
        await queryRunner.query(`CREATE TABLE "coverage" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "event_id" uuid NOT NULL, "session_id" uuid, "channel" "public"."coverage_channel" NOT NULL, "language" "public"."language", "due_at" TIMESTAMP(3) WITH TIME ZONE, "notes" text, "assignee_id" uuid, "assignee_organization_id" uuid, "assigned_by_id" uuid, "status" "public"."coverage_status" NOT NULL DEFAULT 'UNASSIGNED', "deliverable_article_id" uuid, "deliverable_url" text, "sequence" integer NOT NULL DEFAULT '0', "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_coverage_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_coverage_deliverable_article_id" ON "coverage" ("deliverable_article_id") `);
        await queryRunner.query(`CREATE INDEX "ix_coverage_assignee_id_status" ON "coverage" ("assignee_id", "status") `);
        await queryRunner.query(`CREATE INDEX "ix_coverage_event_id_created_at" ON "coverage" ("event_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "calendar_link" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "owner_id" uuid NOT NULL, "workspace_id" uuid, "token_hash" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "pk_calendar_link_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_calendar_link_owner_id" ON "calendar_link" ("owner_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "ix_calendar_link_token_hash" ON "calendar_link" ("token_hash") `);
        await queryRunner.query(`ALTER TABLE "event" ADD CONSTRAINT "fk_event_workspace_id" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "event" ADD CONSTRAINT "fk_event_organizer_organization_id" FOREIGN KEY ("organizer_organization_id") REFERENCES "organization"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "event_session" ADD CONSTRAINT "fk_event_session_event_id" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "coverage" ADD CONSTRAINT "fk_coverage_event_id" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "coverage" ADD CONSTRAINT "fk_coverage_session_id" FOREIGN KEY ("session_id") REFERENCES "event_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "coverage" ADD CONSTRAINT "fk_coverage_assignee_id" FOREIGN KEY ("assignee_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "calendar_link" ADD CONSTRAINT "fk_calendar_link_owner_id" FOREIGN KEY ("owner_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "calendar_link" ADD CONSTRAINT "fk_calendar_link_workspace_id" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "calendar_link" DROP CONSTRAINT "fk_calendar_link_workspace_id"`);
        await queryRunner.query(`ALTER TABLE "calendar_link" DROP CONSTRAINT "fk_calendar_link_owner_id"`);
        await queryRunner.query(`ALTER TABLE "coverage" DROP CONSTRAINT "fk_coverage_assignee_id"`);
        await queryRunner.query(`ALTER TABLE "coverage" DROP CONSTRAINT "fk_coverage_session_id"`);
        await queryRunner.query(`ALTER TABLE "coverage" DROP CONSTRAINT "fk_coverage_event_id"`);
        await queryRunner.query(`ALTER TABLE "event_session" DROP CONSTRAINT "fk_event_session_event_id"`);
        await queryRunner.query(`ALTER TABLE "event" DROP CONSTRAINT "fk_event_organizer_organization_id"`);
        await queryRunner.query(`ALTER TABLE "event" DROP CONSTRAINT "fk_event_workspace_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_calendar_link_token_hash"`);
        await queryRunner.query(`DROP INDEX "public"."ix_calendar_link_owner_id"`);
        await queryRunner.query(`DROP TABLE "calendar_link"`);
        await queryRunner.query(`DROP INDEX "public"."ix_coverage_event_id_created_at"`);
        await queryRunner.query(`DROP INDEX "public"."ix_coverage_assignee_id_status"`);
        await queryRunner.query(`DROP INDEX "public"."ix_coverage_deliverable_article_id"`);
        await queryRunner.query(`DROP TABLE "coverage"`);
        await queryRunner.query(`DROP TYPE "public"."coverage_status"`);
        await queryRunner.query(`DROP TYPE "public"."coverage_channel"`);
        await queryRunner.query(`DROP INDEX "public"."ix_event_session_event_id_starts_at"`);
        await queryRunner.query(`DROP TABLE "event_session"`);
        await queryRunner.query(`DROP INDEX "public"."ix_event_workspace_id_starts_at_id"`);
        await queryRunner.query(`DROP TABLE "event"`);
        await queryRunner.query(`DROP TYPE "public"."event_status"`);
        await queryRunner.query(`DROP TYPE "public"."event_kind"`);
    }
}
