/** npm run authz-table: prints docs/authorization.md from the authorization policy (shared/platform/policy.ts). */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { authorizationMarkdown } from '../shared/platform/policy-table.js';

const target = fileURLToPath(new URL('../docs/authorization.md', import.meta.url));
const text = authorizationMarkdown();
const before = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
fs.writeFileSync(target, text);
console.log(`${before === text ? 'unchanged' : 'wrote'} docs/authorization.md`);
