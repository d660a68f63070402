/**
 * A minimal model of Kafka's ACL authorizer for tests: parses the `kafka-acls.sh --add` lines that
 * `kafkaAclCommands` / `kafkaSecretariatAclCommands` print and answers "may this principal do this
 * operation on this topic?" with the broker's rules (allow entries only, default deny; LITERAL = exact
 * name, PREFIXED = name starts with the pattern). Tests judge the commands operators run, not a model of them.
 */
export interface AclEntry {
  principal: string;
  operations: string[];
  resource: 'topic' | 'group';
  name: string;
  pattern: 'literal' | 'prefixed';
}

export function parseAclCommand(line: string): AclEntry {
  const words = line.trim().split(/\s+/);
  if (words[0] !== 'kafka-acls.sh' || !words.includes('--add'))
    throw new Error(`not a kafka-acls.sh --add command: ${line}`);
  const values = (flag: string) =>
    words.flatMap((w, i) => (w === flag && words[i + 1] !== undefined ? [words[i + 1]!] : []));
  const one = (flag: string) => {
    const found = values(flag);
    if (found.length !== 1) throw new Error(`expected exactly one ${flag} in: ${line}`);
    return found[0]!;
  };
  const topics = values('--topic');
  const groups = values('--group');
  if (topics.length + groups.length !== 1)
    throw new Error(`expected exactly one --topic or --group in: ${line}`);
  const pattern = one('--resource-pattern-type');
  if (pattern !== 'literal' && pattern !== 'prefixed')
    throw new Error(`unsupported pattern type "${pattern}" in: ${line}`);
  const name = topics[0] ?? groups[0]!;
  if (name === '*' || name.includes('*')) throw new Error(`wildcards are not modelled: ${line}`);
  return {
    principal: one('--allow-principal'),
    operations: values('--operation'),
    resource: topics.length === 1 ? 'topic' : 'group',
    name,
    pattern,
  };
}

/** Whether the ACL lines allow `principal` the `operation` (Read, Write, Describe...) on `topic`. */
export function aclAllows(
  lines: readonly string[],
  principal: string,
  operation: string,
  topic: string,
): boolean {
  return lines
    .map(parseAclCommand)
    .some(
      (e) =>
        e.resource === 'topic' &&
        e.principal === principal &&
        (e.operations.includes(operation) || e.operations.includes('All')) &&
        (e.pattern === 'literal' ? topic === e.name : topic.startsWith(e.name)),
    );
}
