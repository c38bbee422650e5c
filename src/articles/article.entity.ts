import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import type { User } from '../auth';
import { Language } from '../common/localized-text';
import { CreatedAt, UpdatedAt } from '../common/timestamps';
import type { Organization } from '../organizations';
import { Visibility, type Workspace } from '../workspaces';
import { Node } from '../common/node';

export enum ArticleStatus {
  DRAFT = 'DRAFT',
  IN_REVIEW = 'IN_REVIEW',
  APPROVED = 'APPROVED',
  PUBLISHED = 'PUBLISHED',
  ARCHIVED = 'ARCHIVED',
}
registerEnumType(ArticleStatus, { name: 'ArticleStatus' });

export enum AuthorRole {
  LEAD = 'LEAD',
  CO_AUTHOR = 'CO_AUTHOR',
  CONTRIBUTOR = 'CONTRIBUTOR',
}
registerEnumType(AuthorRole, { name: 'AuthorRole' });

export enum ReviewDecision {
  APPROVE = 'APPROVE',
  REQUEST_CHANGES = 'REQUEST_CHANGES',
}
registerEnumType(ReviewDecision, { name: 'ReviewDecision' });

/** A joint article of a workspace, written in French and English by authors of several organizations. */
@ObjectType({ implements: () => [Node] })
@Entity()
@Index(['workspaceId', 'createdAt', 'id'])
// One republication per grant and workspace.
@Index(['republicationGrantId', 'workspaceId'], { unique: true })
export class Article {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid')
  workspaceId: string;

  @ManyToOne('Workspace', { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Field(() => ID)
  @Column('uuid')
  leadOrganizationId: string;

  @ManyToOne('Organization', { onDelete: 'RESTRICT' })
  leadOrganization?: Organization;

  @Field(() => ArticleStatus)
  @Column({ type: 'enum', enum: ArticleStatus, enumName: 'article_status', default: ArticleStatus.DRAFT })
  status: ArticleStatus;

  @Field(() => Visibility)
  @Column({ type: 'enum', enum: Visibility, enumName: 'visibility' })
  visibility: Visibility;

  @Field(() => ID)
  @Column('uuid')
  createdById: string;

  @Field(() => Date, { nullable: true, description: 'When the published text was last published' })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  publishedAt: Date | null;

  /** The revision numbers that were published: the frozen text, whatever drafts follow. */
  @Field(() => Int, { nullable: true })
  @Column('int', { nullable: true })
  publishedRevisionFr: number | null;

  @Field(() => Int, { nullable: true })
  @Column('int', { nullable: true })
  publishedRevisionEn: number | null;

  @Field(() => String, { nullable: true, description: 'Why it was published with one language missing or behind' })
  @Column('text', { nullable: true })
  unilingualReason: string | null;

  /** A republication's original, in another workspace: read through `republishedFrom`, which shows only what its grant makes public. */
  @Column('uuid', { nullable: true })
  republishedFromId: string | null;

  @ManyToOne(() => Article, { onDelete: 'RESTRICT' })
  republishedFrom?: Article;

  /** The grant a republication was made under; revoking it withdraws the republication. */
  @Column('uuid', { nullable: true })
  republicationGrantId: string | null;

  // Declared further down: named by string, typed as a Relation (no design-time metadata of it).
  @ManyToOne('RepublicationGrant', { onDelete: 'RESTRICT' })
  republicationGrant?: Relation<RepublicationGrant>;

  @Field()
  @CreatedAt()
  createdAt: Date;

  @Field()
  @UpdatedAt()
  updatedAt: Date;
}

/** A person who writes an article, for one organization, at a place in the byline. */
@ObjectType()
@Entity()
@Unique(['articleId', 'userId'])
export class ArticleAuthor {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid')
  articleId: string;

  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  article: Article;

  @Field(() => ID)
  @Index()
  @Column('uuid')
  userId: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  user?: User;

  @Field(() => ID)
  @Column('uuid')
  organizationId: string;

  @ManyToOne('Organization', { onDelete: 'RESTRICT' })
  organization?: Organization;

  @Field(() => AuthorRole)
  @Column({ type: 'enum', enum: AuthorRole, enumName: 'author_role' })
  role: AuthorRole;

  @Field(() => Int)
  @Column('int')
  bylineOrder: number;

  @Field()
  @CreatedAt()
  createdAt: Date;
}

/** One language's text at one number. Numbers run 1, 2, 3… per article and language, without gaps. */
@ObjectType()
@Entity()
@Unique(['articleId', 'language', 'number'])
// One current revision per language (migrations/1764850000000-SupersededRevisions.ts).
@Index(['articleId', 'language'], { unique: true, where: '"superseded" = false' })
@Check(`"number" > 0`)
export class ArticleRevision {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid')
  articleId: string;

  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  article: Article;

  @Field(() => Language)
  @Column({ type: 'enum', enum: Language, enumName: 'language' })
  language: Language;

  @Field(() => Int)
  @Column('int')
  number: number;

  @Field()
  @Column('text')
  title: string;

  @Field()
  @Column('text')
  summary: string;

  @Field({ description: 'Sanitized rich text: safe to render' })
  @Column('text')
  body: string;

  @Field(() => Int, { nullable: true, description: 'The revision this one was written from' })
  @Column('int', { nullable: true })
  basedOn: number | null;

  @Field(() => Int, { nullable: true, description: "The other language's revision this text is in step with (see SaveArticleRevisionInput)" })
  @Column('int', { nullable: true })
  translationOf: number | null;

  @Field(() => ID)
  @Column('uuid')
  authorId: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  author?: User;

  @Field(() => ID)
  @Column('uuid')
  organizationId: string;

  @Field()
  @CreatedAt()
  createdAt: Date;

  /** Its title, summary and body's words for full-text search, kept by a database trigger (migrations/1764840000000-SearchVectors.ts): never loaded, never written here. */
  @Index('ix_article_revision_search_vector', { synchronize: false })
  @Column({ type: 'tsvector', select: false, insert: false, update: false })
  searchVector?: string;

  /** A later revision in its language exists: kept by a database trigger (migrations/1764850000000-SupersededRevisions.ts), never written here. */
  @Column({ type: 'boolean', default: false, select: false, insert: false, update: false })
  superseded?: boolean;
}

/** One organization's decision on an exact pair of revisions. A later revision makes it stale. */
@ObjectType()
@Entity()
@Index(['articleId', 'organizationId', 'createdAt'])
export class Approval {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid')
  articleId: string;

  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  article: Article;

  @Field(() => ID)
  @Column('uuid')
  organizationId: string;

  @ManyToOne('Organization', { onDelete: 'RESTRICT' })
  organization?: Organization;

  @Field(() => ReviewDecision)
  @Column({ type: 'enum', enum: ReviewDecision, enumName: 'review_decision' })
  decision: ReviewDecision;

  @Field(() => Int, { nullable: true })
  @Column('int', { nullable: true })
  revisionFr: number | null;

  @Field(() => Int, { nullable: true })
  @Column('int', { nullable: true })
  revisionEn: number | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  comment: string | null;

  @Field(() => ID)
  @Column('uuid')
  decidedById: string;

  @Field()
  @CreatedAt()
  createdAt: Date;
}

/** A remark on a passage of one revision, or a reply to one; threads are resolved as a whole. */
@ObjectType()
@Entity()
@Index(['articleId', 'createdAt'])
export class Comment {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid')
  articleId: string;

  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  article: Article;

  @Field(() => ID, { description: 'The revision the thread is about; a reply belongs to its thread’s' })
  @Column('uuid')
  revisionId: string;

  @ManyToOne(() => ArticleRevision, { onDelete: 'CASCADE' })
  revision: ArticleRevision;

  @Field(() => String, { nullable: true, description: 'The passage of the revision the comment is about' })
  @Column('text', { nullable: true })
  quote: string | null;

  @Field()
  @Column('text')
  body: string;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { nullable: true })
  parentId: string | null;

  @ManyToOne(() => Comment, { onDelete: 'CASCADE' })
  parent: Comment;

  @Field(() => ID)
  @Column('uuid')
  authorId: string;

  @Field(() => ID)
  @Column('uuid')
  organizationId: string;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  resolvedAt: Date | null;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { nullable: true })
  resolvedById: string | null;

  @Field()
  @CreatedAt()
  createdAt: Date;

  /** Its quote and body's words, stemmed in its revision's language, for full-text search, kept by a database trigger (migrations/1764840000000-SearchVectors.ts): never loaded, never written here. */
  @Index('ix_comment_search_vector', { synchronize: false })
  @Column({ type: 'tsvector', select: false, insert: false, update: false })
  searchVector?: string;
}

/** Organization A lets organization B republish a published article, on conditions. Revocable. */
@ObjectType()
@Entity()
export class RepublicationGrant {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Index()
  @Column('uuid')
  articleId: string;

  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  article: Article;

  @Field(() => ID)
  @Column('uuid')
  grantorOrganizationId: string;

  @ManyToOne('Organization', { onDelete: 'CASCADE' })
  grantorOrganization?: Organization;

  @Field(() => ID)
  @Column('uuid')
  granteeOrganizationId: string;

  @ManyToOne('Organization', { onDelete: 'CASCADE' })
  granteeOrganization?: Organization;

  @Field()
  @Column('text')
  conditions: string;

  @Field(() => ID)
  @Column('uuid')
  grantedById: string;

  @Field()
  @CreatedAt()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  revokedAt: Date | null;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { nullable: true })
  revokedById: string | null;
}
