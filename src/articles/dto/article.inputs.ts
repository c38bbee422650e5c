import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEnum, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { Language } from '../../common/localized-text';
import { PageArgs } from '../../common/pagination';
import { Visibility } from '../../workspaces';
import { ArticleStatus, AuthorRole, ReviewDecision } from '../article.entity';
import { trim } from '../../common/input-transforms';


@InputType()
export class CreateArticleInput {
  @Field(() => ID)
  @IsUUID()
  workspaceId: string;

  @Field(() => ID, { description: 'The organization the creator acts for; the creator becomes LEAD author' })
  @IsUUID()
  leadOrganizationId: string;

  @Field(() => Visibility, { nullable: true, description: 'WORKSPACE when omitted' })
  @IsOptional()
  @IsEnum(Visibility)
  visibility?: Visibility;
}

@InputType()
export class AddArticleAuthorInput {
  @Field(() => ID)
  @IsUUID()
  articleId: string;

  @Field(() => ID)
  @IsUUID()
  userId: string;

  @Field(() => ID, { description: 'The ACTIVE partner organization the author writes for' })
  @IsUUID()
  organizationId: string;

  @Field(() => AuthorRole)
  @IsEnum(AuthorRole)
  role: AuthorRole;

  @Field(() => Int, { nullable: true, description: 'Place in the byline; after the others when omitted' })
  @IsOptional()
  @IsInt()
  @Min(0)
  bylineOrder?: number;
}

@InputType()
export class SaveArticleRevisionInput {
  @Field(() => ID)
  @IsUUID()
  articleId: string;

  @Field(() => Language)
  @IsEnum(Language)
  language: Language;

  @Field(() => Int, { nullable: true, description: 'The revision the text was written from; omitted for the first one' })
  @IsOptional()
  @IsInt()
  @Min(1)
  baseRevision?: number;

  @Field(() => Int, {
    nullable: true,
    description:
      "The other language's revision this text is in step with. Omitted: a language missing or behind catches up with the other's current revision; a language in step is changed, and the other is then behind",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  translationOf?: number;

  @Field()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @Field({ defaultValue: '' })
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  summary: string;

  @Field({ description: 'Rich text (HTML); sanitized with an allow-list' })
  @IsString()
  @MaxLength(200_000)
  body: string;
}

@InputType()
export class ArticleIdInput {
  @Field(() => ID)
  @IsUUID()
  articleId: string;
}

@InputType()
export class ReviewArticleInput {
  @Field(() => ID)
  @IsUUID()
  articleId: string;

  @Field(() => ID, { description: 'The organization on whose behalf the reviewer decides' })
  @IsUUID()
  organizationId: string;

  @Field(() => ReviewDecision)
  @IsEnum(ReviewDecision)
  decision: ReviewDecision;

  @Field({ nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(5000)
  comment?: string;
}

@InputType()
export class PublishArticleInput {
  @Field(() => ID)
  @IsUUID()
  articleId: string;

  @Field({ nullable: true, description: 'A coordinator publishes with a language missing or behind, saying why' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  unilingualReason?: string;
}

@InputType()
export class ChangeArticleVisibilityInput {
  @Field(() => ID)
  @IsUUID()
  articleId: string;

  @Field(() => Visibility)
  @IsEnum(Visibility)
  visibility: Visibility;
}

@InputType()
export class AddCommentInput {
  @Field(() => ID)
  @IsUUID()
  articleId: string;

  @Field(() => ID, { nullable: true, description: 'Required to open a thread; a reply belongs to its parent’s' })
  @IsOptional()
  @IsUUID()
  revisionId?: string;

  @Field({ nullable: true, description: 'A passage of the revision, quoted exactly' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  quote?: string;

  @Field()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(10_000)
  body: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  parentId?: string;
}

@InputType()
export class ResolveCommentInput {
  @Field(() => ID)
  @IsUUID()
  commentId: string;
}

@InputType()
export class GrantRepublicationInput {
  @Field(() => ID)
  @IsUUID()
  articleId: string;

  @Field(() => ID, { description: 'The organization allowed to republish' })
  @IsUUID()
  organizationId: string;

  @Field()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  conditions: string;
}

@InputType()
export class RevokeRepublicationGrantInput {
  @Field(() => ID)
  @IsUUID()
  grantId: string;
}

@ArgsType()
export class ArticlesArgs extends PageArgs {
  @Field(() => ID)
  @IsUUID()
  workspaceId: string;

  @Field(() => ArticleStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ArticleStatus)
  status?: ArticleStatus;
}

@ArgsType()
export class DiffArgs {
  @Field(() => Language)
  @IsEnum(Language)
  language: Language;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  from: number;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  to: number;
}
