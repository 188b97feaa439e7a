import { describe, expect, it } from 'vitest';
import { ByteBudget } from './byteBudget.js';

describe('ByteBudget', () => {
  it('lets a burst through, then refuses until it has refilled', () => {
    const budget = new ByteBudget(1000, 100, 0);
    expect(budget.take(600, 0)).toBe(true);
    expect(budget.take(600, 0)).toBe(false);
    expect(budget.take(400, 0)).toBe(true);
    expect(budget.take(1, 0)).toBe(false);
    expect(budget.take(100, 1000)).toBe(true);
  });

  it('takes nothing for a refused amount, so a retry gets through after the refill', () => {
    const budget = new ByteBudget(1000, 100, 0);
    expect(budget.take(900, 0)).toBe(true);
    for (let i = 0; i < 10; i++) expect(budget.take(800, 100 * i)).toBe(false);
    expect(budget.take(800, 7000)).toBe(true);
  });

  it('never holds more than its capacity, and says when it is whole again', () => {
    const budget = new ByteBudget(1000, 100, 0);
    expect(budget.isFull(0)).toBe(true);
    budget.take(500, 0);
    expect(budget.isFull(4000)).toBe(false);
    expect(budget.isFull(5000)).toBe(true);
    expect(budget.take(1001, 1_000_000)).toBe(false);
  });
});
