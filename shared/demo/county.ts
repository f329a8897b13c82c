import { createHash } from 'node:crypto';
import { USCC_ALPHABET, usccCheckCharacter } from '../domain/uscc.js';
import { INDUSTRIES, REGIONS } from '../domain/industries.js';

/**
 * The demo county: a deterministic generator shared by every subgraph's seed, so that the
 * departments' directories refer to the same businesses without any SQL across departments.
 * Same seed and size → byte-identical data. Proportions are believable for a county of
 * ~300,000 people (Guantao, Hebei): mostly shops and restaurants, a few hundred hotels.
 */
export type RiskClass = 'A' | 'B' | 'C' | 'D';

export interface DemoBusiness {
  uscc: string;
  name: string;
  industryCode: string;
  regionCode: string;
  status: 'operating' | 'suspended' | 'deregistered';
  creditRiskClass: RiskClass;
  registeredOn: string;
  /** Index in the county; used by department seeds to pick subsets deterministically. */
  index: number;
}

export interface DemoInspector {
  certificateNumber: string;
  name: string;
  brigade?: string;
  expertise: string[];
  status: 'active' | 'suspended' | 'retired';
}

export const DEMO_SEED = process.env.YIYE_DEMO_SEED ?? 'guantao-2026';
export const DEMO_SIZE = Number(process.env.YIYE_DEMO_BUSINESSES ?? 20_000);

/** mulberry32: small, fast, and the same in every language; seeded from SHA-256 of the label. */
export function prng(label: string): () => number {
  let a = createHash('sha256').update(label).digest().readUInt32BE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(rand: () => number, table: [T, number][]): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = rand() * total;
  for (const [v, w] of table) if ((x -= w) < 0) return v;
  return table[table.length - 1][0];
}

const INDUSTRY_WEIGHTS: [string, number][] = [
  ['5299', 5200], ['5212', 900], ['5211', 150], ['5265', 60], ['5191', 80],
  ['6210', 3200], ['6220', 1500], ['6110', 40], ['6121', 120], ['6129', 260], ['6130', 200],
  ['8051', 1500], ['8052', 150], ['9011', 120], ['9013', 90],
];
const CLASS_WEIGHTS: [RiskClass, number][] = [['A', 30], ['B', 55], ['C', 12], ['D', 3]];
const STATUS_WEIGHTS: [DemoBusiness['status'], number][] = [['operating', 95], ['suspended', 3], ['deregistered', 2]];

const NAME_WORDS = '福安鑫源恒盛华兴德润金泰宏达顺发永和天成嘉禾聚丰瑞祥美佳好运利民万家新世纪东方银河星光锦绣';
const SUFFIX: Record<string, string[]> = {
  '5299': ['商行', '日杂店', '便利店', '五金店'], '5212': ['超市', '生活超市'], '5211': ['百货商场', '购物中心'],
  '5265': ['加油站'], '5191': ['废旧物资回收站'], '6210': ['饭店', '酒楼', '餐馆'], '6220': ['快餐店', '小吃店'],
  '6110': ['大酒店'], '6121': ['快捷酒店'], '6129': ['宾馆', '旅馆', '招待所'], '6130': ['民宿'],
  '8051': ['美发店', '美容院'], '8052': ['洗浴中心', '足疗店'], '9011': ['KTV', '歌舞厅'], '9013': ['网吧', '网咖'],
};

export function makeUscc(rand: () => number, individual: boolean): string {
  // 9 = registered by market supervision; 1 = enterprise, 2 = individual business (个体工商户).
  let org = '';
  for (let i = 0; i < 9; i++) org += USCC_ALPHABET[Math.floor(rand() * USCC_ALPHABET.length)];
  const first17 = `9${individual ? '2' : '1'}130433${org}`;
  return first17 + usccCheckCharacter(first17);
}

export function demoBusinesses(size = DEMO_SIZE, seed = DEMO_SEED): DemoBusiness[] {
  const rand = prng(`${seed}/businesses`);
  const regions = Object.keys(REGIONS);
  const seen = new Set<string>();
  const out: DemoBusiness[] = [];
  for (let index = 0; out.length < size; index++) {
    const industryCode = weighted(rand, INDUSTRY_WEIGHTS);
    const individual = ['5299', '6220', '8051'].includes(industryCode) && rand() < 0.7;
    const uscc = makeUscc(rand, individual);
    if (seen.has(uscc)) continue;
    seen.add(uscc);
    const word = () => NAME_WORDS[Math.floor(rand() * NAME_WORDS.length)];
    const suffixes = SUFFIX[industryCode];
    const name = `馆陶县${word()}${word()}${suffixes[Math.floor(rand() * suffixes.length)]}`;
    const year = 2005 + Math.floor(rand() * 21);
    const month = 1 + Math.floor(rand() * 12);
    const day = 1 + Math.floor(rand() * 28);
    out.push({
      uscc,
      name,
      industryCode,
      regionCode: regions[Math.floor(rand() * regions.length)],
      status: weighted(rand, STATUS_WEIGHTS),
      creditRiskClass: weighted(rand, CLASS_WEIGHTS),
      registeredOn: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      index: out.length,
    });
  }
  return out;
}

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建国志新海波宁';

/** Inspectors of one department: certificate numbers 130433 + department number (2) + sequence (4). */
export function demoInspectors(
  department: string,
  departmentNumber: number,
  count: number,
  expertisePool: string[],
  brigades: string[] = [],
  seed = DEMO_SEED,
): DemoInspector[] {
  const rand = prng(`${seed}/inspectors/${department}`);
  const out: DemoInspector[] = [];
  for (let i = 1; i <= count; i++) {
    const name = SURNAMES[Math.floor(rand() * SURNAMES.length)] + GIVEN[Math.floor(rand() * GIVEN.length)] +
      (rand() < 0.5 ? GIVEN[Math.floor(rand() * GIVEN.length)] : '');
    const expertise = expertisePool.filter(() => rand() < 0.45);
    if (expertise.length === 0) expertise.push(expertisePool[i % expertisePool.length]);
    out.push({
      certificateNumber: `130433${String(departmentNumber).padStart(2, '0')}${String(i).padStart(4, '0')}`,
      name,
      brigade: brigades.length ? brigades[i % brigades.length] : undefined,
      expertise,
      status: weighted(rand, [['active', 90], ['suspended', 6], ['retired', 4]]),
    });
  }
  return out;
}

export const industryName = (code: string) => INDUSTRIES[code]?.nameZh ?? code;
