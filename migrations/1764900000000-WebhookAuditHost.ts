import { MigrationInterface, QueryRunner } from 'typeorm';
import { hostOf } from './support/url-host';

/**
 * The audit events of webhook endpoints (created, enabled, disabled, deleted), written before they
 * named the endpoint's host only, carry its whole URL, whose path may hold the hook's secret; and an
 * audit trail outlives the endpoint. Their `url` becomes the `host` a new event records.
 */
export class WebhookAuditHost1764900000000 implements MigrationInterface {
    name = 'WebhookAuditHost1764900000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        const events: { id: string; url: string }[] = await queryRunner.query(
            `SELECT "id", "details"->>'url' AS "url" FROM "audit_event" WHERE "resource_type" = 'webhook_endpoint' AND "details" ? 'url'`,
        );
        for (const event of events) {
            await queryRunner.query(`UPDATE "audit_event" SET "details" = ("details" - 'url') || jsonb_build_object('host', $2::text) WHERE "id" = $1`, [event.id, hostOf(event.url)]);
        }
    }

    /** Nothing: the URLs are not to be written back. */
    public async down(): Promise<void> {}
}
