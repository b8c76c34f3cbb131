import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BBox } from '../../../shared/ocr/types';
import type { ZoneDraft } from './apply-template';

const whitelists = ['', 'digits', 'decimal', 'date'] as const;

interface ZoneFormProps {
  box: BBox;
  taken: readonly string[];
  onAdd: (zone: ZoneDraft) => void;
  onCancel: () => void;
}

/** Names the rectangle just drawn and says how to read it. */
export function ZoneForm({ box, taken, onAdd, onCancel }: ZoneFormProps) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ZoneDraft['kind']>('text');
  const [whitelist, setWhitelist] = useState<ZoneDraft['whitelist']>('');
  const trimmed = name.trim();
  const clash = taken.includes(trimmed);

  return (
    <form
      className="zone-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (trimmed !== '' && !clash) onAdd({ name: trimmed, kind, box, whitelist });
      }}
    >
      <label>
        {t('templates.zoneName')}
        <input autoFocus value={name} onChange={(event) => setName(event.target.value)} />
      </label>
      {clash && <p className="error">{t('templates.nameTaken', { name: trimmed })}</p>}
      <label>
        {t('templates.zoneKind')}
        <select value={kind} onChange={(event) => setKind(event.target.value as ZoneDraft['kind'])}>
          <option value="text">{t('templates.kind.text')}</option>
          <option value="checkbox">{t('templates.kind.checkbox')}</option>
        </select>
      </label>
      {kind === 'text' && (
        <label>
          {t('templates.zoneWhitelist')}
          <select
            value={whitelist}
            onChange={(event) => setWhitelist(event.target.value as ZoneDraft['whitelist'])}
          >
            {whitelists.map((option) => (
              <option key={option} value={option}>
                {t(`templates.whitelist.${option === '' ? 'any' : option}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="ocr-actions">
        <button type="submit" disabled={trimmed === '' || clash}>
          {t('templates.addZone')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('scans.cancel')}
        </button>
      </div>
    </form>
  );
}
