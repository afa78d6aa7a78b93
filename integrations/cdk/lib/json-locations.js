'use strict';

/**
 * Where each value and each object key of a JSON text starts, as 1-based line and column
 * (columns count characters, like trustlint's), mapped to its path from the document root.
 *
 * Only what the validator needs: a lenient single-pass scanner over valid JSON (the templates
 * CDK writes). It returns `null` for text it cannot read, and callers then fall back to the
 * line number alone.
 *
 * @param {string} text
 * @returns {Map<string, (string|number)[]> | null} `"line:column"` → path (`['Resources', 'Role', 'Properties', …]`)
 */
function jsonLocations(text) {
  const starts = new Map();
  let i = 0;
  let line = 1;
  let column = 1;

  function advance() {
    const code = text.charCodeAt(i);
    if (code === 0x0a) {
      line += 1;
      column = 1;
    } else if (!(code >= 0xdc00 && code <= 0xdfff)) {
      // A low surrogate completes the character its high surrogate already counted.
      column += 1;
    }
    i += 1;
  }

  function skipWhitespace() {
    while (i < text.length && /[ \t\r\n\uFEFF]/.test(text[i])) advance();
  }

  function record(path) {
    const key = `${line}:${column}`;
    if (!starts.has(key)) starts.set(key, path);
  }

  function string() {
    if (text[i] !== '"') throw new Error('expected string');
    const from = i;
    advance();
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') advance();
      advance();
    }
    if (i >= text.length) throw new Error('unterminated string');
    advance();
    return JSON.parse(text.slice(from, i));
  }

  function value(path) {
    skipWhitespace();
    record(path);
    const c = text[i];
    if (c === '{') {
      advance();
      skipWhitespace();
      if (text[i] === '}') {
        advance();
        return;
      }
      for (;;) {
        skipWhitespace();
        const keyLine = line;
        const keyColumn = column;
        const key = string();
        const memberPath = [...path, key];
        const at = `${keyLine}:${keyColumn}`;
        if (!starts.has(at)) starts.set(at, memberPath);
        skipWhitespace();
        if (text[i] !== ':') throw new Error('expected colon');
        advance();
        value(memberPath);
        skipWhitespace();
        if (text[i] === ',') {
          advance();
          continue;
        }
        if (text[i] === '}') {
          advance();
          return;
        }
        throw new Error('expected , or }');
      }
    }
    if (c === '[') {
      advance();
      skipWhitespace();
      if (text[i] === ']') {
        advance();
        return;
      }
      for (let index = 0; ; index += 1) {
        value([...path, index]);
        skipWhitespace();
        if (text[i] === ',') {
          advance();
          continue;
        }
        if (text[i] === ']') {
          advance();
          return;
        }
        throw new Error('expected , or ]');
      }
    }
    if (c === '"') {
      string();
      return;
    }
    const literal = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
    if (!literal) throw new Error('unexpected character');
    for (let k = 0; k < literal[0].length; k += 1) advance();
  }

  try {
    value([]);
    skipWhitespace();
    if (i !== text.length) return null;
    return starts;
  } catch {
    return null;
  }
}

/**
 * The location CDK expects for a violating resource: a dotted path relative to the resource
 * (`Properties.AssumeRolePolicyDocument.Statement.0`), or the full dotted path when the
 * position lies outside it; `undefined` when nothing starts at that position.
 *
 * @param {Map<string, (string|number)[]> | null} locations from {@link jsonLocations}
 * @param {string | null | undefined} logicalId
 * @param {number} line
 * @param {number} column
 */
function propertyPathAt(locations, logicalId, line, column) {
  if (!locations || !line || !column) return undefined;
  const path = locations.get(`${line}:${column}`);
  if (!path || path.length === 0) return undefined;
  if (logicalId && path[0] === 'Resources' && path[1] === logicalId) {
    return path.length > 2 ? path.slice(2).join('.') : undefined;
  }
  return path.join('.');
}

module.exports = { jsonLocations, propertyPathAt };
