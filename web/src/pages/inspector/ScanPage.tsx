/**
 * 扫码入企: the inspector scans the business's inspection code — with the camera through the
 * browser's BarcodeDetector where it exists, otherwise typed or pasted — and the scan is recorded
 * (recordInspectionScan); the task's items and team are kept on the phone for the record form.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { useLocation } from 'wouter';
import { RecordInspectionScanDocument } from '../../api/generated/graphql.js';
import { apiErrors, errorsByField } from '../../lib/errors.js';
import { ErrorList, FieldErrors } from '../../ui.js';
import { storeScan } from './queue.js';
import { codeToken } from '../../lib/code-link.js';

interface Detector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
type DetectorClass = new (opts: { formats: string[] }) => Detector;
const detectorClass = (): DetectorClass | undefined => (globalThis as unknown as { BarcodeDetector?: DetectorClass }).BarcodeDetector;

function Camera({ onCode, onError }: { onCode: (code: string) => void; onError: (message: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    let stream: MediaStream | undefined;
    let timer: number | undefined;
    let stopped = false;
    const Detector = detectorClass()!;
    const detector = new Detector({ formats: ['qr_code'] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (s) => {
        stream = s;
        if (stopped || !video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        const tick = async () => {
          if (stopped || !video.current) return;
          const found = await detector.detect(video.current).catch(() => []);
          if (found[0]?.rawValue) onCode(found[0].rawValue);
          else timer = window.setTimeout(() => void tick(), 300);
        };
        void tick();
      })
      .catch((e: Error) => onError(`无法打开摄像头，请手工输入检查码 / cannot open the camera: ${e.message}`));
    return () => {
      stopped = true;
      if (timer) window.clearTimeout(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [onCode, onError]);
  return <video ref={video} className="scanner" muted playsInline aria-label="摄像头取景" />;
}

export function ScanPage() {
  const [, navigate] = useLocation();
  const [code, setCode] = useState('');
  const [camera, setCamera] = useState(false);
  const [cameraError, setCameraError] = useState<string | null>(null);
  const [{ fetching, error }, record] = useMutation(RecordInspectionScanDocument);
  const { byField, other } = errorsByField(apiErrors(error), ['code']);
  const canScan = !!detectorClass() && !!navigator.mediaDevices?.getUserMedia;

  const submit = async (value: string) => {
    const token = codeToken(value);
    if (!token) return;
    const result = await record({ code: token });
    const scan = result.data?.recordInspectionScan;
    if (!scan) return;
    storeScan({
      taskId: scan.taskId,
      taskTitle: scan.code.taskTitle ?? scan.taskId,
      uscc: scan.uscc,
      team: scan.code.certificateNumbers,
      items: scan.code.items.map((i) => ({ code: i.code, name: i.name, legalBasis: i.legalBasis })),
      scannedAt: scan.scannedAt,
      validUntil: scan.code.validUntil ?? null,
    });
    navigate(`/record/${encodeURIComponent(scan.taskId)}/${encodeURIComponent(scan.uscc)}`);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit(code);
  };

  return (
    <>
      <h1>扫码入企</h1>
      <p>到达企业后扫描企业出示的检查码（或手工输入），系统记录扫码时间，随后填写检查记录。</p>
      {canScan ? (
        camera ? (
          <>
            <Camera onCode={(c) => { setCamera(false); setCode(c); void submit(c); }} onError={(m) => { setCamera(false); setCameraError(m); }} />
            <p><button type="button" onClick={() => setCamera(false)}>关闭摄像头</button></p>
          </>
        ) : (
          <p><button type="button" onClick={() => { setCameraError(null); setCamera(true); }}>用摄像头扫码</button></p>
        )
      ) : (
        <p className="muted">本浏览器不支持摄像头识别二维码，请输入或粘贴检查码。</p>
      )}
      {cameraError ? <ErrorList errors={[{ message: cameraError }]} /> : null}
      <form onSubmit={onSubmit}>
        <label htmlFor="scan-code">检查码</label>
        <textarea id="scan-code" rows={3} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" spellCheck={false}
          aria-invalid={byField.code ? true : undefined} aria-describedby={byField.code ? 'scan-code-error' : undefined} />
        <FieldErrors id="scan-code-error" messages={byField.code} />
        <p><button type="submit" disabled={fetching}>{fetching ? '正在记录…' : '记录扫码'}</button></p>
      </form>
      <ErrorList errors={other} />
    </>
  );
}
