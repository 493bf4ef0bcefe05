/**
 * Lets timers and I/O run between the statements of a long batch. SQLite's driver
 * answers synchronously, so a batch would otherwise run as one unbroken chain of
 * microtasks and hold up every timer and every request for its whole duration.
 */
export const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));
