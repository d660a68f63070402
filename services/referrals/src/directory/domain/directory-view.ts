import type { InstitutionState, InstitutionStatus } from './state';

/**
 * What another context's decider needs to know about directory entries (e.g. a case's handling institution
 * must be active), resolved by its command handler from the `referralInstitution-<id>` streams before
 * deciding, so that decider stays pure and synchronous. `none`: not in the directory.
 */
export interface DirectoryView {
  statusOf(institutionId: string): InstitutionStatus;
}

/** A DirectoryView over folded directory states (the command handler's and the tests' way to build one). */
export function directoryViewOf(states: Iterable<InstitutionState>): DirectoryView {
  const byId = new Map<string, InstitutionStatus>();
  for (const state of states) if (state.entry) byId.set(state.entry.institutionId, state.status);
  return { statusOf: (institutionId) => byId.get(institutionId) ?? 'none' };
}
