// An error in how the CLI was called: printed as one line, exit status 2. The one rule for exit codes:
// 2 when what was typed is wrong (an unknown verb, flag or name, a flag value that cannot be read, a file named on the
// command line that is not there, flags that do not go together): fixing the command line fixes it;
// 1 for every other failure (a malformed file's contents, a missing API key, a provider or network error, a run the
// user declined): the command line was right, the world was not.
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
