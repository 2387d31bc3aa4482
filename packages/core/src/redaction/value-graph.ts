/** What one pass over a value graph found. */
export interface ValueScan {
  /** Every non-empty string (and number, as text) in the graph, each once. */
  readonly strings: string[];
  /** Dotted path of the first reference back to an enclosing object, if the graph has a cycle. */
  readonly cyclePath: string | undefined;
}

interface Frame {
  readonly node: object;
  readonly path: string;
  readonly keys: string[];
  next: number;
}

/**
 * Walks plain objects and arrays reachable from `value` once each, so a config whose objects are
 * shared many times over (a DAG) costs time linear in its size, not in the number of its paths.
 * Iterative, so a very deep chain cannot overflow the stack. Other objects (class instances, dates,
 * buffers) are not entered: they are not data a caller typed in.
 */
export function scanValue(value: unknown): ValueScan {
  const strings = new Set<string>();
  const done = new Set<object>();
  const onPath = new Set<object>();
  let cyclePath: string | undefined;
  const stack: Frame[] = [];
  const visit = (item: unknown, path: string): void => {
    if (typeof item === 'string') {
      if (item !== '') strings.add(item);
    } else if (typeof item === 'number' || typeof item === 'bigint') {
      strings.add(String(item));
    } else if (isPlainContainer(item) && !done.has(item)) {
      if (onPath.has(item)) cyclePath ??= path;
      else {
        onPath.add(item);
        stack.push({ node: item, path, keys: Object.keys(item), next: 0 });
      }
    }
  };
  visit(value, '');
  while (stack.length > 0) {
    const frame = stack.at(-1)!;
    const key = frame.keys[frame.next];
    if (key === undefined) {
      stack.pop();
      onPath.delete(frame.node);
      done.add(frame.node);
      continue;
    }
    frame.next += 1;
    visit((frame.node as Record<string, unknown>)[key], frame.path === '' ? key : `${frame.path}.${key}`);
  }
  return { strings: [...strings], cyclePath };
}

function isPlainContainer(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
