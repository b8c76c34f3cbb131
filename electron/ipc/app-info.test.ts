import { describe, expect, it } from 'vitest';
import { appInfoHandler } from './app-info';

describe('app:info', () => {
  it('describes the desktop shell', async () => {
    const info = await appInfoHandler({ getVersion: () => '0.1.0', platform: 'linux' })(null);
    expect(info).toEqual({
      name: 'Tessera',
      version: '0.1.0',
      shell: 'desktop',
      platform: 'linux',
    });
  });
});
