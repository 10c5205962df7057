/** The time the accounts and sessions go by; tests replace `now` to pass 15 minutes in no time. */
export interface Clock {
  now(): Date;
}

export const systemClock = (): Clock => ({ now: () => new Date() });
