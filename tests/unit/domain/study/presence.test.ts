import { distanceMeters, provePresence } from '../../../../src/cloud/domain/study/presence'
import { wgs84ToGcj02 } from '../../../../src/services/presence/gcj02'

const HALL = { latitude: 31.2, longitude: 121.45 }

describe('distanceMeters', () => {
  it('measures a degree of latitude as about 111 km and a degree of longitude shorter away from the equator', () => {
    expect(distanceMeters({ latitude: 0, longitude: 0 }, { latitude: 1, longitude: 0 })).toBeCloseTo(111_195, -1)
    const east = distanceMeters(HALL, { ...HALL, longitude: HALL.longitude + 0.001 })
    expect(east).toBeGreaterThan(90)
    expect(east).toBeLessThan(100)
  })
})

describe('provePresence', () => {
  const fence = { ...HALL, radiusMeters: 100 }
  const metersNorth = (m: number) => ({ latitude: HALL.latitude + m / 111_195, longitude: HALL.longitude })

  it('asks nothing of a session without fence or Wi-Fi, and ignores what is sent', () => {
    expect(provePresence({ fence: null, wifiBssids: [] }, { location: metersNorth(5000) })).toBe('none')
  })

  it('takes the edge of the fence and refuses a metre past it', () => {
    expect(provePresence({ fence, wifiBssids: [] }, { location: metersNorth(99) })).toBe('verified')
    expect(() => provePresence({ fence, wifiBssids: [] }, { location: metersNorth(101) })).toThrow(/不在签到地点附近/)
  })

  it('needs every proof the session asks for', () => {
    const both = { fence, wifiBssids: ['aa:bb:cc:00:11:22'] }
    expect(() => provePresence(both, { location: metersNorth(10) })).toThrow(/Wi-Fi/)
    expect(() => provePresence(both, { bssid: 'aa:bb:cc:00:11:22' })).toThrow(/允许获取位置/)
    expect(provePresence(both, { location: metersNorth(10), bssid: 'aa:bb:cc:00:11:22' })).toBe('verified')
  })
})

describe('wgs84ToGcj02', () => {
  it('shifts a point in China by the published offset (some hundreds of metres), and leaves one abroad alone', () => {
    const shifted = wgs84ToGcj02(HALL.latitude, HALL.longitude)
    const offset = distanceMeters(HALL, shifted)
    expect(offset).toBeGreaterThan(100)
    expect(offset).toBeLessThan(800)
    expect(wgs84ToGcj02(51.5, -0.12)).toEqual({ latitude: 51.5, longitude: -0.12 })
  })
})
