import type { BaseWindow, Dialog } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { windowDialogs } from './dialogs';

function fakeDialog() {
  return {
    showOpenDialog: vi.fn<Dialog['showOpenDialog']>(() =>
      Promise.resolve({ canceled: true, filePaths: [] }),
    ),
    showSaveDialog: vi.fn<Dialog['showSaveDialog']>(() =>
      Promise.resolve({ canceled: true, filePath: '' }),
    ),
  };
}

describe('windowDialogs', () => {
  it('parents dialogs to the app window so they are modal to it', async () => {
    const dialog = fakeDialog();
    // Only its identity matters: the dialog receives it untouched.
    const window = {} as BaseWindow;
    const dialogs = windowDialogs(dialog, () => window);
    await dialogs.open({ properties: ['openFile'] });
    await dialogs.save({ defaultPath: 'a.csv' });
    expect(dialog.showOpenDialog).toHaveBeenCalledWith(window, { properties: ['openFile'] });
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(window, { defaultPath: 'a.csv' });
  });

  it('still works when the window is gone', async () => {
    const dialog = fakeDialog();
    const dialogs = windowDialogs(dialog, () => null);
    await dialogs.open({ properties: ['openFile'] });
    await dialogs.save({ defaultPath: 'a.csv' });
    expect(dialog.showOpenDialog).toHaveBeenCalledWith({ properties: ['openFile'] });
    expect(dialog.showSaveDialog).toHaveBeenCalledWith({ defaultPath: 'a.csv' });
  });
});
