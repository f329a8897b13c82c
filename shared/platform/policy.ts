import type { GraphQLError } from 'graphql';
import type { Identity } from './auth.js';
import { DEPARTMENTS, OFFICE, findDepartment } from '../domain/departments.js';
import { userError } from './errors.js';

/**
 * The one authorization policy (授权策略) of the federation: who may do what, decided by role,
 * organisation (own department, another department, the double-random office) and ownership
 * (the department a task, plan or record belongs to; the team a code names).
 *
 * Every root Mutation field is named in MUTATIONS below; `shared/platform/subgraph.ts` asks `authorize`
 * before any resolver runs, so a mutation missing from the table is refused (and a test fails).
 * Resolvers ask again, with the department they found on the record, where ownership depends on
 * data. Queries and fields use `@Authorized('<action>')` (the authChecker asks `authorize`).
 * docs/authorization.md is printed from this file (`npm run authz-table`).
 */

export type Organisation = 'own' | 'office' | 'any';

/** One way to be allowed: a role held in an organisation relative to what is acted on. */
export interface Grant {
  role: 'public' | 'signed-in' | 'inspector' | 'department-admin' | 'coordinator' | 'analyst' | 'service';
  /** own: the department acted on (or, for inspectors at a visit, the team); office: the double-random office; any: wherever. */
  in: Organisation;
}

export interface ActionRule {
  zh: string;
  en: string;
  grants: Grant[];
  /** Inspectors must carry a certificate number (执法证号) in their token. */
  certificate?: boolean;
  /** Separation of duties: who entered something may not also approve it. */
  notBy?: { zh: string; en: string };
}

const officeCoordinator: Grant = { role: 'coordinator', in: 'office' };
const ownAdmin: Grant = { role: 'department-admin', in: 'own' };

export const ACTIONS = {
  'item:publish': { zh: '发布、修改或撤回抽查事项', en: 'publish, change or withdraw inspection items', grants: [officeCoordinator] },
  'item:claim': { zh: '认领或退出本部门的抽查事项', en: "claim or unclaim the department's inspection items", grants: [ownAdmin] },
  'directory:write': { zh: '维护检查对象名录和执法检查人员名录（含导入）', en: 'change or import the target and inspector directories', grants: [ownAdmin] },
  'register:import': { zh: '导入市场主体登记和信用风险分类', en: 'import the business register and credit-risk classes', grants: [ownAdmin] },
  'referral:handle': {
    zh: '受理、办结移交线索',
    en: 'accept and close incoming referrals',
    grants: [ownAdmin, { role: 'inspector', in: 'own' }],
  },
  'annual-plan:write': { zh: '制定、公布、调整和关闭部门年度抽查计划', en: "draft, publish, adjust or close a department's annual plan", grants: [ownAdmin] },
  'office-annual-plan:write': {
    zh: '制定、公布、调整和关闭双随机办公室的年度抽查计划',
    en: "draft, publish, adjust or close the office's annual plan",
    grants: [officeCoordinator],
  },
  'task:draw': {
    zh: '创建抽查任务、提交承诺、抽取、公示和调整抽取结果',
    en: 'create inspection tasks, commit, draw, publish and adjust draws',
    grants: [officeCoordinator, ownAdmin],
  },
  'code:issue': { zh: '签发或作废部门抽查任务的检查码', en: "issue or revoke a department task's inspection codes", grants: [officeCoordinator, ownAdmin] },
  'plan:commit': {
    zh: '制定联合抽查计划（含优化方案的生成和采纳）、提交承诺、抽取和公示',
    en: "make joint plans (the optimizer's proposals too), commit, draw and publish them",
    grants: [officeCoordinator],
  },
  'plan:join': { zh: '以本部门事项加入联合抽查计划（发起或受邀部门）', en: 'join a joint plan the department initiates or is invited to', grants: [ownAdmin] },
  'joint-code:issue': { zh: '签发或作废联合抽查任务的检查码', en: "issue or revoke a joint task's inspection codes", grants: [officeCoordinator] },
  'visit:record': {
    zh: '扫码入企、录入和更正检查记录（本检查组的持证检查人员）',
    en: 'scan in, enter and correct inspection records (certified inspectors of the drawn team)',
    grants: [{ role: 'inspector', in: 'own' }],
    certificate: true,
  },
  'record:review': {
    zh: '审核检查记录（任务所属或发起部门）',
    en: "review inspection records (the task's or initiating department)",
    grants: [officeCoordinator, ownAdmin],
    notBy: { zh: '录入人不能审核自己录入的记录', en: 'the person who entered a record cannot review it' },
  },
  'record:read': {
    zh: '查看未公示的检查记录（任务涉及的部门）',
    en: 'read unpublished inspection records (departments on the task)',
    grants: [officeCoordinator, { role: 'analyst', in: 'office' }, ownAdmin, { role: 'inspector', in: 'own' }, { role: 'analyst', in: 'own' }],
  },
  'follow-up:order': {
    zh: '安排后续处置：责令改正、复查、移交、移送司法（任务涉及的部门）',
    en: 'order follow-up: corrections, re-checks, referrals, criminal referrals (departments on the task)',
    grants: [officeCoordinator, ownAdmin],
  },
  'visit:rate': { zh: '评价检查（扫码的企业，无需登录）', en: 'rate a visit (the business that scanned the code, no sign-in)', grants: [{ role: 'public', in: 'any' }] },
  'rating:read': { zh: '查看企业对检查的评价统计', en: "read businesses' ratings of visits", grants: [officeCoordinator, { role: 'analyst', in: 'office' }] },
  'review-queue:read': { zh: '查看待审核的检查记录队列', en: 'see the queue of records awaiting review', grants: [officeCoordinator] },
  'joint-code:read': {
    zh: '查看联合抽查计划已签发的检查码（双随机办公室和计划涉及的部门）',
    en: "list a joint plan's issued inspection codes (the office and the plan's departments)",
    grants: [{ role: 'signed-in', in: 'office' }, { role: 'signed-in', in: 'own' }],
  },
  'merge:finalize': { zh: '定稿季度合并结果', en: "finalize a quarter's joint merge", grants: [officeCoordinator] },
  'merge:read': { zh: '查看季度合并结果', en: "read a quarter's joint merge", grants: [{ role: 'coordinator', in: 'any' }, { role: 'analyst', in: 'any' }] },
  'report:finalize': { zh: '定稿季度报告', en: "finalize a quarter's report", grants: [officeCoordinator] },
  'report:read': {
    zh: '查看季度报告及报送期限',
    en: "read a quarter's report and the reports due",
    grants: [{ role: 'coordinator', in: 'any' }, { role: 'analyst', in: 'any' }],
  },
  'analytics:read': {
    zh: '查看县级分析（企业受检负担、重复检查热点、检查人员工作量、按信用分类的问题发现率、季度趋势）',
    en: "read the county's analytics (burden on businesses, repeat hot spots, inspector workload, findings by credit-risk class, quarterly trend)",
    grants: [{ role: 'coordinator', in: 'any' }, { role: 'analyst', in: 'any' }],
  },
  'trail:read': { zh: '核验操作留痕', en: 'check the trail', grants: [{ role: 'coordinator', in: 'any' }, { role: 'analyst', in: 'any' }] },
  'overdue:read': {
    zh: '查看逾期未公示清单',
    en: 'see the list of results overdue for publication',
    grants: [officeCoordinator, { role: 'analyst', in: 'office' }],
  },
  'referral:read': {
    zh: '查看本部门收到的移交线索',
    en: "read the department's incoming referrals",
    grants: [{ role: 'signed-in', in: 'own' }, officeCoordinator, { role: 'analyst', in: 'office' }],
  },
  'unpublished:read': {
    zh: '查看未公示的任务、抽取结果和年度计划',
    en: 'read unpublished tasks, draws and annual plans',
    grants: [{ role: 'signed-in', in: 'own' }, { role: 'signed-in', in: 'office' }],
  },
  'inspector-personal:read': {
    zh: '查看执法检查人员的姓名和回避申报（个人信息）',
    en: "read inspectors' names and declared conflicts (personal data)",
    grants: [{ role: 'inspector', in: 'own' }, ownAdmin, { role: 'coordinator', in: 'own' }, officeCoordinator],
  },
  'plan:read': {
    zh: '查看未公示的联合抽查计划（发起或受邀部门）',
    en: 'read unpublished joint plans (initiating or invited departments)',
    grants: [{ role: 'signed-in', in: 'office' }, { role: 'analyst', in: 'any' }, { role: 'signed-in', in: 'own' }],
  },
  'signed-in:read': { zh: '查看非公开信息', en: 'read what is not public', grants: [{ role: 'signed-in', in: 'any' }] },
  'service:contract': {
    zh: '调用部门契约字段（仅限平台内部服务）',
    en: "call the federation's internal contract fields (its own services only)",
    grants: [{ role: 'service', in: 'any' }],
  },
} satisfies Record<string, ActionRule>;

export type Action = keyof typeof ACTIONS;

export const isAction = (name: string): name is Action => Object.hasOwn(ACTIONS, name);

/**
 * Root Mutation fields → action. `{Dept}` stands for each department's field prefix
 * (`FireRescue`); such fields act on that department, known before anything is read.
 * `onRecord`: the department (or team) is found on the record acted on; the resolver asks again.
 */
export interface MutationRule {
  action: Action;
  /** Where the department acted on comes from. */
  department: 'field' | 'record' | 'none';
}

const field = (action: Action): MutationRule => ({ action, department: 'field' });
const onRecord = (action: Action): MutationRule => ({ action, department: 'record' });
const none = (action: Action): MutationRule => ({ action, department: 'none' });

export const MUTATION_TEMPLATES: Record<string, MutationRule> = {
  // Directories (shared/department/kit.ts, shared/department/directory-exchange-resolvers.ts)
  'add{Dept}Target': field('directory:write'),
  'update{Dept}Target': field('directory:write'),
  'remove{Dept}Target': field('directory:write'),
  'tag{Dept}Target': field('directory:write'),
  'revoke{Dept}TargetTag': field('directory:write'),
  'add{Dept}Inspector': field('directory:write'),
  'update{Dept}Inspector': field('directory:write'),
  'declare{Dept}InspectorConflict': field('directory:write'),
  'withdraw{Dept}InspectorConflict': field('directory:write'),
  'import{Dept}Directory': field('directory:write'),
  // Referrals received (shared/department/referrals.ts)
  'accept{Dept}Referral': field('referral:handle'),
  'close{Dept}Referral': field('referral:handle'),
  receiveDepartmentReferral: none('service:contract'),
  // Tasks, draws, codes (shared/inspection/task-kit.ts, shared/inspection/code-kit.ts)
  'create{Dept}Task': field('task:draw'),
  'commit{Dept}Draw': field('task:draw'),
  'draw{Dept}Task': field('task:draw'),
  'publish{Dept}Draw': field('task:draw'),
  'adjust{Dept}Draw': field('task:draw'),
  'issue{Dept}InspectionCodes': field('code:issue'),
  'revoke{Dept}InspectionCodes': field('code:issue'),
  // Annual plans (shared/inspection/annual-plan.ts)
  'create{Dept}AnnualPlan': field('annual-plan:write'),
  'publish{Dept}AnnualPlan': field('annual-plan:write'),
  'adjust{Dept}AnnualPlan': field('annual-plan:write'),
  'close{Dept}AnnualPlan': field('annual-plan:write'),
  createJointAnnualPlan: none('office-annual-plan:write'),
  publishJointAnnualPlan: none('office-annual-plan:write'),
  adjustJointAnnualPlan: none('office-annual-plan:write'),
  closeJointAnnualPlan: none('office-annual-plan:write'),
  // Market supervision's register
  importRegister: { action: 'register:import', department: 'field' },
  recordCreditFeedback: none('service:contract'),
  // Item list (subgraphs/joint-inspection/items/resolvers.ts)
  publishInspectionItem: none('item:publish'),
  withdrawInspectionItem: none('item:publish'),
  claimInspectionItem: onRecord('item:claim'),
  unclaimInspectionItem: onRecord('item:claim'),
  // Joint plans and their codes
  createJointPlan: none('plan:commit'),
  joinJointPlan: onRecord('plan:join'),
  commitJointDraw: none('plan:commit'),
  drawJointPlan: none('plan:commit'),
  publishJointDraw: none('plan:commit'),
  // The plan optimizer (subgraphs/joint-inspection/optimizer/)
  proposeJointPlans: none('plan:commit'),
  acceptJointPlanProposal: none('plan:commit'),
  issueJointInspectionCodes: none('joint-code:issue'),
  revokeJointInspectionCodes: none('joint-code:issue'),
  // Visits, records, follow-up
  recordInspectionScan: onRecord('visit:record'),
  submitInspectionRecord: onRecord('visit:record'),
  correctInspectionRecord: onRecord('visit:record'),
  reviewInspectionRecord: onRecord('record:review'),
  orderCorrection: onRecord('follow-up:order'),
  recordRecheck: onRecord('follow-up:order'),
  referInspectionFinding: onRecord('follow-up:order'),
  referToProsecution: onRecord('follow-up:order'),
  rateInspectionVisit: none('visit:rate'),
  // The merge
  finalizeJointMerge: none('merge:finalize'),
  // Quarterly reports (subgraphs/joint-inspection/reports/)
  finalizeQuarterlyReport: none('report:finalize'),
};

/** `fire-rescue` → `FireRescue`, the prefix of its root fields. */
export const fieldPrefix = (department: string) => department.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());

/** Fields whose department is in their name (`importRegister` belongs to the register's keeper). */
export const FIXED_DEPARTMENT: Record<string, string> = { importRegister: 'market-supervision' };

/** The rule of one root Mutation field and the department it acts on, or undefined when the table has none. */
export function mutationRule(name: string): (MutationRule & { template: string; actsOn?: string }) | undefined {
  const fixed = MUTATION_TEMPLATES[name];
  if (fixed && !name.includes('{Dept}')) return { ...fixed, template: name, actsOn: FIXED_DEPARTMENT[name] };
  for (const d of DEPARTMENTS) {
    const prefix = fieldPrefix(d.code);
    for (const [template, rule] of Object.entries(MUTATION_TEMPLATES)) {
      if (template.includes('{Dept}') && template.replace('{Dept}', prefix) === name) return { ...rule, template, actsOn: d.code };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Deciding

/** What is acted on, when known: its department(s), the team it names, who entered it. */
export interface ActedOn {
  department?: string;
  /** Any of these departments (a joint plan's initiating and invited ones, a record's departments). */
  departments?: string[];
  /** Certificate numbers of the drawn team (visits). */
  team?: string[];
  /** The subject (token `sub`) who entered what is to be approved. */
  enteredBy?: string;
}

export const isSignedIn = (identity: Identity) => identity.roles.some((r) => r !== 'public');

function holds(identity: Identity, grant: Grant, on: ActedOn | undefined): boolean {
  if (grant.role === 'public') return true;
  if (grant.role === 'signed-in' ? !isSignedIn(identity) : !identity.roles.includes(grant.role)) return false;
  if (grant.in === 'any') return true;
  if (grant.in === 'office') return identity.department === OFFICE.code;
  // An inspector at a visit is "own" by being on the drawn team, whatever their department.
  if (grant.role === 'inspector' && on?.team) return !!identity.certificateNumber && on.team.includes(identity.certificateNumber);
  const departments = on?.departments ?? (on?.department !== undefined ? [on.department] : undefined);
  // Nothing read yet (the gate before a resolver that reads the record): belonging to a department
  // suffices; an inspector's team is only known from the record (their token may name no department).
  if (!departments) return grant.role === 'inspector' || (!!identity.department && identity.department !== OFFICE.code);
  return !!identity.department && departments.includes(identity.department);
}

export type Decision = { allowed: true } | { allowed: false; code: 'UNAUTHENTICATED' | 'FORBIDDEN' };

/** The decision alone (no error): used by `authorize`, the matrix test and the docs table. */
export function decide(identity: Identity, action: Action, on?: ActedOn): Decision {
  const rule: ActionRule = ACTIONS[action];
  let allowed = rule.grants.some((g) => holds(identity, g, on));
  if (allowed && rule.certificate && !identity.certificateNumber) allowed = false;
  if (allowed && rule.notBy && on?.enteredBy !== undefined && on.enteredBy === identity.subject) allowed = false;
  if (allowed) return { allowed: true };
  return { allowed: false, code: isSignedIn(identity) ? 'FORBIDDEN' : 'UNAUTHENTICATED' };
}

const ROLE_NAMES: Record<Grant['role'], { zh: string; en: string }> = {
  public: { zh: '任何人', en: 'anyone' },
  'signed-in': { zh: '已登录人员', en: 'signed-in users' },
  inspector: { zh: '执法检查人员', en: 'inspectors' },
  'department-admin': { zh: '部门管理员', en: 'department admins' },
  coordinator: { zh: '协调人', en: 'coordinators' },
  analyst: { zh: '分析人员', en: 'analysts' },
  service: { zh: '平台内部服务', en: "the federation's own services" },
};

function whereName(grant: Grant, on: ActedOn | undefined, rule: ActionRule): { zh: string; en: string } {
  if (grant.in === 'office') return { zh: OFFICE.nameZh + '的', en: ' of the double-random office' };
  if (grant.in === 'any') return { zh: '', en: '' };
  const named = on?.departments ?? (on?.department ? [on.department] : undefined);
  if (grant.role === 'inspector' && (on?.team || rule.certificate)) return { zh: '检查组中持证的', en: ' with a certificate on the drawn team' };
  if (!named) return { zh: '本部门', en: ' of the department concerned' };
  return { zh: named.map((d) => findDepartment(d)?.nameZh ?? d).join('或') + '的', en: ` of ${named.join(' or ')}` };
}

/** "office coordinators or department admins of fire-rescue", in both languages. */
export function whoMay(action: Action, on?: ActedOn): { zh: string; en: string } {
  const rule: ActionRule = ACTIONS[action];
  const parts = rule.grants.map((g) => {
    const where = whereName(g, on, rule);
    return { zh: where.zh + ROLE_NAMES[g.role].zh, en: ROLE_NAMES[g.role].en + where.en };
  });
  return { zh: parts.map((p) => p.zh).join('或'), en: parts.map((p) => p.en).join(' or ') };
}

/** The refusal a clerk reads: what was refused and who may do it, Chinese first. */
export function refusal(identity: Identity, action: Action, on: ActedOn | undefined, code: 'UNAUTHENTICATED' | 'FORBIDDEN', field: string): GraphQLError {
  const rule: ActionRule = ACTIONS[action];
  if (code === 'UNAUTHENTICATED') {
    return userError('UNAUTHENTICATED', `${rule.zh}需要先登录 / to ${rule.en} you must sign in first`, { field, action });
  }
  if (rule.notBy && on?.enteredBy === identity.subject && rule.grants.some((g) => holds(identity, g, on))) {
    return userError('FORBIDDEN', `${rule.notBy.zh} / ${rule.notBy.en}`, { field, action });
  }
  if (rule.certificate && !identity.certificateNumber && identity.roles.includes('inspector')) {
    return userError('FORBIDDEN', `只有令牌带执法证号的检查人员可以${rule.zh} / only a certified inspector (a token with a certificate number) may ${rule.en}`, {
      field,
      action,
    });
  }
  const who = whoMay(action, on);
  const organisation = identity.department === OFFICE.code ? OFFICE.nameZh : identity.department ? (findDepartment(identity.department)?.nameZh ?? identity.department) : '';
  const rolesZh = identity.roles.map((r) => ROLE_NAMES[r as Grant['role']]?.zh ?? r).join('、');
  return userError(
    'FORBIDDEN',
    `只有${who.zh}可以${rule.zh}，您是${organisation}${rolesZh} / only ${who.en} may ${rule.en}; you are ${identity.roles.join(', ')}${identity.department ? ` of ${identity.department}` : ''}`,
    { field, action },
  );
}

/** Throws UNAUTHENTICATED or FORBIDDEN unless the policy allows `action` on `on`. */
export function authorize(ctx: { identity: Identity }, action: Action, on: ActedOn & { field: string }): void {
  const decision = decide(ctx.identity, action, on);
  if (!decision.allowed) throw refusal(ctx.identity, action, on, decision.code, on.field);
}

/**
 * The gate every root Mutation field passes before its resolver (shared/platform/subgraph.ts): the role,
 * and the department where the field names it. A field missing from the table is refused.
 */
export function authorizeMutation(identity: Identity, name: string): void {
  const rule = mutationRule(name);
  const field = `Mutation.${name}`;
  if (!rule) {
    throw userError('FORBIDDEN', `“${name}”不在授权策略中，暂不可用 / ${field} is not in the authorization policy (shared/platform/policy.ts) and cannot be used`, { field });
  }
  authorize({ identity }, rule.action, { department: rule.actsOn, field });
}
