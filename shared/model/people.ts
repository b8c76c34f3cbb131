export const roles = ['annotator', 'clinical-expert', 'ml-engineer', 'governance-lead'] as const;
export type Role = (typeof roles)[number];

export interface Profile {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}
