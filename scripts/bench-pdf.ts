/**
 * How long the attendance register's PDF takes for 300 and 1,000 people (Kazakh names and
 * organisations, several pages with "page n of m"): median and slowest of RUNS (default 5) runs,
 * and this process's CPU time (the machine may be shared). Run: node --import tsx scripts/bench-pdf.ts
 */
import { attendancePdf, type RegisterRow } from '../src/meetings/attendance/register-pdf.ts';

const RUNS = Number(process.env.RUNS ?? 5);

function rows(n: number): RegisterRow[] {
  return Array.from({ length: n }, (_, i) => ({
    personName: `Әлихан Нұрғалиұлы Бөкейханов ${i + 1}`,
    organisationName:
      i % 3 === 0 ? 'Қазақстан Республикасы Әділет министрлігі' : 'Қоғамдық бірлестік «Үкіметтік емес ұйымдар одағы»',
    category: i % 2 ? 'Мемлекеттік орган' : 'Үкіметтік емес ұйым',
    role: 'мүше',
    presence: i % 10 === 0 ? 'қатыспады' : 'қатысты',
  }));
}

for (const n of [300, 1000]) {
  const times: number[] = [];
  const cpu = process.cpuUsage();
  let bytes = 0;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const pdf = await attendancePdf({
      title: 'Қатысушылар тізімі',
      subtitle: 'Адам құқықтары жөніндегі консультативтік-кеңесші орган',
      generatedAt: '2026-05-12 10:00',
      columns: {
        n: '№',
        person: 'Аты-жөні',
        organisation: 'Ұйым',
        category: 'Санат',
        role: 'Рөлі',
        presence: 'Қатысуы',
      },
      rows: rows(n),
      summary: `Барлығы: ${n}`,
      pageLabel: (page, pages) => `${pages} беттің ${page}-беті`,
      lang: 'kk',
    });
    times.push(performance.now() - start);
    bytes = pdf.length;
  }
  times.sort((a, b) => a - b);
  const used = process.cpuUsage(cpu);
  console.log(
    `${n} rows: median ${times[Math.floor(times.length / 2)]?.toFixed(0)} ms, slowest ${times.at(-1)?.toFixed(0)} ms, ` +
      `CPU ${((used.user + used.system) / 1000 / RUNS).toFixed(0)} ms per run, ${bytes} bytes`,
  );
}
