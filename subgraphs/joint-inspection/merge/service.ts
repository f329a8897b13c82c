import { canonicalJson, sha256Hex } from '../../../shared/domain/draw.js';
import { badInput } from '../../../shared/platform/errors.js';
import type { SubgraphContext } from '../../../shared/platform/subgraph.js';
import { periodWindow } from '../../../shared/inspection/task-service.js';
import { askAllDepartments } from '../department-client.js';
import { jointPlanInspections } from '../plans/service.js';
import { markDone } from '../visits/service.js';
import { mergeInspections, mergeInvariantViolations, type MergeResult, type PlannedInspection } from './rules.js';

/**
 * The joint merge's inputs: gathers every department's planned inspections for a period
 * through the department contract (in parallel, a timeout per department, no SQL across
 * departments) and this service's joint plans, and merges them by business (rules.ts);
 * resolvers.ts answers and finalizes the result in one transaction.
 */
const INSPECTIONS_QUERY = `query ($period: String!) { departmentInspections(period: $period) {
  department uscc taskId itemCodes period status date plannedAt yearlyCap exemptions joinable stratified } }`;

export interface GatheredMerge {
  period: string;
  result: MergeResult;
  answered: string[];
  unanswered: { department: string; reason: string }[];
  inputsHash: string;
}

export async function gatherAndMerge(ctx: SubgraphContext, period: string): Promise<GatheredMerge> {
  let window;
  try {
    window = { period, ...periodWindow(period) };
  } catch {
    throw badInput('period', `期间“${period}”格式应为“2026-Q2” / the period "${period}" must look like 2026-Q2`);
  }
  const answers = await askAllDepartments<{ departmentInspections: PlannedInspection[] }>(ctx.identity, INSPECTIONS_QUERY, { period });
  // Joint plans live here: their drawn businesses are each participating department's plans too.
  const jointPlans = await jointPlanInspections(ctx.em, period);
  // A published result makes the inspection done, on its date.
  const inputs = await markDone(ctx.em, [...answers.flatMap((a) => (a.ok ? a.data.departmentInspections : [])), ...jointPlans]);
  const sortedInputs = [...inputs].sort((a, b) => (a.department + a.uscc + a.taskId < b.department + b.uscc + b.taskId ? -1 : 1));
  const result = mergeInspections(inputs, window);
  // Figures that do not add up are a defect of ours, never an answer: fail loudly instead.
  const violations = mergeInvariantViolations(result);
  if (violations.length) throw new Error(`joint merge ${period}: invariants violated: ${violations.slice(0, 5).join('; ')}`);
  return {
    period,
    result,
    answered: answers.filter((a) => a.ok).map((a) => a.subgraph),
    unanswered: answers.flatMap((a) => (a.ok ? [] : [{ department: a.subgraph, reason: a.error }])),
    inputsHash: sha256Hex(canonicalJson(sortedInputs)),
  };
}
