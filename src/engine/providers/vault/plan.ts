/**
 * A Vault / OpenBao JWT role planned once for many tokens. The role and config are written once per
 * server flavour (the write rules differ between Vault and OpenBao); each token then runs the one
 * login (login.ts): `decide` without a trace, `explain` with one.
 */
import type { Plan } from '../../provider';
import type { QuickDecision } from '../../result';
import type { Flavour } from './fields';
import { runLogin } from './login';
import { LoginTrace } from './login-trace';
import { readOptions, type VaultOptions } from './options';
import type { VaultPolicy } from './parse';
import { prepareLogin, type Preparation } from './prepare';
import { configWriteRefused, roleWriteRefused } from './write-refusal';

export function planVault(policy: VaultPolicy): Plan {
  const byFlavour = new Map<Flavour, Preparation>();
  const prepared = (flavour: Flavour): Preparation => {
    let preparation = byFlavour.get(flavour);
    if (!preparation) byFlavour.set(flavour, (preparation = prepareLogin(policy, flavour)));
    return preparation;
  };
  // A batch of tokens comes with the same switches: read them again only when they change.
  let seenFlavour: string | undefined;
  let seenVersion: string | undefined;
  let seen: VaultOptions | null = null;
  const optionsOf = (raw: Record<string, string>): VaultOptions => {
    if (seen === null || raw.flavour !== seenFlavour || raw.vault_version !== seenVersion) {
      seen = readOptions(raw);
      seenFlavour = raw.flavour;
      seenVersion = raw.vault_version;
    }
    return seen;
  };
  return {
    decide(token, at, rawOptions): QuickDecision {
      const options = optionsOf(rawOptions);
      const preparation = prepared(options.flavour);
      if (!preparation.ok) return { decision: 'error', message: 'write' in preparation ? preparation.write.message : preparation.config.message };
      return runLogin(preparation.login, token, at, options, false, null);
    },
    explain(token, context) {
      const options = readOptions(context.options);
      const preparation = prepared(options.flavour);
      if (!preparation.ok) return 'write' in preparation ? roleWriteRefused(preparation.write, options.flavour) : configWriteRefused(preparation.config, options.flavour);
      const trace = new LoginTrace(preparation.login, options);
      const answer = runLogin(preparation.login, token, context.at, options, context.signature.state === 'invalid', trace);
      return trace.result(answer);
    },
  };
}
