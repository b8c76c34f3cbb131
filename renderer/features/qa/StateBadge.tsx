import { useTranslation } from 'react-i18next';
import type { QaState } from '../../../shared/model/qa';

export function StateBadge({ state }: { state: QaState }) {
  const { t } = useTranslation();
  return <span className={`badge state-${state}`}>{t(`qa.state.${state}`)}</span>;
}
