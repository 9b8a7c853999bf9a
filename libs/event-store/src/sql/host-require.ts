import { createRequire, Module } from 'node:module';

/**
 * Node's own `require`, even inside a jest sandbox. Jest hands test code a subclass of Node's
 * Module whose createRequire loads through jest's registry and VM; the real createRequire is on
 * the parent class. Outside jest the parent is Function.prototype and the imported one is real.
 * Used for PGlite only (see pglite-database.ts).
 */
export function hostRequire(fromFile: string): NodeJS.Require {
  const parent = Object.getPrototypeOf(Module) as { createRequire?: typeof createRequire };
  const real = typeof parent.createRequire === 'function' ? parent.createRequire : createRequire;
  return real(fromFile);
}
