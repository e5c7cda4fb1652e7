import type { CanonicalThemeId, LexiconEntry, LexiconKind } from '../../../contract/voice'

/**
 * The lexicon a new database is seeded with (PGlite: migration 511; cloud: `npm run setup:cloud-db`),
 * written from how patients word comments, complaints and praise. The tagger never reads it from here:
 * it reads the database, where the hospital adds and overrides phrases on the lexicon page.
 * Editing it changes new databases only: an existing one gets a change through a new migration.
 * Space-separated phrases; `phrase@weight` where the default weight of its list is wrong for it.
 */
interface ThemePhrases {
  /** Words that say what the comment is about, without a feeling. */
  names: string
  good?: string
  bad?: string
}

const GOOD = 0.7
const BAD = -0.7

const THEMES: Record<CanonicalThemeId, ThemePhrases> = {
  registration: {
    names: '挂号 挂好 挂号处 挂号窗口 预约挂号 网上预约 预约 号源 专家号 放号 退号 建档 办卡 就诊卡 自助机 加号 挂错',
    good: '好挂 挂号方便 挂号快 挂好号',
    bad: '抢@-0.4 挂不到 挂不上 抢不到 抢号 号难挂 挂号难 一号难求 号贩子 挂号太难 不给退号',
  },
  waiting: {
    names: '排队 候诊 叫号 等候 等待 等号 排号 轮到 就诊时间 等候时间 候诊时间 等的时间',
    good: '不用等 没怎么等 没等多久 没等几分钟 等得不久 很快就轮到 准时就诊 按时就诊 很有秩序 叫号有序',
    bad: '等了@-0.4 排了@-0.4 等了半天 等了很久 等了好久 等了快 等太久 等很久 等了一上午 等了一下午 等了一天 排长队 排了很久 排了半天 排队太久 队伍排到 插队 过号 白等 干等 等着 等到 轮不到 要等很久 还要排队 又要排队 重新排',
  },
  doctorCommunication: {
    names: '医生 大夫 主任 专家 教授 主治 主刀 医师 实习生 问诊 查房 医术 病情 沟通',
    good: '医术高明 医术精湛 医术好 水平高 水平很高 讲得清楚 讲得很清楚 说得明白 说得明明白白 讲得明白 解释得很清楚 解释清楚 问得仔细 问得很仔细 看得仔细 看得很仔细 看得认真 看得很认真 讲得超详细 对症',
    bad: '敷衍 看都没看 没看几眼 看都不看 不听 根本不听 没在听 没听 打断 听不懂 看得太快 说话太快 讲得太快 过度检查 乱开药 开一堆 开了一堆 流水线 百度 上网查 自己查 说明书上有 打发 匆匆 三个说法',
  },
  nursing: {
    names:
      '护士 护士长 小护士 护士站 护理 打针 扎针 输液 换药 拔针 呼叫铃 按铃 配药 护士姐姐 护士妹妹 责任护士 夜班护士 输液室',
    good: '一针见血 手法好 手法很好 技术好 技术很好 一点都不疼 一点不疼 不疼',
    bad: '扎了好几次 扎了三次 扎了两次 扎不进去 扎了好几针 扎好几针 回血 没人来 叫不到人 叫不到 叫人也叫不到 没人拔针 没戴手套 没有核对',
  },
  tests: {
    names:
      '检查 化验 检验 抽血 验血 b超 彩超 ct 核磁 核磁共振 胃镜 肠镜 拍片 片子 x光 心电图 检查报告 报告 检查结果 化验结果 检验科 放射科 超声',
    good: '出结果快 报告快 手机上就能看 出结果很快',
    bad: '出得太慢 报告慢 约到下周 约到一个月 预约到下周 丢了 重新做 针头掉了',
  },
  pharmacy: {
    names: '取药 拿药 药房 发药 药师 药剂科 用药说明 药怎么吃 怎么吃 用法 饭前 饭后 药盒 什么药 用药 输什么药',
    good: '取药很快 拿药很快',
    bad: '发错 药发错 少发 缺药 没有药 药房没有 外面买 药店买',
  },
  environment: {
    names:
      '环境 卫生 厕所 卫生间 洗手间 指示牌 标识 指引 路标 停车 车位 停车场 座位 椅子 电梯 空调 饮水机 热水 地面 楼层 轮椅 走廊 候诊区 大厅 装修 病房 床单 被子 陪护椅 陪护床 纱窗 蚊子 门诊楼',
    good: '干净 整洁 明亮 宽敞 安静 舒适 没有异味 很好找',
    bad: '脏 臭 吵 异味 有股味道 难找 找不到 太绕 走错 冤枉路 没有纸 坏了 堵了 太挤 太硬 找了半天 晕头转向 漏水',
  },
  privacy: {
    names: '隐私 帘子 屏风',
    good: '注重隐私 保护隐私 尊重隐私 拉了帘子 拉上帘子 拉帘子 关好门 关上门 一次只进一个',
    bad: '没有隐私 一点隐私都没有 隐私都没有 泄露 大声念 大声问 当众 当着 门一直开着 门也不关 不关门 门也开着 帘子不拉 不拉帘子 围着 全名 谁都能看见 发到群里 都听到了 都听见了 随便放 病历拍照',
  },
  costTransparency: {
    names:
      '收费 费用 价格 交钱 缴费 押金 结账 清单 费用清单 收费清单 医保 报销 自费 发票 床位费 检查费 多少钱 花了@-0.2 耗材',
    good: '费用合理 价格合理 便宜 透明 一清二楚 收费合理',
    bad: '贵 乱收费 多收 收了两次 重复收费 不明不白 乱收 坑钱 不知道是什么 多了好几千 多了三千 多了好几项',
  },
  courtesy: {
    names: '态度 服务 工作人员 导医 导诊 导医台 保安 保洁 清洁工 护工 收费员 志愿者 语气 脸色 说话',
    good: '热情 热心 温柔 亲切 客气 和蔼 温和 友好 礼貌 有礼貌 耐心 微笑 笑着 笑眯眯 暖心 贴心 周到 有问必答 主动帮 主动 体贴 无微不至 像家人 像亲人 态度好 态度很好 服务好 服务周到 态度还可以@0.4 态度还行@0.4',
    bad: '态度差 态度不好 态度恶劣 态度极差@-0.9 态度生硬 态度查 凶 吼 骂 训人 冷冰冰 冷淡 冷漠 爱答不理 爱理不理 不理 不理人 不理睬 没人理 没有人理 没人管 没有人管 不耐烦 嫌烦 嫌麻烦 推诿 踢皮球 互相推 推来推去 一问三不知 甩脸 摆脸色 翻白眼 阴阳怪气 说话冲 说话很冲 说话难听 难听 不客气 没礼貌 红包 推搡 禁语 不文明 扔 摔东西 受气 头都不抬 爱看不看 看手机@-0.5 玩手机 脸色难看',
  },
  admission: {
    names: '入院 住院手续 办住院 住院处 入院手续 床位 等床 分床 分到床位',
    good: '入院很快',
    bad: '没床 没有床 等床位 加床',
  },
  diet: {
    names: '饭菜 伙食 食堂 订餐 营养餐 送餐 饭 菜 口味 饭里',
    good: '好吃 可口 合口味 营养',
    bad: '难吃 太咸 又冷又咸 太油 凉了 头发 不合口味 送晚',
  },
  treatmentExplanation: {
    names: '治疗方案 手术方案 术前谈话 病情告知 风险 治疗',
    good: '心里有底',
  },
  dischargeGuidance: {
    names: '出院 出院手续 出院指导 出院小结 出院流程 回访 随访 复查时间',
    good: '交代了复查 电话回访',
  },
}

/** Feelings that belong to no theme: the theme comes from what the clause names. */
const FEELINGS = {
  good: '好 很好 不错 还不错@0.5 满意 棒 赞 点赞 感谢 谢谢 辛苦了 认真 负责 细心 仔细 细致 专业 专业细致 及时 方便 快 很快 清楚 明白 详细 舒服 放心 安心 感动 温暖 优秀 给力 靠谱 规范 有序 合理 准时 顺利 高明 精湛 推荐 完美 满分 五星 好评 到位 便捷 快捷 高效 用心 尽心 尽职 成功 好转 治好 值得 还行@0.3 还可以@0.3 还好@0.3 挺好 好好 感谢医院 医德 救命 会推荐 👍@0.6 ❤@0.5 😊@0.3 解释@0.3 讲解@0.3 说明@0.2 交代@0.3 告诉@0.3 提醒@0.4 照顾@0.4 帮忙@0.4 顺@0.4 漂亮 高兴 愿意@0.4 辛苦@0.4 讲@0.3 短@0.3 说一声@0.3 提前说@0.3',
  bad: '差 太差 不好 很差 糟糕 失望 太失望 垃圾 恶心 气人 无语 坑 坑人 离谱 过分 太过分 折腾 麻烦 太麻烦 不方便 慢 太慢 乱 乱七八糟 一塌糊涂 耽误 浪费 差评 投诉 要投诉 不满 不满意 难受 尴尬 糟心 闹心 崩溃 无奈 心累 心寒 不专业 疼@-0.4 冷@-0.4 热得@-0.4 受不了 挤@-0.5 久@-0.4 太久 长@-0.3 高@-0.5 少@-0.3 太少 不清 不知道@-0.3 听不懂 看不懂 不明白 一般@-0.25 一般般@-0.1 凑合@-0.1 马马虎虎@-0.1 改进@-0.3 要求道歉 给个说法 给说法 不管 不给@-0.3 不让@-0.3 在也不来 再也不来 不来了@-0.5 难@-0.5 难看 复杂@-0.5 不会用@-0.5 不准@-0.5 对不上@-0.5 才@-0.3 才知道@-0.5 时有时无 好几遍@-0.4 吓人 后悔 没用 有什么用 问题@-0.2 错@-0.5 出错 没人帮忙 没人解释 没有人解释 没人告诉 没有人告诉 没说清楚 没讲清楚 没交代 也不说 也没说 都没说 没人说 不告诉 不解释 没解释 不愿意 😡 😂@-0.2 两个小时@-0.3 三个小时@-0.3 一个小时@-0.3 两个多小时@-0.3 一个多小时@-0.3 好几个小时@-0.3 一上午@-0.3 一下午@-0.3 一整天@-0.3',
}

/** Words that look like feelings but are not: matched as one word so their parts are not read. */
const NEUTRAL_WORDS =
  '好几 好多 好像 好不容易 只好 正好 刚好 好些 好在 不好意思 不错过 多久 高血压 高烧 长期 院长 科长 家长 快递 不用 没事 没想到 没关系 问问题 问一下 一般来说 差不多 别的 别人 别处 好几次 提高 冷静 爱好'

const MODIFIERS: Record<Exclude<LexiconKind, 'term'>, string> = {
  negator:
    '不@-0.9 没@-0.9 没有@-0.9 无@-0.8 别@-0.8 未@-0.8 不太@-0.7 不是@-0.8 不是很@-0.7 不怎么@-0.7 不算@-0.6 不算太@-0.6 不够@-0.7 并不@-0.9 并没有@-0.9 从不@-1 从来不@-1 毫无@-1 一点也不@-1 一点都不@-1 一点不@-1 都不@-0.9 也不@-0.9 也没@-0.9 也没有@-0.9 都没@-0.9 都没有@-0.9 没什么@-0.7 什么也没@-0.9 什么都没@-0.9',
  degree:
    '非常@1.6 特别@1.5 十分@1.5 极@1.7 极其@1.7 超@1.5 超级@1.6 太@1.5 很@1.2 真@1.3 真的@1.3 实在@1.4 挺@1.0 比较@0.8 有点@0.6 有些@0.6 稍微@0.5 略@0.5 一点@0.6 蛮@1.1 最@1.5 更@1.2 越来越@1.2 相当@1.4 格外@1.5',
  contrast: '但是@1 但@1 可是@1 不过@1 然而@1 就是@1 只是@1 却@1',
  concession: '虽然@1 虽@1 虽说@1 尽管@1',
  suggestion: '建议@1 希望@1 能不能@1 能否@1 如果能@1 期待@1 请@1',
}

function entries(list: string, kind: LexiconKind, theme: CanonicalThemeId | null, weight: number): LexiconEntry[] {
  return list
    .split(/\s+/)
    .filter(Boolean)
    .map((item) => {
      const [phrase, explicit] = item.split('@')
      return { phrase, kind, theme, weight: explicit === undefined ? weight : Number(explicit) }
    })
}

function buildBuiltIn(): LexiconEntry[] {
  const all: LexiconEntry[] = []
  for (const [theme, phrases] of Object.entries(THEMES) as [CanonicalThemeId, ThemePhrases][]) {
    all.push(...entries(phrases.names, 'term', theme, 0))
    all.push(...entries(phrases.good ?? '', 'term', theme, GOOD))
    all.push(...entries(phrases.bad ?? '', 'term', theme, BAD))
  }
  all.push(...entries(FEELINGS.good, 'term', null, 0.6))
  all.push(...entries(FEELINGS.bad, 'term', null, -0.6))
  for (const [kind, list] of Object.entries(MODIFIERS) as [LexiconKind, string][])
    all.push(...entries(list, kind, null, 1))
  // Later lists win over earlier ones for the same phrase; neutral words win over nothing else.
  const byPhrase = new Map<string, LexiconEntry>()
  for (const entry of entries(NEUTRAL_WORDS, 'term', null, 0)) byPhrase.set(entry.phrase, entry)
  for (const entry of all) byPhrase.set(entry.phrase, entry)
  return [...byPhrase.values()]
}

export const BUILT_IN_LEXICON: readonly LexiconEntry[] = buildBuiltIn()
