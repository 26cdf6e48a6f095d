/**
 * The HCL library behind a module of its own, so its (large) chunk carries a name that says what
 * it is; only `hcl-library.ts` imports it, dynamically.
 */
import * as hcl2 from 'hcl2-parser';

export default hcl2;
