/**
 * Result categories of an inspection (检查结果), coded as provincial systems store them
 * (see docs/domain.md "Result categories").
 */
export const RESULT_CODES: Readonly<Record<string, string>> = Object.freeze({
  '1': '未发现问题 / no problem found',
  A: '发现问题待后续处理 / problem found, follow-up pending',
  B: '未按规定公示应当公示的信息 / information that must be public was not published',
  C: '公示信息隐瞒真实情况、弄虚作假 / published information false',
  D: '其他违反市场监管法律法规的行为 / other market-regulation violation',
  '3': '违反食品药品安全规定 / food and drug rules',
  '4': '违反质量技术监督规定 / quality and technical supervision rules',
  G: '违反公安管理规定 / public-security rules',
  '5': '违反其他部门规定 / other departments\' rules',
  E: '发现问题已责令改正 / problem found and corrected on order',
  F: '未发现开展本次抽查涉及的经营活动 / does not carry on the activity checked',
  '6': '通过登记的住所（经营场所）无法联系 / cannot be reached at its registered address',
  '7': '已关闭停业或正在组织清算 / closed or in liquidation',
  '8': '不配合检查，情节严重 / refused to cooperate, serious',
  '9': '已注销 / deregistered',
  '10': '已被吊销营业执照 / licence revoked',
  '11': '已被撤销登记 / registration revoked',
  '12': '已迁出 / moved out',
});

/** Codes that mean a problem was found (what `finding-12m` rests on). */
export const PROBLEM_RESULT_CODES: ReadonlySet<string> = new Set(['A', 'B', 'C', 'D', '3', '4', 'G', '5', 'E', '8']);
