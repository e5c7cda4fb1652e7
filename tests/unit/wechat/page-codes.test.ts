import { sceneOf } from '../../../src/cloud/domain/survey/visit-code'
import { RATE_PAGE } from '../../../src/cloud/domain/survey/visits'

// The stand-in applies WeChat's own checks on `scene` and `page`, and records what it drew.
jest.mock('wx-server-sdk', () => jest.requireActual('../../support/wx-server-sdk-stub'), { virtual: true })

import cloud from 'wx-server-sdk'
import { wechatPageCodes } from '../../../src/cloud/wechat/wechat'

const stub = cloud as unknown as { drawnCodes: { scene: string; page: string }[] }

test('a visit slip asks wxacode.getUnlimited for the rate page with a scene WeChat accepts', async () => {
  const scene = sceneOf('a-secret-of-sixteen-or-more', '7K3MQ9PX')
  const code = await wechatPageCodes.forPage(RATE_PAGE, scene)
  expect(stub.drawnCodes).toEqual([{ scene, page: 'pages/survey/rate/index' }])
  expect(code).toEqual({
    kind: 'wxacode',
    image: expect.stringMatching(/^data:image\/png;base64,iVBORw0KGgo/),
    target: `pages/survey/rate/index?scene=${scene}`,
  })
})

test("WeChat's refusal of a scene over 32 characters reaches the caller", async () => {
  await expect(wechatPageCodes.forPage(RATE_PAGE, 'x'.repeat(33))).rejects.toThrow(/scene/)
})
