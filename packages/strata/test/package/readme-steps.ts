/** The commands and files of the README's "Use it in your own project" section, for the tests that run them. */
import { readFileSync } from 'node:fs';

export const REPO_ROOT = new URL('../../../../', import.meta.url);

export interface ReadmeSteps {
  /** The shell lines of the section's sh block. */
  commands: string[];
  /** File name (from a block's first-line comment, e.g. `// app.mjs: ...`) -> contents. */
  files: Record<string, string>;
}

export function readmeSteps(): ReadmeSteps {
  const readme = readFileSync(new URL('README.md', REPO_ROOT), 'utf8');
  const start = readme.indexOf('## Use it in your own project');
  if (start < 0) throw new Error('README.md has no section "Use it in your own project"');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const blocks = [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map(([, lang, body]) => ({ lang, body }));
  const shell = blocks.find((b) => b.lang === 'sh');
  if (!shell) throw new Error('the README section has no sh block');
  const files: Record<string, string> = {};
  for (const { body } of blocks) {
    const name = /^\/\/ ([\w.-]+\.\w+)[: ]/.exec(body)?.[1];
    if (name) files[name] = body;
  }
  return { commands: shell.body.trim().split('\n'), files };
}
