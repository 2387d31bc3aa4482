import { readFileSync, writeFileSync } from 'node:fs';

/**
 * A week later in the HR system: one person changes their family name, one moves to another
 * department, one leaves, and two are hired. Returns what changed, in words.
 */
export function nextWeek(path: string): string[] {
  const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
  const [header, ...rows] = lines;
  const cells = rows.map((row) => row.split(','));
  const renamed = cells[10]!;
  const moved = cells[20]!;
  const leaver = cells[30]!;
  const before = { family: renamed[2], groups: moved[3] };
  renamed[2] = 'Okonkwo';
  moved[3] = moved[3] === 'Finance' ? 'Legal' : 'Finance';
  const kept = cells.filter((row) => row !== leaver);
  kept.push(['amina.diallo@acme.example', 'Amina', 'Diallo', 'Engineering;Remote']);
  kept.push(['tomas.novak@acme.example', 'Tomás', 'Novák', 'Support']);
  writeFileSync(path, `${[header, ...kept.map((row) => row.join(','))].join('\n')}\n`);
  return [
    `${renamed[0]}: family name ${before.family} → Okonkwo`,
    `${moved[0]}: groups ${before.groups} → ${moved[3]}`,
    `${leaver[0]}: left the company (row removed)`,
    'amina.diallo@acme.example, tomas.novak@acme.example: hired (rows added)',
  ];
}
