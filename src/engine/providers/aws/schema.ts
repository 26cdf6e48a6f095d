export const trustPolicySchema: object = {};
