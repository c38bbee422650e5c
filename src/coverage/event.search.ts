import type { SearchableKind } from '../search';
import { bilingualSearchText, textOfHit } from '../common/text-search';
import { AccessPolicy } from '../workspaces';
import { hasGapSql, isGapSql } from './coverage-gaps';

/** A bilingual row of this module (`alias` of `table`): the French and English texts it is found by, and whether it is or has a gap. */
interface BilingualRow {
  kind: string;
  table: string;
  alias: string;
  /** The FROM clause of its documents: the row and its event. */
  from: string;
  text: { fr: string; en: string };
  gap: string;
}

/**
 * A bilingual row of this module as searchable: each half stemmed by its own language; the hit is
 * in the language that matched (see bilingualSearchText). `gap` says whether the row is (a session) or has (an event)
 * a gap, for the filter `uncovered`.
 */
function bilingualSearch({ kind, table, alias, from, text, gap }: BilingualRow): SearchableKind {
  const searched = bilingualSearchText(text);
  return {
    documents: (terms) => {
      const hit = searched.hit(terms);
      return `SELECT '${kind}'::text AS kind, ${alias}.id, event.workspace_id, ${hit.language} AS language,
            ${hit.inLanguage({ fr: `${alias}.title_fr`, en: `${alias}.title_en` })} AS title,
            ${alias}.id AS text_id,
            ${alias}.starts_at AS published_at,
            ${searched.rank(terms)} AS rank
       FROM ${from}
      WHERE ${searched.matches(terms)}
        AND (${terms.workspace} IS NULL OR event.workspace_id = ${terms.workspace})
        AND (${terms.eventStatus} IS NULL OR event.status::text = ${terms.eventStatus})
        AND (${terms.uncovered} IS NULL OR ${gap} = ${terms.uncovered})
        AND ${AccessPolicy.visibleToSql(':viewerId', { workspace: 'event.workspace_id' })}`;
    },
    text: textOfHit(table, alias, text),
    matching: (terms) => `SELECT 1 FROM ${table} ${alias} WHERE ${searched.matches(terms)}`,
  };
}

/** The events of the workspaces the viewer (`:viewerId`) has access to, by their title and place; `uncovered`: those with a gap. */
export const eventSearch = bilingualSearch({
  kind: 'EVENT',
  table: 'event',
  alias: 'event',
  from: 'event',
  text: { fr: `event.title_fr || ' ' || coalesce(event.location, '')`, en: `event.title_en || ' ' || coalesce(event.location, '')` },
  gap: hasGapSql('event'),
});

/** The sessions of those events, by their title and room; `eventStatus` is their event's, `uncovered`: the gaps. */
export const eventSessionSearch = bilingualSearch({
  kind: 'EVENT_SESSION',
  table: 'event_session',
  alias: 'session',
  from: 'event_session session JOIN event ON event.id = session.event_id',
  text: { fr: `session.title_fr || ' ' || coalesce(session.room, '')`, en: `session.title_en || ' ' || coalesce(session.room, '')` },
  gap: isGapSql('session'),
});
