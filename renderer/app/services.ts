import { createContext, useContext } from 'react';
import type { TesseraDatabase } from '../db/database';
import type { Platform } from '../platform';

export interface Services {
  db: TesseraDatabase;
  platform: Platform;
  version: string;
}

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside <ServicesContext.Provider>');
  return services;
}
