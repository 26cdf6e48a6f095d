import { describe, expect, it } from 'vitest';
import { embedTargetOrigin, withoutClaimValues } from './embedOrigin';

// HTML Standard, window.postMessage(message, targetOrigin): with an origin, the message is
// delivered only if the target window's document has that origin; "*" delivers to any.
describe('embedTargetOrigin', () => {
  it("posts to the parent's origin as the browser reports it", () => {
    expect(embedTargetOrigin({ ancestorOrigins: ['https://docs.example.com'], referrer: '', originParam: null })).toBe('https://docs.example.com');
    expect(embedTargetOrigin({ ancestorOrigins: null, referrer: 'https://docs.example.com/page?x=1', originParam: null })).toBe('https://docs.example.com');
  });

  it('uses origin= only when the browser says nothing or agrees', () => {
    expect(embedTargetOrigin({ ancestorOrigins: null, referrer: '', originParam: 'https://docs.example.com' })).toBe('https://docs.example.com');
    expect(embedTargetOrigin({ ancestorOrigins: ['https://docs.example.com'], referrer: '', originParam: 'https://docs.example.com/' })).toBe('https://docs.example.com');
    expect(embedTargetOrigin({ ancestorOrigins: ['https://docs.example.com'], referrer: '', originParam: 'https://attacker.example' })).toBeNull();
  });

  it('never falls back to "*": an unknown parent gets nothing', () => {
    expect(embedTargetOrigin({ ancestorOrigins: null, referrer: '', originParam: null })).toBeNull();
    expect(embedTargetOrigin({ ancestorOrigins: ['null'], referrer: 'not a url', originParam: '*' })).toBeNull();
  });
});

describe('withoutClaimValues', () => {
  it('masks every claim value in the posted message', () => {
    const claims = { sub: 'project_path:g/p:ref_type:branch:ref:main', user_email: 'me@example.com', nested: { id: 12345 } };
    const message = 'Vault would log in as entity alias "me@example.com" for project_path:g/p:ref_type:branch:ref:main (12345).';
    const masked = withoutClaimValues(message, claims);
    expect(masked).toBe('Vault would log in as entity alias "[claim]" for [claim] ([claim]).');
  });
});

describe('withoutClaimValues property', () => {
  it('no claim value of three or more characters survives in the posted message', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      // Values of digits only, so none can be read inside the "[claim]" placeholder itself.
      fc.property(fc.dictionary(fc.string(), fc.stringMatching(/^[0-9]{3,12}$/)), fc.stringMatching(/^[ a-z:"]*$/), (claims, noise) => {
        const message = `${noise}${Object.values(claims).join(noise)}${noise}`;
        const masked = withoutClaimValues(message, claims);
        for (const value of Object.values(claims)) expect(masked).not.toContain(value);
      }),
      { numRuns: 200 },
    );
  });
});
