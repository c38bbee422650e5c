import { RequestLoaders } from '../common/loaders';
import { User } from './user.entity';
import { UsersService } from './users.service';

/** People by id, for every resolver that shows one: one query per request. */
export function userLoader(loaders: RequestLoaders, users: UsersService) {
  return loaders.get<string, User | null>('userById', (ids) => users.findByIds(ids));
}
