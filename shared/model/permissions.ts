import type { Role } from './people';

export type Action =
  | 'project:create'
  | 'source:import'
  | 'mapping:decide'
  | 'dictionary:edit'
  | 'dictionary:merge'
  | 'dictionary:deprecate'
  | 'qa:draft'
  | 'qa:review'
  | 'qa:resolve'
  | 'dataset:export';

const allowedRoles: Record<Action, readonly Role[]> = {
  'project:create': ['annotator', 'governance-lead'],
  'source:import': ['annotator', 'governance-lead'],
  'mapping:decide': ['annotator', 'governance-lead'],
  'dictionary:edit': ['annotator', 'governance-lead'],
  'dictionary:merge': ['governance-lead'],
  'dictionary:deprecate': ['governance-lead'],
  'qa:draft': ['annotator', 'governance-lead'],
  'qa:review': ['clinical-expert'],
  // A lead settles a two-expert disagreement but never approves a pair in review.
  'qa:resolve': ['governance-lead'],
  'dataset:export': ['ml-engineer', 'governance-lead'],
};

export function isAllowed(role: Role, action: Action): boolean {
  return allowedRoles[action].includes(role);
}

/** The roles that may do an action, for telling a user why a control is disabled. */
export function rolesAllowed(action: Action): readonly Role[] {
  return allowedRoles[action];
}
