/**
 * Discord's size limits on message payloads, checked the way Discord answers them: a 400 with
 * code 50035 "Invalid Form Body" and the offending fields nested under `errors`.
 */
import type { Json } from './discord-payloads.js';

/** One broken rule, addressed like Discord does (`embeds.0.description`). */
export interface LimitProblem {
  /** Dotted path of the field in the request body. */
  path: string;
  /** Discord's error code string, e.g. `BASE_TYPE_MAX_LENGTH`. */
  code: string;
  message: string;
}

/** Discord's message limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const obj = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});
/** Discord counts characters as UTF-16 code units would undercount astral emoji; it counts code points. */
const len = (value: unknown): number => [...text(value)].length;

function maxLength(problems: LimitProblem[], path: string, value: unknown, max: number): void {
  if (len(value) > max) problems.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
}

/**
 * Checks a message body (create or edit). `requireContent` is true for creates, where Discord
 * refuses a message with nothing in it (50006).
 */
export function checkMessageBody(body: Json, options: { requireContent: boolean; hasFiles?: boolean }, prefix = ''): LimitProblem[] {
  const problems: LimitProblem[] = [];
  maxLength(problems, `${prefix}content`, body.content, LIMITS.content);
  const embeds = Array.isArray(body.embeds) ? body.embeds : [];
  if (embeds.length > LIMITS.embeds) {
    problems.push({ path: `${prefix}embeds`, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${LIMITS.embeds} or fewer in length.` });
  }
  let total = 0;
  embeds.forEach((raw, i) => {
    const embed = obj(raw);
    const at = `${prefix}embeds.${i}.`;
    maxLength(problems, `${at}title`, embed.title, LIMITS.title);
    maxLength(problems, `${at}description`, embed.description, LIMITS.description);
    maxLength(problems, `${at}footer.text`, obj(embed.footer).text, LIMITS.footer);
    maxLength(problems, `${at}author.name`, obj(embed.author).name, LIMITS.authorName);
    total += len(embed.title) + len(embed.description) + len(obj(embed.footer).text) + len(obj(embed.author).name);
    const fields = Array.isArray(embed.fields) ? embed.fields : [];
    if (fields.length > LIMITS.fields) {
      problems.push({ path: `${at}fields`, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${LIMITS.fields} or fewer in length.` });
    }
    fields.forEach((rawField, j) => {
      const field = obj(rawField);
      maxLength(problems, `${at}fields.${j}.name`, field.name, LIMITS.fieldName);
      maxLength(problems, `${at}fields.${j}.value`, field.value, LIMITS.fieldValue);
      if (len(field.name) === 0 || len(field.value) === 0) {
        problems.push({ path: `${at}fields.${j}`, code: 'BASE_TYPE_REQUIRED', message: 'Field name and value are required.' });
      }
      total += len(field.name) + len(field.value);
    });
  });
  if (total > LIMITS.embedTotal) {
    problems.push({ path: `${prefix}embeds`, code: 'MAX_EMBED_SIZE_EXCEEDED', message: `Embed size exceeds maximum size of ${LIMITS.embedTotal}` });
  }
  const components = Array.isArray(body.components) ? body.components : [];
  if (components.length > LIMITS.actionRows) {
    problems.push({ path: `${prefix}components`, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${LIMITS.actionRows} or fewer in length.` });
  }
  const mentions = obj(body.allowed_mentions);
  const parse = Array.isArray(mentions.parse) ? mentions.parse : [];
  for (const kind of ['users', 'roles'] as const) {
    if (parse.includes(kind) && Array.isArray(mentions[kind])) {
      problems.push({
        path: `${prefix}allowed_mentions`,
        code: 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
        message: `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`,
      });
    }
  }
  const empty =
    len(body.content) === 0 && embeds.length === 0 && components.length === 0 && !options.hasFiles && !Array.isArray(body.sticker_ids) && !body.poll;
  if (options.requireContent && empty) {
    problems.push({ path: `${prefix}`, code: 'EMPTY_MESSAGE', message: 'Cannot send an empty message' });
  }
  return problems;
}

/** Checks an autocomplete result: at most 25 choices, names 1–100 chars, string values ≤ 100. */
export function checkChoices(data: Json): LimitProblem[] {
  const problems: LimitProblem[] = [];
  const choices = Array.isArray(data.choices) ? data.choices : [];
  if (choices.length > LIMITS.choices) {
    problems.push({ path: 'data.choices', code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${LIMITS.choices} or fewer in length.` });
  }
  choices.forEach((raw, i) => {
    const choice = obj(raw);
    if (len(choice.name) < 1 || len(choice.name) > LIMITS.choiceName) {
      problems.push({ path: `data.choices.${i}.name`, code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
    }
    if (typeof choice.value === 'string') maxLength(problems, `data.choices.${i}.value`, choice.value, LIMITS.choiceValue);
  });
  return problems;
}

/** Discord's error JSON for a list of problems (50006 for an empty message, 50035 otherwise). */
export function formBodyError(problems: LimitProblem[]): Json {
  if (problems.length > 0 && problems.every((p) => p.code === 'EMPTY_MESSAGE')) {
    return { message: 'Cannot send an empty message', code: 50006 };
  }
  const errors: Json = {};
  for (const problem of problems.filter((p) => p.code !== 'EMPTY_MESSAGE')) {
    let node = errors;
    for (const key of problem.path.split('.').filter(Boolean)) {
      node = (node[key] ??= {}) as Json;
    }
    const list = (node._errors ??= []) as Json[];
    list.push({ code: problem.code, message: problem.message });
  }
  return { message: 'Invalid Form Body', code: 50035, errors };
}
