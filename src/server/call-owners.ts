// Which client made each recent call, so that only it may rate the call: call id -> client label, the oldest
// forgotten first beyond a bound (a rating comes soon after its answer). Seeded from the log at start-up.
export class CallOwners {
  private readonly owners = new Map<string, string>();

  constructor(private readonly limit = 200_000) {}

  set(callId: string, client: string): void {
    this.owners.set(callId, client);
    if (this.owners.size > this.limit) this.owners.delete(this.owners.keys().next().value!);
  }

  /** Whether `client` made the call `callId` (false for an unknown call). */
  owns(callId: string, client: string): boolean {
    return this.owners.get(callId) === client;
  }
}
