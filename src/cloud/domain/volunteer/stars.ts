import { STAR_LEVEL_HOURS, STAR_LEVEL_NAMES, type StarLevel } from '../../../contract'

/** The star level for all-time recorded minutes; a level is reached at exactly its hours. */
export function starLevel(minutesAllTime: number): StarLevel {
  const level = STAR_LEVEL_HOURS.filter((hours) => minutesAllTime >= hours * 60).length
  const next = STAR_LEVEL_HOURS[level]
  return {
    level,
    name: STAR_LEVEL_NAMES[level] || '未评星',
    // In minutes, so nothing rounds a level that is not reached to 0.0 h: up to the next tenth of an hour.
    hoursToNext: next === undefined ? null : Math.ceil((next * 60 - minutesAllTime) / 6) / 10,
  }
}
