import 'reflect-metadata';
import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, loadConfig } from '../config/config';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { MailStore } from './mail.store';

const DEFAULT_COUNT = 50;

@Module({})
class MailListModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: MailListModule, imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot()], providers: [MailStore] };
  }
}

/**
 * `npm run mail:list [count]`: the latest messages of the outbox, newest first, one per line. On the
 * embedded database, run it while the server is stopped (one process owns a data folder), or read
 * /dev/mailbox on the running server in development.
 */
async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? DEFAULT_COUNT);
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const context = await NestFactory.createApplicationContext(MailListModule.forRoot(config), { logger: ['error'] });
  try {
    const messages = await context.get(MailStore).latest(Number.isInteger(count) && count > 0 ? count : DEFAULT_COUNT);
    if (!messages.length) console.log('The outbox is empty.');
    for (const message of messages) {
      const to = message.address ?? `user ${message.userId}`;
      const error = message.lastError ? `  (${message.lastError})` : '';
      console.log(`${message.createdAt.toISOString()}  ${message.state.padEnd(9)}  ${message.attempts}  ${to}  ${message.template}  ${message.messageId}${error}`);
    }
  } finally {
    await context.close();
  }
}

void main();
