/**
 * The project's documents hold everything a person who clones the repository needs: no committed
 * document links outside the repository (the contract used to be `../shared/SPEC.md`, a file only
 * the machine it was written on had), and every relative link in the README and docs/ reaches a
 * file of the repository, and a heading of it when it names one.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve('.');

/** Every Markdown file of the repository (outside node_modules, dist and dot folders). */
function markdownFiles(dir = ROOT): string[] {
  return readdirSync(dir).flatMap((entry) => {
    if (entry.startsWith('.') || entry === 'node_modules' || entry === 'dist') return [];
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return markdownFiles(full);
    return entry.endsWith('.md') ? [full] : [];
  });
}

/** The targets of a document's links and images: `[text](target)`, `![alt](target)`, `<img src="target">`; not those inside code. */
function linksOf(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
  const inline = [...prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
  const images = [...prose.matchAll(/<img\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!);
  return [...inline, ...images];
}

/** GitHub's anchor of a heading: lower case, inline code marks and punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors a Markdown file's headings give, duplicates numbered as GitHub numbers them. */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const match of markdown.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = slug(match[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

const external = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

describe('the documents', () => {
  const files = markdownFiles();

  it('are found: the README and docs/', () => {
    const names = files.map((file) => path.relative(ROOT, file));
    expect(names).toContain('README.md');
    expect(names).toContain(path.join('docs', 'spec-notes.md'));
  });

  it('never point outside the repository (no ../shared)', () => {
    const outside: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const name = path.relative(ROOT, file);
      if (/\.\.\/shared\b/.test(text)) outside.push(`${name}: names ../shared`);
      for (const target of linksOf(text).filter((t) => !external(t) && !t.startsWith('#'))) {
        const resolved = path.resolve(path.dirname(file), decodeURIComponent(target.split('#')[0]!));
        if (path.relative(ROOT, resolved).startsWith('..')) outside.push(`${name} → ${target}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('each lead to the contract, docs/contract.md', () => {
    const docs = files.filter((f) => path.relative(ROOT, f) === 'README.md' || path.relative(ROOT, f).startsWith(`docs${path.sep}`));
    const contract = path.join(ROOT, 'docs', 'contract.md');
    const without = docs
      .filter((file) => file !== contract)
      .filter((file) => !linksOf(readFileSync(file, 'utf8')).some((t) => !external(t) && path.resolve(path.dirname(file), t.split('#')[0]!) === contract));
    expect(without.map((file) => path.relative(ROOT, file))).toEqual([]);
  });

  it('link only to files that exist, and to headings those files have', () => {
    const broken: string[] = [];
    for (const file of files.filter((f) => path.relative(ROOT, f) === 'README.md' || path.relative(ROOT, f).startsWith(`docs${path.sep}`))) {
      const text = readFileSync(file, 'utf8');
      for (const target of linksOf(text).filter((t) => !external(t))) {
        const [where, anchor] = target.split('#') as [string, string | undefined];
        const resolved = where === '' ? file : path.resolve(path.dirname(file), decodeURIComponent(where));
        const name = `${path.relative(ROOT, file)} → ${target}`;
        if (!existsSync(resolved)) broken.push(`${name}: no such file`);
        else if (anchor && resolved.endsWith('.md') && !anchorsOf(readFileSync(resolved, 'utf8')).has(anchor)) broken.push(`${name}: no such heading`);
      }
    }
    expect(broken).toEqual([]);
  });
});
