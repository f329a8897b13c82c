/**
 * 扫码入企: what a business sees when it scans an inspection code, at /code/<code> (or typed in).
 * Who is at the door (name and certificate number), the task and its legal basis, and whether
 * the code is valid, expired or revoked (and why). Status wording: lib/code-status.ts.
 */
import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { useLocation } from 'wouter';
import { InspectionCodeScanDocument } from '../../api/generated/graphql.js';
import { codeStatusView, validityText } from '../../lib/code-status.js';
import { apiErrors, errorsByField } from '../../lib/errors.js';
import { departmentName } from '../../lib/labels.js';
import { ErrorList, FieldErrors, Loading } from '../../ui.js';

function Scan({ code }: { code: string }) {
  const [{ data, fetching, error }] = useQuery({ query: InspectionCodeScanDocument, variables: { code } });
  const { byField, other } = errorsByField(apiErrors(error), ['code']);
  const scan = data?.scanInspectionCode;
  if (fetching && !scan) return <Loading what="检查码核验结果" />;
  if (!scan) return <><FieldErrors id="code-error" messages={byField.code} /><ErrorList errors={other} /></>;
  const view = codeStatusView(scan.status);
  return (
    <>
      <section aria-labelledby="code-status" className={`verdict ${view.tone}`}>
        <h2 id="code-status">{view.headline}</h2>
        <p>{view.advice}</p>
        {scan.status === 'REVOKED' ? <p><strong>撤销原因：</strong>{scan.revocationReason ?? '未说明'}</p> : null}
        <p className="muted">{scan.message}</p>
      </section>
      {view.showDetails ? (
        <>
          <section aria-labelledby="team">
            <h2 id="team">检查人员（亮证执法）</h2>
            <table>
              <caption className="sr-only">检查组成员，组长在前</caption>
              <thead><tr><th scope="col">姓名</th><th scope="col">执法证号</th><th scope="col">部门</th><th scope="col">职责</th></tr></thead>
              <tbody>
                {scan.inspectors.map((m, i) => (
                  <tr key={m.certificateNumber}>
                    <td>{m.name ?? '（部门暂未答复）'}</td>
                    <td>{m.certificateNumber}</td>
                    <td>{departmentName(m.department)}</td>
                    <td>{i === 0 ? '组长' : '组员'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="task">
            <h2 id="task">检查任务与法律依据</h2>
            <dl className="facts">
              <dt>任务</dt><dd>{scan.taskTitle}（{scan.taskId}）</dd>
              <dt>组织部门</dt><dd>{departmentName(scan.department)}</dd>
              <dt>被检查企业</dt><dd>{scan.uscc}</dd>
              <dt>有效期</dt><dd>{validityText(scan.validFrom, scan.validUntil)}</dd>
            </dl>
            <ul className="items">
              {scan.items.map((it) => (
                <li key={it.code}><strong>{it.name}</strong>（{it.code}）：{it.legalBasis}</li>
              ))}
            </ul>
          </section>
        </>
      ) : null}
    </>
  );
}

export function CodePage({ code }: { code: string }) {
  const [, navigate] = useLocation();
  const [input, setInput] = useState(code);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (input.trim()) navigate(`/code/${encodeURIComponent(input.trim())}`);
  };
  return (
    <>
      <h1>检查码核验</h1>
      {code ? (
        <Scan code={code} />
      ) : (
        <form onSubmit={submit}>
          <p>请扫描检查人员出示的检查码，或在下面输入检查码。</p>
          <label htmlFor="code">检查码</label>
          <input id="code" value={input} onChange={(e) => setInput(e.target.value)} autoComplete="off" />
          <button type="submit">核验</button>
        </form>
      )}
    </>
  );
}
