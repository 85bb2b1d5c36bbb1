import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheFileName, cacheFolder, writeCache } from '../../src/cli/bundle-loader.js';
import { tempDir } from '../helpers/cli.js';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const bundle = (version: string, hash: string) => `// ivrflow ${version} bundle ${hash}\n"use strict";module.exports={};\n`;
const NODE_20 = { node: 'v20.20.2', arch: 'x64' };

describe('the code cache key', () => {
  it('changes with the ivrflow version, the bundle, the Node version and the architecture', () => {
    const names = [
      cacheFileName(bundle('0.1.0', HASH_A), NODE_20),
      cacheFileName(bundle('0.2.0', HASH_A), NODE_20),
      cacheFileName(bundle('0.1.0', HASH_B), NODE_20),
      cacheFileName(bundle('0.1.0', HASH_A), { node: 'v20.21.0', arch: 'x64' }),
      cacheFileName(bundle('0.1.0', HASH_A), { node: 'v20.20.2', arch: 'arm64' }),
    ];
    expect(names.every((name) => name !== undefined)).toBe(true);
    expect(new Set(names).size).toBe(names.length);
    expect(cacheFileName(bundle('0.1.0', HASH_A), NODE_20)).toBe(names[0]);
  });

  it('is undefined for a bundle without the header, which then runs without a cache', () => {
    expect(cacheFileName('"use strict";module.exports={};\n', NODE_20)).toBeUndefined();
    expect(cacheFileName(`// ivrflow 0.1.0 bundle ${'a'.repeat(10)}\n`, NODE_20)).toBeUndefined();
  });
});

describe('the cache folder', () => {
  it('is $XDG_CACHE_HOME/ivrflow when that is absolute, else ~/.cache/ivrflow', () => {
    expect(cacheFolder({ XDG_CACHE_HOME: '/var/cache/me', HOME: '/home/me' })).toBe('/var/cache/me/ivrflow');
    // The XDG spec: a relative path is invalid and ignored.
    expect(cacheFolder({ XDG_CACHE_HOME: 'relative', HOME: '/home/me' })).toMatch(/[/\\]\.cache[/\\]ivrflow$/);
  });
});

describe('writing the cache', () => {
  const script = { createCachedData: () => Buffer.from('cached') };

  it("writes the file and removes the same version's other caches, keeping other versions", () => {
    const folder = tempDir();
    writeFileSync(join(folder, 'v8-0.1.0-0123.bin'), 'stale');
    writeFileSync(join(folder, 'v8-0.2.0-0123.bin'), 'another version');
    writeFileSync(join(folder, 'notes.txt'), 'not ours');
    writeCache(join(folder, 'v8-0.1.0-4567.bin'), script);
    expect(readdirSync(folder).sort()).toEqual(['notes.txt', 'v8-0.1.0-4567.bin', 'v8-0.2.0-0123.bin']);
  });

  it('creates the folder, and does nothing (no throw) where it cannot write', () => {
    const base = tempDir();
    writeCache(join(base, 'new', 'ivrflow', 'v8-0.1.0-4567.bin'), script);
    expect(readdirSync(join(base, 'new', 'ivrflow'))).toEqual(['v8-0.1.0-4567.bin']);
    // A file where the folder should be: mkdir fails, as on a read-only home.
    writeFileSync(join(base, 'file'), '');
    expect(() => writeCache(join(base, 'file', 'ivrflow', 'v8-0.1.0-4567.bin'), script)).not.toThrow();
    mkdirSync(join(base, 'empty'));
    const failing = {
      createCachedData: (): Uint8Array => {
        throw new Error('no data');
      },
    };
    expect(() => writeCache(join(base, 'empty', 'v8-0.1.0-4567.bin'), failing)).not.toThrow();
    expect(readdirSync(join(base, 'empty'))).toEqual([]);
  });
});
