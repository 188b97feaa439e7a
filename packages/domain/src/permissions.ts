import type { Role } from '@roundtable/protocol/client';

/** What each role may do. One table, so a new action is decided in one place. */
const PERMISSIONS = {
  editDrafts: ['facilitator', 'participant'],
  manageSession: ['facilitator'],
  broadcastAwareness: ['facilitator', 'participant'],
  vote: ['facilitator', 'participant'],
  /** Act in the meeting beyond following it: raise a hand, take the floor, send facilitation events. */
  takePart: ['facilitator', 'participant'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

export function can(role: Role, action: Action): boolean {
  return (PERMISSIONS[action] as readonly Role[]).includes(role);
}
