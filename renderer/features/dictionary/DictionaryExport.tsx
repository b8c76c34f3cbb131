import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { writeTermsCsv } from '../../../shared/terminology/formats/csv';
import { writeFhirCodeSystem } from '../../../shared/terminology/formats/fhir-codesystem';
import { writeTesseraDictionary } from '../../../shared/terminology/formats/tessera-json';
import type { Term } from '../../../shared/model/terminology';
import { starterDictionaries } from '../../../shared/terminology/starter';
import { useServices } from '../../app/services';
import { readDictionaryVersion } from '../../db';

type Format = 'tessera' | 'csv' | 'fhir';

const encoder = new TextEncoder();

/** Writes the dictionary out in the lossless own format, CSV, or a FHIR CodeSystem per dictionary. */
export function DictionaryExport({ dictionaryId }: { dictionaryId: string | null }) {
  const { t } = useTranslation();
  const { db, platform } = useServices();
  const [format, setFormat] = useState<Format>('tessera');
  const [outcome, setOutcome] = useState<string | null>(null);
  const dictionary = starterDictionaries.find((candidate) => candidate.id === dictionaryId);

  async function run() {
    const stored = await db.terms.toArray();
    const terms: Term[] = stored
      .filter((term) => !dictionaryId || term.dictionaryId === dictionaryId)
      .map(({ aliasKeys: _keys, ...term }) => term);
    const now = new Date();
    const dictionaryVersion = await readDictionaryVersion(db);
    const infos = starterDictionaries
      .filter((candidate) => !dictionaryId || candidate.id === dictionaryId)
      .map(({ id, domain, nameEn, nameZh }) => ({ id, domain, nameEn, nameZh }));
    const stem = `tessera-${dictionaryId ?? 'dictionaries'}-v${dictionaryVersion}`;
    const [name, text] =
      format === 'tessera'
        ? [
            `${stem}.tessera.json`,
            writeTesseraDictionary({
              exportedAt: now.toISOString(),
              dictionaryVersion,
              dictionaries: infos,
              terms,
            }),
          ]
        : format === 'csv'
          ? [`${stem}.csv`, writeTermsCsv(terms)]
          : [
              `${stem}.codesystem.json`,
              writeFhirCodeSystem(
                infos[0] ?? {
                  id: 'clinical-lab',
                  domain: 'clinical-lab',
                  nameEn: 'Clinical laboratory',
                  nameZh: '临床检验',
                },
                terms,
                { date: now.toISOString(), dictionaryVersion },
              ),
            ];
    const saved = await platform.saveFile(name, encoder.encode(text), [
      { name: format === 'csv' ? 'CSV' : 'JSON', extensions: [format === 'csv' ? 'csv' : 'json'] },
    ]);
    setOutcome(
      saved.isSaved
        ? t('dictionary.exported', { count: terms.length, location: saved.location ?? name })
        : t('export.cancelled'),
    );
  }

  return (
    <span className="dictionary-export">
      <label className="inline-field">
        <span className="visually-hidden">{t('dictionary.format')}</span>
        <select
          aria-label={t('dictionary.format')}
          value={format}
          onChange={(event) => setFormat(event.target.value as Format)}
        >
          <option value="tessera">{t('dictionary.formats.tessera')}</option>
          <option value="csv">CSV</option>
          <option value="fhir" disabled={!dictionary}>
            {t('dictionary.formats.fhir')}
          </option>
        </select>
      </label>
      <button type="button" onClick={() => void run()}>
        {t('dictionary.export')}
      </button>
      {outcome && <span role="status">{outcome}</span>}
    </span>
  );
}
