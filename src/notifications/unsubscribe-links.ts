import { Injectable } from '@nestjs/common';
import { UNSUBSCRIBE_PATH, unsubscribeKey, unsubscribeQuery, UnsubscribeScope, verifiedScope } from '../activity';
import { AppConfig } from '../config/config';

/** The signed one-click unsubscribe links of notification e-mail, under the configured link base. */
@Injectable()
export class UnsubscribeLinks {
  private readonly key: Buffer;
  private readonly base: string;

  constructor(config: AppConfig) {
    this.key = unsubscribeKey(config.jwtSecret);
    this.base = config.linkBase;
  }

  urlFor(scope: UnsubscribeScope): string {
    return `${this.base}${UNSUBSCRIBE_PATH}?${unsubscribeQuery(this.key, scope)}`;
  }

  /** The scope of a link's query, or null when it was not signed by this server for exactly that. */
  scopeOf(query: Record<string, unknown>): UnsubscribeScope | null {
    return verifiedScope(this.key, query);
  }
}
