import path from 'node:path';
import { parseArgs } from 'node:util';
import { restrictNewFiles } from '../db/privateFiles';
import { systemContext } from '../services/ServiceContext';
import { ServerRefusal, startServer } from './serverMode';

const USAGE = `用法：npm run server -- --pg postgres://用户@主机:端口/数据库 --data 数据目录 [选项]
  --pg URL              PostgreSQL 数据库（或 --db 文件：SQLite 数据库文件）
  --data 目录           服务器的数据目录（归档账本密钥、佐证材料、自签名证书）
  --listen 地址:端口    监听地址（默认 127.0.0.1:5180，只有本机可以访问；0.0.0.0 表示所有网卡）
  --public-name 名称    各台电脑访问服务器所用的域名或地址（可多次指定）
  --tls-cert 文件 --tls-key 文件   本单位的证书与私钥（PEM）
  --tls-self-signed     在数据目录中生成自签名证书并显示其指纹
  --insecure-lan        在网络地址上不加密（仅限与外界隔离的内部网络）
  --static 目录         界面文件（默认 out/renderer）`;

/** `npm run server -- --pg URL --data DIR --listen HOST:PORT …`: the department server (see serverMode.ts). */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      pg: { type: 'string' },
      db: { type: 'string' },
      data: { type: 'string' },
      listen: { type: 'string' },
      'public-name': { type: 'string', multiple: true },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'tls-self-signed': { type: 'boolean' },
      'insecure-lan': { type: 'boolean' },
      static: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const server = await startServer({
    pg: values.pg,
    db: values.db,
    dataDir: values.data ?? process.env.CADRE_DESK_DATA,
    listen: values.listen,
    publicNames: values['public-name'],
    tlsCert: values['tls-cert'],
    tlsKey: values['tls-key'],
    tlsSelfSigned: values['tls-self-signed'],
    insecureLan: values['insecure-lan'],
    staticDir: values.static ?? path.resolve(process.cwd(), 'out', 'renderer'),
    ctx: systemContext(),
  });
  for (const line of server.lines) console.log(line);
  console.log('按 Ctrl+C 退出。');
  // On 127.0.0.1 each Enter prints a fresh one-time address, as the browser host does.
  if (server.local) process.stdin.on('data', () => console.log(`新的一次性地址：${server.host.newLink()}`));
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

restrictNewFiles();
main().catch((err) => {
  console.error(`错误：${err instanceof Error ? err.message : String(err)}`);
  if (err instanceof ServerRefusal && err.aboutOptions) console.error(`\n${USAGE}`);
  process.exit(err instanceof ServerRefusal ? 2 : 1);
});
