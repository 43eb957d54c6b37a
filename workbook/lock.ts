/**
 * The save lock of a host without a document lock (Excel, the preview, the in-memory workbook):
 * one save (or conversion) at a time within this page. Google Sheets uses its document lock.
 */
export type Lock = <T>(work: () => Promise<T>) => Promise<T>;

export function queueLock(): Lock {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}
