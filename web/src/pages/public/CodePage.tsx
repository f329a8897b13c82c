/**
 * 扫码入企: what a business sees when it scans an inspection code, at /code/<code> (or typed in).
 * Who is at the door (name and certificate number), the task and its legal basis, and whether
 * the code is valid, expired or revoked (and why). Status wording: lib/code-status.ts.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { useLocation } from 'wouter';
import { InspectionCodeScanDocument, RateInspectionVisitDocument } from '../../api/generated/graphql.js';
import { codeStatusView, validityText } from '../../lib/code-status.js';
import { apiErrors, errorsByField } from '../../lib/errors.js';
import { departmentName } from '../../lib/labels.js';
import { ErrorList, FieldErrors, Loading } from '../../ui.js';
import { codeToken } from '../../lib/code-link.js';

function Scan({ code }: { code: string }) {
  const [{ data, fetching, error }] = useQuery({ query: InspectionCodeScanDocument, variables: { code } });
  const { byField, other } = errorsByField(apiErrors(error), ['code']);
  const scan = data?.inspectionCodeScan;
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
          {scan.status !== 'NOT_YET_VALID' ? <Rating code={code} /> : null}
        </>
      ) : null}
    </>
  );
}

const SCORES = ['非常不满意', '不满意', '一般', '满意', '非常满意'];
const MAX_COMMENT = 200;

/** 检查评价: the business rates the visit, no sign-in; one rating per code (the API says CONFLICT to a second). */
function Rating({ code }: { code: string }) {
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [{ data, fetching, error }, rate] = useMutation(RateInspectionVisitDocument);
  const { byField, other } = errorsByField(apiErrors(error), ['score', 'comment', 'code']);
  const rated = data?.rateInspectionVisit;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (score) void rate({ code, score, comment: comment.trim() || null });
  };
  return (
    <section aria-labelledby="rating" className="rating">
      <h2 id="rating">评价本次检查</h2>
      {rated ? (
        <p role="status" className="verdict ok">感谢您的评价：{rated.score} 分（{SCORES[rated.score - 1]}）。</p>
      ) : (
        <form onSubmit={submit}>
          <fieldset aria-describedby={byField.score ? 'score-error' : undefined}>
            <legend>评分（1–5 分）</legend>
            {SCORES.map((label, i) => (
              <label key={label} className="choice">
                <input type="radio" name="score" value={i + 1} checked={score === i + 1} onChange={() => setScore(i + 1)} />
                {i + 1} 分 {label}
              </label>
            ))}
            <FieldErrors id="score-error" messages={byField.score} />
          </fieldset>
          <label htmlFor="rating-comment">意见（选填，最多 {MAX_COMMENT} 字）</label>
          <textarea id="rating-comment" rows={3} maxLength={MAX_COMMENT} value={comment} onChange={(e) => setComment(e.target.value)}
            aria-describedby={byField.comment ? 'comment-error' : 'comment-count'} aria-invalid={byField.comment ? true : undefined} />
          <p id="comment-count" className="muted">{[...comment].length} / {MAX_COMMENT}</p>
          <FieldErrors id="comment-error" messages={byField.comment} />
          <FieldErrors id="rating-code-error" messages={byField.code} />
          <ErrorList errors={other} />
          <button type="submit" disabled={!score || fetching}>{fetching ? '正在提交…' : '提交评价'}</button>
        </form>
      )}
    </section>
  );
}

export function CodePage({ code }: { code: string }) {
  const [, navigate] = useLocation();
  const [input, setInput] = useState(code);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (codeToken(input)) navigate(`/code/${encodeURIComponent(codeToken(input))}`);
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
