import { EventEmitter } from 'node:events';
import type { KeyvStoreAdapter } from 'keyv';
import type { StoreAccess } from './sqlite-file.js';
import type { StoreHealth } from './store-health.js';

/** A Keyv adapter, or the plain Map Keyv accepts as an in-memory store. */
export type InnerStore = KeyvStoreAdapter | Map<string, unknown>;

/** Why the store must not be used for this operation right now (e.g. its file was deleted), or undefined. */
export type AccessCheck = (access: StoreAccess) => Error | undefined;

/**
 * A Keyv storage adapter in front of the real one that turns every fault (rejection, throw,
 * operation slower than `timeoutMs`) into a miss or `false` and reports it to the store's health.
 * Keyv itself swallows some faults silently and throws others; callers of Herald's Keyv get
 * neither: a broken store behaves like an empty one, and the outage is logged once.
 */
export class GuardedStore extends EventEmitter implements KeyvStoreAdapter {
  #namespace: string | undefined;
  /** Pending until the store's first connection attempt has settled; then undefined. */
  #opening: Promise<void> | undefined;

  /**
   * @param opening resolves once the store's first connection attempt has settled either way;
   *   operations wait for it (within their timeout) so that start-up is not mistaken for an outage.
   * @param check asked before every operation; an error it returns fails the operation like a
   *   fault of the store, without touching the store.
   */
  constructor(
    private readonly inner: InnerStore,
    private readonly health: StoreHealth,
    private readonly timeoutMs: number,
    opening?: Promise<void>,
    private readonly check?: AccessCheck,
  ) {
    super();
    if (opening) {
      this.#opening = opening;
      void opening.finally(() => {
        this.#opening = undefined;
      });
    }
  }

  /** Keyv reads `dialect`/`url` here to decide whether the store can be iterated. */
  get opts(): Record<string, unknown> {
    if (this.inner instanceof Map) return { dialect: 'memory', url: 'memory://' };
    return this.inner.opts as Record<string, unknown>;
  }

  get namespace(): string | undefined {
    return this.#namespace;
  }

  set namespace(value: string | undefined) {
    this.#namespace = value;
    if (!(this.inner instanceof Map)) this.inner.namespace = value;
  }

  async get<Value>(key: string): Promise<Value | undefined> {
    return this.#guard('read', async () => (await this.inner.get(key)) as Value | undefined, undefined);
  }

  async getMany<Value>(keys: string[]): Promise<Array<Value | undefined>> {
    const missing = keys.map((): Value | undefined => undefined);
    return this.#guard('read', async () => {
      const inner = this.inner;
      if (!(inner instanceof Map) && inner.getMany) return (await inner.getMany<Value>(keys)) as Array<Value | undefined>;
      return Promise.all(keys.map(async (key) => (await inner.get(key)) as Value | undefined));
    }, missing);
  }

  async set(key: string, value: unknown, ttl?: number): Promise<boolean> {
    return this.#guard('write', async () => {
      const result: unknown = await this.inner.set(key, value, ttl);
      return typeof result === 'boolean' ? result : true;
    }, false);
  }

  async setMany(entries: Array<{ key: string; value: unknown; ttl?: number }>): Promise<void> {
    await this.#guard('write', async () => {
      const inner = this.inner;
      if (!(inner instanceof Map) && inner.setMany) await inner.setMany(entries);
      else for (const entry of entries) await inner.set(entry.key, entry.value, entry.ttl);
    }, undefined);
  }

  async delete(key: string): Promise<boolean> {
    return this.#guard('write', async () => Boolean(await this.inner.delete(key)), false);
  }

  async deleteMany(keys: string[]): Promise<boolean> {
    return this.#guard('write', async () => {
      const inner = this.inner;
      if (!(inner instanceof Map) && inner.deleteMany) return inner.deleteMany(keys);
      const results = await Promise.all(keys.map(async (key) => Boolean(await inner.delete(key))));
      return results.some(Boolean);
    }, false);
  }

  async clear(): Promise<void> {
    await this.#guard('write', async () => {
      const inner = this.inner;
      if (inner instanceof Map && this.#namespace) {
        // Map.clear would wipe every namespace sharing the Map; Keyv's contract is "this namespace".
        for (const key of [...inner.keys()]) if (key.startsWith(`${this.#namespace}:`)) inner.delete(key);
        return;
      }
      await inner.clear();
    }, undefined);
  }

  /** Key/value pairs of the store; a fault ends the iteration early instead of throwing. */
  async *iterator<Value>(namespace?: string): AsyncGenerator<Array<string | Awaited<Value> | undefined>, void> {
    const inner = this.inner;
    try {
      const refusal = this.check?.('read');
      if (refusal) throw refusal;
      if (inner instanceof Map) {
        const prefix = namespace ? `${namespace}:` : '';
        for (const [key, value] of [...inner.entries()]) {
          if (key.startsWith(prefix)) yield [key, value as Awaited<Value>];
        }
      } else if (inner.iterator) {
        for await (const entry of inner.iterator<Value>(namespace)) yield entry;
      }
      this.health.ok('read');
    } catch (error) {
      this.health.fault(error, 'read');
    }
  }

  async disconnect(): Promise<void> {
    const inner = this.inner;
    if (inner instanceof Map || !inner.disconnect) return;
    const disconnect = inner.disconnect.bind(inner);
    await withTimeout(disconnect(), this.timeoutMs).catch(() => undefined);
  }

  async #guard<T>(access: StoreAccess, operation: () => Promise<T>, fallback: T): Promise<T> {
    const checked = async (): Promise<T> => {
      const refusal = this.check?.(access);
      if (refusal) throw refusal;
      return operation();
    };
    try {
      const opening = this.#opening;
      const result = await withTimeout(opening ? opening.then(checked) : checked(), this.timeoutMs);
      this.health.ok(access);
      return result;
    } catch (error) {
      this.health.fault(error, access);
      return fallback;
    }
  }
}

/** Settles like `promise`, or rejects once `ms` have passed; the timer never keeps the process alive. */
export async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`store operation took longer than ${ms} ms`)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
