import type { SearchableKind, SearchTerms } from '../search';
import { bilingualHit, textOfHit } from '../common/text-search';

const NAME = { fr: `organization.name_fr || ' ' || coalesce(organization.acronym_fr, '')`, en: `organization.name_en || ' ' || coalesce(organization.acronym_en, '')` };
const VECTOR = { fr: `tandem_search_vector('fr', ${NAME.fr})`, en: `tandem_search_vector('en', ${NAME.en})` };

/**
 * The organizations, as search documents: the directory is open to everyone signed in, and belongs
 * to no workspace (a search limited to a workspace finds none).
 */
function organizationDocuments(terms: SearchTerms): string {
  const matches = { fr: `${VECTOR.fr} @@ ${terms.fr}`, en: `${VECTOR.en} @@ ${terms.en}` };
  const hit = bilingualHit(matches, terms.language);
  return `SELECT 'ORGANIZATION'::text AS kind, organization.id, NULL::uuid AS workspace_id, ${hit.language} AS language,
            ${hit.inLanguage({ fr: 'organization.name_fr', en: 'organization.name_en' })} AS title,
            organization.id AS text_id,
            NULL::timestamptz AS published_at,
            greatest(ts_rank(${VECTOR.fr}, ${terms.fr}), ts_rank(${VECTOR.en}, ${terms.en})) AS rank
       FROM organization
      WHERE (${matches.fr} OR ${matches.en})
        AND ${terms.workspace} IS NULL`;
}

export const organizationSearch: SearchableKind = {
  documents: organizationDocuments,
  text: textOfHit('organization', 'organization', NAME),
  anyMatch: (terms) => `EXISTS (SELECT 1 FROM organization WHERE ${VECTOR.fr} @@ ${terms.fr} OR ${VECTOR.en} @@ ${terms.en})`,
};
