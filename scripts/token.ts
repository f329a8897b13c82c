/**
 * npm run token -- --role coordinator [--role analyst] [--department public-security] [--subject name] [--cert 执法证号] [--expires 12h]
 * Prints a development token signed with YIYE_JWT_SECRET (or the development secret).
 */
import { parseArgs } from 'node:util';
import { issueUserToken, ROLES } from '../shared/platform/auth.js';
import { isKnownOrganisation, DEPARTMENT_CODES, OFFICE } from '../shared/domain/departments.js';

const { values } = parseArgs({
  options: {
    role: { type: 'string', multiple: true },
    department: { type: 'string' },
    subject: { type: 'string' },
    cert: { type: 'string' },
    expires: { type: 'string', default: '12h' },
  },
});
const roles = values.role ?? [];
const fail = (msg: string) => {
  console.error(msg);
  console.error(`roles: ${ROLES.join(', ')}; departments: ${[...DEPARTMENT_CODES, OFFICE.code].join(', ')}`);
  process.exit(2);
};
if (roles.length === 0) fail('name at least one --role');
const unknown = roles.find((r) => !(ROLES as readonly string[]).includes(r));
if (unknown) fail(`unknown role "${unknown}"`);
if (values.department && !isKnownOrganisation(values.department)) fail(`unknown department "${values.department}"`);
if (roles.includes('department-admin') && !values.department) fail('a department-admin needs --department');
if (values.cert && !roles.includes('inspector')) fail('--cert (certificate number) is for inspectors only');
console.log(await issueUserToken({ roles, department: values.department, subject: values.subject, certificateNumber: values.cert }, { expiresIn: values.expires }));
