/**
 * Rocket.Chat's REST rate limiter: API_Enable_Rate_Limiter_Limit_Calls_Default calls (10) per
 * API_Enable_Rate_Limiter_Limit_Time_Default ms (60 000) for each route and client IP; users with
 * `api-bypass-rate-limit` are not counted. A window starts at its first call (Meteor's RateLimiter).
 */
import type { Settings } from './settings.ts';

export interface Verdict {
  allowed: boolean;
  headers: Record<string, string>;
  /** whole seconds until the window ends */
  seconds: number;
}

export class RateLimiter {
  #windows = new Map<string, { start: number; count: number }>();

  /** Counts one call of `route` from `ip` at `now` (ms). */
  hit(route: string, ip: string, now: number, settings: Settings): Verdict {
    const limit = settings.API_Enable_Rate_Limiter_Limit_Calls_Default;
    const span = settings.API_Enable_Rate_Limiter_Limit_Time_Default;
    const key = `${route} ${ip}`;
    let window = this.#windows.get(key);
    if (!window || now - window.start >= span) {
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    window.count++;
    const timeToReset = window.start + span - now;
    const left = Math.max(limit - window.count, 0);
    return {
      allowed: window.count <= limit,
      seconds: Math.ceil(timeToReset / 1000),
      headers: { 'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': String(left), 'X-RateLimit-Reset': String(now + timeToReset) },
    };
  }

  reset(): void {
    this.#windows.clear();
  }
}

export const tooManyRequests = (seconds: number) => ({
  success: false,
  error: `Error, too many requests. Please slow down. You must wait ${seconds} seconds before trying this endpoint again. [error-too-many-requests]`,
});
