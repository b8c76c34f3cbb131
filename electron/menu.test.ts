import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { menuTemplate } from './menu';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe('menuTemplate', () => {
  it('has the macOS app menu only on macOS', () => {
    expect(roles(menuTemplate('darwin', true))).toContain('appMenu');
    expect(roles(menuTemplate('linux', true))).not.toContain('appMenu');
    expect(roles(menuTemplate('win32', true))).not.toContain('appMenu');
  });

  it('keeps an Edit menu so copy and paste shortcuts work', () => {
    expect(roles(menuTemplate('darwin', true))).toContain('editMenu');
  });

  it('offers DevTools during development only', () => {
    expect(roles(menuTemplate('linux', false))).toContain('toggleDevTools');
    expect(roles(menuTemplate('linux', true))).not.toContain('toggleDevTools');
  });
});
