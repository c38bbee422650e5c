import type { SearchableKind, SearchTerms } from '../search';
import { bilingualSearchText, textOfHit } from '../common/text-search';

const NAME = { fr: `organization.name_fr || ' ' || coalesce(organization.acronym_fr, '')`, en: `organization.name_en || ' ' || coalesce(organization.acronym_en, '')` };
const SEARCHED = bilingualSearchText(NAME);

/**
 * The organizations, as search documents: the directory is open to everyone signed in, and belongs
 * to no workspace (a search limited to a workspace finds none).
 */
function organizationDocuments(terms: SearchTerms): string {
  const hit = SEARCHED.hit(terms);
  return `SELECT 'ORGANIZATION'::text AS kind, organization.id, NULL::uuid AS workspace_id, ${hit.language} AS language,
            ${hit.inLanguage({ fr: 'organization.name_fr', en: 'organization.name_en' })} AS title,
            organization.id AS text_id,
            NULL::timestamptz AS published_at,
            ${SEARCHED.rank(terms)} AS rank
       FROM organization
      WHERE ${SEARCHED.matches(terms)}
        AND ${terms.workspace} IS NULL`;
}

export const organizationSearch: SearchableKind = {
  documents: organizationDocuments,
  text: textOfHit('organization', 'organization', NAME),
  matching: (terms) => `SELECT 1 FROM organization WHERE ${SEARCHED.matches(terms)}`,
};
