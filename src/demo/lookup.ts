/** A lookup in what the demo has just written or declared: a missing key is a mistake in the demo's content. */
export function lookup<V>(map: ReadonlyMap<string, V>, what: string): (key: string) => V {
  return (key) => {
    const value = map.get(key);
    if (value === undefined) throw new Error(`demo: no ${what} ${key}`);
    return value;
  };
}
