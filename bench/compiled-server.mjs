// The compiled server's modules a benchmark uses, in one object: the app, start-up, configuration,
// database, ids and users, plus any other module under packages/server/dist given by path.
// `npm run bench` compiles the server first.
export async function compiledServer(...more) {
  const dist = new URL('../packages/server/dist/', import.meta.url);
  const paths = ['app.js', 'boot.js', 'config.js', 'db/database.js', 'lib/ids.js', 'modules/users/service.js', ...more];
  const modules = await Promise.all(paths.map((p) => import(new URL(p, dist).href)));
  return Object.assign({ sql: (await import('kysely')).sql }, ...modules);
}
