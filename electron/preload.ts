/**
 * Runs sandboxed before the page: the page gets one named function per channel and nothing else,
 * so it can never pick a channel or reach ipcRenderer itself. The channel table is imported from
 * its zod-free module because a sandboxed preload must be a single small bundle.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcResponses, IpcResult, TesseraBridge } from '../shared/ipc';
import { bridgeChannels } from '../shared/ipc-channels';
import type { ChannelName } from '../shared/ipc-channels';

function invoke<K extends ChannelName>(
  channel: K,
  request: unknown,
): Promise<IpcResult<IpcResponses[K]>> {
  // The main process is the only responder on these channels and answers every one of them with
  // an IpcResult (electron/ipc/register.ts); structured clone cannot carry that type across.
  return ipcRenderer.invoke(channel, request ?? null) as Promise<IpcResult<IpcResponses[K]>>;
}

/** Exported for the unit test; the page only ever sees the copy contextBridge makes. */
export const api = {
  appInfo: () => invoke(bridgeChannels.appInfo, null),
  openFiles: (request) => invoke(bridgeChannels.openFiles, request),
  saveFile: (request) => invoke(bridgeChannels.saveFile, request),
  saveFolder: (request) => invoke(bridgeChannels.saveFolder, request),
  openFolder: (request) => invoke(bridgeChannels.openFolder, request),
  writeFolderFile: (request) => invoke(bridgeChannels.writeFolderFile, request),
  closeFolder: (request) => invoke(bridgeChannels.closeFolder, request),
} satisfies TesseraBridge;

contextBridge.exposeInMainWorld('tessera', api);
