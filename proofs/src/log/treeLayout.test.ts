import { describe, expect, it } from 'vitest';
import { nodeCount, nodePosition, sizeWithinNodes } from './treeLayout';

/** Post-order as appending builds it: each leaf, then each node it completes, lowest first. */
function simulate(size: number): string[] {
  const order: string[] = [];
  for (let leaf = 0; leaf < size; leaf++) {
    order.push(`0:${leaf}`);
    for (let level = 1; (leaf + 1) % 2 ** level === 0; level++) order.push(`${level}:${(leaf + 1) / 2 ** level - 1}`);
  }
  return order;
}

describe('post-order tree layout', () => {
  it('places every node where appending writes it, for sizes up to 600', () => {
    const order = simulate(600);
    order.forEach((name, position) => {
      const [level, index] = name.split(':').map(Number) as [number, number];
      expect(nodePosition(level, index)).toBe(position);
    });
    for (let size = 0; size <= 600; size++) expect(nodeCount(size)).toBe(simulate(size).length);
  });

  it('finds the largest size whose nodes are all present', () => {
    for (let nodes = 0; nodes <= 1200; nodes++) {
      const size = sizeWithinNodes(nodes);
      expect(nodeCount(size)).toBeLessThanOrEqual(nodes);
      expect(nodeCount(size + 1)).toBeGreaterThan(nodes);
    }
  });

  it('stays exact past 2^32 leaves', () => {
    const size = 2 ** 40 + 5;
    expect(nodeCount(size)).toBe(2 * size - 3);
    expect(nodePosition(40, 0)).toBe(2 * (2 ** 40 - 1) - 40 + 40);
    expect(sizeWithinNodes(nodeCount(size))).toBe(size);
  });
});
