import 'reflect-metadata';
import { buildSubgraph } from '../shared/subgraph.js';
import { jointInspection } from '../subgraphs/joint-inspection/subgraph.js';
import { getNamedType, isEnumType, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';
const SHARED = new Set(['SamplingRatios','SamplingRatiosInput','PageInfo','TaskItem','InspectorShown','DrawVerification','InspectionCode','DrawCommitmentView','PoolExclusion','ClassCount','AnnualPlan','AnnualPlanVersion','TrailVerification','Enterprise','_Service','_Entity','_Any','Department','CreditRiskClass','InspectionMethod','TeamRole','DrawClass','Date','DateTime','InspectionCodeStatus','QrFormat']);
const { schema } = await buildSubgraph(jointInspection as any);
const out: Record<string,string[]> = { desc: [], enum: [], date: [], float: [] };
const enumLike = /(status|Status|kind|Kind|method|Method|department|Department|role|Role|rule|Rule|riskClass|RiskClass|drawClass|source|decision)$/;
const dateLike = /(At|On|Date|date|From|Until|validTo|dueBy|DueBy)$/;
for (const t of Object.values(schema.getTypeMap())) {
  if (t.name.startsWith('__') || ['String','Int','Float','Boolean','ID'].includes(t.name)) continue;
  const ownType = !SHARED.has(t.name);
  if (ownType && !t.description) out.desc.push(t.name);
  if (isEnumType(t) && ownType) for (const v of t.getValues()) if (!v.description) out.desc.push(`${t.name}.${v.name}`);
  if (isObjectType(t) || isInterfaceType(t) || isInputObjectType(t)) {
    for (const f of Object.values(t.getFields()) as any[]) {
      if (t.name === 'Query' && f.name.startsWith('_')) continue;
      if (!ownType && !(t.name === 'Enterprise' && ['supervision','inspectionHistory'].includes(f.name))) continue;
      if (f.astNode?.directives?.some((d: any) => d.name.value === 'inaccessible')) continue;
      const w = `${t.name}.${f.name}`;
      if (!f.description) out.desc.push(w);
      const check = (where: string, name: string, type: string) => {
        if (type === 'String' && enumLike.test(name)) out.enum.push(where);
        if (type === 'String' && dateLike.test(name)) out.date.push(where);
        if (type === 'Float' && /(Count|count|s)$/.test(name)) out.float.push(where);
      };
      check(w, f.name, getNamedType(f.type).name);
      for (const a of f.args ?? []) {
        if (!a.description) out.desc.push(`${w}(${a.name})`);
        check(`${w}(${a.name})`, a.name, getNamedType(a.type).name);
      }
    }
  }
}
console.log(JSON.stringify(out, null, 1));
