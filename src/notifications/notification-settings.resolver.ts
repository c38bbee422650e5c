import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { EffectiveNotificationPreference } from '../activity';
import { Actor, CurrentActor } from '../common/request-context';
import { NotificationPreferencesArgs, SetNotificationPreferenceInput, SetTimeZoneInput } from './dto/notification-preference.inputs';
import { NotificationSettingsService } from './notification-settings.service';

@Resolver(() => EffectiveNotificationPreference)
export class NotificationSettingsResolver {
  constructor(private readonly settings: NotificationSettingsService) {}

  @Query(() => [EffectiveNotificationPreference], {
    description: 'How each kind of notification reaches the caller, in a workspace or in general: what they chose, else the default (assignments and review requests at once, the rest daily)',
  })
  notificationPreferences(@CurrentActor() actor: Actor, @Args() args: NotificationPreferencesArgs) {
    return this.settings.preferencesOf(actor, args);
  }

  @Mutation(() => EffectiveNotificationPreference, {
    description: 'IMMEDIATE, DAILY or NONE (in the app only) for one kind, in one workspace or in every one; answers what applies (a partner invitation is e-mailed on its own, so its notice stays NONE)',
  })
  setNotificationPreference(@CurrentActor() actor: Actor, @Args('input') input: SetNotificationPreferenceInput) {
    return this.settings.choose(actor, input);
  }

  @Mutation(() => String, { description: "The caller's time zone (IANA), which their daily digest follows; answers it" })
  setTimeZone(@CurrentActor() actor: Actor, @Args('input') input: SetTimeZoneInput) {
    return this.settings.setTimeZone(actor, input.timeZone);
  }
}
