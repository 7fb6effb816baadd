import type { Role } from '../auth/caller';

export type PersonHandle = 'admin' | 'director' | 'north' | 'south' | 'marketer';

export interface DemoPerson {
  handle: PersonHandle;
  name: string;
  email: string;
  role: Role;
  /** What they do, for the printed list. */
  job: string;
  /** Their manager: overdue tasks of theirs escalate there. */
  reportsTo?: PersonHandle;
}

/**
 * One demo organization. The first is "Northwind"; each `--force` run adds the next number, whose
 * names, keys and e-mail addresses all differ, so nothing of an earlier organization is touched.
 */
export interface DemoOrganization {
  number: number;
  name: string;
  people: DemoPerson[];
  /** A name as this organization shows it: the first keeps it, the next ones get "(demo N)". */
  named(name: string): string;
  /** A template key (unique in the database), with "-demo-N" after the first organization. */
  keyed(key: string): string;
  /** The e-mail domain of a client company of this organization. */
  companyDomain(companySlug: string): string;
}

type RosterEntry = Omit<DemoPerson, 'email' | 'name'> & { first: string; last: string };

const roster: RosterEntry[] = [
  { handle: 'admin', first: 'Morgan', last: 'Reyes', role: 'admin', job: 'administrator; approves the sales plan' },
  { handle: 'director', first: 'Claire', last: 'Dubois', role: 'manager', job: 'sales director: manages Tom and Priya, approves campaigns' },
  { handle: 'north', first: 'Tom', last: 'Becker', role: 'manager', job: 'account manager, reports to Claire', reportsTo: 'director' },
  { handle: 'south', first: 'Priya', last: 'Nair', role: 'manager', job: 'account manager, reports to Claire', reportsTo: 'director' },
  { handle: 'marketer', first: 'Sam', last: 'Okafor', role: 'marketer', job: 'marketer: segments, templates, campaigns, responses' },
];

export function demoOrganization(number: number): DemoOrganization {
  const first = number === 1;
  const userDomain = first ? 'northwind.example.com' : `northwind-demo-${number}.example.com`;
  const named = (name: string) => (first ? name : `${name} (demo ${number})`);
  return {
    number,
    name: named('Northwind'),
    people: roster.map(({ first: given, last, ...person }) => ({
      ...person,
      name: named(`${given} ${last}`),
      email: `${given}.${last}@${userDomain}`.toLowerCase(),
    })),
    named,
    keyed: (key) => (first ? key : `${key}-demo-${number}`),
    companyDomain: (slug) => (first ? `${slug}.example.com` : `${slug}.demo-${number}.example.com`),
  };
}

export function person(organization: DemoOrganization, handle: PersonHandle): DemoPerson {
  return organization.people.find((candidate) => candidate.handle === handle)!;
}
