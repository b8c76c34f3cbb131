import { useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/ipc';
import { useServices } from './services';

/** What the shell says about itself, for the header and bug reports. */
export function useAppInfo(): AppInfo | null {
  const { platform } = useServices();
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    let isCurrent = true;
    platform.appInfo().then(
      (value) => isCurrent && setInfo(value),
      () => isCurrent && setInfo(null),
    );
    return () => {
      isCurrent = false;
    };
  }, [platform]);
  return info;
}
