import { GraphQLError, Kind, visit, type ASTNode, type DocumentNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';

/**
 * GraphQL itself refuses a value that is not of its argument's type before any resolver runs: an
 * unknown enum value, a malformed `Date` or `DateTime` (shared/platform/scalars.ts), a string for an Int.
 * In a variable that is BAD_USER_INPUT naming the variable; in a literal a validation error.
 * This plugin (the gateway's) makes both what every other refusal of input is: BAD_USER_INPUT
 * with `extensions.field` the argument's path (`input.status`, `filter.creditRiskClass`) and a
 * message a clerk reads in Chinese and English.
 */

const VARIABLE = /^Variable "\$([A-Za-z_][A-Za-z0-9_]*)" got invalid value (.*?)(?: at "([^"]+)")?; (.*)$/s;
const ENUM = /Value "([^"]*)" does not exist in "([A-Za-z_][A-Za-z0-9_]*)" enum\./;
const NON_ENUM = /Enum "([A-Za-z_][A-Za-z0-9_]*)" cannot represent non-enum value: (\S+?)\.(?: |$)/;
const LITERAL = /^(?:Value "[^"]*" does not exist in "[A-Za-z_][A-Za-z0-9_]*" enum\.|Expected value of type "[^"]+", found .*|Enum "[^"]+" cannot represent non-enum value: .*)/s;

/** Argument paths (`input.status`) of the argument values that use variable `name`. */
function argumentPathsOfVariable(document: DocumentNode, name: string): string[] {
  const paths: string[] = [];
  const stack: string[] = [];
  visit(document, {
    Argument: { enter: (n) => void stack.push(n.name.value), leave: () => void stack.pop() },
    ObjectField: { enter: (n) => void stack.push(n.name.value), leave: () => void stack.pop() },
    Variable: (n) => {
      if (n.name.value === name && stack.length) paths.push(stack.join('.'));
    },
  });
  return paths;
}

/** The path of the argument value (in the document) at a source position. */
function argumentPathAt(document: DocumentNode, position: number): string | undefined {
  let found: string | undefined;
  const stack: string[] = [];
  const inside = (n: ASTNode) => !!n.loc && n.loc.start <= position && position < n.loc.end;
  visit(document, {
    Argument: {
      enter: (n) => {
        stack.push(n.name.value);
        if (inside(n.value)) found = stack.join('.');
      },
      leave: () => void stack.pop(),
    },
    ObjectField: {
      enter: (n) => {
        stack.push(n.name.value);
        if (inside(n.value)) found = stack.join('.');
      },
      leave: () => void stack.pop(),
    },
  });
  return found;
}

function reason(detail: string): { zh: string; en: string; reason: string } {
  const e = ENUM.exec(detail);
  if (e) return { zh: `“${e[1]}”不是${e[2]}的取值`, en: `"${e[1]}" is not a value of ${e[2]}`, reason: 'not-an-enum-value' };
  const quoted = NON_ENUM.exec(detail);
  if (quoted) {
    return { zh: `${quoted[1]}的取值不加引号（如 ${quoted[2]}），收到${quoted[2]}`, en: `a value of ${quoted[1]} is written without quotes, got ${quoted[2]}`, reason: 'not-an-enum-value' };
  }
  // Our scalars' own messages are already bilingual (shared/platform/scalars.ts).
  const own = / \/ /.test(detail) ? detail.replace(/^Expected value of type "[^"]+", found [^;]*; /s, '') : undefined;
  if (own) {
    const [zh, ...en] = own.split(' / ');
    return { zh, en: en.join(' / '), reason: /YYYY-MM-DD|ISO 8601/.test(own) ? 'not-a-date' : 'wrong-type' };
  }
  return { zh: '值的类型不对', en: detail, reason: 'wrong-type' };
}

/** A refusal by GraphQL of an argument's value, as BAD_USER_INPUT naming the field; undefined for other errors. */
export function inputRefusal(error: GraphQLError, document: DocumentNode | undefined): GraphQLError | undefined {
  const variable = VARIABLE.exec(error.message);
  if (variable) {
    const [, name, , at, detail] = variable;
    const args = document ? argumentPathsOfVariable(document, name) : [];
    const base = args[0] ?? name;
    const field = at ? `${base}${at.slice(name.length)}` : base;
    const r = reason(detail);
    return new GraphQLError(`“${field}”的值无效：${r.zh} / ${field}: ${r.en}`, {
      nodes: error.nodes,
      extensions: { code: 'BAD_USER_INPUT', field, reason: r.reason, variable: name },
    });
  }
  if (LITERAL.test(error.message) && document && error.locations?.length) {
    const position = error.nodes?.[0]?.loc?.start;
    const field = position !== undefined ? argumentPathAt(document, position) : undefined;
    if (!field) return undefined;
    const r = reason(error.message);
    return new GraphQLError(`“${field}”的值无效：${r.zh} / ${field}: ${r.en}`, {
      nodes: error.nodes,
      extensions: { code: 'BAD_USER_INPUT', field, reason: r.reason },
    });
  }
  return undefined;
}

/** Apollo Server plugin: rewrites those refusals in the response (the gateway's). */
export function inputErrorsPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, document, source }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (!result.errors?.length) return;
          // The document may be missing when validation failed; parse nothing twice: only what we have.
          const doc = document ?? undefined;
          let changed = false;
          const errors = result.errors.map((formatted) => {
            const error = new GraphQLError(formatted.message, { extensions: formatted.extensions });
            const located = doc && formatted.locations?.length ? nodeAt(doc, source, formatted.locations[0]) : undefined;
            const rewritten = inputRefusal(Object.assign(error, { locations: formatted.locations, nodes: located ? [located] : undefined }), doc);
            if (!rewritten) return formatted;
            changed = true;
            return { message: rewritten.message, locations: formatted.locations, extensions: rewritten.extensions };
          });
          if (changed) result.errors = errors;
        },
      };
    },
  };
}

/** The innermost value node starting at a line/column of the source. */
function nodeAt(document: DocumentNode, source: string | undefined, at: { line: number; column: number }): ASTNode | undefined {
  if (!source) return undefined;
  const lines = source.split('\n');
  let position = at.column - 1;
  for (let i = 0; i < at.line - 1; i++) position += lines[i].length + 1;
  let found: ASTNode | undefined;
  visit(document, {
    enter(n) {
      if (n.kind !== Kind.DOCUMENT && n.loc && n.loc.start === position) found ??= n;
    },
  });
  return found;
}
