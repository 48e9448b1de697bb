// A tiny TypeDoc plugin: names each package's module after the package
// (`@smolml/core`), not after the folder of its entry point (`core/src`).
// A `@module` tag in a package's index.ts, if one is added, wins.
import { Converter, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const mod of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      const m = /^([a-z]+)\/src$/.exec(mod.name);
      if (m) mod.name = `@smolml/${m[1]}`;
    }
  });
}
