// Who may use what: the rules behind the navigation and the route guard.
//
// A nav entry or route declares `roles`:
//   undefined   public: anyone, signed in or not
//   []          any signed-in user
//   ['a', 'b']  a signed-in user holding at least one of these roles
// The server checks every request itself; these rules only keep the interface
// from offering what would be refused.

// The roles the server knows, in the order the interface lists them.
export const ROLES = ['admin', 'officer', 'committee', 'focal_point', 'delegate', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface HasRoles {
  roles: readonly string[];
}

export type Requirement = readonly string[] | undefined;

// True when `user` holds at least one of `roles`.
export function hasRole(user: HasRoles | null | undefined, ...roles: readonly string[]): boolean {
  if (!user) return false;
  return roles.some((role) => user.roles.includes(role));
}

export function canAccess(required: Requirement, user: HasRoles | null | undefined): boolean {
  if (required === undefined) return true;
  if (!user) return false;
  return required.length === 0 || hasRole(user, ...required);
}
