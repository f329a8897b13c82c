/**
 * 名录导入与导出: a target or inspector file (CSV or XLSX) sent with upload progress and a stage
 * indicator; a refused file's row errors as a table (row, column, value, message); the directory
 * export downloaded as a file.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useClient } from 'urql';
import type { DirectoryImportKind, ExportFormat } from '../../../api/generated/graphql.js';
import { apiErrors, type ApiError } from '../../../lib/errors.js';
import { ErrorList, FieldErrors } from '../../../ui.js';
import type { DepartmentConfig, ImportReport } from './ops.js';
import { formErrors } from './parts.js';
import { downloadBase64, fileToBase64, postWithProgress, type UploadProgress } from './upload.js';

const STAGES: { stage: UploadProgress['stage']; label: string }[] = [
  { stage: 'reading', label: '读取文件' },
  { stage: 'uploading', label: '上传' },
  { stage: 'processing', label: '服务器校验与写入' },
  { stage: 'done', label: '完成' },
];
const KINDS: { value: DirectoryImportKind; label: string }[] = [
  { value: 'TARGETS' as DirectoryImportKind, label: '检查对象名录' },
  { value: 'INSPECTORS' as DirectoryImportKind, label: '执法检查人员名录' },
];

export function ImportPanel({ config }: { config: DepartmentConfig }) {
  return (
    <>
      <ImportForm config={config} />
      <ExportForm config={config} />
    </>
  );
}

function ImportForm({ config }: { config: DepartmentConfig }) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<DirectoryImportKind>(KINDS[0].value);
  const [reason, setReason] = useState('');
  const [dryRun, setDryRun] = useState(false);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [report, setReport] = useState<ImportReport | null>(null);
  const { byField, other, props } = formErrors(errors, ['file', 'reason', 'kind']);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setReport(null);
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setErrors([{ message: '请选择要导入的文件（CSV 或 XLSX） / choose a CSV or XLSX file to import', field: 'file' }]);
      fileInput.current?.focus();
      return;
    }
    setErrors([]);
    setBusy(true);
    setProgress({ stage: 'reading', sent: 0, total: file.size });
    try {
      const contentBase64 = await fileToBase64(file);
      setProgress({ stage: 'uploading', sent: 0, total: 0 });
      const r = await postWithProgress(config.ops.importDirectory, { file: { contentBase64, fileName: file.name }, kind, reason, dryRun }, setProgress);
      setErrors(r.errors);
      if (r.data?.report) setReport(r.data.report);
    } catch (err) {
      setErrors([{ message: `无法读取文件 / cannot read the file (${(err as Error).message})`, field: 'file' }]);
    } finally {
      setBusy(false);
    }
  };

  const current = progress ? STAGES.findIndex((s) => s.stage === progress.stage) : -1;
  const percent = progress?.stage === 'uploading' && progress.total ? Math.round((progress.sent / progress.total) * 100) : progress && current >= 2 ? 100 : 0;

  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">导入名录文件</h2>
      <form onSubmit={submit} className="stack" aria-describedby="import-hint">
        <p id="import-hint" className="muted">文件中任何一行有误则整个文件不写入，并列出每一行的错误；改正后重新导入即可。</p>
        <p>
          <label htmlFor="import-kind">名录</label>
          <select id="import-kind" value={kind} onChange={(e) => setKind(e.target.value as DirectoryImportKind)} {...props('kind')}>
            {KINDS.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}
          </select>
          <FieldErrors id="kind-error" messages={byField.kind} />
        </p>
        <p>
          <label htmlFor="import-file">文件（CSV 或 XLSX）</label>
          <input id="import-file" ref={fileInput} type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {...props('file')} />
          <FieldErrors id="file-error" messages={byField.file} />
        </p>
        <p>
          <label htmlFor="import-reason">变更原因</label>
          <input id="import-reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="如：2026年度名录更新" {...props('reason')} />
          <FieldErrors id="reason-error" messages={byField.reason} />
        </p>
        <p>
          <input id="import-dry-run" type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />
          <label htmlFor="import-dry-run" className="inline">试导入（只校验，不写入）</label>
        </p>
        <p><button type="submit" disabled={busy}>导入</button></p>
      </form>
      {progress ? (
        <div className="import-progress">
          <ol className="stages" aria-label="导入进度">
            {STAGES.map((s, i) => (
              <li key={s.stage} className={i < current ? 'past' : i === current ? 'current' : 'future'} aria-current={i === current ? 'step' : undefined}>
                {s.label}{i < current || (i === current && s.stage === 'done') ? '（已完成）' : i === current ? '（进行中）' : ''}
              </li>
            ))}
          </ol>
          <label htmlFor="upload-progress">上传进度</label>
          <progress id="upload-progress" max={100} value={percent}>{percent}%</progress> <span>{percent}%</span>
        </div>
      ) : null}
      <ErrorList errors={other} />
      {report ? <ReportView report={report} /> : null}
    </section>
  );
}

function ReportView({ report }: { report: ImportReport }) {
  const summary = `${report.fileName}（${report.format.toUpperCase()}，${report.rows} 行）`;
  if (report.accepted) {
    return (
      <div role="status" className="verdict ok" id="import-result">
        <p>{report.dryRun ? '试导入通过（未写入）' : '导入成功'}：{summary}，新增 {report.inserted}，更新 {report.updated}，未变 {report.unchanged}。</p>
      </div>
    );
  }
  return (
    <section aria-labelledby="import-errors-heading">
      <div role="alert" className="verdict danger" id="import-result">
        <p>文件未导入，没有写入任何数据：{summary}有 {report.errorCount} 处错误，请改正后重新导入。</p>
      </div>
      <table id="import-errors">
        <caption id="import-errors-heading">导入错误报告（共 {report.errorCount} 处{report.errors.length < report.errorCount ? `，显示前 ${report.errors.length} 处` : ''}）</caption>
        <thead><tr><th scope="col">行</th><th scope="col">列</th><th scope="col">值</th><th scope="col">错误说明</th></tr></thead>
        <tbody>
          {report.errors.map((e, i) => (
            <tr key={i}>
              <td>{e.row}</td>
              <td>{e.column || '整行'}</td>
              <td>{e.value}</td>
              <td lang="zh-CN">{e.reasonZh}<br /><span lang="en" className="muted">{e.reasonEn}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ExportForm({ config }: { config: DepartmentConfig }) {
  const client = useClient();
  const [kind, setKind] = useState<DirectoryImportKind>(KINDS[0].value);
  const [format, setFormat] = useState<ExportFormat>('CSV' as ExportFormat);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [done, setDone] = useState('');
  const { byField, other, props } = formErrors(errors, ['kind', 'format']);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setDone('');
    const r = await client.query(config.ops.exportDirectory, { kind, format }, { requestPolicy: 'network-only' }).toPromise();
    setBusy(false);
    setErrors(apiErrors(r.error));
    const x = r.data?.export;
    if (x) {
      downloadBase64(x.contentBase64, x.fileName, format === 'CSV' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      setDone(`已导出 ${x.fileName}（${x.rows} 行）。`);
    }
  };

  return (
    <section aria-labelledby="export-heading">
      <h2 id="export-heading">导出名录</h2>
      <form onSubmit={submit} className="filters">
        <p>
          <label htmlFor="export-kind">名录</label>
          <select id="export-kind" value={kind} onChange={(e) => setKind(e.target.value as DirectoryImportKind)} {...props('kind')}>
            {KINDS.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}
          </select>
          <FieldErrors id="kind-error" messages={byField.kind} />
        </p>
        <p>
          <label htmlFor="export-format">格式</label>
          <select id="export-format" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)} {...props('format')}>
            <option value="CSV">CSV</option>
            <option value="XLSX">XLSX</option>
          </select>
          <FieldErrors id="format-error" messages={byField.format} />
        </p>
        <p><button type="submit" disabled={busy}>导出并下载</button></p>
      </form>
      <ErrorList errors={other} />
      {done ? <p role="status">{done}</p> : null}
    </section>
  );
}
