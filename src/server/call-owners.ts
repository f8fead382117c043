// Which client made each recent call, so that only it may rate the call: call id -> client label, the oldest
// forgotten first beyond a bound (a rating comes soon after its answer). Seeded from the log at start-up.
import { RecentMap } from './recent-map.ts';

export class CallOwners {
  private readonly owners: RecentMap<string, string>;

  constructor(limit = 200_000) {
    this.owners = new RecentMap(limit);
  }

  set(callId: string, client: string): void {
    this.owners.set(callId, client);
  }

  /** Whether `client` made the call `callId` (false for an unknown call). */
  owns(callId: string, client: string): boolean {
    return this.owners.get(callId) === client;
  }
}
