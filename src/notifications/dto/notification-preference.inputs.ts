import { ArgsType, InputType } from '@nestjs/graphql';
import { IsIn } from 'class-validator';
import { NOTIFICATION_KINDS, NotificationDelivery, NotificationKind } from '../../activity';
import { EnumField, IdField, TextField } from '../../common/input-fields';

@ArgsType()
export class NotificationPreferencesArgs {
  @IdField({ nullable: true, description: 'The workspace whose choices apply; without it, the choices for every workspace' })
  workspaceId?: string;
}

@InputType()
export class SetNotificationPreferenceInput {
  @TextField({ max: 64, description: 'A notification kind, e.g. coverage.assigned' })
  @IsIn(NOTIFICATION_KINDS, { message: 'must be a notification kind' })
  kind: NotificationKind;

  @IdField({ nullable: true, description: 'Only in this workspace; without it, in every workspace that has no choice of its own' })
  workspaceId?: string;

  @EnumField(NotificationDelivery)
  delivery: NotificationDelivery;
}

@InputType()
export class SetTimeZoneInput {
  @TextField({ max: 64, description: 'An IANA time zone, e.g. America/Toronto: when the daily digest comes' })
  timeZone: string;
}
