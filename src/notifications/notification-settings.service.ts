import { Injectable } from '@nestjs/common';
import { EffectiveNotificationPreference, NotificationPreferencesService, UnsubscribeScope } from '../activity';
import { UsersService } from '../auth';
import { BadUserInputError, ForbiddenError } from '../common/errors';
import { Actor } from '../common/request-context';
import { AccessPolicy } from '../workspaces';
import { NotificationPreferencesArgs, SetNotificationPreferenceInput } from './dto/notification-preference.inputs';
import { isTimeZone } from './local-day';
import { UnsubscribeLinks } from './unsubscribe-links';

/** What a person sets about how notifications reach them: per kind and workspace, their time zone, and the links in the messages. */
@Injectable()
export class NotificationSettingsService {
  constructor(
    private readonly preferences: NotificationPreferencesService,
    private readonly policy: AccessPolicy,
    private readonly users: UsersService,
    private readonly links: UnsubscribeLinks,
  ) {}

  /** Every kind as it reaches the caller, in a workspace they have access to (NOT_FOUND otherwise) or in general. */
  async preferencesOf(actor: Actor, args: NotificationPreferencesArgs): Promise<EffectiveNotificationPreference[]> {
    if (args.workspaceId) await this.policy.assert(actor, 'workspace.read', { workspaceId: args.workspaceId });
    return this.preferences.effectiveFor(actor, args.workspaceId ?? null);
  }

  async choose(actor: Actor, input: SetNotificationPreferenceInput): Promise<EffectiveNotificationPreference> {
    if (input.workspaceId) await this.policy.assert(actor, 'workspace.read', { workspaceId: input.workspaceId });
    return this.preferences.choose(actor, { kind: input.kind, workspaceId: input.workspaceId ?? null, delivery: input.delivery });
  }

  async setTimeZone(actor: Actor, timeZone: string): Promise<string> {
    if (!isTimeZone(timeZone)) throw BadUserInputError.field('timeZone', 'must be an IANA time zone such as America/Toronto');
    await this.users.setTimeZone(actor.userId, timeZone);
    return timeZone;
  }

  /** The scope of an unsubscribe link; FORBIDDEN when this server did not sign exactly that. */
  scopeOf(query: Record<string, unknown>): UnsubscribeScope {
    const scope = this.links.scopeOf(query);
    if (!scope) throw new ForbiddenError('This unsubscribe link is not valid');
    return scope;
  }

  /** One-click unsubscribe: the link's scope is not e-mailed any more (it stays in the app). */
  async unsubscribe(query: Record<string, unknown>): Promise<UnsubscribeScope> {
    const scope = this.scopeOf(query);
    await this.preferences.unsubscribe(scope);
    return scope;
  }
}
