import { FIGURES } from './figures';

/** `npm run bench [-- name…]`: prints every figure with its baseline from the same run. */
async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const figures = only.length ? FIGURES.filter((f) => only.some((o) => f.name.includes(o))) : FIGURES;
  let failed = 0;
  for (const figure of figures) {
    console.log(`\n== ${figure.name}`);
    for (const line of await figure.run()) {
      const ratio = line.baseline > 0 ? line.value / line.baseline : NaN;
      if (!line.pass) failed++;
      console.log(
        `${line.pass ? 'PASS' : 'MISS'}  ${line.label}: ${line.value.toFixed(2)} ${line.unit} vs baseline ${line.baseline.toFixed(2)} ${line.unit} = ${ratio.toFixed(2)}×` +
          `  [target ${line.target}]${line.detail ? `  ${line.detail}` : ''}`,
      );
    }
  }
  console.log(`\n${failed === 0 ? '所有指标均达标' : `${failed} 项指标未达标`}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
