import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { FIGURES } from './figures';

/**
 * `npm run bench [-- [--quick] name…]`: prints every figure with its baseline from the same run. Each figure runs in a
 * fresh process, so that memory figures (peak RSS) are not inflated by the datasets of the figures before them.
 */
async function runFigure(index: number): Promise<number> {
  const figure = FIGURES[index];
  let failed = 0;
  console.log(`\n== ${figure.name}`);
  for (const line of await figure.run()) {
    const ratio = line.baseline > 0 ? line.value / line.baseline : NaN;
    if (!line.pass) failed++;
    console.log(
      `${line.pass ? 'PASS' : 'MISS'}  ${line.label}: ${line.value.toFixed(2)} ${line.unit} vs baseline ${line.baseline.toFixed(2)} ${line.unit} = ${ratio.toFixed(2)}×` +
        `  [target ${line.target}]${line.detail ? `  ${line.detail}` : ''}`,
    );
  }
  return failed;
}

async function main(): Promise<void> {
  // `--quick`: shorter runs where a figure offers them (the department server's load); the figures read the env.
  if (process.argv.includes('--quick')) process.env.CADRE_BENCH_QUICK = '1';
  const args = process.argv.slice(2).filter((a) => a !== '--quick');
  const child = args.indexOf('--figure');
  if (child >= 0) {
    process.exitCode = (await runFigure(Number(args[child + 1]))) ? 3 : 0;
    return;
  }
  const indexes = FIGURES.map((f, i) => ({ f, i })).filter(({ f }) => !args.length || args.some((o) => f.name.includes(o)));
  let missed = 0;
  for (const { i } of indexes) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--figure', String(i)], { stdio: 'inherit' });
    if (r.status === 3) missed++;
    else if (r.status !== 0) throw new Error(`基准“${FIGURES[i].name}”运行失败（退出码 ${r.status}）`);
  }
  console.log(`\n${missed === 0 ? '所有指标均达标' : `${missed} 组指标未全部达标`}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
