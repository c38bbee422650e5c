import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DeepPartial, EntityManager, In, Repository } from 'typeorm';
import { inOrderOfKeys } from '../common/key-order';
import { Connection, paginate } from '../common/pagination';
import { AccessPolicy } from '../workspaces';
import { isGapSql } from './coverage-gaps';
import { EventsArgs } from './dto/coverage.inputs';
import { Event, EventSession } from './event.entity';

/** "The viewer (`:viewerId`) may read the event aliased `event`". */
const EVENT_READABLE_BY_VIEWER = AccessPolicy.permittedToSql(':viewerId', 'event.read', { workspace: 'event.workspace_id' });

/** Every query of events and their sessions. */
@Injectable()
export class EventStore {
  constructor(
    @InjectRepository(Event) private readonly events: Repository<Event>,
    @InjectRepository(EventSession) private readonly sessions: Repository<EventSession>,
  ) {}

  /** The event with this id, if any. */
  findEvent(id: string): Promise<Event | null> {
    return this.events.findOneBy({ id });
  }

  /** The events with these ids, in no particular order. */
  eventsByIds(ids: readonly string[]): Promise<Event[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.events.findBy({ id: In([...ids]) });
  }

  /** Of these events, those of a workspace where the viewer may read events, in one statement. */
  eventsReadableByIds(viewerId: string, ids: readonly string[]): Promise<Event[]> {
    return this.events.createQueryBuilder('event').where('event.id = ANY(:ids)', { ids }).andWhere(EVENT_READABLE_BY_VIEWER, { viewerId }).getMany();
  }

  /** Every event of a workspace, in time order (for its calendar). */
  eventsOfWorkspace(workspaceId: string): Promise<Event[]> {
    return this.events.find({ where: { workspaceId }, order: { startsAt: 'ASC', id: 'ASC' } });
  }

  /** One page of a workspace's events overlapping [from, to) (either end optional), in time order. */
  pageOfEvents(args: EventsArgs): Promise<Connection<Event>> {
    const query = this.events.createQueryBuilder('event').where('event.workspace_id = :workspaceId', { workspaceId: args.workspaceId });
    if (args.from) query.andWhere('event.ends_at > :from', { from: args.from });
    if (args.to) query.andWhere('event.starts_at < :to', { to: args.to });
    return paginate(query, args, {
      direction: 'ASC',
      keys: [
        { expression: 'event.starts_at', value: (event) => event.startsAt },
        { expression: 'event.id', value: (event) => event.id },
      ],
    });
  }

  /** Locks the event's row until the transaction ends; null when there is none. */
  lockEvent(tx: EntityManager, id: string): Promise<Event | null> {
    return tx.findOne(Event, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Inserts a new event. */
  insertEvent(tx: EntityManager, fields: DeepPartial<Event>): Promise<Event> {
    return tx.save(tx.create(Event, fields));
  }

  /** Writes a changed event. */
  saveEvent(tx: EntityManager, event: Event): Promise<Event> {
    return tx.save(event);
  }

  /** The session with this id, if any. */
  findSession(id: string): Promise<EventSession | null> {
    return this.sessions.findOneBy({ id });
  }

  /** The session with this id as it is inside the transaction (its event locked), which must exist. */
  sessionInTransaction(tx: EntityManager, id: string): Promise<EventSession> {
    return tx.findOneByOrFail(EventSession, { id });
  }

  /** The sessions with these ids, in no particular order. */
  sessionsByIds(ids: readonly string[]): Promise<EventSession[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.sessions.findBy({ id: In([...ids]) });
  }

  /** Of these sessions, those of an event the viewer may read, in one statement. */
  sessionsReadableByIds(viewerId: string, ids: readonly string[]): Promise<EventSession[]> {
    return this.sessions
      .createQueryBuilder('session')
      .innerJoin(Event, 'event', 'event.id = session.event_id')
      .where('session.id = ANY(:ids)', { ids })
      .andWhere(EVENT_READABLE_BY_VIEWER, { viewerId })
      .getMany();
  }

  /** The sessions of these events, event by event as given, each in time order; at most `limit` in all when given. */
  sessionsOfEvents(eventIds: readonly string[], limit?: number): Promise<EventSession[]> {
    if (!eventIds.length) return Promise.resolve([]);
    const query = this.sessions.createQueryBuilder('session').where('session.event_id IN (:...eventIds)', { eventIds });
    return inOrderOfKeys(query, 'session.event_id', eventIds, 'uuid', limit).addOrderBy('session.starts_at').addOrderBy('session.id').getMany();
  }

  /** Sessions of these events with no coverage that is not cancelled, in time order. */
  gapsOfEvents(eventIds: readonly string[]): Promise<EventSession[]> {
    return this.sessions
      .createQueryBuilder('session')
      .where('session.event_id IN (:...eventIds)', { eventIds })
      .andWhere(isGapSql('session'))
      .orderBy('session.starts_at')
      .addOrderBy('session.id')
      .getMany();
  }

  /** Whether the session exists and belongs to the event. */
  isSessionOf(tx: EntityManager, sessionId: string, eventId: string): Promise<boolean> {
    return tx.existsBy(EventSession, { id: sessionId, eventId });
  }

  /** Whether a session of the event starts before `startsAt` or ends after `endsAt`. */
  hasSessionOutside(tx: EntityManager, eventId: string, startsAt: Date, endsAt: Date): Promise<boolean> {
    return tx
      .createQueryBuilder(EventSession, 'session')
      .where('session.event_id = :eventId', { eventId })
      .andWhere('(session.starts_at < :startsAt OR session.ends_at > :endsAt)', { startsAt, endsAt })
      .getExists();
  }

  /** Inserts a new session. */
  insertSession(tx: EntityManager, fields: DeepPartial<EventSession>): Promise<EventSession> {
    return tx.save(tx.create(EventSession, fields));
  }

  /** Writes a changed session. */
  saveSession(tx: EntityManager, session: EventSession): Promise<EventSession> {
    return tx.save(session);
  }
}
