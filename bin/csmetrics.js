#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// csmetrics report DATA_DIR [options]: the same command as the native build, over the
// wasm engine. Both print the report through the engine's one JSON writer, so their
// output is byte-identical.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createEngine, CsMetricsError, TABLES } from '../web/csmetrics.js';

const USAGE = `usage: csmetrics report DATA_DIR [--from YYYY-MM] [--to YYYY-MM] [--lenient]
         [--currency CODE] [--gross-margin 0.8|80%] [--csat-threshold N]
         [--clv-churn-window N] [--segment-by ATTR] [--preset stripe]
         [--amount-unit major|minor] [--pretty]
       csmetrics drill DATA_DIR --month YYYY-MM --movement NAME [--segment VALUE]
         [the report options]
Reads NAME.csv or NAME.json for each table of DATA.md found in DATA_DIR
(subscriptions, customers, responses, tickets, costs, onboarding, transactions,
exchange_rates) and prints the report as JSON; \`drill\` prints the customers behind
one figure (NAME: new, reactivation, expansion, contraction, churn, churn_voluntary,
churn_involuntary, churn_unknown, upsell, cross_sell, retained, paying).
`;

function usage(problem) {
  process.stderr.write(`csmetrics: ${problem}\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv) {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
    process.stdout.write(USAGE);
    process.exit(argv.length === 0 ? 2 : 0);
  }
  if (argv[0] !== 'report' && argv[0] !== 'drill') usage(`unknown command "${argv[0]}"`);
  const a = { command: argv[0], dir: null, report: {}, load: {}, drill: {}, pretty: false };
  const month = /^\d{4}-\d{2}$/;
  for (let i = 1; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${flag} needs a value`);
      return argv[++i];
    };
    const int = () => {
      const v = value();
      if (!/^[+-]?\d+$/.test(v)) usage(`${flag} needs a whole number`);
      return Number(v);
    };
    switch (flag) {
      case '--from': case '--to': {
        const v = value();
        if (!month.test(v)) usage(`${flag} "${v}" is not a month (YYYY-MM)`);
        a.report[flag.slice(2)] = v;
        break;
      }
      case '--lenient': a.load.lenient = true; break;
      case '--currency': a.report.currency = a.load.currency = value(); break;
      case '--gross-margin': a.report.grossMargin = value(); break;
      case '--csat-threshold': a.report.csatThreshold = int(); break;
      case '--clv-churn-window': a.report.clvChurnWindow = int(); break;
      case '--segment-by': a.report.segmentBy = value(); break;
      case '--preset': a.load.preset = value(); break;
      case '--amount-unit': {
        const v = value();
        if (v !== 'major' && v !== 'minor') usage('--amount-unit is major or minor');
        a.load.amountUnit = v;
        break;
      }
      case '--pretty': a.pretty = true; break;
      case '--month': case '--movement': case '--segment':
        if (a.command !== 'drill') usage(`unknown option ${flag}`);
        a.drill[flag.slice(2)] = value();
        if (flag === '--month' && !month.test(a.drill.month)) usage(`--month "${a.drill.month}" is not a month (YYYY-MM)`);
        break;
      default:
        if (flag.startsWith('-')) usage(`unknown option ${flag}`);
        if (a.dir !== null) usage('more than one DATA_DIR');
        a.dir = flag;
    }
  }
  if (a.dir === null) usage('DATA_DIR is missing');
  if (a.command === 'drill' && (!a.drill.month || !a.drill.movement)) usage('drill needs --month and --movement');
  return a;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(args.dir) || !statSync(args.dir).isDirectory()) {
    usage(`"${args.dir}" is not a directory`);
  }
  const engine = await createEngine();
  for (const table of TABLES) {
    for (const ext of ['.csv', '.json']) {
      const path = join(args.dir, table + ext);
      if (!existsSync(path)) continue;
      const options = {
        ...args.load,
        source: table + ext,
        format: ext.slice(1),
        sizeHint: statSync(path).size,
      };
      if (table !== 'subscriptions') delete options.preset;
      const stream = Readable.toWeb(createReadStream(path, { highWaterMark: 1 << 20 }));
      await engine.load(table, stream, options);
      break;
    }
  }
  const indent = args.pretty ? 2 : -1;
  const text = args.command === 'drill'
    ? await engine.drillDownJson({ ...args.report, ...args.drill }, indent)
    : await engine.reportJson(args.report, indent);
  process.stdout.write(text + '\n');
}

main().catch((error) => {
  if (error instanceof CsMetricsError) {
    process.stderr.write(`csmetrics: ${error.message}\n`);
  } else {
    process.stderr.write(`csmetrics: internal error: ${error?.stack ?? error}\n`);
  }
  process.exit(1);
});
