/**
 * The native dialogs, parented to the app window when there is one so they are modal to it. The
 * handlers depend on this narrow shape, which tests replace with plain functions.
 */
import type {
  BaseWindow,
  Dialog,
  OpenDialogOptions,
  OpenDialogReturnValue,
  SaveDialogOptions,
  SaveDialogReturnValue,
} from 'electron';

export interface Dialogs {
  open(options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  save(options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
}

export function windowDialogs(
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>,
  parentWindow: () => BaseWindow | null,
): Dialogs {
  return {
    open(options) {
      const parent = parentWindow();
      return parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options);
    },
    save(options) {
      const parent = parentWindow();
      return parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options);
    },
  };
}
