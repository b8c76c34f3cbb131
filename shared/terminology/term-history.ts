/**
 * A term's history is read from the audit log: which events touched the term, and which synonyms
 * each taught it (with the source system a synonym holds for), whatever kind of change it was —
 * a mapping accepted one by one or in bulk, a synonym added by hand, a mapping file, a merge.
 */

export interface TermHistoryEntry {
  seq: number;
  at: string;
  actorName: string;
  action: string;
  /** The synonyms the change taught this term, with the system each holds for. */
  synonyms: { text: string; sourceSystem?: string }[];
}

interface AcceptedChange {
  mapping?: { termId?: string; sourceSystem?: string };
  learnedSynonym?: string | null;
}

/** The part of an audit event a term's history reads. */
export interface HistoryEvent {
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
}

/** What a change taught `termId`, read from its audit event; null when it did not touch it. */
export function synonymsTaught(
  event: HistoryEvent,
  termId: string,
): TermHistoryEntry['synonyms'] | null {
  const scoped = (text: string, sourceSystem: string | undefined) =>
    sourceSystem ? { text, sourceSystem } : { text };
  if (event.entity === 'mapping') {
    const changes = (
      Array.isArray(event.after) ? event.after : [event.after]
    ) as (AcceptedChange | null)[];
    const learned = changes.flatMap((change) =>
      change?.mapping?.termId === termId && typeof change.learnedSynonym === 'string'
        ? [scoped(change.learnedSynonym, change.mapping.sourceSystem)]
        : [],
    );
    return learned.length > 0 ? learned : null;
  }
  if (event.entity !== 'term') return null;
  if (event.action === 'dictionary.import-mappings') {
    const added = (
      (event.after as { added?: { raw: string; termId: string; sourceSystem?: string }[] }).added ??
      []
    ).filter((synonym) => synonym.termId === termId);
    return added.length > 0
      ? added.map((synonym) => scoped(synonym.raw, synonym.sourceSystem))
      : null;
  }
  if (event.action === 'dictionary.merge') {
    const after = event.after as { terms?: Record<string, unknown> } | null;
    return after?.terms?.[termId] !== undefined ? [] : null;
  }
  if (!event.entityId.split(',').includes(termId)) return null;
  if (event.action === 'term.add-synonym') {
    const before = (event.before as { learned?: { text: string }[] }).learned ?? [];
    const after =
      (event.after as { learned?: { text: string; sourceSystem?: string }[] }).learned ?? [];
    return after.slice(before.length).map((synonym) => scoped(synonym.text, synonym.sourceSystem));
  }
  return [];
}
