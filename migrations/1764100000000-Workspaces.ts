import { MigrationInterface, QueryRunner } from 'typeorm';

export class Workspaces1764100000000 implements MigrationInterface {
    name = 'Workspaces1764100000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "workspace" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" text NOT NULL, "host_organization_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "name_fr" text NOT NULL, "name_en" text NOT NULL, "description_fr" text, "description_en" text, CONSTRAINT "pk_workspace_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ix_workspace_slug" ON "workspace" ("slug") `);
        await queryRunner.query(`CREATE INDEX "ix_workspace_host_organization_id" ON "workspace" ("host_organization_id") `);
        await queryRunner.query(`CREATE TYPE "public"."partner_status" AS ENUM('INVITED', 'ACTIVE', 'DECLINED', 'LEFT')`);
        await queryRunner.query(`CREATE TABLE "workspace_partner" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "status" "public"."partner_status" NOT NULL, "invited_by_id" uuid, "responded_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_workspace_partner_workspace_id_organization_id" UNIQUE ("workspace_id", "organization_id"), CONSTRAINT "pk_workspace_partner_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_workspace_partner_organization_id" ON "workspace_partner" ("organization_id") `);
        await queryRunner.query(`CREATE TYPE "public"."workspace_role" AS ENUM('OWNER', 'COORDINATOR', 'EDITOR', 'CONTRIBUTOR', 'OBSERVER')`);
        await queryRunner.query(`CREATE TABLE "workspace_member" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "user_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "role" "public"."workspace_role" NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_workspace_member_workspace_id_user_id" UNIQUE ("workspace_id", "user_id"), CONSTRAINT "pk_workspace_member_id" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_workspace_member_user_id" ON "workspace_member" ("user_id") `);
        await queryRunner.query(`ALTER TABLE "workspace" ADD CONSTRAINT "fk_workspace_host_organization_id" FOREIGN KEY ("host_organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "workspace_partner" ADD CONSTRAINT "fk_workspace_partner_workspace_id" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "workspace_partner" ADD CONSTRAINT "fk_workspace_partner_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "workspace_member" ADD CONSTRAINT "fk_workspace_member_workspace_id" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "workspace_member" ADD CONSTRAINT "fk_workspace_member_user_id" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "workspace_member" ADD CONSTRAINT "fk_workspace_member_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "workspace_member" DROP CONSTRAINT "fk_workspace_member_organization_id"`);
        await queryRunner.query(`ALTER TABLE "workspace_member" DROP CONSTRAINT "fk_workspace_member_user_id"`);
        await queryRunner.query(`ALTER TABLE "workspace_member" DROP CONSTRAINT "fk_workspace_member_workspace_id"`);
        await queryRunner.query(`ALTER TABLE "workspace_partner" DROP CONSTRAINT "fk_workspace_partner_organization_id"`);
        await queryRunner.query(`ALTER TABLE "workspace_partner" DROP CONSTRAINT "fk_workspace_partner_workspace_id"`);
        await queryRunner.query(`ALTER TABLE "workspace" DROP CONSTRAINT "fk_workspace_host_organization_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_workspace_member_user_id"`);
        await queryRunner.query(`DROP TABLE "workspace_member"`);
        await queryRunner.query(`DROP TYPE "public"."workspace_role"`);
        await queryRunner.query(`DROP INDEX "public"."ix_workspace_partner_organization_id"`);
        await queryRunner.query(`DROP TABLE "workspace_partner"`);
        await queryRunner.query(`DROP TYPE "public"."partner_status"`);
        await queryRunner.query(`DROP INDEX "public"."ix_workspace_host_organization_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_workspace_slug"`);
        await queryRunner.query(`DROP TABLE "workspace"`);
    }
}
