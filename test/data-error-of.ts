// Test helper: runs a reader that must fail and returns its DataError (any other outcome fails the test).
import { DataError } from '../src/core/data/data-error.ts';

export function dataErrorOf(run: () => unknown): DataError {
  try {
    run();
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
  throw new Error('expected a DataError, but the call succeeded');
}
