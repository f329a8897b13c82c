import DataLoader from 'dataloader';
import type { Identity } from '../../shared/platform/auth.js';
import { CONTRACT_TARGETS_QUERY, type DepartmentTarget } from '../../shared/department/contract.js';
import { askAllDepartments } from './department-client.js';
import { planLoaders } from './plans/loaders.js';
import { markDone } from './visits/service.js';
import type { EntityManager } from '@mikro-orm/postgresql';

export interface SupervisionOfBusiness {
  targets: DepartmentTarget[];
  unansweredDepartments: { department: string; reason: string }[];
}

const TARGETS_QUERY = `query ($usccs: [String!]!) { ${CONTRACT_TARGETS_QUERY}(usccs: $usccs) { department uscc supervisedSince } }`;

export interface InspectionOfBusiness {
  department: string;
  taskId: string;
  period: string;
  itemCodes: string[];
  status: string;
  date: string;
}

export interface InspectionsOfBusiness {
  inspections: InspectionOfBusiness[];
  unansweredDepartments: { department: string; reason: string }[];
}

const INSPECTIONS_OF_QUERY = `query ($usccs: [String!]!) { departmentInspectionsOf(usccs: $usccs) { department uscc taskId period itemCodes status date } }`;

export function createLoaders(em: EntityManager, identity: Identity) {
  return {
    plans: planLoaders(em),
    // Every department's drawn inspections of a page of businesses: one call per department.
    inspections: new DataLoader<string, InspectionsOfBusiness>(async (usccs) => {
      const answers = await askAllDepartments<{ departmentInspectionsOf: (InspectionOfBusiness & { uscc: string })[] }>(identity, INSPECTIONS_OF_QUERY, { usccs });
      const unanswered = answers.flatMap((a) => (a.ok ? [] : [{ department: a.subgraph, reason: a.error }]));
      const byUscc = new Map<string, InspectionOfBusiness[]>();
      // A published result makes the inspection done, on its date.
      const all = await markDone(em, answers.flatMap((a) => (a.ok ? a.data.departmentInspectionsOf : [])));
      for (const { uscc, ...i } of all) byUscc.set(uscc, [...(byUscc.get(uscc) ?? []), i]);
      return usccs.map((u) => ({
        inspections: (byUscc.get(u) ?? []).sort((x, y) => (x.date + x.department < y.date + y.department ? -1 : 1)),
        unansweredDepartments: unanswered,
      }));
    }),
    // A page of businesses → one contract call per department, all departments in parallel.
    supervision: new DataLoader<string, SupervisionOfBusiness>(async (usccs) => {
      const answers = await askAllDepartments<{ departmentTargets: DepartmentTarget[] }>(identity, TARGETS_QUERY, { usccs });
      const unanswered = answers.flatMap((a) => (a.ok ? [] : [{ department: a.subgraph, reason: a.error }]));
      const byUscc = new Map<string, DepartmentTarget[]>();
      for (const a of answers) {
        if (!a.ok) continue;
        for (const t of a.data.departmentTargets) byUscc.set(t.uscc, [...(byUscc.get(t.uscc) ?? []), t]);
      }
      return usccs.map((u) => ({ targets: byUscc.get(u) ?? [], unansweredDepartments: unanswered }));
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
