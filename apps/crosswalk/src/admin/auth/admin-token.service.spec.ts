import { type AppConfig } from '../../boot/config.provider';
import { AdminTokenService } from './admin-token.service';

function service(tokens: { name: string; token: string }[]): AdminTokenService {
  return new AdminTokenService({
    http: { port: 3000, adminTokens: tokens },
  } as unknown as AppConfig);
}

describe('AdminTokenService', () => {
  const configured = service([
    { name: 'ops', token: 'ops-token-0123456789' },
    { name: 'audit', token: 'audit-token-abcdefgh' },
  ]);

  it.each([
    ['the first token', 'Bearer ops-token-0123456789', 'ops'],
    ['the second token', 'Bearer audit-token-abcdefgh', 'audit'],
    ['a lower-case scheme', 'bearer ops-token-0123456789', 'ops'],
    ['extra spaces', 'Bearer   ops-token-0123456789  ', 'ops'],
    ['no header', undefined, null],
    ['an empty header', '', null],
    ['another scheme', 'Basic ops-token-0123456789', null],
    ['a wrong token', 'Bearer ops-token-012345678', null],
    ['a longer token', 'Bearer ops-token-0123456789x', null],
    ['two tokens', 'Bearer ops-token-0123456789 audit-token-abcdefgh', null],
    ['the scheme alone', 'Bearer ', null],
  ])('%s -> %s', (_name, header, expected) => {
    expect(configured.identify(header)).toBe(expected);
  });

  it('accepts nothing when no token is configured', () => {
    expect(service([]).identify('Bearer anything')).toBeNull();
    expect(service([]).identify('Bearer ')).toBeNull();
  });
});
