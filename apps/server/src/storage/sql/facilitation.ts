import type { FacilitationState } from '@roundtable/protocol';
import type { FacilitationStore } from '../Storage.js';
import { SqlStore } from './SqlStore.js';

/** The meeting state, saved with an optimistic revision check. */
export class SqlFacilitationStore extends SqlStore implements FacilitationStore {
  async getFacilitationState(sessionId: string): Promise<FacilitationState | undefined> {
    const [row] = await this.driver.rows(
      this.db.selectFrom('facilitation_states').select('state').where('session_id', '=', sessionId),
    );
    return row && (JSON.parse(row.state) as FacilitationState);
  }

  async saveFacilitationState(state: FacilitationState, expectedRevision: number): Promise<boolean> {
    const json = JSON.stringify(state);
    const changed = await this.driver.changes(
      expectedRevision === 0
        ? this.db
            .insertInto('facilitation_states')
            .values({ session_id: state.sessionId, revision: state.revision, state: json })
            .onConflict((oc) => oc.column('session_id').doNothing())
        : this.db
            .updateTable('facilitation_states')
            .set({ revision: state.revision, state: json })
            .where('session_id', '=', state.sessionId)
            .where('revision', '=', expectedRevision),
    );
    return changed === 1;
  }
}
