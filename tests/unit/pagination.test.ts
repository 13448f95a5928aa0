import { describe, expect, it } from 'vitest';
import { laterPages, pageInfo } from '../../src/lib/catalog/pagination.ts';

describe('pagination', () => {
  it('splits a list into pages of the given size', () => {
    expect(pageInfo(50, 1, 24)).toEqual({ page: 1, pages: 3, start: 0, end: 24 });
    expect(pageInfo(50, 3, 24)).toEqual({ page: 3, pages: 3, start: 48, end: 50 });
  });

  it('has one (empty) page for an empty list, and clamps out-of-range pages', () => {
    expect(pageInfo(0, 1)).toEqual({ page: 1, pages: 1, start: 0, end: 0 });
    expect(pageInfo(10, 9, 5)).toEqual({ page: 2, pages: 2, start: 5, end: 10 });
  });

  it('lists the pages after the first, which need routes of their own', () => {
    expect(laterPages(24, 24)).toEqual([]);
    expect(laterPages(25, 24)).toEqual([2]);
    expect(laterPages(73, 24)).toEqual([2, 3, 4]);
  });
});
