import type { AppInfo } from '../../shared/ipc';
import type { IpcHandler } from './register';

export interface AppInfoSource {
  getVersion(): string;
  platform: string;
}

export function appInfoHandler(source: AppInfoSource): IpcHandler<'app:info'> {
  return () =>
    Promise.resolve({
      name: 'Tessera',
      version: source.getVersion(),
      shell: 'desktop',
      platform: source.platform,
    } satisfies AppInfo);
}
