import type { LoadRequest } from './constant-rate-load';

/** One of the benchmark's distinct people, as the public form takes them. */
export interface BenchPerson {
  name: string;
  email: string;
  company: string;
  phone: string;
  /** Their own client address (X-Forwarded-For), so each is rate-limited on its own as on the Internet. */
  address: string;
}

/**
 * Person `i` of round `round`: a distinct e-mail address each, `companies` companies shared among
 * them (colleagues register too), an address in 10.<round>.0.0/16 (65,536 people per round at most).
 */
export function benchPerson(round: number, i: number, companies: number): BenchPerson {
  return {
    name: `Bench Person ${round}-${i}`,
    email: `bench.r${round}.p${i}@example.com`,
    company: `Bench Company ${round}-${i % companies}`,
    phone: `+33 1 ${String(round).padStart(2, '0')} ${String(i).padStart(6, '0')}`,
    address: `10.${round & 255}.${(i >> 8) & 255}.${i & 255}`,
  };
}

/** The registration form's post, as a browser sends it (fields named as the public page's form names them). */
export function registrationPost(path: string, person: BenchPerson, sourceCode: string): LoadRequest {
  const body = new URLSearchParams({ name: person.name, email: person.email, company: person.company, phone: person.phone, source: sourceCode, invite: '' }).toString();
  return {
    method: 'POST',
    path,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(Buffer.byteLength(body)), 'X-Forwarded-For': person.address },
    body,
  };
}
