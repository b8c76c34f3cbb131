import path from 'node:path';

/**
 * Whether `target` lies strictly inside `root` once both are resolved. Compared on whole segments,
 * so a sibling such as `/data-other` is outside `/data` while a file named `..notes` is inside.
 */
export function isStrictlyInside(root: string, target: string): boolean {
  const fromRoot = path.relative(path.resolve(root), path.resolve(target));
  return (
    fromRoot !== '' &&
    fromRoot !== '..' &&
    !fromRoot.startsWith(`..${path.sep}`) &&
    !path.isAbsolute(fromRoot)
  );
}
