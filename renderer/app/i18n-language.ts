export const languages = ['en', 'zh-CN'] as const;
export type Language = (typeof languages)[number];

/** The saved choice, else the system language on first run. */
export function initialLanguage(saved: string | null, systemLanguage: string): Language {
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return systemLanguage.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
