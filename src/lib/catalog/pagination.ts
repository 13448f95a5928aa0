// Long lists of write-ups are split into pages of a fixed size: a sector with a
// thousand write-ups must not become one megabyte of HTML.
export const PAGE_SIZE = 24;

export interface PageInfo {
  /** 1-based. */
  page: number;
  pages: number;
  start: number;
  end: number;
}

export function pageInfo(total: number, page: number, size = PAGE_SIZE): PageInfo {
  const pages = Math.max(1, Math.ceil(total / size));
  const current = Math.min(Math.max(1, Math.trunc(page)), pages);
  const start = (current - 1) * size;
  return { page: current, pages, start, end: Math.min(total, start + size) };
}

/** The page numbers after the first, which need routes of their own. */
export const laterPages = (total: number, size = PAGE_SIZE) =>
  Array.from({ length: pageInfo(total, 1, size).pages - 1 }, (_, index) => index + 2);
