import { GraphQLResponse, TestApp } from '../support/harness';
import { Persona, PERSONAS, World } from '../support/world';

export type Outcome = 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';

/**
 * One row of the authorization matrix: an operation, what it needs prepared for each attempt
 * (so that every persona meets a fresh target), and the expected outcome per persona.
 */
export interface MatrixAction<Context = any> {
  name: string;
  setup?: (app: TestApp, world: World) => Promise<Context>;
  run: (app: TestApp, world: World, token: string | undefined, context: Context, persona: Persona) => Promise<GraphQLResponse>;
  expect: Record<Persona, Outcome>;
}

/** Builds an expectation row: who succeeds, who is FORBIDDEN; everyone else cannot see it; nobody is unauthenticated. */
export function outcomes(allowed: readonly Persona[], forbidden: readonly Persona[] = []): Record<Persona, Outcome> {
  return Object.fromEntries(
    PERSONAS.map((persona) => [
      persona,
      persona === 'ANONYMOUS' ? 'UNAUTHENTICATED' : allowed.includes(persona) ? 'ok' : forbidden.includes(persona) ? 'FORBIDDEN' : 'NOT_FOUND',
    ]),
  ) as Record<Persona, Outcome>;
}

export const ALL_MEMBERS = ['OWNER', 'COORDINATOR', 'EDITOR', 'CONTRIBUTOR', 'OBSERVER', 'PARTNER_MEMBER'] as const satisfies readonly Persona[];
export const MANAGERS = ['OWNER', 'COORDINATOR'] as const satisfies readonly Persona[];

/** The members of ALL_MEMBERS not in `allowed`: they see the workspace, so they are FORBIDDEN. */
export function othersOf(allowed: readonly Persona[]): Persona[] {
  return ALL_MEMBERS.filter((persona) => !allowed.includes(persona));
}
