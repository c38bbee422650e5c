import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A notice to the admins of an organization, outside any workspace, names that organization, so
 * that its message, built when it is sent, goes only to who is still one of its admins. The notices
 * already written learn it from what they are about.
 */
export class NotificationOrganization1764870000000 implements MigrationInterface {
    name = 'NotificationOrganization1764870000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "notification" ADD "organization_id" uuid`);
        await queryRunner.query(`UPDATE "notification" SET "organization_id" = "webhook_endpoint"."organization_id" FROM "webhook_endpoint" WHERE "notification"."kind" = 'integration.webhook_disabled' AND "webhook_endpoint"."id" = "notification"."resource_id"`);
        await queryRunner.query(`UPDATE "notification" SET "organization_id" = "workspace_partner"."organization_id" FROM "workspace_partner" WHERE "notification"."kind" = 'workspace.partner_invited' AND "workspace_partner"."id" = "notification"."resource_id"`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "organization_id"`);
    }
}
