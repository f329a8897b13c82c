import QRCode from 'qrcode';
import { Arg, Field, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import { badInput } from '../../../shared/platform/errors.js';
import { MAX_TOKEN_LENGTH, parseInspectionCode } from '../../../shared/platform/inspection-code.js';
import { codeLink, publicBaseUrl } from '../../../shared/platform/public-url.js';

/**
 * Printing an inspection code (检查码) as a QR code for the team to show at the door. Anyone may
 * render any well-formed code: a picture vouches for nothing, and the business checks the code
 * itself when it scans it (`inspectionCodeScan`), so the signature is not checked here.
 */
export enum QrFormat {
  SVG = 'SVG',
  PNG = 'PNG',
}
registerEnumType(QrFormat, {
  name: 'QrFormat',
  description: 'SVG (text) or PNG (base64).',
  valuesConfig: { SVG: { description: 'An SVG document (text).' }, PNG: { description: 'A PNG image, base64-encoded.' } },
});

@ObjectType('InspectionCodeQr', { description: 'An inspection code rendered as a QR code.' })
export class InspectionCodeQr {
  @Field(() => QrFormat, { description: 'The format rendered.' }) format!: QrFormat;
  @Field(() => String, { description: 'image/svg+xml or image/png.' }) mimeType!: string;
  @Field(() => String, { description: 'The SVG document, or the PNG file in base64.' }) data!: string;
}

/** Read (and checked) when the subgraph starts: a wrong YIYE_PUBLIC_URL stops it with the reason. */
const PUBLIC_BASE = publicBaseUrl();

/** Error correction M (15 %): survives a smudged print and keeps a ~500-character code small. */
const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 4 } as const;

export async function renderQr(text: string, format: QrFormat): Promise<InspectionCodeQr> {
  if (format === QrFormat.PNG) {
    const png = await QRCode.toBuffer(text, { ...QR_OPTIONS, type: 'png', scale: 6 });
    return { format, mimeType: 'image/png', data: png.toString('base64') };
  }
  return { format, mimeType: 'image/svg+xml', data: await QRCode.toString(text, { ...QR_OPTIONS, type: 'svg' }) };
}

@Resolver()
export class InspectionCodeQrResolver {
  @Query(() => InspectionCodeQr, {
    description:
      'Public: renders a well-formed inspection code (检查码) as a QR code (SVG or PNG) holding the link to its public page, ' +
      '`<YIYE_PUBLIC_URL>/code/<token>`, so that a phone camera opens it. The signature is NOT checked: ' +
      'printing a code does not vouch for it; whoever scans it checks it with inspectionCodeScan. Anything that is not ' +
      'shaped like an inspection code is refused (BAD_USER_INPUT, field token).',
  })
  async inspectionCodeQr(
    @Arg('token', () => String, { description: 'The inspection code (检查码) to render.' }) token: string,
    @Arg('format', () => QrFormat, { nullable: true, defaultValue: QrFormat.SVG, description: 'SVG (default) or PNG.' }) format: QrFormat | null,
  ): Promise<InspectionCodeQr> {
    const parsed = parseInspectionCode(token);
    if (!parsed.ok) {
      throw badInput(
        'token',
        `这不是格式正确的检查码（${parsed.reason}），最长${MAX_TOKEN_LENGTH}字符 / this is not a well-formed inspection code (${parsed.reason}); at most ${MAX_TOKEN_LENGTH} characters`,
        { reason: parsed.reason },
      );
    }
    return renderQr(codeLink(token.trim(), PUBLIC_BASE), format ?? QrFormat.SVG);
  }
}
