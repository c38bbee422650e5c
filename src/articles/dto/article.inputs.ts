import { ArgsType, InputType } from '@nestjs/graphql';
import { EnumField, IdField, IntField, TextField } from '../../common/input-fields';
import { Language } from '../../common/localized-text';
import { PageArgs } from '../../common/pagination';
import { Visibility } from '../../workspaces';
import { ArticleStatus, AuthorRole, ReviewDecision } from '../article.entity';

@InputType()
export class CreateArticleInput {
  @IdField()
  workspaceId: string;

  @IdField({ description: 'The organization the creator acts for; the creator becomes LEAD author' })
  leadOrganizationId: string;

  @EnumField(Visibility, { nullable: true, description: 'WORKSPACE when omitted' })
  visibility?: Visibility;
}

/** The inputs of one article's operations. */
@InputType()
export class ArticleIdInput {
  @IdField()
  articleId: string;
}

@InputType()
export class AddArticleAuthorInput extends ArticleIdInput {
  @IdField()
  userId: string;

  @IdField({ description: 'The ACTIVE partner organization the author writes for' })
  organizationId: string;

  @EnumField(AuthorRole)
  role: AuthorRole;

  @IntField({ min: 0, nullable: true, description: 'Place in the byline; after the others when omitted' })
  bylineOrder?: number;
}

@InputType()
export class SaveArticleRevisionInput extends ArticleIdInput {
  @EnumField(Language)
  language: Language;

  @IntField({ min: 1, nullable: true, description: 'The revision the text was written from; omitted for the first one' })
  baseRevision?: number;

  @IntField({
    min: 1,
    nullable: true,
    description:
      "The other language's revision this text is in step with. Omitted: a language missing or behind catches up with the other's current revision; a language in step is changed, and the other is then behind",
  })
  translationOf?: number;

  @TextField({ max: 300, trim: true, notEmpty: true })
  title: string;

  @TextField({ max: 2000, trim: true, defaultValue: '' })
  summary: string;

  @TextField({ max: 200_000, description: 'Rich text (HTML); sanitized with an allow-list' })
  body: string;
}

@InputType()
export class ReviewArticleInput extends ArticleIdInput {
  @IdField({ description: 'The organization on whose behalf the reviewer decides' })
  organizationId: string;

  @EnumField(ReviewDecision)
  decision: ReviewDecision;

  @TextField({ max: 5000, trim: true, nullable: true })
  comment?: string;
}

@InputType()
export class PublishArticleInput extends ArticleIdInput {
  @TextField({ max: 1000, trim: true, notEmpty: true, nullable: true, description: 'A coordinator publishes with a language missing or behind, saying why' })
  unilingualReason?: string;
}

@InputType()
export class ChangeArticleVisibilityInput extends ArticleIdInput {
  @EnumField(Visibility)
  visibility: Visibility;
}

@InputType()
export class AddCommentInput extends ArticleIdInput {
  @IdField({ nullable: true, description: 'Required to open a thread; a reply belongs to its parent’s' })
  revisionId?: string;

  @TextField({ max: 2000, notEmpty: true, nullable: true, description: 'A passage of the revision, quoted exactly' })
  quote?: string;

  @TextField({ max: 10_000, trim: true, notEmpty: true })
  body: string;

  @IdField({ nullable: true })
  parentId?: string;
}

@InputType()
export class ResolveCommentInput {
  @IdField()
  commentId: string;
}

@InputType()
export class GrantRepublicationInput extends ArticleIdInput {
  @IdField({ description: 'The organization allowed to republish' })
  organizationId: string;

  @TextField({ max: 5000, trim: true, notEmpty: true })
  conditions: string;
}

@InputType()
export class RevokeRepublicationGrantInput {
  @IdField()
  grantId: string;
}

@ArgsType()
export class ArticlesArgs extends PageArgs {
  @IdField()
  workspaceId: string;

  @EnumField(ArticleStatus, { nullable: true })
  status?: ArticleStatus;
}

@ArgsType()
export class DiffArgs {
  @EnumField(Language)
  language: Language;

  @IntField({ min: 1 })
  from: number;

  @IntField({ min: 1 })
  to: number;
}

@InputType()
export class RepublishArticleInput {
  @IdField({ description: "The grant to the organization one acts for in the workspace" })
  grantId: string;

  @IdField({ description: 'Where the republication is published: a workspace where the grantee organization takes part' })
  workspaceId: string;
}
