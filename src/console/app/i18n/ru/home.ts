import type { Translation } from '../translation';

/** The home page, its tiles and the preferences form. */
export const home: Record<string, Translation> = {
  // The page and its editor.
  Home: 'Главная',
  'Good to see you, {name}. Today is {date}.': 'Здравствуйте, {name}. Сегодня {date}.',
  'Edit home': 'Настроить главную',
  'Could not load your home page': 'Не удалось загрузить главную страницу',
  'Loading your home page…': 'Загрузка главной страницы…',
  'Your home page is saved.': 'Главная страница сохранена.',
  'Your home page has no tiles. Choose “Edit home” to add some.': 'На главной странице нет плиток. Нажмите «Настроить главную», чтобы добавить их.',
  'Your home page was not saved': 'Главная страница не сохранена',
  'No tiles yet: add one below.': 'Плиток пока нет: добавьте первую ниже.',
  'Tiles in the order shown': 'Плитки в порядке показа',
  '{position}. {tile}': '{position}. {tile}',
  'Move up': 'Выше',
  'Move down': 'Ниже',
  'Move tile {position} “{tile}” up': 'Переместить плитку {position} «{tile}» выше',
  'Move tile {position} “{tile}” down': 'Переместить плитку {position} «{tile}» ниже',
  'Remove tile {position} “{tile}”': 'Убрать плитку {position} «{tile}»',
  'Add a tile': 'Добавить плитку',
  'Add tile': 'Добавить',
  'Save home page': 'Сохранить главную',
  'Rows shown': 'Сколько строк показывать',
  'Choose a query': 'Выберите запрос',
  '{name} (shared by {owner})': '{name} (общий, от {owner})',
  'You have no saved queries yet: save one first.': 'У вас ещё нет сохранённых запросов: сначала сохраните запрос.',
  'A list of its first rows': 'Список первых строк',
  'How many it finds': 'Сколько найдено',
  'The sum of their amounts': 'Сумму по найденному',

  // The kinds of tiles.
  'My tasks due today and overdue': 'Мои задачи на сегодня и просроченные',
  'My pipeline': 'Моя воронка',
  'Saved query': 'Сохранённый запрос',
  'Unread notifications': 'Непрочитанные уведомления',
  'Approvals waiting for me': 'Ждут моего согласования',
  'Objectives’ progress': 'Выполнение целей',

  // My tasks.
  'Open My day': 'Открыть «Мой день»',
  overdue: 'просрочено',
  'due later today': 'ещё сегодня',
  'Due {when}': 'Срок: {when}',
  '{count} tasks': { one: '{count} задача', few: '{count} задачи', many: '{count} задач' },

  // My pipeline.
  'Could not load your pipeline': 'Не удалось загрузить воронку',
  'Open deals, amounts in {currency}': 'Открытые сделки, суммы в {currency}',
  Deals: 'Сделки',
  Amount: 'Сумма',
  'and {amount}': 'и {amount}',
  Prospecting: 'Поиск',
  Qualification: 'Квалификация',
  Proposal: 'Предложение',
  Negotiation: 'Переговоры',

  // A saved query.
  'Could not run the query': 'Не удалось выполнить запрос',
  'Open the query': 'Открыть запрос',
  'This saved query is not available any more: it was deleted or is no longer shared with you. Choose “Edit home” to pick another.':
    'Этот сохранённый запрос больше недоступен: его удалили или перестали с вами делить. Нажмите «Настроить главную», чтобы выбрать другой.',
  'found now': 'найдено сейчас',
  'Nothing found: the sum is 0.': 'Ничего не найдено: сумма равна 0.',
  'Nothing found now.': 'Сейчас ничего не найдено.',
  'Sum of amounts by currency': 'Сумма по валютам',

  // Notifications.
  'Nothing unread.': 'Непрочитанных нет.',
  'Mark all read': 'Отметить все прочитанными',
  '{count} unread notifications': { one: '{count} непрочитанное уведомление', few: '{count} непрочитанных уведомления', many: '{count} непрочитанных уведомлений' },

  // Approvals.
  'Could not load your approvals': 'Не удалось загрузить согласования',
  'Open approvals': 'Открыть согласования',
  waiting: 'ждут решения',
  'Campaign “{campaign}”: {stage}': 'Кампания «{campaign}»: {stage}',
  'Business plan “{plan}”': 'Бизнес-план «{plan}»',
  'Budget transfer from “{from}” to “{to}”': 'Перевод бюджета из «{from}» в «{to}»',
  'Over budget: “{work}” on “{budget}”': 'Превышение бюджета: «{work}» по бюджету «{budget}»',
  'Asked by {name} on {when}': 'Запросил(а) {name}, {when}',
  'the system': 'система',

  // Objectives.
  'Could not load your objectives': 'Не удалось загрузить цели',
  'Open plans': 'Открыть планы',
  'You have no objectives in plans that are still running.': 'У вас нет целей в действующих планах.',
  'Progress of “{name}”': 'Выполнение цели «{name}»',
  '{done} of {target} {unit}': '{done} из {target} ({unit})',

  // Preferences on My account.
  Preferences: 'Настройки',
  'Your preferences were not saved': 'Настройки не сохранены',
  'Preferences saved.': 'Настройки сохранены.',
  'Type to search, for example Moscow or New York': 'Начните вводить, например Moscow или New York',
  'Date format': 'Формат даты',
  'Example: {example}': 'Пример: {example}',
  'As my language writes dates': 'Как принято в моём языке',
  'Year-month-day (2026-12-05)': 'Год-месяц-день (2026-12-05)',
  'Day.month.year (05.12.2026)': 'День.месяц.год (05.12.2026)',
  'Month/day/year (12/05/2026)': 'Месяц/день/год (12/05/2026)',
  'Pipeline totals are shown in it; other currencies beside it, never converted': 'В ней показываются итоги воронки; другие валюты — рядом, без пересчёта',
  'Save preferences': 'Сохранить настройки',
};
