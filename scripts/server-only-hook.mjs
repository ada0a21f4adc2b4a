// Node resolve hook (registered by server-only-preload.mjs): `import "server-only"` resolves under the
// package's own "react-server" condition, i.e. to its empty module, as it does in Next's server bundles.
// Only that one specifier is touched; every other import resolves as usual.
export async function resolve(specifier, context, nextResolve) {
  if (specifier !== "server-only") return nextResolve(specifier, context);
  return nextResolve(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
}
