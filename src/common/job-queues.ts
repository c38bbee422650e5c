import { ConnectionOptions } from 'bullmq';
import { AppConfig } from '../config/config';

/**
 * What every BullMQ queue and worker of Tandem connects with (REDIS_URL required): commands wait
 * for Redis to come back instead of failing, as BullMQ's workers need.
 */
export function queueConnection(config: AppConfig): ConnectionOptions {
  if (!config.REDIS_URL) throw new Error('REDIS_URL: required by the job queues');
  return { url: config.REDIS_URL, maxRetriesPerRequest: null };
}
