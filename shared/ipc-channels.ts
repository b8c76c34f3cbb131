/**
 * Which bridge method sends on which channel. Kept apart from the schemas so the sandboxed
 * preload bundles this table without the validation library.
 */
export const bridgeChannels = {
  appInfo: 'app:info',
  openFiles: 'files:open',
  saveFile: 'files:save',
  saveFolder: 'files:save-folder',
  openFolder: 'folder:open',
  writeFolderFile: 'folder:write',
  closeFolder: 'folder:close',
} as const;

export type BridgeMethod = keyof typeof bridgeChannels;
export type ChannelName = (typeof bridgeChannels)[BridgeMethod];
