/** An entry of an Atom 1.0 feed (RFC 4287). Text is escaped here; `contentHtml` must already be sanitized. */
export interface AtomEntry {
  id: string;
  title: string;
  updated: Date;
  published?: Date;
  link: string;
  language?: string;
  summary?: string;
  contentHtml?: string;
  authors: string[];
}

export interface AtomFeed {
  id: string;
  title: string;
  selfUrl: string;
  updated: Date;
  entries: AtomEntry[];
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[char] as string)
    // Characters XML 1.0 cannot carry at all.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

export function renderAtom(feed: AtomFeed): string {
  const entries = feed.entries.map((entry) =>
    [
      `  <entry${entry.language ? ` xml:lang="${escapeXml(entry.language)}"` : ''}>`,
      `    <id>${escapeXml(entry.id)}</id>`,
      `    <title>${escapeXml(entry.title)}</title>`,
      `    <link rel="alternate" href="${escapeXml(entry.link)}"/>`,
      `    <updated>${entry.updated.toISOString()}</updated>`,
      entry.published ? `    <published>${entry.published.toISOString()}</published>` : '',
      ...entry.authors.map((name) => `    <author><name>${escapeXml(name)}</name></author>`),
      entry.summary ? `    <summary>${escapeXml(entry.summary)}</summary>` : '',
      entry.contentHtml ? `    <content type="html">${escapeXml(entry.contentHtml)}</content>` : '',
      '  </entry>',
    ]
      .filter(Boolean)
      .join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(feed.id)}</id>`,
    `  <title>${escapeXml(feed.title)}</title>`,
    `  <link rel="self" href="${escapeXml(feed.selfUrl)}"/>`,
    `  <updated>${feed.updated.toISOString()}</updated>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
