/**
 * `zod/mini` as the CDN file has it: vite.config.ts resolves the import here for that build
 * only, while the npm build, the server and every test of the source use zod/mini itself.
 * The schemas are zod/mini's: the same `zod/v4/core` classes (but for the object, below),
 * made by the same calls, run by the same `_zod.run`, their issues worded by the same
 * `finalizeIssue`. Left out is what the element never calls, which only the CDN file's
 * payers would download (about 700 bytes gzipped): zod/mini's `parse`, `parseAsync`, `safeParseAsync`, `brand`, `register`, `apply`
 * and `with` on every schema, and the `ZodError` class, of which the element reads `issues`
 * only. test/unit/zod-mini-cdn.test.ts holds schema.ts on these to its answers on zod/mini.
 */
import * as core from 'zod/v4/core';

/** What `safeParse` answers: zod/mini's result, with the error reduced to its issues. */
type SafeParseResult = { success: true; data: unknown } | { success: false; error: { issues: core.$ZodIssue[] } };

/** The members schema.ts and submit.ts use. */
interface Methods {
  safeParse(value: unknown): SafeParseResult;
  check(...checks: core.$ZodCheck[]): core.$ZodType;
  shape?: unknown;
}

/** A zod/mini class over a core one: `check` and `safeParse` as zod/mini has them, and an object's `shape`. */
const mini = <T extends core.$ZodType>(name: string, base: core.$constructor<T>) =>
  core.$constructor<T & Methods>(name, (inst, def) => {
    base.init(inst, def);
    inst.check = (...checks) =>
      core.clone(inst, { ...def, checks: [...(def.checks ?? []), ...checks] }, { parent: true });
    inst.safeParse = (value) => {
      // zod/mini's own context for a synchronous parse; none of these schemas is asynchronous.
      const ctx = { async: false };
      const { issues, value: data } = inst._zod.run({ value, issues: [] }, ctx) as core.ParsePayload;
      return issues.length
        ? {
            success: false,
            error: { issues: issues.map((issue) => core.util.finalizeIssue(issue, ctx, core.config())) },
          }
        : { success: true, data };
    };
    if (def.type === 'object') inst.shape = (def as core.$ZodObjectDef).shape;
  });

/**
 * An object of the shape's keys, as zod's `$ZodObject` parses one for these schemas: each key's
 * schema run on the input's value, its issues prefixed with the key, a key whose schema is
 * optional left out when absent, and unknown keys dropped. Not `$ZodObject` itself, whose
 * catch-all, JIT, memoizer and discriminator support these schemas never use (about 650 bytes
 * gzipped of the CDN file); test/unit/zod-mini-cdn.test.ts holds it to zod/mini's answers.
 */
const zodType: core.$constructor<core.$ZodType> = core.$ZodType;
const $ShapeObject = core.$constructor<core.$ZodObject>('$ZodObject', (inst, def) => {
  zodType.init(inst, def);
  inst._zod.parse = (payload, ctx) => {
    const input = payload.value as Record<string, unknown> | null;
    if (typeof input != 'object' || !input || Array.isArray(input)) {
      payload.issues.push({ expected: 'object', code: 'invalid_type', input, inst });
      return payload;
    }
    const output: Record<string, unknown> = (payload.value = {});
    for (const key in def.shape) {
      const field = def.shape[key]!._zod;
      const present = key in input;
      const result = field.run({ value: input[key], issues: [] }, ctx) as core.ParsePayload;
      // An optional key may be absent, and then says nothing; any other key is checked.
      if (!present && field.optin) continue;
      payload.issues.push(...core.util.prefixIssues(key, result.issues));
      if (present || result.value !== undefined) output[key] = result.value;
    }
    return payload;
  };
});

const ZodMiniObject = mini('ZodMiniObject', $ShapeObject);
const ZodMiniOptional = mini('ZodMiniOptional', core.$ZodOptional);
const ZodMiniCustom = mini('ZodMiniCustom', core.$ZodCustom);

export const object = (shape: core.$ZodLooseShape) => new ZodMiniObject({ type: 'object', shape });
export const optional = (innerType: core.$ZodType) => new ZodMiniOptional({ type: 'optional', innerType });
export const custom = (fn: (value: unknown) => unknown, params?: core.$ZodCustomParams) =>
  core._custom(ZodMiniCustom, fn, params);
export const refine = <T>(fn: (value: T) => unknown, params?: core.$ZodCustomParams) =>
  core._refine(ZodMiniCustom, fn, params);
export const overwrite = core._overwrite;
