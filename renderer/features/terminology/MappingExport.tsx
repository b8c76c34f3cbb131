import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../../shared/model/records';
import type { Term } from '../../../shared/model/terminology';
import { writeFhirConceptMap } from '../../../shared/terminology/formats/fhir-conceptmap';
import { writeSssom } from '../../../shared/terminology/formats/sssom';
import { useServices } from '../../app/services';
import { readDictionaryVersion } from '../../db';

type Format = 'sssom' | 'conceptmap';

const encoder = new TextEncoder();

/** The project's mapping decisions, for other tools: SSSOM TSV or a FHIR ConceptMap. */
export function MappingExport({ project }: { project: Project }) {
  const { t } = useTranslation();
  const { db, platform } = useServices();
  const [format, setFormat] = useState<Format>('sssom');
  const [outcome, setOutcome] = useState<string | null>(null);

  async function run() {
    const mappings = await db.mappings.where('projectId').equals(project.id).toArray();
    const terms = (await db.terms.toArray()).map(({ aliasKeys: _keys, ...term }): Term => term);
    const dictionaryVersion = await readDictionaryVersion(db);
    const title = `${project.name} field mappings`;
    const [name, text] =
      format === 'sssom'
        ? [
            `${project.name}-mappings.sssom.tsv`,
            writeSssom(mappings, terms, { mappingSetTitle: title, dictionaryVersion }),
          ]
        : [
            `${project.name}-mappings.conceptmap.json`,
            writeFhirConceptMap(mappings, terms, {
              date: new Date().toISOString(),
              title,
              dictionaryVersion,
            }),
          ];
    const saved = await platform.saveFile(name, encoder.encode(text), [
      {
        name: format === 'sssom' ? 'SSSOM TSV' : 'FHIR JSON',
        extensions: [format === 'sssom' ? 'tsv' : 'json'],
      },
    ]);
    setOutcome(
      saved.isSaved
        ? t('mapping.exported', { count: mappings.length, location: saved.location ?? name })
        : t('export.cancelled'),
    );
  }

  return (
    <span className="dictionary-export">
      <select
        aria-label={t('mapping.exportFormat')}
        value={format}
        onChange={(event) => setFormat(event.target.value as Format)}
      >
        <option value="sssom">SSSOM TSV</option>
        <option value="conceptmap">FHIR ConceptMap</option>
      </select>
      <button type="button" onClick={() => void run()}>
        {t('mapping.export')}
      </button>
      {outcome && <span role="status">{outcome}</span>}
    </span>
  );
}
