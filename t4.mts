import { analyseExposure } from './src/engine/exposure/index';
import { exampleById } from './src/engine/examples';
const e = exampleById(process.argv[2])!;
const r = analyseExposure({ policyText: e.policy, provider: e.provider, claims: e.claims, at: e.at, options: e.options });
console.log(e.policy, e.claims.sub, e.claims.project_path, r.summary, r.witnesses.map(w=>[w.axis,w.label,w.claims.sub]));
