import fs from 'node:fs';
import { parse, type ObjectTypeDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SUPERGRAPH_FILE } from '../../gateway/server.js';
import type { Identity } from '../../shared/platform/auth.js';
import { MUTATION_TEMPLATES, authorize, authorizeMutation, decide, mutationRule } from '../../shared/platform/policy.js';
import { authorizationMarkdown } from '../../shared/platform/policy-table.js';

const mutationFields = () => {
  const doc = parse(fs.readFileSync(SUPERGRAPH_FILE, 'utf8'));
  const mutation = doc.definitions.find((d): d is ObjectTypeDefinitionNode => d.kind === 'ObjectTypeDefinition' && d.name.value === 'Mutation');
  return (mutation?.fields ?? []).map((f) => f.name.value);
};

const who = (roles: string[], department?: string, extra: Partial<Identity> = {}): Identity => ({ subject: `unit-${roles.join('+')}-${department}`, roles, department, ...extra });
const outcome = (identity: Identity, ...args: Parameters<typeof decide> extends [Identity, ...infer R] ? R : never) => {
  const d = decide(identity, ...args);
  return d.allowed ? 'allowed' : d.code;
};

describe('the authorization policy', () => {
  it('names every Mutation field of the supergraph, and every entry of its table is used', () => {
    const fields = mutationFields();
    expect(fields.length).toBeGreaterThan(90);
    expect(fields.filter((f) => !mutationRule(f))).toEqual([]);
    const used = new Set(fields.map((f) => mutationRule(f)!.template));
    expect(Object.keys(MUTATION_TEMPLATES).filter((t) => !used.has(t))).toEqual([]);
  });

  it('docs/authorization.md is what the policy prints (run `npm run authz-table` after changing it)', () => {
    const checkedIn = fs.readFileSync(new URL('../../docs/authorization.md', import.meta.url), 'utf8');
    expect(checkedIn === authorizationMarkdown(), 'docs/authorization.md is stale: run `npm run authz-table` and commit it').toBe(true);
  });

  it('a department admin changes only their own department\'s directory; the public must sign in', () => {
    expect(outcome(who(['department-admin'], 'fire-rescue'), 'directory:write', { department: 'fire-rescue' })).toBe('allowed');
    expect(outcome(who(['department-admin'], 'public-security'), 'directory:write', { department: 'fire-rescue' })).toBe('FORBIDDEN');
    expect(outcome(who(['coordinator'], 'double-random-office'), 'directory:write', { department: 'fire-rescue' })).toBe('FORBIDDEN');
    expect(outcome(who(['public']), 'directory:write', { department: 'fire-rescue' })).toBe('UNAUTHENTICATED');
  });

  it("tasks: the office's coordinators for every department, a department admin for its own; a coordinator outside the office is not the office", () => {
    expect(outcome(who(['coordinator'], 'double-random-office'), 'task:draw', { department: 'market-supervision' })).toBe('allowed');
    expect(outcome(who(['coordinator'], 'market-supervision'), 'task:draw', { department: 'market-supervision' })).toBe('FORBIDDEN');
    expect(outcome(who(['department-admin'], 'market-supervision'), 'task:draw', { department: 'market-supervision' })).toBe('allowed');
    expect(outcome(who(['analyst'], 'double-random-office'), 'task:draw', { department: 'market-supervision' })).toBe('FORBIDDEN');
    // A department's annual plan is its admins' alone.
    expect(outcome(who(['coordinator'], 'double-random-office'), 'annual-plan:write', { department: 'market-supervision' })).toBe('FORBIDDEN');
  });

  it('visits: only a certified inspector on the drawn team, whatever their department', () => {
    const cert = who(['inspector'], 'fire-rescue', { certificateNumber: '130433030013' });
    expect(outcome(cert, 'visit:record', { team: ['130433030013', '130433020005'] })).toBe('allowed');
    expect(outcome(cert, 'visit:record', { team: ['130433020005'] })).toBe('FORBIDDEN');
    expect(outcome(who(['inspector'], 'fire-rescue'), 'visit:record')).toBe('FORBIDDEN');
    expect(outcome(who(['department-admin'], 'fire-rescue'), 'visit:record', { team: ['130433030013'] })).toBe('FORBIDDEN');
  });

  it('review: never by the person who entered the record, and the refusal says so', () => {
    const admin = who(['department-admin'], 'public-security');
    expect(outcome(admin, 'record:review', { department: 'public-security', enteredBy: 'someone-else' })).toBe('allowed');
    expect(outcome(admin, 'record:review', { department: 'public-security', enteredBy: admin.subject })).toBe('FORBIDDEN');
    expect(() => authorize({ identity: admin }, 'record:review', { department: 'public-security', enteredBy: admin.subject, field: 'recordId' })).toThrow(
      '录入人不能审核自己录入的记录 / the person who entered a record cannot review it',
    );
  });

  it('contract fields answer the service role only; the service role does nothing else', () => {
    const service = who(['service']);
    expect(outcome(service, 'service:contract')).toBe('allowed');
    expect(outcome(who(['coordinator'], 'double-random-office'), 'service:contract')).toBe('FORBIDDEN');
    expect(outcome(service, 'directory:write', { department: 'fire-rescue' })).toBe('FORBIDDEN');
    expect(outcome(service, 'plan:commit')).toBe('FORBIDDEN');
  });

  it('refusals are clerk-readable (Chinese, then English), name the field and the action', () => {
    let caught: any;
    try {
      authorizeMutation(who(['department-admin'], 'public-security'), 'addFireRescueTarget');
    } catch (e) {
      caught = e;
    }
    expect(caught.extensions).toEqual({ code: 'FORBIDDEN', field: 'Mutation.addFireRescueTarget', action: 'directory:write' });
    expect(caught.message).toBe(
      '只有消防救援大队的部门管理员可以维护检查对象名录和执法检查人员名录（含导入），您是公安局部门管理员 / only department admins of fire-rescue may change or import the target and inspector directories; you are department-admin of public-security',
    );
    expect(() => authorizeMutation(who(['public']), 'addFireRescueTarget')).toThrow('需要先登录');
  });

  it('a Mutation field missing from the table is refused for everyone', () => {
    expect(mutationRule('dropEverything')).toBeUndefined();
    expect(() => authorizeMutation(who(['coordinator'], 'double-random-office'), 'dropEverything')).toThrow('not in the authorization policy');
  });
});
