import { PrivacyStore } from '../../src/stores/privacy-store'
import { createMemoryStorage } from '../../src/stores/support/storage'
import { wechatTextEnlarged } from '../../src/stores/support/wechat-text-size'
import { UiStore } from '../../src/stores/ui-store'

describe("大字模式 follows WeChat's own text size", () => {
  it('counts WeChat text as enlarged above the standard 17px or a scale factor above 1', () => {
    expect(wechatTextEnlarged({})).toBe(false)
    expect(wechatTextEnlarged({ fontSizeSetting: 17, fontSizeScaleFactor: 1 })).toBe(false)
    expect(wechatTextEnlarged({ fontSizeSetting: 16, fontSizeScaleFactor: 0.9 })).toBe(false)
    expect(wechatTextEnlarged({ fontSizeSetting: 20 })).toBe(true)
    expect(wechatTextEnlarged({ fontSizeScaleFactor: 1.4 })).toBe(true)
  })

  it('starts on for someone who enlarged WeChat text, even when the server copy says off', () => {
    const ui = new UiStore(createMemoryStorage(), () => {}, true)
    expect(ui.largeText).toBe(true)
    ui.applySaved(false)
    expect(ui.largeText).toBe(true)
    expect(ui.followsWeChat).toBe(true)
  })

  it('stays off at standard WeChat text until the server copy or the person says on', () => {
    const ui = new UiStore(createMemoryStorage(), () => {}, false)
    expect(ui.largeText).toBe(false)
    ui.applySaved(true)
    expect(ui.largeText).toBe(true)
  })

  it("keeps the person's own choice over WeChat's text size, on this device from then on", () => {
    const storage = createMemoryStorage()
    const ui = new UiStore(storage, () => {}, true)
    ui.setLargeText(false)
    expect(ui.largeText).toBe(false)
    expect(ui.followsWeChat).toBe(false)
    ui.applySaved(false)
    expect(ui.largeText).toBe(false)
    const nextLaunch = new UiStore(storage, () => {}, true)
    expect(nextLaunch.largeText).toBe(false)
  })
})

describe('the privacy consent sheet', () => {
  it('holds every waiting caller until the person answers, then releases them with that answer', async () => {
    const privacy = new PrivacyStore(createMemoryStorage())
    const scan = privacy.ask('scanCode')
    const file = privacy.ask('chooseMessageFile')
    expect(privacy.asking).toBe('chooseMessageFile')
    privacy.respond('agree')
    await expect(Promise.all([scan, file])).resolves.toEqual(['agree', 'agree'])
    expect(privacy.asking).toBeNull()
  })

  it('asks on first use only until answered, and remembers a refusal too', async () => {
    const storage = createMemoryStorage()
    const first = new PrivacyStore(storage)
    first.askOnFirstUse()
    expect(first.asking).toBe('firstUse')
    first.respond('disagree')

    const again = new PrivacyStore(storage)
    expect(again.answer).toBe('disagree')
    again.askOnFirstUse()
    expect(again.asking).toBeNull()
    // WeChat still asks before a privacy API, whatever was answered on first use.
    void again.ask('scanCode')
    expect(again.asking).toBe('scanCode')
  })
})
