// scratch: not committed
import { createApp } from '../src-main/app';
import { PASSWORD } from './clients-db';
import { percentile, timeMs } from './report';

async function main() {
  const app = await createApp({ dataDir: process.argv[2]! });
  const login = async (username: string) => {
    const conn = app.router.connect(() => undefined);
    await conn.call('session-login', { username, password: PASSWORD });
    return async (channel: string, payload: unknown) => { const r = await conn.call(channel, payload); if (!r.ok) throw new Error(r.error.message); return r.value; };
  };
  const who = { admin: await login('ada'), associate: await login('sam') };
  const sorts = [{ by: 'name', dir: 'asc' }, { by: 'created', dir: 'desc' }, { by: 'lastVisit', dir: 'desc' }, { by: 'totalSpend', dir: 'desc' }, { by: 'totalSpend', dir: 'asc' }];
  const queries = (process.env.Q ?? 'Ma,Chr,Ann,Sm,Zh,son,ill,Maria Ga,Wil,Jo').split(',');
  for (const [name, call] of Object.entries(who)) {
    for (const sort of sorts) {
      const s: number[] = [];
      for (let i = 0; i < 30; i++) s.push(await timeMs(() => call('client-list', { sort, limit: 50 })));
      console.log(name, 'page', sort.by, sort.dir, percentile(s, 50).toFixed(2));
    }
    for (const q of queries) {
      const s: number[] = [];
      for (let i = 0; i < 15; i++) s.push(await timeMs(() => call('client-list', { query: q, limit: 50 })));
      console.log(name, 'search', q, percentile(s, 50).toFixed(2));
    }
  }
  await app.close();
}
main();
