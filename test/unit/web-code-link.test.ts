import { describe, expect, it } from 'vitest';
import { codeToken } from '../../web/src/lib/code-link.js';
import { codeLink, publicBaseUrl } from '../../shared/platform/public-url.js';
import { resultSearch } from '../../web/src/lib/result-search.js';
import { startFederation } from '../../scripts/federation.js';

const TOKEN = 'eyJ2IjoxLCJjaWQiOiJhIn0.c2lnbmF0dXJlLXBhcnQ';

describe('codeToken: the bare token or the link of its QR code', () => {
  it('takes the bare token, trimmed', () => {
    expect(codeToken(`  ${TOKEN}\n`)).toBe(TOKEN);
  });
  it('takes the link the QR code holds, from any base', () => {
    expect(codeToken(`http://localhost:4000/code/${TOKEN}`)).toBe(TOKEN);
    expect(codeToken(` https://yiye.example.gov.cn/portal/code/${encodeURIComponent(TOKEN)}/ `)).toBe(TOKEN);
    expect(codeToken(codeLink(TOKEN, 'https://a.example'))).toBe(TOKEN);
  });
  it('leaves anything else as typed (the API says what is wrong with it)', () => {
    expect(codeToken('https://example.com/plans/JP-1')).toBe('https://example.com/plans/JP-1');
    expect(codeToken('hello')).toBe('hello');
  });
});

describe('YIYE_PUBLIC_URL', () => {
  it('defaults to http://localhost:4000 and drops a trailing slash', () => {
    expect(publicBaseUrl({})).toBe('http://localhost:4000');
    expect(publicBaseUrl({ YIYE_PUBLIC_URL: 'https://yiye.example.gov.cn/portal/' })).toBe('https://yiye.example.gov.cn/portal');
    expect(codeLink(TOKEN, publicBaseUrl({}))).toBe(`http://localhost:4000/code/${TOKEN}`);
  });
  it('refuses what is not an http(s) URL without query or fragment, naming the variable', () => {
    for (const bad of ['localhost:4000', 'ftp://example.com', 'https://example.com/?a=1', 'https://example.com/#top', 'not a url']) {
      expect(() => publicBaseUrl({ YIYE_PUBLIC_URL: bad }), bad).toThrow(/YIYE_PUBLIC_URL/);
    }
  });
  it('a wrong one stops the start before any process is launched', async () => {
    await expect(startFederation({ pgUrl: 'postgres://unused', dbPrefix: 'unused', ports: 'free', env: { YIYE_PUBLIC_URL: 'https://example.com/?x=1' } })).rejects.toThrow(
      /YIYE_PUBLIC_URL "https:\/\/example.com\/\?x=1" must not have a query/,
    );
  });
});

describe('resultSearch: one box for a USCC or a business name', () => {
  it('18 USCC characters search by USCC, upper-cased', () => {
    expect(resultSearch(' 91130433ma0c1kqx3p ')).toEqual({ uscc: '91130433MA0C1KQX3P', name: null });
  });
  it('anything else by name, trimmed; empty by nothing', () => {
    expect(resultSearch(' 馆陶县加油站 ')).toEqual({ uscc: null, name: '馆陶县加油站' });
    expect(resultSearch('91130433MA0C1KQX3')).toEqual({ uscc: null, name: '91130433MA0C1KQX3' });
    expect(resultSearch('91130433MA0C1KQXIO')).toEqual({ uscc: null, name: '91130433MA0C1KQXIO' });
    expect(resultSearch('  ')).toEqual({ uscc: null, name: null });
  });
});
