import { BuiltRecipient } from '../../mail';
import { accountTemplates, ACCOUNT_TEMPLATE } from './account-templates';

const templates = new Map(accountTemplates('https://tandem.example.ca').map((template) => [template.name, template]));
const recipient: BuiltRecipient = { userId: null, address: 'marie@quebec.ca', language: 'fr', displayName: null };
const link = { secretToken: 'tok-en_123', expiresAt: '2026-12-02T12:00:00.000Z' };

describe('account mail templates', () => {
  it('carry the link in both parts, in each language, with its expiry', async () => {
    for (const language of ['fr', 'en'] as const) {
      const mail = (await templates.get(ACCOUNT_TEMPLATE.verifyEmail)!.build({ ...link, displayName: 'Marie <Roy>' }, recipient, language))!;
      expect(mail.text).toContain('https://tandem.example.ca/account/verify-email?token=tok-en_123');
      expect(String(mail.html)).toContain('href="https://tandem.example.ca/account/verify-email?token=tok-en_123"');
      // Names are escaped in the HTML part.
      expect(String(mail.html)).toContain('Marie &lt;Roy&gt;');
      expect(mail.text).toContain(language === 'fr' ? '2 décembre 2026' : 'December 2, 2026');
    }
    const reset = (await templates.get(ACCOUNT_TEMPLATE.passwordReset)!.build(link, recipient, 'en'))!;
    expect(reset.text).toContain('https://tandem.example.ca/account/reset-password?token=tok-en_123');
  });

  it('say where the link is once the outbox erased its token (a web view after sending)', async () => {
    const mail = (await templates.get(ACCOUNT_TEMPLATE.passwordReset)!.build({ expiresAt: link.expiresAt }, recipient, 'en'))!;
    expect(mail.text).not.toContain('token=');
    expect(mail.text).toContain('The link is in the message you received.');
  });
});
