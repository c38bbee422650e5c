import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notices that an endpoint was disabled, written before they named its host only, carry its
 * whole URL, whose path or query may hold the hook's secret (a Slack hook's does): they are
 * reworded as a notice is now, naming the host. The URL is read from the notice itself, which
 * holds it as it was, so a notice of an endpoint deleted since is reworded too. Their e-mails hold
 * no copy: a message is built from the notice when it is sent. The wording is copied here, not
 * imported: a migration does not change with the code.
 */
const OLD_WORDING = {
    en: /^The webhook ([hH][tT][tT][pP][sS]?:.*) was disabled after repeated failed deliveries; re-enable it once the receiver answers again\.$/s,
    fr: /^Le webhook ([hH][tT][tT][pP][sS]?:.*) a été désactivé après des échecs de livraison répétés; réactivez-le quand le destinataire répondra de nouveau\.$/s,
};

const wordingOf = (host: string) => ({
    en: `The webhook to ${host} was disabled after repeated failed deliveries; re-enable it once the receiver answers again.`,
    fr: `Le webhook vers ${host} a été désactivé après des échecs de livraison répétés; réactivez-le quand le destinataire répondra de nouveau.`,
});

/** The host as a new notice names it (`URL.host`); what precedes the path when the URL no longer parses. */
function hostOf(url: string): string {
    try {
        return new URL(url).host;
    } catch {
        return (/^[a-z][a-z0-9+.-]*:[\\/]*([^/\\?#]*)/i.exec(url)?.[1] ?? '').toLowerCase();
    }
}

export class WebhookDisabledNoticeHost1764890000000 implements MigrationInterface {
    name = 'WebhookDisabledNoticeHost1764890000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        const notices: { id: string; en: string; fr: string }[] = await queryRunner.query(
            `SELECT "id", "message_en" AS "en", "message_fr" AS "fr" FROM "notification" WHERE "kind" = 'integration.webhook_disabled'`,
        );
        for (const notice of notices) {
            const url = OLD_WORDING.en.exec(notice.en)?.[1] ?? OLD_WORDING.fr.exec(notice.fr)?.[1];
            // Already worded by its host.
            if (url === undefined) continue;
            const message = wordingOf(hostOf(url));
            await queryRunner.query(`UPDATE "notification" SET "message_en" = $2, "message_fr" = $3 WHERE "id" = $1`, [notice.id, message.en, message.fr]);
        }
    }

    /** Nothing: the URLs are not to be written back. */
    public async down(): Promise<void> {}
}
