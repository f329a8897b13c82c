import { dayRange, type HolidayYear } from './types.js';

export const HOLIDAYS_2026: HolidayYear = {
  year: 2026,
  source: '国务院办公厅关于2026年部分节假日安排的通知，2025年11月4日 / State Council General Office notice of 4 November 2025 on the 2026 public holidays',
  daysOff: [
    ...dayRange('2026-01-01', '2026-01-03'), // 元旦 New Year's Day
    ...dayRange('2026-02-15', '2026-02-23'), // 春节 Spring Festival
    ...dayRange('2026-04-04', '2026-04-06'), // 清明节 Qingming
    ...dayRange('2026-05-01', '2026-05-05'), // 劳动节 Labour Day
    ...dayRange('2026-06-19', '2026-06-21'), // 端午节 Dragon Boat Festival
    ...dayRange('2026-09-25', '2026-09-27'), // 中秋节 Mid-Autumn Festival
    ...dayRange('2026-10-01', '2026-10-07'), // 国庆节 National Day
  ],
  makeUpWorkingDays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};
