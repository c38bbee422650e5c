import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Language, LocalizedText } from '../common/localized-text';
import type { Article, ArticleRevision, RepublicationGrant } from './article.entity';
import { isPubliclyReadable } from './publication-rules';

/**
 * Where a republished article comes from, as its grant makes it public: the original's public
 * title, its organization (the grantor) and its public page (resolved by the publishing module),
 * and the original itself only for a reader who may see it in its own workspace.
 */
@ObjectType('Republication')
export class Republication {
  @Field(() => ID)
  grantId: string;

  @Field({ description: "The grant's conditions, as the granting organization wrote them" })
  conditions: string;

  @Field(() => LocalizedText, { description: "The original's published title in each language (a language not published shows the other's)" })
  title: LocalizedText;

  @Field(() => Date, { nullable: true, description: 'When the grant was revoked, which withdrew the republication' })
  withdrawnAt: Date | null;

  /** The original article and its workspace, for the field resolvers; not fields themselves. */
  originalId: string;
  originalWorkspaceId: string;
  /** Whether the original still has a public page (it may be archived since). */
  originalIsPublic: boolean;
  grantorOrganizationId: string;
}

/** What a republication shows of its original: the grant, and the original's published titles. */
export function republicationOf(grant: RepublicationGrant, original: Article, published: Partial<Record<Language, ArticleRevision>>): Republication {
  // Publication needs a text in at least one language: a missing one shows the other's title.
  const title = (language: Language) => (published[language] ?? published[language === Language.fr ? Language.en : Language.fr])?.title ?? '';
  return {
    grantId: grant.id,
    conditions: grant.conditions,
    title: { fr: title(Language.fr), en: title(Language.en) },
    withdrawnAt: grant.revokedAt,
    originalId: original.id,
    originalWorkspaceId: original.workspaceId,
    originalIsPublic: isPubliclyReadable(original),
    grantorOrganizationId: grant.grantorOrganizationId,
  };
}
