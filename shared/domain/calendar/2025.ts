import { dayRange, type HolidayYear } from './types.js';

export const HOLIDAYS_2025: HolidayYear = {
  year: 2025,
  source: '国务院办公厅关于2025年部分节假日安排的通知，2024年11月12日 / State Council General Office notice of 12 November 2024 on the 2025 public holidays',
  daysOff: [
    '2025-01-01', // 元旦 New Year's Day
    ...dayRange('2025-01-28', '2025-02-04'), // 春节 Spring Festival
    ...dayRange('2025-04-04', '2025-04-06'), // 清明节 Qingming
    ...dayRange('2025-05-01', '2025-05-05'), // 劳动节 Labour Day
    ...dayRange('2025-05-31', '2025-06-02'), // 端午节 Dragon Boat Festival
    ...dayRange('2025-10-01', '2025-10-08'), // 国庆节、中秋节 National Day and Mid-Autumn Festival
  ],
  makeUpWorkingDays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
};
