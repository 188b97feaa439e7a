import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from './Storage.js';
import { amendmentsCases } from './suite/amendments.js';
import { docsCases } from './suite/docs.js';
import { facilitationCases } from './suite/facilitation.js';
import type { SuiteContext } from './suite/fixtures.js';
import { historyCases } from './suite/history.js';
import { peopleCases } from './suite/people.js';
import { questionsCases } from './suite/questions.js';
import { sessionsCases } from './suite/sessions.js';
import { votesCases } from './suite/votes.js';

/**
 * One suite SqlStorage passes on each database (SQLite and PostgreSQL): the cases of each
 * port are in suite/<port>.ts, each run here on a fresh, migrated storage.
 */
export function describeStorage(name: string, make: () => Promise<{ storage: Storage; cleanup: () => Promise<void> }>) {
  describe(`Storage: ${name}`, () => {
    let storage: Storage;
    let cleanup: () => Promise<void>;
    const ctx: SuiteContext = {
      get storage() {
        return storage;
      },
    };
    beforeEach(async () => {
      ({ storage, cleanup } = await make());
      await storage.migrate();
    });
    afterEach(async () => {
      await cleanup();
    });

    it('migrates idempotently', async () => {
      await storage.migrate();
      expect(await storage.ping()).toBe(true);
    });

    sessionsCases(ctx);
    peopleCases(ctx);
    docsCases(ctx);
    votesCases(ctx);
    facilitationCases(ctx);
    amendmentsCases(ctx);
    historyCases(ctx);
    questionsCases(ctx);
  });
}
