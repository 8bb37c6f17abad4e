import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { parseShardsSetting, shardPlan } from '../../src/scale/shard-list.js';

const root = path.resolve(import.meta.dirname, '../..');
const REDIS = 'redis://127.0.0.1:6379';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env, root);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('SHARDS with SHARD_COUNT (several hosts)', () => {
  it.each([
    ['0', [0]],
    ['0-3', [0, 1, 2, 3]],
    ['0,2,5', [0, 2, 5]],
    ['0-1,3', [0, 1, 3]],
    [' 3 , 1-2 ', [1, 2, 3]],
    ['1,1,0-1', [0, 1]],
  ])('GIVEN SHARD_COUNT=8 and SHARDS=%s THEN this host runs %j of 8', (shards, ids) => {
    const config = loadConfig({ SHARD_COUNT: '8', SHARDS: shards, STORE_URL: REDIS }, root);
    expect(shardPlan(config.SHARDS, config.SHARD_COUNT)).toEqual({ kind: 'list', total: 8, ids });
  });

  it('GIVEN SHARD_COUNT alone THEN this host runs every shard, and SQLite is fine (one host)', () => {
    const config = loadConfig({ SHARD_COUNT: '4' }, root);
    expect(shardPlan(config.SHARDS, config.SHARD_COUNT)).toEqual({ kind: 'all', total: 4 });
  });

  it('GIVEN a list naming every id THEN it is one host running all of them (SQLite allowed)', () => {
    const config = loadConfig({ SHARD_COUNT: '2', SHARDS: '0-1' }, root);
    expect(shardPlan(config.SHARDS, config.SHARD_COUNT)).toEqual({ kind: 'all', total: 2 });
  });

  it('GIVEN no SHARD_COUNT THEN SHARDS=auto|N keeps its meaning and no SHARDS means one process', () => {
    expect(shardPlan(loadConfig({ SHARDS: 'auto' }, root).SHARDS, undefined)).toEqual({ kind: 'all', total: 'auto' });
    expect(shardPlan(loadConfig({ SHARDS: '4' }, root).SHARDS, undefined)).toEqual({ kind: 'all', total: 4 });
    expect(shardPlan(loadConfig({}, root).SHARDS, undefined)).toEqual({ kind: 'single' });
  });

  it('GIVEN a list without SHARD_COUNT THEN the setting problem says SHARD_COUNT is needed', () => {
    expect(problemsOf({ SHARDS: '0-1', STORE_URL: REDIS })).toEqual([expect.stringMatching(/^SHARDS: .*needs SHARD_COUNT/)]);
    expect(problemsOf({ SHARDS: '0,2', STORE_URL: REDIS })).toEqual([expect.stringMatching(/needs SHARD_COUNT/)]);
  });

  it('GIVEN ids at or above SHARD_COUNT THEN they are named as not existing', () => {
    expect(problemsOf({ SHARD_COUNT: '2', SHARDS: '1-3', STORE_URL: REDIS })).toEqual([expect.stringContaining('shard 2, 3 does not exist with SHARD_COUNT=2')]);
    expect(problemsOf({ SHARD_COUNT: '2', SHARDS: '2', STORE_URL: REDIS })).toEqual([expect.stringContaining('shard 2 does not exist')]);
  });

  it('GIVEN a list of this host only on SQLite or memory THEN refused: other hosts could not share the store', () => {
    expect(problemsOf({ SHARD_COUNT: '2', SHARDS: '0' })).toEqual([expect.stringMatching(/^SHARDS: .*STORE_URL=redis/)]);
    expect(problemsOf({ SHARD_COUNT: '2', SHARDS: '1', STORE_URL: 'memory://' })).toEqual([expect.stringMatching(/STORE_URL=redis/)]);
    expect(problemsOf({ SHARD_COUNT: '2', SHARDS: '1', STORE_URL: 'rediss://h:6380' })).toEqual([]);
  });

  it.each([
    ['0-', 'list of shard ids'],
    ['a,b', 'list of shard ids'],
    ['3-1', 'runs backwards'],
    ['0-999999', 'too large'],
    ['-1', 'list of shard ids'],
  ])('GIVEN SHARDS=%s THEN a problem says %s', (shards, words) => {
    expect(problemsOf({ SHARD_COUNT: '4', SHARDS: shards, STORE_URL: REDIS })).toEqual([expect.stringContaining(words)]);
  });

  it('GIVEN SHARDS=auto with SHARD_COUNT, or SHARD_COUNT=0 THEN refused', () => {
    expect(problemsOf({ SHARD_COUNT: '4', SHARDS: 'auto', STORE_URL: REDIS })).toEqual([expect.stringContaining('"auto" cannot be combined')]);
    expect(problemsOf({ SHARD_COUNT: '0' }).map((line) => line.split(':')[0])).toEqual(['SHARD_COUNT']);
    expect(problemsOf({ SHARDS: '0' }).map((line) => line.split(':')[0])).toEqual(['SHARDS']);
  });

  it('GIVEN a process forked by SHARDS=N (discord.js set SHARDS and SHARD_COUNT) THEN both are left to discord.js', () => {
    const config = loadConfig({ SHARDING_MANAGER: 'true', SHARDS: '1', SHARD_COUNT: '2' }, root);
    expect(config.SHARDS).toBeUndefined();
    expect(config.SHARD_COUNT).toBeUndefined();
  });

  it('GIVEN parseShardsSetting THEN a lone number stays a number (its meaning depends on SHARD_COUNT)', () => {
    expect(parseShardsSetting('4')).toBe(4);
    expect(parseShardsSetting('AUTO')).toBe('auto');
  });
});
