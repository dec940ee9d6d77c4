/**
 * Collects the differences of one translation, with stable ids and the user's acceptances.
 */
import { MigrationDifference, MigrationDifferenceKind } from './types';

/** What a difference says besides its kind. */
export interface DifferenceInit {
  subject?: string;
  severity?: 'blocking' | 'informational';
  /** Default true. */
  acceptable?: boolean;
  security?: boolean;
  message: string;
}

/** The stable id of a difference: its kind, and its subject when it has one. */
export function differenceId(
  kind: MigrationDifferenceKind,
  subject?: string,
): string {
  return subject === undefined ? kind : `${kind}:${subject}`;
}

/** The differences of one translation, in the order they were found, one per id. */
export class DifferenceList {
  private readonly byId = new Map<string, MigrationDifference>();

  constructor(private readonly accepted: ReadonlySet<string>) {}

  /** Records a difference (the first one of an id wins) and returns its id. */
  add(kind: MigrationDifferenceKind, init: DifferenceInit): string {
    const id = differenceId(kind, init.subject);
    if (!this.byId.has(id)) {
      const acceptable = init.acceptable ?? true;
      this.byId.set(id, {
        id,
        kind,
        severity: init.severity ?? 'blocking',
        acceptable,
        ...(init.security ? { security: true } : {}),
        ...(init.subject === undefined ? {} : { subject: init.subject }),
        message: init.message,
        accepted: acceptable && this.accepted.has(id),
      });
    }
    return id;
  }

  isAccepted(id: string): boolean {
    return this.byId.get(id)?.accepted ?? false;
  }

  all(): MigrationDifference[] {
    return [...this.byId.values()];
  }

  /** The blocking differences that stop the translation: not accepted, or not acceptable. */
  blocking(): MigrationDifference[] {
    return this.all().filter(d => d.severity === 'blocking' && !d.accepted);
  }
}
