/**
 * One published draw: its commitment and result, and "check this draw" (校验抽签), which
 * recomputes the draw in this browser from the export (lib/draw-check.ts, docs/draw.md). The
 * export can also be pasted or loaded from a file, to check a copy obtained elsewhere.
 */
import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { DrawExportDocument } from '../../api/generated/graphql.js';
import { checkDrawExport, DrawExportUnreadable, type DrawCheckResult } from '../../lib/draw-check.js';
import { apiErrors } from '../../lib/errors.js';
import { ErrorList, Loading } from '../../ui.js';

interface Summary {
  commitment: Record<string, unknown>;
  seed: string;
  drawn: string[];
}

function summary(text: string): Summary | null {
  try {
    const d = JSON.parse(text);
    return { commitment: d.commitment, seed: d.seed, drawn: d.result.drawn };
  } catch {
    return null;
  }
}

function CheckResult({ result }: { result: DrawCheckResult }) {
  return (
    <section aria-labelledby="check-result" className={result.match ? 'verdict ok' : 'verdict danger'}>
      <h2 id="check-result" role="status">
        {result.match ? '校验通过：抽签结果与承诺一致，可复现' : '校验未通过：抽签结果与承诺不一致'}
      </h2>
      <p className="muted">
        任务 {result.taskId}，名录池 {result.poolSize} 家，各类应抽 {Object.entries(result.quotas).map(([k, v]) => `${k}=${v}`).join(' ')}，
        共 {result.expected.length} 家（哈希：{result.backend === 'webcrypto' ? '浏览器 WebCrypto' : '@noble/hashes'}）
      </p>
      <ul className="checks">
        {result.checks.map((c) => (
          <li key={c.name} className={c.ok ? 'ok' : 'danger'}>
            <strong>{c.ok ? '✓ 一致' : '✗ 不一致'}</strong> {c.name}
            {c.ok ? null : <p className="detail">{c.detail}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function DrawPage({ taskId }: { taskId: string }) {
  const [{ data, fetching, error }] = useQuery({ query: DrawExportDocument, variables: { taskId } });
  const [text, setText] = useState('');
  const [result, setResult] = useState<DrawCheckResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  useEffect(() => {
    if (data?.jointDrawExport) setText(JSON.stringify(JSON.parse(data.jointDrawExport), null, 2));
  }, [data?.jointDrawExport]);
  const published = data?.jointDrawExport ? summary(data.jointDrawExport) : null;

  const check = async () => {
    setChecking(true);
    setResult(null);
    setProblem(null);
    try {
      setResult(await checkDrawExport(text));
    } catch (e) {
      setProblem(e instanceof DrawExportUnreadable ? e.message : `校验失败 / the check failed: ${(e as Error).message}`);
    } finally {
      setChecking(false);
    }
  };
  const loadFile = async (file: File | undefined) => {
    if (file) setText(await file.text());
  };

  return (
    <>
      <h1>抽签公示：{taskId}</h1>
      <ErrorList errors={apiErrors(error)} />
      {fetching && !data ? <Loading what="抽签导出" /> : null}
      {published ? (
        <section aria-labelledby="commitment">
          <h2 id="commitment">抽签承诺</h2>
          <dl className="facts">
            <dt>算法</dt><dd>{String(published.commitment.algorithm)}</dd>
            <dt>承诺哈希</dt><dd className="hash">{String(published.commitment.commitmentHash)}</dd>
            <dt>名录池哈希</dt><dd className="hash">{String(published.commitment.poolHash)}</dd>
            <dt>名录池规模</dt><dd>{String(published.commitment.poolSize)}</dd>
            <dt>抽查比例（万分比）</dt><dd>{JSON.stringify(published.commitment.ratios)}</dd>
            <dt>种子哈希</dt><dd className="hash">{String(published.commitment.seedHash)}</dd>
            <dt>承诺时间</dt><dd>{String(published.commitment.committedAt)}</dd>
            <dt>公布的种子</dt><dd className="hash">{published.seed}</dd>
            <dt>抽中企业</dt><dd>{published.drawn.length} 家</dd>
          </dl>
          <details>
            <summary>抽中企业名单（统一社会信用代码）</summary>
            <ol className="usccs">{published.drawn.map((u) => <li key={u}>{u}</li>)}</ol>
          </details>
        </section>
      ) : null}
      <section aria-labelledby="checker">
        <h2 id="checker">校验抽签</h2>
        <p>
          校验在您的浏览器中按公开算法（yiye-draw/1）重算：承诺哈希、种子哈希、名录池哈希和抽中名单。下框中是平台公布的抽签导出，
          也可以粘贴或载入您从别处取得的导出文件进行校验。
        </p>
        <label htmlFor="draw-export">抽签导出（JSON）</label>
        <textarea id="draw-export" rows={10} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false}
          aria-describedby={problem ? 'draw-export-error' : undefined} />
        <label htmlFor="draw-file">或载入导出文件</label>
        <input id="draw-file" type="file" accept="application/json,.json" onChange={(e) => void loadFile(e.target.files?.[0])} />
        <p>
          <button type="button" onClick={() => void check()} disabled={checking || !text.trim()}>
            {checking ? '正在校验…' : '校验抽签'}
          </button>
        </p>
        {problem ? <div id="draw-export-error" role="alert" className="field-error"><p>{problem}</p></div> : null}
        {result ? <CheckResult result={result} /> : null}
      </section>
    </>
  );
}
