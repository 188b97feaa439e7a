import { describe, expect, it } from 'vitest';
import { can } from './permissions.js';

describe('permissions', () => {
  it('lets facilitators and participants edit drafts, not observers', () => {
    expect(can('facilitator', 'editDrafts')).toBe(true);
    expect(can('participant', 'editDrafts')).toBe(true);
    expect(can('observer', 'editDrafts')).toBe(false);
  });

  it('keeps session management to facilitators', () => {
    expect(can('participant', 'manageSession')).toBe(false);
    expect(can('facilitator', 'manageSession')).toBe(true);
  });
});
