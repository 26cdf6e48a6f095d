import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchWildcard } from '../../match';
import { arnMatch, compareValue, divergenceOf, globMatches, inCidr, ipBytes, likeMatch, parseDate, parseOperator, LITERAL_STAR, type BaseOperator } from './operators';

const op = (text: string): BaseOperator => {
  const parsed = parseOperator(text);
  if (!parsed.ok) throw new Error(text);
  return parsed.operator.base;
};

describe('parseOperator', () => {
  // reference_policies_elements_condition_operators: "…IfExists" on any operator except Null;
  // Access Analyzer "Null with if exists"; set qualifiers from reference_policies_condition-single-vs-multi-valued-context-keys.
  it('reads qualifiers and IfExists', () => {
    const parsed = parseOperator('ForAnyValue:StringLikeIfExists');
    expect(parsed.ok && parsed.operator).toMatchObject({ qualifier: 'ForAnyValue', ifExists: true, base: { name: 'StringLike', negated: false } });
    const negated = parseOperator('StringNotEqualsIgnoreCase');
    expect(negated.ok && negated.operator.base.negated).toBe(true);
  });
  it('refuses NullIfExists and unknown operators', () => {
    expect(parseOperator('NullIfExists')).toEqual({ ok: false, reason: 'null-if-exists' });
    expect(parseOperator('StringEqual')).toEqual({ ok: false, reason: 'unknown' });
    expect(parseOperator('stringequals')).toEqual({ ok: false, reason: 'unknown' });
  });
  it('knows every documented operator', () => {
    for (const name of ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike', 'NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals', 'DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals', 'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'Null']) {
      expect(parseOperator(name).ok, name).toBe(true);
    }
  });
});

describe('string operators', () => {
  // Operators page, String condition operators: StringEquals "Exact matching, case sensitive".
  it('StringEquals is exact and case-sensitive; wildcards are literal', () => {
    expect(compareValue(op('StringEquals'), 'repo:a/b', 'repo:a/b').matched).toBe(true);
    expect(compareValue(op('StringEquals'), 'repo:A/b', 'repo:a/b').matched).toBe(false);
    expect(compareValue(op('StringEquals'), 'repo:a/*', 'repo:a/b').matched).toBe(false);
    expect(compareValue(op('StringEquals'), 'repo:a/*', 'repo:a/*').matched).toBe(true);
  });
  it('StringEqualsIgnoreCase ignores case', () => {
    expect(compareValue(op('StringEqualsIgnoreCase'), 'REPO:A/B', 'repo:a/b').matched).toBe(true);
  });
  it('reports where an exact comparison diverges', () => {
    expect(compareValue(op('StringEquals'), 'project_path:g/p:ref_type:branch:ref:main', 'project_path:g/p:ref_type:tag:ref:v1').divergedAt).toBe(26);
  });
  // "The first asterisk matches us-east-2:999999999999:store/abc:" — `*` crosses `:` and `/`.
  it('StringLike * crosses : and /, and matches the empty string', () => {
    expect(likeMatch('arn:aws:someservice:*:111122223333:finance/*', 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/x').matched).toBe(true);
    expect(likeMatch('project_path:mygroup/*', 'project_path:mygroup/sub/deep:ref_type:branch:ref:x').matched).toBe(true);
    expect(likeMatch('repo:org/repo:*', 'repo:org/repo:').matched).toBe(true);
  });
  // "single-character match wildcards (?)": exactly one character (Dashtid/subvectors gh-aws-single-char-wildcard).
  it('StringLike ? is exactly one character', () => {
    expect(likeMatch('mai?', 'main').matched).toBe(true);
    expect(likeMatch('main?', 'main').matched).toBe(false);
    expect(likeMatch('ma?', 'main').matched).toBe(false);
  });
  it('StringLike is case-sensitive', () => {
    expect(likeMatch('repo:Octo/*', 'repo:octo/x').matched).toBe(false);
  });
  // reference_policies_variables "Special characters": ${*} is a literal asterisk.
  it('a literal marker from ${*} matches only a real asterisk', () => {
    expect(likeMatch(`repo:org/${LITERAL_STAR}`, 'repo:org/*').matched).toBe(true);
    expect(likeMatch(`repo:org/${LITERAL_STAR}`, 'repo:org/x').matched).toBe(false);
  });

  // Property: StringLike agrees with a regular-expression oracle built from the documented rules.
  it('agrees with a regex oracle', () => {
    const alphabet = fc.constantFrom('a', 'b', ':', '/', '*', '?');
    const textAlphabet = fc.constantFrom('a', 'b', ':', '/', '*', '?');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 10 }), fc.array(textAlphabet, { maxLength: 12 }), (patternChars, textChars) => {
        const pattern = patternChars.join('');
        const text = textChars.join('');
        const source = [...pattern].map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))).join('');
        const oracle = new RegExp(`^${source}$`).test(text);
        expect(likeMatch(pattern, text).matched).toBe(oracle);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('numeric, date, bool, binary', () => {
  // Operators page, Numeric condition operators.
  it('numeric comparisons', () => {
    expect(compareValue(op('NumericEquals'), '10', '10.0').matched).toBe(true);
    expect(compareValue(op('NumericLessThan'), '10', '9').matched).toBe(true);
    expect(compareValue(op('NumericLessThanEquals'), '10', '10').matched).toBe(true);
    expect(compareValue(op('NumericGreaterThan'), '10', '10').matched).toBe(false);
    expect(compareValue(op('NumericGreaterThanEquals'), '10', '11').matched).toBe(true);
    expect(compareValue(op('NumericEquals'), 'ten', '10')).toMatchObject({ matched: false, invalid: expect.stringContaining('not a number') });
    expect(compareValue(op('NumericEquals'), '10', 'abc').matched).toBe(false);
  });
  // Date operators: "W3C implementations of the ISO 8601 date formats" or epoch; no wildcards.
  it('date comparisons accept ISO 8601 and epoch seconds', () => {
    expect(parseDate('2020-04-01T00:00:00Z')).toBe(Date.UTC(2020, 3, 1));
    expect(parseDate('2020-04-01')).toBe(Date.UTC(2020, 3, 1));
    expect(parseDate('1585699200')).toBe(Date.UTC(2020, 3, 1));
    expect(parseDate('2020-04-*')).toBeNull();
    expect(compareValue(op('DateGreaterThan'), '2020-04-01T00:00:00Z', '2026-05-28T20:26:50Z').matched).toBe(true);
    expect(compareValue(op('DateLessThan'), '2020-04-01T00:00:00Z', '2026-05-28T20:26:50Z').matched).toBe(false);
    expect(compareValue(op('DateEquals'), '1585699200', '2020-04-01T00:00:00Z').matched).toBe(true);
  });
  // Boolean condition operators: "true" / "false".
  it('Bool', () => {
    expect(compareValue(op('Bool'), 'true', 'true').matched).toBe(true);
    expect(compareValue(op('Bool'), 'false', 'true').matched).toBe(false);
    expect(compareValue(op('Bool'), 'yes', 'true').invalid).toBeDefined();
  });
  // Operators page, Binary condition operators: BinaryEquals "compares the value of the specified
  // key byte for byte against a base-64 encoded representation of the binary value in the policy".
  // Web identity keys hold text, so the key's bytes are its UTF-8 encoding.
  it('BinaryEquals decodes the policy value and compares bytes', () => {
    expect(compareValue(op('BinaryEquals'), 'QmluYXJ5VmFsdWU=', 'BinaryValue').matched).toBe(true);
    expect(compareValue(op('BinaryEquals'), 'dXNlci0xMjM=', 'user-123').matched).toBe(true);
    expect(compareValue(op('BinaryEquals'), 'dXNlci00NTY=', 'user-123').matched).toBe(false);
    // The base-64 text itself is not the bytes it stands for.
    expect(compareValue(op('BinaryEquals'), 'QmluYXJ5VmFsdWU=', 'QmluYXJ5VmFsdWU=').matched).toBe(false);
    expect(compareValue(op('BinaryEquals'), '4pyT', '\u2713').matched).toBe(true);
    expect(compareValue(op('BinaryEquals'), 'user-123', 'user-123')).toMatchObject({ matched: false, invalid: expect.stringContaining('not base-64') });
  });
  it('BinaryEquals agrees with Node base-64 as an oracle and never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string(), (value, junk) => {
        const encoded = Buffer.from(value, 'utf8').toString('base64');
        expect(compareValue(op('BinaryEquals'), encoded, value).matched).toBe(true);
        const outcome = compareValue(op('BinaryEquals'), junk, value);
        if (outcome.invalid === undefined) expect(outcome.matched).toBe(Buffer.from(junk, 'base64').equals(Buffer.from(value, 'utf8')));
      }),
      { numRuns: 500 },
    );
  });
});

describe('IP address operators', () => {
  // IP address condition operators: CIDR, IPv4 and IPv6, no prefix means /32.
  it('matches CIDR blocks', () => {
    expect(inCidr('203.0.113.0/24', '203.0.113.7')).toBe(true);
    expect(inCidr('203.0.113.0/24', '203.0.114.7')).toBe(false);
    expect(inCidr('203.0.113.7', '203.0.113.7')).toBe(true);
    expect(inCidr('203.0.113.7', '203.0.113.8')).toBe(false);
    expect(inCidr('2001:DB8:1234:5678::/64', '2001:db8:1234:5678:ffff::1')).toBe(true);
    expect(inCidr('2001:DB8:1234:5678::/64', '2001:db8:1234:5679::1')).toBe(false);
    expect(inCidr('0.0.0.0/0', '198.51.100.1')).toBe(true);
    expect(inCidr('203.0.113.0/33', '203.0.113.1')).toBeNull();
    expect(inCidr('not-an-ip', '203.0.113.1')).toBeNull();
  });
  it('parses IPv6 forms', () => {
    expect(ipBytes('::1')).toEqual([...Array(15).fill(0), 1]);
    expect(ipBytes('::ffff:192.0.2.1')?.slice(12)).toEqual([192, 0, 2, 1]);
    expect(ipBytes('1::2::3')).toBeNull();
  });
  it('NotIpAddress is the negation of the same test', () => {
    expect(op('NotIpAddress').negated).toBe(true);
    expect(compareValue(op('NotIpAddress'), '203.0.113.0/24', '203.0.113.7').matched).toBe(true);
  });
});

describe('ARN operators', () => {
  // "Each of the six colon-delimited components of the ARN is checked separately" — so `*` stays within one component.
  it('checks each component separately', () => {
    expect(arnMatch('arn:aws:iam::*:oidc-provider/gitlab.com', 'arn:aws:iam::111122223333:oidc-provider/gitlab.com').matched).toBe(true);
    expect(arnMatch('arn:aws:iam::*:role/*', 'arn:aws:iam::111122223333:role/a:b').matched).toBe(true);
    expect(arnMatch('arn:aws:*:us-east-1:111122223333:x', 'arn:aws:s3:us-east-1:extra:111122223333:x').matched).toBe(false);
    expect(arnMatch('arn:aws:iam::111122223333:role/x', 'arn:aws:iam::111122223333:role/X').matched).toBe(false);
  });
});

describe('divergenceOf', () => {
  // The explanation must say the same as the shared matcher in match/ (its divergedAt), only faster.
  it('agrees with match/ on random patterns', () => {
    const chars = fc.constantFrom('a', 'b', ':', '/', '*', '?');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 10 }), fc.array(fc.constantFrom('a', 'b', ':', '/'), { maxLength: 12 }), (p, t) => {
        const pattern = p.join('');
        const text = t.join('');
        const reference = matchWildcard(pattern, text, { flavour: 'iam' });
        expect(divergenceOf(pattern, text)).toBe(reference.matched ? undefined : reference.divergedAt);
        expect(globMatches(pattern, text)).toBe(reference.matched);
      }),
      { numRuns: 2000 },
    );
  });
});
