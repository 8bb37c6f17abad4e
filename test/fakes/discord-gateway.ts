/**
 * The fake Discord gateway: HELLO, heartbeats, IDENTIFY → READY + GUILD_CREATE, RESUME → replay +
 * RESUMED, sharding, and scripted connection drops. Sessions outlive their sockets so that events
 * dispatched while a client is disconnected are replayed on resume, as Discord does.
 */
import type { IncomingMessage, Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import { textOf, type Json } from './discord-payloads.js';

/** One gateway session (one IDENTIFY), possibly spanning several connections via RESUME. */
export interface GatewaySession {
  /** `session_id` from READY. */
  readonly id: string;
  /** `[shard_id, num_shards]` from IDENTIFY (`[0, 1]` when the client sent none). */
  readonly shard: readonly [number, number];
  /** Gateway intents bit field from IDENTIFY. */
  readonly intents: number;
  /** Last sequence number sent on this session. */
  seq: number;
  /** How many times the session was resumed. */
  resumes: number;
  /** True once the client closed it with 1000/1001 or it was invalidated: no more events, no resume. */
  ended: boolean;
  /** The socket currently carrying it, if connected. */
  socket: WebSocket | undefined;
}

/** A gateway connection as seen by the fake (for assertions on reconnects). */
export interface GatewayConnection {
  /** Request path and query, e.g. `/?v=10&encoding=json` or `/resume?v=10&encoding=json`. */
  readonly url: string;
  readonly openedAt: number;
  closedAt?: number;
  /** Close code as the fake saw it (1006 for an abrupt drop). */
  closeCode?: number;
}

/** What the gateway needs from the rest of the fake. */
export interface GatewayHooks {
  /** The token IDENTIFY/RESUME must carry; any non-empty token when undefined. */
  token: string | undefined;
  heartbeatIntervalMs: number;
  /** READY's `d` for a new session (without session_id/resume_gateway_url/shard, added here). */
  ready(session: GatewaySession): Json;
  /** GUILD_CREATE payloads for a new session's shard. */
  guildCreates(session: GatewaySession): Json[];
  /** Members of a guild, for op 8 Request Guild Members. */
  members(guildId: string): Json[];
  /** Called on every state change, so waiters can re-check. */
  changed(): void;
}

interface SocketState {
  session: GatewaySession | undefined;
  connection: GatewayConnection;
  /** The fake closed or dropped it; the close must not end the session. */
  closedByServer: boolean;
}

interface LoggedEvent {
  s: number;
  t: string;
  d: unknown;
}

/** How many dispatched events a session keeps for replay on resume. */
const REPLAY_BUFFER = 5000;

/** The gateway half of the fake Discord, sharing the HTTP server's port. */
export class FakeGateway {
  readonly sessions: GatewaySession[] = [];
  readonly connections: GatewayConnection[] = [];
  /** When false, heartbeats go unanswered (to provoke a zombie-connection reconnect). */
  ackHeartbeats = true;
  private readonly wss: WebSocketServer;
  private readonly logs = new Map<GatewaySession, LoggedEvent[]>();
  private readonly states = new Map<WebSocket, SocketState>();

  constructor(
    server: Server,
    private readonly resumeUrl: string,
    private readonly hooks: GatewayHooks,
  ) {
    this.wss = new WebSocketServer({ server });
    this.wss.on('connection', (socket, request) => this.onConnection(socket, request));
  }

  /** Sessions that receive events: not ended. */
  liveSessions(shard?: number): GatewaySession[] {
    return this.sessions.filter((s) => !s.ended && (shard === undefined || s.shard[0] === shard));
  }

  /**
   * Sends a dispatch to every live session that `filter` accepts (all by default). Disconnected but
   * resumable sessions buffer it for replay. Returns how many sessions got it.
   */
  dispatch(event: string, data: unknown, filter: (session: GatewaySession) => boolean = () => true): number {
    const targets = this.liveSessions().filter(filter);
    for (const session of targets) this.send(session, event, data);
    return targets.length;
  }

  /**
   * Drops the connections of a shard (all when undefined). `abrupt` terminates the TCP socket
   * (the client sees 1006); otherwise a close frame with `code` (default 4000, resumable).
   */
  drop(options: { shard?: number; code?: number; abrupt?: boolean } = {}): number {
    let dropped = 0;
    for (const [socket, state] of this.states) {
      if (options.shard !== undefined && state.session?.shard[0] !== options.shard) continue;
      state.closedByServer = true;
      if (options.abrupt) socket.terminate();
      else socket.close(options.code ?? 4000, 'fake-discord drop');
      dropped += 1;
    }
    return dropped;
  }

  /** Sends op 7 Reconnect: the client closes and resumes. */
  requestReconnect(shard?: number): void {
    for (const session of this.liveSessions(shard)) session.socket?.send(JSON.stringify({ op: 7, d: null }));
  }

  /** Sends op 9 Invalid Session; when not resumable the session ends and the client re-identifies. */
  invalidateSessions(resumable: boolean, shard?: number): void {
    for (const session of this.liveSessions(shard)) {
      if (!resumable) session.ended = true;
      session.socket?.send(JSON.stringify({ op: 9, d: resumable }));
    }
    this.hooks.changed();
  }

  async close(): Promise<void> {
    for (const socket of this.states.keys()) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private send(session: GatewaySession, event: string, data: unknown): void {
    session.seq += 1;
    const entry = { s: session.seq, t: event, d: data };
    const log = this.logs.get(session) ?? [];
    log.push(entry);
    if (log.length > REPLAY_BUFFER) log.splice(0, log.length - REPLAY_BUFFER);
    this.logs.set(session, log);
    if (session.socket?.readyState === WebSocket.OPEN) session.socket.send(JSON.stringify({ op: 0, ...entry }));
  }

  private onConnection(socket: WebSocket, request: IncomingMessage): void {
    const connection: GatewayConnection = { url: request.url ?? '/', openedAt: performance.now() };
    this.connections.push(connection);
    const state: SocketState = { session: undefined, connection, closedByServer: false };
    this.states.set(socket, state);
    socket.on('message', (raw) => this.onMessage(socket, state, raw));
    socket.on('close', (code) => {
      this.states.delete(socket);
      connection.closedAt = performance.now();
      connection.closeCode = code;
      const session = state.session;
      if (session && session.socket === socket) {
        session.socket = undefined;
        // A client closing with 1000/1001 ends its session; anything else may be resumed.
        if (!state.closedByServer && (code === 1000 || code === 1001)) session.ended = true;
      }
      this.hooks.changed();
    });
    socket.on('error', () => undefined);
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.hooks.heartbeatIntervalMs } }));
    this.hooks.changed();
  }

  private onMessage(socket: WebSocket, state: SocketState, raw: RawData): void {
    let payload: { op?: number; d?: unknown };
    try {
      payload = JSON.parse(rawText(raw)) as { op?: number; d?: unknown };
    } catch {
      socket.close(4002, 'Error while decoding payload.');
      return;
    }
    const d = (payload.d ?? {}) as Json;
    switch (payload.op) {
      case 1:
        if (this.ackHeartbeats) socket.send(JSON.stringify({ op: 11 }));
        return;
      case 2:
        this.identify(socket, state, d);
        return;
      case 6:
        this.resume(socket, state, d);
        return;
      case 8:
        this.requestMembers(state, d);
        return;
      case 3:
      case 4:
        return;
      default:
        socket.close(4001, 'Unknown opcode.');
    }
  }

  private tokenOk(token: unknown): boolean {
    return typeof token === 'string' && token.length > 0 && (this.hooks.token === undefined || token === this.hooks.token);
  }

  private identify(socket: WebSocket, state: SocketState, d: Json): void {
    if (state.session) {
      socket.close(4005, 'Already authenticated.');
      return;
    }
    if (!this.tokenOk(d.token)) {
      state.closedByServer = true;
      socket.close(4004, 'Authentication failed.');
      return;
    }
    const shardField = Array.isArray(d.shard) ? d.shard : [0, 1];
    const shard: [number, number] = [Number(shardField[0] ?? 0), Number(shardField[1] ?? 1)];
    if (!(shard[1] >= 1 && shard[0] >= 0 && shard[0] < shard[1])) {
      state.closedByServer = true;
      socket.close(4010, 'Invalid shard.');
      return;
    }
    const session: GatewaySession = {
      id: randomUUID().replaceAll('-', ''),
      shard,
      intents: Number(d.intents ?? 0),
      seq: 0,
      resumes: 0,
      ended: false,
      socket,
    };
    this.sessions.push(session);
    state.session = session;
    this.send(session, 'READY', {
      ...this.hooks.ready(session),
      session_id: session.id,
      resume_gateway_url: this.resumeUrl,
      shard,
    });
    for (const guild of this.hooks.guildCreates(session)) this.send(session, 'GUILD_CREATE', guild);
    this.hooks.changed();
  }

  private resume(socket: WebSocket, state: SocketState, d: Json): void {
    const session = this.sessions.find((s) => s.id === d.session_id);
    if (!session || session.ended || !this.tokenOk(d.token)) {
      socket.send(JSON.stringify({ op: 9, d: false }));
      return;
    }
    const seq = Number(d.seq ?? 0);
    const previous = session.socket;
    if (previous && previous !== socket) {
      const previousState = this.states.get(previous);
      if (previousState) previousState.closedByServer = true;
      previous.terminate();
    }
    session.socket = socket;
    session.resumes += 1;
    state.session = session;
    for (const entry of this.logs.get(session) ?? []) {
      if (entry.s > seq) socket.send(JSON.stringify({ op: 0, ...entry }));
    }
    this.send(session, 'RESUMED', {});
    this.hooks.changed();
  }

  private requestMembers(state: SocketState, d: Json): void {
    const session = state.session;
    if (!session) return;
    const guildId = textOf(d.guild_id);
    const ids = Array.isArray(d.user_ids) ? d.user_ids.map(String) : typeof d.user_ids === 'string' ? [d.user_ids] : undefined;
    const query = typeof d.query === 'string' ? d.query.toLowerCase() : '';
    const limit = Number(d.limit ?? 0) || Infinity;
    const members = this.hooks
      .members(guildId)
      .filter((m) => {
        const user = (m.user ?? {}) as Json;
        if (ids) return ids.includes(String(user.id));
        return textOf(user.username).toLowerCase().startsWith(query);
      })
      .slice(0, limit);
    this.send(session, 'GUILD_MEMBERS_CHUNK', {
      guild_id: guildId,
      members,
      chunk_index: 0,
      chunk_count: 1,
      ...(d.nonce ? { nonce: d.nonce } : {}),
    });
  }
}

/** A WebSocket frame as text; `ws` hands over a Buffer by default, but its type also allows chunks. */
function rawText(raw: RawData): string {
  if (Buffer.isBuffer(raw)) return raw.toString();
  if (Array.isArray(raw)) return Buffer.concat(raw).toString();
  return Buffer.from(raw).toString();
}
