/**
 * Herald's process exit codes, in every mode: `config` is a setting or start-up problem the host
 * must fix, `usage` a console line not understood (sysexits' EX_USAGE), `interrupted` the shell's
 * "ended by Ctrl-C".
 */
export const EXIT = { ok: 0, failed: 1, config: 2, usage: 64, interrupted: 130 } as const;
