import { PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { missingDigestPermissions } from '../../../src/discord/digest/permissions.js';

describe('missingDigestPermissions', () => {
  it('GIVEN only View Channel THEN Send Messages and Embed Links are named, in that order', () => {
    expect(missingDigestPermissions(new PermissionsBitField(PermissionFlagsBits.ViewChannel))).toEqual(['Send Messages', 'Embed Links']);
  });

  it('GIVEN Administrator THEN nothing is missing', () => {
    expect(missingDigestPermissions(new PermissionsBitField(PermissionFlagsBits.Administrator))).toEqual([]);
  });

  it('GIVEN no permissions known THEN all three are named', () => {
    expect(missingDigestPermissions(null)).toEqual(['View Channel', 'Send Messages', 'Embed Links']);
  });
});
