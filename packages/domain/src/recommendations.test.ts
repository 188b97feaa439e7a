import { describe, expect, it } from 'vitest';
import type { RecommendationDto } from '@roundtable/protocol';
import { groupByTheme } from './recommendations.js';

const rec = (id: string, theme: RecommendationDto['theme'], createdAt: string): RecommendationDto => ({
  id,
  title: id,
  titles: { fr: id },
  theme,
  status: 'draft',
  createdAt,
});

describe('groupByTheme', () => {
  it('orders themes canonically, untagged last, each group by creation', () => {
    const groups = groupByTheme([
      rec('h2', 'housing', '2026-01-02'),
      rec('none', null, '2026-01-01'),
      rec('e1', 'employment', '2026-01-03'),
      rec('h1', 'housing', '2026-01-01'),
    ]);
    expect(groups.map((g) => g.theme)).toEqual(['employment', 'housing', null]);
    expect(groups[1]!.recommendations.map((r) => r.id)).toEqual(['h1', 'h2']);
  });
});
