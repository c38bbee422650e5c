import type { SearchTerms } from '../search';
import { AccessPolicy } from '../workspaces';
import { hasGapSql, isGapSql } from './coverage-gaps';

/**
 * A bilingual row of this module as a search document: each half stemmed by its own language; the hit is French when the French half matches.
 * `gap` says whether the row is (a session) or has (an event) a gap, for the filter `uncovered`.
 */
function bilingualDocuments(kind: string, alias: string, from: string, text: { fr: string; en: string }, gap: string, terms: SearchTerms): string {
  const vector = { fr: `tandem_search_vector('fr', ${text.fr})`, en: `tandem_search_vector('en', ${text.en})` };
  const matchesFr = `${vector.fr} @@ ${terms.fr}`;
  return `SELECT '${kind}'::text AS kind, ${alias}.id, event.workspace_id, CASE WHEN ${matchesFr} THEN 'fr' ELSE 'en' END AS language,
            CASE WHEN ${matchesFr} THEN ${alias}.title_fr ELSE ${alias}.title_en END AS title,
            CASE WHEN ${matchesFr} THEN ${text.fr} ELSE ${text.en} END AS body,
            ${alias}.starts_at AS published_at,
            greatest(ts_rank(${vector.fr}, ${terms.fr}), ts_rank(${vector.en}, ${terms.en})) AS rank
       FROM ${from}
      WHERE (${matchesFr} OR ${vector.en} @@ ${terms.en})
        AND (${terms.workspace} IS NULL OR event.workspace_id = ${terms.workspace})
        AND (${terms.eventStatus} IS NULL OR event.status::text = ${terms.eventStatus})
        AND (${terms.uncovered} IS NULL OR ${gap} = ${terms.uncovered})
        AND ${AccessPolicy.visibleToSql(':viewerId', { workspace: 'event.workspace_id' })}`;
}

/** The events of the workspaces the viewer (`:viewerId`) has access to, by their title and place; `uncovered`: those with a gap. */
export function eventSearchDocuments(terms: SearchTerms): string {
  return bilingualDocuments('EVENT', 'event', 'event', { fr: `event.title_fr || ' ' || coalesce(event.location, '')`, en: `event.title_en || ' ' || coalesce(event.location, '')` }, hasGapSql('event'), terms);
}

/** The sessions of those events, by their title and room; `eventStatus` is their event's, `uncovered`: the gaps. */
export function eventSessionSearchDocuments(terms: SearchTerms): string {
  return bilingualDocuments('EVENT_SESSION', 'session', 'event_session session JOIN event ON event.id = session.event_id', {
    fr: `session.title_fr || ' ' || coalesce(session.room, '')`,
    en: `session.title_en || ' ' || coalesce(session.room, '')`,
  }, isGapSql('session'), terms);
}
