/**
 * npm run samples — regenerates docs/samples/ (small example files of every kind), deterministic.
 * The businesses are NOT in the demo county (their own seed), so importing register.csv into a
 * running demo adds 20 businesses; credit-classes.csv, targets-public-security.csv and
 * targets-fire-rescue.csv refer to them (import register.csv first: a target must be registered).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeUscc, prng } from '../shared/demo/county.js';
import { CREDIT_CLASS_COLUMNS, INSPECTOR_COLUMNS, REGISTER_COLUMNS, targetColumns, writeTableFile, type Values } from '../shared/exchange/index.js';
import { REGIONS } from '../shared/domain/industries.js';

const dir = fileURLToPath(new URL('../docs/samples/', import.meta.url));
fs.mkdirSync(dir, { recursive: true });
const rand = prng('yiye-samples/register');
const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];

const industries: [string, string][] = [
  ['6129', '宾馆'], ['6121', '快捷酒店'], ['6130', '民宿'], ['6210', '饭店'], ['9013', '网吧'], ['9011', 'KTV'], ['5265', '加油站'], ['5212', '超市'],
];
const words = '福安鑫源恒盛华兴德润金泰宏达顺发永和天成嘉禾';
const register: Values[] = [];
for (let i = 0; i < 20; i++) {
  const [industryCode, suffix] = industries[i % industries.length];
  register.push({
    uscc: makeUscc(rand, i % 3 === 0),
    name: `馆陶县${pick([...words])}${pick([...words])}${suffix}`,
    industryCode,
    regionCode: pick(Object.keys(REGIONS)),
    status: i === 7 ? 'suspended' : 'operating',
    creditRiskClass: pick(['A', 'A', 'B', 'B', 'B', 'C', 'D']),
    registeredOn: `20${String(10 + (i % 15)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + ((i * 7) % 28)).padStart(2, '0')}`,
  });
}
const out = (name: string) => path.join(dir, name);
await writeTableFile(out('register.csv'), REGISTER_COLUMNS, register);
await writeTableFile(out('register.xlsx'), REGISTER_COLUMNS, register, { sheetName: 'register' });

// Monthly reclassification: five changes, three unchanged rows, one with its own effective date.
const nextClass: Record<string, string> = { A: 'B', B: 'C', C: 'B', D: 'C' };
const credit: Values[] = register.slice(0, 8).map((r, i) => ({
  uscc: r.uscc,
  creditRiskClass: i < 5 ? nextClass[r.creditRiskClass] : r.creditRiskClass,
  effectiveDate: i === 0 ? '2026-11-01' : '',
}));
await writeTableFile(out('credit-classes.csv'), CREDIT_CLASS_COLUMNS, credit);

const inspectors: Values[] = [
  { certificateNumber: '130433029001', name: '王建国', department: 'public-security', brigade: 'public-order', expertise: 'hotel;guest-registration', status: 'active' },
  { certificateNumber: '130433029002', name: '李秀英', department: '公安局', brigade: '网络安全保卫大队', expertise: 'internet-cafe；network', status: '在岗' },
  { certificateNumber: '130433029003', name: '张伟', department: 'public-security', brigade: 'criminal-investigation', expertise: 'scrap', status: 'suspended' },
  { certificateNumber: '130433029004', name: '刘洋', department: 'public-security', brigade: 'public-order', expertise: 'entertainment;hotel', status: 'active' },
];
await writeTableFile(out('inspectors.csv'), INSPECTOR_COLUMNS, inspectors);

const targets: Values[] = register
  .filter((r) => ['6129', '6121', '6130', '9013', '9011'].includes(r.industryCode))
  .map((r) => ({
    uscc: r.uscc,
    supervisedSince: '2026-01-01',
    brigade: r.industryCode === '9013' ? 'cyber-security' : 'public-order',
    specialTradeLicence: r.industryCode.startsWith('61') ? `冀公特2026${r.uscc.slice(10, 15)}` : '',
  }));
await writeTableFile(out('targets-public-security.csv'), targetColumns('public-security'), targets);

// Fire and rescue: crowded venues, fuel stations (flammable), restaurants (general); 是/否 as clerks type it.
const venue: Record<string, string> = { '5265': 'flammable', '6210': 'general' };
const fireTargets: Values[] = register.map((r) => ({
  uscc: r.uscc,
  supervisedSince: '2026-01-01',
  venueCategory: venue[r.industryCode] ?? 'crowded-venue',
  keyFireSafetyUnit: ['5265', '9011', '6129'].includes(r.industryCode) ? '是' : '否',
}));
await writeTableFile(out('targets-fire-rescue.csv'), targetColumns('fire-rescue'), fireTargets);

// One bad row per kind of error (and two good rows), for the README's example report.
const good = register.slice(0, 2);
const bad: Values[] = [
  ...good,
  { ...register[2], uscc: register[2].uscc.slice(0, 17) + (register[2].uscc[17] === '0' ? '1' : '0') }, // check character
  { ...register[3], uscc: register[3].uscc.slice(0, 16) }, // length
  { ...register[4], uscc: `${register[4].uscc.slice(0, 10)}O${register[4].uscc.slice(11)}` }, // letter O
  { ...register[5], industryCode: '1234' },
  { ...register[6], regionCode: '110101001' },
  { ...register[7], status: 'closed' },
  { ...register[8], creditRiskClass: 'E' },
  { ...register[9], registeredOn: '2026-02-30' },
  { ...register[10], registeredOn: '2099-01-01' },
  { ...register[11], name: '' },
  { ...good[0], name: `${good[0].name}（重复）` }, // duplicate USCC
];
await writeTableFile(out('register-bad.csv'), REGISTER_COLUMNS, bad);
console.log(`wrote ${fs.readdirSync(dir).join(', ')} in ${dir}`);
