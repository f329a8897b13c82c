import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Supergraph } from '@apollo/federation-internals';
import {
  getNamedType, isEnumType, isInputObjectType, isInterfaceType, isListType, isNonNullType, isObjectType,
  isScalarType, isUnionType, type GraphQLField, type GraphQLOutputType, type GraphQLInputField, type GraphQLArgument, type GraphQLNamedType,
} from 'graphql';
import { SUPERGRAPH_FILE } from '../../gateway/server.js';

/**
 * The API as a frontend developer meets it (the supergraph's API schema), checked against the
 * conventions in docs/api.md. Each test names what breaks the rule, so a failure says what to fix.
 */
const api = Supergraph.build(fs.readFileSync(SUPERGRAPH_FILE, 'utf8')).apiSchema().toGraphQLJSSchema();
const BUILT_IN = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);
const types = Object.values(api.getTypeMap()).filter((t) => !t.name.startsWith('__') && !BUILT_IN.has(t.name));

type Member = { where: string; name: string; type: string };
function members(): Member[] {
  const out: Member[] = [];
  for (const t of types) {
    if (!(isObjectType(t) || isInterfaceType(t) || isInputObjectType(t))) continue;
    for (const f of Object.values(t.getFields()) as (GraphQLField<unknown, unknown> | GraphQLInputField)[]) {
      out.push({ where: `${t.name}.${f.name}`, name: f.name, type: getNamedType(f.type).name });
      for (const a of ('args' in f ? f.args : []) as GraphQLArgument[]) {
        out.push({ where: `${t.name}.${f.name}(${a.name})`, name: a.name, type: getNamedType(a.type).name });
      }
    }
  }
  return out;
}

describe('the API schema a frontend developer uses', () => {
  it('describes every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const t of types) {
      if (!t.description) missing.push(t.name);
      if (isObjectType(t) || isInterfaceType(t) || isInputObjectType(t)) {
        for (const f of Object.values(t.getFields())) {
          if (!f.description) missing.push(`${t.name}.${f.name}`);
          for (const a of ('args' in f ? f.args : []) as GraphQLArgument[]) if (!a.description) missing.push(`${t.name}.${f.name}(${a.name})`);
        }
      }
      if (isEnumType(t)) for (const v of t.getValues()) if (!v.description) missing.push(`${t.name}.${v.name}`);
    }
    expect(missing).toEqual([]);
  });

  it('uses enums, not strings, for statuses, kinds, methods, departments, roles and classes', () => {
    const enumLike = /(status|Status|kind|Kind|method|Method|department|Department|role|Role|rule|Rule|riskClass|RiskClass|drawClass|source|decision)$/;
    const offenders = members().filter((m) => m.type === 'String' && enumLike.test(m.name)).map((m) => m.where);
    expect(offenders).toEqual([]);
  });

  it('has one date scalar and one date-time scalar, used for every date and time', () => {
    expect(api.getType('Date')).toBeDefined();
    expect(api.getType('DateTime')).toBeDefined();
    expect(api.getType('DateTimeISO')).toBeUndefined();
    const dateLike = /(At|On|Date|date|From|Until|validTo|dueBy|DueBy)$/;
    const offenders = members().filter((m) => m.type === 'String' && dateLike.test(m.name)).map((m) => m.where);
    expect(offenders).toEqual([]);
  });

  it('counts with Int, never Float', () => {
    // A share or rate (jointShareByCount: joint ÷ all) is a fraction, rightly Float.
    const offenders = members().filter((m) => m.type === 'Float' && /(Count|count|s)$/.test(m.name) && !/(Share|Rate)/.test(m.name)).map((m) => m.where);
    expect(offenders).toEqual([]);
  });

  it('names queries as nouns and mutations as verb + prefix + noun', () => {
    const queries = Object.keys(api.getQueryType()!.getFields());
    expect(queries.filter((q) => /^(verify|export|scan|get|list|find|check|issue|revoke|draw[A-Z]|search)/.test(q))).toEqual([]);
    expect(queries.filter((q) => /^(drawExport|verifyDraw)$/.test(q))).toEqual([]);
    const verbs = /^(add|update|remove|tag|untag|revoke|declare|withdraw|import|accept|close|create|commit|draw|publish|adjust|issue|claim|unclaim|record|submit|correct|review|order|refer|finalize|join|leave|rate|sign|cancel|reopen|propose)[A-Z]/;
    const mutations = Object.keys(api.getMutationType()!.getFields());
    expect(mutations.filter((m) => !verbs.test(m))).toEqual([]);
    // issue and revoke of inspection codes name the same noun
    const issue = mutations.filter((m) => m.startsWith('issue')).map((m) => m.slice('issue'.length)).sort();
    const revoke = mutations.filter((m) => m.startsWith('revoke') && m.endsWith('Codes')).map((m) => m.slice('revoke'.length)).sort();
    expect(revoke).toEqual(issue);
  });

  it('lets an anonymous page ask for signed-in fields without losing the page (they are nullable)', () => {
    for (const where of ['Enterprise.creditRiskClass', 'Enterprise.riskTags', 'Enterprise.inspectionHistory', 'InspectionItem.changedBy']) {
      const [t, f] = where.split('.');
      const field = (api.getType(t) as any).getFields()[f];
      expect(field, where).toBeDefined();
      expect(isNonNullType(field.type), `${where} must be nullable`).toBe(false);
    }
  });

  it('pages the long lists', () => {
    const connection = (t: string, f: string) => {
      const field = (api.getType(t) as any)?.getFields()[f];
      expect(field, `${t}.${f}`).toBeDefined();
      const named: GraphQLNamedType = getNamedType(field.type as GraphQLOutputType);
      return isObjectType(named) && 'pageInfo' in named.getFields() && !isListType(isNonNullType(field.type) ? field.type.ofType : field.type);
    };
    for (const [t, f] of [['DrawView', 'targets'], ['JointDraw', 'tasks'], ['InspectionHistory', 'inspections']]) {
      expect(connection(t, f), `${t}.${f} must be a connection (nodes, totalCount, pageInfo)`).toBe(true);
    }
    const histories = Object.keys(api.getQueryType()!.getFields()).filter((q) => /History$|Versions$/.test(q));
    expect(histories.length).toBeGreaterThan(0);
    for (const q of histories) expect(connection('Query', q), `Query.${q} must be a connection`).toBe(true);
  });

  it('gives the departments\' look-alike types common interfaces', () => {
    for (const name of ['DirectoryTarget', 'DirectoryInspector']) {
      const i = api.getType(name);
      expect(i && isInterfaceType(i), `${name} interface`).toBe(true);
      expect(api.getPossibleTypes(i as any).length, `${name} implementations`).toBeGreaterThanOrEqual(3);
    }
  });
});
