import { ArgsType, InputType } from '@nestjs/graphql';
import { DateField, EnumField, IdField, LocalizedTextField } from '../../common/input-fields';
import { LocalizedTextInput } from '../../common/localized-text';
import { PageArgs } from '../../common/pagination';
import { DigestStatus } from '../digest.entity';

@InputType()
export class CreateDigestInput {
  @IdField()
  workspaceId: string;

  @DateField({ description: 'Featured items published from this instant…' })
  periodStart: Date;

  @DateField({ description: '…up to this one (excluded); at most 92 days later' })
  periodEnd: Date;

  @LocalizedTextField({ nullable: true, description: 'Required in both languages to publish' })
  introduction?: LocalizedTextInput | null;
}

@InputType()
export class UpdateDigestInput {
  @IdField()
  digestId: string;

  @DateField({ nullable: true })
  periodStart?: Date;

  @DateField({ nullable: true })
  periodEnd?: Date;

  @LocalizedTextField({ nullable: true })
  introduction?: LocalizedTextInput | null;
}

@InputType()
export class PublishDigestInput {
  @IdField()
  digestId: string;
}

@ArgsType()
export class DigestsArgs extends PageArgs {
  @IdField()
  workspaceId: string;

  @EnumField(DigestStatus, { nullable: true })
  status?: DigestStatus;
}
