import type { Identity } from './auth.js';
import { OFFICE } from '../domain/departments.js';
import { ACTIONS, FIXED_DEPARTMENT, MUTATION_TEMPLATES, decide, whoMay, type Action, type ActionRule, type MutationRule, type ActedOn } from './policy.js';

/**
 * docs/authorization.md, printed from the policy (`npm run authz-table`; a unit test checks the
 * checked-in file is what this prints). Also the identities the authorization matrix test uses.
 */

export const MATRIX_ROLES = ['inspector', 'department-admin', 'coordinator', 'analyst'] as const;
export type Place = 'own' | 'other' | 'office';
export const PLACES: Place[] = ['own', 'other', 'office'];

/** Certificate numbers the example inspectors carry (the `own` one is on the drawn team). */
const CERT: Record<Place, string> = { own: 'AUTHZ-OWN-0001', other: 'AUTHZ-OTHER-0001', office: 'AUTHZ-OFFICE-0001' };

/** The department of each place, relative to the department acted on. */
export function placeDepartment(place: Place, actsOn: string): string {
  if (place === 'office') return OFFICE.code;
  if (place === 'own') return actsOn;
  return actsOn === 'public-security' ? 'fire-rescue' : 'public-security';
}

export function exampleIdentity(role: (typeof MATRIX_ROLES)[number], place: Place, actsOn: string, subject?: string): Identity {
  return {
    subject: subject ?? `example-${role}-${place}`,
    roles: [role],
    department: placeDepartment(place, actsOn),
    ...(role === 'inspector' ? { certificateNumber: CERT[place] } : {}),
  };
}

/** The department an example acts on: the field's own, or fire-rescue for the rest. */
export const exampleDepartment = (template: string) => FIXED_DEPARTMENT[template] ?? 'fire-rescue';

/** What the record acted on says, in the examples: it belongs to the `own` department (and team). */
export function exampleSubject(rule: MutationRule, actsOn: string): ActedOn | undefined {
  if (rule.department === 'field') return { department: actsOn };
  if (rule.department === 'record') return rule.action === 'visit:record' ? { team: [CERT.own] } : { department: actsOn };
  return undefined;
}

const mark = (allowed: boolean) => (allowed ? '✓' : '·');

const ROLE_HEAD: Record<(typeof MATRIX_ROLES)[number], string> = {
  inspector: 'inspector',
  'department-admin': 'dept admin',
  coordinator: 'coordinator',
  analyst: 'analyst',
};

const DEPARTMENT_SOURCE: Record<MutationRule['department'], string> = {
  field: 'the field (`<Dept>` prefix)',
  record: 'the record acted on (checked after reading it)',
  none: '—',
};

export function authorizationMarkdown(): string {
  const out: string[] = [];
  out.push('# Authorization (授权)');
  out.push('');
  out.push('Printed from `shared/platform/policy.ts` by `npm run authz-table`; do not edit by hand (a test compares).');
  out.push('Every root `Mutation` field passes the policy before its resolver runs (`shared/platform/subgraph.ts`);');
  out.push('fields whose department is only known from a record (a plan, a record, an item, a code\'s team) are');
  out.push('asked again once it is read. A refusal is `UNAUTHENTICATED` without a token and `FORBIDDEN` otherwise,');
  out.push('with `extensions.action` and a message in Chinese then English naming who may do it. A refused');
  out.push('mutation writes nothing; its trail entry records the refusal. `test/e2e/authorization-matrix.test.ts`');
  out.push('sends every mutation of the supergraph as each column below and checks this table.');
  out.push('');
  out.push('## Actions');
  out.push('');
  out.push('| action | what | who may |');
  out.push('|---|---|---|');
  for (const [name, rule] of Object.entries(ACTIONS) as [Action, ActionRule][]) {
    const who = whoMay(name);
    const extra = rule.notBy ? rule.notBy.en : '';
    out.push(`| \`${name}\` | ${rule.zh} / ${rule.en} | ${who.en}${extra ? ` (${extra})` : ''} |`);
  }
  out.push('');
  out.push('## Mutations');
  out.push('');
  out.push('`<Dept>` is each department\'s prefix (`FireRescue`, `MarketSupervision`, `PublicSecurity`). Columns: the');
  out.push('caller\'s role and organisation, relative to the department acted on: **own** department, **other**');
  out.push('department, the double-random **office**. ✓ allowed, · refused (the public: `UNAUTHENTICATED`, others:');
  out.push('`FORBIDDEN`). `service` is the federation\'s internal caller (never in a user token).');
  out.push('');
  const heads = ['mutation', 'action', 'department from', 'public', ...MATRIX_ROLES.flatMap((r) => PLACES.map((p) => `${ROLE_HEAD[r]} ${p}`)), 'service'];
  out.push(`| ${heads.join(' | ')} |`);
  out.push(`|${heads.map(() => '---').join('|')}|`);
  for (const [template, rule] of Object.entries(MUTATION_TEMPLATES)) {
    const actsOn = exampleDepartment(template);
    const on = exampleSubject(rule, actsOn);
    const cells = [
      mark(decide({ subject: 'anonymous', roles: ['public'] }, rule.action, on).allowed),
      ...MATRIX_ROLES.flatMap((r) => PLACES.map((p) => mark(decide(exampleIdentity(r, p, actsOn), rule.action, on).allowed))),
      mark(decide({ subject: 'service', roles: ['service'] }, rule.action, on).allowed),
    ];
    const from = FIXED_DEPARTMENT[template] ? `always ${FIXED_DEPARTMENT[template]}` : DEPARTMENT_SOURCE[rule.department];
    out.push(`| \`${template.replace('{Dept}', '<Dept>')}\` | \`${rule.action}\` | ${from} | ${cells.join(' | ')} |`);
  }
  out.push('');
  out.push('For a department\'s own fields (`<Dept>`), **own** means the department in the field\'s name. For fields');
  out.push('whose department comes from the record, **own** means the record\'s department (a joint plan: its');
  out.push('initiating or an invited department; an inspection record: its task\'s department for review, any');
  out.push('department on the task for follow-up; a visit: the inspector\'s certificate is on the drawn team).');
  out.push('Queries use the same actions through `@Authorized(\'<action>\')`; `@Authorized()` is `signed-in:read`.');
  out.push('');
  return out.join('\n');
}
