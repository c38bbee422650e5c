import { BuiltRecipient } from '../../mail';
import { MFA_TEMPLATE, mfaTemplates } from './mfa-templates';

const templates = new Map(mfaTemplates('https://tandem.example.ca').map((template) => [template.name, template]));
const recipient: BuiltRecipient = { userId: 'u1', address: 'marie@quebec.ca', language: 'fr', displayName: 'Marie <Roy>' };
const at = '2026-12-01T13:05:00.000Z';

describe('MFA mail templates', () => {
  it('say what changed, on which account and when, in each language, and how to react if it was not you', async () => {
    for (const language of ['fr', 'en'] as const) {
      for (const name of Object.values(MFA_TEMPLATE)) {
        const mail = (await templates.get(name)!.build({ at, remaining: 7 }, recipient, language))!;
        expect(mail.text).toContain('marie@quebec.ca');
        expect(mail.text).toContain(language === 'fr' ? '1 décembre 2026' : 'December 1, 2026');
        expect(mail.text).toContain('https://tandem.example.ca/account/reset-password');
        expect(String(mail.html)).toContain('href="https://tandem.example.ca/account/reset-password"');
        // Names are escaped in the HTML part.
        expect(String(mail.html)).toContain('Marie &lt;Roy&gt;');
      }
    }
    const used = (await templates.get(MFA_TEMPLATE.recoveryCodeUsed)!.build({ at, remaining: 7 }, recipient, 'en'))!;
    expect(used.text).toContain('7 remain');
  });
});
