import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit events of webhook endpoints (created, enabled, disabled, deleted), written before they
 * named the endpoint's host only, carry its whole URL, whose path may hold the hook's secret; and an
 * audit trail outlives the endpoint. Their `url` becomes the `host` a new event records.
 */
/** The host as a new event names it (`URL.host`); what precedes the path when the URL no longer parses. Copied: a migration does not change with the code. */
function hostOf(url: string): string {
    try {
        return new URL(url).host;
    } catch {
        return (/^[a-z][a-z0-9+.-]*:[\\/]*([^/\\?#]*)/i.exec(url)?.[1] ?? '').toLowerCase();
    }
}

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
