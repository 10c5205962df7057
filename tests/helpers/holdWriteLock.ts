// A second process that takes the database's write lock and holds it: `tsx holdWriteLock.ts FILE MS`.
// Prints LOCKED once its transaction has begun and DONE after it committed.
import { CadreInputSchema } from '../../shared/cadre';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { AppServices } from '../../electron/services/AppServices';

const [file, ms] = process.argv.slice(2);
const s = await AppServices.open(file);
await s.db.write(async (m) => {
  await s.cadres.saveWith(m, { actor: '另一进程' }, CadreInputSchema.parse({ name: '另一进程写入', gender: '女', birthDate: '1990.09', idNumber: makeIdNumber('610902', '19900915', 201, '女') }));
  process.stdout.write('LOCKED\n');
  await new Promise((r) => setTimeout(r, Number(ms)));
});
process.stdout.write('DONE\n');
await s.close();
