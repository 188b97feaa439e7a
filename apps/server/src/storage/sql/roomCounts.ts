import type { RoomCounts } from '@roundtable/protocol';
import type { RoomCountStore } from '../Storage.js';
import { SqlStore } from './SqlStore.js';

/** Hands counted in the room, one row per vote (a vote's counts are replaced as a whole). */
export class SqlRoomCountStore extends SqlStore implements RoomCountStore {
  async setRoomCounts(voteId: string, counts: RoomCounts, updatedAt: string): Promise<void> {
    const remove = this.db.deleteFrom('vote_room_counts').where('vote_id', '=', voteId);
    if (Object.keys(counts).length === 0) {
      await this.driver.changes(remove);
      return;
    }
    await this.driver.batch([
      remove,
      this.db
        .insertInto('vote_room_counts')
        .values({ vote_id: voteId, counts: JSON.stringify(counts), updated_at: updatedAt }),
    ]);
  }

  async getRoomCounts(voteId: string): Promise<RoomCounts | undefined> {
    const [row] = await this.driver.rows(
      this.db.selectFrom('vote_room_counts').select('counts').where('vote_id', '=', voteId),
    );
    return row ? (JSON.parse(row.counts) as RoomCounts) : undefined;
  }
}
