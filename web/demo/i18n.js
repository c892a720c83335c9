// SPDX-License-Identifier: MIT
// The demo page's words in English, Japanese and Chinese. The widgets carry their own.
export const LANGS = ['en', 'ja', 'zh'];

const STRINGS = {
  en: {
    tagline: 'Customer-success metrics computed in this page. No row of your data leaves your browser.',
    data: 'Data', sample: 'Sample data set', yours: 'Your files', drop: 'Drop CSV or JSON files here, or pick them per table:',
    lenient: 'Skip bad rows (lenient)', view: 'View', segmentBy: 'Split by', none: 'none', segment: 'Segment', all: 'all customers',
    from: 'From', to: 'To', grossMargin: 'Gross margin', month: 'Month', export: 'Export', language: 'Language',
    loading: 'Loading {name}…', loaded: 'Loaded {tables}', skipped: '{n} rows skipped', couldNotLoad: 'Could not load {name}',
    mapTitle: 'Match the columns of {name}', mapHint: 'Pick the column of your file that holds each field. Required fields are marked *.',
    mapApply: 'Load with this mapping', cancel: 'Cancel', notInFile: '(not in the file)', stripe: 'Recognised as a Stripe export.',
    drillTitle: '{movement} in {month}', customer: 'Customer', before: 'MRR before', after: 'MRR after', amount: 'Amount', close: 'Close',
    byMonth: 'By month', mrr: 'MRR', arr: 'ARR', paying: 'Paying customers', arpu: 'ARPU', whichTable: 'Which table is {name}?',
    errorAt: '{table}, line {line}, column {column}', privacy: 'Computed locally: nothing was uploaded.',
  },
  ja: {
    tagline: 'カスタマーサクセス指標をこのページ内で計算します。データは一行もブラウザの外に出ません。',
    data: 'データ', sample: 'サンプルデータ', yours: 'あなたのファイル', drop: 'CSV や JSON をここにドロップするか、表ごとに選んでください:',
    lenient: '不正な行をスキップ (寛容モード)', view: '表示', segmentBy: '分割', none: 'なし', segment: 'セグメント', all: '全顧客',
    from: '開始', to: '終了', grossMargin: '粗利率', month: '月', export: 'エクスポート', language: '言語',
    loading: '{name} を読み込み中…', loaded: '読み込み済み: {tables}', skipped: '{n} 行をスキップ', couldNotLoad: '{name} を読み込めませんでした',
    mapTitle: '{name} の列を対応付け', mapHint: '各項目を含むファイルの列を選んでください。* は必須です。',
    mapApply: 'この対応で読み込む', cancel: 'キャンセル', notInFile: '(ファイルにない)', stripe: 'Stripe のエクスポートとして認識しました。',
    drillTitle: '{month} の {movement}', customer: '顧客', before: '前月 MRR', after: '当月 MRR', amount: '金額', close: '閉じる',
    byMonth: '月別', mrr: 'MRR', arr: 'ARR', paying: '課金顧客数', arpu: 'ARPU', whichTable: '{name} はどの表ですか?',
    errorAt: '{table} {line} 行目、列 {column}', privacy: 'ローカルで計算しました。何もアップロードされていません。',
  },
  zh: {
    tagline: '客户成功指标在本页面内计算。您的数据不会有任何一行离开浏览器。',
    data: '数据', sample: '示例数据', yours: '您的文件', drop: '将 CSV 或 JSON 文件拖放到此处，或按表选择：',
    lenient: '跳过错误行（宽松模式）', view: '视图', segmentBy: '细分依据', none: '无', segment: '细分', all: '全部客户',
    from: '从', to: '到', grossMargin: '毛利率', month: '月份', export: '导出', language: '语言',
    loading: '正在加载 {name}…', loaded: '已加载 {tables}', skipped: '跳过 {n} 行', couldNotLoad: '无法加载 {name}',
    mapTitle: '匹配 {name} 的列', mapHint: '为每个字段选择文件中对应的列。* 为必填。',
    mapApply: '按此映射加载', cancel: '取消', notInFile: '（文件中没有）', stripe: '已识别为 Stripe 导出文件。',
    drillTitle: '{month} 的 {movement}', customer: '客户', before: '上月 MRR', after: '本月 MRR', amount: '金额', close: '关闭',
    byMonth: '按月', mrr: 'MRR', arr: 'ARR', paying: '付费客户', arpu: 'ARPU', whichTable: '{name} 是哪张表？',
    errorAt: '{table} 第 {line} 行，列 {column}', privacy: '在本地计算：没有上传任何内容。',
  },
};

/** Reasons by error code, for a message in the page's language beside the engine's own. */
const CODES = {
  en: {}, // the engine's message is English already
  ja: {
    invalid_value: '値が不正です', missing_column: '必須の列がありません', duplicate_column: '列名が重複しています',
    field_count: 'セルの数がヘッダーと合いません', duplicate_key: 'キーが重複しています', malformed_csv: 'CSV の形式が壊れています',
    malformed_json: 'JSON の形式が壊れています', missing_exchange_rate: '為替レートがありません', mixed_currency: '通貨が混在しています',
    invalid_option: '設定が不正です', limit: '上限を超えました', aborted: '中止しました',
  },
  zh: {
    invalid_value: '值无效', missing_column: '缺少必需的列', duplicate_column: '列名重复', field_count: '单元格数量与表头不符',
    duplicate_key: '键重复', malformed_csv: 'CSV 格式错误', malformed_json: 'JSON 格式错误', missing_exchange_rate: '缺少汇率',
    mixed_currency: '货币混用', invalid_option: '设置无效', limit: '超出限制', aborted: '已取消',
  },
};

export function pickLanguage(preferred = navigator.languages ?? [navigator.language]) {
  for (const tag of preferred) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (LANGS.includes(base)) return base;
  }
  return 'en';
}

export function t(lang, key, params = {}) {
  const text = STRINGS[lang]?.[key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ''));
}

/** An error as the user reads it: where (localised), what (localised by code), the engine's text. */
export function errorText(lang, error) {
  if (lang === 'en' || !CODES[lang]) return error.message;
  const parts = [];
  if (error.table && error.line) {
    parts.push(t(lang, 'errorAt', { table: error.table, line: error.line, column: error.column ?? '–' }));
  }
  const reason = CODES[lang]?.[error.code];
  if (reason) parts.push(reason);
  parts.push(error.message);
  return parts.join(' — ');
}
