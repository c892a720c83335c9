#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// csmetrics report DATA_DIR [options]: the same command as the native build, over the
// wasm engine. Both print the report through the engine's one JSON writer, so their
// output is byte-identical.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { createEngine, CsMetricsError, TABLES } from '../web/csmetrics.js';

const USAGE = `usage: csmetrics report DATA_DIR [--from YYYY-MM] [--to YYYY-MM] [--lenient]
         [--currency CODE] [--gross-margin 0.8|80%] [--csat-threshold N]
         [--clv-churn-window N] [--segment-by ATTR] [--preset stripe]
         [--amount-unit major|minor] [--discount-rate D] [--model-horizon N] [--pretty]
       csmetrics drill DATA_DIR --month YYYY-MM --movement NAME [--segment VALUE]
         [the report options]
Reads NAME.csv or NAME.json for each table of DATA.md found in DATA_DIR
(subscriptions, customers, responses, tickets, costs, onboarding, transactions,
exchange_rates) and prints the report as JSON; \`drill\` prints the customers behind
one figure (NAME: new, reactivation, expansion, contraction, churn, churn_voluntary,
churn_involuntary, churn_unknown, upsell, cross_sell, retained, paying; or the models'
customers: sbg, bg_nbd).
       csmetrics sbg SURVIVORS.csv [--fit-periods N] [--discount D] [--horizon N] [--pretty]
         fits the shifted-beta-geometric model to \`period,<column>...\` survivor counts
       csmetrics bgnbd DATA [--calibration-end DATE] [--holdout-end DATE] [--horizon-weeks W]
         [--clv-months N] [--discount D] [--margin M] [--pretty]
         fits BG/NBD and Gamma-Gamma to a transactions table, CDNOW purchase file or RFM
         summary (ID,x,t_x,T[,zbar] or ID,frequency,recency,T)
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
      case '--discount-rate': case '--model-horizon': {
        // Passed on as the JSON number it is; the engine checks its range (as natively).
        const v = value();
        if (!/^(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(v)) usage(`${flag} needs a number`);
        a.report[flag === '--discount-rate' ? 'discountRate' : 'modelHorizon'] = JSON.parse(v);
        break;
      }
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

// sbg and bgnbd: one input file; the flags mirror the native CLI's, and the engine parses
// the same text, so both print the same bytes.
function parseModelArgs(argv) {
  const command = argv[0];
  const a = { command, path: null, options: {}, pretty: false };
  const number = (flag, v) => {
    if (!/^[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v) || !(Number(v) > 0)) usage(`${flag} needs a number above 0`);
    return Number(v);
  };
  const whole = (flag, v) => {
    if (!/^[+-]?\d+$/.test(v)) usage(`${flag} needs a whole number`);
    return Number(v);
  };
  const sbgFlags = { '--fit-periods': ['fitPeriods', whole], '--horizon': ['horizon', whole] };
  const bgFlags = {
    '--calibration-end': ['calibrationEnd', (f, v) => v], '--holdout-end': ['holdoutEnd', (f, v) => v],
    '--horizon-weeks': ['horizonWeeks', number], '--clv-months': ['clvMonths', whole],
    '--margin': ['margin', (f, v) => v],
  };
  const flags = { '--discount': ['discount', number], ...(command === 'sbg' ? sbgFlags : bgFlags) };
  for (let i = 1; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--pretty') a.pretty = true;
    else if (flags[flag]) {
      if (i + 1 >= argv.length) usage(`${flag} needs a value`);
      const [key, parse] = flags[flag];
      a.options[key] = parse(flag, argv[++i]);
    } else if (flag.startsWith('-')) usage(`unknown option ${flag}`);
    else if (a.path !== null) usage('more than one input file');
    else a.path = flag;
  }
  if (a.path === null) usage(`${command} needs an input file`);
  if (a.options.fitPeriods !== undefined && a.options.fitPeriods < 1) usage('--fit-periods needs a whole number from 1');
  if (a.options.horizon < 0 || a.options.clvMonths < 1) usage('--horizon and --clv-months cannot be negative');
  return a;
}

async function modelMain(argv) {
  const args = parseModelArgs(argv);
  let text;
  try {
    text = readFileSync(args.path);
  } catch {
    usage(`cannot read "${args.path}"`);
  }
  const engine = await createEngine();
  const options = { ...args.options, source: basename(args.path) };
  const indent = args.pretty ? 2 : -1;
  const out = args.command === 'sbg' ? await engine.sbgJson(text, options, indent) : await engine.bgnbdJson(text, options, indent);
  process.stdout.write(out + '\n');
}

async function main() {
  if (process.argv[2] === 'sbg' || process.argv[2] === 'bgnbd') return modelMain(process.argv.slice(2));
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
