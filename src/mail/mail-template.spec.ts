import { mailDomain } from './mail-outbox';
import { withoutSecrets } from './mail-secrets';
import { escapeHtml, html, Html, mailDate, otherLanguage } from './mail-template';

describe('writing a message', () => {
  it('escapes every interpolated value, except another html fragment', () => {
    const name = `<img src=x onerror="alert('x')"> & co`;
    const link = html`<a href="${'https://x.example/?a=1&b="2"'}">${name}</a>`;
    expect(link.markup).toBe('<a href="https://x.example/?a=1&amp;b=&quot;2&quot;">&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt; &amp; co</a>');
    expect(html`<p>${link}</p>`.markup).toBe(`<p>${link.markup}</p>`);
    expect(html`<ul>${['<a>', html`<li>b</li>`]}</ul>${null}${undefined}`.markup).toBe('<ul>&lt;a&gt;<li>b</li></ul>');
    expect(escapeHtml(`"'<>&`)).toBe('&quot;&#39;&lt;&gt;&amp;');
    expect(String(new Html('<b>x</b>'))).toBe('<b>x</b>');
  });

  it('names the other language, and writes a day as each language does', () => {
    expect(otherLanguage('fr')).toBe('en');
    expect(otherLanguage('en')).toBe('fr');
    const day = new Date('2026-12-08T15:00:00Z');
    expect(mailDate(day, 'fr')).toBe('8 décembre 2026');
    expect(mailDate(day, 'en')).toBe('December 8, 2026');
  });
});

describe('the outbox', () => {
  it('names messages after the domain of MAIL_FROM', () => {
    expect(mailDomain('Tandem <no-reply@tandem.example.ca>')).toBe('tandem.example.ca');
    expect(mailDomain('no-reply@mail.gc.ca')).toBe('mail.gc.ca');
  });

  it('keeps no secret once a message is done with', () => {
    expect(withoutSecrets({ invitationId: 'i', secretToken: 't', secretCode: 'c', baseUrl: 'b' })).toEqual({ invitationId: 'i', baseUrl: 'b' });
  });
});
